"""The register itself: an SQLite file beside the workbook, owner-only, one writer at a time.

Every open takes the write lock (`BEGIN IMMEDIATE`, waiting a few seconds for another run) and holds it
until `close()`: a render plans, writes and records under one lock, so two runs never plan on the same
state. The register is an index: when it is missing or damaged it is rebuilt from the documents, which
carry their own identity (identiteit.py).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..files import OWNER_ONLY, private_dir
from ..problems import OppError
from .identiteit import Identiteit, lees_identiteit, naam_delen

NAAM = "opp-register.sqlite"
SCHEMA_VERSIE = 3
STATUSSEN = ("concept", "ter instemming", "vastgesteld", "vervangen")
WACHTTIJD = 5.0  # seconds a second run waits for the first

_SCHEMA = f"""
CREATE TABLE meta (sleutel TEXT PRIMARY KEY, waarde TEXT NOT NULL);
CREATE TABLE versies (
    leerlingnummer TEXT NOT NULL,
    document TEXT NOT NULL,
    versie INTEGER NOT NULL CHECK (versie >= 1),
    datum TEXT NOT NULL,            -- the document date, ISO
    status TEXT NOT NULL CHECK (status IN ({", ".join(repr(s) for s in STATUSSEN)})),
    inhoud TEXT NOT NULL,           -- sha256 of the rendered content (vingerafdruk.py)
    handelingsdeel TEXT,            -- sha256 of the handelingsdeel (OPP only)
    bestand TEXT NOT NULL,          -- relative to the register's folder when inside it
    geschreven TEXT NOT NULL,       -- when opp wrote it, ISO UTC
    PRIMARY KEY (leerlingnummer, document, versie)
);
""" + """
-- Who agreed to (or refused) which version, as the signing round recorded it. Filled from the tracker by
-- `tracker sync` (the tracker is the secretary's record, so a rebuilt register gets it back on the next sync).
CREATE TABLE instemmingen (
    leerlingnummer TEXT NOT NULL,
    document TEXT NOT NULL,         -- the registry's name, e.g. 'opp'
    versie INTEGER NOT NULL,
    ondertekenaar TEXT NOT NULL,    -- Ondertekenaar.sleutel, e.g. 'OUDER:mw. a. jansen'
    besluit TEXT NOT NULL CHECK (besluit IN ('akkoord', 'niet akkoord')),
    datum TEXT,                     -- the day the signed page came back, ISO, or NULL when unknown
    vastgelegd TEXT NOT NULL,       -- when opp recorded it, ISO UTC
    PRIMARY KEY (leerlingnummer, document, versie, ondertekenaar)
);
-- What the handelingsdeel of a version said (momentopname.py), so a later version can tell what changed.
-- The document carries it too (identiteit.py): a rebuilt register gets it back.
CREATE TABLE handelingsdelen (
    leerlingnummer TEXT NOT NULL,
    document TEXT NOT NULL,
    versie INTEGER NOT NULL,
    inhoud TEXT NOT NULL,           -- compact JSON
    PRIMARY KEY (leerlingnummer, document, versie)
);
"""


@dataclass(frozen=True)
class Versie:
    leerlingnummer: str
    document: str
    versie: int
    datum: dt.date
    status: str
    inhoud: str
    handelingsdeel: str | None
    bestand: str
    geschreven: str


@dataclass(frozen=True)
class Instemming:
    leerlingnummer: str
    document: str
    versie: int
    ondertekenaar: str
    besluit: str  # 'akkoord' or 'niet akkoord'
    datum: dt.date | None


class _Beschadigd(Exception):
    """The file is not a register opp can read (not SQLite, or another schema)."""


def _is_bezet(exc: sqlite3.Error) -> bool:
    return getattr(exc, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in str(exc)


def _bezet(pad: Path) -> OppError:
    return OppError(f"Het register '{pad}' is in gebruik door een andere opp-opdracht (bijvoorbeeld een render die "
                    "nog loopt). Wacht tot die klaar is en probeer het daarna opnieuw.")


class Register:
    """An open register holding the write lock. Use as a context manager: commit on success, else roll back."""

    def __init__(self, pad: Path, zoekmappen: Iterable[Path] = (), wachttijd: float | None = None):
        self.pad = Path(pad)
        self.map = self.pad.parent
        self.melding: str | None = None  # a Dutch line for the result, e.g. that the register was rebuilt
        self._zoekmappen = [Path(m) for m in zoekmappen]
        self._wachttijd = WACHTTIJD if wachttijd is None else wachttijd
        self._conn: sqlite3.Connection | None = self._open()

    # --- opening ----------------------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        private_dir(self.map)
        nieuw = self._maak_bestand()
        try:
            conn = self._verbind()
            nieuw = self._controleer(conn) or nieuw
        except _Beschadigd as exc:
            beschadigd = self.pad.with_name(self.pad.name + ".beschadigd")
            os.replace(self.pad, beschadigd)
            self._maak_bestand()
            conn = self._verbind()
            self._controleer(conn)
            aantal = self._herbouw(conn)
            self.melding = (f"Het register {self.pad.name} was beschadigd ({exc}); opnieuw opgebouwd uit "
                            f"{_documenten(aantal)}. Het beschadigde bestand staat in {beschadigd.name}.")
            return conn
        if nieuw:
            aantal = self._herbouw(conn)
            if aantal:
                self.melding = (f"Het register {self.pad.name} ontbrak; opnieuw opgebouwd uit {_documenten(aantal)}.")
        return conn

    def _maak_bestand(self) -> bool:
        """Create the file owner-only (SQLite would follow the umask). True when it did not exist."""
        try:
            os.close(os.open(self.pad, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY))
            return True
        except FileExistsError:
            return False

    def _verbind(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.pad, timeout=self._wachttijd, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")  # one writer at a time, from here until close()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_bezet(exc):
                raise _bezet(self.pad) from exc
            raise _Beschadigd("geen SQLite-bestand") from exc
        return conn

    def _controleer(self, conn: sqlite3.Connection) -> bool:
        """Check the schema (inside the lock); an empty file gets it. True when the schema was created."""
        try:
            tabellen = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tabellen:
                # executescript would commit and drop the lock: the statements one by one instead
                for opdracht in _SCHEMA.split(";"):
                    if opdracht.strip():
                        conn.execute(opdracht)
                conn.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSIE),))
                return True
            if not {"meta", "versies"} <= tabellen:
                raise _Beschadigd("onbekende indeling")
            rij = conn.execute("SELECT waarde FROM meta WHERE sleutel = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            conn.close()
            if _is_bezet(exc):
                raise _bezet(self.pad) from exc
            raise _Beschadigd("niet leesbaar") from exc
        except _Beschadigd:
            conn.close()
            raise
        versie = int(rij[0]) if rij and str(rij[0]).isdigit() else None
        if versie is None:
            conn.close()
            raise _Beschadigd("onbekende indeling")
        if versie < SCHEMA_VERSIE:
            _migreer(conn, versie)
        if versie > SCHEMA_VERSIE:
            conn.close()
            raise OppError(f"Het register '{self.pad}' is gemaakt door een nieuwere versie van opp. Werk opp bij "
                           "(pip install -U opp) en probeer het opnieuw.")
        return False

    def _herbouw(self, conn: sqlite3.Connection) -> int:
        """Record every document under the search folders that carries opp's identity. How many."""
        gezien: set[Path] = set()
        aantal = 0
        for map_ in self._zoekmappen:
            if not map_.is_dir():
                continue
            for pad in sorted(map_.rglob("*.docx")):
                echt = pad.resolve()
                if echt in gezien or not naam_delen(pad.name):
                    continue
                gezien.add(echt)
                identiteit = lees_identiteit(pad)
                if identiteit and self._voeg_toe(conn, identiteit, pad, _gewijzigd(pad)):
                    aantal += 1
        conn.execute(_VERVANGEN)
        return aantal

    # --- reading and writing ----------------------------------------------------------------------------
    @property
    def _db(self) -> sqlite3.Connection:
        assert self._conn is not None, "the register was used after close()"
        return self._conn

    def bestand(self, pad: Path) -> str:
        """How a path is stored: relative to the register's folder when inside it, else absolute."""
        # abspath, not resolve(): no system call per document, and the same answer every run
        echt = Path(os.path.abspath(pad))
        try:
            return echt.relative_to(os.path.abspath(self.map)).as_posix()
        except ValueError:
            return str(echt)

    def pad_van(self, versie: Versie) -> Path:
        pad = Path(versie.bestand)
        return pad if pad.is_absolute() else self.map / pad

    def versies(self, leerlingnummers=None) -> list[Versie]:
        rows = self._db.execute("SELECT * FROM versies ORDER BY leerlingnummer, document, versie").fetchall()
        result = [_versie(r) for r in rows]
        if leerlingnummers:
            gekozen = set(leerlingnummers)
            result = [v for v in result if v.leerlingnummer in gekozen]
        return result

    def nieuwste(self) -> dict[tuple[str, str], Versie]:
        """(leerlingnummer, document) -> its newest version."""
        return {(v.leerlingnummer, v.document): v for v in self.versies()}

    def bekende_bestanden(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT bestand FROM versies")}

    def voeg_toe(self, identiteit: Identiteit, pad: Path, geschreven: dt.datetime) -> bool:
        """Record a written version; earlier versions of the document become 'vervangen'."""
        return self._voeg_toe(self._db, identiteit, pad, geschreven)

    def voeg_alle_toe(self, versies: list[tuple[Identiteit, Path]], geschreven: dt.datetime) -> None:
        """Record many written versions at once (one statement each for the rows and the statuses)."""
        moment = geschreven.astimezone(dt.UTC).isoformat()
        self._db.executemany("INSERT OR IGNORE INTO versies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [_rij(i, self.bestand(p), moment) for i, p in versies])
        self._db.executemany(_HANDELINGSDEEL, [_handelingsdeel(i) for i, _ in versies if i.momentopname])
        self._db.execute(_VERVANGEN)

    def _voeg_toe(self, conn, identiteit: Identiteit, pad: Path, geschreven: dt.datetime) -> bool:
        moment = geschreven.astimezone(dt.UTC).isoformat()
        cursor = conn.execute("INSERT OR IGNORE INTO versies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              _rij(identiteit, self.bestand(pad), moment))
        if cursor.rowcount and identiteit.momentopname:
            conn.execute(_HANDELINGSDEEL, _handelingsdeel(identiteit))
        if cursor.rowcount:
            conn.execute("UPDATE versies SET status = 'vervangen' WHERE leerlingnummer = ? AND document = ? "
                         "AND versie < ?", (identiteit.leerlingnummer, identiteit.document, identiteit.versie))
        return bool(cursor.rowcount)

    def leg_instemming_vast(self, instemming: Instemming) -> None:
        """Record (or correct) one signer's decision on one version."""
        self._db.execute("INSERT OR REPLACE INTO instemmingen VALUES (?, ?, ?, ?, ?, ?, ?)", (
            instemming.leerlingnummer, instemming.document, instemming.versie, instemming.ondertekenaar,
            instemming.besluit, instemming.datum.isoformat() if instemming.datum else None,
            dt.datetime.now(dt.UTC).isoformat()))

    def vergeet_instemming(self, leerlingnummer: str, document: str, versie: int, ondertekenaar: str) -> bool:
        """Remove one recorded decision (the secretary cleared it in the tracker). True when there was one."""
        cursor = self._db.execute("DELETE FROM instemmingen WHERE leerlingnummer = ? AND document = ? AND versie = ? "
                                  "AND ondertekenaar = ?", (leerlingnummer, document, versie, ondertekenaar))
        return bool(cursor.rowcount)

    def instemmingen(self, leerlingnummers=None) -> list[Instemming]:
        rows = self._db.execute("SELECT leerlingnummer, document, versie, ondertekenaar, besluit, datum "
                                "FROM instemmingen ORDER BY leerlingnummer, document, versie, ondertekenaar")
        result = [Instemming(r[0], r[1], int(r[2]), r[3], r[4], dt.date.fromisoformat(r[5]) if r[5] else None)
                  for r in rows]
        if leerlingnummers:
            gekozen = set(leerlingnummers)
            result = [i for i in result if i.leerlingnummer in gekozen]
        return result

    def ingestemde_versie(self, leerlingnummer: str, document: str) -> Instemming | None:
        """The newest version of a document someone agreed to ('akkoord'), with that consent; None if none."""
        r = self._db.execute("SELECT leerlingnummer, document, versie, ondertekenaar, besluit, datum "
                             "FROM instemmingen WHERE leerlingnummer = ? AND document = ? AND besluit = 'akkoord' "
                             "ORDER BY versie DESC, datum DESC LIMIT 1", (leerlingnummer, document)).fetchone()
        if r is None:
            return None
        return Instemming(r[0], r[1], int(r[2]), r[3], r[4], dt.date.fromisoformat(r[5]) if r[5] else None)

    def stel_vast(self, leerlingnummer: str, document: str, versie: int) -> bool:
        """Mark a version 'vastgesteld' (its handelingsdeel has the consent it needs). Only a version offered
        ter instemming moves; True when it did."""
        cursor = self._db.execute("UPDATE versies SET status = 'vastgesteld' WHERE leerlingnummer = ? AND "
                                  "document = ? AND versie = ? AND status = 'ter instemming'",
                                  (leerlingnummer, document, versie))
        return bool(cursor.rowcount)

    def versie(self, leerlingnummer: str, document: str, versie: int) -> Versie | None:
        r = self._db.execute("SELECT * FROM versies WHERE leerlingnummer = ? AND document = ? AND versie = ?",
                             (leerlingnummer, document, versie)).fetchone()
        return _versie(r) if r else None

    def handelingsdeel(self, leerlingnummer: str, document: str, versie: int) -> str | None:
        """What the handelingsdeel of a version said (compact JSON, momentopname.py), or None when unknown."""
        r = self._db.execute("SELECT inhoud FROM handelingsdelen WHERE leerlingnummer = ? AND document = ? "
                             "AND versie = ?", (leerlingnummer, document, versie)).fetchone()
        return r[0] if r else None

    # --- life cycle -------------------------------------------------------------------------------------
    def close(self, commit: bool = True) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute("COMMIT" if commit else "ROLLBACK")
        finally:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Register:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(commit=exc_type is None)


# Only the newest version of a document is current; the rest was replaced.
_VERVANGEN = """UPDATE versies SET status = 'vervangen' WHERE status != 'vervangen' AND versie < (
    SELECT max(v.versie) FROM versies v WHERE v.leerlingnummer = versies.leerlingnummer
    AND v.document = versies.document)"""


def _migreer(conn: sqlite3.Connection, versie: int) -> None:
    """Bring an older register up to date inside the lock; nothing recorded is lost."""
    tabellen = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for opdracht in _SCHEMA.split(";"):
        naam = re.search(r"CREATE TABLE (\w+)", opdracht)
        if naam and naam.group(1) not in tabellen:
            conn.execute(opdracht)
    conn.execute("UPDATE meta SET waarde = ? WHERE sleutel = 'schema'", (str(SCHEMA_VERSIE),))


def _rij(identiteit: Identiteit, bestand: str, moment: str) -> tuple:
    status = identiteit.status if identiteit.status in STATUSSEN else "ter instemming"
    return (identiteit.leerlingnummer, identiteit.document, identiteit.versie, identiteit.datum.isoformat(), status,
            identiteit.inhoud, identiteit.handelingsdeel, bestand, moment)


_HANDELINGSDEEL = "INSERT OR REPLACE INTO handelingsdelen VALUES (?, ?, ?, ?)"


def _handelingsdeel(identiteit: Identiteit) -> tuple:
    return (identiteit.leerlingnummer, identiteit.document, identiteit.versie, identiteit.momentopname)


def _versie(r) -> Versie:
    return Versie(r[0], r[1], int(r[2]), dt.date.fromisoformat(r[3]), r[4], r[5], r[6], r[7], r[8])


def _gewijzigd(pad: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(pad.stat().st_mtime, dt.UTC)


def _documenten(aantal: int) -> str:
    return f"{aantal} {'document' if aantal == 1 else 'documenten'}"


def register_pad(werkmap: Path) -> Path:
    return Path(werkmap) / NAAM
