"""The working folder the app serves: which workbook is chosen, where output goes, and the files a page may
offer for download (by an opaque id, never by a path from the browser)."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write_bytes, safe_name
from ..invoer import Invoer, open_invoer, vandaag
from ..problems import OppError, Report
from ..register.db import register_pad
from ..register.versies import VersiesResultaat, versies

WERKBOEK_SOORTEN = (".xlsx", ".xlsm", ".ods")  # what the folder list offers; an upload goes to the reader as it is


@dataclass(frozen=True)
class Leerlingkeuze:
    """A pupil as the Documenten page offers it (the form posts the number; it never goes into a URL)."""

    leerlingnummer: str
    naam: str
    klas: str


@dataclass(frozen=True)
class Overzicht:
    """What the pages show of the chosen workbook: its report, classes, pupils and documents' versions."""

    report: Report
    bruikbaar: bool
    schooljaar: str | None
    klassen: list[str]
    leerlingen: list[Leerlingkeuze]
    versies: VersiesResultaat | None  # the register's versions (None: the workbook is not usable)


def _stempel(pad: Path) -> tuple[int, int] | None:
    try:
        info = pad.stat()
    except FileNotFoundError:
        return None
    return info.st_mtime_ns, info.st_size


def veilig_pad(root: Path, relatief: str | Path) -> Path | None:
    """`relatief` inside `root` as an existing file, or None: no absolute paths, no '..', no link out."""
    deel = Path(relatief)
    if deel.is_absolute() or ".." in deel.parts or not str(relatief):
        return None
    try:
        echt = (root / deel).resolve(strict=True)
        echt.relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    return echt if echt.is_file() else None


class Bestanden:
    """Files under the output folder, each known to the browser only by a random id."""

    def __init__(self, root: Path):
        self.root = root
        self._per_id: dict[str, str] = {}
        self._per_pad: dict[str, str] = {}

    def id(self, pad: Path) -> str | None:
        """The id of a file under the output folder (None for anything else: it is never offered)."""
        try:
            relatief = Path(pad).resolve().relative_to(self.root.resolve()).as_posix()
        except (OSError, ValueError):
            return None
        if veilig_pad(self.root, relatief) is None:  # gone, or not a file
            return None
        if relatief not in self._per_pad:
            nieuw = secrets.token_urlsafe(16)
            self._per_pad[relatief], self._per_id[nieuw] = nieuw, relatief
        return self._per_pad[relatief]

    def registreer(self, relatief: str) -> str:
        """An id for a path as given (for the tests of the guard: the guard is checked at download)."""
        nieuw = secrets.token_urlsafe(16)
        self._per_id[nieuw] = relatief
        return nieuw

    def pad(self, bestand_id: str) -> Path | None:
        relatief = self._per_id.get(bestand_id)
        return veilig_pad(self.root, relatief) if relatief is not None else None


class Werkmap:
    """The served folder: werkboek + opp.toml + output/. One user, one chosen workbook at a time."""

    def __init__(self, map: Path):
        self.map = Path(map).resolve()
        if not self.map.is_dir():
            raise OppError(f"De map '{map}' bestaat niet. Geef de map met het werkboek en opp.toml, of maak er "
                           "een met: opp init MAP")
        self.uitvoer = self.map / "output"
        self.bestanden = Bestanden(self.uitvoer)
        kandidaten = self.kandidaten()
        standaard = self.map / "werkboek.xlsx"
        self.werkboek: Path | None = standaard if standaard in kandidaten else (kandidaten[0] if kandidaten else None)
        self._cache: tuple[tuple, Overzicht] | None = None

    def kandidaten(self) -> list[Path]:
        """The workbooks in the folder (Excel's own lock files '~$...' left out)."""
        return sorted(p for p in self.map.iterdir()
                      if p.is_file() and p.suffix.lower() in WERKBOEK_SOORTEN and not p.name.startswith("~$"))

    def kies(self, naam: str) -> Path:
        for pad in self.kandidaten():
            if pad.name == naam:
                self.werkboek = pad
                return pad
        raise OppError(f"'{naam}' staat niet (meer) in de werkmap. Kies een werkboek uit de lijst.")

    def open(self, datum: dt.date | None = None) -> Invoer:
        """The chosen workbook, read once with the same reader and guards as the CLI."""
        if self.werkboek is None:
            raise OppError("Er is nog geen werkboek gekozen. Kies er een op de pagina Werkboek of upload er een.")
        return open_invoer(self.werkboek, datum)

    def uitmap(self, invoer: Invoer) -> Path:
        """output/<schooljaar>/ in the working folder (the CLI's default, made absolute)."""
        return self.map / invoer.uitmap

    def overzicht(self) -> Overzicht:
        """The chosen workbook's report, classes, pupils and versions; read again only when the workbook or
        the register changed (or the day did)."""
        if self.werkboek is None:
            raise OppError("Er is nog geen werkboek gekozen. Kies er een op de pagina Werkboek of upload er een.")
        try:
            info = self.werkboek.stat()
        except FileNotFoundError:
            raise OppError(f"Het werkboek '{self.werkboek.name}' staat niet meer in de werkmap.") from None
        sleutel = (self.werkboek, info.st_mtime_ns, info.st_size, vandaag(), _stempel(register_pad(self.map)))
        if self._cache and self._cache[0] == sleutel:
            return self._cache[1]
        with self.open() as invoer:
            leerlingen = [Leerlingkeuze(nr, rij.model.volledige_naam, rij.model.klas)
                          for nr, rij in invoer.leerlingen.items()]
            overzicht = Overzicht(report=invoer.report, bruikbaar=invoer.is_bruikbaar,
                                  schooljaar=invoer.school.schooljaar if invoer.school else None,
                                  klassen=sorted({ll.klas for ll in leerlingen}),
                                  leerlingen=sorted(leerlingen, key=lambda ll: (ll.klas, ll.naam)),
                                  versies=versies(invoer) if invoer.is_bruikbaar and self._heeft_documenten() else None)
        # Looking at the versions may have created or rebuilt the register: key on it as it is now.
        self._cache = (sleutel[:-1] + (_stempel(register_pad(self.map)),), overzicht)
        return overzicht

    def _heeft_documenten(self) -> bool:
        """Only then are versions looked up: looking makes (or rebuilds) the register, and a page that was
        merely viewed leaves a fresh folder as it was."""
        return register_pad(self.map).exists() or self.uitvoer.exists()

    def bewaar_upload(self, bestandsnaam: str, inhoud: bytes, vervang: bool) -> Path:
        """Keep an uploaded workbook in the working folder, but only once the CLI's reader could read it:
        it is read first in a private folder, so a broken file never replaces a good one."""
        naam = safe_name(Path(bestandsnaam or "werkboek.xlsx").name, 80)
        doel = self.map / naam
        if doel.exists() and not vervang:
            raise OppError(f"Er staat al een werkboek '{naam}' in de werkmap. Vink 'Vervang het werkboek met "
                           "dezelfde naam' aan, of geef het bestand een andere naam.")
        proef = Path(tempfile.mkdtemp(prefix=".opp-upload-", dir=self.map))  # owner-only
        try:
            kopie = proef / naam
            atomic_write_bytes(kopie, inhoud)
            with open_invoer(kopie):  # OppError (not a workbook, encrypted, .xls, ...) as with `opp check`
                pass
            os.replace(kopie, doel)
        finally:
            shutil.rmtree(proef, ignore_errors=True)
        self.werkboek = doel
        self._cache = None
        return doel
