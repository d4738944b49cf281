"""The Dutch of the report's deadline lists: one sentence per signal of `opp.rules.deadlines`, which returns
only the facts (a code, dates, days)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ..rules.deadlines import (
    BewaartermijnVerstreken,
    EvaluatieTeLaat,
    OppNietVastgesteld,
    Sinds,
    Termijnsignaal,
    TlvVerloopt,
)
from ..rules.plannen import Plantelling


def label(tekst: str) -> str:
    """A category as a table or chart shows it: 'Nederlands', 'Vrije tijd', 'PrO 2A' (the workbook's choices
    are lower case, as typed in a dropdown; a label starts with a capital)."""
    return tekst[:1].upper() + tekst[1:]


def labels(teksten) -> list[str]:
    return [label(t) for t in teksten]


def datum_kort(d: dt.date) -> str:
    """31-07-2026: the report writes dates as a school types them."""
    return f"{d:%d-%m-%Y}"


def _dagen(n: int) -> str:
    return f"{n} {'dag' if n == 1 else 'dagen'}"


def _opp(s: OppNietVastgesteld) -> str:
    if s.eerste_vastgesteld is not None:
        return (f"ingeschreven op {datum_kort(s.ingeschreven)}; het eerste OPP is vastgesteld op "
                f"{datum_kort(s.eerste_vastgesteld)}, uiterlijk was {datum_kort(s.uiterlijk)} "
                f"({_dagen(s.dagen)} te laat)")
    return (f"ingeschreven op {datum_kort(s.ingeschreven)}; het OPP moest uiterlijk {datum_kort(s.uiterlijk)} "
            f"vastgesteld zijn ({_dagen(s.dagen)} te laat)")


_WAAROM = {
    Sinds.EVALUATIE: "laatst geëvalueerd op {}",
    Sinds.VASTSTELLING: "nooit geëvalueerd; vastgesteld op {}",
    Sinds.TERMIJN: "nooit geëvalueerd en nog niet vastgesteld (moest uiterlijk {})",
}


def _evaluatie(s: EvaluatieTeLaat) -> str:
    return f"{_WAAROM[s.sinds].format(datum_kort(s.sinds_datum))}; de evaluatie was uiterlijk {datum_kort(s.uiterlijk)}"


def _tlv(s: TlvVerloopt) -> str:
    return (f"TLV {s.soort} {'is verlopen op' if s.verlopen else 'eindigt op'} {datum_kort(s.uiterlijk)}; "
            "vraag een verlenging aan")


def _bewaartermijn(s: BewaartermijnVerstreken) -> str:
    return (f"uitgeschreven op {datum_kort(s.uitgeschreven)}; bewaren tot en met {datum_kort(s.uiterlijk)} "
            f"({s.jaren} jaar{' na een verwijzing naar het vso' if s.na_vso else ''}): vernietig de gegevens in "
            "het werkboek, de documenten en de PDF's")


_ZINNEN: dict[type, Callable[[Any], str]] = {OppNietVastgesteld: _opp, EvaluatieTeLaat: _evaluatie, TlvVerloopt: _tlv,
           BewaartermijnVerstreken: _bewaartermijn}


def toelichting(signaal: Termijnsignaal) -> str:
    """One Dutch sentence for the signal's row on a confidential list of the report."""
    return _ZINNEN[type(signaal)](signaal)


def plan_regels(p: Plantelling, opp_vaststellen_dagen: int) -> list[list]:
    """The rows of the report's 'Het OPP' table: what the register and the workbook say of every plan."""
    return [
        [f"Eerste OPP vastgesteld binnen {opp_vaststellen_dagen} dagen na inschrijving", p.eerste_op_tijd],
        ["Eerste OPP later vastgesteld", p.eerste_te_laat],
        ["Eerste OPP (nog) niet vastgesteld of datum onbekend", p.eerste_onbekend],
        ["OPP geëvalueerd met de ouders in de afgelopen twaalf maanden", p.geevalueerd],
        ["Huidig handelingsdeel heeft instemming (vastgesteld)", p.instemming],
        ["OPP is nog een concept (een wettelijk onderdeel ontbreekt)", p.concept],
        ["Nog geen versie in het register (nog niet gemaakt met opp render)", p.niet_in_register],
    ]


def plan_samenvatting(p: Plantelling) -> str:
    """One line for the terminal."""
    return (f"OPP: {p.eerste_op_tijd} van {p.leerlingen} eerste OPP's op tijd vastgesteld, {p.geevalueerd} "
            f"geëvalueerd in het afgelopen jaar, {p.instemming} met instemming op het huidige handelingsdeel, "
            f"{p.concept} {'concept' if p.concept == 1 else 'concepten'}.")
