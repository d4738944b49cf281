"""The one input of a command: the workbook read once, the school's settings and the day it works for.

Every product (documents, tracker, dossier, report, demo) takes an `Invoer`; nothing reaches back into
the workbook or re-reads opp.toml. The day defaults to today here and nowhere else.

    with open_invoer(pad, datum) as invoer:
        invoer.vereis_bruikbaar()
        ...
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .files import safe_name
from .models import Leerling, Leerlingdossier, School
from .problems import Report, WerkboekOnbruikbaar
from .settings import Settings, load_settings
from .werkboek.reader import Rij, Werkboek, read_werkboek


def vandaag() -> dt.date:
    """The day a command works for when none is given: the one place that asks the clock."""
    return dt.date.today()


def instellingen(map_: Path) -> Settings:
    """The settings of a command without a workbook (opp ronde scan): opp.toml in `map_`, else the defaults."""
    return load_settings(map_)


class Invoer:
    """A validated workbook with its settings and day. Closing it removes the rows kept on disk."""

    def __init__(self, werkboek: Werkboek, settings: Settings):
        self.werkboek = werkboek
        self.settings = settings

    # --- what the workbook holds -----------------------------------------------------------------------
    @property
    def datum(self) -> dt.date:
        return self.werkboek.datum

    @property
    def bron(self) -> Path:
        return self.werkboek.bron

    @property
    def map(self) -> Path:
        """The working folder: where attachments, opp.toml and a samenwerkingsverband's checklist are."""
        return self.werkboek.map

    @property
    def school(self) -> School | None:
        return self.werkboek.school

    @property
    def report(self) -> Report:
        return self.werkboek.report

    @property
    def leerlingen(self) -> Mapping[str, Rij[Leerling]]:
        return self.werkboek.leerlingen

    @property
    def dossiers(self) -> Mapping[str, Leerlingdossier]:
        return self.werkboek.dossiers

    @property
    def rijen(self) -> Mapping[str, list[Rij[Any]]]:
        return self.werkboek.rijen

    def bruikbare_leerlingnummers(self, uitgeschreven: bool = False) -> list[str]:
        return self.werkboek.bruikbare_leerlingnummers(uitgeschreven)

    def bruikbare_dossiers(self, uitgeschreven: bool = False) -> list[Leerlingdossier]:
        return self.werkboek.bruikbare_dossiers(uitgeschreven)

    def stroom_dossiers(self, uitgeschreven: bool = False) -> Iterator[Leerlingdossier]:
        """One dossier at a time, for products that go through the whole school (memory stays flat)."""
        return self.werkboek.stroom_dossiers(uitgeschreven)

    def is_uitgeschreven(self, nr: str) -> bool:
        return self.werkboek.is_uitgeschreven(nr)

    # --- decisions every product shares ----------------------------------------------------------------
    @property
    def is_bruikbaar(self) -> bool:
        return self.school is not None and not self.report.algemene_fouten()

    def vereis_bruikbaar(self) -> School:
        """The school, or WerkboekOnbruikbaar: the one check of whether any product can be made."""
        if self.school is None or self.report.algemene_fouten():
            raise WerkboekOnbruikbaar(self.report, str(self.bron))
        return self.school

    def overgeslagen(self) -> dict[str, list]:
        """Pupils left out because of errors in their rows -> those errors (workbook order of the errors)."""
        fouten: dict[str, list] = {}
        for issue in self.report.fouten:
            if issue.leerlingnummer:
                fouten.setdefault(issue.leerlingnummer, []).append(issue)
        return {nr: fouten.get(nr, []) for nr in sorted(self.report.leerlingen_met_fouten())}

    @property
    def uitmap(self) -> Path:
        """Where products go unless the user says otherwise: output/<schooljaar>/."""
        schooljaar = self.school.schooljaar if self.school else "onbekend"
        return Path("output") / safe_name(schooljaar)

    # --- life cycle ------------------------------------------------------------------------------------
    def close(self) -> None:
        self.werkboek.close()

    def __enter__(self) -> Invoer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_invoer(pad: Path, datum: dt.date | None = None, settings: Settings | None = None,
                alleen_controle: bool = False) -> Invoer:
    """Read the workbook at `pad` for `datum` (default today) with opp.toml beside it (or `settings`).
    `alleen_controle`: only the report is wanted (see read_werkboek)."""
    werkboek = read_werkboek(Path(pad), datum or vandaag(), alleen_controle)
    try:
        return Invoer(werkboek, settings or load_settings(werkboek.map))
    except BaseException:
        werkboek.close()
        raise
