"""`opp versies`: every version the register knows, per pupil and document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, Field

from ..invoer import Invoer
from ..problems import Resultaat
from ..rules.signers import Rol, ondertekenaars
from .db import NAAM, Register, register_pad


class InstemmingRegel(BaseModel):
    """One signer's decision on one version, as the signing round recorded it."""

    rol: str  # 'ouder', 'leerling' or 'vertegenwoordiger' (the kind of signer)
    naam: str  # as the workbook writes it now; the register's own spelling when the signer has left it
    besluit: str  # 'akkoord' or 'niet akkoord'
    datum: dt.date | None  # the day the signed page came back, when known


class VersieRegel(BaseModel):
    leerlingnummer: str
    document: str
    versie: int
    datum: dt.date
    status: str
    bestand: str
    geschreven: str
    instemming: list[InstemmingRegel] = Field(default_factory=list)  # who agreed (or refused) when


class VersiesResultaat(Resultaat):
    registerbestand: Path
    versies: list[VersieRegel] = Field(default_factory=list)
    melding: str | None = None  # e.g. that the register was rebuilt from the documents


def zoekmappen(invoer: Invoer, register: Path, uit: Path | None = None) -> list[Path]:
    """Where documents may be when the register must be rebuilt (only files named as opp names them are
    read): the run's output folder and everything under the register's folder; for the register beside the
    workbook also the default output folder."""
    mappen = [Path(m) for m in (uit, Path(register).parent) if m]
    if Path(register) == standaard_register(invoer, uit):
        mappen.append(invoer.uitmap)
    uniek: dict[Path, Path] = {}
    for m in mappen:
        uniek.setdefault(m.resolve(), m)
    return list(uniek.values())


def standaard_register(invoer: Invoer, uit: Path | None = None) -> Path:
    """opp-register.sqlite beside the workbook; for the bundled demo workbook (package data, never written
    to) beside its output instead."""
    pakket = Path(__file__).resolve().parent.parent
    if invoer.map.resolve().is_relative_to(pakket):
        return Path(uit or invoer.uitmap) / NAAM
    return register_pad(invoer.map)


def versies(invoer: Invoer, leerlingen=(), register: Path | None = None) -> VersiesResultaat:
    pad = Path(register) if register else standaard_register(invoer)
    with Register(pad, zoekmappen(invoer, pad)) as reg:
        rijen = reg.versies(leerlingen)
        besluiten = reg.instemmingen(leerlingen)
        melding = reg.melding
    per_versie: dict[tuple[str, str, int], list[InstemmingRegel]] = {}
    namen = _namen(invoer)
    for i in besluiten:
        sleutel = i.ondertekenaar.split("#")[0]  # '#2': the second signer with the same role and name
        rol, _, naam = sleutel.partition(":")
        per_versie.setdefault((i.leerlingnummer, i.document, i.versie), []).append(InstemmingRegel(
            rol=_ROLLEN.get(rol, rol.lower()), naam=namen.get((i.leerlingnummer, sleutel), naam),
            besluit=i.besluit, datum=i.datum))
    return VersiesResultaat(registerbestand=pad, melding=melding, versies=[
        VersieRegel(leerlingnummer=v.leerlingnummer, document=v.document, versie=v.versie, datum=v.datum,
                    status=v.status, bestand=v.bestand, geschreven=v.geschreven,
                    instemming=per_versie.get((v.leerlingnummer, v.document, v.versie), [])) for v in rijen])


_ROLLEN = {Rol.OUDER.name: "ouder", Rol.LEERLING.name: "leerling", Rol.VERTEGENWOORDIGER.name: "vertegenwoordiger",
           Rol.SCHOOL.name: "school"}


def _namen(invoer: Invoer) -> dict[tuple[str, str], str]:
    """(leerlingnummer, signer key) -> the name as the workbook spells it now (the key is lower case)."""
    namen: dict[tuple[str, str], str] = {}
    for dossier in invoer.bruikbare_dossiers():
        for o in ondertekenaars(dossier, invoer.school, invoer.datum, invoer.settings):
            namen.setdefault((dossier.leerling.leerlingnummer, o.sleutel), o.naam)
    return namen
