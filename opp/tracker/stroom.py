"""The sync's work on the tracker's rows, one row at a time, with what it needs to look up on disk.

The rows the round needs (`GewensteRij`), the keys the tracker holds and the answers for the register go
into a private temporary SQLite database, not into memory; the tracker's rows are read as XML (xmlblad.py)
three times: once to see what is there (keys, last row, columns in use), once to decide (counts, versions,
what is gone, the klassen, the widths), and once, while the new package is written, to write each row as
decided. The decisions are sync.py's of before, row by row: a school of any size in flat memory.
"""

from __future__ import annotations

import io
import pickle
import sqlite3
import zipfile
from collections.abc import Container, Iterable, Iterator, Mapping
from copy import copy
from dataclasses import dataclass, field

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment

from ..documenten import ONDERTEKEND
from ..excel_cells import DATUMNOTATIE, GEVAARLIJKE_BEGINTEKENS
from ..rules.signers import Rol
from .hernoemd import koppel_hernoemd
from .keys import INSTEMMING, GewensteRij, Sleutel
from .layout import (
    BESLUIT,
    BLAD,
    CODE,
    GETEKEND,
    GROEP,
    KOLOMMEN,
    ONTVANGEN_OP,
    OPNIEUW,
    SLEUTEL,
    STATUS,
    VERSIE,
    VERSTUURD_OP,
    VERVALLEN,
    Soort,
    normaliseer,
)
from .status import VERVANGEN_MARKERING, Cellen, getekend_formule, status_formule
from .status import Invoer as Rijinvoer
from .versies import Actie, Antwoord, Documentversies, als_versie, volg_versie
from .xmlblad import GEEN_DATUMS, Cel, Formule, Rij, Strings, bladen, lees_rijen, nieuwe_cel, zonder_rijen

VERVALLEN_MARKERING = "ja"
OPNIEUW_MARKERING = "ja"
MET_VERSIES = {d.getekend_als for d in ONDERTEKEND if d.getekend_als}  # signed ter instemming: versioned
TOEGEVOEGD, VERVALLEN_SOORT, HERNOEMD, HERSTELD = "toegevoegd", "vervallen", "hernoemd", "weer nodig"
_SORTEER_INT = 1 << 63
_PLEK = 1048577  # one row past Excel's last: in a formula made with it, this number is the row and nothing else
# Sleutel.instemmingsgroep in SQL: the parents' consent rows of one pupil and document form a group.
_IN_GROEP = f"soort = '{INSTEMMING}' AND substr(ondertekenaar, 1, {len(Rol.OUDER.name) + 1}) = '{Rol.OUDER.name}:'"


def _sorteerbaar(volgorde: tuple) -> bytes:
    """A tuple of texts and whole numbers as bytes that sort as the tuple does (SQLite compares bytes)."""
    out = bytearray()
    for deel in volgorde:
        if isinstance(deel, str):
            out += b"\x02" + deel.encode() + b"\x00"  # UTF-8 keeps the code-point order; \x00 ends it
        else:
            out += b"\x01" + (int(deel) + _SORTEER_INT).to_bytes(9, "big")
    return bytes(out)


