"""The sync streams the tracker's rows (opp/tracker/stroom.py, xmlblad.py): openpyxl never holds them, and a
re-sync of a tracker she filled with every kind of cell, format and extra leaves all of it as it was."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

import opp.tracker.bestand as bestand
from opp.invoer import open_invoer
from opp.tracker import sync_tracker, tracker_overzicht
from test_tracker_libreoffice import _converteer
from tracker_helpers import RONDE, Secretaresse, leerling, schrijf_werkboek, standaard_klas, verzorger, vind


def _blad(ws) -> dict:
    """Everything of a sheet openpyxl reads: every cell's value and format, rows, columns and the extras."""
    cellen = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            waarde = c.value
            if isinstance(waarde, CellRichText):
                waarde = ("rijk", tuple((b.text, bool(b.font.b), bool(b.font.i)) if isinstance(b, TextBlock)
                                        else (b, False, False) for b in waarde))
            cellen[c.coordinate] = (waarde, c.number_format, repr(c.font), repr(c.fill), repr(c.border),
                                    repr(c.alignment), repr(c.protection),
                                    c.comment.text if c.comment else None,
                                    c.hyperlink.target if c.hyperlink else None)
    return {
        "cellen": cellen,
        "rijen": {r: (d.height, d.hidden) for r, d in ws.row_dimensions.items() if d.height or d.hidden},
        "kolommen": {k: (d.width, d.hidden) for k, d in ws.column_dimensions.items()},
        "samengevoegd": sorted(str(m) for m in ws.merged_cells.ranges),
        "validaties": sorted((str(dv.sqref), dv.type, dv.formula1, dv.errorTitle)
                             for dv in ws.data_validations.dataValidation),
        "kleuren": sorted((str(cf.sqref), tuple(r.formula or ()), r.operator) for cf in ws.conditional_formatting
                          for r in cf.rules if r.type != "expression"),  # hers; ours grow with her columns
        "vast": ws.freeze_panes,
        "afdruk": (ws.page_setup.orientation, ws.print_title_rows, ws.oddHeader.center.text),
    }


