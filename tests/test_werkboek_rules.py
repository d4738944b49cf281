"""Every validation rule of the workbook: its stable code and its location as the user sees it in Excel."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import (
    DATUM,
    SCHOOL,
    codes,
    doel,
    edit_xlsx,
    enig,
    factor,
    header_column,
    issues_met,
    klas,
    leerling,
    lees,
    plaats,
    verzorger,
)
from opp.problems import DEFAULT_CAP, Ernst


def test_the_base_workbook_is_valid(maak_werkboek):
    werkboek = lees(maak_werkboek(klas("001", "002")))
    assert werkboek.report.issues == []
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["001", "002"]


# --- sheets and columns ---------------------------------------------------------------------------------

def test_missing_required_sheet_is_an_error(maak_werkboek):
    path = edit_xlsx(maak_werkboek(), lambda wb: wb.remove(wb["Doelen"]))
    werkboek = lees(path)
    issue = enig(werkboek.report, "blad-ontbreekt")
    assert issue.ernst is Ernst.FOUT and "'Doelen'" in issue.bericht
    assert not werkboek.report.ok and werkboek.bruikbare_dossiers() == []


def test_missing_optional_sheet_is_a_warning(maak_werkboek):
    path = edit_xlsx(maak_werkboek(), lambda wb: wb.remove(wb["Toetsen"]))
    report = lees(path).report
    assert enig(report, "blad-ontbreekt").ernst is Ernst.WAARSCHUWING
    assert report.ok


def test_missing_csv_file_names_the_file(maak_csv):
    folder = maak_csv()
    (folder / "doelen.csv").unlink()
    issue = enig(lees(folder).report, "blad-ontbreekt")
    assert "doelen.csv" in issue.bericht and issue.is_fout


def test_missing_required_column(maak_werkboek):
    def drop_achternaam(wb):
        ws = wb["Leerlingen"]
        ws.delete_cols(header_column(ws, "Achternaam"))
    werkboek = lees(edit_xlsx(maak_werkboek(klas("001", "002")), drop_achternaam))
    issue = enig(werkboek.report, "kolom-ontbreekt")
    assert plaats(issue) == ("Leerlingen", None, "Achternaam")
    # The sheet cannot be read, so nothing is usable, and the other sheets' rows are not 'unknown pupils'.
    assert codes(werkboek.report) == ["kolom-ontbreekt"]
    assert werkboek.bruikbare_dossiers() == []


def test_unknown_column_is_a_warning(maak_werkboek):
    def add_column(wb):
        ws = wb["Leerlingen"]
        col = ws.max_column + 1
        ws.cell(1, col, "Lievelingskleur")
        ws.cell(2, col, "blauw")
    werkboek = lees(edit_xlsx(maak_werkboek(), add_column))
    issue = enig(werkboek.report, "onbekende-kolom")
    assert issue.ernst is Ernst.WAARSCHUWING
    assert plaats(issue) == ("Leerlingen", 1, "Lievelingskleur")
    assert werkboek.report.ok and len(werkboek.bruikbare_dossiers()) == 1


@pytest.mark.parametrize("header", ["BSN", "Burgerservicenummer", " onderwijsnummer *"])
def test_privacy_column_is_never_read(maak_werkboek, header):
    secret = "123456782"

    def add_bsn(wb):
        for name in ("Leerlingen", "Verzorgers"):
            ws = wb[name]
            col = ws.max_column + 1
            ws.cell(1, col, header)
            ws.cell(2, col, secret)
    werkboek = lees(edit_xlsx(maak_werkboek(), add_bsn))
    found = issues_met(werkboek.report, "privacy-kolom-genegeerd")
    assert [(i.blad, i.rij, i.ernst) for i in found] == [("Leerlingen", 1, Ernst.WAARSCHUWING),
                                                         ("Verzorgers", 1, Ernst.WAARSCHUWING)]
    assert codes(werkboek.report) == ["privacy-kolom-genegeerd"] * 2  # one warning per column, nothing else
    assert secret not in json.dumps(werkboek.report.to_dict())
    dossier = werkboek.bruikbare_dossiers()[0]
    assert secret not in repr(dossier) and secret not in dossier.leerling.model_dump_json()


# --- cells ----------------------------------------------------------------------------------------------

def test_missing_required_value(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0]["roepnaam"] = None
    issue = enig(lees(maak_werkboek(rows)).report, "waarde-ontbreekt")
    assert plaats(issue) == ("Leerlingen", 2, "Roepnaam") and issue.leerlingnummer == "001"


def test_missing_school_value_points_at_column_b(maak_werkboek):
    school = dict(SCHOOL, naam=None)
    werkboek = lees(maak_werkboek(school=school))
    issue = enig(werkboek.report, "waarde-ontbreekt")
    assert plaats(issue) == ("School", 2, "B")
    assert werkboek.school is None and werkboek.bruikbare_dossiers() == []


@pytest.mark.parametrize("blad, field, value, kolom", [
    ("Leerlingen", "leerjaar", "twee", "Leerjaar"),
    ("Leerlingen", "leerjaar", 7, "Leerjaar"),
    ("Toetsen", "dl", "veel", "DL"),
    ("Toetsen", "dle", -3, "DLE"),
    ("Doelen", "doel", dt.date(2026, 3, 1), "Doel"),
])
def test_wrong_type(maak_werkboek, blad, field, value, kolom):
    rows = klas()
    rows[blad][0][field] = value
    issue = enig(lees(maak_werkboek(rows)).report, "verkeerd-type")
    assert plaats(issue) == (blad, 2, kolom)


def test_unknown_choice_value_lists_the_choices(maak_werkboek):
    rows = klas()
    rows["Doelen"][0]["status"] = "klaar"
    issue = enig(lees(maak_werkboek(rows)).report, "ongeldige-keuze")
    assert str(issue) == ("Blad 'Doelen', rij 2, kolom 'Status': 'klaar' is geen geldige keuze "
                          "(kies uit: nog niet gestart, bezig, behaald, deels behaald, niet behaald)")


def test_choice_values_ignore_case_and_spaces(maak_werkboek):
    rows = klas()
    rows["Doelen"][0].update(status="  Bezig ", plan="opp", domein="Vrije  Tijd")
    rows["Verzorgers"][0]["gezag"] = "JA"
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.issues == []
    assert str(werkboek.dossiers["001"].doelen[0].domein) == "vrije tijd"


@pytest.mark.parametrize("text", ["31-02-2026", "2026/13/01", "morgen", "12-03-26", "2026-02-30", "3 maart 2026"])
def test_unreadable_date(maak_werkboek, text):
    rows = klas()
    rows["Doelen"][0]["evaluatiedatum"] = text
    issue = enig(lees(maak_werkboek(rows)).report, "ongeldige-datum")
    assert plaats(issue) == ("Doelen", 2, "Evaluatiedatum")
    assert text in issue.bericht


@pytest.mark.parametrize("geboortedatum", [
    dt.date(2027, 1, 1),  # in the future
    dt.date(2016, 11, 23),  # 9 years old, 10 tomorrow
    dt.date(2000, 11, 22),  # 26 today
    dt.date(1990, 1, 1),
])
def test_impossible_birth_date(maak_werkboek, geboortedatum):
    rows = klas()
    rows["Leerlingen"][0]["geboortedatum"] = geboortedatum
    issue = enig(lees(maak_werkboek(rows)).report, "geboortedatum-onmogelijk")
    assert plaats(issue) == ("Leerlingen", 2, "Geboortedatum")


@pytest.mark.parametrize("geboortedatum", [dt.date(2016, 11, 22), dt.date(2000, 11, 23)])
def test_birth_date_at_the_age_boundaries_is_fine(maak_werkboek, geboortedatum):
    rows = klas()
    rows["Leerlingen"][0]["geboortedatum"] = geboortedatum
    assert "geboortedatum-onmogelijk" not in codes(lees(maak_werkboek(rows)).report)


# --- across rows and sheets -----------------------------------------------------------------------------

def test_duplicate_leerlingnummer(maak_werkboek):
    rows = klas("001", "002")
    rows["Leerlingen"].append(leerling("001", roepnaam="Tweede"))
    issue = enig(lees(maak_werkboek(rows)).report, "dubbel-leerlingnummer")
    assert plaats(issue) == ("Leerlingen", 4, "Leerlingnummer") and issue.leerlingnummer == "001"


@pytest.mark.parametrize("blad, make", [("Verzorgers", verzorger), ("Factoren", factor), ("Doelen", doel)])
def test_unknown_leerlingnummer_in_another_sheet(maak_werkboek, blad, make):
    rows = klas("001", "002")
    rows[blad].append(make("999"))
    werkboek = lees(maak_werkboek(rows))
    issue = enig(werkboek.report, "onbekend-leerlingnummer")
    assert plaats(issue) == (blad, len(rows[blad]) + 1, "Leerlingnummer") and "'999'" in issue.bericht
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["001", "002"]


def test_rows_of_a_pupil_with_a_bad_leerlingen_row_are_not_called_unknown(maak_werkboek):
    rows = klas("001", "002")
    rows["Leerlingen"][0]["geboortedatum"] = "morgen"
    werkboek = lees(maak_werkboek(rows))
    assert codes(werkboek.report) == ["ongeldige-datum"]
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["002"]


def test_under_18_without_gezag(maak_werkboek):
    rows = klas()
    rows["Verzorgers"] = [verzorger(gezag="nee"), verzorger(naam="dhr. J. van der Berg", relatie="vader",
                                                            gezag="nee")]
    issue = enig(lees(maak_werkboek(rows)).report, "geen-gezag")
    assert plaats(issue) == ("Leerlingen", 2, "Leerlingnummer") and issue.is_fout


def test_no_gezag_error_when_the_verzorgers_could_not_be_read(maak_werkboek):
    rows = klas("001", "002")
    rows["Verzorgers"][0]["gezag"] = "misschien"  # the only verzorger of 001: its own error says enough
    assert codes(lees(maak_werkboek(rows)).report) == ["ongeldige-keuze"]
    path = edit_xlsx(maak_werkboek(klas("001", "002"), name="zonder.xlsx"), lambda wb: wb.remove(wb["Verzorgers"]))
    assert codes(lees(path).report) == ["blad-ontbreekt"]


def test_under_18_without_any_verzorger(maak_werkboek):
    rows = klas()
    rows["Verzorgers"] = []
    assert codes(lees(maak_werkboek(rows)).report) == ["geen-gezag"]


@pytest.mark.parametrize("geboortedatum, fout", [
    (dt.date(2008, 11, 22), False),  # 18 on the day of the check
    (dt.date(2008, 11, 23), True),  # 18 tomorrow
])
def test_gezag_is_needed_until_the_18th_birthday(maak_werkboek, geboortedatum, fout):
    rows = klas()
    rows["Leerlingen"][0]["geboortedatum"] = geboortedatum
    rows["Verzorgers"][0]["gezag"] = "nee"
    assert ("geen-gezag" in codes(lees(maak_werkboek(rows)).report)) is fout


def _kernteam(**changes) -> dict:
    row = {"leerlingnummer": "001", "datum_aanmelding": dt.date(2026, 10, 5), "aangemeld_door": "dhr. P. Jansen",
           "akkoord_teamleider": dt.date(2026, 10, 4), "hulpvraag": "Hoe helpen we Sanne?",
           "wat_is_al_gedaan": "Gesprekken met Sanne en moeder.", "toestemming_ouders": "nee"}
    row.update(changes)
    return row


def test_kernteam_externals_without_consent(maak_werkboek):
    rows = klas()
    rows["Kernteam"] = [_kernteam(externe_partners="MEE, schoolarts")]
    issue = enig(lees(maak_werkboek(rows)).report, "extern-zonder-toestemming")
    assert plaats(issue) == ("Kernteam", 2, "Externe partners")
    assert "MEE, schoolarts" in issue.bericht


@pytest.mark.parametrize("changes", [{"toestemming_ouders": "ja", "externe_partners": "MEE, schoolarts"},
                                     {"toestemming_ouders": "nee"}])
def test_kernteam_with_consent_or_without_externals_is_fine(maak_werkboek, changes):
    rows = klas()
    rows["Kernteam"] = [_kernteam(**changes)]
    assert lees(maak_werkboek(rows)).report.issues == []


def test_vso_tlv_without_category(maak_werkboek):
    rows = klas()
    rows["TLV"] = [{"leerlingnummer": "001", "soort": "vso", "motivatie_school": "Zie OPP."},
                   {"leerlingnummer": "001", "soort": "pro", "motivatie_school": "Zie OPP."}]
    issue = enig(lees(maak_werkboek(rows)).report, "tlv-categorie-ontbreekt")
    assert plaats(issue) == ("TLV", 2, "Categorie")


def test_dle_greater_than_dl(maak_werkboek):
    rows = klas()
    rows["Toetsen"] = [{**rows["Toetsen"][0], "dl": 40, "dle": 45}, {**rows["Toetsen"][0], "dl": 40, "dle": 40}]
    issue = enig(lees(maak_werkboek(rows)).report, "dle-groter-dan-dl")
    assert plaats(issue) == ("Toetsen", 2, "DLE") and "45" in issue.bericht and "40" in issue.bericht


def test_behaald_without_evaluation_is_a_warning(maak_werkboek):
    rows = klas()
    rows["Doelen"] = [doel(status="behaald"), doel(status="behaald", evaluatie="Lukt nu elke les.")]
    werkboek = lees(maak_werkboek(rows))
    issue = enig(werkboek.report, "evaluatie-ontbreekt")
    assert issue.ernst is Ernst.WAARSCHUWING and plaats(issue) == ("Doelen", 2, "Evaluatie")
    assert werkboek.report.ok and len(werkboek.bruikbare_dossiers()) == 1


def test_praktijkschool_without_invulling_is_a_warning(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0]["invulling_praktijkonderwijs"] = None
    issue = enig(lees(maak_werkboek(rows)).report, "praktijkonderwijs-ontbreekt")
    assert issue.ernst is Ernst.WAARSCHUWING
    assert "praktijkonderwijs-ontbreekt" not in codes(lees(maak_werkboek(rows, dict(SCHOOL, schooltype="vo"))).report)


# --- the dates the law asks for: one contradicting another is a located error ---------------------------

@pytest.mark.parametrize("datums, code, kolom", [
    (dict(datum_eerste_vaststelling=dt.date(2025, 8, 31)), "eerste-vaststelling-voor-inschrijving",
     "Datum eerste vaststelling"),
    (dict(datum_eerste_vaststelling=dt.date(2025, 10, 10), datum_vaststelling=dt.date(2025, 10, 9)),
     "eerste-vaststelling-na-vaststelling", "Datum eerste vaststelling"),
    (dict(datum_eerste_vaststelling=dt.date(2025, 10, 10), datum_evaluatie=dt.date(2025, 10, 9)),
     "evaluatie-voor-eerste-vaststelling", "Datum evaluatie"),
    (dict(datum_evaluatie=dt.date(2026, 6, 18), datum_volgende_evaluatie=dt.date(2026, 6, 18)),
     "volgende-evaluatie-voor-evaluatie", "Datum volgende evaluatie"),
])
def test_a_date_that_contradicts_another_is_a_located_error(maak_werkboek, datums, code, kolom):
    rows = klas("001", "002")
    rows["Leerlingen"][1].update(datums)  # enrolled 01-09-2025
    werkboek = lees(maak_werkboek(rows))
    issue = enig(werkboek.report, code)
    assert issue.is_fout and plaats(issue) == ("Leerlingen", 3, kolom) and issue.leerlingnummer == "002"
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["001"]


def test_dates_in_their_order_are_valid_and_read_back(maak_werkboek):
    rows = klas("001")
    rows["Leerlingen"][0].update(
        datum_hoorrecht="29-09-2025", hoorrecht_hoe="Schriftelijk", hoorrecht_door="mw. R. Peters",
        datum_oogo=dt.date(2025, 10, 6), datum_eerste_vaststelling=dt.date(2025, 9, 1),  # the enrolment day
        datum_vaststelling=dt.date(2025, 9, 1), datum_evaluatie=dt.date(2026, 6, 18),
        datum_volgende_evaluatie=dt.date(2026, 6, 19))
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.issues == []
    ll = werkboek.dossiers["001"].leerling
    assert (ll.datum_hoorrecht, str(ll.hoorrecht_hoe), ll.hoorrecht_door) == (
        dt.date(2025, 9, 29), "schriftelijk", "mw. R. Peters")
    assert ll.laatste_vaststelling == dt.date(2025, 9, 1)


def test_hoorrecht_hoe_is_a_choice(maak_werkboek):
    rows = klas("001")
    rows["Leerlingen"][0]["hoorrecht_hoe"] = "telepathie"
    issue = enig(lees(maak_werkboek(rows)).report, "ongeldige-keuze")
    assert plaats(issue) == ("Leerlingen", 2, "Hoorrecht hoe") and "gesprek" in issue.bericht


# --- one run reports everything; a bad pupil skips only that pupil ---------------------------------------

def test_problems_of_one_pupil_do_not_hide_another(maak_werkboek):
    rows = klas("001", "002", "003")
    rows["Leerlingen"][0].update(uitstroomrichting="astronaut", leerjaar="twee")  # two problems in one row
    rows["Doelen"][0]["status"] = "klaar"
    rows["Verzorgers"][1]["relatie"] = "oom"
    werkboek = lees(maak_werkboek(rows))
    found = {(i.leerlingnummer, i.code, i.kolom) for i in werkboek.report.issues}
    assert found == {("001", "ongeldige-keuze", "Uitstroomrichting"), ("001", "verkeerd-type", "Leerjaar"),
                     ("001", "ongeldige-keuze", "Status"), ("002", "ongeldige-keuze", "Relatie")}
    assert [d.leerlingnummer for d in werkboek.bruikbare_dossiers()] == ["003"]


def test_a_bad_row_skips_that_pupil_only(maak_werkboek):
    rows = klas("001", "002")
    rows["Doelen"][0]["status"] = "klaar"
    werkboek = lees(maak_werkboek(rows))
    assert werkboek.report.leerlingen_met_fouten() == {"001"}
    (usable,) = werkboek.bruikbare_dossiers()
    assert usable.leerlingnummer == "002" and len(usable.doelen) == 1 and len(usable.verzorgers) == 1


def test_the_cap_counts_what_was_cut(maak_csv):
    rows = klas("001", "002")
    extra = DEFAULT_CAP + 150
    rows["Factoren"] = [factor("001", domein="onbekend")] * extra + [factor("002", domein="onbekend")]
    werkboek = lees(maak_csv(rows))
    report = werkboek.report
    assert len(report.issues) == DEFAULT_CAP
    assert report.weggelaten == extra + 1 - DEFAULT_CAP
    assert report.to_dict()["weggelaten"] == report.weggelaten
    assert f"(en {report.weggelaten} niet getoonde problemen)" in report.samenvatting
    assert not report.ok
    # The error of pupil 002 was cut from the list, yet 002 is still not usable.
    assert "002" not in {i.leerlingnummer for i in report.issues}
    assert werkboek.bruikbare_dossiers() == []


def test_warnings_past_the_cap_do_not_make_the_workbook_invalid(maak_csv):
    rows = klas()
    rows["Doelen"] = [doel(status="behaald")] * (DEFAULT_CAP + 5)
    report = lees(maak_csv(rows)).report
    assert report.weggelaten == 5 and report.weggelaten_fouten == 0 and report.ok


def test_dates_are_checked_on_the_given_day(maak_werkboek):
    rows = klas()
    rows["Leerlingen"][0]["geboortedatum"] = dt.date(2016, 12, 1)  # 10 on 1 December 2026
    path = maak_werkboek(rows)
    assert "geboortedatum-onmogelijk" in codes(lees(path, DATUM).report)
    assert "geboortedatum-onmogelijk" not in codes(lees(path, dt.date(2026, 12, 1)).report)
