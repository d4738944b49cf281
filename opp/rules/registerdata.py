"""The dates opp's register knows about one pupil's document (issue 12, 'the dates the law asks for').

Facts only: the first issued date (the document date of the first version that is no concept) and the first
agreed date (the earliest dated 'akkoord'). A version the register marks 'vervangen' no longer says whether
it was a concept, so it counts as issued.

Which date says the plan was set: a version is issued ter instemming and set when the parents agree (the
tracker sync), so the first agreed date is the register's first vaststelling. The first issued date is not:
a typed vaststelling after it is the normal course (e.g. issued 1 October, agreed and set 9 October).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class _Versie(Protocol):
    @property
    def versie(self) -> int: ...
    @property
    def datum(self) -> dt.date: ...
    @property
    def status(self) -> str: ...


class _Instemming(Protocol):
    @property
    def besluit(self) -> str: ...
    @property
    def datum(self) -> dt.date | None: ...


@dataclass(frozen=True)
class Registerdatums:
    eerst_uitgegeven: dt.date | None  # the date of the first non-concept version
    eerst_ingestemd: dt.date | None  # the earliest 'akkoord' with a date


def registerdatums(versies: Iterable[_Versie], instemmingen: Iterable[_Instemming]) -> Registerdatums:
    """The register's dates for ONE pupil's document, from its versions and consents."""
    uitgegeven = sorted((v.versie, v.datum) for v in versies if v.status != "concept")
    akkoord = [i.datum for i in instemmingen if i.besluit == "akkoord" and i.datum is not None]
    return Registerdatums(uitgegeven[0][1] if uitgegeven else None, min(akkoord) if akkoord else None)


def eerste_vaststelling(datums: Registerdatums) -> dt.date | None:
    """The first vaststelling the register knows: the first agreed date."""
    return datums.eerst_ingestemd


def strijdig(getypt: dt.date | None, datums: Registerdatums) -> bool:
    """A typed first vaststelling later than the register's: the plan was set earlier than the workbook says."""
    bekend = eerste_vaststelling(datums)
    return getypt is not None and bekend is not None and getypt > bekend
