"""The QR code on a page to sign, as a PNG for the letter.

Version 1 (21 x 21 modules) in alphanumeric mode holds 'OPP:' and the code; error correction Q survives a
fold, a pen stroke or a coffee stain on a quarter of the symbol. Printed 2.5 cm wide with its quiet zone,
each module is about 0.9 mm: a copier at 150 dpi still gives five pixels per module.

The PNG is written here, not by segno's writer: at 8 pixels per module and one bit per pixel a module is
exactly one byte of a row, so a round of a thousand codes costs milliseconds instead of seconds.
"""

from __future__ import annotations

import struct
import zlib

import segno

from .code import qr_inhoud

RAND = 4  # modules of white around the symbol, as the standard asks
PIXELS = 8  # per module: one byte of a 1-bit row
BREEDTE_CM = 2.5
# A fixed mask pattern (every reader reads all eight): choosing the best one per code costs segno five times
# the rest of the symbol, and for 21 x 21 modules with a quiet zone the choice does not decide a scan.
MASKER = 4


def qr_png(code: str) -> bytes:
    symbool = segno.make(qr_inhoud(code), error="q", micro=False, boost_error=False, mask=MASKER)
    wit = [b"\xff" * (len(symbool.matrix[0]) + 2 * RAND)]
    rijen = wit * RAND + [b"\xff" * RAND + bytes(0 if donker else 0xFF for donker in rij) + b"\xff" * RAND
                          for rij in symbool.matrix] + wit * RAND
    data = b"".join(b"\x00" + rij for rij in rijen for _ in range(PIXELS))
    breedte = len(rijen[0]) * PIXELS
    return (b"\x89PNG\r\n\x1a\n" + _blok(b"IHDR", struct.pack(">IIBBBBB", breedte, len(rijen) * PIXELS, 1, 0, 0, 0, 0))
            + _blok(b"IDAT", zlib.compress(data, 9)) + _blok(b"IEND", b""))


def _blok(soort: bytes, inhoud: bytes) -> bytes:
    return struct.pack(">I", len(inhoud)) + soort + inhoud + struct.pack(">I", zlib.crc32(soort + inhoud) & 0xFFFFFFFF)