class Opslag:
    """The rows the round needs, the keys the tracker has and the answers it holds, in a temporary database."""

    def __init__(self, gewenst: Iterable[GewensteRij], versies: Mapping[tuple[str, str], Documentversies]):
        self.db = sqlite3.connect("")  # "": a private temporary database on disk, gone when closed
        self.db.executescript("""
            CREATE TABLE gewenst (sleutel TEXT PRIMARY KEY, volgorde BLOB, nr TEXT, doc TEXT, ondertekenaar TEXT,
                                  soort TEXT, data BLOB, bestaat INTEGER DEFAULT 0, historie INTEGER DEFAULT 0,
                                  vervangen INTEGER DEFAULT 0, rij INTEGER);
            CREATE INDEX gewenst_doc ON gewenst (nr, doc);
            CREATE TABLE bestaand (sleutel TEXT, rij INTEGER);
            CREATE TABLE historie (sleutel TEXT PRIMARY KEY);
            CREATE TABLE groep (nr TEXT, doc TEXT, id INTEGER, PRIMARY KEY (nr, doc));
            CREATE TABLE hernoemd (oud TEXT PRIMARY KEY, nieuw TEXT);
            CREATE TABLE antwoord (data BLOB);
        """)
        self.wacht: set[str] = set()  # pupils whose signed document has no version to offer yet
        rijen: list[tuple] = []
        for g in gewenst:
            s = g.sleutel
            documentversies = versies.get((s.leerlingnummer, s.document))
            if (documentversies is None or documentversies.huidige is None) and s.document in MET_VERSIES:
                self.wacht.add(s.leerlingnummer)
            rijen.append((s.tekst, _sorteerbaar(g.volgorde), s.leerlingnummer, s.document, s.ondertekenaar, s.soort,
                          pickle.dumps(g, protocol=pickle.HIGHEST_PROTOCOL)))
            if len(rijen) >= 2000:
                self._voeg_toe(rijen)
        self._voeg_toe(rijen)
        self.db.execute(f"INSERT OR IGNORE INTO groep (nr, doc) SELECT nr, doc FROM gewenst WHERE {_IN_GROEP}")
        self.gewenst_aantal = self.db.execute("SELECT count(*) FROM gewenst").fetchone()[0]

    def _voeg_toe(self, rijen: list) -> None:
        self.db.executemany("INSERT OR IGNORE INTO gewenst (sleutel, volgorde, nr, doc, ondertekenaar, soort, data) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)", rijen)
        rijen.clear()

    # --- what the tracker has ---------------------------------------------------------------------------
    def bestaat(self, sleutel: Sleutel, rij: int, historie: bool) -> None:
        if historie:
            self.db.execute("INSERT OR IGNORE INTO historie VALUES (?)", (sleutel.tekst,))
        else:
            self.db.execute("INSERT INTO bestaand VALUES (?, ?)", (sleutel.tekst, rij))
        if (groep := sleutel.instemmingsgroep) is not None:
            self.db.execute("INSERT OR IGNORE INTO groep (nr, doc) VALUES (?, ?)", groep)

    def gelezen(self) -> None:
        """After the first reading: which rows the round needs are there already, which only as history."""
        self.db.execute("CREATE INDEX bestaand_sleutel ON bestaand (sleutel)")
        self.db.execute("UPDATE gewenst SET bestaat = 1 WHERE sleutel IN (SELECT sleutel FROM bestaand)")
        self.db.execute("UPDATE gewenst SET historie = 1 WHERE sleutel IN (SELECT sleutel FROM historie)")

    def dubbel(self) -> Iterator[tuple[str, list[int]]]:
        """Keys on more than one row (a copied row), by their first row."""
        for tekst, rijen in self.db.execute(
                "SELECT sleutel, group_concat(rij) FROM bestaand GROUP BY sleutel HAVING count(*) > 1 "
                "ORDER BY min(rij)"):
            yield tekst, sorted(int(r) for r in rijen.split(","))

    def koppel_hernoemd(self, overgeslagen: set[str]) -> None:
        """A signer whose name was corrected keeps her rows: their key becomes the new one (hernoemd.py)."""
        weg = [s for (t,) in self.db.execute(
            "SELECT sleutel FROM bestaand WHERE sleutel NOT IN (SELECT sleutel FROM gewenst) GROUP BY sleutel "
            "ORDER BY min(rij)")
            if (s := Sleutel.lees(t)) is not None and s.leerlingnummer not in overgeslagen]
        if not weg:
            return
        leerlingen = {s.leerlingnummer for s in weg}  # a renamed signer stays with the same pupil
        komt = [s for (t, nr) in self.db.execute("SELECT sleutel, nr FROM gewenst WHERE bestaat = 0 ORDER BY volgorde")
                if nr in leerlingen and (s := Sleutel.lees(t)) is not None]
        for oud, nieuw in koppel_hernoemd(weg, komt).items():
            self.db.execute("INSERT INTO hernoemd VALUES (?, ?)", (oud.tekst, nieuw.tekst))
            self.db.execute("UPDATE gewenst SET bestaat = 1 WHERE sleutel = ?", (nieuw.tekst,))

    def hernoemd(self, sleutel: str) -> str | None:
        rij = self.db.execute("SELECT nieuw FROM hernoemd WHERE oud = ?", (sleutel,)).fetchone()
        return None if rij is None else rij[0]

    def nummer_groepen(self) -> None:
        """Groep numbers: the parents' consent groups of every row of the round, in sorted order, from 1."""
        paren = self.db.execute("SELECT nr, doc FROM groep ORDER BY nr, doc").fetchall()
        self.db.executemany("UPDATE groep SET id = ? WHERE nr = ? AND doc = ?",
                            ((i, nr, doc) for i, (nr, doc) in enumerate(paren, start=1)))

    def groep_id(self, groep: tuple[str, str] | None) -> int | None:
        if groep is None:
            return None
        rij = self.db.execute("SELECT id FROM groep WHERE nr = ? AND doc = ?", groep).fetchone()
        return rij[0] if rij else None

    # --- what the round needs ---------------------------------------------------------------------------
    def gewenst(self, sleutel: str) -> GewensteRij | None:
        rij = self.db.execute("SELECT data FROM gewenst WHERE sleutel = ?", (sleutel,)).fetchone()
        return None if rij is None else pickle.loads(rij[0])

    def volgorde(self, sleutel: str) -> bytes:
        rij = self.db.execute("SELECT volgorde FROM gewenst WHERE sleutel = ?", (sleutel,)).fetchone()
        return rij[0] if rij else b""

    def vervangen(self, sleutel: str) -> None:
        """A row of this key is kept as history: one new row asks again."""
        self.db.execute("UPDATE gewenst SET vervangen = 1 WHERE sleutel = ?", (sleutel,))

    def nummer_nieuwe(self, laatste: int) -> None:
        """The rows to add get their row numbers below the last row, in reading order."""
        sleutels = self.db.execute("SELECT sleutel FROM gewenst WHERE bestaat = 0 OR vervangen = 1 "
                                   "ORDER BY volgorde").fetchall()
        self.db.executemany("UPDATE gewenst SET rij = ? WHERE sleutel = ?",
                            ((laatste + i, s) for i, (s,) in enumerate(sleutels, start=1)))

    def nieuwe_rij(self, sleutel: str) -> int | None:
        rij = self.db.execute("SELECT rij FROM gewenst WHERE sleutel = ?", (sleutel,)).fetchone()
        return rij[0] if rij else None

    def nieuwe(self) -> Iterator[tuple[int, GewensteRij, bool, bool]]:
        """The rows to add, in reading order: (row, the row wanted, kept as history before?, replacing one?)."""
        cursor = self.db.execute("SELECT rij, data, historie, vervangen FROM gewenst WHERE rij IS NOT NULL "
                                 "ORDER BY rij")
        while chunk := cursor.fetchmany(500):
            for rij, data, historie, vervangen in chunk:
                yield rij, pickle.loads(data), bool(historie), bool(vervangen)

    def nodig(self) -> Nodig:
        return Nodig(self.db)

    # --- the answers for the register -------------------------------------------------------------------
    def antwoord(self, a: Antwoord) -> None:
        self.db.execute("INSERT INTO antwoord VALUES (?)", (pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL),))

    def antwoorden(self) -> Iterator[Antwoord]:
        cursor = self.db.execute("SELECT data FROM antwoord ORDER BY rowid")
        while chunk := cursor.fetchmany(500):
            for (data,) in chunk:
                yield pickle.loads(data)

    def vergeet_bestaand(self) -> None:
        """For a second try on a tracker saved meanwhile: only the rows the round needs stay."""
        self.db.executescript("""
            DROP INDEX IF EXISTS bestaand_sleutel;
            DELETE FROM bestaand; DELETE FROM historie; DELETE FROM hernoemd; DELETE FROM antwoord;
            DELETE FROM groep;
            UPDATE gewenst SET bestaat = 0, historie = 0, vervangen = 0, rij = NULL;
        """)
        self.db.execute(f"INSERT OR IGNORE INTO groep (nr, doc) SELECT nr, doc FROM gewenst WHERE {_IN_GROEP}")

    def close(self) -> None:
        self.db.close()


