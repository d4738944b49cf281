"""Validated rows kept on disk, not in memory, so a school of any size reads with flat memory.

A private temporary SQLite database (deleted when closed; SQLite keeps such a database in a file
nobody else can open by name). Rows are stored per pupil in workbook order and read back one pupil at a time.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from ..problems import SchijfVol, is_schijf_vol


@contextmanager
def _temp_vol():
    """SQLite's "database or disk is full" (the temp folder is full) becomes one clear line."""
    try:
        yield
    except (sqlite3.OperationalError, OSError) as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(tempfile.gettempdir(), tijdelijk=True) from None
        raise


class RowStore:
    def __init__(self) -> None:
        # "" = a private temporary on-disk database, removed when the connection closes.
        self._db = sqlite3.connect("", check_same_thread=False)
        with _temp_vol():
            self._create()
        self._pending: list[tuple] = []

    def _create(self) -> None:
        self._db.execute("CREATE TABLE rij (seq INTEGER PRIMARY KEY, nr TEXT, sheet TEXT, blad TEXT, rij INTEGER, "
                         "data BLOB)")
        self._db.execute("CREATE INDEX rij_nr ON rij (nr)")
        self._db.execute("CREATE INDEX rij_sheet ON rij (sheet)")

    def add(self, sheet: str, nr: str, blad: str, rij: int, model) -> None:
        self._pending.append((nr, sheet, blad, rij, pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)))
        if len(self._pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            with _temp_vol():
                self._db.executemany("INSERT INTO rij (nr, sheet, blad, rij, data) VALUES (?, ?, ?, ?, ?)",
                                     self._pending)
            self._pending.clear()

    def of_pupil(self, nr: str) -> Iterator[tuple[str, str, int, object]]:
        """(sheet, sheet name as typed, Excel row, model) of one pupil, in workbook order."""
        self.flush()
        query = "SELECT sheet, blad, rij, data FROM rij WHERE nr = ? ORDER BY seq"
        with _temp_vol():
            rows = self._db.execute(query, (nr,)).fetchall()
        for sheet, blad, rij, data in rows:
            yield sheet, blad, rij, pickle.loads(data)

    def of_sheet(self, sheet: str) -> Iterator[tuple[str, int, object]]:
        self.flush()
        with _temp_vol():
            cursor = self._db.execute("SELECT blad, rij, data FROM rij WHERE sheet = ? ORDER BY seq", (sheet,))
        for blad, rij, data in _rows(cursor):
            yield blad, rij, pickle.loads(data)

    def close(self) -> None:
        self._db.close()


def _rows(cursor) -> Iterator[tuple]:
    """A cursor's rows in chunks, a full temp folder reported as such (a sheet may be too large to fetch at once)."""
    while True:
        with _temp_vol():
            chunk = cursor.fetchmany(1000)
        if not chunk:
            return
        yield from chunk
