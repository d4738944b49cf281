"""A document's identity in its own core properties, so the register can be rebuilt from the documents.

`dc:identifier` holds a small JSON object: {"opp": 1, "leerlingnummer", "document", "versie", "datum",
"status", "inhoud", "handelingsdeel"}; `cp:version` the version number. The title is the document kind,
the creator "opp": nothing else personal goes into the properties (no name, no birth date).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

KERN = "docProps/core.xml"
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
    """The package parts that carry the identity: the core properties, plus `aanvulling(template)`."""
    return {KERN: kern_xml(identiteit, titel), **aanvulling}


def aanvulling(sjabloon: Path) -> dict[str, bytes]:
    """What a template lacks to hold core properties (a school's own may have none): the relationship
    and the content type that point to them. Empty for a template that has them."""
    with zipfile.ZipFile(sjabloon) as zf:
        if KERN in zf.namelist():
            return {}
        types = zf.read("[Content_Types].xml").decode("utf-8")
        rels = zf.read("_rels/.rels").decode("utf-8") if "_rels/.rels" in zf.namelist() else (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    types = types.replace("</Types>", f'<Override PartName="/{KERN}" ContentType="{_KERN_TYPE}"/></Types>')
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdOppKern" Type="{_KERN_REL}" Target="{KERN}"/></Relationships>')
    return {"[Content_Types].xml": types.encode("utf-8"), "_rels/.rels": rels.encode("utf-8")}


def lees_identiteit(pad: Path) -> Identiteit | None:
    """The identity a document carries, or None: not a .docx, no core properties, not written by opp."""
    try:
        with zipfile.ZipFile(pad) as zf:
            kern = zf.read(KERN)
        element = ElementTree.fromstring(kern).find(f"{_DC}identifier")
        data = json.loads(element.text) if element is not None and element.text else None
        if not isinstance(data, dict) or data.get("opp") != IDENTITEIT_VERSIE:
            return None
        return Identiteit(str(data["leerlingnummer"]), str(data["document"]), int(data["versie"]),
                          dt.date.fromisoformat(data["datum"]), str(data["status"]), str(data["inhoud"]),
                          data.get("handelingsdeel"))
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile, ElementTree.ParseError):
        return None


_NAAM = re.compile(r"^(?P<nr>\S+) .* - (?P<label>[A-Z]+) - (?:v(?P<versie>\d+) - )?\d{4}-\d{2}-\d{2}\.docx$")


def naam_delen(naam: str) -> tuple[str, str] | None:
    """(leerlingnummer, label) from a file name as opp writes it, or None."""
    m = _NAAM.match(naam)
    return (m["nr"], m["label"]) if m else None
