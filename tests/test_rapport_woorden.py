"""The sentences of the report's deadline lists, written from the facts the deadline rules return."""

from __future__ import annotations

import datetime as dt

import pytest

from opp.rapport.woorden import datum_kort, toelichting
from opp.rules import deadlines
from opp.settings import Settings
from test_deadlines import DAG_42, INSCHRIJVING, VERTREK, dossier, tlv

D = dt.date


@pytest.mark.parametrize("dag, dagen", [(1, "1 dag"), (2, "2 dagen")])
def test_opp_not_set_names_enrolment_deadline_and_days_with_the_right_plural(dag, dagen):
    signaal = deadlines.opp_niet_vastgesteld(dossier(), DAG_42 + dt.timedelta(days=dag), Settings())
    assert toelichting(signaal) == (f"ingeschreven op {datum_kort(INSCHRIJVING)}; het OPP moest uiterlijk "
                                    f"13-10-2025 vastgesteld zijn ({dagen} te laat)")


def test_a_first_opp_set_late_names_when_it_was_set():
    d = dossier(datum_eerste_vaststelling=D(2025, 10, 20), datum_vaststelling=D(2026, 10, 8))
    signaal = deadlines.opp_niet_vastgesteld(d, D(2026, 11, 22), Settings())
    assert toelichting(signaal) == (f"ingeschreven op {datum_kort(INSCHRIJVING)}; het eerste OPP is vastgesteld op "
                                    "20-10-2025, uiterlijk was 13-10-2025 (7 dagen te laat)")


@pytest.mark.parametrize("leerling, verwacht", [
    (dict(datum_vaststelling=D(2024, 10, 1), datum_evaluatie=D(2025, 3, 1)),
     "laatst geëvalueerd op 01-03-2025; de evaluatie was uiterlijk 01-03-2026"),
    (dict(datum_vaststelling=D(2024, 10, 1)),
     "nooit geëvalueerd; vastgesteld op 01-10-2024; de evaluatie was uiterlijk 01-10-2025"),
    (dict(), "nooit geëvalueerd en nog niet vastgesteld (moest uiterlijk 13-10-2025); de evaluatie was uiterlijk "
             "13-10-2026"),
])
def test_evaluation_says_what_the_year_counts_from(leerling, verwacht):
    assert toelichting(deadlines.opp_evaluatie_te_laat(dossier(**leerling), D(2027, 1, 1), Settings())) == verwacht


def test_tlv_ends_or_has_ended():
    eindigt = deadlines.tlv_verloopt(dossier(tlv=[tlv(D(2026, 9, 2))]), D(2026, 3, 2), Settings())
    assert toelichting(eindigt) == "TLV pro eindigt op 02-09-2026; vraag een verlenging aan"
    verlopen = deadlines.tlv_verloopt(dossier(tlv=[tlv(D(2026, 1, 31), soort="vso")]), D(2026, 3, 2), Settings())
    assert toelichting(verlopen) == "TLV vso is verlopen op 31-01-2026; vraag een verlenging aan"


def test_retention_names_the_term_and_what_to_destroy():
    pro = deadlines.bewaartermijn_verstreken(dossier(datum_uitschrijving=VERTREK), D(2026, 8, 1), Settings())
    assert toelichting(pro) == ("uitgeschreven op 31-07-2024; bewaren tot en met 31-07-2026 (2 jaar): vernietig de "
                                "gegevens in het werkboek, de documenten en de PDF's")
    vso = dossier(datum_uitschrijving=VERTREK, tlv=[tlv(D(2025, 7, 31), soort="vso")])
    signaal = deadlines.bewaartermijn_verstreken(vso, D(2027, 8, 1), Settings())
    assert toelichting(signaal) == ("uitgeschreven op 31-07-2024; bewaren tot en met 31-07-2027 (3 jaar na een "
                                    "verwijzing naar het vso): vernietig de gegevens in het werkboek, de documenten "
                                    "en de PDF's")


def test_every_kind_of_signal_has_a_sentence():
    d = dossier(datum_inschrijving=D(2024, 9, 1), tlv=[tlv(D(2026, 4, 1))])
    signalen = deadlines.termijnsignalen(d, D(2026, 3, 2), Settings())
    signalen += deadlines.termijnsignalen(dossier(datum_uitschrijving=VERTREK), D(2030, 1, 1), Settings())
    assert {s.regel for s in signalen} == set(deadlines.Regel)
    assert all(toelichting(s) for s in signalen)
