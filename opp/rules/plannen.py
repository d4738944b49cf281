"""The life of each OPP as facts for the report (domain.md, 'Who needs an OPP, and by when' and 'The plan's
life'): was the first OPP set within the term after enrolment, was it evaluated with the parents in the last
twelve months, does the current handelingsdeel have consent, is the plan still a concept.

What the register knows comes in as `Registerstand` (so this module stays a pure function of its input);
the workbook's own dates count too, and for the first vaststelling the earliest known date wins: a school
that used opp later typed the date of its first OPP in the workbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Leerlingdossier, School
from ..settings import Settings
from .compleet import is_concept
from .deadlines import opp_uiterlijk, plus_jaren


@dataclass(frozen=True)
class Registerstand:
    """What the versions register knows of one pupil's OPP."""

    eerste_versie: dt.date | None  # the date of the first version offered (not a concept)
    huidige_status: str | None  # the newest version's status: concept, ter instemming, vastgesteld


@dataclass(frozen=True)
class Planfeiten:
    eerste_vaststelling: dt.date | None
    eerste_op_tijd: bool | None  # None: no first date known yet
    geevalueerd: bool  # evaluated with the parents in the twelve months up to the date
    instemming: bool  # the current handelingsdeel has the consent it needs (register: vastgesteld)
    concept: bool  # a legal part is missing
    in_register: bool


def planfeiten(dossier: Leerlingdossier, school: School | None, stand: Registerstand | None, datum: dt.date,
               settings: Settings) -> Planfeiten:
    ll = dossier.leerling
    bekend = [d for d in (ll.datum_eerste_vaststelling, stand.eerste_versie if stand else None)
              if d is not None and d <= datum]
    eerste = min(bekend, default=None)
    evaluatie = ll.datum_evaluatie
    return Planfeiten(
        eerste_vaststelling=eerste,
        eerste_op_tijd=None if eerste is None else eerste <= opp_uiterlijk(ll, settings),
        geevalueerd=evaluatie is not None and evaluatie <= datum <= plus_jaren(evaluatie, 1),
        instemming=bool(stand and stand.huidige_status == "vastgesteld"),
        concept=is_concept(dossier, school),
        in_register=stand is not None,
    )


@dataclass(frozen=True)
class Plantelling:
    leerlingen: int
    eerste_op_tijd: int
    eerste_te_laat: int
    eerste_onbekend: int
    geevalueerd: int
    instemming: int
    concept: int
    niet_in_register: int


def tel_plannen(feiten: Iterable[Planfeiten]) -> Plantelling:
    lijst = list(feiten)
    return Plantelling(
        leerlingen=len(lijst),
        eerste_op_tijd=sum(f.eerste_op_tijd is True for f in lijst),
        eerste_te_laat=sum(f.eerste_op_tijd is False for f in lijst),
        eerste_onbekend=sum(f.eerste_op_tijd is None for f in lijst),
        geevalueerd=sum(f.geevalueerd for f in lijst),
        instemming=sum(f.instemming for f in lijst),
        concept=sum(f.concept for f in lijst),
        niet_in_register=sum(not f.in_register for f in lijst),
    )
