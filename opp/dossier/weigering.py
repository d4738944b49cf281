"""Which files never go into a TLV dossier: every file that holds other pupils' data.

A dossier goes to the samenwerkingsverband and is about one pupil. Refused, whatever the file is called or
how it is linked: the workbook (the same file by inode, or the same bytes), any spreadsheet with a sheet of
the workbook contract or the tracker's sheet, the tracker and its backups, the register, a CSV table with a
Leerlingnummer column, anything under an output folder, and another pupil's documents (a name that starts
with their leerlingnummer, or a name or text that names them).

`Weigering.reden(pad)` answers with a short Dutch reason, or None when the file may go in. Files are only
peeked at (names, sizes, the first parts of a zip), never loaded whole, so a large or hostile attachment
costs little.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..files import inside
from ..tracker.layout import BLAD as TRACKER_BLAD
from ..werkboek.contract import SHEETS, normalize_header

REGISTER = "opp-register.sqlite"
TRACKER_NAAM = "ondertekening"
SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_DEEL = 20 * 1024 * 1024  # read at most this much of one part of a zip (a zip bomb stops here)
MAX_PDF_PAGINAS = 30
MIN_NUMMER_IN_TEKST = 5  # shorter numbers also occur as page numbers or years; in a file name any length counts
PUPIL_SHEETS = {normalize_header(s.name) for s in SHEETS if not s.key_value}
_DOCX_TEKST = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|comments)\.xml|docProps/core\.xml)$")
_WOORD = re.compile(r"\w+")


@dataclass
class Leerlingen:
    """Every pupil of the workbook: their numbers, and their names as word sequences."""

    nummers: set[str] = field(default_factory=set)
    namen: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # words of a name -> leerlingnummers
    vormen: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # leerlingnummer -> their names

    def voeg_toe(self, nr: str, roepnaam: str | None = None, tussenvoegsel: str | None = None,
                 achternaam: str | None = None) -> None:
        self.nummers.add(nr)
        if roepnaam and achternaam:
            for vorm in (f"{roepnaam} {tussenvoegsel or ''} {achternaam}",
                         f"{achternaam} {roepnaam} {tussenvoegsel or ''}"):  # the second as in file names
                woorden = tuple(_woorden(vorm))
                if len(woorden) >= 2:
                    self.namen.setdefault(woorden, set()).add(nr)
                    self.vormen.setdefault(nr, []).append(woorden)

    def genoemd(self, tekst: str, eigen: str, in_bestandsnaam: bool = False) -> str | None:
        """The leerlingnummer of a pupil other than `eigen` whom the text names, or None. A name the pupil
        shares with another counts as the pupil's own: text cannot tell them apart."""
        woorden = _woorden(tekst)
        minimaal = 1 if in_bestandsnaam else MIN_NUMMER_IN_TEKST
        for woord in woorden:
            if woord != eigen and len(woord) >= minimaal and woord in self.nummers:
                return woord
        eigen_vormen = set(self.vormen.get(eigen, ()))
        for lengte in {len(n) for n in self.namen}:
            for begin in range(len(woorden) - lengte + 1):
                vorm = tuple(woorden[begin:begin + lengte])
                anderen = self.namen.get(vorm, set()) - {eigen}
                if anderen and vorm not in eigen_vormen:
                    return min(anderen)
        return None


