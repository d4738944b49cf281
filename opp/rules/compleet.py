"""What makes an OPP complete (domain.md, 'What an OPP must contain'): the legal parts, as facts.

An OPP that lacks one of them is a concept: it says so on every page and is never offered for instemming.
Pure functions of (dossier, school); the check, the document and the tracker each say it in their own way.
"""

from __future__ import annotations

from enum import Enum

from ..models import FactorSoort, Leerlingdossier, Plan, School


class Onderdeel(str, Enum):
    """A legal part of the OPP; the value is the stable code of the problem 'this part is missing'."""

    UITSTROOMBESTEMMING = "uitstroombestemming-ontbreekt"
    ONDERBOUWING = "onderbouwing-uitstroom-ontbreekt"
    BEVORDERENDE_FACTOREN = "bevorderende-factoren-ontbreken"
    BELEMMERENDE_FACTOREN = "belemmerende-factoren-ontbreken"
    ONDERSTEUNING = "ondersteuning-ontbreekt"
    PRAKTIJKONDERWIJS = "praktijkonderwijs-ontbreekt"
    HANDELINGSDEEL = "handelingsdeel-ontbreekt"
    INBRENG_LEERLING = "inbreng-leerling-ontbreekt"

    @property
    def code(self) -> str:
        return self.value

    @property
    def naam(self) -> str:
        """The part as a label in a sentence ('nog niet ingevuld: ...'); the sentence is the caller's."""
        return _NAMEN[self]

    def __str__(self) -> str:
        return self.value


_NAMEN = {
    Onderdeel.UITSTROOMBESTEMMING: "de uitstroombestemming",
    Onderdeel.ONDERBOUWING: "de onderbouwing van het uitstroomperspectief",
    Onderdeel.BEVORDERENDE_FACTOREN: "de bevorderende factoren",
    Onderdeel.BELEMMERENDE_FACTOREN: "de belemmerende factoren",
    Onderdeel.ONDERSTEUNING: "de te bieden ondersteuning",
    Onderdeel.PRAKTIJKONDERWIJS: "de invulling van het praktijkonderwijs",
    Onderdeel.HANDELINGSDEEL: "de doelen van het handelingsdeel",
    Onderdeel.INBRENG_LEERLING: "de inbreng van de leerling",
}


def ontbrekende_onderdelen(dossier: Leerlingdossier, school: School | None) -> list[Onderdeel]:
    """The legal parts the pupil's OPP lacks, in the order of the plan (empty: the OPP is complete).

    Without a school (the School sheet could not be read) the praktijkonderwijs part is not asked for."""
    ll = dossier.leerling
    soorten = {f.soort for f in dossier.factoren}
    ontbreekt = {
        Onderdeel.UITSTROOMBESTEMMING: not ll.uitstroombestemming,
        Onderdeel.ONDERBOUWING: not ll.onderbouwing_uitstroom,
        Onderdeel.BEVORDERENDE_FACTOREN: FactorSoort.BEVORDEREND not in soorten,
        Onderdeel.BELEMMERENDE_FACTOREN: FactorSoort.BELEMMEREND not in soorten,
        Onderdeel.ONDERSTEUNING: not dossier.ondersteuning,
        Onderdeel.PRAKTIJKONDERWIJS: (school is not None and school.is_praktijkschool
                                      and not ll.invulling_praktijkonderwijs),
        Onderdeel.HANDELINGSDEEL: not dossier.doelen_van(Plan.OPP),
        Onderdeel.INBRENG_LEERLING: not ll.inbreng_leerling,
    }
    return [onderdeel for onderdeel, mist in ontbreekt.items() if mist]


def is_concept(dossier: Leerlingdossier, school: School | None) -> bool:
    """An OPP that lacks a legal part is a concept: never offered for instemming."""
    return bool(ontbrekende_onderdelen(dossier, school))