class Nodig(Mapping[tuple[str, str], list[str]]):
    """(leerlingnummer, tracker document) -> the signer keys whose instemming the round asks now, looked up."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __getitem__(self, sleutel: tuple[str, str]) -> list[str]:
        rijen = self.db.execute("SELECT ondertekenaar FROM gewenst WHERE nr = ? AND doc = ? AND soort = ? "
                                "ORDER BY volgorde", (*sleutel, INSTEMMING)).fetchall()
        if not rijen:
            raise KeyError(sleutel)
        return [o for (o,) in rijen]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        cursor = self.db.execute("SELECT DISTINCT nr, doc FROM gewenst WHERE soort = ?", (INSTEMMING,))
        yield from cursor.fetchall()

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM (SELECT DISTINCT nr, doc FROM gewenst WHERE soort = ?)",
                               (INSTEMMING,)).fetchone()[0]


class Stijlen:
    """Cell styles by index in the workbook openpyxl saves: a cell's own style with a change, added once."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self._cache: dict[tuple, int] = {}
        self._prefix: dict[int, bool] = {}
        self.bevroren = False  # set once openpyxl has saved the styles: a style made later would not be in them

    def van(self, basis: int, *, quote_prefix: bool | None = None, number_format: str | None = None,
            midden: bool = False) -> int:
        sleutel = (basis, quote_prefix, number_format, midden)
        if sleutel not in self._cache:
            # Rijenwerk.beslis makes every style the writing needs, before openpyxl saves them.
            assert not self.bevroren, "a cell style made after the styles were saved"
            stijlen = self.ws.parent._cell_styles
            # A cell that is never placed in the sheet: openpyxl's own way to make a style and number it.
            cel = Cell(self.ws, row=1, column=1,
                       style_array=copy(stijlen[basis]) if 0 <= basis < len(stijlen) else None)
            if number_format is not None:
                cel.number_format = number_format
            if quote_prefix is not None:
                cel.quotePrefix = quote_prefix
            if midden:
                cel.alignment = Alignment(horizontal="center")
            self._cache[sleutel] = cel.style_id
        return self._cache[sleutel]

    def heeft_prefix(self, s: int) -> bool:
        if s not in self._prefix:
            stijlen = self.ws.parent._cell_styles
            self._prefix[s] = 0 <= s < len(stijlen) and bool(stijlen[s].quotePrefix)
        return self._prefix[s]