def test_a_resync_leaves_every_cell_format_and_extra_of_hers_exactly_as_it_was(tmp_path):
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    moeder = vind(tracker, "1001", "m. berg")["Sleutel"]
    vader = vind(tracker, "1001", "j. berg")["Sleutel"]
    with Secretaresse(tracker) as s:
        ws, r = s.ws, s.rij_van(moeder)
        s.typ(moeder, "Verstuurd op", dt.date(2026, 9, 20))
        s.typ(vader, "Ontvangen op", dt.date(2026, 9, 25))
        s.typ(vader, "Besluit", "akkoord")
        ws.cell(r, s.kol["Opmerking"]).value = CellRichText(
            ["Bel ", TextBlock(InlineFont(b=True), "vóór vrijdag"), " & <mail> \"x\""])
        ws.cell(r, s.kol["Naam"]).fill = PatternFill("solid", fgColor="FFFF00")  # her colour on one of our cells
        ws.cell(r, s.kol["Naam"]).font = Font(italic=True, color="C00000")
        eigen = s.eigen_kolom("Gebeld")
        formule = f"=2*{ws.cell(r, eigen + 1).coordinate}"
        for i, waarde in enumerate([dt.datetime(2026, 10, 2, 14, 30), 3.25, True, formule, "  spaties  ",
                                    "=niet uitgerekend", 12345678901234, -0.5, "tab\there"]):
            ws.cell(r, eigen + i).value = waarde
        ws.cell(r, eigen).number_format = "d mmm yyyy hh:mm"
        ws.cell(r, eigen + 1).number_format = "0.000"
        ws.cell(r, eigen + 5).data_type = "s"  # text that looks like a formula, kept as text
        ws.cell(r, eigen + 5).quotePrefix = True
        ws.cell(r, eigen + 4).border = Border(bottom=Side(style="thick", color="0000FF"))
        ws.cell(r, eigen + 4).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(r, eigen).comment = Comment("nog eens bellen", "secretariaat")
        ws.cell(r, eigen + 1).hyperlink = "https://example.nl/dossier"
        ws.row_dimensions[r].height = 42
        s.verberg(vader)
        ws.column_dimensions[get_column_letter(eigen)].width = 31
        ws.column_dimensions[get_column_letter(eigen + 2)].hidden = True
        ws.cell(40, 2).value = "haar eigen rij onderaan"
        ws.cell(41, 2).value = "samengevoegd"
        ws.merge_cells("B41:D41")
        ws.freeze_panes = "D2"
        keuze = DataValidation(type="list", formula1='"ja,nee"', errorTitle="Haar keuze")
        keuze.add(f"{get_column_letter(eigen)}2:{get_column_letter(eigen)}200")
        ws.add_data_validation(keuze)
        ws.conditional_formatting.add(f"{get_column_letter(eigen + 1)}2:{get_column_letter(eigen + 1)}200",
                                      CellIsRule(operator="greaterThan", formula=["3"],
                                                 fill=PatternFill("solid", fgColor="00FF00")))
        notities = s.wb.create_sheet("Notities")
        notities["A1"] = "Haar eigen blad"
        notities["A1"].font = Font(bold=True, size=16)
        notities["B2"] = dt.date(2026, 11, 1)
        notities.column_dimensions["A"].width = 40
        s.wb.defined_names["HaarNaam"] = DefinedName("HaarNaam", attr_text="Notities!$A$1")
    voor = openpyxl.load_workbook(tracker, rich_text=True)

    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)

    assert (result.behouden, result.toegevoegd, result.vervallen) == (10, 0, 0)
    na = openpyxl.load_workbook(tracker, rich_text=True)
    assert _blad(na["Ondertekening"]) == _blad(voor["Ondertekening"])
    assert _blad(na["Notities"]) == _blad(voor["Notities"])
    assert na.sheetnames == voor.sheetnames
    assert na.defined_names["HaarNaam"].attr_text == "Notities!$A$1"
    assert na["Ondertekening"].auto_filter.ref == f"A1:{get_column_letter(na['Ondertekening'].max_column)}41"
    # Her values read back as she typed them (not only as before: as she meant them).
    ws = na["Ondertekening"]
    kol = {c.value: c.column for c in ws[1] if c.value}
    r = next(i for i in range(2, ws.max_row + 1) if ws.cell(i, kol["Sleutel"]).value == moeder)
    assert ws.cell(r, kol["Verstuurd op"]).value == dt.datetime(2026, 9, 20)
    assert [ws.cell(r, kol["Gebeld"] + i).value for i in range(9)] == [
        dt.datetime(2026, 10, 2, 14, 30), 3.25, True, f"=2*{ws.cell(r, kol['Gebeld'] + 1).coordinate}",
        "  spaties  ", "=niet uitgerekend", 12345678901234, -0.5, "tab\there"]
    assert ws.cell(r, kol["Gebeld"] + 5).data_type == "s"  # her text never became a formula


