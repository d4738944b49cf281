"""What every reader yields: sheets of raw rows, with row numbers as Excel shows them.

Rows are an iterable that may be lazy (a sheet of a spreadsheet is parsed when first read and its
rows stream from there), so a large school is never held in memory as Python cells. Close the
RawWorkbook (or use it in a with-block) when done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field


@dataclass
class RawSheet:
    name: str  # as the user named it (shown in messages)
    headers: list  # row 1, as typed
    rows: Iterable[tuple[int, list]] = field(default_factory=list)  # (Excel row number, cell values), non-empty


@dataclass
class RawWorkbook:
    bron: str
    sheets: dict[str, RawSheet]  # keyed by the normalized sheet name
    close: Callable[[], None] = lambda: None

    def __enter__(self) -> RawWorkbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class LazySheet(RawSheet):
    """A sheet parsed only when its headers or rows are first asked for, so a large workbook holds
    one or two sheets at a time and a sheet nobody reads is never parsed.

    `load()` returns (headers, rows); `rows` may be iterated once."""

    def __init__(self, name: str, load: Callable[[], tuple[list, Iterable[tuple[int, list]]]]):
        self.name = name
        self._load = load
        self._headers: list | None = None
        self._rows: Iterable[tuple[int, list]] | None = None

    def _ensure(self) -> None:
        if self._headers is None:
            self._headers, self._rows = self._load()

    @property
    def headers(self) -> list:  # type: ignore[override]
        self._ensure()
        assert self._headers is not None
        return self._headers

    @property
    def rows(self) -> Iterable[tuple[int, list]]:  # type: ignore[override]
        self._ensure()
        rows, self._rows = self._rows, ()  # handed out once: the sheet is released as they stream by
        assert rows is not None
        return rows

    def __repr__(self) -> str:  # the dataclass repr would read (and use up) the rows
        return f"LazySheet({self.name!r})"

    __eq__ = object.__eq__
    __hash__ = object.__hash__
