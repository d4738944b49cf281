"""The Dutch of the TLV dossier, written from the facts of the TLV rules: the pro indication's arithmetic,
what each checklist rule found, and what to fix in which column."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier_helpers import pro_aanvraag, vso_aanvraag
from opp.dossier import woorden
from opp.dossier.woorden import INDICATIE_LABEL, bericht, beschrijf_indicatie, blad, kolom, toelichting
from opp.models import Toetsresultaat
from opp.rules.tlv import (
    Gebrek,
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
from test_tlv_rules import domein, dossier, gegevens


def regels(**dossier_over) -> list[str]:
    return beschrijf_indicatie(pro_indicatie(dossier(**dossier_over))).regels


def regel(naam: str, **dossier_over) -> str:
    return next(r for r in regels(**dossier_over) if r.startswith(naam.capitalize() + ":"))


# --- the pro indication ---------------------------------------------------------------------------------------

def test_the_worked_example_line_by_line():
    beschreven = beschrijf_indicatie(pro_indicatie(dossier()))
    assert beschreven.regels == [
        "IQ: 72 (WISC-V, 3 maart 2026) ligt tussen 55 en 80: voldoet.",
        "Technisch lezen: LA = 1 − 20/60 ≈ 0,67 ≥ 0,50: voldoet.",
        "Begrijpend lezen: LA = 1 − 27/60 = 0,55 ≥ 0,50: voldoet.",
        "Spelling: LA = 1 − 40/60 ≈ 0,33 < 0,50: voldoet niet.",
        "Inzichtelijk rekenen: LA = 1 − 32/60 ≈ 0,47 < 0,50: voldoet niet.",
        "Leerachterstand van 0,50 of meer op 2 van de 4 domeinen (technisch lezen, begrijpend lezen), waaronder "
        "begrijpend lezen of inzichtelijk rekenen: voldoet.",
        "Conclusie: de leerling voldoet aan de landelijke criteria voor praktijkonderwijs.",
    ]
    assert beschreven.conclusie == beschreven.regels[-1] and beschreven.voldoet


def test_the_indication_is_always_labelled_as_one_and_its_json_keeps_its_shape():
    beschreven = beschrijf_indicatie(pro_indicatie(dossier(iq=None)))
    assert beschreven.label == INDICATIE_LABEL == "Indicatie; het samenwerkingsverband beslist."
    data = beschreven.to_dict()
    assert list(data) == ["voldoet", "iq", "iq_voldoet", "domeinen", "la_voldoet", "regels", "label"]
    assert data["regels"] == beschreven.regels and data["label"] == INDICATIE_LABEL


@pytest.mark.parametrize("iq, verwacht", [
    (54, "IQ: 54 (WISC-V, 3 maart 2026) ligt niet tussen 55 en 80: voldoet niet."),
    (80, "IQ: 80 (WISC-V, 3 maart 2026) ligt tussen 55 en 80: voldoet."),
    (72.5, "IQ: 72,5 (WISC-V, 3 maart 2026) ligt tussen 55 en 80: voldoet."),
    (None, "IQ: geen intelligentieonderzoek ingevuld: voldoet niet (niet te beoordelen)."),
])
def test_the_iq_line(iq, verwacht):
    assert regels(iq=iq)[0] == verwacht


def test_an_iq_test_without_score_and_the_conclusion_names_what_fails():
    d = dossier(iq=None)
    d.toetsen.append(Toetsresultaat(leerlingnummer="001", onderdeel="intelligentie", instrument="WISC-V",
                                    datum=dt.date(2026, 3, 3)))
    beschreven = beschrijf_indicatie(pro_indicatie(d))
    assert beschreven.regels[0] == ("IQ: bij het onderzoek van 3 maart 2026 (WISC-V) is geen score ingevuld: voldoet "
                                    "niet (niet te beoordelen).")
    assert beschreven.conclusie.endswith("praktijkonderwijs (het IQ).")
    assert regels(iq=None, dl=None)[-1].endswith("(het IQ en de leerachterstand).")


@pytest.mark.parametrize("dl, dle", [(60, 30), (6, 3), (42, 21), (59.4, 29.7), (66, 30)])
def test_la_of_exactly_half_is_written_as_exact(dl, dle):
    assert "= 0,50 ≥ 0,50: voldoet" in regel("begrijpend lezen", dl=dl,
                                             dle={"begrijpend lezen": dle, "technisch lezen": dle})


def test_just_under_half_is_not_shown_as_half():
    tekst = regel("begrijpend lezen", dl=60, dle={"begrijpend lezen": 30.1, "technisch lezen": 10})
    assert tekst == "Begrijpend lezen: LA = 1 − 30,1/60 ≈ 0,498 < 0,50: voldoet niet."


def test_the_cap_and_a_dle_above_the_dl_are_noted():
    assert regel("begrijpend lezen", dl=70, dle={"begrijpend lezen": 33, "technisch lezen": 10}) == (
        "Begrijpend lezen: LA = 1 − 33/60 = 0,45 < 0,50: voldoet niet (DL 70 begrensd op 60).")
    tekst = regel("begrijpend lezen", dl=50, dle={"begrijpend lezen": 60, "technisch lezen": 10})
    assert "−0,2" in tekst and tekst.endswith("(de DLE is groter dan de DL; controleer de toets).")


def test_domains_that_cannot_count_say_why():
    assert regel("begrijpend lezen", dl=0, dle={"begrijpend lezen": 0, "technisch lezen": 0}) == (
        "Begrijpend lezen: DL is 0, dus er is geen leerachterstand te berekenen; telt niet mee.")
    assert regel("begrijpend lezen", dl=None, dle={"begrijpend lezen": 27}) == (
        "Begrijpend lezen: geen DL ingevuld; telt niet mee.")
    assert regel("begrijpend lezen", dle={"begrijpend lezen": None}) == (
        "Begrijpend lezen: geen DLE ingevuld; telt niet mee.")
    assert regel("begrijpend lezen", dl=None, dle={"begrijpend lezen": None}) == (
        "Begrijpend lezen: geen DL en DLE ingevuld; telt niet mee.")
    assert regel("spelling", dle={"begrijpend lezen": 27}) == "Spelling: geen toets ingevuld; telt niet mee."


def test_the_leerachterstand_line_for_each_outcome():
    geen_kern = {"technisch lezen": 20, "spelling": 25, "begrijpend lezen": 40, "inzichtelijk rekenen": 45}
    assert regels(dle=geen_kern)[-2] == (
        "Leerachterstand van 0,50 of meer op 2 van de 4 domeinen (technisch lezen, spelling), maar niet op "
        "begrijpend lezen of inzichtelijk rekenen: voldoet niet.")
    assert regels(dle={"begrijpend lezen": 20, "technisch lezen": 50})[-2] == (
        "Leerachterstand van 0,50 of meer op 1 van de 4 domeinen (begrijpend lezen); nodig is minstens 2, "
        "waaronder begrijpend lezen of inzichtelijk rekenen: voldoet niet.")
    assert "op 0 van de 4 domeinen;" in regels(dl=None)[-2]


def test_domein_helper_of_the_rule_tests_still_finds_domains():
    assert domein(pro_indicatie(dossier()), "spelling").la == pytest.approx(1 / 3)


# --- the checklist: what was found, what to fix, and where ------------------------------------------------------

def test_every_code_has_its_words():
    assert set(woorden._TOELICHTING) == set(Vondst)
    assert set(woorden._BERICHT) == set(Gebrek)


def test_what_was_found():
    assert toelichting(veld(gegevens(), veld="datum_zienswijze")) == "10 november 2026"
    assert toelichting(veld(gegevens(aanvraag=vso_aanvraag()), veld="categorie")) == "midden"
    assert toelichting(veld(gegevens(), veld="motivatie_school")) == "ingevuld"
    jong = veld(gegevens(dossier(geboortedatum=dt.date(2012, 5, 14))), veld="zienswijze_leerling", vanaf_leeftijd=16)
    assert toelichting(jong) == "niet nodig: de leerling is 14 (nodig vanaf 16)"
    assert toelichting(deskundigen(gegevens(aanvraag=vso_aanvraag()), aantal=2)) == (
        "drs. L. Smit, orthopedagoog; dr. A. Visser, GZ-psycholoog")
    assert toelichting(deskundigen(gegevens(), aantal=2)) == "1 van de 2 ingevuld"
    assert toelichting(intelligentie(gegevens())) == "IQ 72 (WISC-V, 3 maart 2026)"
    assert toelichting(intelligentie(gegevens(datum=dt.date(2028, 3, 4)))) == (
        "IQ 72 (WISC-V, 3 maart 2026): ouder dan 24 maanden")
    assert toelichting(intelligentie(gegevens(dossier(iq=None)))) == "geen intelligentieonderzoek"
    assert toelichting(didactiek(gegevens(), onderdelen=["spelling", "begrijpend lezen"])) == (
        "spelling, begrijpend lezen")
    assert toelichting(didactiek(gegevens(dossier(dle={"begrijpend lezen": 27})))) == "1 van de 4 domeinen compleet"
    assert toelichting(opp_vastgesteld(gegevens())) == "vastgesteld op 1 oktober 2025"
    assert toelichting(opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 6, 1))), min_maanden=6)) == (
        "vastgesteld op 1 juni 2026: korter dan 6 maanden")
    assert toelichting(opp_geevalueerd(gegevens(dossier(datum_evaluatie=None)))) == "niet geëvalueerd"
    assert toelichting(opp_geevalueerd(gegevens(dossier(datum_evaluatie=dt.date(2026, 1, 5))))) == (
        "geëvalueerd op 5 januari 2026: ouder dan 6 maanden")
    g = gegevens(bijlagen=("Handelingsdeel-Getekend.PDF", "mdo.docx"))
    assert toelichting(bijlage(g, naam_bevat=["handelingsdeel"])) == "Handelingsdeel-Getekend.PDF"
    assert toelichting(bijlage(gegevens(), naam_bevat=["x"])) == "geen bijlage"


def enig(bevinding) -> tuple[str, str, str]:
    """The one shortcoming of a finding as the user sees it: sheet, column header, instruction."""
    (tekort,) = bevinding.tekorten
    return blad(tekort), kolom(tekort), bericht(tekort)


def test_what_to_fix_and_in_which_column():
    assert enig(veld(gegevens(aanvraag=pro_aanvraag(zienswijze_ouders=None)), veld="zienswijze_ouders")) == (
        "TLV", "Zienswijze ouders", "vul 'Zienswijze ouders' in op het blad TLV")
    assert enig(deskundigen(gegevens(aanvraag=vso_aanvraag(deskundige_2=None)), aantal=2)) == (
        "TLV", "Deskundige 2",
        "vul 'Deskundige 2' in (naam en functie); het samenwerkingsverband vraagt het advies van 2 deskundigen")
    assert enig(intelligentie(gegevens(dossier(iq=None)), max_maanden=24)) == (
        "Toetsen", "Onderdeel", "voeg op het blad Toetsen een intelligentieonderzoek toe (Onderdeel 'intelligentie', "
        "Score = totaal-IQ) van hoogstens 24 maanden oud")
    assert enig(intelligentie(gegevens(datum=dt.date(2028, 3, 4)), max_maanden=24)) == (
        "Toetsen", "Datum", "het intelligentieonderzoek van 3 maart 2026 is ouder dan 24 maanden; laat een nieuw "
        "onderzoek doen en voeg het toe op het blad Toetsen")
    assert enig(bijlage(gegevens(bijlagen=("iq.pdf",)), naam_bevat=["handelingsdeel", "instemming"])) == (
        "TLV", "Bijlagen", "geen bijlage gevonden met 'handelingsdeel' of 'instemming' in de bestandsnaam; zet het "
        "bestand in de map van het werkboek en het pad bij 'Bijlagen'")


def test_what_to_fix_in_the_tests():
    b = didactiek(gegevens(dossier(dl=None, dle={"begrijpend lezen": 27, "spelling": None})))
    plekken = [(blad(t), kolom(t), bericht(t)) for t in b.tekorten]
    assert plekken == [
        ("Toetsen", "Onderdeel", "voeg op het blad Toetsen een toets technisch lezen toe met DL en DLE"),
        ("Toetsen", "DL", "vul bij de toets begrijpend lezen van 1 oktober 2026 de DL in"),
        ("Toetsen", "DL", "vul bij de toets spelling van 1 oktober 2026 de DL en DLE in"),
        ("Toetsen", "Onderdeel", "voeg op het blad Toetsen een toets inzichtelijk rekenen toe met DL en DLE"),
    ]
    stale = didactiek(gegevens(), onderdelen=["begrijpend lezen"], max_maanden=1)
    assert enig(stale) == ("Toetsen", "Datum", "de toets begrijpend lezen van 1 oktober 2026 is ouder dan 1 maand; "
                                               "neem een nieuwe toets af en voeg die toe")


def test_what_to_fix_about_the_opp():
    assert enig(opp_vastgesteld(gegevens(dossier(datum_vaststelling=None)))) == (
        "Leerlingen", "Datum vaststelling",
        "het OPP is nog niet vastgesteld; vul na de vaststelling 'Datum vaststelling' in")
    assert enig(opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 5, 23))), min_maanden=6))[2] == (
        "er moet minstens 6 maanden met het OPP gewerkt zijn; het is vastgesteld op 23 mei 2026, dus de aanvraag kan "
        "vanaf 23 november 2026")
    assert enig(opp_vastgesteld(gegevens(dossier(datum_vaststelling=dt.date(2026, 12, 1)))))[2] == (
        "de datum van vaststelling (1 december 2026) ligt na de datum van het dossier")
    assert enig(opp_geevalueerd(gegevens(dossier(datum_evaluatie=None)))) == (
        "Leerlingen", "Datum evaluatie",
        "het OPP is nog niet geëvalueerd; evalueer het met ouders en leerling en vul 'Datum evaluatie' in")
    assert enig(opp_geevalueerd(gegevens(dossier(datum_evaluatie=dt.date(2026, 12, 1)))))[2] == (
        "de datum van evaluatie (1 december 2026) ligt na de datum van het dossier")
    assert enig(opp_geevalueerd(gegevens(dossier(datum_evaluatie=dt.date(2026, 5, 21))), max_maanden=6))[2] == (
        "de laatste evaluatie (21 mei 2026) is meer dan 6 maanden oud; evalueer het OPP opnieuw met ouders en "
        "leerling en vul de nieuwe datum in")


def test_a_field_without_a_column_is_named_as_it_is():
    assert woorden.kop(Toetsresultaat, "bestaat_niet") == "bestaat_niet"


def test_one_month_and_one_deskundige_are_singular():
    assert toelichting(intelligentie(gegevens(datum=dt.date(2026, 5, 1)), max_maanden=1)).endswith(
        ": ouder dan 1 maand")
    geen = deskundigen(gegevens(aanvraag=pro_aanvraag(deskundige_1=None)), aantal=1)
    assert enig(geen)[2].endswith("vraagt het advies van 1 deskundige")
