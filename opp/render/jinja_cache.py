"""Compiled template parts kept between runs in the user's cache, so a run starts writing at once.

Turning a template's XML into Jinja source (docxtpl's patch_xml) and compiling it costs about a quarter
of a second for opp's own three templates on every run, before the first document can be written (and
in every worker process of a large run); the same XML always gives the same code. The key holds the XML
and everything else that shapes the code: Python (marshal's format), Jinja, docxtpl, and opp's own modules
that make the source and the environment. Owner-only; a cache that cannot be read or written is not used.
Templates hold no pupil's data, so neither does this cache.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from pathlib import Path
from types import CodeType

from .lo_profiel import cachemap

HOOGSTENS = 200  # files kept; older ones go (a school that edits its templates leaves old versions behind)
# The modules whose code decides what a part compiles to: a change in any of them is a new key.
_BRONNEN = ("compiled.py", "environment.py", "word_xml.py", "jinja_cache.py")


def _map() -> Path:
    return cachemap() / "sjablonen"


@functools.cache
def _omgeving() -> bytes:
    import jinja2

    h = hashlib.sha256(f"{sys.version}|{jinja2.__version__}".encode())
    for naam in _BRONNEN:
        h.update(Path(__file__).with_name(naam).read_bytes())
    # docxtpl's patch_xml by its source, found without importing it (a warm run never needs it otherwise)
    spec = importlib.util.find_spec("docxtpl")
    if spec is not None and spec.origin:
        h.update(Path(spec.origin).with_name("template.py").read_bytes())
    return h.digest()


def sleutel(xml: str) -> str:
    return hashlib.sha256(_omgeving() + xml.encode("utf-8", "surrogatepass")).hexdigest()


def _eigen_map(map_: Path) -> bool:
    """Only a folder of this user's own that nobody else can write to is trusted with code."""
    try:
        st = map_.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def lees(key: str) -> tuple[str, CodeType] | None:
    """(Jinja source, compiled code) stored under `key`, or None."""
    map_ = _map()
    if not _eigen_map(map_):
        return None
    try:
        source, code = marshal.loads((map_ / f"{key}.bin").read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(source, str) or not isinstance(code, CodeType):
        return None
    return source, code


def bewaar(key: str, source: str, code: CodeType) -> None:
    """Store atomically (a run killed meanwhile leaves the old file or none); failures are ignored."""
    map_ = _map()
    try:
        map_.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _eigen_map(map_):
            return
        fd, tijdelijk = tempfile.mkstemp(dir=map_, prefix=".", suffix=".tmp")  # owner-only
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(marshal.dumps((source, code)))
            os.replace(tijdelijk, map_ / f"{key}.bin")
        except BaseException:
            Path(tijdelijk).unlink(missing_ok=True)
            raise
        _snoei(map_)
    except (OSError, ValueError):
        pass


def _snoei(map_: Path) -> None:
    bestanden = sorted(map_.glob("*.bin"), key=lambda p: p.stat().st_mtime)
    for oud in bestanden[:-HOOGSTENS]:
        oud.unlink(missing_ok=True)
