"""Validated rows kept on disk, not in memory, so a school of any size reads with flat memory.

A private temporary SQLite database (deleted when closed; SQLite keeps such a database in a file
nobody else can open by name). Rows are stored per pupil in workbook order and read back one pupil at a time,
or every pupil in one pass (`per_pupil`): one query per pupil cost as much as the rules on them.
"""

from __future__ import annotations

import datetime as dt
import marshal
import sqlite3
import typing
from collections.abc import Collection, Iterator
from enum import Enum

from pydantic import BaseModel

from ..problems import temp_vol


class RowStore:
    def __init__(self) -> None:
        # "" = a private temporary on-disk database, removed when the connection closes.
        self._db = sqlite3.connect("", check_same_thread=False)
        with temp_vol():
            self._create()
        self._pending: list[tuple] = []
        self._seq = 0  # the last row's number: given here, so a caller can keep it to fetch the row back
        self._codecs: dict[str, _Codec] = {}  # sheet -> how its model is stored

    def _create(self) -> None:
        # pos: the pupil's place (the number of their first row on Leerlingen), so a pass over every pupil
        # reads the rows in pupil order with one index instead of one query per pupil.
        self._db.execute("CREATE TABLE rij (seq INTEGER PRIMARY KEY, nr TEXT, sheet TEXT, blad TEXT, rij INTEGER, "
                         "pos INTEGER, data BLOB)")
        self._indexed = False
        self._pos_indexed = False

    def _index(self) -> None:
        """Indexes are made at the first question, in one go: cheaper than keeping them up to date while
        rows are added, and `opp check` asks none."""
        if not self._indexed:
            with temp_vol():
                self._db.execute("CREATE INDEX rij_nr ON rij (nr)")
                self._db.execute("CREATE INDEX rij_sheet ON rij (sheet)")
            self._indexed = True

    def add(self, sheet: str, nr: str, blad: str, rij: int, model, pos: int | None = None) -> int:
        """Store a row; returns its number for `get`. `pos` is the pupil's place in `per_pupil` (rows of one
        pupil share it); None makes this row's own number the place (a pupil's first row on Leerlingen)."""
        codec = self._codecs.get(sheet)
        if codec is None:
            codec = self._codecs[sheet] = _Codec(type(model))
        self._seq += 1
        self._pending.append((self._seq, nr, sheet, blad, rij, self._seq if pos is None else pos,
                              codec.dumps(model)))
        if len(self._pending) >= 5000:
            self.flush()
        return self._seq

    def flush(self) -> None:
        if self._pending:
            with temp_vol():
                self._db.executemany("INSERT INTO rij (seq, nr, sheet, blad, rij, pos, data) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", self._pending)
            self._pending.clear()

    def get(self, seq: int) -> tuple[str, int, object]:
        """(sheet name as typed, Excel row, model) of the row `add` numbered `seq`."""
        self.flush()
        with temp_vol():
            sheet, blad, rij, data = self._db.execute("SELECT sheet, blad, rij, data FROM rij WHERE seq = ?",
                                                      (seq,)).fetchone()
        return blad, rij, self._codecs[sheet].loads(data)

    def of_pupil(self, nr: str) -> Iterator[tuple[str, str, int, object]]:
        """(sheet, sheet name as typed, Excel row, model) of one pupil, in workbook order."""
        self.flush()
        self._index()
        query = "SELECT sheet, blad, rij, data FROM rij WHERE nr = ? ORDER BY seq"
        with temp_vol():
            rows = self._db.execute(query, (nr,)).fetchall()
        for sheet, blad, rij, data in rows:
            yield sheet, blad, rij, self._codecs[sheet].loads(data)

    def per_pupil(self, sheets: Collection[str] | None = None,
                  chunk: int = 4096) -> Iterator[tuple[int, list[tuple[str, str, int, object]]]]:
        """(pos, [(sheet, sheet name as typed, Excel row, model), ...]) of every pupil, in order of pos, each
        pupil's rows in workbook order; only the rows of `sheets` if given (a pupil without any is left out).
        Read a range of pupils per query, each query done before its pupils are handed out: no cursor stays
        open while the caller asks other things of the store."""
        self.flush()
        only = "" if sheets is None else f"AND sheet IN ({', '.join('?' * len(sheets))}) "
        keep = () if sheets is None else tuple(sheets)
        if not self._pos_indexed:
            with temp_vol():  # once; the rowid (seq) is in the index, so it gives ORDER BY pos, seq as is
                self._db.execute("CREATE INDEX rij_pos ON rij (pos)")
            self._pos_indexed = True
        query = f"SELECT pos, sheet, blad, rij, data FROM rij WHERE pos >= ? {only}ORDER BY pos, seq LIMIT ?"
        codecs = self._codecs
        start = 0
        while True:
            with temp_vol():
                rows = self._db.execute(query, (start, *keep, chunk)).fetchall()
            if not rows:
                return
            # The last pupil of a chunk may go on in the next one: it is handed out from there, whole.
            last = rows[-1][0] if len(rows) == chunk else None
            if last is not None and rows[0][0] == last:  # one pupil with more rows than a chunk: take them all
                with temp_vol():
                    rows = self._db.execute(f"SELECT pos, sheet, blad, rij, data FROM rij WHERE pos = ? {only}"
                                            "ORDER BY seq", (last, *keep)).fetchall()
                last = None
            pupil: list[tuple[str, str, int, object]] = []
            current = rows[0][0]
            for pos, sheet, blad, rij, data in rows:
                if pos == last:
                    break
                if pos != current:
                    yield current, pupil
                    pupil, current = [], pos
                pupil.append((sheet, blad, rij, codecs[sheet].loads(data)))
            if current != last:
                yield current, pupil
            if last is None:
                start = current + 1
            else:
                start = last

    def of_sheet(self, sheet: str) -> Iterator[tuple[str, int, object]]:
        for _seq, blad, rij, model in self.of_sheet_numbered(sheet):
            yield blad, rij, model

    def of_sheet_numbered(self, sheet: str) -> Iterator[tuple[int, str, int, object]]:
        """(number from `add`, sheet name as typed, Excel row, model) of a sheet's rows, in workbook order."""
        self.flush()
        self._index()
        with temp_vol():
            cursor = self._db.execute("SELECT seq, blad, rij, data FROM rij WHERE sheet = ? ORDER BY seq", (sheet,))
        for seq, blad, rij, data in _rows(cursor):
            yield seq, blad, rij, self._codecs[sheet].loads(data)

    def close(self) -> None:
        self._db.close()


