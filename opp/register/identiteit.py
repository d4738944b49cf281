"""A document's identity in its own core properties, so the register can be rebuilt from the documents.

`dc:identifier` holds a small JSON object: {"opp": 1, "leerlingnummer", "document", "versie", "datum",
"status", "inhoud", "handelingsdeel"}; `cp:version` the version number. The title is the document kind,
the creator "opp": nothing else personal goes into the core properties (no name, no birth date).

An OPP also carries what its handelingsdeel said (momentopname.py) in the custom property
`opp.handelingsdeel`, compact JSON: the goals and support the document shows anyway, so that a register
rebuilt from the documents can still tell parents what changed since the version they agreed to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

KERN = "docProps/core.xml"
EIGEN = "docProps/custom.xml"
EIGEN_NAAM = "opp.handelingsdeel"
STUK = 200  # characters per custom property: Word keeps 255 at most
_EIGEN_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_EIGEN_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_EIGEN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one format id Word uses for user-defined properties
_DC = "{http://purl.org/dc/elements/1.1/}"
_KERN_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_KERN_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
IDENTITEIT_VERSIE = 1


@dataclass(frozen=True)
class Identiteit:
    leerlingnummer: str
    document: str
    versie: int
    datum: dt.date
    status: str
    inhoud: str
    handelingsdeel: str | None
    momentopname: str | None = None  # the handelingsdeel itself, compact JSON (custom property, not dc:identifier)

    def json(self) -> str:
        return json.dumps({"opp": IDENTITEIT_VERSIE, "leerlingnummer": self.leerlingnummer, "document": self.document,
                           "versie": self.versie, "datum": self.datum.isoformat(), "status": self.status,
                           "inhoud": self.inhoud, "handelingsdeel": self.handelingsdeel},
                          ensure_ascii=False, separators=(",", ":"))


def kern_xml(identiteit: Identiteit, titel: str) -> bytes:
    """The core properties. Created/modified are the document date, so the same content on the same date
    gives the same bytes (the register records when the file was written)."""
    moment = f"{identiteit.datum.isoformat()}T00:00:00Z"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(titel)}</dc:title><dc:creator>opp</dc:creator>"
        f"<dc:identifier>{escape(identiteit.json())}</dc:identifier>"
        f"<cp:version>{identiteit.versie}</cp:version><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
        "<dc:language>nl-NL</dc:language></cp:coreProperties>"
    ).encode()


def onderdelen(identiteit: Identiteit, titel: str, aanvulling: dict[str, bytes]) -> dict[str, bytes]:
    """The package parts that carry the identity: the core properties, the custom properties when there
    is a snapshot of the handelingsdeel, plus `aanvulling(template)`."""
    delen = {**aanvulling, KERN: kern_xml(identiteit, titel)}
    if identiteit.momentopname:
        delen[EIGEN] = eigen_xml(identiteit.momentopname, aanvulling.get(EIGEN))
    else:
        delen.pop(EIGEN, None)
    return delen


def eigen_xml(momentopname: str, bestaand: bytes | None = None) -> bytes:
    """The custom properties with the snapshot in pieces (`opp.handelingsdeel`, `opp.handelingsdeel.2`, ...:
    Word keeps at most 255 characters of a property); a template's own custom properties are kept."""
    eigen = ""
    pid = 2  # pid 0 and 1 are reserved
    if bestaand:
        # A school's template may hold properties of its own: keep them, replace only opp's.
        wortel = ElementTree.fromstring(bestaand)
        anderen = [p for p in wortel.findall(f"{{{_EIGEN_NS}}}property") if not _is_van_opp(p.get("name"))]
        eigen = "".join(_eigenschap_xml(p) for p in anderen)
        pid = max((int(p.get("pid") or 1) for p in anderen), default=1) + 1
    stukken = [momentopname[i:i + STUK] for i in range(0, len(momentopname), STUK)]
    for i, stuk in enumerate(stukken):
        naam = EIGEN_NAAM if i == 0 else f"{EIGEN_NAAM}.{i + 1}"
        eigen += (f'<property fmtid="{_FMTID}" pid="{pid + i}" name="{naam}"><vt:lpwstr>{escape(stuk)}</vt:lpwstr>'
                  "</property>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_EIGEN_NS}" xmlns:vt="{_VT_NS}">{eigen}</Properties>').encode()


def _is_van_opp(naam: str | None) -> bool:
    return bool(naam) and (naam == EIGEN_NAAM or str(naam).startswith(EIGEN_NAAM + "."))


def _eigenschap_xml(eigenschap: ElementTree.Element) -> str:
    """One kept custom property as XML inside opp's <Properties> (its value declares its own namespace)."""
    ElementTree.register_namespace("vt", _VT_NS)
    attributen = "".join(f" {k}={quoteattr(v)}" for k, v in eigenschap.attrib.items() if not k.startswith("{"))
    waarde = "".join(ElementTree.tostring(kind, encoding="unicode") for kind in eigenschap)
    return f"<property{attributen}>{waarde}</property>"


def aanvulling(sjabloon: Path, eigen: bool = False) -> dict[str, bytes]:
    """What a template lacks to hold core properties (a school's own may have none) and, with `eigen`,
    custom properties: the relationships and the content types that point to them; with `eigen` also the
    template's own custom properties, to be kept. Empty for a template that lacks nothing."""
    with zipfile.ZipFile(sjabloon) as zf:
        namen = set(zf.namelist())
        types = zf.read("[Content_Types].xml").decode("utf-8")
        rels = zf.read("_rels/.rels").decode("utf-8") if "_rels/.rels" in namen else (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
        bestaand = zf.read(EIGEN) if eigen and EIGEN in namen else None
    delen: dict[str, bytes] = {EIGEN: bestaand} if bestaand else {}
    nodig = [(KERN, _KERN_TYPE, _KERN_REL, "rIdOppKern")] if KERN not in namen else []
    if eigen and not bestaand:
        nodig.append((EIGEN, _EIGEN_TYPE, _EIGEN_REL, "rIdOppEigen"))
    if not nodig:
        return delen
    for deel, soort, rel, rid in nodig:
        if f'PartName="/{deel}"' not in types:
            types = types.replace("</Types>", f'<Override PartName="/{deel}" ContentType="{soort}"/></Types>')
        if f'Target="{deel}"' not in rels:
            rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{rel}" Target="{deel}"/>'
                                                    "</Relationships>")
    return {**delen, "[Content_Types].xml": types.encode("utf-8"), "_rels/.rels": rels.encode("utf-8")}


def lees_momentopname(zf: zipfile.ZipFile) -> str | None:
    """The snapshot of the handelingsdeel a document carries (its pieces joined), or None. A damaged part
    costs only the snapshot, not the document's identity."""
    if EIGEN not in zf.namelist():
        return None
    stukken: dict[int, str] = {}
    try:
        for eigenschap in ElementTree.fromstring(zf.read(EIGEN)).findall(f"{{{_EIGEN_NS}}}property"):
            naam = eigenschap.get("name")
            if not _is_van_opp(naam):
                continue
            volgnummer = 1 if naam == EIGEN_NAAM else int(str(naam).rsplit(".", 1)[1])
            waarde = eigenschap.find(f"{{{_VT_NS}}}lpwstr")
            stukken[volgnummer] = (waarde.text or "") if waarde is not None else ""
    except (ElementTree.ParseError, ValueError):
        return None
    if not stukken or sorted(stukken) != list(range(1, len(stukken) + 1)):
        return None  # a piece is missing: better no snapshot than half of one
    return "".join(stukken[i] for i in sorted(stukken))


def lees_identiteit(pad: Path) -> Identiteit | None:
    """The identity a document carries, or None: not a .docx, no core properties, not written by opp."""
    try:
        with zipfile.ZipFile(pad) as zf:
            kern = zf.read(KERN)
            momentopname = lees_momentopname(zf)
        element = ElementTree.fromstring(kern).find(f"{_DC}identifier")
        data = json.loads(element.text) if element is not None and element.text else None
        if not isinstance(data, dict) or data.get("opp") != IDENTITEIT_VERSIE:
            return None
        return Identiteit(str(data["leerlingnummer"]), str(data["document"]), int(data["versie"]),
                          dt.date.fromisoformat(data["datum"]), str(data["status"]), str(data["inhoud"]),
                          data.get("handelingsdeel"), momentopname)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, ElementTree.ParseError):
        return None


_NAAM = re.compile(r"^(?P<nr>\S+) .* - (?P<label>[A-Z]+) - (?:v(?P<versie>\d+) - )?\d{4}-\d{2}-\d{2}\.docx$")


def naam_delen(naam: str) -> tuple[str, str] | None:
    """(leerlingnummer, label) from a file name as opp writes it, or None."""
    m = _NAAM.match(naam)
    return (m["nr"], m["label"]) if m else None
