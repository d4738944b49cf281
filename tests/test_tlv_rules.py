"""The TLV rules: the pro criteria as an indication and the checklist rules, at their boundaries. Pure
functions on models built in memory; no workbook, no files. The rules return facts (codes, numbers, dates,
field names); the Dutch written from them is tested in test_dossier_woorden.py."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier_helpers import DATUM, DLE_VOORBEELD, leerling, pro_aanvraag, toetsen, vso_aanvraag
from opp.dossier.checklist import ITEM_SOORTEN
from opp.models import Leerling, Leerlingdossier, TlvAanvraag, Toetsonderdeel, Toetsresultaat
from opp.rules.tlv import (
    REGELS,
    Aanvraaggegevens,
    Gebrek,
    LaUitkomst,
    Status,
    TeltNiet,
    Vondst,
    bijlage,
    deskundigen,
    didactiek,
    intelligentie,
    opp_geevalueerd,
    opp_vastgesteld,
    pro_indicatie,
    veld,
)


def dossier(iq=72, dl=60, dle=None, **leerling_over) -> Leerlingdossier:
    rows = toetsen(iq=iq, dl=dl, dle=DLE_VOORBEELD if dle is None else dle)
    return Leerlingdossier(leerling=Leerling.model_validate(leerling(**leerling_over)),
                           toetsen=[Toetsresultaat.model_validate(r) for r in rows])


def gegevens(d: Leerlingdossier | None = None, aanvraag: dict | None = None, datum=DATUM, bijlagen=()):
    return Aanvraaggegevens(d or dossier(), TlvAanvraag.model_validate(aanvraag or pro_aanvraag()), datum,
                            tuple(bijlagen))


def domein(indicatie, naam: str):
    return next(d for d in indicatie.domeinen if str(d.onderdeel) == naam)


# --- the pro indication ---------------------------------------------------------------------------------------

def test_the_worked_example_of_domain_md():
    indicatie = pro_indicatie(dossier())
    assert domein(indicatie, "begrijpend lezen").la == pytest.approx(0.55)
    assert domein(indicatie, "begrijpend lezen").voldoet
    assert domein(indicatie, "inzichtelijk rekenen").la == pytest.approx(0.4667, abs=1e-4)
    assert not domein(indicatie, "inzichtelijk rekenen").voldoet
    assert domein(indicatie, "technisch lezen").la == pytest.approx(0.6667, abs=1e-4)
    assert domein(indicatie, "technisch lezen").voldoet
    assert indicatie.iq_voldoet and indicatie.la_voldoet and indicatie.voldoet
    assert indicatie.la_uitkomst is LaUitkomst.VOLDOET
    iq = indicatie.iq_toets
    assert (indicatie.iq, iq.instrument, iq.datum) == (72, "WISC-V", dt.date(2026, 3, 3))
    assert [str(d.onderdeel) for d in indicatie.gehaald] == ["technisch lezen", "begrijpend lezen"]
    assert all(d.telt_niet is None and not d.begrensd and not d.dle_groter_dan_dl for d in indicatie.domeinen)


def test_the_facts_as_json_hold_numbers_and_no_words():
    data = pro_indicatie(dossier()).to_dict()
    assert set(data) == {"voldoet", "iq", "iq_voldoet", "domeinen", "la_voldoet"}
    assert data["domeinen"][1] == {"onderdeel": "begrijpend lezen", "dl": 60, "dle": 27, "la": pytest.approx(0.55),
                                   "voldoet": True}


@pytest.mark.parametrize("iq, voldoet", [(54, False), (55, True), (80, True), (81, False)])
def test_iq_boundaries_are_inclusive(iq, voldoet):
    indicatie = pro_indicatie(dossier(iq=iq))
    assert indicatie.iq_voldoet is voldoet
    assert indicatie.voldoet is voldoet  # the leerachterstand of the worked example meets
    assert indicatie.iq == iq


def test_no_iq_result_cannot_meet():
    indicatie = pro_indicatie(dossier(iq=None))
    assert not indicatie.iq_voldoet and not indicatie.voldoet
    assert indicatie.iq_toets is None and indicatie.iq is None
    assert indicatie.la_voldoet  # the conclusion names only the IQ


@pytest.mark.parametrize("dl, dle", [(60, 30), (6, 3), (42, 21), (59.4, 29.7), (66, 30)])
def test_la_of_exactly_half_meets(dl, dle):
    indicatie = pro_indicatie(dossier(dl=dl, dle={"begrijpend lezen": dle, "technisch lezen": dle}))
    bl = domein(indicatie, "begrijpend lezen")
    assert bl.voldoet, bl
    assert bl.la == pytest.approx(0.5)
    assert indicatie.la_voldoet


def test_just_under_half_does_not_meet_and_is_not_shown_as_half():
    indicatie = pro_indicatie(dossier(dl=60, dle={"begrijpend lezen": 30.1, "technisch lezen": 10}))
    bl = domein(indicatie, "begrijpend lezen")
    assert not bl.voldoet and bl.la < 0.5 and bl.telt_niet is None


def test_dl_is_capped_at_60():
    # Without the cap 1 - 33/70 = 0.53 would meet; with DL 60 it is 0.45.
    indicatie = pro_indicatie(dossier(dl=70, dle={"begrijpend lezen": 33, "technisch lezen": 10}))
    bl = domein(indicatie, "begrijpend lezen")
    assert bl.dl == 60 and not bl.voldoet and bl.begrensd
    assert bl.toets.dl == 70 and bl.la == pytest.approx(0.45)


def test_dl_zero_cannot_count():
    indicatie = pro_indicatie(dossier(dl=0, dle={"begrijpend lezen": 0, "technisch lezen": 0}))
    bl = domein(indicatie, "begrijpend lezen")
    assert bl.la is None and not bl.voldoet
    assert bl.telt_niet is TeltNiet.DL_NUL
    assert not indicatie.voldoet


def test_missing_dl_dle_or_test_cannot_count():
    d = dossier(dl=None, dle={"begrijpend lezen": 27})
    indicatie = pro_indicatie(d)
    bl = domein(indicatie, "begrijpend lezen")
    assert (bl.telt_niet, bl.leeg, bl.voldoet) == (TeltNiet.NIET_INGEVULD, ("dl",), False)
    spelling = domein(indicatie, "spelling")
    assert (spelling.telt_niet, spelling.toets) == (TeltNiet.GEEN_TOETS, None)
    d = dossier(dle={"begrijpend lezen": None})
    assert domein(pro_indicatie(d), "begrijpend lezen").leeg == ("dle",)
    assert not pro_indicatie(d).voldoet


def test_dle_greater_than_dl_does_not_meet_and_says_so():
    indicatie = pro_indicatie(dossier(dl=50, dle={"begrijpend lezen": 60, "technisch lezen": 10}))
    bl = domein(indicatie, "begrijpend lezen")
    assert bl.la == pytest.approx(-0.2) and not bl.voldoet
    assert bl.dle_groter_dan_dl and not bl.begrensd


def test_only_technisch_lezen_and_spelling_do_not_meet():
    dle = {"technisch lezen": 20, "spelling": 25, "begrijpend lezen": 40, "inzichtelijk rekenen": 45}
    indicatie = pro_indicatie(dossier(dle=dle))
    assert [str(d.onderdeel) for d in indicatie.domeinen if d.voldoet] == ["technisch lezen", "spelling"]
    assert not indicatie.la_voldoet and not indicatie.voldoet
    assert indicatie.la_uitkomst is LaUitkomst.GEEN_KERNDOMEIN


def test_one_domain_is_not_enough():
    indicatie = pro_indicatie(dossier(dle={"begrijpend lezen": 20, "technisch lezen": 50}))
    assert not indicatie.la_voldoet
    assert indicatie.la_uitkomst is LaUitkomst.TE_WEINIG_DOMEINEN
    assert [d.onderdeel for d in indicatie.gehaald] == [Toetsonderdeel.BEGRIJPEND_LEZEN]


def test_inzichtelijk_rekenen_alone_with_another_meets():
    indicatie = pro_indicatie(dossier(dle={"inzichtelijk rekenen": 30, "spelling": 10, "begrijpend lezen": 50}))
    assert indicatie.la_voldoet


def test_the_latest_test_per_domain_counts():
    d = dossier()
    d.toetsen.append(Toetsresultaat(leerlingnummer="001", onderdeel="begrijpend lezen", instrument="Cito",
                                    datum=dt.date(2025, 1, 1), dl=60, dle=55))
    assert domein(pro_indicatie(d), "begrijpend lezen").voldoet  # the older result (0.08) does not count


# --- the checklist rules ---------------------------------------------------------------------------------------

def test_every_rule_has_a_checklist_item_model():
    assert set(REGELS) == set(ITEM_SOORTEN)


def test_veld_missing_points_at_the_tlv_column():
    g = gegevens(aanvraag=pro_aanvraag(zienswijze_ouders=None))
    b = veld(g, veld="zienswijze_ouders")
    assert b.status is Status.ONTBREEKT and not b.ok
    (tekort,) = b.tekorten
    assert (tekort.gebrek, tekort.soort, tekort.veld, tekort.model) == (
        Gebrek.VELD_LEEG, TlvAanvraag, "zienswijze_ouders", g.aanvraag)
    assert veld(gegevens(), veld="zienswijze_ouders").ok
    gevonden = veld(gegevens(), veld="datum_zienswijze")
    assert (gevonden.vondst, gevonden.waarde) == (Vondst.INGEVULD, dt.date(2026, 11, 10))


@pytest.mark.parametrize("geboren, nodig", [(dt.date(2010, 11, 23), False), (dt.date(2010, 11, 22), True)])
def test_the_pupils_view_is_needed_from_16(geboren, nodig):
    g = gegevens(dossier(geboortedatum=geboren), vso_aanvraag(zienswijze_leerling=None))
    b = veld(g, veld="zienswijze_leerling", vanaf_leeftijd=16)
    assert b.status is (Status.ONTBREEKT if nodig else Status.NIET_NODIG)
    assert b.ok is not nodig
    if not nodig:
        assert (b.vondst, b.leeftijd, b.vanaf_leeftijd) == (Vondst.NIET_NODIG, 15, 16)


def test_two_deskundigen():
    b = deskundigen(gegevens(aanvraag=vso_aanvraag(deskundige_2=None)), aantal=2)
    assert b.status is Status.ONTBREEKT
    assert [t.veld for t in b.tekorten] == ["deskundige_2"]
    assert (b.vondst, b.aantal, b.nodig, b.tekorten[0].aantal) == (Vondst.TE_WEINIG_DESKUNDIGEN, 1, 2, 2)
    b = deskundigen(gegevens(aanvraag=vso_aanvraag(deskundige_1=None, deskundige_2=None)), aantal=2)
    assert [t.veld for t in b.tekorten] == ["deskundige_1", "deskundige_2"]
    assert deskundigen(gegevens(aanvraag=vso_aanvraag()), aantal=2).ok
    assert deskundigen(gegevens(aanvraag=vso_aanvraag(deskundige_2=None)), aantal=1).ok


def test_iq_result_at_most_24_months_old():
    d = dossier()
    iq = d.laatste_intelligentie  # 3 March 2026
    assert intelligentie(gegevens(d, datum=dt.date(2028, 3, 3)), max_maanden=24).ok
    stale = intelligentie(gegevens(d, datum=dt.date(2028, 3, 4)), max_maanden=24)
    assert stale.status is Status.VEROUDERD
    (tekort,) = stale.tekorten
    assert (tekort.soort, tekort.veld, tekort.model) == (Toetsresultaat, "datum", iq)
    assert (tekort.gebrek, tekort.datum, tekort.maanden) == (Gebrek.IQ_VEROUDERD, dt.date(2026, 3, 3), 24)


def test_iq_missing_or_without_score():
    b = intelligentie(gegevens(dossier(iq=None)), max_maanden=24)
    assert b.status is Status.ONTBREEKT and b.tekorten[0].model is None and b.tekorten[0].soort is Toetsresultaat
    assert (b.tekorten[0].gebrek, b.tekorten[0].maanden) == (Gebrek.GEEN_IQ, 24)
    d = dossier(iq=None)
    d.toetsen.append(Toetsresultaat(leerlingnummer="001", onderdeel="intelligentie", instrument="WISC-V",
                                    datum=dt.date(2026, 3, 3)))
    b = intelligentie(gegevens(d), max_maanden=24)
    assert b.status is Status.ONTBREEKT and b.tekorten[0].veld == "score"


def test_didactiek_per_domain():
    b = didactiek(gegevens(dossier(dle={"begrijpend lezen": 27, "spelling": None})))
    assert b.status is Status.ONTBREEKT
    tekorten = {str(t.onderdeel): t for t in b.tekorten}
    assert tekorten["technisch lezen"].gebrek is Gebrek.GEEN_TOETS
    assert (tekorten["spelling"].gebrek, tekorten["spelling"].leeg) == (Gebrek.TOETS_ONVOLLEDIG, ("dle",))
    assert (b.aantal, b.nodig) == (1, 4)
    assert didactiek(gegevens(dossier()), onderdelen=["begrijpend lezen"]).ok
    stale = didactiek(gegevens(dossier()), onderdelen=["begrijpend lezen"], max_maanden=1)
    assert stale.status is Status.VEROUDERD and stale.tekorten[0].veld == "datum"


def test_opp_evaluated_at_most_6_months_ago():
    d = dossier(datum_evaluatie=dt.date(2026, 5, 22))
    assert opp_geevalueerd(gegevens(d), max_maanden=6).ok
    d = dossier(datum_evaluatie=dt.date(2026, 5, 21))
    b = opp_geevalueerd(gegevens(d), max_maanden=6)
    assert b.status is Status.VEROUDERD
    assert (b.tekorten[0].soort, b.tekorten[0].veld) == (Leerling, "datum_evaluatie")
    assert b.tekorten[0].model is d.leerling
    assert opp_geevalueerd(gegevens(dossier(datum_evaluatie=None)), max_maanden=6).status is Status.ONTBREEKT
    future = opp_geevalueerd(gegevens(dossier(datum_evaluatie=dt.date(2026, 12, 1))), max_maanden=6)
    assert future.status is Status.ONTBREEKT and future.tekorten[0].gebrek is Gebrek.EVALUATIE_NA_DOSSIER


def test_opp_worked_with_for_at_least_6_months():
    assert opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 5, 22))), min_maanden=6).ok
    b = opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 5, 23))), min_maanden=6)
    assert b.status is Status.ONTBREEKT
    assert (b.tekorten[0].gebrek, b.tekorten[0].vanaf) == (Gebrek.TE_KORT_GEWERKT, dt.date(2026, 11, 23))
    assert b.tekorten[0].veld == "datum_vaststelling"
    assert opp_vastgesteld(gegevens(dossier(datum_vaststelling=None))).status is Status.ONTBREEKT
    assert opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 11, 1)))).ok


def test_bijlage_by_a_word_in_the_file_name():
    g = gegevens(bijlagen=("Handelingsdeel-Getekend.PDF", "mdo.docx"))
    assert bijlage(g, naam_bevat=["handelingsdeel"]).gevonden == ("Handelingsdeel-Getekend.PDF",)
    b = bijlage(gegevens(bijlagen=("iq.pdf",)), naam_bevat=["handelingsdeel", "instemming"])
    assert b.status is Status.ONTBREEKT
    assert b.tekorten[0].naam_bevat == ("handelingsdeel", "instemming")
    assert b.tekorten[0].veld == "bijlagen"
