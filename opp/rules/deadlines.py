"""Deadlines of the OPP, the TLV and the kernteam (domain.md, 'Who needs an OPP, and by when' and 'TLV').

Pure functions of (pupil, date, settings) that return facts (a code, dates, days), never Dutch prose:
`opp.rapport.woorden` writes the sentence. `datum` is the day the question is asked (a report's date),
never today; a date in the workbook after that day does not count as done yet.

- The OPP is set within `termijnen.opp_vaststellen_dagen` days of enrolment (law: 6 weeks). The last day
  itself is still in time. The term is about the first vaststelling: when the workbook has its date, a
  first OPP set late stays a signal (with the days it was late), whatever was set later.
- The OPP is evaluated at least once a school year: late when more than one year has passed since the
  last evaluation, or, when it was never evaluated, since it was set (or should have been set). Exactly
  one year is still in time.
- A TLV that ends within `termijnen.tlv_verloopt_binnen_maanden` months (an end exactly that many months
  away included), or has already ended, needs a renewal. The pupil's latest end date counts, so a renewal
  already entered with a later end date silences the signal.
- Kernteam referrals count per school year, 1 August to 31 July (WVO).
- A pupil's dossier is kept `bewaartermijn.jaren` years after the pupil left (`jaren_na_verwijzing_vso`
  after a referral to special education: a TLV vso), then destroyed (AVG). The last day of the term itself
  is still in time.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..models import Kernteamaanmelding, Leerling, Leerlingdossier
from ..models.enums import TlvSoort
from ..settings import Settings

BEGIN_SCHOOLJAAR = (8, 1)  # 1 August


class _Code(str, Enum):
    def __str__(self) -> str:
        return self.value


class Regel(_Code):
    OPP_VASTSTELLEN = "opp-vaststellen"
    OPP_EVALUEREN = "opp-evalueren"
    TLV_VERLENGEN = "tlv-verlengen"
    BEWAARTERMIJN = "bewaartermijn"


class Sinds(_Code):
    """What the yearly evaluation counts from."""

    EVALUATIE = "evaluatie"  # the last evaluation
    VASTSTELLING = "vaststelling"  # never evaluated: the day the OPP was set
    TERMIJN = "termijn"  # never evaluated nor set: the last day it should have been set


@dataclass(frozen=True)
class Termijnsignaal:
    """A deadline passed (or, for a TLV, near) for one pupil on `datum`."""

    regel: Regel
    uiterlijk: dt.date  # the deadline (for a TLV: its end date)
    dagen: int  # datum - uiterlijk: positive = days late, zero or negative = days left


@dataclass(frozen=True)
class OppNietVastgesteld(Termijnsignaal):
    ingeschreven: dt.date
    # The first OPP was set, but after the term: its date (`dagen` is then how late it was, fixed). None: not set.
    eerste_vastgesteld: dt.date | None = None


@dataclass(frozen=True)
class EvaluatieTeLaat(Termijnsignaal):
    sinds: Sinds
    sinds_datum: dt.date  # the day the year counts from (`uiterlijk` is one year later)


@dataclass(frozen=True)
class TlvVerloopt(Termijnsignaal):
    soort: TlvSoort
    verlopen: bool  # ended before `datum`; else it ends within the set months


@dataclass(frozen=True)
class BewaartermijnVerstreken(Termijnsignaal):
    uitgeschreven: dt.date
    jaren: int
    na_vso: bool  # the longer term after a referral to special education (a TLV vso)


def plus_maanden(datum: dt.date, maanden: int) -> dt.date:
    """The same day `maanden` months later; a day past the month's end becomes its last day (31-08 + 6 = 28/29-02)."""
    month_index = datum.month - 1 + maanden
    year, month = datum.year + month_index // 12, month_index % 12 + 1
    return datum.replace(year=year, month=month, day=min(datum.day, calendar.monthrange(year, month)[1]))


def plus_jaren(datum: dt.date, jaren: int) -> dt.date:
    """The same day `jaren` years later; 29 February becomes 28 February (the earlier day: on the safe side)."""
    return plus_maanden(datum, 12 * jaren)


def begin_schooljaar(datum: dt.date) -> dt.date:
    """1 August of the school year that holds `datum`."""
    month, day = BEGIN_SCHOOLJAAR
    year = datum.year if (datum.month, datum.day) >= (month, day) else datum.year - 1
    return dt.date(year, month, day)


def _gedaan_op(waarde: dt.date | None, datum: dt.date) -> dt.date | None:
    """A workbook date counts as done only when it is not after the day asked about."""
    return waarde if waarde is not None and waarde <= datum else None


