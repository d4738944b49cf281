"""The TLV rules (domain.md, 'TLV: toelaatbaarheidsverklaring'): the pro criteria as an indication, and
the checklist rules a dossier is checked against. Pure functions of (dossier, TLV row, date) that return
facts: codes, numbers, dates and field names, never Dutch prose. A shortcoming names the kind of row (its
model class), the field and the row object where it should be fixed; `opp.dossier.woorden` writes the
sentences and turns the field into the column header the user sees.

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

from ..models import Leerling, Leerlingdossier, School, TlvAanvraag, Toetsonderdeel, Toetsresultaat
from ..models.dossier import DIDACTISCHE_ONDERDELEN
from ..settings import Settings
from .deadlines import plus_maanden
from .signers import Ondertekenaar, Rol, ondertekenaars

IQ_MIN, IQ_MAX = 55, 80
LA_GRENS = 0.5
LA_MARGE = 1e-9  # floats: 1 - 30/60 must count as exactly 0.50
DL_MAX = 60  # practice caps DL at 60 months (six school years since groep 3); domain.md
MIN_DOMEINEN = 2
KERNDOMEINEN = (Toetsonderdeel.BEGRIJPEND_LEZEN, Toetsonderdeel.INZICHTELIJK_REKENEN)
LEERLING_TEKENT_TLV_VANAF = 16  # the pupil signs the application (and gives a view) from 16 (domain.md)


class _Code(str, Enum):
    def __str__(self) -> str:
        return self.value


# --- the pro indication --------------------------------------------------------------------------------------

class TeltNiet(_Code):
    """Why a domain cannot count towards the leerachterstand."""

    GEEN_TOETS = "geen-toets"
    NIET_INGEVULD = "niet-ingevuld"  # DL or DLE (or both) empty: see `Domeinuitkomst.leeg`
    DL_NUL = "dl-nul"


class LaUitkomst(_Code):
    VOLDOET = "voldoet"
    TE_WEINIG_DOMEINEN = "te-weinig-domeinen"  # fewer than MIN_DOMEINEN domains meet
    GEEN_KERNDOMEIN = "geen-kerndomein"  # enough domains, but neither begrijpend lezen nor inzichtelijk rekenen


@dataclass(frozen=True)
class Domeinuitkomst:
    onderdeel: Toetsonderdeel
    toets: Toetsresultaat | None
    dl: float | None  # after the cap
    la: float | None
    voldoet: bool
    telt_niet: TeltNiet | None = None  # None: the LA was computed
    leeg: tuple[str, ...] = ()  # the empty fields of the test ("dl", "dle") when it cannot count
    begrensd: bool = False  # the test's DL was above DL_MAX and was capped
    dle_groter_dan_dl: bool = False  # the test's DLE exceeds its DL: probably a typing error


@dataclass(frozen=True)
class ProIndicatie:
    iq_toets: Toetsresultaat | None
    iq: float | None
    iq_voldoet: bool
    domeinen: list[Domeinuitkomst]
    la_uitkomst: LaUitkomst
    voldoet: bool

    @property
    def la_voldoet(self) -> bool:
        return self.la_uitkomst is LaUitkomst.VOLDOET

    @property
    def gehaald(self) -> list[Domeinuitkomst]:
        """The domains with a leerachterstand of at least LA_GRENS, in the order of the domains."""
        return [d for d in self.domeinen if d.voldoet]

    def to_dict(self) -> dict:
        return {
            "voldoet": self.voldoet,
            "iq": self.iq,
            "iq_voldoet": self.iq_voldoet,
            "domeinen": [{"onderdeel": str(d.onderdeel), "dl": d.dl, "dle": d.toets.dle if d.toets else None,
                          "la": d.la, "voldoet": d.voldoet} for d in self.domeinen],
            "la_voldoet": self.la_voldoet,
        }


def pro_indicatie(dossier: Leerlingdossier) -> ProIndicatie:
    """The national pro criteria applied to the pupil's latest IQ and latest test per domain."""
    iq_toets = dossier.laatste_intelligentie
    iq = iq_toets.score if iq_toets else None
    iq_voldoet = iq is not None and IQ_MIN <= iq <= IQ_MAX
    domeinen = [_domein(o, dossier.laatste_toets(o)) for o in DIDACTISCHE_ONDERDELEN]
    la_uitkomst = _leerachterstand(domeinen)
    voldoet = iq_voldoet and la_uitkomst is LaUitkomst.VOLDOET
    return ProIndicatie(iq_toets, iq, iq_voldoet, domeinen, la_uitkomst, voldoet)


