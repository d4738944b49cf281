"""What makes an OPP complete: the rule on its own, and `opp check` naming each missing part where it is filled in."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from conftest import SCHOOL, codes, enig, issues_met, klas, lees, plaats
from conftest import leerling as leerling_rij
from opp.cli import cli
from opp.models import Doel, Factor, Leerling, Leerlingdossier, Ondersteuning, School
from opp.problems import CODES, Ernst
from opp.rules.compleet import Onderdeel, is_concept, ontbrekende_onderdelen

PRO = School.model_validate(SCHOOL)
VO = School.model_validate(dict(SCHOOL, schooltype="vo"))


def compleet(**leerling) -> Leerlingdossier:
    return Leerlingdossier(
        leerling=Leerling.model_validate(leerling_rij(**leerling)),
        factoren=[Factor(leerlingnummer="001", domein="werkhouding", soort="bevorderend", omschrijving="a"),
                  Factor(leerlingnummer="001", domein="didactisch", soort="belemmerend", omschrijving="b")],
        ondersteuning=[Ondersteuning(leerlingnummer="001", lijn="1e lijn", interventie="c")],
        doelen=[Doel(leerlingnummer="001", plan="OPP", domein="werken", doel="d")],
    )


def test_every_part_has_a_code_a_user_can_meet():
    assert all(o.code in CODES for o in Onderdeel)


def test_a_complete_plan_lacks_nothing():
    assert ontbrekende_onderdelen(compleet(), PRO) == []
    assert not is_concept(compleet(), PRO)


def _zonder(veld):
    def weg(d):
        d.leerling = d.leerling.model_copy(update={veld: None})
    return weg


@pytest.mark.parametrize("weg, onderdeel", [
    (_zonder("uitstroombestemming"), Onderdeel.UITSTROOMBESTEMMING),
    (_zonder("onderbouwing_uitstroom"), Onderdeel.ONDERBOUWING),
    (lambda d: d.factoren.pop(0), Onderdeel.BEVORDERENDE_FACTOREN),
    (lambda d: d.factoren.pop(1), Onderdeel.BELEMMERENDE_FACTOREN),
    (lambda d: d.ondersteuning.clear(), Onderdeel.ONDERSTEUNING),
    (_zonder("invulling_praktijkonderwijs"), Onderdeel.PRAKTIJKONDERWIJS),
    (lambda d: d.doelen.clear(), Onderdeel.HANDELINGSDEEL),
    (_zonder("inbreng_leerling"), Onderdeel.INBRENG_LEERLING),
])
def test_each_missing_part_on_its_own(weg, onderdeel):
    dossier = compleet()
    weg(dossier)
    assert ontbrekende_onderdelen(dossier, PRO) == [onderdeel]
    assert is_concept(dossier, PRO)


def test_only_goals_of_the_opp_make_a_handelingsdeel():
    dossier = compleet()
    dossier.doelen = [Doel(leerlingnummer="001", plan="IOP", domein="werken", doel="Ik ...")]
    assert ontbrekende_onderdelen(dossier, PRO) == [Onderdeel.HANDELINGSDEEL]


def test_praktijkonderwijs_is_asked_only_of_a_praktijkschool():
    dossier = compleet(invulling_praktijkonderwijs=None)
    assert ontbrekende_onderdelen(dossier, VO) == []
    assert ontbrekende_onderdelen(dossier, None) == []


def test_an_empty_plan_lacks_every_part_in_the_order_of_the_plan():
    dossier = Leerlingdossier(leerling=Leerling.model_validate(leerling_rij(
        uitstroombestemming=None, onderbouwing_uitstroom=None, invulling_praktijkonderwijs=None,
        inbreng_leerling=None)))
    assert ontbrekende_onderdelen(dossier, PRO) == list(Onderdeel)


# --- opp check: a located warning per missing part --------------------------------------------------------

def test_the_base_class_is_complete(maak_werkboek):
    assert not [c for c in codes(lees(maak_werkboek(klas("001", "002"))).report) if c in {o.code for o in Onderdeel}]


@pytest.mark.parametrize("veld, code, kolom", [
    ("uitstroombestemming", "uitstroombestemming-ontbreekt", "Uitstroombestemming"),
    ("onderbouwing_uitstroom", "onderbouwing-uitstroom-ontbreekt", "Onderbouwing uitstroom"),
    ("invulling_praktijkonderwijs", "praktijkonderwijs-ontbreekt", "Invulling praktijkonderwijs"),
    ("inbreng_leerling", "inbreng-leerling-ontbreekt", "Inbreng leerling"),
])
def test_an_empty_cell_is_located_on_the_pupils_row(maak_werkboek, veld, code, kolom):
    rows = klas("001", "002")
    rows["Leerlingen"][1][veld] = None
    werkboek = lees(maak_werkboek(rows))
    issue = enig(werkboek.report, code)
    assert issue.ernst is Ernst.WAARSCHUWING and issue.leerlingnummer == "002"
    assert plaats(issue) == ("Leerlingen", 3, kolom)
    # A concept is still rendered: the pupil stays usable.
    assert werkboek.report.ok and len(werkboek.bruikbare_dossiers()) == 2


@pytest.mark.parametrize("blad, weg, code, kolom", [
    ("Factoren", lambda r: r["Factoren"].pop(1), "bevorderende-factoren-ontbreken", "Soort"),
    ("Factoren", lambda r: r["Factoren"].pop(3), "belemmerende-factoren-ontbreken", "Soort"),
    ("Ondersteuning", lambda r: r["Ondersteuning"].pop(1), "ondersteuning-ontbreekt", "Interventie"),
    ("Doelen", lambda r: r["Doelen"][1].update(plan="IOP"), "handelingsdeel-ontbreekt", "Plan"),
])
def test_missing_rows_are_located_on_the_sheet_where_they_belong(maak_werkboek, blad, weg, code, kolom):
    rows = klas("001", "002")
    weg(rows)
    werkboek = lees(maak_werkboek(rows))
    issue = enig(werkboek.report, code)
    assert issue.ernst is Ernst.WAARSCHUWING and issue.leerlingnummer == "002"
    assert plaats(issue) == (blad, None, kolom)
    assert "002" in issue.bericht  # no row to point at: the message names the pupil
    assert werkboek.report.ok and len(werkboek.bruikbare_dossiers()) == 2


def test_an_empty_plan_gets_one_warning_per_part(maak_werkboek):
    rows = klas("001")
    rows["Leerlingen"][0].update(uitstroombestemming=None, onderbouwing_uitstroom=None,
                                 invulling_praktijkonderwijs=None, inbreng_leerling=None)
    for blad in ("Factoren", "Doelen", "Ondersteuning"):
        rows[blad] = []
    assert codes(lees(maak_werkboek(rows)).report) == [o.code for o in Onderdeel]


def test_a_pupil_whose_rows_did_not_read_is_not_also_called_incomplete(maak_werkboek):
    rows = klas("001")
    rows["Doelen"][0]["status"] = "klaar"  # the only OPP goal does not read: that error says enough
    assert codes(lees(maak_werkboek(rows)).report) == ["ongeldige-keuze"]


def test_a_pupil_who_left_is_not_asked_for_a_complete_plan(maak_werkboek):
    rows = klas("001")
    rows["Leerlingen"][0].update(inbreng_leerling=None, datum_uitschrijving=dt.date(2026, 7, 10))
    assert "inbreng-leerling-ontbreekt" not in codes(lees(maak_werkboek(rows)).report)


def test_the_cli_json_lists_the_codes(maak_werkboek):
    rows = klas("001")
    rows["Ondersteuning"] = []
    result = CliRunner().invoke(cli, ["check", str(maak_werkboek(rows)), "--datum", "22-11-2026", "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    problemen = json.loads(result.output)["problemen"]
    assert [(p["code"], p["blad"], p["kolom"], p["leerlingnummer"]) for p in problemen] == [
        ("ondersteuning-ontbreekt", "Ondersteuning", "Interventie", "001")]


def test_issues_met_helper_sees_every_part(maak_werkboek):
    rows = klas("001", "002")
    rows["Leerlingen"][0]["inbreng_leerling"] = None
    rows["Leerlingen"][1]["inbreng_leerling"] = None
    assert [i.rij for i in issues_met(lees(maak_werkboek(rows)).report, "inbreng-leerling-ontbreekt")] == [2, 3]
