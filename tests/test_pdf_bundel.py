"""Documents of one template converted as one bundle (opp/render/pdf_bundel.py): each PDF must read, page
for page, as the PDF of its document converted alone, with its own page numbers ("pagina X van Y"), its own
heading numbers and its own outline; what cannot be bundled or split goes alone, and nothing is lost."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from docx import Document
from docx.shared import Inches
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from opp.invoer import open_invoer
from opp.render import pdf as pdf_module
from opp.render import pdf_bundel
from opp.render.documents import render
from opp.render.pdf import convert_to_pdf
from opp.render.pdf_uno import Kantoor
from render_helpers import DATUM, leerling, ouder, workbook

W = {"w": pdf_bundel.W}
needs_uno = pytest.mark.skipif(
    shutil.which("soffice") is None or pdf_module.uno_python() is None
    or subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0,
    reason="LibreOffice met python3-uno is niet geïnstalleerd; .ci/run installeert het")

LANG = "Werkt graag buiten en helpt anderen bij het opruimen van de werkplaats. " * 60


def _klas(tmp_path: Path, n: int = 4) -> list[Path]:
    """The OPPs and IOPs of a class whose pupils differ in length (so in page count), as opp writes them."""
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}", onderbouwing_uitstroom=LANG * (i % 3) or "Kort.")
              for i in range(n)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    return render(open_invoer(wb, DATUM), uit=tmp_path / "uit", documenten=["opp", "iop"]).geschreven


def _per_soort(files: list[Path], soort: str) -> list[Path]:
    return [f for f in files if f" - {soort} - " in f.name]


def test_documents_of_one_template_share_a_key_and_others_do_not(tmp_path):
    files = _klas(tmp_path, 2)
    opp, iop = _per_soort(files, "OPP"), _per_soort(files, "IOP")
    assert pdf_bundel.sleutel(opp[0]) == pdf_bundel.sleutel(opp[1]) is not None
    assert pdf_bundel.sleutel(iop[0]) == pdf_bundel.sleutel(iop[1]) is not None
    assert pdf_bundel.sleutel(opp[0]) != pdf_bundel.sleutel(iop[0])


def test_what_cannot_be_merged_has_no_key(tmp_path):
    kapot = tmp_path / "kapot.docx"
    kapot.write_bytes(b"PK\x03\x04 dit is geen document")
    plaatje = tmp_path / "plaatje.png"
    Image.new("RGB", (4, 4), "white").save(plaatje)
    met_beeld = Document()
    met_beeld.add_picture(str(plaatje), width=Inches(1))
    met_beeld.save(tmp_path / "beeld.docx")
    assert pdf_bundel.sleutel(kapot) is None
    assert pdf_bundel.sleutel(tmp_path / "weg.docx") is None
    assert pdf_bundel.sleutel(tmp_path / "beeld.docx") is None


def test_a_merged_document_has_a_section_per_document_each_counting_its_own_pages(tmp_path):
    opp = _per_soort(_klas(tmp_path, 3), "OPP")
    doel = tmp_path / "bundel.docx"
    pdf_bundel.voeg_samen(opp, doel)
    with zipfile.ZipFile(doel) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        secties = body.findall(".//w:sectPr", W)
        assert len(secties) == 3
        assert [s.find("w:pgNumType", W).get(f"{{{pdf_bundel.W}}}start") for s in secties] == ["1"] * 3
        rels = {r.get("Id"): r.get("Target") for r in etree.fromstring(z.read("word/_rels/document.xml.rels"))}
        voeten = [rels[s.find("w:footerReference", W).get(f"{{{pdf_bundel.R}}}id")] for s in secties]
        assert len(set(voeten)) == 3
        for i, voet in enumerate(voeten):
            xml = z.read(f"word/{voet}").decode()
            assert "NUMPAGES" not in xml and f"PAGEREF OPPBUNDEL{i}E" in xml
            assert f"Kind{i}" in xml  # each document keeps its own footer
        namen = [b.get(f"{{{pdf_bundel.W}}}name") for b in body.iter(f"{{{pdf_bundel.W}}}bookmarkStart")]
        for i in range(3):
            assert f"OPPBUNDEL{i}B" in namen and f"OPPBUNDEL{i}E" in namen
        # headings of the second and third document number with a copy of the list that starts again
        nummering = etree.fromstring(z.read("word/numbering.xml"))
        herstart = {n.get(f"{{{pdf_bundel.W}}}numId") for n in nummering.findall("w:num", W)
                    if n.find("w:lvlOverride/w:startOverride", W) is not None}
        assert len(herstart) == 2
        koppen = [p for p in body.iter(f"{{{pdf_bundel.W}}}p")
                  if p.find("w:pPr/w:pStyle[@w:val='Heading1']", W) is not None]
        eigen = {p.find("w:pPr/w:numPr/w:numId", W).get(f"{{{pdf_bundel.W}}}val") for p in koppen
                 if p.find("w:pPr/w:numPr/w:numId", W) is not None}
        assert eigen == herstart


def _bundel_pdf(tmp_path: Path, paginas: list[int], bestemmingen: dict[str, int]) -> Path:
    pdf = pikepdf.new()
    for _ in range(sum(paginas)):
        pdf.add_blank_page()
    pdf.Root.Dests = pikepdf.Dictionary({f"/{naam}": pikepdf.Array([pdf.pages[p].obj, pikepdf.Name.Fit])
                                         for naam, p in bestemmingen.items()})
    pad = tmp_path / "bundel.pdf"
    pdf.save(pad)
    return pad


GOED = {"OPPBUNDEL0B": 0, "OPPBUNDEL1B": 2, "OPPBUNDEL2B": 3, "OPPBUNDEL0E": 1, "OPPBUNDEL1E": 2, "OPPBUNDEL2E": 5}


def test_a_bundle_is_split_where_each_document_starts(tmp_path):
    pad = _bundel_pdf(tmp_path, [2, 1, 3], GOED)
    doelen = [tmp_path / f"{i}.pdf" for i in range(3)]
    assert pdf_bundel.splits(pad, doelen)
    assert [len(PdfReader(d).pages) for d in doelen] == [2, 1, 3]


@pytest.mark.parametrize("anders", [
    {"OPPBUNDEL1B": None},                   # a document's start is missing
    {"OPPBUNDEL1B": 3, "OPPBUNDEL2B": 2},    # out of order
    {"OPPBUNDEL2B": 2},                      # a document without a page
    {"OPPBUNDEL0B": 1},                      # pages before the first document
    {"OPPBUNDEL0E": 0},                      # its last paragraph starts a page early: "van Y" one short
    {"OPPBUNDEL2E": None},                   # the end of a document is missing
])
def test_a_bundle_whose_pages_cannot_be_told_apart_is_not_split(tmp_path, anders):
    bestemmingen = {naam: p for naam, p in {**GOED, **anders}.items() if p is not None}
    pad = _bundel_pdf(tmp_path, [2, 1, 3], bestemmingen)
    doelen = [tmp_path / f"{i}.pdf" for i in range(3)]
    assert not pdf_bundel.splits(pad, doelen)
    assert not any(d.exists() for d in doelen)


def test_a_broken_bundle_pdf_is_not_split(tmp_path):
    pad = tmp_path / "bundel.pdf"
    pad.write_bytes(b"%PDF-1.6\n dit is geen pdf")
    assert not pdf_bundel.splits(pad, [tmp_path / "0.pdf", tmp_path / "1.pdf"])


@settings(max_examples=60, deadline=None)
@given(sleutels=st.lists(st.sampled_from(["opp", "iop", "kernteam", None]), max_size=60),
       jobs=st.integers(1, 4))
def test_bundles_hold_every_document_once_of_one_template_in_the_order_written(sleutels, jobs):
    """Whatever the queue holds: each document in exactly one bundle, a bundle of one template only (a
    document without a key alone), in the order written, never more than BUNDEL."""
    omzetter = pdf_module.PdfOmzetter.__new__(pdf_module.PdfOmzetter)
    omzetter._rij = queue.Queue()
    omzetter._jobs, omzetter._totaal, omzetter._genomen, omzetter._teller = jobs, len(sleutels), 0, threading.Lock()
    documenten = [Path(f"{i}-{s}.docx") for i, s in enumerate(sleutels)]
    for d in documenten:
        omzetter._rij.put(d)
    omzetter._rij.put(None)
    soort = {d: s for d, s in zip(documenten, sleutels, strict=True)}
    echt = pdf_module.sleutel
    pdf_module.sleutel = lambda d: soort[d]  # type: ignore[assignment]
    try:
        eerste = omzetter._rij.get()
        bundels = list(omzetter._bundels(eerste)) if eerste is not None else []
    finally:
        pdf_module.sleutel = echt
    assert sorted(d for b in bundels for d in b) == sorted(documenten)
    for bundel in bundels:
        assert 1 <= len(bundel) <= pdf_module.BUNDEL
        assert len({soort[d] for d in bundel}) == 1
        assert soort[bundel[0]] is not None or len(bundel) == 1
        assert bundel == sorted(bundel, key=documenten.index)


def _stuur_spion(monkeypatch) -> list[bool]:
    gestuurd: list[bool] = []
    echt = Kantoor.stuur

    def spion(self, docx, pdf, bladwijzers=False):
        gestuurd.append(bladwijzers)
        return echt(self, docx, pdf, bladwijzers)

    monkeypatch.setattr(Kantoor, "stuur", spion)
    return gestuurd


@pytest.mark.libreoffice
@needs_uno
def test_bundled_pdfs_read_as_each_document_converted_alone(tmp_path, monkeypatch):
    files = _klas(tmp_path, 4)
    gestuurd = _stuur_spion(monkeypatch)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and len(result.pdf) == len(files)
    assert any(gestuurd)  # at least one bundle went
    alleen = tmp_path / "per-bestand"
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(alleen),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    aantallen = set()
    for docx in files:
        ons, los = PdfReader(docx.with_suffix(".pdf")), PdfReader(alleen / f"{docx.stem}.pdf")
        tekst = [p.extract_text() for p in ons.pages]
        assert tekst == [p.extract_text() for p in los.pages], docx.name
        n = len(tekst)
        aantallen.add(n)
        assert [re.findall(r"pagina (\d+) van (\d+)", t) for t in tekst] == [[(str(k), str(n))] for k in
                                                                              range(1, n + 1)]
        assert _outline(ons) == _outline(los) != []
        assert ons.metadata.title == los.metadata.title and ons.trailer["/Root"]["/Lang"] == "nl-NL"
        assert _pixels(docx.with_suffix(".pdf")) == _pixels(alleen / f"{docx.stem}.pdf"), docx.name
    assert len(aantallen) > 1  # documents of different lengths, so the page counts are each one's own
    assert not list(tmp_path.rglob(".opp-pdf-*"))


def _pixels(pdf: Path) -> list[bytes]:
    """Every page drawn, as a reader's screen shows it."""
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].render(scale=0.8).to_pil().convert("L").tobytes() for i in range(len(document))]
    finally:
        document.close()


