"""The tracker file itself: where it lives, Excel's lock file, opening it (with openpyxl's warnings put
into Dutch) and the backup written before every change."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import openpyxl
from openpyxl.xml import DEFUSEDXML

from ..files import atomic_write_bytes, office_lock, safe_name, tijdelijke_bestanden
from ..problems import OppError
from ..werkboek.xlsx import check_container

BESTANDSNAAM = "ondertekening.xlsx"

assert DEFUSEDXML, "openpyxl must parse the tracker with defusedxml (install defusedxml)"

# openpyxl's warning (a fragment of it) -> what the secretary loses, in Dutch.
_VERTALINGEN = (
    ("data validation extension", "Een keuzelijst of invoercontrole die Excel als uitbreiding bewaart (bijvoorbeeld "
                                  "een lijst die naar een ander blad verwijst) gaat verloren."),
    ("conditional formatting extension", "Voorwaardelijke opmaak die Excel als uitbreiding bewaart (zoals "
                                         "gegevensbalken, pictogrammen of regels met verwijzingen naar een ander "
                                         "blad) gaat verloren."),
    ("slicer list extension", "Slicers gaan verloren."),
    ("sparkline", "Sparklines (minigrafieken in een cel) gaan verloren."),
    ("unknown extension", "Een onderdeel van Excel dat opp niet kent, gaat verloren."),
    ("no default style", "Het bestand had geen standaardopmaak; opp gebruikt zijn eigen."),
    ("cannot be read", "Een onderdeel van het bestand kon niet worden gelezen en gaat verloren."),
)


# What openpyxl drops without a warning, found by looking into the package before it is read.
_VORM = re.compile(rb"<(?:\w+:)?(?:sp|grpSp|cxnSp)[\s>/]")
_STIL_VERLOREN = (
    (lambda naam, lees: naam.startswith("xl/drawings/drawing") and naam.endswith(".xml") and _VORM.search(lees()),
     "Vormen, tekstvakken en pijlen op een blad gaan verloren (grafieken en afbeeldingen blijven)."),
    (lambda naam, lees: naam.startswith("xl/ctrlProps/"),
     "Selectievakjes, knoppen en andere formulierelementen gaan verloren."),
    (lambda naam, lees: naam.startswith("xl/threadedComments/"),
     "Opmerkingen met antwoorden worden gewone notities; hun tekst blijft staan."),
)


def standaard_pad(schooljaar: str, basis: Path | None = None) -> Path:
    """output/<schooljaar>/ondertekening.xlsx, relative to `basis` (default: the current folder)."""
    return (basis or Path(".")) / "output" / safe_name(schooljaar) / BESTANDSNAAM


SCHOOLJAAR_MAP = re.compile(r"(\d{4})-(\d{4})")  # output/<schooljaar>/: the school's own years only


def zoek_tracker(basis: Path | None = None) -> Path:
    """The tracker of the latest school year under output/ (for `opp tracker status` without --tracker).

    Only folders named as a school year (2026-2027) count: never output/demo/ or a folder of one's own."""
    gevonden = sorted((p for p in (basis or Path(".")).glob(f"output/*/{BESTANDSNAAM}")
                       if SCHOOLJAAR_MAP.fullmatch(p.parent.name)), key=lambda p: p.parent.name)
    if not gevonden:
        raise OppError(f"Geen tracker gevonden in output/<schooljaar>/{BESTANDSNAAM}. Geef het pad met --tracker, "
                       "of maak hem met: opp tracker sync WERKBOEK")
    return gevonden[-1]


def controleer_nieuw_pad(pad: Path, standaard: Path) -> None:
    """A tracker that does not exist yet is made only in a folder that exists, or where the default one goes
    (output/<schooljaar>/ondertekening.xlsx, also under another folder): a mistyped --tracker must not make a
    new tracker and its folders without a word."""
    if pad.exists() or pad.parent.is_dir() or Path(pad).parts[-3:] == Path(standaard).parts[-3:]:
        return
    raise OppError(f"De map '{pad.parent}' bestaat niet, dus '{pad.name}' is geen bestaande tracker. Controleer het "
                   "pad bij --tracker, of laat --tracker weg voor de tracker van het schooljaar "
                   f"({standaard}).")


def controleer_niet_geopend(pad: Path) -> None:
    """Refuse while Excel (or LibreOffice) has the tracker open: its changes would overwrite ours."""
    lock = office_lock(pad)
    if lock is not None:
        raise OppError(
            f"'{pad.name}' is geopend in Excel of LibreOffice (het bestand '{lock.name}' staat ernaast). "
            f"Sluit het en probeer het opnieuw; is het al gesloten, verwijder dan '{lock.name}'.")


def vertaal_waarschuwing(tekst: str) -> str:
    laag = tekst.lower()
    for fragment, dutch in _VERTALINGEN:
        if fragment in laag:
            return dutch
    return f"Een onderdeel van het bestand kan opp niet bewaren ({tekst})."


