"""`opp init`: the blank workbook of the contract, and that a user filling it in gets a valid workbook."""

from __future__ import annotations

import datetime as dt
import stat

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter, range_boundaries

from conftest import header_column, lees
from opp.cli import cli
from opp.problems import OppError
from opp.settings import Settings, load_settings
from opp.werkboek.blank import CHOICES_SHEET
from opp.werkboek.contract import SHEETS
from opp.werkboek.init import init_folder

TABLES = [s for s in SHEETS if not s.key_value]


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    folder = tmp_path_factory.mktemp("school")
    result = CliRunner().invoke(cli, ["init", str(folder / "mijnschool")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder / "mijnschool"


@pytest.fixture(scope="module")
def wb(blank):
    workbook = openpyxl.load_workbook(blank / "werkboek.xlsx")
    yield workbook
    workbook.close()


def test_init_creates_workbook_settings_and_output(blank):
    assert (blank / "werkboek.xlsx").is_file()
    assert load_settings(blank) == Settings()
    assert (blank / "output").is_dir()
    assert stat.S_IMODE((blank / "werkboek.xlsx").stat().st_mode) == 0o600


def test_init_refuses_to_overwrite(blank):
    before = (blank / "werkboek.xlsx").read_bytes()
    result = CliRunner().invoke(cli, ["init", str(blank)])
    assert result.exit_code == 2
    assert "bestaat al" in result.stderr and "Traceback" not in result.output
    assert (blank / "werkboek.xlsx").read_bytes() == before
    with pytest.raises(OppError, match="niet overschreven"):
        init_folder(blank)


def test_every_sheet_with_its_headers(wb):
    assert wb.sheetnames[0] == "Uitleg"
    assert set(wb.sheetnames) == {"Uitleg", CHOICES_SHEET, *(s.name for s in SHEETS)}
    assert wb[CHOICES_SHEET].sheet_state == "hidden"
    for sheet in TABLES:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]] == [c.label for c in sheet.columns]
        assert ws.freeze_panes == "A2", sheet.name
        assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E79")
        assert all(ws.column_dimensions[c.column_letter].width >= 12 for c in ws[1])
    assert wb["Leerlingen"]["A1"].value == "Leerlingnummer*"
    assert wb["Leerlingen"].cell(1, header_column(wb["Leerlingen"], "Voornamen")).value == "Voornamen"


def _validation_for(ws, column: int):
    letter = get_column_letter(column)
    found = [dv for dv in ws.data_validations.dataValidation
             if any(str(r).startswith(f"{letter}2:") or str(r) == f"{letter}2" for r in dv.sqref.ranges)]
    assert len(found) == 1, (ws.title, letter)
    return found[0]


def _choices_in(wb, formula: str) -> list[str]:
    sheet_name, ref = formula.split("!")
    assert sheet_name.strip("'") == CHOICES_SHEET
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    ws = wb[CHOICES_SHEET]
    return [str(ws.cell(r, min_col).value) for r in range(min_row, max_row + 1)]


def test_choice_columns_have_a_dropdown_on_the_hidden_sheet(wb):
    for sheet in TABLES:
        ws = wb[sheet.name]
        for col, column in enumerate(sheet.columns, start=1):
            if column.choices:
                dv = _validation_for(ws, col)
                assert dv.type == "list"
                assert [c.lower() for c in _choices_in(wb, dv.formula1)] == column.choices


def test_date_columns_have_a_date_check(wb):
    for sheet in TABLES:
        ws = wb[sheet.name]
        for col, column in enumerate(sheet.columns, start=1):
            if column.is_date:
                assert _validation_for(ws, col).type == "date", (sheet.name, column.header)


def test_school_sheet_lists_every_item_with_a_dropdown_for_schooltype(wb):
    ws = wb["School"]
    school = next(s for s in SHEETS if s.key_value)
    assert [ws.cell(r, 1).value for r in range(2, len(school.columns) + 2)] == [c.label for c in school.columns]
    row = next(r for r in range(2, 20) if ws.cell(r, 1).value == "Schooltype*")
    (dv,) = [dv for dv in ws.data_validations.dataValidation if f"B{row}" in str(dv.sqref)]
    assert _choices_in(wb, dv.formula1) == ["praktijkonderwijs", "vo", "vso"]


