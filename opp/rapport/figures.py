"""The numbers of the school report, computed from the pupils' dossiers on one date.

Counts carry no names or pupil numbers, so they may be shared. Only the deadline lists (`Signalering`,
`KernteamRegel`, the overdue signatures) name pupils; the workbook puts them on confidential sheets and
`Cijfers.to_dict()` leaves them out (it holds counts only).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..models import DoelDomein, DoelStatus, Leerling, Leerlingdossier, Lijn, Plan, School, Uitstroomrichting
from ..rules import deadlines
from ..rules.plannen import Plantelling, Registerstand, planfeiten, tel_plannen
from ..settings import Settings

ONBEKEND = "onbekend"
GEEN_STATUS = "geen status"
RICHTINGEN = Uitstroomrichting.keuzes()
LIJNEN = Lijn.keuzes()
STATUSSEN = DoelStatus.keuzes() + [GEEN_STATUS]
BEHAALD = DoelStatus.BEHAALD.value
# Shares are fractions of whole pupils; the tolerance only absorbs float rounding at a norm's boundary.
_EPSILON = 1e-9


def aandeel(deel: int, geheel: int) -> float | None:
    return deel / geheel if geheel else None


@dataclass
class Telling:
    """Counts per group (rows) and category (columns), both in display order."""

    groepen: list[str]
    categorieen: list[str]
    aantallen: dict[str, Counter]

    @classmethod
    def van(cls, paren: Iterable[tuple[str, str]], categorieen: list[str], sorteer=None) -> Telling:
        aantallen: dict[str, Counter] = {}
        for groep, categorie in paren:
            aantallen.setdefault(groep, Counter())[categorie] += 1
        groepen = sorted(aantallen, key=sorteer) if sorteer else list(aantallen)
        return cls(groepen, categorieen, aantallen)

    @classmethod
    def van_aantallen(cls, paren: Counter, categorieen: list[str], sorteer) -> Telling:
        """As `van`, from pairs already counted."""
        aantallen: dict[str, Counter] = {}
        for (groep, categorie), n in paren.items():
            aantallen.setdefault(groep, Counter())[categorie] += n
        return cls(sorted(aantallen, key=sorteer), categorieen, aantallen)

    def aantal(self, groep: str, categorie: str) -> int:
        return self.aantallen.get(groep, Counter())[categorie]

    def totaal(self, groep: str) -> int:
        return sum(self.aantallen.get(groep, Counter()).values())

    def aandeel(self, groep: str, categorie: str) -> float | None:
        return aandeel(self.aantal(groep, categorie), self.totaal(groep))

    def to_dict(self, aandeel_van: str | None = None) -> dict[str, dict[str, Any]]:
        result = {}
        for groep in self.groepen:
            rij: dict[str, Any] = {c: self.aantal(groep, c) for c in self.categorieen}
            rij["totaal"] = self.totaal(groep)
            if aandeel_van:
                rij[f"aandeel_{aandeel_van.replace(' ', '_')}"] = self.aandeel(groep, aandeel_van)
            result[groep] = rij
        return result


def _leerjaar_volgorde(label: str) -> tuple[int, str]:
    return (0, f"{int(label):03d}") if label.isdigit() else (1, label)


# -- uitstroomperspectief -------------------------------------------------------------------------------------

@dataclass
class Uitstroom:
    per_richting: dict[str, int]
    per_leerjaar: Telling
    per_klas: Telling

    @property
    def totaal(self) -> int:
        return sum(self.per_richting.values())

    def to_dict(self) -> dict:
        return {
            "per_richting": {r: {"aantal": n, "aandeel": aandeel(n, self.totaal)}
                             for r, n in self.per_richting.items()},
            "per_leerjaar": self.per_leerjaar.to_dict(),
            "per_klas": self.per_klas.to_dict(),
        }


def uitstroom(leerlingen: list[Leerling]) -> Uitstroom:
    return _uitstroom_van(Counter(_uitstroomsleutel(ll) for ll in leerlingen))


def _uitstroomsleutel(ll: Leerling) -> tuple[str, str, str]:
    """(richting, leerjaar, klas): all the outflow figures need of a pupil, so a school is counted, not kept."""
    return str(ll.uitstroomrichting), str(ll.leerjaar) if ll.leerjaar else ONBEKEND, ll.klas


def _uitstroom_van(aantallen: Counter) -> Uitstroom:
    per_richting: Counter = Counter()
    per_leerjaar: Counter = Counter()
    per_klas: Counter = Counter()
    for (richting, leerjaar, klas), n in aantallen.items():
        per_richting[richting] += n
        per_leerjaar[(leerjaar, richting)] += n
        per_klas[(klas, richting)] += n
    return Uitstroom(
        per_richting={r: per_richting[r] for r in RICHTINGEN},
        per_leerjaar=Telling.van_aantallen(per_leerjaar, RICHTINGEN, sorteer=_leerjaar_volgorde),
        per_klas=Telling.van_aantallen(per_klas, RICHTINGEN, sorteer=str),
    )


# -- support lines against the school's norms ----------------------------------------------------------------

def norm_oordeel(waarde: float | None, minimum: float | None, maximum: float | None) -> str:
    """'binnen de norm', 'onder de norm' or 'boven de norm'; a value on a boundary is within the norm."""
    if waarde is None:
        return "geen gegevens"
    if minimum is not None and waarde < minimum - _EPSILON:
        return "onder de norm"
    if maximum is not None and waarde > maximum + _EPSILON:
        return "boven de norm"
    return "binnen de norm"


def procent_tekst(x: float | None) -> str:
    """0.825 -> '82,5%' (Dutch decimal comma, at most one decimal); None -> '-'."""
    if x is None:
        return "-"
    return f"{x * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"


@dataclass
class Norm:
    lijn: str
    minimum: float | None
    maximum: float | None
    waarde: float | None

    @property
    def oordeel(self) -> str:
        return norm_oordeel(self.waarde, self.minimum, self.maximum)

    @property
    def binnen(self) -> bool | None:
        return None if self.waarde is None else self.oordeel == "binnen de norm"

    @property
    def tekst(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"{procent_tekst(self.minimum)} tot {procent_tekst(self.maximum)}"
        if self.maximum is not None:
            return f"hoogstens {procent_tekst(self.maximum)}"
        return f"minstens {procent_tekst(self.minimum)}" if self.minimum is not None else "geen norm"

    def to_dict(self) -> dict:
        return {"aandeel": self.waarde, "minimum": self.minimum, "maximum": self.maximum, "norm": self.tekst,
                "oordeel": self.oordeel, "binnen_norm": self.binnen}


@dataclass
class Lijnen:
    """Pupils by their highest support line; shares over the pupils whose line is known."""

    per_lijn: dict[str, int]
    onbekend: int
    normen: dict[str, Norm]

    @property
    def bekend(self) -> int:
        return sum(self.per_lijn.values())

    def aandeel(self, lijn: str) -> float | None:
        return aandeel(self.per_lijn[lijn], self.bekend)

    def to_dict(self) -> dict:
        return {
            "per_lijn": {lijn: {"aantal": n, "aandeel": self.aandeel(lijn)} for lijn, n in self.per_lijn.items()},
            "bekend": self.bekend,
            "onbekend": self.onbekend,
            "normen": {lijn: n.to_dict() for lijn, n in self.normen.items()},
        }


def lijnen(dossiers: Iterable[Leerlingdossier], settings: Settings) -> Lijnen:
    return _lijnen_van(Counter(_hoogste(d) for d in dossiers), settings)


def _hoogste(d: Leerlingdossier) -> str:
    return str(d.hoogste_lijn) if d.hoogste_lijn else ONBEKEND


def _lijnen_van(hoogste: Counter, settings: Settings) -> Lijnen:
    per_lijn = {lijn: hoogste[lijn] for lijn in LIJNEN}
    bekend = sum(per_lijn.values())
    normen = settings.normen
    return Lijnen(
        per_lijn=per_lijn,
        onbekend=hoogste[ONBEKEND],
        normen={
            Lijn.EERSTE.value: Norm(Lijn.EERSTE.value, normen.eerste_lijn_min, normen.eerste_lijn_max,
                                    aandeel(per_lijn[Lijn.EERSTE.value], bekend)),
            Lijn.DERDE.value: Norm(Lijn.DERDE.value, None, normen.derde_lijn_max,
                                   aandeel(per_lijn[Lijn.DERDE.value], bekend)),
        },
    )


# -- goals ------------------------------------------------------------------------------------------------------

@dataclass
class Doelen:
    """Goals by status per plan, per domain and per klas; 'aandeel behaald' = behaald / all goals."""

    per_plan: Telling
    per_domein: Telling
    per_klas: Telling

    @property
    def totaal(self) -> int:
        return sum(self.per_plan.totaal(g) for g in self.per_plan.groepen)

    @property
    def behaald(self) -> int:
        return sum(self.per_plan.aantal(g, BEHAALD) for g in self.per_plan.groepen)

    @property
    def aandeel_behaald(self) -> float | None:
        return aandeel(self.behaald, self.totaal)

    def to_dict(self) -> dict:
        return {
            "totaal": self.totaal,
            "behaald": self.behaald,
            "aandeel_behaald": self.aandeel_behaald,
            "per_plan": self.per_plan.to_dict(BEHAALD),
            "per_domein": self.per_domein.to_dict(BEHAALD),
            "per_klas": self.per_klas.to_dict(BEHAALD),
        }


def _doelen_van(aantallen: Counter) -> Doelen:
    """Doelen from goals counted by (klas, plan, domein, status): a few combinations, however many goals."""
    plannen, domeinen = [str(p) for p in Plan], DoelDomein.keuzes()

    def telling(positie: int, sorteer) -> Telling:
        paren: Counter = Counter()
        for sleutel, n in aantallen.items():
            paren[(sleutel[positie], sleutel[3])] += n
        return Telling.van_aantallen(paren, STATUSSEN, sorteer=sorteer)

    return Doelen(per_plan=telling(1, plannen.index), per_domein=telling(2, domeinen.index),
                  per_klas=telling(0, str))


# -- deadlines ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signalering:
    """One pupil on a deadline list (confidential: it names the pupil)."""

    leerlingnummer: str
    naam: str
    klas: str
    mentor: str
    signaal: deadlines.Termijnsignaal


@dataclass(frozen=True)
class KernteamRegel:
    """One referral this school year (confidential: it names the pupil)."""

    leerlingnummer: str
    naam: str
    klas: str
    datum_aanmelding: dt.date
    aangemeld_door: str
    toestemming_ouders: str


@dataclass
class Handtekeningen:
    """What the signing tracker says on the date: overdue signatures (names) and its totals (counts)."""

    te_laat: list
    totaal: dict
    te_laat_na_dagen: int

    def to_dict(self) -> dict:
        totaal = {str(k): v for k, v in self.totaal.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        return {"te_laat": len(self.te_laat), "te_laat_na_dagen": self.te_laat_na_dagen, "totaal": totaal}


@dataclass
class Termijnen:
    begin_schooljaar: dt.date
    opp_vaststellen_dagen: int
    tlv_binnen_maanden: int
    opp_niet_vastgesteld: list[Signalering] = field(default_factory=list)
    evaluatie_te_laat: list[Signalering] = field(default_factory=list)
    tlv_verloopt: list[Signalering] = field(default_factory=list)
    bewaartermijn: list[Signalering] = field(default_factory=list)  # pupils who left, kept past the term
    kernteam: list[KernteamRegel] = field(default_factory=list)
    kernteam_per_klas: dict[str, int] = field(default_factory=dict)
    handtekeningen: Handtekeningen | None = None

    def to_dict(self) -> dict:
        return {
            "opp_niet_vastgesteld": len(self.opp_niet_vastgesteld),
            "opp_vaststellen_dagen": self.opp_vaststellen_dagen,
            "evaluatie_te_laat": len(self.evaluatie_te_laat),
            "tlv_verloopt": len(self.tlv_verloopt),
            "tlv_binnen_maanden": self.tlv_binnen_maanden,
            "bewaartermijn_verstreken": len(self.bewaartermijn),
            "kernteam": {
                "vanaf": self.begin_schooljaar.isoformat(),
                "totaal": len(self.kernteam),
                "per_klas": dict(self.kernteam_per_klas),
            },
            "handtekeningen": self.handtekeningen.to_dict() if self.handtekeningen else None,
        }


class _Termijnlijsten:
    """Termijnen collected one pupil at a time (a school streams through it: only the signals are kept)."""

    def __init__(self, datum: dt.date, settings: Settings, handtekeningen: Handtekeningen | None):
        self.datum, self.settings = datum, settings
        self.result = Termijnen(deadlines.begin_schooljaar(datum), settings.termijnen.opp_vaststellen_dagen,
                                settings.termijnen.tlv_verloopt_binnen_maanden, handtekeningen=handtekeningen)
        r = self.result
        self.lijst = {deadlines.Regel.OPP_VASTSTELLEN: r.opp_niet_vastgesteld,
                      deadlines.Regel.OPP_EVALUEREN: r.evaluatie_te_laat,
                      deadlines.Regel.TLV_VERLENGEN: r.tlv_verloopt,
                      deadlines.Regel.BEWAARTERMIJN: r.bewaartermijn}
        self.per_klas: Counter = Counter()
        self.klassen: set[str] = set()

    def voeg_toe(self, d: Leerlingdossier, uitgeschreven: bool = False) -> None:
        ll = d.leerling
        for signaal in deadlines.termijnsignalen(d, self.datum, self.settings):
            self.lijst[signaal.regel].append(Signalering(ll.leerlingnummer, ll.volledige_naam, ll.klas, ll.mentor,
                                                         signaal))
        if uitgeschreven:
            return
        self.klassen.add(ll.klas)
        for a in deadlines.kernteam_dit_schooljaar(d, self.datum):
            self.result.kernteam.append(KernteamRegel(ll.leerlingnummer, ll.volledige_naam, ll.klas,
                                                      a.datum_aanmelding, a.aangemeld_door,
                                                      str(a.toestemming_ouders)))
            self.per_klas[ll.klas] += 1

    def klaar(self) -> Termijnen:
        result = self.result
        # Every klas appears, also with no referrals: a zero is an answer too.
        result.kernteam_per_klas = {k: self.per_klas[k] for k in sorted(self.klassen)}
        for signaleringen in self.lijst.values():
            signaleringen.sort(key=lambda s: (-s.signaal.dagen, s.klas, s.naam))
        result.kernteam.sort(key=lambda r: (r.klas, r.datum_aanmelding, r.naam))
        return result


# -- everything together --------------------------------------------------------------------------------------

@dataclass
class Cijfers:
    school: str
    schooljaar: str
    datum: dt.date
    aantal_leerlingen: int
    overgeslagen: int
    uitstroom: Uitstroom
    lijnen: Lijnen
    doelen: Doelen
    termijnen: Termijnen
    uitgeschreven: int = 0  # pupils who left: not in the figures, only in the retention term
    plannen: Plantelling | None = None  # the OPPs' life, from the register and the workbook's dates

    def to_dict(self) -> dict:
        """Counts and shares only (no names): what `opp rapport --json` prints."""
        return {
            "school": self.school,
            "schooljaar": self.schooljaar,
            "datum": self.datum.isoformat(),
            "leerlingen": {"in_rapport": self.aantal_leerlingen, "overgeslagen": self.overgeslagen,
                           "uitgeschreven": self.uitgeschreven},
            "uitstroom": self.uitstroom.to_dict(),
            "ondersteuning": self.lijnen.to_dict(),
            "doelen": self.doelen.to_dict(),
            "termijnen": self.termijnen.to_dict(),
            "plannen": asdict(self.plannen) if self.plannen else None,
        }


def bereken_cijfers(dossiers: Iterable[Leerlingdossier], school: School, datum: dt.date, settings: Settings,
                    overgeslagen: int = 0, handtekeningen: Handtekeningen | None = None,
                    uitgeschreven: Iterable[Leerlingdossier] | None = None,
                    register: dict[str, Registerstand] | None = None) -> Cijfers:
    """The figures of the pupils in `dossiers`; `uitgeschreven` (pupils who left) count only for retention.
    `register`: leerlingnummer -> what the versions register knows of the OPP (None: no register).

    One pass over the dossiers, each reduced to what the figures need as it passes: a school streams its
    dossiers through here with memory that does not grow with it."""
    uitstroomsleutels: Counter = Counter()  # counted, not kept: see _uitstroomsleutel
    hoogste: Counter = Counter()
    doel_aantallen: Counter = Counter()
    lijsten = _Termijnlijsten(datum, settings, handtekeningen)
    feiten = []
    for d in dossiers:
        uitstroomsleutels[_uitstroomsleutel(d.leerling)] += 1
        hoogste[_hoogste(d)] += 1
        for doel in d.doelen:
            doel_aantallen[(d.leerling.klas, str(doel.plan), str(doel.domein),
                            str(doel.status) if doel.status else GEEN_STATUS)] += 1
        lijsten.voeg_toe(d)
        feiten.append(planfeiten(d, school, (register or {}).get(d.leerling.leerlingnummer), datum, settings))
    aantal_uitgeschreven = 0
    for d in uitgeschreven or ():
        lijsten.voeg_toe(d, uitgeschreven=True)
        aantal_uitgeschreven += 1
    return Cijfers(
        school=school.naam,
        schooljaar=school.schooljaar,
        datum=datum,
        aantal_leerlingen=sum(uitstroomsleutels.values()),
        overgeslagen=overgeslagen,
        uitstroom=_uitstroom_van(uitstroomsleutels),
        lijnen=_lijnen_van(hoogste, settings),
        doelen=_doelen_van(doel_aantallen),
        termijnen=lijsten.klaar(),
        uitgeschreven=aantal_uitgeschreven,
        plannen=tel_plannen(feiten),
    )
