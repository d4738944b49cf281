"""What every reader yields: sheets of raw rows, with row numbers as Excel shows them.

Rows are an iterable that may be lazy (an .xlsx is streamed), so a large school is never held in
memory as raw cells. Close the RawWorkbook (or use it in a with-block) when done.
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