class Weigering:
    """Built once per run: the workbook's files and fingerprints, the output folders and every pupil."""

    def __init__(self, werkboek: Path, uitmappen: list[Path], leerlingen: Leerlingen):
        werkboek = Path(werkboek)
        self._werkboekbestanden = (sorted(p for p in werkboek.iterdir() if p.suffix.lower() == ".csv")
                                   if werkboek.is_dir() else [werkboek])
        self._uitmappen = [Path(m) for m in uitmappen]
        self._leerlingen = leerlingen
        self._hashes: dict[Path, str] = {}

    def reden(self, pad: Path, leerlingnummer: str) -> str | None:
        """Why `pad` (an existing file) may not go into the dossier of `leerlingnummer`, or None."""
        for map_ in self._uitmappen:
            if inside(map_, pad):
                return "ligt in een uitvoermap van opp (daar staan documenten van alle leerlingen)"
        if self._is_werkboek(pad):
            return "is (een kopie van) het werkboek, met gegevens van alle leerlingen"
        naam = pad.name.lower().lstrip(".")
        if naam.startswith(TRACKER_NAAM) and ".xls" in naam:
            return "is de tracker van de ondertekenronde (of een backup ervan), met gegevens van alle leerlingen"
        if naam.startswith(REGISTER):
            return "is het register van opp, met gegevens van alle leerlingen"
        nr = self._andere_leerling_in_naam(pad.name, leerlingnummer)
        if nr is not None:
            return f"is volgens de naam een bestand van een andere leerling ({nr})"
        return self._reden_in_inhoud(pad, leerlingnummer)

    def _is_werkboek(self, pad: Path) -> bool:
        try:
            info = pad.stat()
        except OSError:
            return False
        for bestand in self._werkboekbestanden:
            try:
                eigen = bestand.stat()
            except OSError:
                continue
            if (info.st_dev, info.st_ino) == (eigen.st_dev, eigen.st_ino):  # the same file: a (hard) link
                return True
            if info.st_size == eigen.st_size and _sha256(pad) == self._hash(bestand):  # a copy
                return True
        return False

    def _hash(self, bestand: Path) -> str:
        if bestand not in self._hashes:
            self._hashes[bestand] = _sha256(bestand)
        return self._hashes[bestand]

    def _andere_leerling_in_naam(self, naam: str, leerlingnummer: str) -> str | None:
        for nr in self._leerlingen.nummers:  # '024105 Kuipers, Bram - OPP - ...': how opp names documents
            if nr != leerlingnummer and naam.startswith(nr) and not naam[len(nr):len(nr) + 1].isalnum():
                return nr
        return self._genoemd(Path(naam).stem, leerlingnummer, in_bestandsnaam=True)

    def _genoemd(self, tekst: str, leerlingnummer: str, in_bestandsnaam: bool = False) -> str | None:
        return self._leerlingen.genoemd(tekst, leerlingnummer, in_bestandsnaam)

    def _reden_in_inhoud(self, pad: Path, leerlingnummer: str) -> str | None:
        try:
            with open(pad, "rb") as fh:
                begin = fh.read(64 * 1024)
        except OSError:
            return None
        if begin.startswith(SQLITE_MAGIC):
            return "is een database (zoals het register van opp), met gegevens van meer leerlingen"
        if begin.startswith(b"PK") and zipfile.is_zipfile(pad):
            return self._reden_in_zip(pad, leerlingnummer)
        if begin.startswith(b"%PDF"):
            nr = self._genoemd(_pdf_tekst(pad), leerlingnummer)
            return f"noemt een andere leerling ({nr})" if nr else None
        if pad.suffix.lower() in (".csv", ".txt", ".tsv"):
            eerste = begin.decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0]
            koppen = {normalize_header(k) for k in re.split(r"[;,\t]", eerste)}
            if "leerlingnummer" in koppen:
                return "is een tabel met een kolom Leerlingnummer (een blad van het werkboek)"
        return None

    def _reden_in_zip(self, pad: Path, leerlingnummer: str) -> str | None:
        try:
            with zipfile.ZipFile(pad) as zf:
                namen = zf.namelist()
                if "xl/workbook.xml" in namen or "content.xml" in namen and _is_ods(zf):
                    bladen = _bladnamen(zf)
                    if normalize_header(TRACKER_BLAD) in bladen:
                        return "is de tracker van de ondertekenronde (of een kopie), met gegevens van alle leerlingen"
                    if bladen & PUPIL_SHEETS:
                        return "is een werkboek met bladen van opp (gegevens van alle leerlingen)"
                    return None
                if "word/document.xml" in namen:
                    tekst = " ".join(_lees(zf, n) for n in namen if _DOCX_TEKST.match(n))
                    nr = self._genoemd(tekst, leerlingnummer)
                    return f"noemt een andere leerling ({nr})" if nr else None
                for naam in namen:  # a zip of files: the names of its files
                    nr = self._andere_leerling_in_naam(Path(naam).name, leerlingnummer)
                    if nr is not None:
                        return f"bevat een bestand van een andere leerling ({nr})"
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
            return None  # not readable as a zip: it goes in as it is, like any other file
        return None


def _woorden(tekst: str) -> list[str]:
    return _WOORD.findall(tekst.casefold())


def _sha256(pad: Path) -> str:
    digest = hashlib.sha256()
    with open(pad, "rb") as fh:
        for blok in iter(lambda: fh.read(1024 * 1024), b""):
            digest.update(blok)
    return digest.hexdigest()


def _lees(zf: zipfile.ZipFile, naam: str) -> str:
    with zf.open(naam) as fh:
        data = fh.read(MAX_DEEL)
    return html.unescape(re.sub(r"<[^>]+>", " ", data.decode("utf-8", "replace")))


def _is_ods(zf: zipfile.ZipFile) -> bool:
    try:
        return b"spreadsheet" in zf.read("mimetype")[:200]
    except KeyError:
        return False


def _bladnamen(zf: zipfile.ZipFile) -> set[str]:
    if "xl/workbook.xml" in zf.namelist():
        with zf.open("xl/workbook.xml") as fh:
            xml = fh.read(MAX_DEEL).decode("utf-8", "replace")
        namen = re.findall(r"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"", xml)
    else:
        with zf.open("content.xml") as fh:
            xml = fh.read(MAX_DEEL).decode("utf-8", "replace")
        namen = re.findall(r"<table:table\b[^>]*?\btable:name=\"([^\"]*)\"", xml)
    return {normalize_header(html.unescape(n)) for n in namen}


def _pdf_tekst(pad: Path) -> str:
    from pypdf import PdfReader

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a damaged attachment is merged (or noted) later; here we only peek
            reader = PdfReader(pad)
            delen = [reader.metadata.title or "" if reader.metadata else ""]
            for pagina in reader.pages[:MAX_PDF_PAGINAS]:
                delen.append(pagina.extract_text() or "")
        return " ".join(delen)
    except Exception:  # noqa: BLE001 - any unreadable PDF: nothing to find in it
        return ""


def uitmappen(werkmap: Path, *extra: Path | None) -> list[Path]:
    """The output folders: `output/` here and beside the workbook, and the folders this run writes to."""
    mappen = [Path("output"), Path(werkmap) / "output", *(Path(m) for m in extra if m is not None)]
    return list(dict.fromkeys(Path(os.path.abspath(m)) for m in mappen))
