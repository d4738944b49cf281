"""The deadline rules at their boundaries: day 42/43, exactly one year, a TLV ending exactly N months away.
The rules return facts; the sentences the report writes from them are tested in test_rapport_woorden.py."""

from __future__ import annotations

import datetime as dt

import pytest

from opp.models import Kernteamaanmelding, Leerling, Leerlingdossier, TlvAanvraag, TlvSoort
from opp.rules import deadlines
from opp.rules.deadlines import (
    Regel,
    Sinds,
    begin_schooljaar,
    eerste_opp_op_tijd,
    kernteam_dit_schooljaar,
    opp_evaluatie_te_laat,
    opp_niet_vastgesteld,
    opp_uiterlijk,
    plus_jaren,
    plus_maanden,
    termijnsignalen,
    tlv_verloopt,
)
from opp.settings import Settings

D = dt.date
INSCHRIJVING = D(2025, 9, 1)
DAG_42 = INSCHRIJVING + dt.timedelta(days=42)  # 13-10-2025


def dossier(*, tlv=(), kernteam=(), **leerling) -> Leerlingdossier:
    velden = dict(leerlingnummer="1", roepnaam="Test", achternaam="Leerling", geboortedatum=D(2012, 1, 1),
                  klas="PrO 1A", mentor="mentor", datum_inschrijving=INSCHRIJVING, uitstroomrichting="arbeid",
                  uitstroombestemming="werk", onderbouwing_uitstroom="reden")
    velden.update(leerling)
    return Leerlingdossier(leerling=Leerling(**velden), tlv=list(tlv), kernteam=list(kernteam))


def tlv(einddatum, soort="pro", aanvraag="eerste") -> TlvAanvraag:
    return TlvAanvraag(leerlingnummer="1", soort=soort, einddatum=einddatum, aanvraag=aanvraag,
                       motivatie_school="m", categorie="laag" if soort == "vso" else None)


def aanmelding(datum) -> Kernteamaanmelding:
    return Kernteamaanmelding(leerlingnummer="1", datum_aanmelding=datum, aangemeld_door="mentor",
                              akkoord_teamleider=datum, hulpvraag="v", wat_is_al_gedaan="w", toestemming_ouders="ja")


def settings(**termijnen) -> Settings:
    return Settings.model_validate({"termijnen": termijnen})


# -- OPP set within 42 days ------------------------------------------------------------------------------------

def test_opp_on_day_42_is_in_time_and_day_43_is_late():
    d = dossier()
    assert DAG_42 == D(2025, 10, 13)
    assert opp_niet_vastgesteld(d, DAG_42, Settings()) is None
    signaal = opp_niet_vastgesteld(d, DAG_42 + dt.timedelta(days=1), Settings())
    assert signaal.regel is Regel.OPP_VASTSTELLEN
    assert signaal.uiterlijk == DAG_42
    assert signaal.dagen == 1
    assert signaal.ingeschreven == INSCHRIJVING


def test_opp_term_comes_from_the_settings():
    d = dossier()
    korter = settings(opp_vaststellen_dagen=30)
    assert opp_niet_vastgesteld(d, INSCHRIJVING + dt.timedelta(days=30), korter) is None
    assert opp_niet_vastgesteld(d, INSCHRIJVING + dt.timedelta(days=31), korter).dagen == 1


def test_opp_uiterlijk_na_matches_the_legal_default():
    leerling = dossier().leerling
    assert leerling.opp_uiterlijk_na(42) == opp_uiterlijk(leerling, Settings()) == DAG_42


def test_a_set_opp_is_not_late_but_a_date_after_the_report_does_not_count_yet():
    vastgesteld = dossier(datum_vaststelling=D(2025, 10, 20))  # late, but set: not on the list
    assert opp_niet_vastgesteld(vastgesteld, D(2025, 11, 1), Settings()) is None
    assert opp_niet_vastgesteld(vastgesteld, D(2025, 10, 19), Settings()).dagen == 6


