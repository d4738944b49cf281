"""What every reader yields: sheets of raw rows, with row numbers as Excel shows them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawSheet:
    name: str  # as the user named it (shown in messages)
    headers: list  # row 1, as typed
    rows: list[tuple[int, list]] = field(default_factory=list)  # (Excel row number, cell values)


@dataclass
class RawWorkbook:
    bron: str
    sheets: dict[str, RawSheet]  # keyed by the normalized sheet name
