"""Small workbooks with TLV rows and attachment files, built in a temp dir so each test changes one thing.

    pad = werkboek(tmp_path)                                    # one pro pupil whose dossier is complete
    pad = werkboek(tmp_path, tlv=[vso_aanvraag()], ...)          # the same pupil, asking for vso
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
from pathlib import Path

from docx import Document
from pypdf import PdfWriter

from opp.werkboek.blank import write_workbook

DATUM = dt.date(2026, 11, 22)
BSN = "123456782"  # put in a BSN column; it must never reach any file of a dossier

SCHOOL = dict(naam="Praktijkschool De Brug", brin="99XY", adres="Schoolstraat 1", postcode="3511 AB",
              plaats="Utrecht", telefoon="030 123 45 67", email="info@debrug.example",
              samenwerkingsverband="SWV Utrecht Zuid", schooljaar="2026-2027", schooltype="praktijkonderwijs",
              zorgcoordinator="mw. K. Bakker", directeur="dhr. J. de Vries")

DOMEINEN = ("technisch lezen", "begrijpend lezen", "spelling", "inzichtelijk rekenen")
# domain.md's worked example: DL 60; TL DLE 20 (0.667), BL 27 (0.55), IR 32 (0.467); spelling 40 (0.333).
DLE_VOORBEELD = {"technisch lezen": 20, "begrijpend lezen": 27, "spelling": 40, "inzichtelijk rekenen": 32}


def leerling(nr: str = "001", **over) -> dict:
    row = dict(leerlingnummer=nr, roepnaam="Sanne", tussenvoegsel="van der", achternaam="Berg",
               geboortedatum=dt.date(2012, 5, 14), klas="PrO 2B", leerjaar=2, mentor="dhr. P. Jansen",
               datum_inschrijving=dt.date(2025, 8, 25), uitstroomrichting="arbeid",
               uitstroombestemming="Betaald werk in de groenvoorziening",
               onderbouwing_uitstroom="Sanne werkt graag buiten en met haar handen.",
               invulling_praktijkonderwijs="Theorie in kleine stappen; stage in het groen.",
               inbreng_leerling="Ik wil later buiten werken.",
               datum_vaststelling=dt.date(2025, 10, 1), datum_evaluatie=dt.date(2026, 10, 5))
    row.update(over)
    return row


def ouder(nr: str = "001", **over) -> dict:
    row = dict(leerlingnummer=nr, naam="mw. M. van der Berg", relatie="moeder", gezag="ja")
    row.update(over)
    return row


def toetsen(nr: str = "001", iq: float | None = 72, dl: float | None = 60, dle: dict | None = None,
            datum: dt.date = dt.date(2026, 10, 1), iq_datum: dt.date = dt.date(2026, 3, 3)) -> list[dict]:
    dle = DLE_VOORBEELD if dle is None else dle
    rows = [dict(leerlingnummer=nr, onderdeel=o, instrument="Cito LVS", datum=datum, dl=dl, dle=dle[o])
            for o in DOMEINEN if o in dle]
    if iq is not None:
        rows.append(dict(leerlingnummer=nr, onderdeel="intelligentie", instrument="WISC-V", datum=iq_datum,
                         score=iq, afgenomen_door="drs. L. Smit, orthopedagoog"))
    return rows


def pro_aanvraag(nr: str = "001", **over) -> dict:
    row = dict(leerlingnummer=nr, soort="pro", aanvraag="eerste", gewenste_ingangsdatum=dt.date(2027, 8, 1),
               einddatum=dt.date(2031, 7, 31),
               motivatie_school=("Sanne heeft een grote leerachterstand op lezen en heeft\n"
                                 "praktijkgericht onderwijs nodig."),
               zienswijze_ouders="Wij steunen de aanvraag.", datum_zienswijze=dt.date(2026, 11, 10),
               zienswijze_leerling="Ik wil hier blijven.", deskundige_1="drs. L. Smit, orthopedagoog",
               bijlagen="bijlagen/iq-rapport.pdf; bijlagen/verslag-leerlingbespreking.docx")
    row.update(over)
    return row


def vso_aanvraag(nr: str = "001", **over) -> dict:
    row = dict(leerlingnummer=nr, soort="vso", categorie="midden", aanvraag="eerste",
               gewenste_ingangsdatum=dt.date(2027, 1, 1), einddatum=dt.date(2029, 7, 31),
               motivatie_school="De ondersteuningsbehoefte overstijgt wat de school kan bieden.",
               zienswijze_ouders="Wij kiezen voor het vso.", datum_zienswijze=dt.date(2026, 11, 10),
               zienswijze_leerling="Ik vind het goed.", deskundige_1="drs. L. Smit, orthopedagoog",
               deskundige_2="dr. A. Visser, GZ-psycholoog", datum_mdo=dt.date(2026, 11, 1),
               bijlagen="bijlagen/handelingsdeel-getekend.pdf; bijlagen/mdo-verslag.docx")
    row.update(over)
    return row


def pdf_bytes(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


STANDAARD_BIJLAGEN = {
    "bijlagen/iq-rapport.pdf": lambda: pdf_bytes(2),
    "bijlagen/verslag-leerlingbespreking.docx": lambda: docx_bytes("Verslag van de leerlingbespreking."),
    "bijlagen/handelingsdeel-getekend.pdf": lambda: pdf_bytes(1),
    "bijlagen/mdo-verslag.docx": lambda: docx_bytes("Verslag van het MDO."),
}


def werkboek(tmp: Path, leerlingen=None, verzorgers=None, toets_rijen=None, tlv=None, bijlagen=None,
             school=None, **sheets) -> Path:
    """The workbook in `tmp/werk/werkboek.xlsx`, with the attachment files beside it."""
    werkmap = Path(tmp) / "werk"
    werkmap.mkdir(parents=True, exist_ok=True)
    rows = {
        "Leerlingen": leerlingen if leerlingen is not None else [leerling()],
        "Verzorgers": verzorgers if verzorgers is not None else [ouder()],
        "Toetsen": toets_rijen if toets_rijen is not None else toetsen(),
        "TLV": tlv if tlv is not None else [pro_aanvraag()],
    }
    rows.update(sheets)
    bestanden = {k: v() for k, v in STANDAARD_BIJLAGEN.items()} if bijlagen is None else bijlagen
    for naam, data in bestanden.items():
        pad = werkmap / naam
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_bytes(data)
    path = werkmap / "werkboek.xlsx"
    write_workbook(path, rows, school or SCHOOL)
    return path


def met_bsn_kolom(path: Path, waarde: str = BSN) -> None:
    """Add a BSN column to the Leerlingen sheet (the reader ignores it; it must go nowhere)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Leerlingen"]
    col = ws.max_column + 1
    ws.cell(1, col, "BSN")
    for r in range(2, ws.max_row + 1):
        ws.cell(r, col, waarde)
    wb.save(path)


def docx_tekst(data: bytes) -> str:
    """All text of a .docx (body, tables, headers and footers) as one string, as a reader sees it: a
    non-breaking space (in a date, a postcode) reads as a space (tests/test_document_typografie.py checks them)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = [n for n in zf.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", n)]
        xml = "".join(zf.read(n).decode("utf-8") for n in parts)
    text = xml.replace("</w:p>", "\n").replace("<w:tab/>", "\t")
    return html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\u00a0", " ")
