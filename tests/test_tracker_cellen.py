"""What she typed in the tracker, in every kind of cell, comes back from a re-sync exactly as openpyxl (and so
Excel) reads it; a tracker of a thousand rows is written whole."""

from __future__ import annotations

import datetime as dt

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from opp.invoer import open_invoer
from opp.tracker import sync_tracker
from tracker_helpers import RONDE, Secretaresse, schrijf_werkboek, standaard_klas, vind


def test_every_kind_of_cell_she_typed_survives_a_resync(tmp_path):
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    sleutel = vind(tracker, "1001", "m. berg")["Sleutel"]
    with Secretaresse(tracker) as s:
        r = s.rij_van(sleutel)
        rijk = CellRichText(["Bel ", TextBlock(InlineFont(b=True), "vóór vrijdag"), " & <mail>"])
        s.ws.cell(r, s.kol["Opmerking"]).value = rijk
        s.typ(sleutel, "Verstuurd op", dt.date(2026, 10, 2))
        eigen = s.eigen_kolom("Eigen")
        s.ws.cell(r, eigen).value = 3.5
        s.ws.cell(r, eigen + 1).value = True
        s.ws.cell(r, eigen + 2).value = f"=2*{s.ws.cell(r, eigen).coordinate}"
        s.ws.cell(r, eigen + 3).value = "  spaties  "
        s.ws.row_dimensions[r].height = 42
        s.ws.cell(40, 2).value = "haar eigen rij onderaan"
        s.verberg(vind(tracker, "1002", "f. amrani")["Sleutel"])

    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)

    assert (result.behouden, result.toegevoegd) == (10, 0)
    wb = openpyxl.load_workbook(tracker, rich_text=True)
    ws = wb["Ondertekening"]
    kol = {c.value: c.column for c in ws[1] if c.value}
    r = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, kol["Sleutel"]).value == sleutel)
    opmerking = ws.cell(r, kol["Opmerking"]).value
    assert isinstance(opmerking, CellRichText) and str(opmerking) == "Bel vóór vrijdag & <mail>"
    assert any(isinstance(b, TextBlock) and b.font.b and b.text == "vóór vrijdag" for b in opmerking)
    assert ws.cell(r, kol["Verstuurd op"]).value == dt.datetime(2026, 10, 2)
    eigen = kol["Eigen"]
    assert [ws.cell(r, eigen + i).value for i in range(4)] == [3.5, True, f"=2*{ws.cell(r, eigen).coordinate}",
                                                             "  spaties  "]
    assert ws.row_dimensions[r].height == 42
    assert ws.cell(40, 2).value == "haar eigen rij onderaan"
    verborgen = next(i for i in range(2, ws.max_row + 1)
                     if ws.cell(i, kol["Sleutel"]).value == vind(tracker, "1002", "f. amrani")["Sleutel"])
    assert ws.row_dimensions[verborgen].hidden


def test_a_tracker_with_thousands_of_rows_is_written_whole(tmp_path):
    """Rows are written in chunks: nothing lost between them."""
    leerlingen, verzorgers = standaard_klas()
    basis = leerlingen[0]
    leerlingen = [dict(basis, leerlingnummer=f"{2000 + i}", roepnaam=f"Kind{i}") for i in range(400)]
    verzorgers = [dict(verzorgers[0], leerlingnummer=f"{2000 + i}") for i in range(400)]
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", leerlingen, verzorgers)
    tracker = tmp_path / "ondertekening.xlsx"
    eerste = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    tweede = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    assert eerste.toegevoegd == tweede.behouden == tweede.rijen == 1200
    wb = openpyxl.load_workbook(tracker, read_only=True)
    sleutels = [r[0] for r in wb["Ondertekening"].iter_rows(min_row=2, min_col=14, max_col=14, values_only=True)
                if r[0]]
    wb.close()
    assert len(sleutels) == len(set(sleutels)) == 1200
