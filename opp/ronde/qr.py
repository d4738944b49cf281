"""The QR code on a page to sign, as a PNG for the letter.

Version 1 (21 x 21 modules) in alphanumeric mode holds 'OPP:' and the code; error correction Q survives a
fold, a pen stroke or a coffee stain on a quarter of the symbol. Printed 2.5 cm wide with its quiet zone,
each module is about 0.9 mm: a copier at 150 dpi still gives five pixels per module.
"""

from __future__ import annotations

import io

import segno

from .code import qr_inhoud

RAND = 4  # modules of white around the symbol, as the standard asks
BREEDTE_CM = 2.5


def qr_png(code: str) -> bytes:
    symbool = segno.make(qr_inhoud(code), error="q", micro=False, boost_error=False)
    uit = io.BytesIO()
    symbool.save(uit, kind="png", scale=12, border=RAND)
    return uit.getvalue()
