"""Rules that look across rows and sheets. Each adds located Issues; none raises."""

from __future__ import annotations

import datetime as dt

from ..models import DoelStatus, Leerlingdossier, School, TlvSoort
from ..problems import Ernst, Issue, Report

MIN_LEEFTIJD, MAX_LEEFTIJD = 10, 25


def run(school: School | None, dossiers: dict[str, Leerlingdossier], rijen: dict, report: Report,
        datum: dt.date) -> None:
    for rij in rijen.get("Leerlingen", []):
        if dossiers.get(rij.model.leerlingnummer, None) is None or dossiers[rij.model.leerlingnummer].leerling is not rij.model:
            continue  # a duplicate row: already reported
        dossier = dossiers[rij.model.leerlingnummer]
        _geboortedatum(rij, datum, report)
        _gezag(rij, dossier, datum, report)
        _praktijkonderwijs(rij, school, report)
    for rij in rijen.get("Kernteam", []):
        _extern_zonder_toestemming(rij, report)
    for rij in rijen.get("TLV", []):
        if rij.model.soort is TlvSoort.VSO and rij.model.categorie is None:
            report.add(_at(rij, "tlv-categorie-ontbreekt", "Categorie",
                           "een TLV voor het vso vraagt een categorie (laag, midden of hoog)"))
    for rij in rijen.get("Toetsen", []):
        t = rij.model
        if t.dl is not None and t.dle is not None and t.dle > t.dl:
            report.add(_at(rij, "dle-groter-dan-dl", "DLE",
                           f"de DLE ({_getal(t.dle)}) is groter dan de DL ({_getal(t.dl)}); controleer beide"))
    for rij in rijen.get("Doelen", []):
        if rij.model.status is DoelStatus.BEHAALD and not rij.model.evaluatie:
            report.add(_at(rij, "evaluatie-ontbreekt", "Evaluatie",
                           "het doel is behaald maar de evaluatie is leeg; beschrijf wat er bereikt is",
                           Ernst.WAARSCHUWING))


def _at(rij, code, kolom, bericht, ernst=Ernst.FOUT) -> Issue:
    return Issue(code, bericht, ernst, blad=rij.blad, rij=rij.rij, kolom=kolom,
                 leerlingnummer=rij.model.leerlingnummer)


def _getal(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")


def _geboortedatum(rij, datum: dt.date, report: Report) -> None:
    leerling = rij.model
    if leerling.geboortedatum > datum:
        report.add(_at(rij, "geboortedatum-onmogelijk", "Geboortedatum", "de geboortedatum ligt in de toekomst"))
        return
    leeftijd = leerling.leeftijd_op(datum)
    if not MIN_LEEFTIJD <= leeftijd <= MAX_LEEFTIJD:
        report.add(_at(rij, "geboortedatum-onmogelijk", "Geboortedatum",
                       f"de leerling zou {leeftijd} jaar zijn; een leerling is {MIN_LEEFTIJD} tot {MAX_LEEFTIJD} jaar"))


def _gezag(rij, dossier: Leerlingdossier, datum: dt.date, report: Report) -> None:
    leerling = rij.model
    if leerling.geboortedatum <= datum and not leerling.is_meerderjarig_op(datum) and not dossier.verzorgers_met_gezag:
        report.add(_at(rij, "geen-gezag", "Leerlingnummer",
                       "de leerling is jonger dan 18 maar heeft op het blad Verzorgers niemand met gezag; "
                       "wie tekent het handelingsdeel?"))


def _praktijkonderwijs(rij, school: School | None, report: Report) -> None:
    if school is not None and school.is_praktijkschool and not rij.model.invulling_praktijkonderwijs:
        report.add(_at(rij, "praktijkonderwijs-ontbreekt", "Invulling praktijkonderwijs",
                       "op een praktijkschool beschrijft het OPP hoe praktijkonderwijs wordt gegeven",
                       Ernst.WAARSCHUWING))


def _extern_zonder_toestemming(rij, report: Report) -> None:
    a = rij.model
    if a.externe_partners and not a.heeft_toestemming:
        report.add(_at(rij, "extern-zonder-toestemming", "Externe partners",
                       f"zonder toestemming van ouders mag de leerling niet met externe partners "
                       f"({', '.join(a.externe_partners)}) besproken worden; haal de toestemming op of "
                       f"laat de externe partners weg"))