@dataclass(frozen=True)
class Versie:
    """What a sync read: the tracker is never written over a version other than this one."""

    grootte: int
    mtime_ns: int
    sha256: str
    inhoud: bytes = field(repr=False, compare=False)


def lees_versie(pad: Path) -> Versie | None:
    """The tracker's bytes and fingerprint, read once (None: there is no tracker yet)."""
    try:
        with open(pad, "rb") as fh:
            inhoud = fh.read()
            info = os.fstat(fh.fileno())
    except FileNotFoundError:
        return None
    return Versie(info.st_size, info.st_mtime_ns, hashlib.sha256(inhoud).hexdigest(), inhoud)


def is_veranderd(pad: Path, gelezen: Versie | None) -> bool:
    """True when the file on disk is no longer the version read (saved by someone, created or removed)."""
    try:
        info = os.stat(pad)
    except FileNotFoundError:
        return gelezen is not None
    if gelezen is None:
        return True
    if (info.st_size, info.st_mtime_ns) == (gelezen.grootte, gelezen.mtime_ns):
        return False
    nu = lees_versie(pad)  # touched: only a different content counts
    return nu is None or nu.sha256 != gelezen.sha256


def tijdelijke_resten(pad: Path, ouder_dan: float = 60.0) -> list[Path]:
    """Remove the temp files of earlier syncs (or backups) that were interrupted, and return them."""
    stam = re.escape(pad.stem[:40]) + r"(?:\.backup-[\d-]*)?"
    weg = tijdelijke_bestanden(pad, stam=stam, ouder_dan=ouder_dan)
    for rest in weg:
        rest.unlink(missing_ok=True)
    return weg


def open_tracker(pad: Path, *, alleen_lezen: bool = False, versie: Versie | None = None,
                 inhoud: bytes | None = None):
    """Open the tracker (from `versie`, the bytes a sync read, when given; from `inhoud`, those bytes with the
    tracker sheet's rows left out, when the sync streams them). Returns (workbook, Dutch warnings of what
    openpyxl will not keep)."""
    pad = Path(pad)
    if not pad.is_file():
        raise OppError(f"Er is geen tracker op '{pad}'. Maak hem met: opp tracker sync WERKBOEK")
    check_container(pad)
    bron = io.BytesIO(inhoud) if inhoud is not None else io.BytesIO(versie.inhoud) if versie is not None else pad
    with warnings.catch_warnings(record=True) as gevangen:
        warnings.simplefilter("always")
        try:
            wb = openpyxl.load_workbook(bron, read_only=alleen_lezen, rich_text=not alleen_lezen)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
            raise OppError(f"'{pad.name}' is geen leesbare tracker ({type(exc).__name__}). Zet de nieuwste "
                           "backup terug (ondertekening.backup-...xlsx) of maak een nieuwe.") from exc
    meldingen = [] if alleen_lezen else stil_verloren(io.BytesIO(versie.inhoud) if versie is not None else pad)
    for w in gevangen:
        if issubclass(w.category, UserWarning):
            tekst = vertaal_waarschuwing(str(w.message))
            if tekst not in meldingen:
                meldingen.append(tekst)
    return wb, meldingen


def stil_verloren(pad) -> list[str]:
    """What the secretary added that openpyxl drops silently (shapes, form controls, threaded comments)."""
    meldingen: list[str] = []
    with zipfile.ZipFile(pad) as package:
        for naam in package.namelist():
            for geraakt, melding in _STIL_VERLOREN:
                if melding not in meldingen and geraakt(naam, partial(package.read, naam)):
                    meldingen.append(melding)
    return meldingen


def schrijf_backup(pad: Path, nu: dt.datetime, inhoud: bytes | None = None) -> Path:
    """A copy beside the tracker (of `inhoud`, the version read, when given), named after the moment,
    readable by the owner only."""
    basis = f"{pad.stem}.backup-{nu:%Y%m%d-%H%M%S}"
    backup, n = pad.with_name(basis + pad.suffix), 1
    while backup.exists():
        n += 1
        backup = pad.with_name(f"{basis}-{n}{pad.suffix}")
    atomic_write_bytes(backup, pad.read_bytes() if inhoud is None else inhoud)
    return backup


def ruim_backups_op(pad: Path, bewaren: int) -> list[Path]:
    """Delete all but the newest `bewaren` backups of this tracker and return what was deleted.

    Every backup holds the pupils' personal data, so they are not kept without end (AVG: no more copies
    than needed). Only files named exactly as schrijf_backup names them are touched."""
    patroon = re.compile(rf"{re.escape(pad.stem)}\.backup-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(pad.suffix)}")
    backups = []
    for kandidaat in pad.parent.iterdir():
        match = patroon.fullmatch(kandidaat.name)
        if match and kandidaat.is_file():
            backups.append(((match.group(1), int(match.group(2) or 1)), kandidaat))
    backups.sort(reverse=True)  # newest first: the moment, then the number within one second
    oud = [backup for _, backup in backups[bewaren:]]
    for backup in oud:
        backup.unlink(missing_ok=True)
    return oud