def _outline(reader: PdfReader, items=None) -> list:
    uit = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            uit.append(_outline(reader, item))
        else:
            uit.append((item.title, reader.get_destination_page_number(item)))
    return uit


@pytest.mark.libreoffice
@needs_uno
def test_a_bundle_that_cannot_be_split_has_each_document_converted_alone(tmp_path, monkeypatch):
    files = _per_soort(_klas(tmp_path, 6), "OPP")
    gestuurd = _stuur_spion(monkeypatch)
    monkeypatch.setattr(pdf_module, "splits", lambda pdf, doelen: False)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and result.pdf == [f.with_suffix(".pdf") for f in files]
    assert True in gestuurd and gestuurd.count(False) >= len(files)  # the bundle, then each alone
    for f in files:
        assert re.search(r"pagina 1 van \d", PdfReader(f.with_suffix(".pdf")).pages[0].extract_text())
    assert not list(tmp_path.rglob(".opp-pdf-*"))


def _met(docx: Path, doel: Path, deel: str, oud: bytes, nieuw: bytes) -> Path:
    """A copy of `docx` with `oud` replaced by `nieuw` in one of its parts."""
    with zipfile.ZipFile(docx) as bron, zipfile.ZipFile(doel, "w") as uit:
        for info in bron.infolist():
            data = bron.read(info)
            uit.writestr(info, data.replace(oud, nieuw) if info.filename == deel else data)
    return doel