def test_a_first_opp_set_late_stays_a_signal_whatever_was_set_later():
    # Enrolled 01-09-2025, due 13-10-2025; first set 20-10-2025 (7 days late), set again 08-10-2026.
    d = dossier(datum_eerste_vaststelling=D(2025, 10, 20), datum_vaststelling=D(2026, 10, 8))
    signaal = opp_niet_vastgesteld(d, D(2026, 11, 22), Settings())
    assert signaal.regel is Regel.OPP_VASTSTELLEN
    assert (signaal.uiterlijk, signaal.dagen) == (DAG_42, 7)  # the days it was late, not growing
    assert (signaal.ingeschreven, signaal.eerste_vastgesteld) == (INSCHRIJVING, D(2025, 10, 20))
    assert eerste_opp_op_tijd(d.leerling, Settings()) is False


def test_a_first_opp_on_day_42_is_in_time_and_an_unknown_first_date_judges_nothing():
    assert opp_niet_vastgesteld(dossier(datum_eerste_vaststelling=DAG_42), D(2026, 11, 22), Settings()) is None
    assert eerste_opp_op_tijd(dossier(datum_eerste_vaststelling=DAG_42).leerling, Settings()) is True
    assert eerste_opp_op_tijd(dossier(datum_vaststelling=D(2026, 10, 8)).leerling, Settings()) is None
    later = dossier(datum_eerste_vaststelling=DAG_42 + dt.timedelta(days=1))
    assert opp_niet_vastgesteld(later, D(2026, 11, 22), settings(opp_vaststellen_dagen=43)) is None


def test_a_first_vaststelling_after_the_report_date_does_not_count_yet():
    d = dossier(datum_eerste_vaststelling=D(2025, 10, 20))
    signaal = opp_niet_vastgesteld(d, D(2025, 10, 19), Settings())  # not set yet on that day: late by 6 days
    assert signaal.dagen == 6 and signaal.eerste_vastgesteld is None


def test_a_first_vaststelling_alone_counts_as_set_for_the_yearly_evaluation():
    d = dossier(datum_eerste_vaststelling=D(2024, 10, 1))
    assert opp_evaluatie_te_laat(d, D(2025, 10, 1), Settings()) is None
    signaal = opp_evaluatie_te_laat(d, D(2025, 10, 2), Settings())
    assert (signaal.sinds, signaal.sinds_datum) == (deadlines.Sinds.VASTSTELLING, D(2024, 10, 1))


# -- evaluated at least once a year ---------------------------------------------------------------------------

def test_evaluation_exactly_one_year_ago_is_in_time_and_a_day_more_is_late():
    d = dossier(datum_vaststelling=D(2024, 10, 1), datum_evaluatie=D(2025, 3, 1))
    assert opp_evaluatie_te_laat(d, D(2026, 3, 1), Settings()) is None
    signaal = opp_evaluatie_te_laat(d, D(2026, 3, 2), Settings())
    assert signaal.regel is Regel.OPP_EVALUEREN
    assert (signaal.uiterlijk, signaal.dagen) == (D(2026, 3, 1), 1)
    assert (signaal.sinds, signaal.sinds_datum) == (Sinds.EVALUATIE, D(2025, 3, 1))


def test_never_evaluated_counts_from_the_day_it_was_set():
    d = dossier(datum_vaststelling=D(2024, 10, 1))
    assert opp_evaluatie_te_laat(d, D(2025, 10, 1), Settings()) is None
    signaal = opp_evaluatie_te_laat(d, D(2025, 10, 2), Settings())
    assert signaal.dagen == 1
    assert (signaal.sinds, signaal.sinds_datum) == (Sinds.VASTSTELLING, D(2024, 10, 1))


def test_never_set_and_never_evaluated_counts_from_the_day_it_was_due():
    d = dossier()
    assert opp_evaluatie_te_laat(d, plus_jaren(DAG_42, 1), Settings()) is None
    signaal = opp_evaluatie_te_laat(d, plus_jaren(DAG_42, 1) + dt.timedelta(days=1), Settings())
    assert (signaal.sinds, signaal.sinds_datum) == (Sinds.TERMIJN, DAG_42)


