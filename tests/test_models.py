"""Derived values defined once on the models, at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from conftest import doel, factor, leerling, toets, verzorger
from opp.models import (
    Doel,
    DoelDomein,
    Factor,
    FactorDomein,
    Kernteamaanmelding,
    Leerling,
    Leerlingdossier,
    Lijn,
    Ondersteuning,
    Periode,
    Plan,
    School,
    TlvAanvraag,
    Toetsonderdeel,
    Toetsresultaat,
    Verzorger,
    leeftijd_op,
)
from opp.models.types import parse_datum

D = dt.date


def make_leerling(**changes) -> Leerling:
    return Leerling.model_validate(leerling(**changes))


@pytest.mark.parametrize("tussenvoegsel, expected", [
    ("van der", "Sanne van der Berg"), ("de", "Sanne de Berg"), (None, "Sanne Berg"), ("  van  ", "Sanne van Berg"),
])
def test_full_name_with_tussenvoegsel(tussenvoegsel, expected):
    assert make_leerling(tussenvoegsel=tussenvoegsel).volledige_naam == expected


def test_official_name_uses_all_first_names():
    assert make_leerling(voornamen="Susanna Maria").officiele_naam == "Susanna Maria van der Berg"
    assert make_leerling().officiele_naam == "Sanne van der Berg"


@pytest.mark.parametrize("datum, age", [
    (D(2026, 5, 13), 13), (D(2026, 5, 14), 14), (D(2026, 5, 15), 14), (D(2026, 12, 31), 14), (D(2027, 1, 1), 14),
])
def test_age_on_a_date_around_the_birthday(datum, age):
    assert make_leerling(geboortedatum=D(2012, 5, 14)).leeftijd_op(datum) == age


@pytest.mark.parametrize("datum, age", [
    (D(2026, 2, 28), 17), (D(2026, 3, 1), 18), (D(2028, 2, 28), 19), (D(2028, 2, 29), 20),
])
def test_age_of_someone_born_on_29_february(datum, age):
    assert leeftijd_op(D(2008, 2, 29), datum) == age


def test_18_plus_boundary():
    pupil = make_leerling(geboortedatum=D(2008, 11, 22))
    assert not pupil.is_meerderjarig_op(D(2026, 11, 21))
    assert pupil.is_meerderjarig_op(D(2026, 11, 22))
    leap = make_leerling(geboortedatum=D(2008, 2, 29))
    assert not leap.is_meerderjarig_op(D(2026, 2, 28)) and leap.is_meerderjarig_op(D(2026, 3, 1))


@pytest.mark.parametrize("inschrijving, uiterlijk", [
    (D(2026, 10, 12), D(2026, 11, 23)), (D(2026, 12, 1), D(2027, 1, 12)), (D(2028, 2, 1), D(2028, 3, 14)),
])
def test_opp_due_42_days_after_enrolment(inschrijving, uiterlijk):
    assert make_leerling(datum_inschrijving=inschrijving).opp_uiterlijk_na(42) == uiterlijk


@pytest.mark.parametrize("dl, dle, la", [
    (60, 27, 0.55), (60, 32, 0.4667), (60, 20, 0.6667), (60, 30, 0.5), (60, 60, 0.0), ("60", "27", 0.55),
    ("60", "13,5", 0.775),
])
def test_leerachterstand(dl, dle, la):
    assert Toetsresultaat.model_validate(toets(dl=dl, dle=dle)).leerachterstand == pytest.approx(la, abs=1e-4)


@pytest.mark.parametrize("dl, dle", [(None, 27), (60, None), (None, None), (0, 0), (0, 5)])
def test_leerachterstand_absent(dl, dle):
    assert Toetsresultaat.model_validate(toets(dl=dl, dle=dle)).leerachterstand is None


def test_intelligence_row_has_a_score_and_no_leerachterstand():
    iq = Toetsresultaat.model_validate(toets(onderdeel="Intelligentie", instrument="WISC-V", dl=None, dle=None,
                                             score="72"))
    assert iq.is_intelligentie and iq.score == 72 and iq.leerachterstand is None


def test_choices_match_case_and_excel_numbers():
    assert Doel.model_validate(doel(plan="iop", periode=1, domein="VRIJE TIJD")).periode is Periode.EEN
    assert Doel.model_validate(doel(plan="Iop")).plan is Plan.IOP and str(Plan.IOP) == "IOP"
    assert Doel.model_validate(doel(periode=1.0)).periode is Periode.EEN
    with pytest.raises(ValidationError):
        Doel.model_validate(doel(periode=1.5))


@pytest.mark.parametrize("text", ["14-05-2012", "14-5-2012", "14/05/2012", "2012-05-14", "2012-05-14 00:00:00",
                                  "2012-05-14T00:00:00"])
def test_date_text_formats(text):
    assert parse_datum(text) == D(2012, 5, 14)


def test_models_are_strict_and_frozen():
    with pytest.raises(ValidationError):
        Verzorger.model_validate({**verzorger(), "bsn": "123456782"})
    pupil = make_leerling()
    with pytest.raises(ValidationError):
        pupil.roepnaam = "Anders"


def test_text_cells_strip_and_numbers_become_text():
    v = Verzorger.model_validate(verzorger(telefoon=612345678, naam="  mw. X  "))
    assert v.telefoon == "612345678" and v.naam == "mw. X"
    assert Leerling.model_validate(leerling(leerlingnummer=123.0)).leerlingnummer == "123"
    with pytest.raises(ValidationError):
        Verzorger.model_validate(verzorger(naam=True))


def test_schooljaar_is_normalised_and_checked():
    base = {"naam": "X", "samenwerkingsverband": "Y", "schooltype": "vo"}
    assert School.model_validate({**base, "schooljaar": "2026 / 2027"}).schooljaar == "2026-2027"
    for wrong in ("2026-2028", "26-27", "schooljaar 2026"):
        with pytest.raises(ValidationError):
            School.model_validate({**base, "schooljaar": wrong})


def test_lists_in_one_cell_are_split():
    a = Kernteamaanmelding.model_validate({
        "leerlingnummer": "1", "datum_aanmelding": "05-10-2026", "aangemeld_door": "mentor",
        "akkoord_teamleider": "04-10-2026", "hulpvraag": "?", "wat_is_al_gedaan": "veel",
        "toestemming_ouders": "Ja", "externe_partners": "MEE,  schoolarts; CJG,"})
    assert a.externe_partners == ["MEE", "schoolarts", "CJG"] and a.heeft_toestemming
    t = TlvAanvraag.model_validate({"leerlingnummer": "1", "soort": "vso", "motivatie_school": "x",
                                    "bijlagen": "bijlagen/a.pdf; bijlagen/b, c.pdf ;"})
    assert t.bijlagen == ["bijlagen/a.pdf", "bijlagen/b, c.pdf"]


def test_dossier_groups_in_the_order_of_the_choice_lists():
    dossier = Leerlingdossier(
        leerling=make_leerling(ondersteuningsniveau="1e lijn"),
        factoren=[Factor.model_validate(factor(domein="thuissituatie", soort="belemmerend", omschrijving="a")),
                  Factor.model_validate(factor(domein="cognitief", soort="bevorderend", omschrijving="b")),
                  Factor.model_validate(factor(domein="thuissituatie", soort="bevorderend", omschrijving="c"))],
        doelen=[Doel.model_validate(doel(plan="OPP", domein="rekenen")),
                Doel.model_validate(doel(plan="OPP", domein="wonen")),
                Doel.model_validate(doel(plan="IOP", domein="werken"))],
        toetsen=[Toetsresultaat.model_validate(toets(onderdeel="intelligentie", datum=D(2021, 1, 1), score=70)),
                 Toetsresultaat.model_validate(toets(onderdeel="intelligentie", datum=D(2025, 1, 1), score=74)),
                 Toetsresultaat.model_validate(toets())],
        ondersteuning=[Ondersteuning.model_validate({"leerlingnummer": "001", "lijn": "2e lijn",
                                                     "interventie": "training"})],
    )
    per_domein = dossier.factoren_per_domein()
    assert [p["domein"] for p in per_domein] == [FactorDomein.COGNITIEF, FactorDomein.THUISSITUATIE]
    assert per_domein[1]["bevorderend"] == ["c"] and per_domein[1]["belemmerend"] == ["a"]
    assert [p["domein"] for p in dossier.doelen_per_domein(Plan.OPP)] == [DoelDomein.WONEN, DoelDomein.REKENEN]
    assert len(dossier.doelen_van(Plan.IOP)) == 1
    assert dossier.hoogste_lijn is Lijn.TWEEDE
    assert dossier.laatste_intelligentie.score == 74
    assert [t.onderdeel for t in dossier.didactische_toetsen] == [Toetsonderdeel.BEGRIJPEND_LEZEN]
