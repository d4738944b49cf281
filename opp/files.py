"""Writing files safely: atomic (temp file + rename), readable by the owner only, never outside a folder."""

from __future__ import annotations

import gc
import hashlib
import os
import re
import sys
import tempfile
import time
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .problems import OppError, SchijfVol, is_schijf_vol, schijf_vol

OWNER_ONLY = 0o600
NAME_MAX_BYTES = 255  # a file name on Linux and macOS, in UTF-8 bytes (Windows: 255 UTF-16 units, never more)
_SHORTENED = "…"
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def atomic_write(path: Path, write: Callable[[str], object], mode: int = OWNER_ONLY,
                 voor_vervangen: Callable[[], None] | None = None) -> None:
    """Call write(tmp_path), then rename it over `path`; a crash leaves the old file intact.

    voor_vervangen runs after the write and just before the rename: it may raise to keep the old file.
    A full disk becomes SchijfVol naming the folder; nothing half-written is left."""
    path = Path(path)
    try:
        private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as exc:
        if is_schijf_vol(exc):
            raise SchijfVol(path.parent) from None
        raise
    os.close(fd)
    try:
        os.chmod(tmp, mode)
        write(tmp)
        os.chmod(tmp, mode)  # some writers replace the file rather than fill it
        if voor_vervangen is not None:
            voor_vervangen()
        os.replace(tmp, path)
    except PermissionError as exc:
        _remove(tmp)
        raise OppError(f"Kan '{path}' niet schrijven: geen toegang. Is het bestand geopend in Word of Excel?") from exc
    except Exception as exc:
        vol = schijf_vol(exc, path.parent)
        if vol is None:
            _remove(tmp)
            raise
        _sluit_achtergelaten(exc)
        _remove(tmp)
        raise vol from None
    except BaseException:
        _remove(tmp)
        raise


def _sluit_achtergelaten(exc: BaseException) -> None:
    """A writer that failed halfway may leave its file open (openpyxl's save leaves its ZipFile open). Closed
    later, in ZipFile.__del__, it would fail again and print a traceback after our message: close it now,
    quietly, by dropping the frames that hold it."""
    vorige = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        traceback.clear_frames(exc.__traceback__)
        exc.__traceback__ = None
        exc.__context__ = None
        gc.collect()
    finally:
        sys.unraisablehook = vorige


def tijdelijke_bestanden(doel: Path, stam: str | None = None, ouder_dan: float = 60.0) -> list[Path]:
    """Temp files atomic_write left beside `doel` when a run was killed, older than `ouder_dan` seconds.

    Only names exactly as atomic_write makes them ('.<stem>.<8 random>.<suffix>.tmp'); `stam` is a regular
    expression for the stem (default: exactly doel's)."""
    doel = Path(doel)
    stam = stam if stam is not None else re.escape(doel.stem[:40])
    patroon = re.compile(rf"\.{stam}\.[a-z0-9_]{{8}}{re.escape(doel.suffix)}\.tmp")
    grens = time.time() - ouder_dan
    gevonden = []
    try:
        kandidaten = list(doel.parent.iterdir())
    except FileNotFoundError:
        return []
    for kandidaat in kandidaten:
        try:
            if patroon.fullmatch(kandidaat.name) and kandidaat.is_file() and kandidaat.stat().st_mtime < grens:
                gevonden.append(kandidaat)
        except FileNotFoundError:
            continue
    return sorted(gevonden)


def office_lock(path: Path) -> Path | None:
    """The lock file Excel (~$name) or LibreOffice (.~lock.name#) keeps beside a file it has open, if any."""
    path = Path(path)
    for lock in (path.with_name("~$" + path.name), path.with_name("~$" + path.name[2:]),
                 path.with_name(f".~lock.{path.name}#")):
        if lock.exists():
            return lock
    return None


def private_dir(folder: Path) -> None:
    """Create folder and any missing parents readable by the owner only: file names hold pupils' names."""
    missing = []
    folder = Path(folder)
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=0o700)
        except FileExistsError:
            pass


def atomic_write_bytes(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    atomic_write(path, lambda tmp: Path(tmp).write_bytes(data), mode)


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def safe_name(text: str, max_length: int = 80, max_bytes: int = NAME_MAX_BYTES) -> str:
    """A file-name part from user data: no separators, reserved characters, dots in front or '..', and no
    invisible characters (bidi controls could make 'rapport\u202excod.exe' look like '...exe.docx').

    At most `max_length` characters and `max_bytes` bytes in UTF-8; a longer text is cut visibly ('…') and
    gets a short hash of the whole, so two long names that start alike stay two files."""
    text = "".join(_visible(c) for c in unicodedata.normalize("NFC", str(text)))
    text = _RESERVED.sub("_", text).replace("..", "_")
    text = re.sub(r"\s+", " ", text).strip(" ._")
    if text.lower().split(".")[0] in _WINDOWS_RESERVED:
        text = "_" + text
    if len(text) > max_length or len(text.encode("utf-8")) > max_bytes:
        suffix = _SHORTENED + hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
        text = _cut(text, max_length - len(suffix), max_bytes - len(suffix.encode("utf-8"))).rstrip(" ._") + suffix
    return text.rstrip(" ._") or "onbekend"


def _visible(char: str) -> str:
    """Whitespace of any kind becomes a space; format (Cf: bidi, zero-width), control (Cc) and surrogate
    characters (Cs: not encodable in a file name) are dropped."""
    if char.isspace():
        return " "
    return "" if unicodedata.category(char) in ("Cf", "Cc", "Cs") else char


def _cut(text: str, max_length: int, max_bytes: int) -> str:
    """The longest start of text within both limits, cut between characters (never inside one)."""
    out, size = [], 0
    for char in text[:max(max_length, 0)]:
        size += len(char.encode("utf-8"))
        if size > max_bytes:
            break
        out.append(char)
    return "".join(out)


def inside(folder: Path, candidate: Path) -> bool:
    """True when candidate (resolved, links followed) lies within folder."""
    try:
        Path(candidate).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
