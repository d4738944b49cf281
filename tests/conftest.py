"""Shared helpers: a small valid workbook built from Python dicts, so each test changes one thing.

    rows = klas("001", "002")              # two valid pupils, one row on every sheet
    rows["Doelen"][0]["status"] = "klaar"   # the one thing this test is about
    report = lees(maak_werkboek(rows)).report
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from opp.invoer import Invoer, open_invoer
from opp.problems import Issue, Report
from opp.werkboek.blank import write_workbook
from opp.werkboek.contract import SHEETS

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
DATUM = dt.date(2026, 11, 22)  # the day every check in the tests is for

SCHOOL = {
    "naam": "Praktijkschool Testlaan",
    "brin": "99XX",
    "samenwerkingsverband": "SWV Proefregio",
    "schooljaar": "2026-2027",
    "schooltype": "praktijkonderwijs",
    "zorgcoordinator": "dhr. K. Bakker",
}


def leerling(nr: str = "001", **changes) -> dict:
    row = {
        "leerlingnummer": nr,
        "roepnaam": "Sanne",
        "tussenvoegsel": "van der",
        "achternaam": "Berg",
        "geboortedatum": dt.date(2012, 5, 14),
        "klas": "PrO 2A",
        "leerjaar": 2,
        "mentor": "dhr. P. Jansen",
        "datum_inschrijving": dt.date(2025, 9, 1),
        "uitstroomrichting": "arbeid",
        "uitstroombestemming": "Betaald werk in de groenvoorziening",
        "onderbouwing_uitstroom": "Werkt graag buiten en met de handen.",
        "invulling_praktijkonderwijs": "Theorie in kleine stappen, stage groen.",
        "inbreng_leerling": "Ik wil later bij een hovenier werken.",
    }
    row.update(changes)
    return row


def verzorger(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "naam": "mw. M. van der Berg", "relatie": "moeder", "gezag": "ja"}
    row.update(changes)
    return row


def factor(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "domein": "werkhouding", "soort": "bevorderend",
           "omschrijving": "Is gemotiveerd als de opdracht praktisch is."}
    row.update(changes)
    return row


def behoefte(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "omschrijving": "heeft behoefte aan korte, duidelijke instructie",
           "domein": "didactisch"}
    row.update(changes)
    return row


def doel(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "plan": "OPP", "domein": "werken", "periode": "1",
           "doel": "Werkt 20 minuten zelfstandig aan een opdracht.", "status": "bezig"}
    row.update(changes)
    return row


def ondersteuning(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "lijn": "1e lijn", "interventie": "Taakkaart met stappen", "door": "mentor"}
    row.update(changes)
    return row


def toets(nr: str = "001", **changes) -> dict:
    row = {"leerlingnummer": nr, "onderdeel": "begrijpend lezen", "instrument": "Cito LVS",
           "datum": dt.date(2026, 1, 15), "dl": 60, "dle": 27}
    row.update(changes)
    return row


def klas(*nrs: str) -> dict[str, list[dict]]:
    """Valid rows for each pupil: one row on every required sheet, a test result, and what a complete OPP
    needs besides (a hindering factor after the helping ones, so each pupil's first rows keep their place)."""
    nrs = nrs or ("001",)
    return {
        "Leerlingen": [leerling(nr) for nr in nrs],
        "Verzorgers": [verzorger(nr) for nr in nrs],
        "Factoren": [factor(nr) for nr in nrs] + [belemmerend(nr) for nr in nrs],
        "Onderwijsbehoeften": [behoefte(nr) for nr in nrs],
        "Doelen": [doel(nr) for nr in nrs],
        "Toetsen": [toets(nr) for nr in nrs],
        "Ondersteuning": [ondersteuning(nr) for nr in nrs],
    }


def belemmerend(nr: str = "001") -> dict:
    return factor(nr, domein="didactisch", soort="belemmerend", omschrijving="Leest traag en raadt woorden.")


def lees(path: Path, datum: dt.date = DATUM) -> Invoer:
    return open_invoer(path, datum)


def codes(report: Report) -> list[str]:
    return [i.code for i in report.issues]


def issues_met(report: Report, code: str) -> list[Issue]:
    return [i for i in report.issues if i.code == code]


def enig(report: Report, code: str) -> Issue:
    """The one issue with `code` (fails with the whole report when there are none or several)."""
    found = issues_met(report, code)
    assert len(found) == 1, [str(i) for i in report.issues]
    return found[0]


def plaats(issue: Issue) -> tuple:
    return (issue.blad, issue.rij, issue.kolom)


def edit_xlsx(path: Path, change) -> Path:
    """Open a written workbook with openpyxl, let `change(wb)` alter it, save it again."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def header_column(ws, header: str) -> int:
    """The 1-based column whose header (without '*') is `header`."""
    for cell in ws[1]:
        if str(cell.value or "").rstrip("*").strip().lower() == header.lower():
            return cell.column
    raise KeyError(header)


def write_csv_folder(folder: Path, rows: dict[str, list[dict]], school: dict | None = None, *,
                     delimiter: str = ";", bom: bool = False, encoding: str = "utf-8") -> Path:
    """The same rows as a folder of CSV files, the way Excel writes them (dates as dd-mm-jjjj)."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = "\ufeff" if bom else ""
    for s in SHEETS:
        if s.key_value:
            lines = [["Gegeven", "Waarde"]] + [[c.label, _csv_value((school or SCHOOL).get(c.field))]
                                               for c in s.columns]
        else:
            lines = [[c.label for c in s.columns]]
            lines += [[_csv_value(r.get(c.field)) for c in s.columns] for r in rows.get(s.name, [])]
        with open(folder / s.csv_name, "w", encoding=encoding, newline="") as fh:
            fh.write(prefix)
            csv.writer(fh, delimiter=delimiter).writerows(lines)
    return folder


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@pytest.fixture
def maak_werkboek(tmp_path):
    """maak_werkboek(rows=None, school=None, name='werkboek.xlsx') -> Path of a written workbook."""
    def make(rows: dict[str, list[dict]] | None = None, school: dict | None = None,
             name: str = "werkboek.xlsx") -> Path:
        path = tmp_path / name
        write_workbook(path, klas() if rows is None else rows, SCHOOL if school is None else school)
        return path
    return make


@pytest.fixture
def maak_csv(tmp_path):
    """maak_csv(rows=None, school=None, **csv options) -> a folder of CSV files."""
    def make(rows: dict[str, list[dict]] | None = None, school: dict | None = None, name: str = "csv",
             **options) -> Path:
        return write_csv_folder(tmp_path / name, klas() if rows is None else rows, school, **options)
    return make



# The local web page's tests (tests/test_app_*.py): the demo school as the working folder, and a server on it.
@pytest.fixture
def werkmap(tmp_path, monkeypatch):
    from app_helpers import demo_werkmap

    map_ = demo_werkmap(tmp_path / "school")
    monkeypatch.chdir(map_)  # as `opp app` does: the library's relative defaults mean the working folder
    return map_


@pytest.fixture
def server(werkmap):
    from app_helpers import Draaiend

    s = Draaiend(werkmap)
    yield s
    s.stop()
