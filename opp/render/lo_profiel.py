"""A LibreOffice profile made once and kept in the user's cache, copied for each office.

An office given an empty profile folder makes a profile and then starts itself a second time (about 0.3 s
per office, on every run); a copy of a profile made before starts at once. The cached profile is made by
an office that opened nothing (`--terminate_after_init`), so it holds no document or name of a pupil, and it
is owner-only. It is keyed by the LibreOffice installation, so an update makes a new one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..processen import bewaakt

MAKEN_SECONDS = 60


def cachemap() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "opp"


def warm_profiel(office: str) -> Path | None:
    """The cached profile for `office`, made now if missing; None when it cannot be made (then each office
    makes its own, as before)."""
    try:
        echt = os.path.realpath(office)
        sleutel = hashlib.sha256(f"{echt}:{os.stat(echt).st_mtime_ns}".encode()).hexdigest()[:16]
        doel = cachemap() / f"libreoffice-profiel-{sleutel}"
        if (doel / "user").is_dir():
            return doel
        doel.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        werk = Path(tempfile.mkdtemp(prefix=".profiel-", suffix=".tmp", dir=doel.parent))
    except OSError:
        return None
    try:
        # Under the guard: a run killed meanwhile leaves no office behind. Its stdin stays open until it ends.
        with subprocess.Popen(bewaakt([office, f"-env:UserInstallation={werk.as_uri()}", "--headless",
                                       "--norestore", "--terminate_after_init"]),
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as maker:
            try:
                maker.wait(timeout=MAKEN_SECONDS)
            except subprocess.TimeoutExpired:
                return None
        if maker.returncode == 0 and (werk / "user").is_dir():
            try:
                os.rename(werk, doel)  # whole or not at all; another run that was first wins
            except OSError:
                pass
        return doel if (doel / "user").is_dir() else None
    finally:
        shutil.rmtree(werk, ignore_errors=True)


def kopieer_profiel(warm: Path | None, profiel: Path) -> None:
    """`profiel` as a copy of the warm one (without its lock); left to LibreOffice to make when that fails."""
    if warm is None:
        return
    try:
        shutil.copytree(warm, profiel, ignore=shutil.ignore_patterns(".lock"), symlinks=True)
    except OSError:
        shutil.rmtree(profiel, ignore_errors=True)