def _domein(onderdeel: Toetsonderdeel, toets: Toetsresultaat | None) -> Domeinuitkomst:
    if toets is None:
        return Domeinuitkomst(onderdeel, None, None, None, False, TeltNiet.GEEN_TOETS)
    if toets.dl is None or toets.dle is None:
        leeg = tuple(n for n, v in (("dl", toets.dl), ("dle", toets.dle)) if v is None)
        return Domeinuitkomst(onderdeel, toets, toets.dl, None, False, TeltNiet.NIET_INGEVULD, leeg)
    if toets.dl <= 0:
        return Domeinuitkomst(onderdeel, toets, toets.dl, None, False, TeltNiet.DL_NUL)
    begrensd = toets.dl > DL_MAX
    toets_voor_la = toets.model_copy(update={"dl": float(DL_MAX)}) if begrensd else toets
    la = toets_voor_la.leerachterstand
    assert la is not None  # DL above 0 and DLE present: checked above
    return Domeinuitkomst(onderdeel, toets, toets_voor_la.dl, la, la >= LA_GRENS - LA_MARGE,
                          begrensd=begrensd, dle_groter_dan_dl=toets.dle > toets.dl)


def _leerachterstand(domeinen: list[Domeinuitkomst]) -> LaUitkomst:
    gehaald = [d for d in domeinen if d.voldoet]
    if len(gehaald) < MIN_DOMEINEN:
        return LaUitkomst.TE_WEINIG_DOMEINEN
    if not any(d.onderdeel in KERNDOMEINEN for d in gehaald):
        return LaUitkomst.GEEN_KERNDOMEIN
    return LaUitkomst.VOLDOET


# --- the checklist rules -------------------------------------------------------------------------------------

class Status(str, Enum):
    OK = "ok"
    ONTBREEKT = "ontbreekt"
    VEROUDERD = "verouderd"
    NIET_NODIG = "niet nodig"

    def __str__(self) -> str:
        return self.value


class Vondst(_Code):
    """What a rule found: the code the cover's 'toelichting' is written from."""

    INGEVULD = "ingevuld"  # veld: `waarde`
    NIET_INGEVULD = "niet-ingevuld"  # veld
    NIET_NODIG = "niet-nodig"  # veld: the pupil is `leeftijd`, needed from `vanaf_leeftijd`
    DESKUNDIGEN = "deskundigen"  # deskundigen: `gevonden` names, enough of them
    TE_WEINIG_DESKUNDIGEN = "te-weinig-deskundigen"  # `aantal` of `nodig`
    IQ = "iq"  # intelligentie: `toets`
    IQ_VEROUDERD = "iq-verouderd"  # `toets` older than `maanden`
    GEEN_IQ = "geen-iq"
    IQ_ZONDER_SCORE = "iq-zonder-score"  # `toets`
    DIDACTIEK_COMPLEET = "didactiek-compleet"  # `gevonden` domains
    DIDACTIEK_ONVOLLEDIG = "didactiek-onvolledig"  # `aantal` of `nodig` domains complete
    VASTGESTELD = "vastgesteld"  # opp_vastgesteld: on `datum`
    NIET_VASTGESTELD = "niet-vastgesteld"
    TE_KORT_GEWERKT = "te-kort-gewerkt"  # set on `datum`, less than `maanden` ago
    GEEVALUEERD = "geevalueerd"  # opp_geevalueerd: on `datum`
    NIET_GEEVALUEERD = "niet-geevalueerd"
    EVALUATIE_VEROUDERD = "evaluatie-verouderd"  # on `datum`, more than `maanden` ago
    BIJLAGE = "bijlage"  # bijlage: `gevonden` file names
    GEEN_BIJLAGE = "geen-bijlage"