@dataclass
class Melding:
    """A row added, marked vervallen, renamed or needed again (sync.Wijziging)."""

    soort: str
    rij: int
    leerlingnummer: str
    document: str
    ondertekenaar: str
    was: str | None = None


@dataclass
class Versiemelding:
    """A row whose version changed (sync.Versiewijziging); `volgorde` sorts them as the round reads."""

    volgorde: bytes
    sleutel: str
    rij: int
    leerlingnummer: str
    document: str
    ondertekenaar: str
    van: int
    naar: int
    actie: str


@dataclass
class Plan:
    """What the readings found and decided; the last reading writes it."""

    laatste: int = 1  # the last row with anything in it
    max_kolom: int = 0
    heeft_rijen: bool = False  # any cell below the header
    gevulde_kolommen: set[int] = field(default_factory=set)  # columns with a value in any row
    onleesbaar: list[int] = field(default_factory=list)  # the first rows whose key she changed
    onleesbaar_aantal: int = 0
    klassen: dict[str, str] = field(default_factory=dict)  # Klas as Excel compares it -> as first written
    langste: dict[int, int] = field(default_factory=dict)  # column -> longest value (for new columns' widths)
    toegevoegd: int = 0
    behouden: int = 0
    vervallen: int = 0
    hersteld: int = 0
    hernoemd: int = 0
    rijen: int = 0
    versie_gezet: int = 0
    opnieuw_nodig: int = 0
    wijzigingen: list[Melding] = field(default_factory=list)
    versiewijzigingen: list[Versiemelding] = field(default_factory=list)


