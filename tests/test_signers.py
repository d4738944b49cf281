"""Who signs, on which date: the rules of domain.md at their boundaries."""

import datetime as dt

from opp.models import Leerling, Leerlingdossier, School, Verzorger
from opp.rules.signers import Rol, ondertekenaars
from opp.settings import Settings
from render_helpers import SCHOOL, leerling, ouder

SCHOOL_MODEL = School.model_validate(SCHOOL)


def dossier(verzorgers=(), **over) -> Leerlingdossier:
    return Leerlingdossier(leerling=Leerling.model_validate(leerling(**over)),
                           verzorgers=[Verzorger.model_validate(v) for v in verzorgers])


def rollen(result):
    return [(o.rol, o.naam, o.instemming) for o in result]


def settings(**ondertekening) -> Settings:
    return Settings.model_validate({"ondertekening": ondertekening})


def test_under_18_every_parent_with_gezag_gives_consent():
    d = dossier([ouder(naam="Moeder"), ouder(naam="Vader", relatie="vader"), ouder(naam="Stiefvader", gezag="nee")])
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), settings(leerling_tekent_vanaf=16))
    assert rollen(result) == [(Rol.OUDER, "Moeder", True), (Rol.OUDER, "Vader", True), (Rol.SCHOOL, "P. Jansen", False)]


def test_pupil_signs_for_seen_from_the_age_the_school_sets():
    d = dossier([ouder(naam="Moeder")])  # born 14-05-2012: 14 on 22-11-2026
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), settings(leerling_tekent_vanaf=14))
    assert (Rol.LEERLING, "Sanne van der Berg", False) in rollen(result)
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), settings(leerling_tekent_vanaf=15))
    assert Rol.LEERLING not in [o.rol for o in result]


def test_adult_pupil_signs_instead_of_parents():
    d = dossier([ouder(naam="Moeder")], geboortedatum=dt.date(2008, 11, 22))
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), Settings())
    assert rollen(result) == [(Rol.LEERLING, "Sanne van der Berg", True), (Rol.SCHOOL, "P. Jansen", False)]


def test_pupil_who_turns_18_between_two_dates():
    d = dossier([ouder(naam="Moeder")], geboortedatum=dt.date(2008, 11, 23))
    before = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), Settings())
    after = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 23), Settings())
    assert (Rol.OUDER, "Moeder", True) in rollen(before)
    assert (Rol.LEERLING, "Sanne van der Berg", False) in rollen(before)
    assert [o.rol for o in after if o.instemming] == [Rol.LEERLING]


def test_curatele_legal_representative_signs():
    d = dossier([ouder(naam="Mr. C. Curator", relatie="anders")], geboortedatum=dt.date(2007, 1, 1),
                vertegenwoordiging="curatele")
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), Settings())
    assert rollen(result)[0] == (Rol.VERTEGENWOORDIGER, "Mr. C. Curator", True)
    assert (Rol.LEERLING, "Sanne van der Berg", False) in rollen(result)
    assert "curatele" in result[0].functie


def test_curatele_without_a_representative_in_the_workbook_leaves_an_empty_line():
    d = dossier([], geboortedatum=dt.date(2007, 1, 1), vertegenwoordiging="mentorschap")
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), Settings())
    assert result[0].rol is Rol.VERTEGENWOORDIGER and result[0].naam == ""


def test_school_signs_by_zorgcoordinator_when_set():
    d = dossier([ouder()])
    result = ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), settings(school_tekent="zorgcoordinator"))
    assert result[-1].rol is Rol.SCHOOL and result[-1].naam == "K. Zorg"


def test_keys_are_stable_and_distinct():
    d = dossier([ouder(naam="Moeder"), ouder(naam="Vader", relatie="vader")])
    keys = [o.sleutel for o in ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 11, 22), Settings())]
    assert len(keys) == len(set(keys))
    assert keys == [o.sleutel for o in ondertekenaars(d, SCHOOL_MODEL, dt.date(2026, 12, 1), Settings())]
