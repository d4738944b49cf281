"""The TLV rules (domain.md, 'TLV: toelaatbaarheidsverklaring'): the pro criteria as an indication, and
the checklist rules a dossier is checked against. Pure functions of (dossier, TLV row, date): nothing
here reads a file or knows the workbook's row numbers; a finding names the sheet, column and row object
where it should be fixed, and the caller turns that into a located Issue.

Pro criteria (national, still applied in 2024), shown as an indication; the samenwerkingsverband decides:
- IQ 55 to 80, both included;
- leerachterstand LA = 1 - DLE/DL >= 0.50 on at least 2 of the 4 domains (technisch lezen, begrijpend
  lezen, spelling, inzichtelijk rekenen), at least one of them begrijpend lezen or inzichtelijk rekenen;
- DL is capped at 60 months (practice); a domain without DL, with DL 0 or without DLE cannot count.
LA itself comes from `Toetsresultaat.leerachterstand` (the formula lives there, once).

Checklist rules (the items of a checklist name one of these in `regel`, with its parameters):
- veld: a column of the TLV row is filled (optionally only from an age, e.g. the pupil's view from 16);
- deskundigen: the advice of N deskundigen (Deskundige 1 and 2);
- intelligentie: an IQ result (Score) at most N months old;
- didactiek: for each named domain a test with DL and DLE (optionally at most N months old);
- opp_vastgesteld: the OPP is set, at least N months ago (VSO: worked with for at least 6 months);
- opp_geevalueerd: the OPP was evaluated at most N months ago;
- bijlage: an attachment whose file name contains one of the given words (e.g. 'handelingsdeel').
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from ..models import Leerlingdossier, TlvAanvraag, Toetsonderdeel, Toetsresultaat
from ..models.dossier import DIDACTISCHE_ONDERDELEN
from ..render.formatting import datum_nl, getal_nl
from ..werkboek.contract import sheet
from .deadlines import plus_maanden

IQ_MIN, IQ_MAX = 55, 80
LA_GRENS = 0.5
LA_MARGE = 1e-9  # floats: 1 - 30/60 must count as exactly 0.50
DL_MAX = 60  # practice caps DL at 60 months (six school years since groep 3); domain.md
MIN_DOMEINEN = 2
KERNDOMEINEN = (Toetsonderdeel.BEGRIJPEND_LEZEN, Toetsonderdeel.INZICHTELIJK_REKENEN)
LEERLING_TEKENT_TLV_VANAF = 16  # the pupil signs the application (and gives a view) from 16 (domain.md)
INDICATIE_LABEL = "Indicatie; het samenwerkingsverband beslist."


# --- the pro indication --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Domeinuitkomst:
    onderdeel: Toetsonderdeel
    toets: Toetsresultaat | None
    dl: float | None  # after the cap
    la: float | None
    voldoet: bool
    regel: str  # the arithmetic as one Dutch line


@dataclass(frozen=True)
class ProIndicatie:
    iq: float | None
    iq_voldoet: bool
    iq_regel: str
    domeinen: list[Domeinuitkomst]
    la_voldoet: bool
    la_regel: str
    voldoet: bool
    conclusie: str
    label: str = INDICATIE_LABEL

    @property
    def regels(self) -> list[str]:
        """Every line of the arithmetic, in reading order, ending with the conclusion."""
        return [self.iq_regel, *(d.regel for d in self.domeinen), self.la_regel, self.conclusie]

    def to_dict(self) -> dict:
        return {
            "voldoet": self.voldoet,
            "iq": self.iq,
            "iq_voldoet": self.iq_voldoet,
            "domeinen": [{"onderdeel": str(d.onderdeel), "dl": d.dl, "dle": d.toets.dle if d.toets else None,
                          "la": d.la, "voldoet": d.voldoet} for d in self.domeinen],
            "la_voldoet": self.la_voldoet,
            "regels": self.regels,
            "label": self.label,
        }


def pro_indicatie(dossier: Leerlingdossier) -> ProIndicatie:
    """The national pro criteria applied to the pupil's latest IQ and latest test per domain."""
    iq_toets = dossier.laatste_intelligentie
    iq = iq_toets.score if iq_toets else None
    iq_voldoet, iq_regel = _iq(iq_toets)
    domeinen = [_domein(o, dossier.laatste_toets(o)) for o in DIDACTISCHE_ONDERDELEN]
    la_voldoet, la_regel = _leerachterstand(domeinen)
    voldoet = iq_voldoet and la_voldoet
    if voldoet:
        conclusie = "Conclusie: de leerling voldoet aan de landelijke criteria voor praktijkonderwijs."
    else:
        redenen = ([] if iq_voldoet else ["het IQ"]) + ([] if la_voldoet else ["de leerachterstand"])
        conclusie = ("Conclusie: de leerling voldoet niet aan de landelijke criteria voor praktijkonderwijs "
                     f"({' en '.join(redenen)}).")
    return ProIndicatie(iq, iq_voldoet, iq_regel, domeinen, la_voldoet, la_regel, voldoet, conclusie)


