"""Text from a workbook cell as it was meant: Excel's `_xHHHH_` escapes decoded, control characters removed.

An .xlsx stores a control character typed or pasted into a cell (a bell from an old LVS export, a line
feed) as `_x0007_`; a reader that does not decode it shows the escape literally in documents and file
names. Decoding and removing run until nothing changes, so `schoon` is idempotent: it gives the same
result whether or not the reader (openpyxl does not, python-calamine does) already decoded the escapes.
The price is that a literal `_x0041_` typed by a user also becomes 'A', which no one types on purpose.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Control characters (Cc) other than tab, line feed and carriage return, and lone surrogates (from an
# escape like _xD800_), which no document or file name can hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def schoon(value):
    """A cell value with escapes decoded and controls removed; anything but text is returned as it is."""
    if not isinstance(value, str):
        return value
    if "_x" not in value and value.isprintable():  # most cells: nothing to decode and no control character
        return value
    while True:
        kaal = _CONTROL.sub("", _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value))
        if kaal == value:
            return value
        value = kaal
