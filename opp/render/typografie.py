"""Typography of a rendered document: a date or a postcode never breaks over two lines.

Applied to the rendered XML, not to the context: the context feeds the versions register's fingerprints,
and a typographic change must not make a new version (or ask parents for new instemming).
"""

from __future__ import annotations

import re

from .formatting import MAANDEN

NBSP = "\u00a0"
_TEKST = re.compile(r"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")
_DATUM = re.compile(r"\b(?:\d{1,2} )?(?:" + "|".join(MAANDEN) + r") \d{4}\b")  # '21 september 2026', 'oktober 2026'
_POSTCODE = re.compile(r"\b([1-9]\d{3}) ([A-Z]{2})\b")  # Dutch: '1234 AB'


def vaste_spaties(tekst: str) -> str:
    """'21 september 2026', 'oktober 2026' and '1234 AB' with non-breaking spaces."""
    tekst = _DATUM.sub(lambda m: m.group(0).replace(" ", NBSP), tekst)
    return _POSTCODE.sub(lambda m: NBSP.join(m.groups()), tekst)


def vaste_spaties_xml(xml: str) -> str:
    """The same in every text run of a WordprocessingML part (tags and attributes untouched)."""
    return _TEKST.sub(lambda m: m.group(1) + vaste_spaties(m.group(2)) + m.group(3), xml)
