"""What users actually type: CSV dialects, date formats, header spelling, leading zeros, odd text."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import (
    codes,
    doel,
    edit_xlsx,
    enig,
    factor,
    header_column,
    klas,
    lees,
    plaats,
    verzorger,
    write_csv_folder,
)


def _dump(werkboek) -> dict:
    """Everything read for each pupil, comparable between an .xlsx and a CSV folder."""
    return {nr: {name: [m.model_dump() for m in getattr(d, name)] if isinstance(getattr(d, name), list)
                 else getattr(d, name).model_dump()
                 for name in ("leerling", "verzorgers", "factoren", "onderwijsbehoeften", "doelen", "toetsen")}
            for nr, d in werkboek.dossiers.items()}


def _rijke_klas() -> dict:
    rows = klas("001", "002")
    rows["Factoren"][0]["omschrijving"] = 'Werkt graag buiten, met de handen; zegt: "dat is echt werk".'
    rows["Doelen"][1]["evaluatiedatum"] = dt.date(2027, 2, 1)
    return rows


# --- CSV -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_folder_reads_like_the_workbook(maak_csv, maak_werkboek, delimiter, bom):
    rows = _rijke_klas()
    from_csv = lees(maak_csv(rows, delimiter=delimiter, bom=bom))
    assert from_csv.report.issues == []
    assert _dump(from_csv) == _dump(lees(maak_werkboek(rows)))


def test_csv_file_names_ignore_case(maak_csv):
    rows = klas()
    rows["Doelen"][0]["status"] = "klaar"
    folder = maak_csv(rows)
    (folder / "doelen.csv").rename(folder / "Doelen.CSV")
    assert plaats(enig(lees(folder).report, "ongeldige-keuze")) == ("Doelen", 2, "Status")


def test_csv_blank_lines_are_skipped_and_rows_keep_their_number(tmp_path):
    folder = write_csv_folder(tmp_path / "csv", klas())
    path = folder / "doelen.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = lines[1].replace("bezig", "klaar")
    path.write_text("\n".join([lines[0], lines[1], ";;;;", "", bad]) + "\n", encoding="utf-8")
    assert plaats(enig(lees(folder).report, "ongeldige-keuze")) == ("Doelen", 5, "Status")


def test_csv_line_breaks_in_a_cell_are_kept(maak_csv):
    rows = klas()
    rows["Factoren"][0]["omschrijving"] = "Eerste regel\nTweede regel"
    rows["Factoren"].append(factor(domein="onbekend"))
    werkboek = lees(maak_csv(rows))
    assert werkboek.dossiers["001"].factoren[0].omschrijving == "Eerste regel\nTweede regel"
    # The row number is the record as Excel shows it, not the physical line of the file.
    assert plaats(enig(werkboek.report, "ongeldige-keuze")) == ("Factoren", len(rows["Factoren"]) + 1, "Domein")


def test_csv_huge_cell_is_too_long(maak_csv):
    rows = klas()
    rows["Factoren"][0]["omschrijving"] = "x" * 40_000
    issue = enig(lees(maak_csv(rows)).report, "tekst-te-lang")
    assert plaats(issue) == ("Factoren", 2, "Omschrijving") and "40000" in issue.bericht


def test_csv_leading_zeros_are_kept(maak_csv):
    rows = klas("00123")
    werkboek = lees(maak_csv(rows))
    assert list(werkboek.dossiers) == ["00123"] and werkboek.report.issues == []


# --- dates ---------------------------------------------------------------------------------------------

DATUMS = [dt.date(2027, 3, 5), "05-03-2027", "5-3-2027", "05/03/2027", "2027-03-05", " 5-03-2027 ",
          "2027-03-05 00:00:00", dt.datetime(2027, 3, 5, 0, 0)]


def test_excel_dates_and_text_dates(maak_werkboek):
    rows = klas()
    rows["Doelen"] = [doel(evaluatiedatum=d) for d in DATUMS]
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.issues == []
    assert [d.evaluatiedatum for d in werkboek.dossiers["001"].doelen] == [dt.date(2027, 3, 5)] * len(DATUMS)


def test_csv_text_dates(maak_csv):
    rows = klas()
    rows["Doelen"] = [doel(evaluatiedatum=d) for d in DATUMS if isinstance(d, str)]
    werkboek = lees(maak_csv(rows))
    assert werkboek.report.issues == []
    assert {d.evaluatiedatum for d in werkboek.dossiers["001"].doelen} == {dt.date(2027, 3, 5)}


def test_real_excel_date_in_a_text_column_is_reported(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0]["klas"] = dt.date(2026, 2, 1)  # Excel turned "2-1" into a date
    assert plaats(enig(lees(maak_werkboek(rows)).report, "verkeerd-type")) == ("Leerlingen", 2, "Klas")


# --- headers -------------------------------------------------------------------------------------------

def test_headers_ignore_case_spaces_and_star(maak_werkboek):
    def respell(wb):
        ws = wb["Leerlingen"]
        ws.cell(1, header_column(ws, "Roepnaam"), "  ROEPNAAM * ")
        ws.cell(1, header_column(ws, "Datum inschrijving"), "datum   inschrijving")
        ws.cell(1, header_column(ws, "Achternaam"), "achternaam")
        wb["Doelen"].title = "tijdelijk"  # openpyxl refuses a rename that differs only in case
        wb["tijdelijk"].title = "doelen"
    werkboek = lees(edit_xlsx(maak_werkboek(), respell))
    assert werkboek.report.issues == []
    assert werkboek.dossiers["001"].leerling.roepnaam == "Sanne"
    assert len(werkboek.dossiers["001"].doelen) == 1


def test_column_order_is_free(maak_werkboek):
    def move_first_column_to_the_end(wb):
        ws = wb["Verzorgers"]
        ws.move_range("A1:A2", cols=ws.max_column)
        ws.delete_cols(1)
    werkboek = lees(edit_xlsx(maak_werkboek(), move_first_column_to_the_end))
    assert werkboek.report.issues == []
    assert werkboek.dossiers["001"].verzorgers[0].naam == "mw. M. van der Berg"


def test_csv_headers_without_star_and_in_lower_case(maak_csv):
    folder = maak_csv()
    path = folder / "leerlingen.csv"
    lines = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(lines[0].replace("*", "").lower() + "\n" + lines[1], encoding="utf-8")
    assert lees(folder).report.issues == []


# --- text is kept as typed -----------------------------------------------------------------------------

def test_leading_zeros_of_a_text_cell_are_kept(maak_werkboek):
    werkboek = lees(maak_werkboek(klas("00123", "0042")))
    assert werkboek.report.issues == []
    assert list(werkboek.dossiers) == ["00123", "0042"]
    assert werkboek.dossiers["00123"].verzorgers[0].leerlingnummer == "00123"


def test_a_number_cell_leerlingnummer_links_to_its_text_twin(maak_werkboek):
    rows = klas("123")
    rows["Leerlingen"][0]["leerlingnummer"] = 123  # typed as a number in Excel
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.issues == [] and list(werkboek.dossiers) == ["123"]


@pytest.mark.parametrize("naam", ["O'Brien & Zn <b>", "=SOM(A1:A3)", "D'Souza {{ naam }}", "Ünal-Çelik"])
def test_names_are_kept_literally(maak_werkboek, maak_csv, naam):
    rows = klas()
    rows["Leerlingen"][0]["achternaam"] = naam
    for source in (maak_werkboek(rows), maak_csv(rows)):
        leerling_ = lees(source).dossiers["001"].leerling
        assert leerling_.achternaam == naam
        assert leerling_.volledige_naam == f"Sanne van der {naam}"


def test_line_breaks_in_a_cell_are_kept(maak_werkboek):
    rows = klas()
    rows["Factoren"][0]["omschrijving"] = "Eerste regel\r\nTweede regel\nDerde regel"
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.dossiers["001"].factoren[0].omschrijving == "Eerste regel\nTweede regel\nDerde regel"


def test_empty_rows_are_skipped_and_rows_keep_their_excel_number(maak_werkboek):
    rows = klas("001", "002")
    rows["Verzorgers"][1]["relatie"] = "oom"

    def insert_blank_rows(wb):
        ws = wb["Verzorgers"]
        ws.insert_rows(3, amount=2)
        ws.cell(3, 2, "   ")  # only spaces: still empty
    werkboek = lees(edit_xlsx(maak_werkboek(rows), insert_blank_rows))
    assert plaats(enig(werkboek.report, "ongeldige-keuze")) == ("Verzorgers", 5, "Relatie")
    assert len(werkboek.dossiers["001"].verzorgers) == 1


def test_surrounding_spaces_are_stripped(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0].update(roepnaam="  Sanne ", leerlingnummer=" 001 ")
    rows["Verzorgers"] = [verzorger(nr="001 ")]
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.issues == []
    assert werkboek.dossiers["001"].leerling.roepnaam == "Sanne"


def test_unknown_sheet_is_a_warning(maak_werkboek):
    path = edit_xlsx(maak_werkboek(), lambda wb: wb.create_sheet("Notities"))
    report = lees(path).report
    assert codes(report) == ["onbekende-kolom"] and report.ok

