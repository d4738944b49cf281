"""The parts of a plan: factors, needs, goals, support and trajecten."""

from __future__ import annotations

from pydantic import Field

from .base import LeerlingRij
from .enums import Beoordeling, DoelDomein, DoelStatus, FactorDomein, FactorSoort, JaNee, Lijn, Periode, Plan
from .types import Datum, Leerlingnummer, Tekst


class Factor(LeerlingRij):
    leerlingnummer: Leerlingnummer
    domein: FactorDomein = Field(description="Het domein van de factor.")
    soort: FactorSoort = Field(description="bevorderend of belemmerend.")
    omschrijving: Tekst = Field(description="Wat helpt of belemmert, feitelijk beschreven.")


class Onderwijsbehoefte(LeerlingRij):
    leerlingnummer: Leerlingnummer
    omschrijving: Tekst = Field(description="Wat de leerling nodig heeft, bijvoorbeeld 'heeft behoefte aan ...'.")
    domein: FactorDomein | None = Field(None, description="Het domein (zoals bij Factoren).")


class Doel(LeerlingRij):
    leerlingnummer: Leerlingnummer
    plan: Plan = Field(description="OPP of IOP: in welk plan het doel staat.")
    domein: DoelDomein = Field(description="Het domein van het doel.")
    periode: Periode | None = Field(None, description="1, 2, 3 of jaar.")
    doel: Tekst = Field(description="Het doel; in het IOP in de woorden van de leerling ('Ik ...').")
    aanpak: Tekst | None = Field(None, description="Hoe er aan het doel gewerkt wordt.")
    wie: Tekst | None = Field(None, description="Wie er nodig is.")
    evaluatiedatum: Datum | None = Field(None, description="Wanneer het doel wordt geëvalueerd.")
    status: DoelStatus | None = Field(None, description="Hoe ver het doel is.")
    evaluatie: Tekst | None = Field(None, description="Wat de evaluatie opleverde.")


class Ondersteuning(LeerlingRij):
    leerlingnummer: Leerlingnummer
    lijn: Lijn = Field(description="1e lijn, 2e lijn of 3e lijn.")
    interventie: Tekst = Field(description="Welke ondersteuning of begeleiding.")
    door: Tekst | None = Field(None, description="Wie de ondersteuning geeft.")
    frequentie: Tekst | None = Field(None, description="Hoe vaak, bijvoorbeeld 'wekelijks 30 minuten'.")
    startdatum: Datum | None = Field(None, description="Wanneer de ondersteuning begint.")
    einddatum: Datum | None = Field(None, description="Wanneer de ondersteuning eindigt.")
    extern: JaNee = Field(JaNee.NEE, description="ja als een externe partner de ondersteuning geeft.")


class Traject(LeerlingRij):
    leerlingnummer: Leerlingnummer
    traject: Tekst = Field(description="De workshop, cursus of stage.")
    domein: DoelDomein | None = Field(None, description="Het domein (zoals bij Doelen).")
    periode: Tekst | None = Field(None, description="Wanneer het traject liep.")
    beoordeling: Beoordeling | None = Field(None, description="onvoldoende, voldoende, goed of certificaat behaald.")
    opmerking: Tekst | None = Field(None, description="Een toelichting.")
