"""The report's numbers on the hand-made workbook (answers in tests/rapport_helpers.py), and the norm flags."""

from __future__ import annotations

from fractions import Fraction

import pytest

from opp.models import Leerlingdossier
from opp.rapport.figures import bereken_cijfers, lijnen, norm_oordeel, procent_tekst
from opp.settings import Settings
from opp.werkboek.reader import read_werkboek
from rapport_helpers import DATUM, maak_werkboek


@pytest.fixture(scope="module")
def gelezen(tmp_path_factory):
    werkboek = maak_werkboek(tmp_path_factory.mktemp("figuren") / "werkboek.xlsx")
    wb = read_werkboek(werkboek, DATUM)
    assert wb.report.ok, wb.report.samenvatting
    yield wb
    wb.close()


@pytest.fixture(scope="module")
def cijfers(gelezen):
    return bereken_cijfers(gelezen.bruikbare_dossiers(), gelezen.school, DATUM, Settings()).to_dict()


def test_pupils_per_uitstroomrichting(cijfers):
    per = cijfers["uitstroom"]["per_richting"]
    assert {r: v["aantal"] for r, v in per.items()} == {
        "arbeid": 6, "vervolgonderwijs": 2, "beschut werk": 1, "dagbesteding": 1}
    assert per["arbeid"]["aandeel"] == pytest.approx(0.6)
    assert cijfers["leerlingen"] == {"in_rapport": 10, "overgeslagen": 0, "uitgeschreven": 0}


def test_uitstroom_per_leerjaar_and_klas(cijfers):
    per_leerjaar = cijfers["uitstroom"]["per_leerjaar"]
    assert list(per_leerjaar) == ["1", "2", "3", "onbekend"]
    assert per_leerjaar["1"] == {"arbeid": 2, "vervolgonderwijs": 1, "beschut werk": 0, "dagbesteding": 0,
                                 "totaal": 3}
    assert per_leerjaar["onbekend"]["arbeid"] == 1
    per_klas = cijfers["uitstroom"]["per_klas"]
    assert list(per_klas) == ["PrO 1A", "PrO 2A", "PrO 3A"]
    assert per_klas["PrO 3A"] == {"arbeid": 2, "vervolgonderwijs": 1, "beschut werk": 0, "dagbesteding": 1,
                                  "totaal": 4}


def test_support_lines_and_norm_flags(cijfers):
    o = cijfers["ondersteuning"]
    assert {lijn: v["aantal"] for lijn, v in o["per_lijn"].items()} == {"1e lijn": 8, "2e lijn": 1, "3e lijn": 1}
    assert o["per_lijn"]["1e lijn"]["aandeel"] == pytest.approx(0.8)
    assert (o["bekend"], o["onbekend"]) == (10, 0)
    eerste, derde = o["normen"]["1e lijn"], o["normen"]["3e lijn"]
    assert (eerste["oordeel"], eerste["binnen_norm"], eerste["norm"]) == ("binnen de norm", True, "80% tot 85%")
    assert (derde["oordeel"], derde["binnen_norm"], derde["norm"]) == ("boven de norm", False, "hoogstens 5%")


def test_goals_by_status_and_share_reached(cijfers):
    d = cijfers["doelen"]
    assert (d["totaal"], d["behaald"], d["aandeel_behaald"]) == (8, 3, 0.375)
    assert list(d["per_plan"]) == ["OPP", "IOP"]
    opp, iop = d["per_plan"]["OPP"], d["per_plan"]["IOP"]
    assert (opp["totaal"], opp["behaald"], opp["aandeel_behaald"]) == (5, 3, 0.6)
    assert (iop["totaal"], iop["behaald"], iop["deels behaald"], iop["niet behaald"], iop["geen status"]) == \
        (3, 0, 1, 1, 1)
    assert list(d["per_domein"]) == ["wonen", "werken", "vrije tijd", "burgerschap"]
    werken = d["per_domein"]["werken"]
    assert (werken["totaal"], werken["bezig"], werken["behaald"], werken["niet behaald"]) == (4, 1, 2, 1)
    assert werken["aandeel_behaald"] == 0.5
    assert {k: v["totaal"] for k, v in d["per_klas"].items()} == {"PrO 1A": 4, "PrO 2A": 2, "PrO 3A": 2}
    assert d["per_klas"]["PrO 2A"]["aandeel_behaald"] == 0