def _iq(toets: Toetsresultaat | None) -> tuple[bool, str]:
    if toets is None:
        return False, "IQ: geen intelligentieonderzoek ingevuld: voldoet niet (niet te beoordelen)."
    if toets.score is None:
        return False, (f"IQ: bij het onderzoek van {datum_nl(toets.datum)} ({toets.instrument}) is geen score "
                       "ingevuld: voldoet niet (niet te beoordelen).")
    bron = f"({toets.instrument}, {datum_nl(toets.datum)})"
    score = getal_nl(toets.score)
    if IQ_MIN <= toets.score <= IQ_MAX:
        return True, f"IQ: {score} {bron} ligt tussen {IQ_MIN} en {IQ_MAX}: voldoet."
    return False, f"IQ: {score} {bron} ligt niet tussen {IQ_MIN} en {IQ_MAX}: voldoet niet."


def _domein(onderdeel: Toetsonderdeel, toets: Toetsresultaat | None) -> Domeinuitkomst:
    naam = str(onderdeel).capitalize()
    if toets is None:
        return Domeinuitkomst(onderdeel, None, None, None, False, f"{naam}: geen toets ingevuld; telt niet mee.")
    if toets.dl is None or toets.dle is None:
        ontbreekt = " en ".join(n for n, v in (("DL", toets.dl), ("DLE", toets.dle)) if v is None)
        return Domeinuitkomst(onderdeel, toets, toets.dl, None, False,
                              f"{naam}: geen {ontbreekt} ingevuld; telt niet mee.")
    if toets.dl <= 0:
        return Domeinuitkomst(onderdeel, toets, toets.dl, None, False,
                              f"{naam}: DL is 0, dus er is geen leerachterstand te berekenen; telt niet mee.")
    begrensd = toets.dl > DL_MAX
    if begrensd:
        toets_voor_la = toets.model_copy(update={"dl": float(DL_MAX)})
    else:
        toets_voor_la = toets
    la = toets_voor_la.leerachterstand
    voldoet = la >= LA_GRENS - LA_MARGE
    teken, oordeel = ("≥", "voldoet") if voldoet else ("<", "voldoet niet")
    dl = toets_voor_la.dl
    regel = f"{naam}: LA = 1 − {getal_nl(toets.dle)}/{getal_nl(dl)} {_la_tekst(la, voldoet)} {teken} 0,50: {oordeel}"
    opmerkingen = []
    if begrensd:
        opmerkingen.append(f"DL {getal_nl(toets.dl)} begrensd op {DL_MAX}")
    if toets.dle > toets.dl:
        opmerkingen.append("de DLE is groter dan de DL; controleer de toets")
    regel += (f" ({'; '.join(opmerkingen)})." if opmerkingen else ".")
    return Domeinuitkomst(onderdeel, toets, dl, la, voldoet, regel)


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


def _leerachterstand(domeinen: list[Domeinuitkomst]) -> tuple[bool, str]:
    gehaald = [d for d in domeinen if d.voldoet]
    namen = ", ".join(str(d.onderdeel) for d in gehaald)
    kern = [d for d in gehaald if d.onderdeel in KERNDOMEINEN]
    aantal = f"{len(gehaald)} van de {len(domeinen)} domeinen" + (f" ({namen})" if gehaald else "")
    if len(gehaald) >= MIN_DOMEINEN and kern:
        return True, (f"Leerachterstand van 0,50 of meer op {aantal}, waaronder begrijpend lezen of inzichtelijk "
                      "rekenen: voldoet.")
    if len(gehaald) < MIN_DOMEINEN:
        return False, (f"Leerachterstand van 0,50 of meer op {aantal}; nodig is minstens {MIN_DOMEINEN}, waaronder "
                       "begrijpend lezen of inzichtelijk rekenen: voldoet niet.")
    return False, (f"Leerachterstand van 0,50 of meer op {aantal}, maar niet op begrijpend lezen of inzichtelijk "
                   "rekenen: voldoet niet.")


# --- the checklist rules -------------------------------------------------------------------------------------

class Status(str, Enum):
    OK = "ok"
    ONTBREEKT = "ontbreekt"
    VEROUDERD = "verouderd"
    NIET_NODIG = "niet nodig"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Tekort:
    """What to add, and where: the sheet, the column and (when there is one) the row object to fix."""

    bericht: str
    blad: str
    kolom: str | None = None
    model: object | None = None


@dataclass(frozen=True)
class Bevinding:
    status: Status
    toelichting: str  # what was found, for the cover ("IQ 72 (WISC-V, 3 maart 2026)")
    tekorten: tuple[Tekort, ...] = ()

    @property
    def ok(self) -> bool:
        return self.status in (Status.OK, Status.NIET_NODIG)


