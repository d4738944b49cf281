"""A tracker of a real sync with a code on every row (hidden column 'Code') and a version in its 'Versie'
column, for the tests of `opp ronde scan`, until `opp ronde brieven` gives the codes itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from opp.invoer import open_invoer
from opp.ronde.code import nieuwe_code
from opp.tracker import sync_tracker
from tracker_helpers import RONDE, kolommen, schrijf_werkboek, standaard_klas

SCANDAG = dt.date(2026, 10, 20)


def tracker_met_codes(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """output/2026-2027/ondertekening.xlsx for the standard class, each row with a code and version 1 (as if
    the OPPs had been rendered once).
    Returns (tracker, Sleutel -> code)."""
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"
    with open_invoer(werkboek, RONDE) as invoer:
        sync_tracker(invoer, tracker)
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    code_kol = kol.get("Code")  # the sync's, once the letters have landed; else added here, hidden as theirs
    if code_kol is None:
        code_kol = ws.max_column + 1
        ws.cell(1, code_kol).value = "Code"
        ws.column_dimensions[openpyxl.utils.get_column_letter(code_kol)].hidden = True
    versie_kol = kol["Versie"]  # the sync's; empty while no document was rendered, so set here
    codes = {}
    for r in range(2, ws.max_row + 1):
        sleutel = ws.cell(r, kol["Sleutel"]).value
        if sleutel:
            codes[sleutel] = ws.cell(r, code_kol).value = nieuwe_code()
            ws.cell(r, versie_kol).value = 1
    wb.save(tracker)
    return tracker, codes


def nieuwe_versie(tracker: Path, sleutel: str) -> tuple[str, str]:
    """The document of this row changed after it was signed: its row stays as history of version 1 and a row
    for version 2 (with its own code) is added, as the sync does. Returns (old code, new code)."""
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    oud = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, kol["Sleutel"]).value == sleutel)
    nieuw = ws.max_row + 1
    for c in range(1, ws.max_column + 1):
        bron = ws.cell(oud, c)
        if bron.data_type != "f":
            ws.cell(nieuw, c).value = bron.value
    ws.cell(nieuw, kol["Versie"]).value = 2
    ws.cell(oud, kol["Vervallen"]).value = "vervangen"
    code = ws.cell(nieuw, kol["Code"]).value = nieuwe_code()
    wb.save(tracker)
    return ws.cell(oud, kol["Code"]).value, code


def rij_met_code(tracker: Path, code: str) -> dict:
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, kol["Code"]).value == code:
            waarden = {k: ws.cell(r, c).value for k, c in kol.items()}
            waarden["_rij"] = r
            return waarden
    raise AssertionError(f"no row with code {code}")


def typ(tracker: Path, code: str, kop: str, waarde) -> None:
    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    r = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, kol["Code"]).value == code)
    ws.cell(r, kol[kop]).value = waarde
    if isinstance(waarde, dt.date):
        ws.cell(r, kol[kop]).number_format = "dd-mm-yyyy"
    wb.save(tracker)
