"""Deadlines of the OPP, the TLV and the kernteam (domain.md, 'Who needs an OPP, and by when' and 'TLV').

Pure functions of (pupil, date, settings). `datum` is the day the question is asked (a report's date),
never today; a date in the workbook after that day does not count as done yet.

- The OPP is set within `termijnen.opp_vaststellen_dagen` days of enrolment (law: 6 weeks). The last day
  itself is still in time.
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
from dataclasses import dataclass
from enum import Enum

from ..models import Kernteamaanmelding, Leerling, Leerlingdossier
from ..models.enums import TlvSoort
from ..settings import Settings

BEGIN_SCHOOLJAAR = (8, 1)  # 1 August


class Regel(str, Enum):
    OPP_VASTSTELLEN = "OPP niet op tijd vastgesteld"
    OPP_EVALUEREN = "OPP niet geëvalueerd in het afgelopen jaar"
    TLV_VERLENGEN = "TLV verloopt"
    BEWAARTERMIJN = "Bewaartermijn verstreken"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Termijnsignaal:
    """A deadline passed (or, for a TLV, near) for one pupil on `datum`."""

    regel: Regel
    uiterlijk: dt.date  # the deadline (for a TLV: its end date)
    dagen: int  # datum - uiterlijk: positive = days late, zero or negative = days left
    toelichting: str  # one Dutch sentence for the report


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


def _nl(d: dt.date) -> str:
    return f"{d:%d-%m-%Y}"


def opp_uiterlijk(leerling: Leerling, settings: Settings) -> dt.date:
    """The last day the OPP can be set: enrolment + the school's term (law: six weeks)."""
    return leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)


def opp_niet_vastgesteld(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The OPP is not set on `datum` and its term after enrolment has passed."""
    leerling = dossier.leerling
    if _gedaan_op(leerling.datum_vaststelling, datum):
        return None
    uiterlijk = leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)
    if datum <= uiterlijk:
        return None
    dagen = (datum - uiterlijk).days
    return Termijnsignaal(
        Regel.OPP_VASTSTELLEN, uiterlijk, dagen,
        f"ingeschreven op {_nl(leerling.datum_inschrijving)}; het OPP moest uiterlijk {_nl(uiterlijk)} "
        f"vastgesteld zijn ({dagen} {'dag' if dagen == 1 else 'dagen'} te laat)")


def opp_evaluatie_te_laat(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """More than a year has passed since the OPP was last evaluated, or since it was (or should have been) set."""
    leerling = dossier.leerling
    geevalueerd = _gedaan_op(leerling.datum_evaluatie, datum)
    vastgesteld = _gedaan_op(leerling.datum_vaststelling, datum)
    if geevalueerd:
        sinds, waarom = geevalueerd, f"laatst geëvalueerd op {_nl(geevalueerd)}"
    elif vastgesteld:
        sinds, waarom = vastgesteld, f"nooit geëvalueerd; vastgesteld op {_nl(vastgesteld)}"
    else:
        sinds = leerling.opp_uiterlijk_na(settings.termijnen.opp_vaststellen_dagen)
        waarom = f"nooit geëvalueerd en nog niet vastgesteld (moest uiterlijk {_nl(sinds)})"
    uiterlijk = plus_jaren(sinds, 1)
    if datum <= uiterlijk:
        return None
    return Termijnsignaal(Regel.OPP_EVALUEREN, uiterlijk, (datum - uiterlijk).days,
                          f"{waarom}; de evaluatie was uiterlijk {_nl(uiterlijk)}")


def tlv_verloopt(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The pupil's TLV ends within the set number of months (or has ended) and needs a renewal."""
    met_einde = [t for t in dossier.tlv if t.einddatum is not None]
    if not met_einde:
        return None
    laatste = max(met_einde, key=lambda t: t.einddatum)
    grens = plus_maanden(datum, settings.termijnen.tlv_verloopt_binnen_maanden)
    if laatste.einddatum > grens:
        return None
    verlopen = laatste.einddatum < datum
    toelichting = (f"TLV {laatste.soort} {'is verlopen op' if verlopen else 'eindigt op'} "
                   f"{_nl(laatste.einddatum)}; vraag een verlenging aan")
    return Termijnsignaal(Regel.TLV_VERLENGEN, laatste.einddatum, (datum - laatste.einddatum).days, toelichting)


def bewaartermijn_verstreken(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> Termijnsignaal | None:
    """The pupil left, and the term to keep the dossier after leaving has passed."""
    if not dossier.leerling.is_uitgeschreven_op(datum):
        return None
    vertrokken = dossier.leerling.datum_uitschrijving
    vso = any(t.soort == TlvSoort.VSO for t in dossier.tlv)
    jaren = settings.bewaartermijn.jaren_na_verwijzing_vso if vso else settings.bewaartermijn.jaren
    uiterlijk = plus_jaren(vertrokken, jaren)
    if datum <= uiterlijk:
        return None
    return Termijnsignaal(
        Regel.BEWAARTERMIJN, uiterlijk, (datum - uiterlijk).days,
        f"uitgeschreven op {_nl(vertrokken)}; bewaren tot en met {_nl(uiterlijk)} ({jaren} jaar"
        f"{' na een verwijzing naar het vso' if vso else ''}): vernietig de gegevens in het werkboek, "
        "de documenten en de PDF's")


def kernteam_dit_schooljaar(dossier: Leerlingdossier, datum: dt.date) -> list[Kernteamaanmelding]:
    """The pupil's referrals from the start of the school year that holds `datum` up to and including `datum`."""
    begin = begin_schooljaar(datum)
    return [a for a in dossier.kernteam if begin <= a.datum_aanmelding <= datum]


def termijnsignalen(dossier: Leerlingdossier, datum: dt.date, settings: Settings) -> list[Termijnsignaal]:
    """Every deadline signal of one pupil on `datum`, in the order of the rules. For a pupil who has left,
    only the retention term counts."""
    if dossier.leerling.is_uitgeschreven_op(datum):
        regels = (bewaartermijn_verstreken,)
    else:
        regels = (opp_niet_vastgesteld, opp_evaluatie_te_laat, tlv_verloopt)
    return [s for regel in regels if (s := regel(dossier, datum, settings)) is not None]