def opp_uiterlijk(leerling: Leerling, settings: Settings) -> dt.date:
    """The last day the OPP can be set: enrolment + the school's term (law: six weeks)."""
    return leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)


def eerste_opp_op_tijd(leerling: Leerling, settings: Settings) -> bool | None:
    """Whether the first OPP was set within the term after enrolment; None when its date is not known."""
    if leerling.datum_eerste_vaststelling is None:
        return None
    return leerling.datum_eerste_vaststelling <= opp_uiterlijk(leerling, settings)


def opp_niet_vastgesteld(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The OPP is not set on `datum` and its term after enrolment has passed, or its first vaststelling
    (when the workbook has it) came after that term: a later vaststelling does not make up for it."""
    leerling = dossier.leerling
    uiterlijk = leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)
    eerste = _gedaan_op(leerling.datum_eerste_vaststelling, datum)
    if eerste:
        if eerste <= uiterlijk:
            return None
        return OppNietVastgesteld(Regel.OPP_VASTSTELLEN, uiterlijk, (eerste - uiterlijk).days,
                                  leerling.datum_inschrijving, eerste_vastgesteld=eerste)
    if _gedaan_op(leerling.datum_vaststelling, datum):
        return None
    if datum <= uiterlijk:
        return None
    return OppNietVastgesteld(Regel.OPP_VASTSTELLEN, uiterlijk, (datum - uiterlijk).days, leerling.datum_inschrijving)


def opp_evaluatie_te_laat(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """More than a year has passed since the OPP was last evaluated, or since it was (or should have been) set."""
    leerling = dossier.leerling
    geevalueerd = _gedaan_op(leerling.datum_evaluatie, datum)
    gedaan = [d for d in (leerling.datum_vaststelling, leerling.datum_eerste_vaststelling)
              if d is not None and d <= datum]
    vastgesteld = max(gedaan, default=None)
    if geevalueerd:
        sinds, vanaf = Sinds.EVALUATIE, geevalueerd
    elif vastgesteld:
        sinds, vanaf = Sinds.VASTSTELLING, vastgesteld
    else:
        sinds, vanaf = Sinds.TERMIJN, leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)
    uiterlijk = plus_jaren(vanaf, 1)
    if datum <= uiterlijk:
        return None
    return EvaluatieTeLaat(Regel.OPP_EVALUEREN, uiterlijk, (datum - uiterlijk).days, sinds, vanaf)


def tlv_verloopt(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The pupil's TLV ends within the set number of months (or has ended) and needs a renewal."""
    met_einde = [(t.einddatum, t) for t in dossier.tlv if t.einddatum is not None]
    if not met_einde:
        return None
    einde, laatste = max(met_einde, key=lambda paar: paar[0])
    if einde > plus_maanden(datum, settings.termijnen.tlv_verloopt_binnen_maanden):
        return None
    return TlvVerloopt(Regel.TLV_VERLENGEN, einde, (datum - einde).days, laatste.soort, verlopen=einde < datum)


def bewaartermijn_verstreken(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The pupil left, and the term to keep the dossier after leaving has passed."""
    vertrokken = dossier.leerling.datum_uitschrijving
    if vertrokken is None or not dossier.leerling.is_uitgeschreven_op(datum):
        return None
    vso = any(t.soort == TlvSoort.VSO for t in dossier.tlv)
    jaren = settings.bewaartermijn.jaren_na_verwijzing_vso if vso else settings.bewaartermijn.jaren
    uiterlijk = plus_jaren(vertrokken, jaren)
    if datum <= uiterlijk:
        return None
    return BewaartermijnVerstreken(Regel.BEWAARTERMIJN, uiterlijk, (datum - uiterlijk).days, vertrokken, jaren,
                                   na_vso=vso)


def kernteam_dit_schooljaar(dossier: Leerlingdossier, datum: dt.date) -> list[Kernteamaanmelding]:
    """The pupil's referrals from the start of the school year that holds `datum` up to and including `datum`."""
    begin = begin_schooljaar(datum)
    return [a for a in dossier.kernteam if begin <= a.datum_aanmelding <= datum]


def termijnsignalen(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> list[Termijnsignaal]:
    """Every deadline signal of one pupil on `datum`, in the order of the rules. For a pupil who has left,
    only the retention term counts."""
    regels: tuple[Callable[[Leerlingdossier, dt.date, Settings], Termijnsignaal | None], ...]
    if dossier.leerling.is_uitgeschreven_op(datum):
        regels = (bewaartermijn_verstreken,)
    else:
        regels = (opp_niet_vastgesteld, opp_evaluatie_te_laat, tlv_verloopt)
    return [s for regel in regels if (s := regel(dossier, datum, settings)) is not None]
