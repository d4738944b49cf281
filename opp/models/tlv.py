"""A request for a toelaatbaarheidsverklaring (TLV) to the samenwerkingsverband."""

from __future__ import annotations

from pydantic import Field, field_validator

from .base import LeerlingRij
from .enums import AanvraagSoort, TlvCategorie, TlvSoort
from .types import Datum, Leerlingnummer, Tekst


class TlvAanvraag(LeerlingRij):
    leerlingnummer: Leerlingnummer
    soort: TlvSoort = Field(description="pro of vso.")
    categorie: TlvCategorie | None = Field(None, description="laag, midden of hoog; verplicht voor vso.")
    aanvraag: AanvraagSoort = Field(AanvraagSoort.EERSTE, description="eerste of verlenging (leeg = eerste).")
    gewenste_ingangsdatum: Datum | None = Field(None, description="Vanaf wanneer de TLV moet gelden.")
    einddatum: Datum | None = Field(None, description="De einddatum van de huidige of gevraagde TLV.")
    motivatie_school: Tekst = Field(description="Waarom de school de TLV aanvraagt.")
    zienswijze_ouders: Tekst | None = Field(None, description="De schriftelijke zienswijze van de ouders.")
    datum_zienswijze: Datum | None = Field(None, description="De datum van de zienswijze van de ouders.")
    zienswijze_leerling: Tekst | None = Field(None, description="De mening van de leerling.")
    deskundige_1: Tekst | None = Field(None, description="Naam en functie van de eerste deskundige.")
    deskundige_2: Tekst | None = Field(None, description="Naam en functie van de tweede deskundige.")
    datum_mdo: Datum | None = Field(None, description="De datum van het multidisciplinair overleg.")
    bijlagen: list[str] = Field(
        default_factory=list,
        description="Bestanden bij de aanvraag, relatief aan de map van het werkboek, gescheiden door ';'. Zet er "
                    "desgewenst voor wat het is: 'IQ-rapport: bijlagen/iq.pdf'.",
    )

    @field_validator("bijlagen", mode="before")
    @classmethod
    def _split(cls, value):
        if value is None:
            return []
        if isinstance(value, str):
            return [p.strip() for p in value.split(";") if p.strip()]
        return value
