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
import difflib
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


TOESTEMMING_LEERLING_VANAF = 16  # from 16 the pupil consents to sharing too (domain.md, Privacy)


def ondertekenaars_van(document: str, dossier: Leerlingdossier, school: School | None, datum: dt.date,
                       settings: Settings) -> list[Ondertekenaar]:
    """Who signs `document` (a name in opp.documenten) in the round on `datum`.

    - opp: as `ondertekenaars` (the handelingsdeel, ter instemming).
    - tlv: the request, as rules.tlv.tlv_ondertekenaars says (parents or adult pupil or representative, from 16
      the pupil, the school by its director).
    - kernteam: consent to discuss the pupil with the external partners: the parents with gezag (or the
      adult pupil or the representative) and, from 16, the pupil too; the school asks, it does not consent.
    """
    if document == "tlv" and school is not None:
        from .tlv import tlv_ondertekenaars  # rules.tlv builds on this module

        return tlv_ondertekenaars(dossier, school, datum, settings)
    if document != "kernteam":
        return ondertekenaars(dossier, school, datum, settings)
    regels = settings.ondertekening.model_copy(update={"leerling_tekent_vanaf": TOESTEMMING_LEERLING_VANAF})
    vanaf_16 = ondertekenaars(dossier, school, datum, settings.model_copy(update={"ondertekening": regels}))
    return [Ondertekenaar(o.rol, o.naam, o.functie, True, o.email) for o in vanaf_16 if o.rol is not Rol.SCHOOL]


ZELFDE_NAAM_VANAF = 0.85  # difflib ratio of two normalised names from which they are one person's, typo fixed


def zelfde_persoon(naam: str, andere: str) -> bool:
    """Whether two signer names (as in Ondertekenaar.sleutel: lower case, single spaces) differ by no more
    than a small spelling change: 'mw. a. jansen' and 'mw. a. janssen' are one person, 'mw. a. jansen' and
    'mw. e. de vries' two. Only asked for the same pupil, document and role."""
    if not naam or not andere:
        return False
    return difflib.SequenceMatcher(None, naam, andere, autojunk=False).ratio() >= ZELFDE_NAAM_VANAF


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
