"""The life of each OPP as facts for the report, at the boundaries of its terms (opp/rules/plannen.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import leerling
from opp.models import Leerling, Leerlingdossier
from opp.rules.plannen import Registerstand, planfeiten, tel_plannen
from opp.settings import Settings

INGESCHREVEN = dt.date(2026, 9, 1)
UITERLIJK = INGESCHREVEN + dt.timedelta(days=42)
DATUM = dt.date(2027, 3, 1)


def dossier(**velden) -> Leerlingdossier:
    return Leerlingdossier(leerling=Leerling.model_validate(leerling("001", datum_inschrijving=INGESCHREVEN,
                                                                     **velden)))


def feiten(stand=None, datum=DATUM, **velden):
    return planfeiten(dossier(**velden), None, stand, datum, Settings())


@pytest.mark.parametrize("eerste, op_tijd", [(UITERLIJK, True), (UITERLIJK + dt.timedelta(days=1), False)])
def test_the_first_vaststelling_within_six_weeks(eerste, op_tijd):
    assert feiten(datum_eerste_vaststelling=eerste).eerste_op_tijd is op_tijd
    assert feiten(Registerstand(eerste, "ter instemming")).eerste_op_tijd is op_tijd  # the register's date


def test_the_earliest_known_first_date_counts_and_a_future_one_not():
    late = UITERLIJK + dt.timedelta(days=30)
    assert feiten(Registerstand(late, "vastgesteld"), datum_eerste_vaststelling=UITERLIJK).eerste_op_tijd is True
    assert feiten(Registerstand(None, "concept")).eerste_op_tijd is None
    assert feiten(datum=UITERLIJK - dt.timedelta(days=1), datum_eerste_vaststelling=UITERLIJK).eerste_op_tijd is None


@pytest.mark.parametrize("evaluatie, geteld", [
    (dt.date(2026, 3, 1), True), (dt.date(2026, 2, 28), False), (DATUM, True), (DATUM + dt.timedelta(days=1), False)])
def test_evaluated_with_the_parents_in_the_last_twelve_months(evaluatie, geteld):
    assert feiten(datum_evaluatie=evaluatie).geevalueerd is geteld


def test_consent_and_concepts_are_counted():
    alle = [feiten(Registerstand(INGESCHREVEN, "vastgesteld")), feiten(Registerstand(INGESCHREVEN, "ter instemming")),
            feiten()]
    telling = tel_plannen(alle)
    assert (telling.leerlingen, telling.instemming, telling.niet_in_register) == (3, 1, 1)
    assert telling.concept == 3  # the bare pupil rows have no goals, factors or inbreng
