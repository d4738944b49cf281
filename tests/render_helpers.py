"""Small workbooks and templates for the render tests, built in a temp dir so each test changes one thing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from opp.werkboek.blank import write_workbook

SCHOOL = dict(naam="Praktijkschool Test", samenwerkingsverband="SWV Test", schooljaar="2026-2027",
              schooltype="praktijkonderwijs", zorgcoordinator="K. Zorg", adres="Laan 1", postcode="1234 AB",
              plaats="Utrecht")
DATUM = dt.date(2026, 11, 22)


def leerling(nr="001", **over) -> dict:
    row = dict(leerlingnummer=nr, roepnaam="Sanne", tussenvoegsel="van der", achternaam="Berg",
               geboortedatum=dt.date(2012, 5, 14), klas="PrO 2B", mentor="P. Jansen",
               datum_inschrijving=dt.date(2025, 9, 1), uitstroomrichting="arbeid",
               uitstroombestemming="Groenvoorziening", onderbouwing_uitstroom="Werkt graag buiten.",
               invulling_praktijkonderwijs="Stage groen.")
    row.update(over)
    return row


def ouder(nr="001", naam="M. van der Berg", relatie="moeder", gezag="ja", **over) -> dict:
    return dict(leerlingnummer=nr, naam=naam, relatie=relatie, gezag=gezag, **over)


def compleet_plan(*nrs: str) -> dict[str, list[dict]]:
    """The rows a complete OPP needs besides the pupil's own (pass `inbreng_leerling` to leerling())."""
    nrs = nrs or ("001",)
    return {
        "Factoren": [dict(leerlingnummer=nr, domein="werkhouding", soort=soort, omschrijving="Werkt netjes.")
                     for nr in nrs for soort in ("bevorderend", "belemmerend")],
        "Ondersteuning": [dict(leerlingnummer=nr, lijn="1e lijn", interventie="Taakkaart") for nr in nrs],
        "Doelen": [dict(leerlingnummer=nr, plan="OPP", domein="werken", doel="Werkt zelfstandig.") for nr in nrs],
    }


def workbook(tmp: Path, leerlingen=None, verzorgers=None, **sheets) -> Path:
    rows = {"Leerlingen": leerlingen if leerlingen is not None else [leerling()],
            "Verzorgers": verzorgers if verzorgers is not None else [ouder()]}
    rows.update(sheets)
    path = Path(tmp) / "werkboek.xlsx"
    write_workbook(path, rows, SCHOOL)
    return path


def mini_template(path: Path, body: list[str] | None = None, footer: str = "Vertrouwelijk {{ leerling.naam }}") -> Path:
    """A tiny template with a paragraph, a table loop and a footer: enough to test the pipeline."""
    d = Document()
    standaard = ["Naam: {{ leerling.naam }} ({{ document_titel }})", "Inbreng: {{ leerling.inbreng_leerling }}"]
    for text in body or standaard:
        d.add_paragraph(text)
    t = d.add_table(rows=4, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Onderdeel", "LA"
    t.cell(1, 0).text = "{%tr for t in didactiek %}"
    t.cell(2, 0).text, t.cell(2, 1).text = "{{ t.onderdeel }}", "{{ t.leerachterstand }}"
    t.cell(3, 0).text = "{%tr endfor %}"
    d.sections[0].footer.paragraphs[0].text = footer
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(path)
    return path


def own_templates(folder: Path, **bodies) -> Path:
    for name in ("opp", "iop", "kernteam"):
        mini_template(folder / f"{name}.docx", bodies.get(name))
    return folder


def document_text(path: Path) -> str:
    """All text of a document as a reader sees it: a non-breaking space (in a date, a postcode) reads as a
    space; tests/test_document_typografie.py checks the non-breaking spaces themselves."""
    d = Document(path)
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    for section in d.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
        for table in section.header.tables + section.footer.tables:
            for row in table.rows:
                parts.extend(c.text for c in row.cells)
    return "\n".join(parts).replace("\u00a0", " ")