class Tracker:
    """The tracker package as read: its shared strings and where the tracker sheet is."""

    def __init__(self, inhoud: bytes):
        self.zf = zipfile.ZipFile(io.BytesIO(inhoud))
        self.strings = Strings(self.zf)
        self.bladen = bladen(self.zf)
        self.titel = zoek_blad(self)
        self.deel = self.bladen.get(self.titel) if self.titel else None
        self.datums = GEEN_DATUMS  # set once openpyxl has read the styles

    def zonder_rijen(self) -> bytes:
        """The package with only the header of the tracker sheet: what openpyxl opens."""
        assert self.deel is not None
        uit = io.BytesIO()
        with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as zf:
            zonder_rijen(self.zf, self.deel, self.strings, zf)
        return uit.getvalue()

    def eerste_rij(self, titel: str) -> Rij | None:
        return next(lees_rijen(self.zf, self.bladen[titel], self.strings, met_xml=False), None)

    def rijen(self, met_xml: bool = True, alleen: Container[int] | None = None) -> Iterator[Rij]:
        if self.deel is None:
            return iter(())
        return lees_rijen(self.zf, self.deel, self.strings, met_xml, self.datums, alleen)

    def close(self) -> None:
        self.zf.close()


def zoek_blad(tracker: Tracker) -> str | None:
    """As overzicht.zoek_tracker_blad: 'Ondertekening', or the first sheet with a Sleutel column."""
    if BLAD in tracker.bladen:
        return BLAD
    for titel in tracker.bladen:
        rij = tracker.eerste_rij(titel)
        if rij and rij.nummer == 1 and any(normaliseer(c.waarde) == normaliseer(SLEUTEL) for c in rij.cellen.values()):
            return titel
    return None