def test_documents_of_another_shape_go_alone(tmp_path):
    """Two sections, a first page of its own, even pages of their own, a page count in the body, no footer, a
    link or field that points at a bookmark: in a bundle each would show, count or point at what is not its
    own, so none is bundled."""
    opp = _per_soort(_klas(tmp_path, 1), "OPP")[0]
    assert pdf_bundel.sleutel(opp) is not None
    d = "word/document.xml"
    twee = _met(opp, tmp_path / "twee.docx", d, b"<w:body>",
                b"<w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr></w:p>")
    eerste = _met(opp, tmp_path / "eerste.docx", d, b"<w:pgSz ", b"<w:titlePg/><w:pgSz ")
    telt = _met(opp, tmp_path / "telt.docx", d, b"<w:body>",
                b"<w:body><w:p><w:fldSimple w:instr=\"NUMPAGES\"/></w:p>")
    zonder_voet = _met(opp, tmp_path / "zonder.docx", d, b"<w:footerReference ", b"<w:footerReferenceX ")
    even = _met(opp, tmp_path / "even.docx", "word/settings.xml", b"</w:settings>",
                b"<w:evenAndOddHeaders/></w:settings>")
    link = _met(opp, tmp_path / "link.docx", d, b"<w:body>",
                b"<w:body><w:p><w:hyperlink w:anchor=\"_Toc1\"><w:r><w:t>zie 1</w:t></w:r></w:hyperlink></w:p>")
    verwijst = _met(opp, tmp_path / "verwijst.docx", "word/footer1.xml", b" PAGE ", b" PAGEREF _Ref1 ")
    for docx in (twee, eerste, telt, zonder_voet, even, link, verwijst):
        assert pdf_bundel.sleutel(docx) is None, docx.name


