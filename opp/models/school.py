"""The school: the two-column sheet School."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from .base import Model
from .enums import Schooltype
from .types import Tekst


class School(Model):
    naam: Tekst = Field(description="De naam van de school zoals die boven elk document staat.")
    brin: Tekst | None = Field(None, description="Het BRIN-nummer van de school (vier tekens).")
    adres: Tekst | None = Field(None, description="Straat en huisnummer van de school.")
    postcode: Tekst | None = Field(None, description="Postcode van de school.")
    plaats: Tekst | None = Field(None, description="Plaats van de school.")
    telefoon: Tekst | None = Field(None, description="Algemeen telefoonnummer van de school.")
    email: Tekst | None = Field(None, description="Algemeen e-mailadres van de school.")
    website: Tekst | None = Field(None, description="Website van de school.")
    directeur: Tekst | None = Field(None, description="Naam van de directeur.")
    samenwerkingsverband: Tekst = Field(description="Het samenwerkingsverband passend onderwijs van de school.")
    schooljaar: Tekst = Field(description="Het schooljaar van de plannen, bijvoorbeeld 2026-2027.")
    schooltype: Schooltype = Field(description="praktijkonderwijs, vo of vso.")
    zorgcoordinator: Tekst | None = Field(None, description="Naam van de zorgcoördinator.")
    orthopedagoog: Tekst | None = Field(None, description="Naam van de orthopedagoog.")
    psycholoog: Tekst | None = Field(None, description="Naam van de psycholoog.")
    schoolmaatschappelijk_werker: Tekst | None = Field(None, description="Naam van de schoolmaatschappelijk werker.")

    @field_validator("schooljaar")
    @classmethod
    def _schooljaar(cls, value: str) -> str:
        m = re.fullmatch(r"(\d{4})\s*[-/]\s*(\d{4})", value)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            raise ValueError("schrijf het schooljaar als 2026-2027")
        return f"{m.group(1)}-{m.group(2)}"

    @property
    def is_praktijkschool(self) -> bool:
        return self.schooltype is Schooltype.PRAKTIJKONDERWIJS

    @property
    def adresregel(self) -> str:
        """Address on one line for the document header, leaving out what is empty."""
        plaats = " ".join(p for p in (self.postcode, self.plaats) if p)
        return ", ".join(p for p in (self.adres, plaats) if p)
