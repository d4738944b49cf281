"""A LibreOffice profile made once and kept in the user's cache, copied for each office.

An office given an empty profile folder makes a profile and then starts itself a second time (about 0.3 s
per office, on every run); a copy of a profile made before starts at once. The cached profile is made by
an office that opened nothing (`--terminate_after_init`), so it holds no document or name of a pupil, and it
is owner-only. It is keyed by the LibreOffice installation, so an update makes a new one.

It also records that this LibreOffice has been seen before (`ooSetupLastVersion`). Only a window with a
document writes that, which a headless office never shows; without it every start counts as the first after
an upgrade and runs VCL's graphics self-tests (GraphicsRenderTests: bitmaps of 4096 x 4096 pixels), which
cost about 0.7 of the 0.9 CPU seconds an office needs to start.
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
VERSIE = 2  # of what this module puts in a profile: a new one makes new cached profiles
# Higher than any LibreOffice version: the office never counts as upgraded (utl::isProductVersionUpgraded).
AL_GEZIEN = ('<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" oor:op="fuse">'
             '<value>9999.9</value></prop></item>')


def cachemap() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "opp"


def warm_profiel(office: str) -> Path | None:
    """The cached profile for `office`, made now if missing; None when it cannot be made (then each office
    makes its own, as before)."""
    try:
        echt = os.path.realpath(office)
        sleutel = hashlib.sha256(f"{echt}:{os.stat(echt).st_mtime_ns}:{VERSIE}".encode()).hexdigest()[:16]
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
            markeer_gezien(werk / "user" / "registrymodifications.xcu")
            try:
                os.rename(werk, doel)  # whole or not at all; another run that was first wins
            except OSError:
                pass
            else:
                _ruim_oude_op(doel)
        return doel if (doel / "user").is_dir() else None
    finally:
        shutil.rmtree(werk, ignore_errors=True)


def _ruim_oude_op(doel: Path) -> None:
    """Profiles of an earlier LibreOffice or an earlier opp are never used again: removed when a new one is made."""
    for oud in doel.parent.glob("libreoffice-profiel-*"):
        if oud != doel and oud.is_dir():
            shutil.rmtree(oud, ignore_errors=True)


def markeer_gezien(xcu: Path) -> bool:
    """Record in the profile's settings that this LibreOffice was started before (see the module's text).
    False when the file is not as expected: the profile then works as before, only slower to start."""
    try:
        tekst = xcu.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "ooSetupLastVersion" in tekst or tekst.count("</oor:items>") != 1:
        return "ooSetupLastVersion" in tekst
    try:
        xcu.write_text(tekst.replace("</oor:items>", AL_GEZIEN + "\n</oor:items>"), encoding="utf-8")
    except OSError:
        return False
    return True


def kopieer_profiel(warm: Path | None, profiel: Path) -> None:
    """`profiel` as a copy of the warm one (without its lock); left to LibreOffice to make when that fails."""
    if warm is None:
        return
    try:
        shutil.copytree(warm, profiel, ignore=shutil.ignore_patterns(".lock"), symlinks=True)
    except OSError:
        shutil.rmtree(profiel, ignore_errors=True)