def test_evaluation_on_29_february_is_due_on_28_february():
    d = dossier(datum_vaststelling=D(2023, 10, 1), datum_evaluatie=D(2024, 2, 29))
    assert opp_evaluatie_te_laat(d, D(2025, 2, 28), Settings()) is None
    assert opp_evaluatie_te_laat(d, D(2025, 3, 1), Settings()).uiterlijk == D(2025, 2, 28)


def test_an_evaluation_dated_after_the_report_does_not_count():
    d = dossier(datum_vaststelling=D(2024, 1, 10), datum_evaluatie=D(2025, 6, 1))
    assert opp_evaluatie_te_laat(d, D(2025, 3, 1), Settings()).sinds is Sinds.VASTSTELLING


# -- TLV ending within N months -------------------------------------------------------------------------------

def test_tlv_ending_exactly_six_months_away_is_flagged_and_a_day_later_is_not():
    datum = D(2026, 3, 2)
    signaal = tlv_verloopt(dossier(tlv=[tlv(D(2026, 9, 2))]), datum, Settings())
    assert signaal.regel is Regel.TLV_VERLENGEN
    assert signaal.uiterlijk == D(2026, 9, 2)
    assert signaal.dagen == -184  # days left, as a negative lateness
    assert signaal.soort is TlvSoort.PRO and not signaal.verlopen
    assert tlv_verloopt(dossier(tlv=[tlv(D(2026, 9, 3))]), datum, Settings()) is None


def test_tlv_months_come_from_the_settings():
    datum = D(2026, 3, 2)
    drie = settings(tlv_verloopt_binnen_maanden=3)
    assert tlv_verloopt(dossier(tlv=[tlv(D(2026, 6, 2))]), datum, drie) is not None
    assert tlv_verloopt(dossier(tlv=[tlv(D(2026, 6, 3))]), datum, drie) is None


def test_an_ended_tlv_is_flagged_as_expired():
    signaal = tlv_verloopt(dossier(tlv=[tlv(D(2026, 1, 31), soort="vso")]), D(2026, 3, 2), Settings())
    assert (signaal.uiterlijk, signaal.dagen) == (D(2026, 1, 31), 30)
    assert signaal.soort is TlvSoort.VSO and signaal.verlopen


def test_a_renewal_with_a_later_end_date_silences_the_signal():
    d = dossier(tlv=[tlv(D(2026, 7, 31)), tlv(D(2030, 7, 31), aanvraag="verlenging")])
    assert tlv_verloopt(d, D(2026, 3, 2), Settings()) is None


def test_a_tlv_without_end_date_or_no_tlv_gives_no_signal():
    assert tlv_verloopt(dossier(tlv=[tlv(None)]), D(2026, 3, 2), Settings()) is None
    assert tlv_verloopt(dossier(), D(2026, 3, 2), Settings()) is None