class Rijenwerk:
    """Plan the rows (verken, then beslis), then give them as they are to be written (rijen)."""

    def __init__(self, tracker: Tracker | None, opslag: Opslag, overgeslagen: set[str], stijlen: Stijlen,
                 versies: Mapping[tuple[str, str], Documentversies], nieuw: bool):
        self.tracker, self.opslag, self.overgeslagen, self.stijlen = tracker, opslag, overgeslagen, stijlen
        self.versies, self.nieuw = versies, nieuw
        self.plan = Plan()
        self.kolnr: dict[str, int] = {}
        self.cellen: Cellen | None = None
        self._getekend = self._status = ""
        self._te_lezen: set[int] = set()

    def _rijen(self, met_xml: bool = False, alleen: Container[int] | None = None) -> Iterator[Rij]:
        return self.tracker.rijen(met_xml, alleen) if self.tracker is not None else iter(())

    # --- reading 1: what is there ----------------------------------------------------------------------
    def verken(self, sleutel_kolom: int | None, vervallen_kolom: int | None) -> None:
        """Last row, columns in use, keys (into the database) and the rows whose key she changed."""
        plan = self.plan
        for rij in self._rijen(alleen={k for k in (sleutel_kolom, vervallen_kolom) if k is not None}):
            if rij.cellen:
                plan.max_kolom = max(plan.max_kolom, max(rij.cellen))
            gevuld = [k for k, c in rij.cellen.items() if not _leeg(c.waarde)]
            plan.gevulde_kolommen.update(gevuld)
            if rij.nummer < 2:
                continue
            plan.heeft_rijen = plan.heeft_rijen or bool(rij.cellen)
            if gevuld:
                plan.laatste = max(plan.laatste, rij.nummer)
            if sleutel_kolom is None:
                continue
            ruw = rij.waarde(sleutel_kolom)
            sleutel = Sleutel.lees(ruw)
            if sleutel is None:
                if not _leeg(ruw):
                    plan.onleesbaar_aantal += 1
                    if len(plan.onleesbaar) < 10:
                        plan.onleesbaar.append(rij.nummer)
                continue
            markering = rij.waarde(vervallen_kolom) if vervallen_kolom is not None else None
            self.opslag.bestaat(sleutel, rij.nummer, historie=markering == VERVANGEN_MARKERING)
        self.opslag.gelezen()

    # --- reading 2: decide (counts, versions, klassen, widths), nothing written yet ---------------------
    def beslis(self, kolnr: dict[str, int], letters: dict[str, str], te_meten: set[int]) -> None:
        """Count what the sync does, decide every row's version, collect the klassen and the widths of
        `te_meten` (new columns). Every cell style the writing needs is made here."""
        self.kolnr = kolnr
        self.cellen = Cellen(verstuurd=letters[VERSTUURD_OP], ontvangen=letters[ONTVANGEN_OP],
                             besluit=letters[BESLUIT], vervallen=letters[VERVALLEN], groep=letters[GROEP],
                             getekend=letters[GETEKEND], opnieuw=letters[OPNIEUW])
        # The formulas of one row, made once with a row number no sheet has, then given each row's number.
        self._getekend, self._status = getekend_formule(self.cellen, _PLEK), status_formule(self.cellen, _PLEK)
        plan = self.plan
        self.opslag.koppel_hernoemd(self.overgeslagen)
        self.opslag.nummer_groepen()
        # The values this reading looks at; the other cells only lend their style to what is written in them.
        self._te_lezen = {kolnr[k] for k in (SLEUTEL, VERVALLEN, VERSIE, VERSTUURD_OP, ONTVANGEN_OP, BESLUIT, OPNIEUW,
                                             CODE, "Leerlingnummer", "Document", "Ondertekenaar", "Klas")} | te_meten
        for rij, van_de_ronde in self._verwerk(tellen=True):
            if van_de_ronde:
                self._meet(rij, te_meten)
        self.opslag.nummer_nieuwe(plan.laatste)
        for w in plan.versiewijzigingen:  # their order: the round's reading order, then the row
            w.volgorde = self.opslag.volgorde(w.sleutel)
        plan.versiewijzigingen.sort(key=lambda w: (w.volgorde, w.rij))
        for rij in self._nieuwe_rijen(tellen=True):
            self._meet(rij, te_meten)
        plan.rijen += plan.toegevoegd

    def _meld(self, soort: str, rij: Rij, ondertekenaar=None, was=None, leerlingnummer=None,
              document=None) -> None:
        k = self.kolnr
        self.plan.wijzigingen.append(Melding(
            soort, rij.nummer,
            _tekst(rij.waarde(k["Leerlingnummer"])) if leerlingnummer is None else leerlingnummer,
            _tekst(rij.waarde(k["Document"])) if document is None else document,
            _tekst(rij.waarde(k["Ondertekenaar"])) if ondertekenaar is None else ondertekenaar,
            None if was is None else _tekst(was)))

    def _meet(self, rij: Rij, nieuwe_kolommen: set[int]) -> None:
        klas = rij.waarde(self.kolnr["Klas"])
        tekst = "" if klas is None else str(klas)
        if tekst:
            self.plan.klassen.setdefault(tekst.casefold(), tekst)
        for k in nieuwe_kolommen:
            w = rij.waarde(k)
            if w is not None:
                self.plan.langste[k] = max(self.plan.langste.get(k, 0), len(str(w)))

    # --- reading 3: the rows as they will be written ---------------------------------------------------
    def rijen(self) -> Iterator[Rij]:
        for rij, _ in self._verwerk(tellen=False):
            yield rij
        yield from self._nieuwe_rijen(tellen=False)

    def _verwerk(self, tellen: bool) -> Iterator[tuple[Rij, bool]]:
        """Every existing row with our changes made; the bool says whether it is a row of the round."""
        plan, kolnr = self.plan, self.kolnr
        sleutel_kolom = kolnr[SLEUTEL]
        # Only what is written needs its XML; deciding needs only some values.
        for rij in self._rijen(met_xml=not tellen, alleen=self._te_lezen if tellen else None):
            if rij.nummer < 2:
                continue
            sleutel = Sleutel.lees(rij.waarde(sleutel_kolom))
            if sleutel is None:
                yield rij, False
                continue
            vervallen = rij.waarde(kolnr[VERVALLEN])
            if vervallen != VERVANGEN_MARKERING:  # history of an older version is left as it is
                sleutel = self._actief(rij, sleutel, vervallen, tellen)
            if not tellen:  # formulas and groups need no style of their own: made only when written
                self._schrijf_formules(rij, sleutel)
                self._antwoord(rij, sleutel, nieuw=False)
            plan.rijen += tellen
            yield rij, True

    def _actief(self, rij: Rij, sleutel: Sleutel, vervallen: object, tellen: bool) -> Sleutel:
        """A row of the round that is not history: refreshed, renamed, needed again, moved to a newer version,
        replaced, or marked vervallen. Returns its key afterwards."""
        plan, kolnr = self.plan, self.kolnr
        g = self.opslag.gewenst(sleutel.tekst)
        if g is None and (nieuw := self.opslag.hernoemd(sleutel.tekst)) is not None:
            g = self.opslag.gewenst(nieuw)
            assert g is not None
            if tellen:
                plan.hernoemd += 1
                self._meld(HERNOEMD, rij, str(g.waarden.get("Ondertekenaar") or ""),
                           was=rij.waarde(kolnr["Ondertekenaar"]), leerlingnummer=g.sleutel.leerlingnummer,
                           document=g.sleutel.document)
            self._zet(rij, kolnr[SLEUTEL], g.sleutel.tekst)
        if g is None:
            if sleutel.leerlingnummer not in self.overgeslagen and _leeg(vervallen):
                self._zet(rij, kolnr[VERVALLEN], VERVALLEN_MARKERING)
                if tellen:
                    plan.vervallen += 1
                    self._meld(VERVALLEN_SOORT, rij)
            return sleutel
        sleutel = g.sleutel
        self._schrijf_werkboekwaarden(rij, g)
        if _leeg(vervallen):
            plan.behouden += tellen
        else:
            self._zet(rij, kolnr[VERVALLEN], None)
            if tellen:
                plan.hersteld += 1
                self._meld(HERSTELD, rij)
        oud = als_versie(rij.waarde(kolnr[VERSIE]))
        actie, versie = volg_versie(oud, self._invoer(rij), self.versies.get((sleutel.leerlingnummer,
                                                                             sleutel.document)))
        if actie in (Actie.GEZET, Actie.VERPLAATST):
            self._zet_versie(rij, versie)
            plan.versie_gezet += tellen and actie is Actie.GEZET
        elif actie is Actie.VERVANGEN:
            self._zet(rij, kolnr[VERVALLEN], VERVANGEN_MARKERING)  # kept as history; one new row asks again
            if tellen:
                self.opslag.vervangen(sleutel.tekst)
        if tellen and actie in (Actie.VERPLAATST, Actie.VERVANGEN):
            assert oud is not None and versie is not None
            plan.versiewijzigingen.append(Versiemelding(
                b"", sleutel.tekst, rij.nummer, sleutel.leerlingnummer, sleutel.document,
                str(g.waarden.get("Ondertekenaar") or ""), oud, versie, actie.value))
        return sleutel

    def _nieuwe_rijen(self, tellen: bool) -> Iterator[Rij]:
        kolnr, plan = self.kolnr, self.plan
        for nummer, g, historie, vervangen in self.opslag.nieuwe():
            documentversies = self.versies.get((g.sleutel.leerlingnummer, g.sleutel.document))
            huidige = documentversies.huidige if documentversies else None
            opnieuw = vervangen or (historie and huidige is not None)
            rij = Rij(nummer)
            self._schrijf_werkboekwaarden(rij, g)
            nr = rij.cellen.get(kolnr["Leerlingnummer"])
            if nr is not None:  # text: leading zeros stay when she retypes it
                nr.s = self.stijlen.van(nr.s, number_format="@")
            else:
                rij.cellen[kolnr["Leerlingnummer"]] = Cel(self.stijlen.van(0, number_format="@"))
            self._zet(rij, kolnr[SLEUTEL], g.sleutel.tekst)
            self._zet_versie(rij, huidige)
            self._zet(rij, kolnr[OPNIEUW], OPNIEUW_MARKERING if opnieuw else None)
            for kolom in KOLOMMEN:
                if kolom.datum:
                    cel = rij.cellen.setdefault(kolnr[kolom.kop], Cel())
                    cel.s = self.stijlen.van(cel.s, number_format=DATUMNOTATIE)
            self._schrijf_formules(rij, g.sleutel)
            if tellen:
                plan.toegevoegd += 1
                plan.opnieuw_nodig += opnieuw
                if not self.nieuw:  # in a new tracker every row is new: the count says it
                    self._meld(TOEGEVOEGD, rij)
            else:
                self._antwoord(rij, g.sleutel, nieuw=True)
            yield rij

    def _invoer(self, rij: Rij) -> Rijinvoer:
        """The cells of the row that its status and its version depend on."""
        return Rijinvoer(*(rij.waarde(self.kolnr[kop])
                           for kop in (VERSTUURD_OP, ONTVANGEN_OP, BESLUIT, VERVALLEN, OPNIEUW, CODE)))

    def _antwoord(self, rij: Rij, sleutel: Sleutel, nieuw: bool) -> None:
        versie = als_versie(rij.waarde(self.kolnr[VERSIE]))
        if versie is not None:
            self.opslag.antwoord(Antwoord(sleutel, versie, self._invoer(rij), nieuw=nieuw))

    def _schrijf_werkboekwaarden(self, rij: Rij, g: GewensteRij) -> None:
        for kolom in KOLOMMEN:
            if kolom.soort is Soort.WERKBOEK:
                self._zet(rij, self.kolnr[kolom.kop], g.waarden.get(kolom.kop))

    def _schrijf_formules(self, rij: Rij, sleutel: Sleutel) -> None:
        """Groep number, the hidden Getekend helper and the Status formula."""
        kolnr, nummer = self.kolnr, str(rij.nummer)
        self._zet(rij, kolnr[GROEP], self.opslag.groep_id(sleutel.instemmingsgroep))
        self._zet(rij, kolnr[GETEKEND], Formule(self._getekend.replace(str(_PLEK), nummer)))
        self._zet(rij, kolnr[STATUS], Formule(self._status.replace(str(_PLEK), nummer)))

    def _zet_versie(self, rij: Rij, versie: int | None) -> None:
        kolom = self.kolnr[VERSIE]
        self._zet(rij, kolom, versie)
        cel = rij.cellen[kolom]
        cel.s = self.stijlen.van(cel.s, midden=True)

    def _zet(self, rij: Rij, kolom: int, waarde) -> None:
        """As excel_cells.zet: the cell keeps its style; text that could run as a formula gets the quote prefix."""
        oud = rij.cellen.get(kolom)
        s = oud.s if oud is not None else 0
        if isinstance(waarde, str) and not isinstance(waarde, Formule):
            gevaarlijk = waarde.startswith(GEVAARLIJKE_BEGINTEKENS)
            if gevaarlijk or self.stijlen.heeft_prefix(s):
                s = self.stijlen.van(s, quote_prefix=gevaarlijk)
        rij.cellen[kolom] = nieuwe_cel(waarde, s)


def _tekst(value) -> str:
    return "" if value is None else str(value)


def _leeg(value) -> bool:
    return value is None or value == ""
