"""The Dutch of the TLV dossier: what the rules of `opp.rules.tlv` found, written for the cover, the terminal
and the located messages. The rules return codes, numbers, dates and field names; this module turns a field
into the column header the user sees (from the workbook contract) and writes every sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..models import Toetsresultaat
from ..render.formatting import datum_nl, getal_nl
from ..rules.tlv import (
    DL_MAX,
    IQ_MAX,
    IQ_MIN,
    LA_GRENS,
    MIN_DOMEINEN,
    Bevinding,
    Domeinuitkomst,
    Gebrek,
    LaUitkomst,
    ProIndicatie,
    Tekort,
    TeltNiet,
    Vondst,
)
from ..werkboek.contract import SHEETS

INDICATIE_LABEL = "Indicatie; het samenwerkingsverband beslist."
KERN = "begrijpend lezen of inzichtelijk rekenen"
GRENS = getal_nl(LA_GRENS, 2)  # 0,50

_BLAD = {s.model: s for s in SHEETS}


# --- where: the sheet and the column the user sees ---------------------------------------------------------

def blad(tekort: Tekort) -> str:
    """The sheet that holds rows of the tekort's kind."""
    return _BLAD[tekort.soort].name


def kop(soort: type, veld: str) -> str:
    """The column header of a model field, as the workbook shows it (the field name when it has no column)."""
    column = _BLAD[soort].column_by_field(veld)
    return column.header if column else veld


def kolom(tekort: Tekort) -> str:
    return kop(tekort.soort, tekort.veld)


def _aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def _maanden(n: int) -> str:
    return _aantal(n, "maand", "maanden")


def _of(woorden: tuple[str, ...]) -> str:
    return " of ".join(f"'{w}'" for w in woorden)


def _en(velden: tuple[str, ...], soort: type) -> str:
    return " en ".join(kop(soort, v) for v in velden)


# --- the checklist: what was found and what to do ------------------------------------------------------------

def _waarde(waarde) -> str:
    if isinstance(waarde, dt.date):
        return datum_nl(waarde)
    return str(waarde) if isinstance(waarde, Enum) else "ingevuld"


def _iq(b: Bevinding) -> str:
    t = b.toets
    assert t is not None  # the IQ findings carry their test
    return f"IQ {getal_nl(t.score)} ({t.instrument}, {datum_nl(t.datum)})"


# One entry per code (a test checks that none is missing): the rules' facts -> a Dutch phrase.
_TOELICHTING = {
    Vondst.INGEVULD: lambda b: _waarde(b.waarde),
    Vondst.NIET_INGEVULD: lambda b: "niet ingevuld",
    Vondst.NIET_NODIG: lambda b: f"niet nodig: de leerling is {b.leeftijd} (nodig vanaf {b.vanaf_leeftijd})",
    Vondst.DESKUNDIGEN: lambda b: "; ".join(b.gevonden),
    Vondst.TE_WEINIG_DESKUNDIGEN: lambda b: f"{b.aantal} van de {b.nodig} ingevuld",
    Vondst.IQ: _iq,
    Vondst.IQ_VEROUDERD: lambda b: f"{_iq(b)}: ouder dan {_maanden(b.maanden)}",
    Vondst.GEEN_IQ: lambda b: "geen intelligentieonderzoek",
    Vondst.IQ_ZONDER_SCORE: lambda b: f"onderzoek van {datum_nl(b.toets.datum)} zonder score",
    Vondst.DIDACTIEK_COMPLEET: lambda b: ", ".join(str(o) for o in b.gevonden),
    Vondst.DIDACTIEK_ONVOLLEDIG: lambda b: f"{b.aantal} van de {b.nodig} domeinen compleet",
    Vondst.VASTGESTELD: lambda b: f"vastgesteld op {datum_nl(b.datum)}",
    Vondst.NIET_VASTGESTELD: lambda b: "niet vastgesteld",
    Vondst.TE_KORT_GEWERKT: lambda b: f"vastgesteld op {datum_nl(b.datum)}: korter dan {_maanden(b.maanden)}",
    Vondst.GEEVALUEERD: lambda b: f"geëvalueerd op {datum_nl(b.datum)}",
    Vondst.NIET_GEEVALUEERD: lambda b: "niet geëvalueerd",
    Vondst.EVALUATIE_VEROUDERD: lambda b: f"geëvalueerd op {datum_nl(b.datum)}: ouder dan {_maanden(b.maanden)}",
    Vondst.BIJLAGE: lambda b: ", ".join(b.gevonden),
    Vondst.GEEN_BIJLAGE: lambda b: "geen bijlage",
}