def _rows(cursor) -> Iterator[tuple]:
    """A cursor's rows in chunks, a full temp folder reported as such (a sheet may be too large to fetch at once)."""
    while True:
        with temp_vol():
            chunk = cursor.fetchmany(1000)
        if not chunk:
            return
        yield from chunk


class _Codec:
    """A model stored as marshal stores a list: its fields in order, a choice as its value, a date as its
    day number, and which fields the row gave (pydantic's fields_set) as a number this codec hands out.
    marshal reads and writes such a list about twice as fast as pickle, and a row is stored and read back
    once per command: as costly as validating it. The database lives only as long as this process (and
    this codec), so marshal's format, which may change between Python versions, is never read by another."""

    def __init__(self, model: type[BaseModel]):
        # What pydantic pickles besides the fields is None for our models (no extra fields allowed, nothing
        # private): not stored, so say so here rather than lose it quietly.
        assert model.model_config.get("extra") != "allow" and not model.__private_attributes__, model
        self.model = model
        self.fields = tuple(model.model_fields)
        kinds = [_kind(model.model_fields[name].annotation) for name in self.fields]
        # (field index, the enum's value -> member map) of every choice field
        self.enums = tuple((i, kind._value2member_map_) for i, kind in enumerate(kinds)
                           if isinstance(kind, type) and issubclass(kind, Enum))
        self.dates = tuple(i for i, kind in enumerate(kinds) if kind is dt.date)
        self._set_nr: dict[frozenset[str], int] = {}  # a row's given fields -> its number (few per sheet)
        self._sets: list[frozenset[str]] = []

    def dumps(self, instance: BaseModel) -> bytes:
        fields = instance.__dict__
        values = [fields[name] for name in self.fields]
        for i, _kind in self.enums:
            if values[i] is not None:
                values[i] = values[i]._value_
        for i in self.dates:
            if values[i] is not None:
                values[i] = values[i].toordinal()
        given = frozenset(instance.__pydantic_fields_set__)
        nr = self._set_nr.get(given)
        if nr is None:
            nr = self._set_nr[given] = len(self._sets)
            self._sets.append(given)
        values.append(nr)
        return marshal.dumps(values)

    def loads(self, data: bytes) -> BaseModel:
        values = marshal.loads(data)
        given = self._sets[values.pop()]
        for i, members in self.enums:
            if values[i] is not None:
                values[i] = members[values[i]]  # stored as a member's value: a dict lookup, not Enum.__call__
        for i in self.dates:
            if values[i] is not None:
                values[i] = _dag(values[i])
        instance = self.model.__new__(self.model)
        # What pydantic's __setstate__ does, without building its state dict first (a row is read back per pupil).
        _set(instance, "__pydantic_fields_set__", set(given))
        _set(instance, "__pydantic_extra__", None)
        _set(instance, "__pydantic_private__", None)
        _set(instance, "__dict__", dict(zip(self.fields, values, strict=True)))
        return instance


_set = object.__setattr__
_dag = dt.date.fromordinal


def _kind(annotation) -> object:
    """The enum of a field typed `Choice` or `Choice | None`, `dt.date` for a date (`Datum` or `Datum | None`),
    else None (the other fields, text, numbers and lists of text, marshal stores as they are)."""
    for kind in (annotation, *typing.get_args(annotation)):
        kind = typing.get_args(kind)[0] if typing.get_origin(kind) is typing.Annotated else kind
        if isinstance(kind, type) and issubclass(kind, Enum):
            return kind
        if kind is dt.date:
            return kind
    return None