def test_deadline_counts(cijfers):
    t = cijfers["termijnen"]
    assert (t["opp_niet_vastgesteld"], t["evaluatie_te_laat"], t["tlv_verloopt"]) == (1, 2, 1)
    assert t["kernteam"] == {"vanaf": "2025-08-01", "totaal": 2, "per_klas": {"PrO 1A": 0, "PrO 2A": 0, "PrO 3A": 2}}
    assert t["handtekeningen"] is None


def test_deadline_lists_name_the_right_pupils(gelezen):
    t = bereken_cijfers(gelezen.bruikbare_dossiers(), gelezen.school, DATUM, Settings()).termijnen
    assert [s.leerlingnummer for s in t.opp_niet_vastgesteld] == ["0900105"]
    assert [s.leerlingnummer for s in t.evaluatie_te_laat] == ["0900108", "0900107"]  # longest overdue first
    assert [s.leerlingnummer for s in t.tlv_verloopt] == ["0900109"]
    assert [(k.leerlingnummer, k.klas) for k in t.kernteam] == [("0900109", "PrO 3A"), ("0900110", "PrO 3A")]


def test_figures_dict_holds_no_names(cijfers):
    text = repr(cijfers)
    for verboden in ("0900105", "Postma", "Eelco", "Mentor"):
        assert verboden not in text


@pytest.mark.parametrize("waarde, minimum, maximum, oordeel", [
    (0.80, 0.80, 0.85, "binnen de norm"),
    (0.85, 0.80, 0.85, "binnen de norm"),
    (float(Fraction(4, 5)), 0.80, 0.85, "binnen de norm"),
    (17 / 20, 0.80, 0.85, "binnen de norm"),
    (0.7999, 0.80, 0.85, "onder de norm"),
    (79 / 100, 0.80, 0.85, "onder de norm"),
    (0.8501, 0.80, 0.85, "boven de norm"),
    (0.05, None, 0.05, "binnen de norm"),
    (1 / 20, None, 0.05, "binnen de norm"),
    (3 / 59, None, 0.05, "boven de norm"),
    (0.0, None, 0.05, "binnen de norm"),
    (None, 0.80, 0.85, "geen gegevens"),
])
def test_norm_flags_at_their_boundaries(waarde, minimum, maximum, oordeel):
    assert norm_oordeel(waarde, minimum, maximum) == oordeel


def test_norms_come_from_the_settings(gelezen):
    dossiers = gelezen.bruikbare_dossiers()
    streng = Settings.model_validate({"normen": {"eerste_lijn_min": 0.81, "derde_lijn_max": 0.10}})
    per_lijn = lijnen(dossiers, streng)
    assert per_lijn.normen["1e lijn"].oordeel == "onder de norm"
    assert per_lijn.normen["3e lijn"].oordeel == "binnen de norm"  # exactly 10% of 10 pupils: on the boundary


def test_pupils_without_a_line_do_not_count_in_the_shares(gelezen):
    dossiers = gelezen.bruikbare_dossiers()
    zonder = Leerlingdossier(leerling=dossiers[0].leerling.model_copy(update={"ondersteuningsniveau": None}))
    per_lijn = lijnen([*dossiers, zonder], Settings())
    assert (per_lijn.bekend, per_lijn.onbekend) == (10, 1)
    assert per_lijn.aandeel("1e lijn") == pytest.approx(0.8)


@pytest.mark.parametrize("x, tekst", [(0.8, "80%"), (0.825, "82,5%"), (1 / 3, "33,3%"), (None, "-"), (0, "0%")])
def test_procent_tekst(x, tekst):
    assert procent_tekst(x) == tekst