def test_every_way_of_writing_the_page_count_in_a_footer_counts_the_document(tmp_path):
    opp = _per_soort(_klas(tmp_path, 2), "OPP")
    simpel = [_met(f, tmp_path / f"s{i}.docx", "word/footer1.xml", b" NUMPAGES ", b"NUMPAGES \\* Arabic")
              for i, f in enumerate(opp)]
    pdf_bundel.voeg_samen(simpel, tmp_path / "bundel.docx")
    with zipfile.ZipFile(tmp_path / "bundel.docx") as z:
        voeten = [z.read(n) for n in z.namelist() if "footer" in n]
    assert len(voeten) == 2
    for i, voet in enumerate(sorted(voeten, key=lambda v: b"OPPBUNDEL1E" in v)):
        assert b"NUMPAGES" not in voet and f"PAGEREF OPPBUNDEL{i}E \\* Arabic".encode() in voet


def _met_paginatal(pad: Path, alineas: list[str]) -> Path:
    """A document with a header and a footer "pagina X van Y" (PAGE and NUMPAGES fields), as a template has."""
    d = Document()
    for tekst in alineas:
        d.add_paragraph(tekst)
    d.sections[0].header.paragraphs[0].text = pad.stem
    voet = d.sections[0].footer.paragraphs[0]
    voet.text = "pagina "
    for veld, na in (("PAGE", " van "), ("NUMPAGES", "")):
        for xml in (f'<w:r {_NS}><w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r {_NS}><w:instrText xml:space="preserve"> {veld} </w:instrText></w:r>',
                    f'<w:r {_NS}><w:fldChar w:fldCharType="separate"/></w:r>', f'<w:r {_NS}><w:t>1</w:t></w:r>',
                    f'<w:r {_NS}><w:fldChar w:fldCharType="end"/></w:r>'):
            voet._p.append(etree.fromstring(xml))
        voet.add_run(na)
    pad.parent.mkdir(parents=True, exist_ok=True)
    d.save(pad)
    return pad


