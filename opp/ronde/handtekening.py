"""Whether the signature box of a returned page was left empty, where that can be told reliably.

Only opp's own page to sign is measured: its signature box carries a small QR code of its own (ANKER, layout 1)
in its top right corner. A school's own template without it, or a page whose anchor cannot be read (signed over,
folded, torn), gets no verdict. The anchor's corners, as the reader finds them, give the box's place, scale and
turn on the scan (skewed, upside down, any resolution): the box lies at a fixed offset from the anchor (VAK, in
cm, measured on opp's template; tests/test_ronde_handtekening.py checks it against the rendered letter). Inside
the box, a few millimetres off its borders and around the anchor, the share of pixels clearly darker than the
paper is counted: below LEEG_ONDER the box is empty, above GETEKEND_BOVEN it is signed, in between (a speck, a
dot) there is no verdict. Pen strokes of a signature cover a few percent of the box; an empty box on a noisy
JPEG copy none (tests/kopieerapparaat.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

ANKER = "OPP:VAK1"  # the anchor's text: opp's page to sign, layout 1; nothing personal
ANKER_CM = 1.6  # printed, quiet zone included
MODULES, RAND = 21, 4  # a version 1 symbol and its quiet zone, in modules
SYMBOOL_CM = ANKER_CM * MODULES / (MODULES + 2 * RAND)
RAND_CM = ANKER_CM * RAND / (MODULES + 2 * RAND)


@dataclass(frozen=True)
class Vak:
    """The signature box's edges in cm from the anchor symbol's top left corner, along its sides (x right, y
    down as the symbol reads); negative is left of or above it."""

    links: float
    boven: float
    rechts: float
    onder: float


VAK = Vak(links=-4.72, boven=-0.32, rechts=1.87, onder=2.27)  # measured at 300 dpi on the rendered letter
MARGE_CM = 0.3  # kept off the box's borders (and the anchor's quiet zone): a line is no signature
STAP_CM = 0.04  # sampled every 0.4 mm: finer than a pen stroke at 150 dpi
DONKERDER = 70  # grey levels below the paper that count as ink (a copier's noise stays well within)
LEEG_ONDER = 0.0005
GETEKEND_BOVEN = 0.002


def inkt_in_vak(beeld: Image.Image, hoeken: tuple[tuple[float, float], ...]) -> float | None:
    """The share of ink in the signature box of a page whose anchor has these corners (top left, top right,
    bottom left, as the symbol reads, in pixels of `beeld`); None when the box falls outside the image."""
    linksboven, rechtsboven, linksonder = (np.asarray(h, dtype=float) for h in hoeken)
    ex = (rechtsboven - linksboven) / SYMBOOL_CM  # one cm along the symbol's x, in pixels
    ey = (linksonder - linksboven) / SYMBOOL_CM
    if not 20 < np.hypot(*ex) < 400 or abs(np.hypot(*ex) / max(np.hypot(*ey), 1e-9) - 1) > 0.15:
        return None  # not a square symbol at 50 to 1000 dpi: a misread
    grijs = np.asarray(beeld.convert("L"), dtype=np.float32)
    hoogte, breedte = grijs.shape
    m = MARGE_CM
    delen = [(VAK.links + m, VAK.boven + m, -RAND_CM - m, VAK.onder - m),  # left of the anchor
             (-RAND_CM - m, SYMBOOL_CM + RAND_CM + m, VAK.rechts - m, VAK.onder - m)]  # under it
    waarden = []
    for x0, y0, x1, y1 in delen:
        if x1 - x0 < STAP_CM or y1 - y0 < STAP_CM:
            continue
        xs, ys = np.meshgrid(np.arange(x0, x1, STAP_CM), np.arange(y0, y1, STAP_CM))
        px = linksboven[0] + ex[0] * xs + ey[0] * ys
        py = linksboven[1] + ex[1] * xs + ey[1] * ys
        if px.min() < 0 or py.min() < 0 or px.max() >= breedte or py.max() >= hoogte:
            return None
        waarden.append(grijs[py.round().astype(int), px.round().astype(int)].ravel())
    if not waarden:
        return None
    alles = np.concatenate(waarden)
    papier = float(np.percentile(alles, 90))
    return float((alles < papier - DONKERDER).mean())


def oordeel(inkt: float | None) -> bool | None:
    """True: the box looks empty; False: signed; None: no verdict."""
    if inkt is None:
        return None
    if inkt < LEEG_ONDER:
        return True
    if inkt > GETEKEND_BOVEN:
        return False
    return None
