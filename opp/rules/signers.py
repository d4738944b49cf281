"""Who signs the OPP on a given date (domain.md, 'Signing (instemming) rules').

- Under 18: every parent or guardian with gezag gives instemming to the handelingsdeel.
- 18 and over: the pupil gives instemming, unless under curatele or mentorschap: then the legal
  representative (the verzorger(s) with gezag in the workbook) does.
- The pupil also signs 'voor gezien' from the age the school sets (setting), when not already signing.
- The school signs (mentor or zorgcoördinator, a setting).
Age counts on the date of the signing round or the document, never on the day the code runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from ..models import Leerlingdossier, School
from ..settings import SchoolTekent, Settings


class Rol(str, Enum):
    OUDER = "ouder/verzorger met gezag"
    LEERLING = "leerling"
    VERTEGENWOORDIGER = "wettelijk vertegenwoordiger"
    SCHOOL = "school"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Ondertekenaar:
    rol: Rol
    naam: str
    functie: str  # the relation or role, e.g. "moeder", "mentor"; for a representative the kind ("curatele")
    instemming: bool  # True: signs the handelingsdeel for consent; False: 'voor gezien / overleg'
    email: str | None = None

    @property
    def sleutel(self) -> str:
        """Stable identity within a pupil and document (the tracker matches rows by it)."""
        return f"{self.rol.name}:{' '.join(self.naam.lower().split())}"


def ondertekenaars(dossier: Leerlingdossier, school: School | None, datum: dt.date,
                   settings: Settings) -> list[Ondertekenaar]:
    leerling = dossier.leerling
    regels = settings.ondertekening
    meerderjarig = leerling.is_meerderjarig_op(datum)
    result: list[Ondertekenaar] = []
    leerling_tekent_instemming = False

    if not meerderjarig:
        for v in dossier.verzorgers_met_gezag:
            result.append(Ondertekenaar(Rol.OUDER, v.naam, str(v.relatie), True, v.email))
    elif leerling.onder_vertegenwoordiging:
        functie = str(leerling.vertegenwoordiging)  # the label under the line is written where it is shown
        vertegenwoordigers = dossier.verzorgers_met_gezag or []
        for v in vertegenwoordigers:
            result.append(Ondertekenaar(Rol.VERTEGENWOORDIGER, v.naam, functie, True, v.email))
        if not vertegenwoordigers:
            result.append(Ondertekenaar(Rol.VERTEGENWOORDIGER, "", functie, True))
    else:
        leerling_tekent_instemming = True
        result.append(Ondertekenaar(Rol.LEERLING, leerling.volledige_naam, "leerling (meerderjarig)", True))

    if not leerling_tekent_instemming and leerling.leeftijd_op(datum) >= regels.leerling_tekent_vanaf:
        result.append(Ondertekenaar(Rol.LEERLING, leerling.volledige_naam, "leerling", False))

    if regels.school_tekent is SchoolTekent.ZORGCOORDINATOR and school and school.zorgcoordinator:
        result.append(Ondertekenaar(Rol.SCHOOL, school.zorgcoordinator, "zorgcoördinator", False))
    else:
        result.append(Ondertekenaar(Rol.SCHOOL, leerling.mentor, "mentor", False))
    return result
