"""Rules that look beyond one cell: on one row as it streams by, or on a whole pupil afterwards.
Each returns located Issues; none raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import DoelStatus, Leerlingdossier, School, TlvSoort
from ..problems import Ernst, Issue

MIN_LEEFTIJD, MAX_LEEFTIJD = 10, 25


def row_issues(sheet: str, rij) -> Iterator[Issue]:
    """Rules on a single row of the other sheets (Kernteam, TLV, Toetsen, Doelen)."""
    m = rij.model
    if sheet == "Kernteam" and m.externe_partners and not m.heeft_toestemming:
        yield _at(rij, "extern-zonder-toestemming", "Externe partners",
                  f"zonder toestemming van ouders mag de leerling niet met externe partners "
                  f"({', '.join(m.externe_partners)}) besproken worden; haal de toestemming op of "
                  f"laat de externe partners weg")
    elif sheet == "TLV" and m.soort is TlvSoort.VSO and m.categorie is None:
        yield _at(rij, "tlv-categorie-ontbreekt", "Categorie",
                  "een TLV voor het vso vraagt een categorie (laag, midden of hoog)")
    elif sheet == "Toetsen" and m.dl is not None and m.dle is not None and m.dle > m.dl:
        yield _at(rij, "dle-groter-dan-dl", "DLE",
                  f"de DLE ({_getal(m.dle)}) is groter dan de DL ({_getal(m.dl)}); controleer beide")
    elif sheet == "Doelen" and m.status is DoelStatus.BEHAALD and not m.evaluatie:
        yield _at(rij, "evaluatie-ontbreekt", "Evaluatie",
                  "het doel is behaald maar de evaluatie is leeg; beschrijf wat er bereikt is", Ernst.WAARSCHUWING)


def pupil_issues(school: School | None, dossier: Leerlingdossier, rij, datum: dt.date, *,
                 gezag_bekend: bool = True) -> Iterator[Issue]:
    """Rules on a whole pupil; `rij` is the pupil's row on Leerlingen (for the location).

    `gezag_bekend` is False when the pupil's verzorgers could not all be read (already reported)."""
    leerling = dossier.leerling
    if leerling.geboortedatum > datum:
        yield _at(rij, "geboortedatum-onmogelijk", "Geboortedatum", "de geboortedatum ligt in de toekomst")
        return
    peildatum = datum
    if leerling.datum_uitschrijving is not None and leerling.datum_uitschrijving < leerling.datum_inschrijving:
        yield _at(rij, "uitschrijving-voor-inschrijving", "Datum uitschrijving",
                  f"de leerling is uitgeschreven ({leerling.datum_uitschrijving:%d-%m-%Y}) vóór de inschrijving "
                  f"({leerling.datum_inschrijving:%d-%m-%Y}); controleer beide datums")
    elif leerling.datum_uitschrijving is not None and leerling.is_uitgeschreven_op(datum):
        # A pupil who left is as old as on the day of leaving: the dossier outlives the school years.
        peildatum = leerling.datum_uitschrijving
    leeftijd = leerling.leeftijd_op(peildatum)
    if not MIN_LEEFTIJD <= leeftijd <= MAX_LEEFTIJD:
        yield _at(rij, "geboortedatum-onmogelijk", "Geboortedatum",
                  f"de leerling zou {leeftijd} jaar zijn; een leerling is {MIN_LEEFTIJD} tot {MAX_LEEFTIJD} jaar")
    if gezag_bekend and not leerling.is_meerderjarig_op(datum) and not dossier.verzorgers_met_gezag:
        yield _at(rij, "geen-gezag", "Leerlingnummer",
                  "de leerling is jonger dan 18 maar heeft op het blad Verzorgers niemand met gezag; "
                  "wie tekent het handelingsdeel?")
    if school is not None and school.is_praktijkschool and not leerling.invulling_praktijkonderwijs:
        yield _at(rij, "praktijkonderwijs-ontbreekt", "Invulling praktijkonderwijs",
                  "op een praktijkschool beschrijft het OPP hoe praktijkonderwijs wordt gegeven", Ernst.WAARSCHUWING)


def _at(rij, code, kolom, bericht, ernst=Ernst.FOUT) -> Issue:
    return Issue(code, bericht, ernst, blad=rij.blad, rij=rij.rij, kolom=kolom,
                 leerlingnummer=rij.model.leerlingnummer)


def _getal(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")
