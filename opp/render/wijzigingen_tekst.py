"""The section 'Wijzigingen sinds de versie waarmee u instemde': what changed, written for a parent.

The facts come from opp/rules/wijzigingen.py; this module only words them. The template receives
{"inleiding", "regels": [one sentence per change], "slot"} or None (no section); its heading is TITEL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..rules.wijzigingen import Soort, Wat, Wijziging, wijzigingen
from .formatting import LEEG, datum_nl

if TYPE_CHECKING:
    from ..register.db import Instemming

TITEL = "Wijzigingen sinds de versie waarmee u instemde"
LEEGTES = frozenset({"", "\u2013", "-", LEEG, "Nog niet ingevuld", "Niet ingevuld"})


def wijzigingen_sectie(instemming: Instemming, versiedatum: dt.date | None, oud: Mapping | None,
                       nieuw: Mapping, mentor: str = "") -> dict | None:
    """The section for a new version whose handelingsdeel differs from the agreed version `instemming`.
    `oud` is what that version said (None when the register does not know it: a register from before
    snapshots were kept); the section then says that the handelingsdeel changed, without the list."""
    regels: list[str] = []
    if oud is not None:
        gevonden = wijzigingen(oud, nieuw)
        if not gevonden:
            return None
        volgorde = {Wat.GEWIJZIGD: 0, Wat.TOEGEVOEGD: 1, Wat.VERVALLEN: 2}
        soorten = list(Soort)
        regels = [_zin(w) for w in sorted(gevonden.lijst, key=lambda w: (soorten.index(w.soort), volgorde[w.wat]))]
    van = f" (gedateerd {datum_nl(versiedatum)})" if versiedatum else ""
    wanneer = f" op {datum_nl(instemming.datum)}" if instemming.datum else ""
    inleiding = f"U stemde{wanneer} in met versie {instemming.versie} van dit plan{van}. "
    if regels:
        inleiding += ("Sindsdien is het handelingsdeel veranderd. Hieronder staat wat er anders is dan in de "
                      "versie waarmee u instemde.")
    else:
        inleiding += ("Sindsdien is het handelingsdeel (de doelen of de ondersteuning) veranderd. Vergelijk dit "
                      "plan met die versie of vraag de mentor wat er anders is.")
    return {"inleiding": inleiding, "regels": regels,
            "slot": "Omdat het handelingsdeel is veranderd, vragen we u opnieuw om uw instemming. Hebt u vragen "
                    f"over {'deze wijziging' if len(regels) == 1 else 'deze wijzigingen'}, neem dan contact op "
                    f"met de mentor{', ' + mentor if mentor else ''}."}


def _zin(w: Wijziging) -> str:
    return _ZINNEN[w.soort](w)


# --- goals ------------------------------------------------------------------------------------------------------

def _periode(waarde: str) -> str:
    return "het hele schooljaar" if waarde == "jaar" else f"in periode {waarde}"


def _citaat(waarde: str) -> str:
    """A text quoted, without its full stop: the sentence around it has one."""
    return f"\u2018{waarde.strip().rstrip('.')}\u2019"


# field -> (what it is called, how a value is shown)
_DOELVELDEN: dict[str, tuple[str, Callable[[str], str]]] = {
    "doel": ("het doel", _citaat),
    "domein": ("het domein", str.lower),
    "aanpak": ("de aanpak", _citaat),
    "wie": ("wie eraan werkt", str),
    "periode": ("de periode", _periode),
    "evaluatiedatum": ("de evaluatie", lambda d: f"op {d}"),
    "status": ("de stand van zaken", str),
    "evaluatie": ("de uitkomst van de evaluatie", _citaat),
}


def _doel(w: Wijziging) -> str:
    if w.wat is Wat.TOEGEVOEGD:
        assert w.nieuw is not None
        zin = f"Nieuw doel bij {w.nieuw['domein'].lower()}: {_citaat(w.nieuw['doel'])}."
        if _ingevuld(w.nieuw.get("aanpak", "")):
            zin += f" Aanpak: {w.nieuw['aanpak'].rstrip('.')}."
        return zin
    if w.wat is Wat.VERVALLEN:
        assert w.oud is not None
        return f"Het doel {_citaat(w.oud['doel'])} ({w.oud['domein'].lower()}) staat niet meer in het plan."
    return _gewijzigd(w, "Het doel", "Bij het doel", "doel", _DOELVELDEN)


# --- support ----------------------------------------------------------------------------------------------------

_ONDERSTEUNINGSVELDEN: dict[str, tuple[str, Callable[[str], str]]] = {
    "interventie": ("de omschrijving", _citaat),
    "lijn": ("de lijn", str),
    "door": ("wie de ondersteuning geeft", str),
    "frequentie": ("hoe vaak", str),
    "periode": ("de periode", str),
}


def _ondersteuning(w: Wijziging) -> str:
    if w.wat is Wat.TOEGEVOEGD:
        assert w.nieuw is not None
        n = w.nieuw
        details = [f"door {n['door']}" if _ingevuld(n.get("door", "")) else "",
                   n.get("frequentie", "") if _ingevuld(n.get("frequentie", "")) else "",
                   _van(n.get("periode", "")) if _ingevuld(n.get("periode", "")) else ""]
        extra = ", ".join(d for d in details if d)
        return f"Nieuwe ondersteuning ({n['lijn']}): {n['interventie'].rstrip('.')}" + (f", {extra}." if extra else ".")
    if w.wat is Wat.VERVALLEN:
        assert w.oud is not None
        return (f"De ondersteuning {_citaat(w.oud['interventie'])} ({w.oud['lijn']}) stopt: deze staat niet meer "
                "in het plan.")
    return _gewijzigd(w, "De ondersteuning", "Bij de ondersteuning", "interventie", _ONDERSTEUNINGSVELDEN)


def _van(periode: str) -> str:
    """'1 december 2026 t/m 1 maart 2027' reads 'van 1 december ...' after a comma; 'vanaf ...' stays."""
    return f"van {periode}" if periode[:1].isdigit() else periode


# --- signers ----------------------------------------------------------------------------------------------------

def _ondertekenaar(w: Wijziging) -> str:
    def wie(rij: Mapping[str, str]) -> str:
        naam, functie = rij.get("naam", ""), rij.get("functie", "")
        return f"{naam} ({functie})" if naam and functie else naam or functie

    if w.wat is Wat.TOEGEVOEGD:
        assert w.nieuw is not None
        return f"Ook {wie(w.nieuw)} stemt nu in met het handelingsdeel."
    if w.wat is Wat.VERVALLEN:
        assert w.oud is not None
        return f"{wie(w.oud)} hoeft niet meer in te stemmen met het handelingsdeel."
    assert w.oud is not None and w.nieuw is not None
    return f"{w.nieuw.get('naam', '')} stemt nu in als {w.nieuw.get('functie', '')} (was: {w.oud.get('functie', '')})."


_ZINNEN: dict[Soort, Callable[[Wijziging], str]] = {
    Soort.DOEL: _doel, Soort.ONDERSTEUNING: _ondersteuning, Soort.ONDERTEKENAAR: _ondertekenaar}


# --- shared -----------------------------------------------------------------------------------------------------

def _gewijzigd(w: Wijziging, onderwerp: str, bij: str, naamveld: str,
               velden: dict[str, tuple[str, Callable[[str], str]]]) -> str:
    """'Het doel ‘a’ is veranderd in ‘b’. Verder: ...' or 'Bij het doel ‘a’: de aanpak is nu ...'."""
    assert w.oud is not None and w.nieuw is not None
    oud = _citaat(w.oud[naamveld])
    rest = _verschillen(w, {k: v for k, v in velden.items() if k != naamveld}, zonder=naamveld)
    if naamveld in w.velden:
        zin = f"{onderwerp} {oud} is veranderd in {_citaat(w.nieuw[naamveld])}."
        return zin + (f" Verder: {_opsomming(rest)}." if rest else "")
    return f"{bij} {oud}: {_opsomming(rest)}."


def _ingevuld(waarde: str) -> bool:
    return waarde.strip() not in LEEGTES


def _loopt(oud: str, nieuw: str) -> str:
    return f"het doel loopt nu {_periode(nieuw)}" + (f" (was: {_periode(oud)})" if _ingevuld(oud) else "")


def _extern(oud: str, nieuw: str) -> str:
    return f"de ondersteuning wordt nu {'' if nieuw == 'ja' else 'niet meer '}door een externe partner gegeven"


# Fields whose change reads better as a sentence of its own than as 'X is nu ... (was: ...)'.
_EIGEN_ZINSDELEN: dict[tuple[Soort, str], Callable[[str, str], str]] = {
    (Soort.DOEL, "periode"): _loopt, (Soort.ONDERSTEUNING, "extern"): _extern}


def _verschillen(w: Wijziging, velden: dict[str, tuple[str, Callable[[str], str]]], zonder: str = "") -> list[str]:
    """'de aanpak is nu ‘…’ (was: ‘…’)' per changed field (but `zonder`)."""
    assert w.oud is not None and w.nieuw is not None
    delen = []
    for veld in w.velden:
        eigen = _EIGEN_ZINSDELEN.get((w.soort, veld))
        oud, nieuw = w.oud.get(veld, ""), w.nieuw.get(veld, "")
        if eigen and _ingevuld(nieuw):
            delen.append(eigen(oud, nieuw))
            continue
        if veld not in velden or veld == zonder:
            continue
        naam, toon = velden[veld]
        if not _ingevuld(nieuw):
            delen.append(f"{naam} is niet meer ingevuld (was: {toon(oud)})")
        elif not _ingevuld(oud):
            delen.append(f"{naam} is nu {toon(nieuw)} (was nog niet ingevuld)")
        else:
            delen.append(f"{naam} is nu {toon(nieuw)} (was: {toon(oud)})")
    return delen


def _opsomming(delen: list[str]) -> str:
    """'a', 'a en b', 'a; b en c'. Semicolons: the parts hold commas of their own."""
    if len(delen) == 1:
        return delen[0]
    return "; ".join(delen[:-1]) + " en " + delen[-1]
