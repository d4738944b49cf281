"""Every text the tracker writes stays text: no name, remark or klas can become a formula (ASVS 1.2.10)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from openpyxl import Workbook

from opp.excel_cells import zet
from opp.invoer import open_invoer
from opp.tracker import sync_tracker
from tracker_helpers import RONDE, kolommen, leerling, schrijf_werkboek, verzorger

GEVAARLIJK = ['=HYPERLINK("http://evil.example","klik")', "+31 6 1234", "-2+3", "@SUM(1+1)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("tekst", GEVAARLIJK + ["\tTab", "\rCR", "=", "-"])
def test_zet_keeps_dangerous_text_as_quoted_text(tekst):
    ws = Workbook().active
    cell = ws["A1"]
    zet(cell, tekst)
    assert cell.value == tekst and cell.data_type == "s" and cell.quotePrefix


def test_zet_plain_text_dates_numbers_and_control_characters():
    ws = Workbook().active
    zet(ws["A1"], "Gewone naam")
    assert ws["A1"].data_type == "s" and not ws["A1"].quotePrefix
    zet(ws["A1"], "=weer gevaarlijk")
    zet(ws["A1"], "weer gewoon")  # a cell that was dangerous and now is not loses its prefix
    assert not ws["A1"].quotePrefix
    zet(ws["A2"], dt.date(2026, 10, 1))
    assert ws["A2"].number_format == "dd-mm-yyyy"
    zet(ws["A3"], 3)
    zet(ws["A4"], None)
    assert (ws["A3"].value, ws["A4"].value) == (3, None)
    zet(ws["A5"], "a\x01b")  # would make the file unreadable
    assert ws["A5"].value == "ab"
    with pytest.raises(TypeError):
        zet(ws["A6"], object())


def test_names_from_the_workbook_can_never_become_formulas(tmp_path):
    leerlingen = [
        leerling("1001", GEVAARLIJK[0], GEVAARLIJK[1], dt.date(2012, 5, 14), "=2B", mentor="=1+1"),
        leerling("@1002", "Mo", "Amrani", dt.date(2011, 2, 3), "PrO*"),
        leerling("1003", "Ali", "Bos", dt.date(2011, 2, 3), "PrO 1"),
    ]
    verzorgers = [
        verzorger("1001", GEVAARLIJK[2], "moeder", email=GEVAARLIJK[3]),
        verzorger("1001", GEVAARLIJK[4], "vader"),
        verzorger("@1002", "mw. F. Amrani", "moeder"),
        verzorger("1003", "mw. Bos", "moeder"),
    ]
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", leerlingen, verzorgers)
    tracker = tmp_path / "t.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    sync_tracker(open_invoer(werkboek, RONDE), tracker)  # rewritten cells stay safe too

    wb = openpyxl.load_workbook(tracker)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    toegestaan = {kol["Status"], kol["Getekend"]}
    teksten = set()
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":
                assert cell.column in toegestaan, f"{cell.coordinate} is a formula: {cell.value}"
            elif isinstance(cell.value, str):
                teksten.add(cell.value)
                if cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, cell.coordinate
    naam = f"{GEVAARLIJK[0]} {GEVAARLIJK[1]}"
    assert {naam, "=2B", "=1+1", GEVAARLIJK[2], GEVAARLIJK[3], GEVAARLIJK[4], "@1002"} <= teksten
    assert sum(1 for r in range(2, ws.max_row + 1) if ws.cell(r, kol["Status"]).data_type == "f") == 10

    ov = wb["Overzicht"]
    for row in ov.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                assert cell.value.startswith(("=COUNTIFS(", "=SUM(", "=C", "=0")), cell.value
    klassen = [ov.cell(r, 1).value for r in range(8, 11)]
    assert klassen == ["=2B", "PrO 1", "PrO*"] and ov["A8"].quotePrefix and ov["A8"].data_type == "s"
    # The COUNTIFS criteria match these klassen exactly: no operator, no wildcard.
    assert ',"==2B",' in ov["C8"].value and ',"PrO~*",' in ov["C10"].value