@dataclass(frozen=True)
class Aanvraaggegevens:
    """What the rules look at: the pupil, the TLV row, the day of the dossier and the attachments present."""

    dossier: Leerlingdossier
    aanvraag: TlvAanvraag
    datum: dt.date
    bijlagen: tuple[str, ...] = field(default_factory=tuple)  # file names of usable attachments


def _kop(blad: str, veld: str) -> str:
    column = sheet(blad).column_by_field(veld)
    return column.header if column else veld


def _gevonden(waarde) -> str:
    if isinstance(waarde, dt.date):
        return datum_nl(waarde)
    return str(waarde) if isinstance(waarde, Enum) else "ingevuld"


def veld(g: Aanvraaggegevens, *, veld: str, vanaf_leeftijd: int | None = None) -> Bevinding:
    if vanaf_leeftijd is not None:
        leeftijd = g.dossier.leerling.leeftijd_op(g.datum)
        if leeftijd < vanaf_leeftijd:
            return Bevinding(Status.NIET_NODIG, f"niet nodig: de leerling is {leeftijd} (nodig vanaf {vanaf_leeftijd})")
    waarde = getattr(g.aanvraag, veld)
    if waarde in (None, "", []):
        kop = _kop("TLV", veld)
        return Bevinding(Status.ONTBREEKT, "niet ingevuld",
                         (Tekort(f"vul '{kop}' in op het blad TLV", "TLV", kop, g.aanvraag),))
    return Bevinding(Status.OK, _gevonden(waarde))


def deskundigen(g: Aanvraaggegevens, *, aantal: int = 2) -> Bevinding:
    velden = ("deskundige_1", "deskundige_2")
    namen = [getattr(g.aanvraag, v) for v in velden if getattr(g.aanvraag, v)]
    if len(namen) >= aantal:
        return Bevinding(Status.OK, "; ".join(namen))
    leeg = [v for v in velden if not getattr(g.aanvraag, v)][: aantal - len(namen)]
    tekorten = tuple(
        Tekort(f"vul '{_kop('TLV', v)}' in (naam en functie); het samenwerkingsverband vraagt het advies van "
               f"{aantal} deskundigen", "TLV", _kop("TLV", v), g.aanvraag)
        for v in leeg)
    return Bevinding(Status.ONTBREEKT, f"{len(namen)} van de {aantal} ingevuld", tekorten)


def intelligentie(g: Aanvraaggegevens, *, max_maanden: int = 24) -> Bevinding:
    toets = g.dossier.laatste_intelligentie
    if toets is None:
        return Bevinding(Status.ONTBREEKT, "geen intelligentieonderzoek", (Tekort(
            f"voeg op het blad Toetsen een intelligentieonderzoek toe (Onderdeel 'intelligentie', Score = totaal-IQ) "
            f"van hoogstens {max_maanden} maanden oud", "Toetsen", "Onderdeel"),))
    if toets.score is None:
        return Bevinding(Status.ONTBREEKT, f"onderzoek van {datum_nl(toets.datum)} zonder score", (Tekort(
            "vul de Score (het totaal-IQ) van het intelligentieonderzoek in", "Toetsen", "Score", toets),))
    gevonden = f"IQ {getal_nl(toets.score)} ({toets.instrument}, {datum_nl(toets.datum)})"
    if plus_maanden(toets.datum, max_maanden) < g.datum:
        return Bevinding(Status.VEROUDERD, gevonden + f": ouder dan {max_maanden} maanden", (Tekort(
            f"het intelligentieonderzoek van {datum_nl(toets.datum)} is ouder dan {max_maanden} maanden; laat een "
            "nieuw onderzoek doen en voeg het toe op het blad Toetsen", "Toetsen", "Datum", toets),))
    return Bevinding(Status.OK, gevonden)


def didactiek(g: Aanvraaggegevens, *, onderdelen: list[str] | None = None,
              max_maanden: int | None = None) -> Bevinding:
    gevraagd = [Toetsonderdeel(o) for o in onderdelen] if onderdelen else list(DIDACTISCHE_ONDERDELEN)
    tekorten, verouderd, gevonden = [], False, []
    for onderdeel in gevraagd:
        toets = g.dossier.laatste_toets(onderdeel)
        if toets is None:
            tekorten.append(Tekort(f"voeg op het blad Toetsen een toets {onderdeel} toe met DL en DLE",
                                   "Toetsen", "Onderdeel"))
            continue
        leeg = [n for n, v in (("DL", toets.dl), ("DLE", toets.dle)) if v is None]
        if leeg:
            tekorten.append(Tekort(f"vul bij de toets {onderdeel} van {datum_nl(toets.datum)} de "
                                   f"{' en '.join(leeg)} in", "Toetsen", leeg[0], toets))
            continue
        if max_maanden is not None and plus_maanden(toets.datum, max_maanden) < g.datum:
            verouderd = True
            tekorten.append(Tekort(f"de toets {onderdeel} van {datum_nl(toets.datum)} is ouder dan {max_maanden} "
                                   "maanden; neem een nieuwe toets af en voeg die toe", "Toetsen", "Datum", toets))
            continue
        gevonden.append(str(onderdeel))
    if not tekorten:
        return Bevinding(Status.OK, ", ".join(gevonden))
    status = Status.VEROUDERD if verouderd and len(tekorten) == 1 else Status.ONTBREEKT
    return Bevinding(status, f"{len(gevonden)} van de {len(gevraagd)} domeinen compleet", tuple(tekorten))


