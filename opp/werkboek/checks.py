"""Rules that look beyond one cell: on one row as it streams by, or on a whole pupil afterwards.
Each returns located Issues; none raises."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..models import DoelStatus, Leerlingdossier, School, TlvSoort
from ..problems import Ernst, Issue
from ..rules.compleet import Onderdeel, ontbrekende_onderdelen
from .contract import sheet

MIN_LEEFTIJD, MAX_LEEFTIJD = 10, 25


# The sheets row_issues has rules for: the reader asks only for their rows (a school has many rows).
ROW_SHEETS = frozenset({"Kernteam", "TLV", "Toetsen", "Doelen"})


def row_issues(sheet: str, rij) -> Iterator[Issue]:
    """Rules on a single row of the other sheets (ROW_SHEETS)."""
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


# The sheets whose rows pupil_issues reads (with rules.compleet): the check's pass over every pupil decodes
# only these (tests/test_werkboek_pas.py holds every rule to it).
PUPIL_SHEETS = frozenset({"Verzorgers", "Factoren", "Ondersteuning", "Doelen"})


def pupil_issues(school: School | None, dossier: Leerlingdossier, rij, datum: dt.date, *,
                 gezag_bekend: bool = True, rijen_bekend: bool = True) -> Iterator[Issue]:
    """Rules on a whole pupil; `rij` is the pupil's row on Leerlingen (for the location).

    `gezag_bekend` is False when the pupil's verzorgers could not all be read (already reported);
    `rijen_bekend` is False when any row of the pupil could not be read: whether the OPP is complete is
    asked once those errors are fixed (one problem, one message)."""
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
    yield from _datum_issues(rij, leerling)
    if rijen_bekend and not leerling.is_uitgeschreven_op(datum):  # a pupil who left gets no new plan
        yield from concept_issues(school, dossier, rij)


def _datum_issues(rij, ll) -> Iterator[Issue]:
    """The dates the law asks for, where one contradicts another."""
    eerste = ll.datum_eerste_vaststelling
    if eerste is not None and eerste < ll.datum_inschrijving:
        yield _at(rij, "eerste-vaststelling-voor-inschrijving", _kop("datum_eerste_vaststelling"),
                  f"het eerste OPP is vastgesteld ({eerste:%d-%m-%Y}) vóór de inschrijving "
                  f"({ll.datum_inschrijving:%d-%m-%Y}); controleer beide datums")
    if eerste is not None and ll.datum_vaststelling is not None and eerste > ll.datum_vaststelling:
        yield _at(rij, "eerste-vaststelling-na-vaststelling", _kop("datum_eerste_vaststelling"),
                  f"het eerste OPP is vastgesteld ({eerste:%d-%m-%Y}) na de laatste vaststelling "
                  f"({ll.datum_vaststelling:%d-%m-%Y}); controleer beide datums")
    if eerste is not None and ll.datum_evaluatie is not None and ll.datum_evaluatie < eerste:
        yield _at(rij, "evaluatie-voor-eerste-vaststelling", _kop("datum_evaluatie"),
                  f"het OPP is geëvalueerd ({ll.datum_evaluatie:%d-%m-%Y}) voordat het eerste OPP was vastgesteld "
                  f"({eerste:%d-%m-%Y}); controleer beide datums")
    volgende = ll.datum_volgende_evaluatie
    if volgende is not None and ll.datum_evaluatie is not None and volgende <= ll.datum_evaluatie:
        yield _at(rij, "volgende-evaluatie-voor-evaluatie", _kop("datum_volgende_evaluatie"),
                  f"de volgende evaluatie ({volgende:%d-%m-%Y}) ligt niet na de laatste evaluatie "
                  f"({ll.datum_evaluatie:%d-%m-%Y}); controleer beide datums")


# Where each legal part of the OPP is filled in: a column of the pupil's row on Leerlingen, or (sheet, column)
# of the rows that are missing, with what is missing.
_PLEK: dict[Onderdeel, tuple[str | None, str, str]] = {
    Onderdeel.UITSTROOMBESTEMMING: (None, "uitstroombestemming", "de uitstroombestemming is leeg"),
    Onderdeel.ONDERBOUWING: (None, "onderbouwing_uitstroom", "de onderbouwing van het uitstroomperspectief is leeg"),
    Onderdeel.BEVORDERENDE_FACTOREN: ("Factoren", "soort", "{wie} heeft op dit blad geen bevorderende factor"),
    Onderdeel.BELEMMERENDE_FACTOREN: ("Factoren", "soort", "{wie} heeft op dit blad geen belemmerende factor"),
    Onderdeel.ONDERSTEUNING: ("Ondersteuning", "interventie", "{wie} heeft op dit blad geen te bieden ondersteuning"),
    Onderdeel.PRAKTIJKONDERWIJS: (None, "invulling_praktijkonderwijs",
                                  "de invulling van het praktijkonderwijs is leeg (op een praktijkschool beschrijft "
                                  "het OPP hoe praktijkonderwijs voor deze leerling wordt gegeven)"),
    Onderdeel.HANDELINGSDEEL: ("Doelen", "plan", "{wie} heeft op dit blad geen doel met plan OPP (het handelingsdeel)"),
    Onderdeel.INBRENG_LEERLING: (None, "inbreng_leerling", "de inbreng van de leerling (hoorrecht) is leeg"),
}


def concept_issues(school: School | None, dossier: Leerlingdossier, rij) -> Iterator[Issue]:
    """A warning per legal part the OPP lacks, located where it is filled in: the OPP is a concept."""
    ll = dossier.leerling
    for onderdeel in ontbrekende_onderdelen(dossier, school):
        blad, veld, wat = _PLEK[onderdeel]
        # No row to point at: the school's own number says who (a message never repeats a name).
        bericht = (wat.format(wie=f"leerling {ll.leerlingnummer}")
                   + "; tot dit is ingevuld is het OPP een concept en gaat het niet ter instemming")
        if blad is None:
            yield _at(rij, onderdeel.code, _kop(veld), bericht, Ernst.WAARSCHUWING)
        else:
            yield Issue(onderdeel.code, bericht, Ernst.WAARSCHUWING, blad=blad, kolom=_kop(veld, blad),
                        leerlingnummer=ll.leerlingnummer)


def _kop(veld: str, blad: str = "Leerlingen") -> str:
    """The header of a column, as the contract declares it."""
    column = sheet(blad).column_by_field(veld)
    assert column is not None, veld  # the fields named here are the contract's own
    return column.header


def _at(rij, code, kolom, bericht, ernst=Ernst.FOUT) -> Issue:
    return Issue(code, bericht, ernst, blad=rij.blad, rij=rij.rij, kolom=kolom,
                 leerlingnummer=rij.model.leerlingnummer)


def _getal(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x).replace(".", ",")