class Gebrek(_Code):
    """What is missing or wrong, and so what to do: the code a located message is written from."""

    VELD_LEEG = "veld-leeg"  # fill `veld`
    DESKUNDIGE_LEEG = "deskundige-leeg"  # fill `veld`; the swv asks the advice of `aantal` deskundigen
    GEEN_IQ = "geen-iq"  # add an intelligence test of at most `maanden` months
    IQ_ZONDER_SCORE = "iq-zonder-score"
    IQ_VEROUDERD = "iq-verouderd"  # the test of `datum` is older than `maanden` months
    GEEN_TOETS = "geen-toets"  # add a test of `onderdeel` with DL and DLE
    TOETS_ONVOLLEDIG = "toets-onvolledig"  # fill `leeg` of the test of `onderdeel` of `datum`
    TOETS_VEROUDERD = "toets-verouderd"  # the test of `onderdeel` of `datum` is older than `maanden` months
    NIET_VASTGESTELD = "niet-vastgesteld"
    VASTSTELLING_NA_DOSSIER = "vaststelling-na-dossier"  # set on `datum`, after the dossier's day
    TE_KORT_GEWERKT = "te-kort-gewerkt"  # set on `datum`, `maanden` needed: possible from `vanaf`
    NIET_GEEVALUEERD = "niet-geevalueerd"
    EVALUATIE_NA_DOSSIER = "evaluatie-na-dossier"  # evaluated on `datum`, after the dossier's day
    EVALUATIE_VEROUDERD = "evaluatie-verouderd"  # evaluated on `datum`, more than `maanden` months ago
    GEEN_BIJLAGE = "geen-bijlage"  # no attachment with one of `naam_bevat` in its name; `veld` holds the paths


@dataclass(frozen=True)
class Tekort:
    """What to add, and where: the kind of row (its model class), the field and the row object to fix
    (None when the row is still to be added)."""

    gebrek: Gebrek
    soort: type
    veld: str
    model: object | None = None
    datum: dt.date | None = None
    maanden: int | None = None
    aantal: int | None = None
    onderdeel: Toetsonderdeel | None = None
    leeg: tuple[str, ...] = ()
    vanaf: dt.date | None = None
    naam_bevat: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bevinding:
    """What a rule found (`vondst` with its facts) and what is short (`tekorten`)."""

    status: Status
    vondst: Vondst
    tekorten: tuple[Tekort, ...] = ()
    waarde: object = None  # veld: the value found
    gevonden: tuple = ()  # names of deskundigen, domains or attachments found
    aantal: int | None = None
    nodig: int | None = None
    toets: Toetsresultaat | None = None
    datum: dt.date | None = None
    maanden: int | None = None
    leeftijd: int | None = None
    vanaf_leeftijd: int | None = None

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


def veld(g: Aanvraaggegevens, *, veld: str, vanaf_leeftijd: int | None = None) -> Bevinding:
    if vanaf_leeftijd is not None:
        leeftijd = g.dossier.leerling.leeftijd_op(g.datum)
        if leeftijd < vanaf_leeftijd:
            return Bevinding(Status.NIET_NODIG, Vondst.NIET_NODIG, leeftijd=leeftijd, vanaf_leeftijd=vanaf_leeftijd)
    waarde = getattr(g.aanvraag, veld)
    if waarde in (None, "", []):
        return Bevinding(Status.ONTBREEKT, Vondst.NIET_INGEVULD,
                         (Tekort(Gebrek.VELD_LEEG, TlvAanvraag, veld, g.aanvraag),))
    return Bevinding(Status.OK, Vondst.INGEVULD, waarde=waarde)


