"""The school's settings: opp.toml beside the workbook, validated. What differs per school or region."""

from __future__ import annotations

import tomllib
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .problems import OppError

FILENAME = "opp.toml"


class SchoolTekent(str, Enum):
    MENTOR = "mentor"
    ZORGCOORDINATOR = "zorgcoordinator"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ondertekening(_Section):
    leerling_tekent_vanaf: int = Field(
        12, ge=0, le=18,
        description="Vanaf welke leeftijd de leerling zelf meetekent (naast ouders). 0 = altijd, "
                    "18 = alleen als de leerling meerderjarig is (dan tekent hij in plaats van de ouders).")
    een_ouder_volstaat: bool = Field(
        False, description="true: één handtekening van een ouder met gezag is genoeg; false: elke ouder met "
                           "gezag wordt gevraagd.")
    school_tekent: SchoolTekent = Field(
        SchoolTekent.MENTOR, description="Wie namens de school tekent: mentor of zorgcoordinator.")


class Tracker(_Section):
    te_laat_na_dagen: int = Field(14, ge=1, le=365, description="Na hoeveel dagen zonder antwoord een verstuurd "
                                                                "formulier als te laat geldt.")
    backups_bewaren: int = Field(10, ge=1, le=1000, description="Hoeveel backups van de tracker bewaard blijven; "
                                 "oudere worden na een sync of scan verwijderd, want elke kopie bevat "
                                 "persoonsgegevens.")


class Ronde(_Section):
    inleveren_binnen_dagen: int = Field(14, ge=1, le=120, description="Binnen hoeveel dagen na de brief de getekende "
                                        "pagina terug moet zijn; die datum staat in de brief (opp ronde brieven).")


class Normen(_Section):
    eerste_lijn_min: float = Field(0.80, ge=0, le=1, description="Ondergrens aandeel leerlingen in de 1e lijn.")
    eerste_lijn_max: float = Field(0.85, ge=0, le=1, description="Bovengrens aandeel leerlingen in de 1e lijn.")
    derde_lijn_max: float = Field(0.05, ge=0, le=1, description="Hoogstens dit aandeel leerlingen in de 3e lijn.")


class Termijnen(_Section):
    opp_vaststellen_dagen: int = Field(42, ge=1, description="Binnen hoeveel dagen na inschrijving het OPP is "
                                                             "vastgesteld (wet: 6 weken).")
    tlv_verloopt_binnen_maanden: int = Field(6, ge=1, le=36, description="Meld een TLV die binnen zoveel maanden "
                                                                         "afloopt.")


class Bewaartermijn(_Section):
    jaren: int = Field(2, ge=1, le=20, description="Hoeveel jaar na uitschrijving het dossier van een leerling "
                       "bewaard blijft; daarna meldt opp rapport dat het vernietigd moet worden.")
    jaren_na_verwijzing_vso: int = Field(3, ge=1, le=20, description="Hetzelfde voor een leerling die is verwezen "
                                         "naar het voortgezet speciaal onderwijs (een TLV vso).")


class Tlv(_Section):
    ondertekent: str = Field(
        "", max_length=200, description="Wie namens de school de TLV-aanvraag tekent (naam); leeg = de directeur "
                                       "van het blad School.")
    functie: str = Field("directeur", min_length=1, max_length=100,
                         description="De functie onder die handtekening.")


class Settings(_Section):
    ondertekening: Ondertekening = Field(default_factory=Ondertekening)
    tracker: Tracker = Field(default_factory=Tracker)
    ronde: Ronde = Field(default_factory=Ronde)
    normen: Normen = Field(default_factory=Normen)
    termijnen: Termijnen = Field(default_factory=Termijnen)
    bewaartermijn: Bewaartermijn = Field(default_factory=Bewaartermijn)
    tlv: Tlv = Field(default_factory=Tlv)


def load_settings(folder: Path | None) -> Settings:
    """opp.toml in `folder` if there is one, else the defaults."""
    if folder is None or not (Path(folder) / FILENAME).is_file():
        return Settings()
    path = Path(folder) / FILENAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return Settings.model_validate(data)
    except tomllib.TOMLDecodeError as exc:
        raise OppError(f"'{path}' is geen geldig TOML-bestand: {exc}. Herstel het of verwijder het.") from exc
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise OppError(f"'{path}': instelling '{where}' klopt niet ({first['msg']}).") from exc


def settings_toml() -> str:
    """opp.toml with every default shown and explained (written by `opp init`)."""
    lines = ["# Instellingen van opp voor deze school. Elke regel toont de standaardwaarde.", ""]
    defaults = Settings()
    for name in Settings.model_fields:
        section = getattr(defaults, name)
        lines.append(f"[{name}]")
        for key, info in type(section).model_fields.items():
            lines.append(f"# {info.description}")
            lines.append(f"{key} = {_toml_value(getattr(section, key))}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return f'"{value.value}"'
    return repr(value)