@pytest.mark.parametrize("datum, maanden, verwacht", [
    (D(2026, 3, 2), 6, D(2026, 9, 2)),
    (D(2026, 8, 31), 6, D(2027, 2, 28)),
    (D(2027, 8, 31), 6, D(2028, 2, 29)),
    (D(2026, 11, 15), 3, D(2027, 2, 15)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
])
def test_plus_maanden_keeps_the_day_or_takes_the_last_day_of_the_month(datum, maanden, verwacht):
    assert plus_maanden(datum, maanden) == verwacht


# -- kernteam referrals this school year ----------------------------------------------------------------------

def test_school_year_starts_on_1_august():
    assert begin_schooljaar(D(2025, 7, 31)) == D(2024, 8, 1)
    assert begin_schooljaar(D(2025, 8, 1)) == D(2025, 8, 1)
    assert begin_schooljaar(D(2026, 3, 2)) == D(2025, 8, 1)


def test_kernteam_counts_from_1_august_up_to_the_report_date():
    d = dossier(kernteam=[aanmelding(D(2025, 7, 31)), aanmelding(D(2025, 8, 1)), aanmelding(D(2026, 3, 2)),
                          aanmelding(D(2026, 3, 3))])
    gevonden = kernteam_dit_schooljaar(d, D(2026, 3, 2))
    assert [a.datum_aanmelding for a in gevonden] == [D(2025, 8, 1), D(2026, 3, 2)]


def test_termijnsignalen_lists_every_rule_in_order():
    d = dossier(datum_inschrijving=D(2024, 9, 1), tlv=[tlv(D(2026, 4, 1))])  # never set nor evaluated, TLV ends
    regels = [s.regel for s in termijnsignalen(d, D(2026, 3, 2), Settings())]
    assert regels == [Regel.OPP_VASTSTELLEN, Regel.OPP_EVALUEREN, Regel.TLV_VERLENGEN]
    assert deadlines.termijnsignalen(dossier(datum_vaststelling=D(2025, 10, 1)), D(2025, 10, 2), Settings()) == []


# -- retention after leaving ---------------------------------------------------------------------------------

VERTREK = D(2024, 7, 31)


def test_dossier_kept_two_years_after_leaving_the_last_day_included():
    d = dossier(datum_uitschrijving=VERTREK, datum_vaststelling=D(2025, 10, 1))
    assert deadlines.bewaartermijn_verstreken(d, D(2026, 7, 31), Settings()) is None
    signaal = deadlines.bewaartermijn_verstreken(d, D(2026, 8, 1), Settings())
    assert signaal.regel is Regel.BEWAARTERMIJN and signaal.uiterlijk == D(2026, 7, 31) and signaal.dagen == 1
    assert (signaal.uitgeschreven, signaal.jaren, signaal.na_vso) == (VERTREK, 2, False)


def test_three_years_after_a_referral_to_vso_and_both_terms_come_from_the_settings():
    d = dossier(datum_uitschrijving=VERTREK, tlv=[tlv(D(2025, 7, 31), soort="vso")])
    assert deadlines.bewaartermijn_verstreken(d, D(2027, 7, 31), Settings()) is None
    signaal = deadlines.bewaartermijn_verstreken(d, D(2027, 8, 1), Settings())
    assert signaal.uiterlijk == D(2027, 7, 31) and (signaal.jaren, signaal.na_vso) == (3, True)
    kort = Settings.model_validate({"bewaartermijn": {"jaren": 1, "jaren_na_verwijzing_vso": 1}})
    assert deadlines.bewaartermijn_verstreken(d, D(2025, 8, 1), kort).uiterlijk == D(2025, 7, 31)
    pro = dossier(datum_uitschrijving=VERTREK, tlv=[tlv(D(2025, 7, 31), soort="pro")])
    assert deadlines.bewaartermijn_verstreken(pro, D(2026, 8, 1), Settings()).uiterlijk == D(2026, 7, 31)


def test_no_retention_signal_for_a_pupil_still_at_school_or_leaving_after_the_report_date():
    assert deadlines.bewaartermijn_verstreken(dossier(), D(2030, 1, 1), Settings()) is None
    later = dossier(datum_uitschrijving=D(2031, 7, 31))
    assert deadlines.bewaartermijn_verstreken(later, D(2030, 1, 1), Settings()) is None


def test_a_pupil_who_left_gets_only_the_retention_signal():
    # Never set nor evaluated, TLV ended: none of that matters once the pupil has left.
    d = dossier(datum_uitschrijving=VERTREK, tlv=[tlv(D(2024, 1, 1))])
    assert [s.regel for s in termijnsignalen(d, D(2026, 8, 1), Settings())] == [Regel.BEWAARTERMIJN]
    assert termijnsignalen(d, D(2025, 1, 1), Settings()) == []
    nog_hier = dossier(tlv=[tlv(D(2024, 1, 1))])
    assert Regel.BEWAARTERMIJN not in [s.regel for s in termijnsignalen(nog_hier, D(2026, 8, 1), Settings())]