def deskundigen(g: Aanvraaggegevens, *, aantal: int = 2) -> Bevinding:
    velden = ("deskundige_1", "deskundige_2")
    namen = tuple(getattr(g.aanvraag, v) for v in velden if getattr(g.aanvraag, v))
    if len(namen) >= aantal:
        return Bevinding(Status.OK, Vondst.DESKUNDIGEN, gevonden=namen)
    leeg = [v for v in velden if not getattr(g.aanvraag, v)][: aantal - len(namen)]
    tekorten = tuple(Tekort(Gebrek.DESKUNDIGE_LEEG, TlvAanvraag, v, g.aanvraag, aantal=aantal) for v in leeg)
    return Bevinding(Status.ONTBREEKT, Vondst.TE_WEINIG_DESKUNDIGEN, tekorten, aantal=len(namen), nodig=aantal)


def intelligentie(g: Aanvraaggegevens, *, max_maanden: int = 24) -> Bevinding:
    toets = g.dossier.laatste_intelligentie
    if toets is None:
        return Bevinding(Status.ONTBREEKT, Vondst.GEEN_IQ,
                         (Tekort(Gebrek.GEEN_IQ, Toetsresultaat, "onderdeel", maanden=max_maanden),))
    if toets.score is None:
        return Bevinding(Status.ONTBREEKT, Vondst.IQ_ZONDER_SCORE,
                         (Tekort(Gebrek.IQ_ZONDER_SCORE, Toetsresultaat, "score", toets),), toets=toets)
    if plus_maanden(toets.datum, max_maanden) < g.datum:
        return Bevinding(Status.VEROUDERD, Vondst.IQ_VEROUDERD,
                         (Tekort(Gebrek.IQ_VEROUDERD, Toetsresultaat, "datum", toets, datum=toets.datum,
                                 maanden=max_maanden),), toets=toets, maanden=max_maanden)
    return Bevinding(Status.OK, Vondst.IQ, toets=toets)


def didactiek(g: Aanvraaggegevens, *, onderdelen: list[str] | None = None,
              max_maanden: int | None = None) -> Bevinding:
    gevraagd = [Toetsonderdeel(o) for o in onderdelen] if onderdelen else list(DIDACTISCHE_ONDERDELEN)
    tekorten: list[Tekort] = []
    verouderd, gevonden = False, []
    for onderdeel in gevraagd:
        toets = g.dossier.laatste_toets(onderdeel)
        if toets is None:
            tekorten.append(Tekort(Gebrek.GEEN_TOETS, Toetsresultaat, "onderdeel", onderdeel=onderdeel))
            continue
        leeg = tuple(n for n, v in (("dl", toets.dl), ("dle", toets.dle)) if v is None)
        if leeg:
            tekorten.append(Tekort(Gebrek.TOETS_ONVOLLEDIG, Toetsresultaat, leeg[0], toets, datum=toets.datum,
                                   onderdeel=onderdeel, leeg=leeg))
            continue
        if max_maanden is not None and plus_maanden(toets.datum, max_maanden) < g.datum:
            verouderd = True
            tekorten.append(Tekort(Gebrek.TOETS_VEROUDERD, Toetsresultaat, "datum", toets, datum=toets.datum,
                                   maanden=max_maanden, onderdeel=onderdeel))
            continue
        gevonden.append(onderdeel)
    if not tekorten:
        return Bevinding(Status.OK, Vondst.DIDACTIEK_COMPLEET, gevonden=tuple(gevonden))
    status = Status.VEROUDERD if verouderd and len(tekorten) == 1 else Status.ONTBREEKT
    return Bevinding(status, Vondst.DIDACTIEK_ONVOLLEDIG, tuple(tekorten), gevonden=tuple(gevonden),
                     aantal=len(gevonden), nodig=len(gevraagd))