def opp_vastgesteld(g: Aanvraaggegevens, *, min_maanden: int = 0) -> Bevinding:
    leerling = g.dossier.leerling
    kop = _kop("Leerlingen", "datum_vaststelling")
    vastgesteld = leerling.datum_vaststelling
    if vastgesteld is None or vastgesteld > g.datum:
        bericht = ("het OPP is nog niet vastgesteld; vul na de vaststelling 'Datum vaststelling' in"
                   if vastgesteld is None else
                   f"de datum van vaststelling ({datum_nl(vastgesteld)}) ligt na de datum van het dossier")
        return Bevinding(Status.ONTBREEKT, "niet vastgesteld", (Tekort(bericht, "Leerlingen", kop, leerling),))
    if min_maanden and plus_maanden(vastgesteld, min_maanden) > g.datum:
        vanaf = plus_maanden(vastgesteld, min_maanden)
        return Bevinding(Status.ONTBREEKT, f"vastgesteld op {datum_nl(vastgesteld)}: korter dan {min_maanden} maanden",
                         (Tekort(f"er moet minstens {min_maanden} maanden met het OPP gewerkt zijn; het is vastgesteld "
                                 f"op {datum_nl(vastgesteld)}, dus de aanvraag kan vanaf {datum_nl(vanaf)}",
                                 "Leerlingen", kop, leerling),))
    return Bevinding(Status.OK, f"vastgesteld op {datum_nl(vastgesteld)}")


def opp_geevalueerd(g: Aanvraaggegevens, *, max_maanden: int = 6) -> Bevinding:
    leerling = g.dossier.leerling
    kop = _kop("Leerlingen", "datum_evaluatie")
    geevalueerd = leerling.datum_evaluatie
    if geevalueerd is None or geevalueerd > g.datum:
        bericht = ("het OPP is nog niet geëvalueerd; evalueer het met ouders en leerling en vul 'Datum evaluatie' in"
                   if geevalueerd is None else
                   f"de datum van evaluatie ({datum_nl(geevalueerd)}) ligt na de datum van het dossier")
        return Bevinding(Status.ONTBREEKT, "niet geëvalueerd", (Tekort(bericht, "Leerlingen", kop, leerling),))
    if plus_maanden(geevalueerd, max_maanden) < g.datum:
        return Bevinding(Status.VEROUDERD, f"geëvalueerd op {datum_nl(geevalueerd)}: ouder dan {max_maanden} maanden",
                         (Tekort(f"de laatste evaluatie ({datum_nl(geevalueerd)}) is meer dan {max_maanden} maanden "
                                 "oud; evalueer het OPP opnieuw met ouders en leerling en vul de nieuwe datum in",
                                 "Leerlingen", kop, leerling),))
    return Bevinding(Status.OK, f"geëvalueerd op {datum_nl(geevalueerd)}")


def bijlage(g: Aanvraaggegevens, *, naam_bevat: list[str]) -> Bevinding:
    woorden = [w.lower() for w in naam_bevat]
    gevonden = [n for n in g.bijlagen if any(w in n.lower() for w in woorden)]
    if gevonden:
        return Bevinding(Status.OK, ", ".join(gevonden))
    kop = _kop("TLV", "bijlagen")
    namen = " of ".join(f"'{w}'" for w in naam_bevat)
    return Bevinding(Status.ONTBREEKT, "geen bijlage", (Tekort(
        f"geen bijlage gevonden met {namen} in de bestandsnaam; zet het bestand in de map van het werkboek en "
        f"het pad bij '{kop}'", "TLV", kop, g.aanvraag),))


# The rule names a checklist file may use, each with its function. Parameters are keyword-only.
REGELS: dict[str, Callable[..., Bevinding]] = {
    "veld": veld,
    "deskundigen": deskundigen,
    "intelligentie": intelligentie,
    "didactiek": didactiek,
    "opp_vastgesteld": opp_vastgesteld,
    "opp_geevalueerd": opp_geevalueerd,
    "bijlage": bijlage,
}
