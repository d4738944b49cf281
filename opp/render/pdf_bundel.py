"""Several documents of one template converted as one: merged into one .docx, its PDF split again.

LibreOffice spends about a quarter of a document's conversion on what every document costs however long it
is (a new document model, its styles, a layout, a PDF writer, embedding the fonts). A bundle pays that
once. Each document keeps what it shows on its own:
- it is a section of its own, on a new page, with its own header and footer, its pages numbered from 1;
- "pagina X van Y": Y (NUMPAGES, which would count the whole bundle) becomes a page reference to a bookmark
  at the start of the document's last paragraph, which shows that page's number as numbered: the document's
  own page count. (At the paragraph's end the bookmark would split its last text portion, and LibreOffice
  then kerns the last character a hair differently.) That the bookmark is on the document's last page is
  checked in the PDF (`splits`): a last paragraph that runs over a page would make Y one short;
- numbered lists and headings (1, 1.1, ...) start again in each document: their lists get a copy per
  document that restarts;
- its PDF gets the bundle's document information, language, opening view and the outline entries (the
  headings) of its own pages.
Only documents whose every shared part (styles, numbering, settings, theme, fonts, relationships) is the
same are bundled (`sleutel`); anything else is converted alone. Where the PDF's pages cannot be told apart
for certain (`splits` returns False), the caller converts the documents alone, so nothing is lost.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT, RELS, TYPES = "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"
# A document's own parts; every other part must be the same byte for byte across a bundle.
EIGEN = {DOCUMENT, RELS, "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"}
KOP_VOET = ("header", "footer")
# Names of the bookmarks added at each document's start and end: letters and digits only, which LibreOffice
# keeps as they are in a PDF destination's name.
BLADWIJZER = "OPPBUNDEL"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def _w(naam: str) -> str:
    return f"{{{W}}}{naam}"


def _xml(data: bytes) -> etree._Element:
    return etree.fromstring(data, _PARSER)


def _bytes(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def sleutel(docx: Path) -> str | None:
    """What documents must share to be bundled (equal keys: they can); None: convert it alone (an image, a
    footnote, a header with relationships of its own, a part we do not know how to merge, or a document of
    another shape than one section with its own header and footer, or with links or fields that point at a
    bookmark: see _enkelvoudig)."""
    try:
        with zipfile.ZipFile(docx) as z:
            if not _enkelvoudig(z.read(DOCUMENT)) or b"evenAndOddHeaders" in z.read("word/settings.xml"):
                return None  # (even pages with a header of their own: left alone too)
            namen = sorted(z.namelist())
            rels = _xml(z.read(RELS))
            kop_voet = _kop_voet(rels)
            if any(r.get("TargetMode") == "External" for r in rels):
                return None
            if any(_VERWIJZING.search(z.read(f"word/{deel}")) for deel in kop_voet):
                return None
            h = hashlib.sha256()
            for naam in namen:
                if naam in EIGEN or naam.removeprefix("word/") in kop_voet:
                    continue
                if naam.startswith(("word/media/", "word/embeddings/", "word/footnotes", "word/endnotes",
                                    "word/comments")) or (naam.startswith("word/_rels/") and naam != RELS):
                    return None
                h.update(naam.encode() + b"\0" + z.read(naam) + b"\0")
            for r in sorted(rels, key=lambda r: r.get("Id") or ""):  # the shared parts' relationships
                if r.get("Target") not in kop_voet:
                    h.update(f"{r.get('Id')} {r.get('Type')} {r.get('Target')}\0".encode())
            return h.hexdigest()
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None


def _kop_voet(rels: etree._Element) -> set[str | None]:
    """The parts (targets) of a document's headers and footers."""
    return {r.get("Target") for r in rels if r.get("Type") in {REL_TYPE + k for k in KOP_VOET}}


def _enkelvoudig(document: bytes) -> bool:
    """One section (the body's own), with a header and a footer of its own, the same on every page; no page
    count in the body, no link or field that points at a bookmark. In a bundle a section without a header of
    its own would show the previous document's, a second section would need its own numbering, and a page
    count in the body would count the bundle. A cheap look at the bytes: anything written otherwise (another
    prefix, say) is simply converted alone."""
    return (len(_SECTIE.findall(document)) == 1 and b"<w:titlePg" not in document
            and not _VERWIJZING.search(document)
            and b"NUMPAGES" not in document and b"SECTIONPAGES" not in document
            and all(re.search(rb"<w:%sReference\b[^>]*w:type=\"default\"" % soort, document)
                    for soort in (b"header", b"footer")))