def test_uitleg_explains_every_sheet_and_column(wb):
    text = "\n".join(str(c.value) for row in wb["Uitleg"].iter_rows() for c in row if c.value is not None)
    for sheet in SHEETS:
        assert f"Blad '{sheet.name}'" in text and sheet.uitleg in text
        for column in sheet.columns:
            assert column.header in text and column.description in text
            assert column.voorbeeld in text
    assert "BSN" in text  # the warning never to put one in


def test_blank_workbook_reads_with_only_the_school_items_missing(blank):
    report = lees(blank / "werkboek.xlsx").report
    assert {i.code for i in report.issues} == {"waarde-ontbreekt"}
    assert {i.blad for i in report.issues} == {"School"} and report.aantal_leerlingen == 0


def _fill(ws, values: dict, row: int = 2) -> None:
    for header, value in values.items():
        ws.cell(row, header_column(ws, header), value)


def test_blank_workbook_filled_with_one_pupil_reads_back_valid(tmp_path):
    init_folder(tmp_path / "school")
    path = tmp_path / "school" / "werkboek.xlsx"
    wb = openpyxl.load_workbook(path)
    school = wb["School"]
    for r in range(2, school.max_row + 1):
        value = {"Naam*": "Praktijkschool De Linde", "Samenwerkingsverband*": "SWV VO Lindeveen",
                 "Schooljaar*": "2026-2027", "Schooltype*": "praktijkonderwijs"}.get(school.cell(r, 1).value)
        if value:
            school.cell(r, 2, value)
    _fill(wb["Leerlingen"], {
        "Leerlingnummer": "0042", "Roepnaam": "Sanne", "Tussenvoegsel": "van der", "Achternaam": "Berg",
        "Geboortedatum": dt.datetime(2012, 5, 14), "Klas": "PrO 2A", "Leerjaar": 2, "Mentor": "dhr. P. Jansen",
        "Datum inschrijving": "01-09-2025", "Uitstroomrichting": "Arbeid",
        "Uitstroombestemming": "Werk in de groenvoorziening", "Onderbouwing uitstroom": "Werkt graag buiten.",
        "Invulling praktijkonderwijs": "Theorie in kleine stappen.", "Inbreng leerling": "Ik werk graag buiten.",
        "Datum hoorrecht": "29-09-2025", "Hoorrecht hoe": "Gesprek", "Hoorrecht door": "dhr. P. Jansen",
        "Datum eerste vaststelling": dt.datetime(2025, 10, 6), "Datum volgende evaluatie": "17-06-2027",
    })
    _fill(wb["Verzorgers"], {"Leerlingnummer": "0042", "Naam": "mw. M. van der Berg", "Relatie": "moeder",
                             "Gezag": "ja"})
    _fill(wb["Factoren"], {"Leerlingnummer": "0042", "Domein": "werkhouding", "Soort": "bevorderend",
                           "Omschrijving": "Werkt zorgvuldig."})
    _fill(wb["Factoren"], {"Leerlingnummer": "0042", "Domein": "didactisch", "Soort": "belemmerend",
                           "Omschrijving": "Leest traag."}, row=3)
    _fill(wb["Ondersteuning"], {"Leerlingnummer": "0042", "Lijn": "1e lijn", "Interventie": "Voorleessoftware"})
    _fill(wb["Onderwijsbehoeften"], {"Leerlingnummer": "0042", "Omschrijving": "heeft behoefte aan rust"})
    _fill(wb["Doelen"], {"Leerlingnummer": "0042", "Plan": "IOP", "Domein": "werken", "Periode": 1,
                         "Doel": "Ik werk een half uur zelfstandig.", "Evaluatiedatum": dt.datetime(2027, 2, 1),
                         "Status": "bezig"})
    _fill(wb["Doelen"], {"Leerlingnummer": "0042", "Plan": "OPP", "Domein": "werken",
                         "Doel": "Sanne werkt een half uur zelfstandig."}, row=3)
    wb.save(path)

    werkboek = lees(path)
    assert werkboek.report.issues == []
    (dossier,) = werkboek.bruikbare_dossiers()
    assert dossier.leerlingnummer == "0042"
    assert dossier.leerling.volledige_naam == "Sanne van der Berg"
    assert dossier.leerling.opp_uiterlijk_na(42) == dt.date(2025, 10, 13)
    assert dossier.doelen[0].evaluatiedatum == dt.date(2027, 2, 1) and str(dossier.doelen[0].periode) == "1"
    assert werkboek.school.naam == "Praktijkschool De Linde"


def test_init_on_a_file_is_refused(tmp_path):
    (tmp_path / "bestand").write_text("x")
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "bestand")])
    assert result.exit_code == 2 and "geen map" in result.stderr