def toelichting(b: Bevinding) -> str:
    """What was found, for the cover and the terminal ("IQ 72 (WISC-V, 3 maart 2026)")."""
    return _TOELICHTING[b.vondst](b)


_BERICHT = {
    Gebrek.VELD_LEEG: lambda t: f"vul '{kolom(t)}' in op het blad {blad(t)}",
    Gebrek.DESKUNDIGE_LEEG: lambda t: (
        f"vul '{kolom(t)}' in (naam en functie); het samenwerkingsverband vraagt het advies van "
        f"{_aantal(t.aantal, 'deskundige', 'deskundigen')}"),
    Gebrek.GEEN_IQ: lambda t: (
        f"voeg op het blad {blad(t)} een intelligentieonderzoek toe (Onderdeel 'intelligentie', Score = totaal-IQ) "
        f"van hoogstens {_maanden(t.maanden)} oud"),
    Gebrek.IQ_ZONDER_SCORE: lambda t: f"vul de {kolom(t)} (het totaal-IQ) van het intelligentieonderzoek in",
    Gebrek.IQ_VEROUDERD: lambda t: (
        f"het intelligentieonderzoek van {datum_nl(t.datum)} is ouder dan {_maanden(t.maanden)}; laat een nieuw "
        f"onderzoek doen en voeg het toe op het blad {blad(t)}"),
    Gebrek.GEEN_TOETS: lambda t: (
        f"voeg op het blad {blad(t)} een toets {t.onderdeel} toe met {_en(('dl', 'dle'), t.soort)}"),
    Gebrek.TOETS_ONVOLLEDIG: lambda t: (
        f"vul bij de toets {t.onderdeel} van {datum_nl(t.datum)} de {_en(t.leeg, t.soort)} in"),
    Gebrek.TOETS_VEROUDERD: lambda t: (
        f"de toets {t.onderdeel} van {datum_nl(t.datum)} is ouder dan {_maanden(t.maanden)}; neem een nieuwe toets "
        "af en voeg die toe"),
    Gebrek.NIET_VASTGESTELD: lambda t: f"het OPP is nog niet vastgesteld; vul na de vaststelling '{kolom(t)}' in",
    Gebrek.VASTSTELLING_NA_DOSSIER: lambda t: (
        f"de datum van vaststelling ({datum_nl(t.datum)}) ligt na de datum van het dossier"),
    Gebrek.TE_KORT_GEWERKT: lambda t: (
        f"er moet minstens {_maanden(t.maanden)} met het OPP gewerkt zijn; het is vastgesteld op "
        f"{datum_nl(t.datum)}, dus de aanvraag kan vanaf {datum_nl(t.vanaf)}"),
    Gebrek.NIET_GEEVALUEERD: lambda t: (
        f"het OPP is nog niet geëvalueerd; evalueer het met ouders en leerling en vul '{kolom(t)}' in"),
    Gebrek.EVALUATIE_NA_DOSSIER: lambda t: (
        f"de datum van evaluatie ({datum_nl(t.datum)}) ligt na de datum van het dossier"),
    Gebrek.EVALUATIE_VEROUDERD: lambda t: (
        f"de laatste evaluatie ({datum_nl(t.datum)}) is meer dan {_maanden(t.maanden)} oud; evalueer het OPP "
        "opnieuw met ouders en leerling en vul de nieuwe datum in"),
    Gebrek.GEEN_BIJLAGE: lambda t: (
        f"geen bijlage gevonden met {_of(t.naam_bevat)} in de bestandsnaam; zet het "
        f"bestand in de map van het werkboek en het pad bij '{kolom(t)}'"),
}


def ingangsdatum_te_vroeg(gewenst: dt.date, vroegst: dt.date) -> str:
    return (f"de gewenste ingangsdatum ({datum_nl(gewenst)}) ligt vóór de vroegste datum waarop de aanvraag kan "
            f"({datum_nl(vroegst)}); kies een latere ingangsdatum of overleg met het samenwerkingsverband")


def bericht(t: Tekort) -> str:
    """What to add or fix, as one instruction (the located message says where)."""
    return _BERICHT[t.gebrek](t)


# --- the pro indication: the arithmetic line by line ---------------------------------------------------------

@dataclass(frozen=True)
class BeschrevenIndicatie:
    """The pro indication with its arithmetic in Dutch: what the cover, the terminal and the JSON show."""

    feiten: ProIndicatie
    regels: list[str]  # every line, in reading order, ending with the conclusion
    label: str = INDICATIE_LABEL

    @property
    def voldoet(self) -> bool:
        return self.feiten.voldoet

    @property
    def conclusie(self) -> str:
        return self.regels[-1]

    def to_dict(self) -> dict:
        return {**self.feiten.to_dict(), "regels": self.regels, "label": self.label}


