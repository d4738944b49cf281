"""A referral to the kernteam (2e lijn)."""

from __future__ import annotations

from pydantic import Field, field_validator

from .base import LeerlingRij
from .enums import JaNee
from .types import Datum, Leerlingnummer, Tekst


class Kernteamaanmelding(LeerlingRij):
    leerlingnummer: Leerlingnummer
    datum_aanmelding: Datum = Field(description="De datum van aanmelding.")
    aangemeld_door: Tekst = Field(description="Wie aanmeldt (meestal de mentor).")
    akkoord_teamleider: Datum = Field(description="De datum waarop de teamleider akkoord gaf.")
    hulpvraag: Tekst = Field(description="De vraag aan het kernteam.")
    wat_is_al_gedaan: Tekst = Field(description="Wat de eerste lijn al deed, en met welk effect.")
    verwachting: Tekst | None = Field(None, description="Wat de aanmelder van het kernteam verwacht.")
    toestemming_ouders: JaNee = Field(description="ja als ouders toestemming gaven om de leerling te bespreken.")
    datum_toestemming: Datum | None = Field(None, description="De datum van de toestemming.")
    externe_partners: list[str] = Field(
        default_factory=list, description="Externe partners, gescheiden door komma's, bijvoorbeeld 'MEE, schoolarts'."
    )

    @field_validator("externe_partners", mode="before")
    @classmethod
    def _split(cls, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]
        return value

    @property
    def heeft_toestemming(self) -> bool:
        return self.toestemming_ouders is JaNee.JA