_SECTIE = re.compile(rb"<w:sectPr[\s>]")
# A link or field that points at a bookmark: in a bundle a name may occur in several documents, and the link
# would go to another one's. (A false alarm only means the document is converted alone.)
_VERWIJZING = re.compile(rb"w:anchor=|\b(?:PAGEREF|NOTEREF|REF|TOC|HYPERLINK)\b")
_PAGINATAL = re.compile(rb"\b(?:NUMPAGES|SECTIONPAGES)\b")


def bladwijzers(aantal: int) -> list[str]:
    """The bookmark at the start of each document in a bundle: its PDF destination names the first page."""
    return [f"{BLADWIJZER}{i}B" for i in range(aantal)]


def eind_bladwijzers(aantal: int) -> list[str]:
    """The bookmark at the start of each document's last paragraph, whose page is its "van Y"."""
    return [f"{BLADWIJZER}{i}E" for i in range(aantal)]


class _Nummering:
    """Numbered lists (not bullets) restarted per document: a copy of each such list per document."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.numbering = numbering
        self.abstract: dict[str, etree._Element] = {}
        self.num_abstract: dict[str, str] = {}
        self.nums: dict[str, etree._Element] = {}
        if numbering is not None:
            for a in numbering.findall(_w("abstractNum")):
                self.abstract[a.get(_w("abstractNumId")) or ""] = a
            for n in numbering.findall(_w("num")):
                abstract = n.find(_w("abstractNumId"))
                if abstract is not None:
                    self.num_abstract[n.get(_w("numId")) or ""] = abstract.get(_w("val")) or ""
                    self.nums[n.get(_w("numId")) or ""] = n
        self.stijl = _stijl_nummers(styles)
        self.volgende = 1 + max((int(n) for n in self.num_abstract if n.isdigit()), default=0)

    def geteld(self, num_id: str) -> bool:
        abstract = self.abstract.get(self.num_abstract.get(num_id, ""))
        if abstract is None:
            return False
        formaten = {f.get(_w("val")) for f in abstract.iter(_w("numFmt"))}
        return bool(formaten - {"bullet", "none", None})

    def herstart(self, paragrafen: list[etree._Element]) -> None:
        """Give every numbered paragraph of one document its numbering by a new, restarting copy."""
        kopie: dict[str, str] = {}
        for p in paragrafen:
            ppr = p.find(_w("pPr"))
            direct = ppr.find(_w("numPr")) if ppr is not None else None
            num_id, niveau = _nummer(direct)
            if num_id is None and ppr is not None:
                stijl = ppr.find(_w("pStyle"))
                num_id, stijl_niveau = self.stijl.get(stijl.get(_w("val")) if stijl is not None else "",
                                                      (None, "0"))
                niveau = niveau or stijl_niveau
            if num_id is None or not self.geteld(num_id):
                continue
            if num_id not in kopie:
                kopie[num_id] = self._kopie(num_id)
            if ppr is None:
                ppr = etree.Element(_w("pPr"))
                p.insert(0, ppr)
            if direct is None:
                direct = etree.Element(_w("numPr"))
                na = ppr.find(_w("pStyle"))
                (na.addnext(direct) if na is not None else ppr.insert(0, direct))
            for kind in list(direct):
                direct.remove(kind)
            etree.SubElement(direct, _w("ilvl")).set(_w("val"), niveau or "0")
            etree.SubElement(direct, _w("numId")).set(_w("val"), kopie[num_id])

    def _kopie(self, num_id: str) -> str:
        """A copy of list `num_id` (its own overrides kept) that starts every level again, after the last list."""
        assert self.numbering is not None  # geteld() found the list
        nieuw = str(self.volgende)
        self.volgende += 1
        origineel = self.nums[num_id]
        num = copy.deepcopy(origineel)
        num.set(_w("numId"), nieuw)
        laatste = self.numbering.findall(_w("num"))[-1]
        laatste.addnext(num)
        overrides = {o.get(_w("ilvl")): o for o in num.findall(_w("lvlOverride"))}
        for lvl in self.abstract[self.num_abstract[num_id]].findall(_w("lvl")):
            niveau = lvl.get(_w("ilvl")) or "0"
            override = overrides.get(niveau)
            if override is None:
                override = etree.SubElement(num, _w("lvlOverride"))
                override.set(_w("ilvl"), niveau)
            if override.find(_w("startOverride")) is None:  # the list's own restart value stays
                start = lvl.find(_w("start"))
                begin = etree.Element(_w("startOverride"))
                begin.set(_w("val"), (start.get(_w("val")) or "1") if start is not None else "1")
                override.insert(0, begin)
        return nieuw


def _nummer(num_pr: etree._Element | None) -> tuple[str | None, str | None]:
    if num_pr is None:
        return None, None
    num_id, niveau = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
    return (num_id.get(_w("val")) if num_id is not None else None,
            niveau.get(_w("val")) if niveau is not None else None)


def _stijl_nummers(styles: etree._Element | None) -> dict[str, tuple[str | None, str]]:
    """Paragraph style -> the list it numbers with and its level (through the styles it is based on)."""
    if styles is None:
        return {}
    eigen: dict[str, tuple[str | None, str | None]] = {}
    basis: dict[str, str] = {}
    for s in styles.findall(_w("style")):
        if s.get(_w("type")) != "paragraph":
            continue
        sid = s.get(_w("styleId")) or ""
        ppr = s.find(_w("pPr"))
        eigen[sid] = _nummer(ppr.find(_w("numPr")) if ppr is not None else None)
        based = s.find(_w("basedOn"))
        if based is not None:
            basis[sid] = based.get(_w("val")) or ""
    uit: dict[str, tuple[str | None, str]] = {}
    for sid in eigen:
        num_id, niveau, s, gezien = None, None, sid, set()
        while s in eigen and s not in gezien:
            gezien.add(s)
            num_id = num_id or eigen[s][0]
            niveau = niveau or eigen[s][1]
            s = basis.get(s, "")
        uit[sid] = (num_id, niveau or "0")
    return uit


def voeg_samen(documenten: list[Path], doel: Path) -> None:
    """Write one .docx at `doel` holding `documenten` (equal `sleutel`) one after the other, each a section
    of its own (see the module's docstring). Raises OSError, KeyError or XMLSyntaxError when one is unreadable."""
    with zipfile.ZipFile(documenten[0]) as basis:
        namen = basis.namelist()
        gedeeld = {n: basis.read(n) for n in namen if n not in EIGEN}
        eerste_rels = _xml(basis.read(RELS))
    kop_voet_oud = _kop_voet(eerste_rels)
    for target in kop_voet_oud:
        gedeeld.pop(f"word/{target}", None)
    rels = copy.deepcopy(eerste_rels)
    for r in list(rels):
        if r.get("Target") in kop_voet_oud:
            rels.remove(r)
    types = _xml(gedeeld[TYPES])
    for o in list(types):
        if o.get("PartName", "").removeprefix("/word/") in kop_voet_oud:
            types.remove(o)
    nummering = _Nummering(_xml(gedeeld["word/numbering.xml"]) if "word/numbering.xml" in gedeeld else None,
                           _xml(gedeeld["word/styles.xml"]) if "word/styles.xml" in gedeeld else None)

    samen: etree._Element | None = None
    body = etree.Element(_w("body"))  # replaced by the first document's
    delen: dict[str, bytes] = {}
    for i, pad in enumerate(documenten):
        with zipfile.ZipFile(pad) as z:
            document = _xml(z.read(DOCUMENT))
            eigen_rels = {r.get("Id"): r for r in _xml(z.read(RELS))}
            inhoud = list(document.find(_w("body")))
            sectie = inhoud.pop()
            if sectie.tag != _w("sectPr"):
                raise KeyError("sectPr")
            for ref in sectie:
                soort = {_w("headerReference"): "header", _w("footerReference"): "footer"}.get(ref.tag)
                if soort is None:
                    continue
                doel_part = eigen_rels[ref.get(f"{{{R}}}id")].get("Target")
                # this document's page count, not the bundle's
                xml = _PAGINATAL.sub(f"PAGEREF {BLADWIJZER}{i}E".encode(), z.read(f"word/{doel_part}"))
                naam = f"{soort}_opp{i}_{len(delen)}.xml"
                delen[f"word/{naam}"] = xml
                rid = f"rIdOpp{i}_{len(delen)}"
                ref.set(f"{{{R}}}id", rid)
                etree.SubElement(rels, f"{{{PR}}}Relationship", Id=rid, Type=REL_TYPE + soort, Target=naam)
                etree.SubElement(types, f"{{{CT}}}Override", PartName=f"/word/{naam}",
                                 ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{soort}+xml")
        if samen is None:
            samen, body = document, document.find(_w("body"))
            assert body is not None  # it held the section read above
            for kind in list(body):
                body.remove(kind)
        _nummer_pagina_s_opnieuw(sectie)
        if not inhoud or inhoud[-1].tag != _w("p"):  # the section's end needs a paragraph to hold it
            inhoud.append(etree.Element(_w("p")))
        _bladwijzer(next(p for p in inhoud if p.tag == _w("p")), f"{BLADWIJZER}{i}B", 2 * i + 900000)
        _bladwijzer(inhoud[-1], f"{BLADWIJZER}{i}E", 2 * i + 900001)
        if i:
            nummering.herstart([p for blok in inhoud for p in blok.iter(_w("p"))])
        body.extend(inhoud)
        if i < len(documenten) - 1:  # the section ends with the document's last paragraph
            laatste = inhoud[-1]
            ppr = laatste.find(_w("pPr"))
            if ppr is None:
                ppr = etree.Element(_w("pPr"))
                laatste.insert(0, ppr)
            ppr.append(sectie)
        else:
            body.append(sectie)
    assert samen is not None

    gedeeld[TYPES] = _bytes(types)
    if nummering.numbering is not None:
        gedeeld["word/numbering.xml"] = _bytes(nummering.numbering)
    with zipfile.ZipFile(documenten[0]) as basis, zipfile.ZipFile(doel, "w", zipfile.ZIP_DEFLATED,
                                                                    compresslevel=1) as uit:
        for naam in namen:
            if naam == DOCUMENT:
                uit.writestr(naam, _bytes(samen))
            elif naam == RELS:
                uit.writestr(naam, _bytes(rels))
            elif naam in gedeeld:
                uit.writestr(naam, gedeeld[naam])
            elif naam in EIGEN:
                uit.writestr(naam, basis.read(naam))
        for naam, data in delen.items():
            uit.writestr(naam, data)


def _nummer_pagina_s_opnieuw(sectie: etree._Element) -> None:
    """The section starts on a new page numbered 1 (pgNumType comes before cols in the schema's order)."""
    soort = sectie.find(_w("type"))
    if soort is not None:
        soort.set(_w("val"), "nextPage")
    nummers = sectie.find(_w("pgNumType"))
    if nummers is None:
        nummers = etree.Element(_w("pgNumType"))
        voor = next((sectie.find(_w(n)) for n in ("cols", "formProt", "vAlign", "noEndnote", "titlePg",
                                                   "textDirection", "bidi", "rtlGutter", "docGrid")
                     if sectie.find(_w(n)) is not None), None)
        (voor.addprevious(nummers) if voor is not None else sectie.append(nummers))
    nummers.set(_w("start"), "1")


def _bladwijzer(paragraaf: etree._Element, naam: str, nummer: int) -> None:
    """An empty bookmark at the start of `paragraaf` (after its properties)."""
    start, einde = etree.Element(_w("bookmarkStart")), etree.Element(_w("bookmarkEnd"))
    start.set(_w("id"), str(nummer))
    start.set(_w("name"), naam)
    einde.set(_w("id"), str(nummer))
    ppr = paragraaf.find(_w("pPr"))
    plek = 0 if ppr is None else paragraaf.index(ppr) + 1
    paragraaf.insert(plek, einde)
    paragraaf.insert(plek, start)


def splits(pdf: Path, doelen: list[Path]) -> bool:
    """Split the bundle's `pdf` into one PDF per document at `doelen` (in the bundle's order), each starting
    at its bookmark's page. False, leaving none of them, when the pages cannot be told apart for certain (a
    destination missing or out of order, a document without a page) or a document's "van Y" would not be its
    page count (its last paragraph does not start on its last page)."""
    import pikepdf

    try:
        with pikepdf.open(pdf) as bundel:
            pagina: dict = {p.objgen: i for i, p in enumerate(bundel.pages)}
            bestemmingen = _bestemmingen(bundel)
            eerste = [pagina.get(_pagina_van(bestemmingen.get(naam)), -1) for naam in bladwijzers(len(doelen))]
            grenzen = [*eerste, len(bundel.pages)]
            eind = [pagina.get(_pagina_van(bestemmingen.get(naam)), -1) for naam in eind_bladwijzers(len(doelen))]
            if eerste[0] != 0 or any(a >= b for a, b in itertools.pairwise(grenzen)) or \
                    eind != [b - 1 for b in grenzen[1:]]:
                return False
            with bundel.open_outline() as outline:
                koppen = _koppen(outline.root, pagina)
            # What every document's PDF takes from the bundle, as objects it can copy (copy_foreign takes
            # indirect objects only; the bundle is not saved again).
            gedeeld = {naam: waarde if waarde.is_indirect else bundel.make_indirect(waarde)
                       for naam, waarde in [("/Info", bundel.trailer.get("/Info")),
                                            *((n, bundel.Root.get(n)) for n in ("/Lang", "/ViewerPreferences"))]
                       if waarde is not None}
            for i, doel in enumerate(doelen):
                _schrijf_deel(bundel, range(grenzen[i], grenzen[i + 1]), koppen, gedeeld, doel)
        return True
    except (OSError, ValueError, KeyError, AttributeError, IndexError, pikepdf.PdfError):
        for doel in doelen:
            doel.unlink(missing_ok=True)
        return False


def _bestemmingen(bundel) -> dict:
    """Named destinations: LibreOffice writes them in the catalog's /Dests (keys as PDF names, with '/');
    later PDF versions keep them in a name tree."""
    import pikepdf

    uit = {str(k).removeprefix("/"): v for k, v in bundel.Root.get("/Dests", pikepdf.Dictionary()).items()}
    if "/Names" in bundel.Root and "/Dests" in bundel.Root.Names:
        uit.update(pikepdf.NameTree(bundel.Root.Names.Dests).items())
    return uit


# An outline entry (a heading): its title, its page in the bundle, and the entries under it.
_Kop = tuple[str, int, list]


def _pagina_van(bestemming) -> tuple[int, int]:
    """The page object (its number and generation) an explicit destination [page /XYZ ...] points to."""
    import pikepdf

    if isinstance(bestemming, pikepdf.Dictionary) and "/D" in bestemming:
        bestemming = bestemming.D
    return bestemming[0].objgen if isinstance(bestemming, pikepdf.Array) and len(bestemming) else (-1, -1)


def _koppen(items, pagina: dict) -> list[_Kop]:
    uit = []
    for item in items:
        doel = item.destination
        if doel is None and item.action is not None and item.action.get("/S") == "/GoTo":
            doel = item.action.D
        uit.append((str(item.title), pagina.get(_pagina_van(doel), -1), _koppen(item.children, pagina)))
    return uit


def _schrijf_deel(bundel, pagina_s: range, koppen: list[_Kop], gedeeld: dict, doel: Path) -> None:
    """One document's pages as a PDF of its own, with the bundle's document information, language, viewer
    preferences and opening view, and the outline entries that point into its pages."""
    import pikepdf

    deel = pikepdf.new()
    deel.pages.extend(bundel.pages[pagina_s.start:pagina_s.stop])
    for naam, waarde in gedeeld.items():  # the document information lives in the trailer, the rest in the catalog
        (deel.trailer if naam == "/Info" else deel.Root)[naam] = deel.copy_foreign(waarde)
    deel.Root.OpenAction = pikepdf.Array([deel.pages[0].obj, pikepdf.Name.XYZ, None, None, 0])

    def items(lijst: list[_Kop]) -> list:
        uit = []
        for titel, nummer, kinderen in lijst:
            if nummer in pagina_s:
                item = pikepdf.OutlineItem(titel, nummer - pagina_s.start)
                item.children.extend(items(kinderen))
                uit.append(item)
        return uit

    with deel.open_outline() as outline:
        outline.root.extend(items(koppen))
    deel.save(doel)