_NS = f'xmlns:w="{pdf_bundel.W}"'


@pytest.mark.libreoffice
@needs_uno
def test_a_last_paragraph_over_a_page_break_still_gets_its_own_page_count(tmp_path, monkeypatch):
    """'van Y' points at the start of the last paragraph: where that paragraph runs over a page the bundle
    is not split (Y would be one short) and its documents are converted alone, each with its right count."""
    lang = "Een lange laatste alinea die over de pagina heen loopt. " * 120
    files = [_met_paginatal(tmp_path / "docs" / f"{i}.docx", ["Begin.", *(["Tekst."] * (i * 10)), lang])
             for i in range(4)]
    assert len({pdf_bundel.sleutel(f) for f in files}) == 1 and pdf_bundel.sleutel(files[0]) is not None
    gestuurd = _stuur_spion(monkeypatch)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and True in gestuurd
    for f in files:
        tekst = [p.extract_text() for p in PdfReader(f.with_suffix(".pdf")).pages]
        n = len(tekst)
        assert n >= 2
        assert [re.findall(r"pagina (\d+) van (\d+)", t) for t in tekst] == [[(str(k), str(n))]
                                                                              for k in range(1, n + 1)]


@pytest.mark.libreoffice
@needs_uno
def test_numbered_lists_start_at_one_in_every_document_of_a_bundle(tmp_path, monkeypatch):
    files = []
    for i in range(4):
        pad = _met_paginatal(tmp_path / "docs" / f"{i}.docx", [f"Document {i}"])
        d = Document(pad)
        for punt in ("appel", "peer", "pruim"):
            d.add_paragraph(f"{punt} {i}", style="List Number")
        d.save(pad)
        files.append(pad)
    assert len({pdf_bundel.sleutel(f) for f in files}) == 1
    gestuurd = _stuur_spion(monkeypatch)
    result = convert_to_pdf(files, jobs=1)
    assert not result.mislukt and True in gestuurd
    for f in files:
        tekst = PdfReader(f.with_suffix(".pdf")).pages[0].extract_text()
        assert re.findall(r"(\d+)\.\s*(appel|peer|pruim)", tekst) == [("1", "appel"), ("2", "peer"), ("3", "pruim")]


def test_a_list_copy_keeps_the_lists_own_overrides_and_starts_again(tmp_path):
    numbering = etree.fromstring(
        f'<w:numbering xmlns:w="{pdf_bundel.W}">'
        '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '</w:lvl><w:lvl w:ilvl="1"><w:start w:val="3"/><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="4"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0">'
        '<w:numFmt w:val="upperRoman"/></w:lvl></w:lvlOverride></w:num><w:numIdMacAtCleanup w:val="1"/>'
        '</w:numbering>')
    nummering = pdf_bundel._Nummering(numbering, None)
    p = etree.fromstring(f'<w:p xmlns:w="{pdf_bundel.W}"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/>'
                         '</w:numPr></w:pPr></w:p>')
    nummering.herstart([p])
    nieuw = p.find("w:pPr/w:numPr/w:numId", W).get(f"{{{pdf_bundel.W}}}val")
    assert nieuw != "4" and p.find("w:pPr/w:numPr/w:ilvl", W).get(f"{{{pdf_bundel.W}}}val") == "1"
    kopie = numbering.find(f"w:num[@w:numId='{nieuw}']", W)
    assert [e.tag.split("}")[1] for e in numbering][-1] == "numIdMacAtCleanup"  # lists stay before it
    starts = {o.get(f"{{{pdf_bundel.W}}}ilvl"): o.find("w:startOverride", W).get(f"{{{pdf_bundel.W}}}val")
              for o in kopie.findall("w:lvlOverride", W)}
    assert starts == {"0": "1", "1": "3"}
    assert kopie.find("w:lvlOverride/w:lvl/w:numFmt", W).get(f"{{{pdf_bundel.W}}}val") == "upperRoman"