def beschrijf_indicatie(indicatie: ProIndicatie) -> BeschrevenIndicatie:
    regels = [_iq_regel(indicatie), *(_domein_regel(d) for d in indicatie.domeinen), _la_regel(indicatie),
              _conclusie(indicatie)]
    return BeschrevenIndicatie(indicatie, regels)


def _iq_regel(i: ProIndicatie) -> str:
    toets = i.iq_toets
    if toets is None:
        return "IQ: geen intelligentieonderzoek ingevuld: voldoet niet (niet te beoordelen)."
    if toets.score is None:
        return (f"IQ: bij het onderzoek van {datum_nl(toets.datum)} ({toets.instrument}) is geen score "
                "ingevuld: voldoet niet (niet te beoordelen).")
    bron = f"({toets.instrument}, {datum_nl(toets.datum)})"
    tussen = "ligt tussen" if i.iq_voldoet else "ligt niet tussen"
    return f"IQ: {getal_nl(toets.score)} {bron} {tussen} {IQ_MIN} en {IQ_MAX}: {_oordeel(i.iq_voldoet)}."


def _oordeel(voldoet: bool) -> str:
    return "voldoet" if voldoet else "voldoet niet"


def _domein_regel(d: Domeinuitkomst) -> str:
    naam = str(d.onderdeel).capitalize()
    if d.telt_niet is TeltNiet.GEEN_TOETS:
        return f"{naam}: geen toets ingevuld; telt niet mee."
    if d.telt_niet is TeltNiet.NIET_INGEVULD:
        return f"{naam}: geen {_en(d.leeg, Toetsresultaat)} ingevuld; telt niet mee."
    if d.telt_niet is TeltNiet.DL_NUL:
        return f"{naam}: DL is 0, dus er is geen leerachterstand te berekenen; telt niet mee."
    toets, la = d.toets, d.la
    assert toets is not None and la is not None  # a domain that counts has its test and its LA
    teken = "≥" if d.voldoet else "<"
    regel = (f"{naam}: LA = 1 − {getal_nl(toets.dle)}/{getal_nl(d.dl)} {_la_tekst(la, d.voldoet)} {teken} "
             f"{GRENS}: {_oordeel(d.voldoet)}")
    opmerkingen = []
    if d.begrensd:
        opmerkingen.append(f"DL {getal_nl(toets.dl)} begrensd op {DL_MAX}")
    if d.dle_groter_dan_dl:
        opmerkingen.append("de DLE is groter dan de DL; controleer de toets")
    return regel + (f" ({'; '.join(opmerkingen)})." if opmerkingen else ".")


def _la_tekst(la: float, voldoet: bool) -> str:
    """'= 0,55' when two decimals are exact, else '≈ 0,47'; never a rounded 0,50 that does not meet."""
    for decimalen in range(2, 7):
        tekst = f"{la:.{decimalen}f}".replace(".", ",").replace("-", "−")
        exact = abs(la * 10 ** decimalen - round(la * 10 ** decimalen)) < 1e-6
        misleidend = not voldoet and float(tekst.replace(",", ".").replace("−", "-")) >= LA_GRENS
        if exact:
            return f"= {tekst}"
        if not misleidend:
            return f"≈ {tekst}"
    return f"≈ {tekst}"


def _la_regel(i: ProIndicatie) -> str:
    gehaald = i.gehaald
    namen = ", ".join(str(d.onderdeel) for d in gehaald)
    aantal = f"{len(gehaald)} van de {len(i.domeinen)} domeinen" + (f" ({namen})" if gehaald else "")
    if i.la_uitkomst is LaUitkomst.VOLDOET:
        return f"Leerachterstand van {GRENS} of meer op {aantal}, waaronder {KERN}: voldoet."
    if i.la_uitkomst is LaUitkomst.TE_WEINIG_DOMEINEN:
        return (f"Leerachterstand van {GRENS} of meer op {aantal}; nodig is minstens {MIN_DOMEINEN}, waaronder "
                f"{KERN}: voldoet niet.")
    return f"Leerachterstand van {GRENS} of meer op {aantal}, maar niet op {KERN}: voldoet niet."


def _conclusie(i: ProIndicatie) -> str:
    if i.voldoet:
        return "Conclusie: de leerling voldoet aan de landelijke criteria voor praktijkonderwijs."
    redenen = ([] if i.iq_voldoet else ["het IQ"]) + ([] if i.la_voldoet else ["de leerachterstand"])
    return ("Conclusie: de leerling voldoet niet aan de landelijke criteria voor praktijkonderwijs "
            f"({' en '.join(redenen)}).")
