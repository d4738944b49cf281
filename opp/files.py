"""Writing files safely: atomic (temp file + rename), readable by the owner only, never outside a folder."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path

from .problems import OppError

OWNER_ONLY = 0o600
_RESERVED = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def atomic_write(path: Path, write: Callable[[str], object], mode: int = OWNER_ONLY) -> None:
    """Call write(tmp_path), then rename it over `path`; a crash leaves the old file intact."""
    path = Path(path)
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem[:40]}.", suffix=path.suffix + ".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, mode)
        write(tmp)
        os.chmod(tmp, mode)  # some writers replace the file rather than fill it
        os.replace(tmp, path)
    except PermissionError as exc:
        _remove(tmp)
        raise OppError(f"Kan '{path}' niet schrijven: geen toegang. Is het bestand geopend in Word of Excel?") from exc
    except BaseException:
        _remove(tmp)
        raise


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


def safe_name(text: str, max_length: int = 80) -> str:
    """A file-name part from user data: no separators, reserved characters, dots in front or '..'."""
    text = unicodedata.normalize("NFC", str(text))
    text = _RESERVED.sub("_", text).replace("..", "_")
    text = re.sub(r"\s+", " ", text).strip(" ._")
    if text.lower().split(".")[0] in _WINDOWS_RESERVED:
        text = "_" + text
    return text[:max_length].rstrip(" ._") or "onbekend"


def inside(folder: Path, candidate: Path) -> bool:
    """True when candidate (resolved, links followed) lies within folder."""
    try:
        Path(candidate).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