def opp_vastgesteld(g: Aanvraaggegevens, *, min_maanden: int = 0) -> Bevinding:
    leerling = g.dossier.leerling
    vastgesteld = leerling.datum_vaststelling
    if vastgesteld is None or vastgesteld > g.datum:
        tekort = (Tekort(Gebrek.NIET_VASTGESTELD, Leerling, "datum_vaststelling", leerling) if vastgesteld is None
                  else Tekort(Gebrek.VASTSTELLING_NA_DOSSIER, Leerling, "datum_vaststelling", leerling,
                              datum=vastgesteld))
        return Bevinding(Status.ONTBREEKT, Vondst.NIET_VASTGESTELD, (tekort,))
    vanaf = plus_maanden(vastgesteld, min_maanden)
    if min_maanden and vanaf > g.datum:
        return Bevinding(Status.ONTBREEKT, Vondst.TE_KORT_GEWERKT,
                         (Tekort(Gebrek.TE_KORT_GEWERKT, Leerling, "datum_vaststelling", leerling,
                                 datum=vastgesteld, maanden=min_maanden, vanaf=vanaf),),
                         datum=vastgesteld, maanden=min_maanden)
    return Bevinding(Status.OK, Vondst.VASTGESTELD, datum=vastgesteld)


def opp_geevalueerd(g: Aanvraaggegevens, *, max_maanden: int = 6) -> Bevinding:
    leerling = g.dossier.leerling
    geevalueerd = leerling.datum_evaluatie
    if geevalueerd is None or geevalueerd > g.datum:
        tekort = (Tekort(Gebrek.NIET_GEEVALUEERD, Leerling, "datum_evaluatie", leerling) if geevalueerd is None
                  else Tekort(Gebrek.EVALUATIE_NA_DOSSIER, Leerling, "datum_evaluatie", leerling,
                              datum=geevalueerd))
        return Bevinding(Status.ONTBREEKT, Vondst.NIET_GEEVALUEERD, (tekort,))
    if plus_maanden(geevalueerd, max_maanden) < g.datum:
        return Bevinding(Status.VEROUDERD, Vondst.EVALUATIE_VEROUDERD,
                         (Tekort(Gebrek.EVALUATIE_VEROUDERD, Leerling, "datum_evaluatie", leerling,
                                 datum=geevalueerd, maanden=max_maanden),),
                         datum=geevalueerd, maanden=max_maanden)
    return Bevinding(Status.OK, Vondst.GEEVALUEERD, datum=geevalueerd)


def bijlage(g: Aanvraaggegevens, *, naam_bevat: list[str]) -> Bevinding:
    woorden = [w.lower() for w in naam_bevat]
    gevonden = tuple(n for n in g.bijlagen if any(w in n.lower() for w in woorden))
    if gevonden:
        return Bevinding(Status.OK, Vondst.BIJLAGE, gevonden=gevonden)
    return Bevinding(Status.ONTBREEKT, Vondst.GEEN_BIJLAGE,
                     (Tekort(Gebrek.GEEN_BIJLAGE, TlvAanvraag, "bijlagen", g.aanvraag,
                             naam_bevat=tuple(naam_bevat)),))


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


# --- who signs the application ----------------------------------------------------------------------------------

def tlv_ondertekenaars(dossier: Leerlingdossier, school: School, datum: dt.date,
                       settings: Settings) -> list[Ondertekenaar]:
    """The application is signed by the parents with gezag (or the adult pupil or the legal representative, as
    the signing rules say), from 16 by the pupil (fixed by the request, not by the school's OPP setting), and
    for the school by its director, or by whom opp.toml [tlv] names: never by the mentor who signs the OPP."""
    regels = settings.ondertekening.model_copy(update={"leerling_tekent_vanaf": LEERLING_TEKENT_TLV_VANAF})
    tlv_settings = settings.model_copy(update={"ondertekening": regels})
    anderen = [o for o in ondertekenaars(dossier, school, datum, tlv_settings) if o.rol is not Rol.SCHOOL]
    naam = settings.tlv.ondertekent.strip() or (school.directeur or "").strip()
    return [*anderen, Ondertekenaar(Rol.SCHOOL, naam, settings.tlv.functie, False)]


def vroegste_ingangsdatum(bevindingen: list[Bevinding]) -> dt.date | None:
    """The earliest date the request can be made by what the checklist found (an OPP worked with too
    briefly names the date from which it can); None when nothing sets one."""
    data = [t.vanaf for b in bevindingen for t in b.tekorten if t.vanaf is not None]
    return max(data) if data else None
