"""`opp versies`: every version the register knows, per pupil and document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, Field

from ..invoer import Invoer
from ..problems import Resultaat
from .db import NAAM, Register, register_pad


class VersieRegel(BaseModel):
    leerlingnummer: str
    document: str
    versie: int
    datum: dt.date
    status: str
    bestand: str
    geschreven: str
    instemming: str | None = None  # who agreed when: filled by the signing round (later)


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
        melding = reg.melding
    return VersiesResultaat(registerbestand=pad, melding=melding, versies=[
        VersieRegel(leerlingnummer=v.leerlingnummer, document=v.document, versie=v.versie, datum=v.datum,
                    status=v.status, bestand=v.bestand, geschreven=v.geschreven) for v in rijen])
