"""Content fingerprints: what a document says, as a sha256, so the register can tell a change from a re-run.

The fingerprint covers the context a template receives, restricted to the top-level keys the template
names (an IOP does not change when an OPP goal does), as canonical JSON, without the document date and
the version fields (those follow from the register, they are not content).

For the OPP the handelingsdeel gets its own fingerprint: the part parents give instemming to (domain.md:
"the individual support and goals"). Its fields: the OPP goals (`doelen_opp`), the support per line
(`ondersteuning`) and who must agree (`instemming`: a new signer, e.g. the pupil at 18, asks new consent).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

# Not content: the date a document carries and what the register decides about it, including the section
# on what changed since the agreed version (it follows from a consent recorded later, not from the data).
NIET_INHOUD = frozenset({"document_datum", "versie", "versie_status", "wijzigingen"})

HANDELINGSDEEL: dict[str, tuple[str, ...]] = {"opp": ("doelen_opp", "ondersteuning", "instemming")}

_TAG = re.compile(r"<[^>]+>")
_RENDERED_PART = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")


def _canoniek(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str).encode("ascii")


@lru_cache(maxsize=64)
def _sjabloontekst(pad: str, mtime_ns: int) -> str:
    """The text of a template's body, headers and footers with the XML tags removed: Word may split
    `{{ doelen_opp }}` over runs, but never inside the letters of a name once the tags are gone."""
    with zipfile.ZipFile(pad) as zf:
        return "".join(_TAG.sub("", zf.read(n).decode("utf-8", "replace"))
                       for n in zf.namelist() if _RENDERED_PART.match(n))


def gebruikte_sleutels(sjabloon: Path, sleutels) -> tuple[str, ...]:
    """The context keys a template may use: every key whose name appears in its text (a superset is
    harmless: at worst a change the document does not show makes a version)."""
    tekst = _sjabloontekst(str(sjabloon), Path(sjabloon).stat().st_mtime_ns)
    return tuple(sorted(k for k in sleutels if k not in NIET_INHOUD and re.search(rf"\b{re.escape(k)}\b", tekst)))


class Vingerafdrukken:
    """Fingerprints of one pupil's context: every key serialised once, hashed per document."""

    def __init__(self, context: dict):
        self._context = context
        self._per_sleutel: dict[str, bytes] = {}

    def _sleutel(self, sleutel: str) -> bytes:
        if sleutel not in self._per_sleutel:
            self._per_sleutel[sleutel] = _canoniek(self._context.get(sleutel))
        return self._per_sleutel[sleutel]

    def van(self, sleutels) -> str:
        h = hashlib.sha256()
        for sleutel in sorted(sleutels):
            h.update(b"%s=%s;" % (sleutel.encode(), self._sleutel(sleutel)))
        return h.hexdigest()

    def inhoud(self, document: str, sleutels) -> str:
        """The whole document: the document kind and every key its template uses."""
        return hashlib.sha256(f"{document}:{self.van(sleutels)}".encode()).hexdigest()

    def handelingsdeel(self, document: str) -> str | None:
        velden = HANDELINGSDEEL.get(document)
        return self.van(velden) if velden else None