def test_a_changed_workbook_changes_only_our_cells_on_her_rows(tmp_path):
    """A rename, a pupil who left, a new pupil: her cells and formats stay, only our columns change."""
    leerlingen, verzorgers = standaard_klas()
    werkboek = schrijf_werkboek(tmp_path / "a.xlsx", leerlingen, verzorgers)
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    moeder = vind(tracker, "1001", "m. berg")["Sleutel"]
    with Secretaresse(tracker) as s:
        s.typ(moeder, "Verstuurd op", dt.date(2026, 9, 20))
        s.typ(moeder, "Opmerking", "=+31 6 nummer")  # looks like a formula: hers, stays text
        s.ws.cell(s.rij_van(moeder), s.kol["Opmerking"]).data_type = "s"
        s.ws.cell(s.rij_van(moeder), s.kol["Ondertekenaar"]).fill = PatternFill("solid", fgColor="FFFF00")
    verzorgers[0] = verzorger("1001", "mw. M. Bergh", "moeder")  # a typo fixed: the same row
    leerlingen = [leerlingen[0], leerlingen[2], leerling("1009", "Noor", "Smit", dt.date(2012, 3, 3), "=PrO 1C")]
    verzorgers = [v for v in verzorgers if v["leerlingnummer"] != "1002"] + [verzorger("1009", "-dhr. R. Smit")]
    tweede = schrijf_werkboek(tmp_path / "b.xlsx", leerlingen, verzorgers)

    result = sync_tracker(open_invoer(tweede, RONDE), tracker)

    assert (result.hernoemd, result.vervallen, result.toegevoegd) == (1, 4, 3)
    ws = openpyxl.load_workbook(tracker)["Ondertekening"]
    kol = {c.value: c.column for c in ws[1] if c.value}
    r = vind(tracker, "1001", "bergh")["_rij"]
    assert ws.cell(r, kol["Ondertekenaar"]).value == "mw. M. Bergh"
    assert ws.cell(r, kol["Ondertekenaar"]).fill.fgColor.rgb == "00FFFF00"  # her colour on our refreshed cell
    assert ws.cell(r, kol["Verstuurd op"]).value == dt.datetime(2026, 9, 20)
    assert ws.cell(r, kol["Opmerking"]).value == "=+31 6 nummer" and ws.cell(r, kol["Opmerking"]).data_type == "s"
    # Text from the workbook that starts like a formula is text with Excel's quote prefix.
    noor = vind(tracker, "1009", "noor")
    assert noor["Klas"] == "=PrO 1C"
    klas = ws.cell(noor["_rij"], kol["Klas"])
    assert klas.data_type == "s" and klas.quotePrefix
    vader = ws.cell(vind(tracker, "1009", "smit", soort="instemming")["_rij"], kol["Ondertekenaar"])
    assert vader.value == "-dhr. R. Smit" and vader.quotePrefix
    assert ws.cell(noor["_rij"], kol["Leerlingnummer"]).number_format == "@"
    assert ws.cell(noor["_rij"], kol["Verstuurd op"]).number_format == "dd-mm-yyyy"
    assert ws.cell(noor["_rij"], kol["Status"]).value.startswith("=IF(")


def test_openpyxl_never_holds_the_tracker_rows(tmp_path, monkeypatch):
    """What openpyxl opens of an existing tracker is its header: the rows are streamed (flat memory)."""
    leerlingen, verzorgers = standaard_klas()
    leerlingen = [dict(leerlingen[0], leerlingnummer=f"{2000 + i}", roepnaam=f"Kind{i}") for i in range(100)]
    verzorgers = [dict(verzorgers[0], leerlingnummer=f"{2000 + i}") for i in range(100)]
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", leerlingen, verzorgers)
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    geopend = []
    laad = bestand.openpyxl.load_workbook

    def tel(*args, **kwargs):
        wb = laad(*args, **kwargs)
        geopend.append(wb["Ondertekening"].max_row)
        return wb

    monkeypatch.setattr(bestand.openpyxl, "load_workbook", tel)
    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)
    monkeypatch.undo()

    assert result.behouden == result.rijen == 300
    assert geopend == [1]
    assert vind(tracker, "2099", "m. berg")["Versie"] is None
    assert openpyxl.load_workbook(tracker)["Ondertekening"].max_row == 301


@pytest.mark.libreoffice
def test_a_tracker_saved_by_an_office_program_resyncs_with_everything_she_typed(tmp_path):
    """Excel and LibreOffice write the rows their own way (shared strings, spans, their own attributes): a
    tracker she saved in one is read row by row just the same."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) staat niet op het PATH")
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    moeder = vind(tracker, "1001", "m. berg")["Sleutel"]
    with Secretaresse(tracker) as s:
        s.typ(moeder, "Verstuurd op", dt.date(2026, 9, 20))
        s.typ(moeder, "Opmerking", "belt terug")
        s.ws.cell(s.rij_van(moeder), s.eigen_kolom("Gebeld")).value = "ja"
    opgeslagen = tmp_path / "lo"
    _converteer(soffice, tracker, opgeslagen, tmp_path / "profiel", "xlsx:Calc MS Excel 2007 XML")
    if not (opgeslagen / tracker.name).exists():
        pytest.skip("LibreOffice Calc kon de tracker niet opslaan als .xlsx")
    shutil.copy(opgeslagen / tracker.name, tracker)

    result = sync_tracker(open_invoer(werkboek, RONDE), tracker)

    assert (result.behouden, result.toegevoegd, result.vervallen) == (10, 0, 0)
    rij = vind(tracker, "1001", "m. berg")
    assert (rij["Verstuurd op"], rij["Opmerking"], rij["Gebeld"]) == (dt.datetime(2026, 9, 20), "belt terug", "ja")
    assert tracker_overzicht(tracker, RONDE).totaal["verstuurd"] == 1
