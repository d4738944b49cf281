"""Didactic test results and intelligence."""

from __future__ import annotations

from pydantic import Field

from .base import LeerlingRij
from .enums import Toetsonderdeel
from .types import Datum, Getal, Leerlingnummer, Tekst


class Toetsresultaat(LeerlingRij):
    leerlingnummer: Leerlingnummer
    onderdeel: Toetsonderdeel = Field(description="Het onderdeel; intelligentie voor een IQ-onderzoek.")
    instrument: Tekst = Field(description="De toets of het onderzoek, bijvoorbeeld 'Cito LVS' of 'WISC-V'.")
    datum: Datum = Field(description="De datum van afname.")
    dl: Getal | None = Field(None, ge=0, description="Didactische leeftijd in maanden onderwijs sinds groep 3.")
    dle: Getal | None = Field(None, ge=0, description="Didactische leeftijdsequivalent in maanden.")
    score: Getal | None = Field(None, description="De score; bij intelligentie het totaal-IQ.")
    functioneringsniveau: Tekst | None = Field(None, description="Bijvoorbeeld 'eind groep 5'.")
    afgenomen_door: Tekst | None = Field(None, description="Wie de toets afnam.")

    @property
    def leerachterstand(self) -> float | None:
        """LA = 1 - DLE/DL; absent when DL or DLE is missing or DL is zero."""
        if self.dl is None or self.dle is None or self.dl <= 0:
            return None
        return 1 - self.dle / self.dl

    @property
    def is_intelligentie(self) -> bool:
        return self.onderdeel is Toetsonderdeel.INTELLIGENTIE
