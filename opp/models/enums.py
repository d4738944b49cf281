"""Every choice list of the workbook, declared once. Values are what the user types (lower case)."""

from __future__ import annotations

from enum import Enum


class Keuze(str, Enum):
    """A choice column: matched case-insensitively, shown as its value."""

    @classmethod
    def _missing_(cls, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
            value = str(int(value))  # Excel stores "Periode 1" as the number 1
        if isinstance(value, str):
            # The values are unique: a dict lookup instead of a loop over the members (a school has many rows).
            return cls._value2member_map_.get(" ".join(value.strip().lower().split()))
        return None

    @classmethod
    def keuzes(cls) -> list[str]:
        return [m.value for m in cls]

    def __str__(self) -> str:
        return self.value


class Schooltype(Keuze):
    PRAKTIJKONDERWIJS = "praktijkonderwijs"
    VO = "vo"
    VSO = "vso"


class Vertegenwoordiging(Keuze):
    GEEN = "geen"
    MENTORSCHAP = "mentorschap"
    CURATELE = "curatele"


class Uitstroomrichting(Keuze):
    ARBEID = "arbeid"
    VERVOLGONDERWIJS = "vervolgonderwijs"
    BESCHUT_WERK = "beschut werk"
    DAGBESTEDING = "dagbesteding"


class Hoorrechtvorm(Keuze):
    """How the pupil was heard about the plan (hoorrecht)."""

    GESPREK = "gesprek"
    SCHRIFTELIJK = "schriftelijk"
    VRAGENLIJST = "vragenlijst"
    ANDERS = "anders"


class Lijn(Keuze):
    EERSTE = "1e lijn"
    TWEEDE = "2e lijn"
    DERDE = "3e lijn"


class Relatie(Keuze):
    MOEDER = "moeder"
    VADER = "vader"
    VERZORGER = "verzorger"
    VOOGD = "voogd"
    ANDERS = "anders"


class JaNee(Keuze):
    JA = "ja"
    NEE = "nee"


class FactorDomein(Keuze):
    COGNITIEF = "cognitief"
    DIDACTISCH = "didactisch"
    SOCIAAL_EMOTIONEEL = "sociaal-emotioneel"
    WERKHOUDING = "werkhouding"
    LICHAMELIJK_MEDISCH = "lichamelijk/medisch"
    THUISSITUATIE = "thuissituatie"
    COMMUNICATIE_TAAL = "communicatie/taal"
    ANDERS = "anders"


class FactorSoort(Keuze):
    BEVORDEREND = "bevorderend"
    BELEMMEREND = "belemmerend"


class Toetsonderdeel(Keuze):
    TECHNISCH_LEZEN = "technisch lezen"
    BEGRIJPEND_LEZEN = "begrijpend lezen"
    SPELLING = "spelling"
    INZICHTELIJK_REKENEN = "inzichtelijk rekenen"
    INTELLIGENTIE = "intelligentie"


class Plan(Keuze):
    OPP = "opp"
    IOP = "iop"

    def __str__(self) -> str:
        return self.value.upper()


class DoelDomein(Keuze):
    WONEN = "wonen"
    WERKEN = "werken"
    VRIJE_TIJD = "vrije tijd"
    BURGERSCHAP = "burgerschap"
    NEDERLANDS = "nederlands"
    REKENEN = "rekenen"
    SOCIAAL_EMOTIONEEL = "sociaal-emotioneel"
    WERKHOUDING = "werkhouding"
    ANDERS = "anders"


class Periode(Keuze):
    EEN = "1"
    TWEE = "2"
    DRIE = "3"
    JAAR = "jaar"


class DoelStatus(Keuze):
    NOG_NIET_GESTART = "nog niet gestart"
    BEZIG = "bezig"
    BEHAALD = "behaald"
    DEELS_BEHAALD = "deels behaald"
    NIET_BEHAALD = "niet behaald"


class Beoordeling(Keuze):
    ONVOLDOENDE = "onvoldoende"
    VOLDOENDE = "voldoende"
    GOED = "goed"
    CERTIFICAAT_BEHAALD = "certificaat behaald"


class TlvSoort(Keuze):
    PRO = "pro"
    VSO = "vso"


class TlvCategorie(Keuze):
    LAAG = "laag"
    MIDDEN = "midden"
    HOOG = "hoog"


class AanvraagSoort(Keuze):
    EERSTE = "eerste"
    VERLENGING = "verlenging"
