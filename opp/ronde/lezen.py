"""Reading the code back from scanned pages: rasterise each page (pypdfium2), find the QR code (zxing-cpp).

A copier's scan is upside down, a few degrees skewed, 150 to 300 dpi, grey or colour and JPEG-compressed.
A copier's page is one image: that image is read first as it is (a JPEG decoded at a reduced scale, never
rendered): zxing-cpp finds a QR code in any orientation and copes with skew and noise, so that nearly always
suffices. Any other page, or one without a result, is rendered in grey at 200 dpi and gets the slower tries
(more contrast, quarters enlarged), stopping at the first code found. A page without any ink is told apart
(the empty back of a letter printed double-sided): it gets no slower tries and is not sent for handling by
hand. Nor is a page of the letter itself: it carries a small QR code of its own (code.BRIEFPAGINA).

Pages are read in worker processes only when that pays off: many pages that each need rendering (~0.1 s);
a plain scan's image is read in ~20 ms. Each worker opens the PDF itself (pypdfium2 is not thread-safe).
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp
from PIL import Image, ImageOps

from ..problems import OppError
from ..processen import context, sterf_met_ouder
from .code import BRIEFPAGINA, lees_code
from .handtekening import ANKER, inkt_in_vak, oordeel

DPI = 200
PROEF = 8  # pages read and timed before deciding on worker processes
POOL_LOONT_NA = 6.0  # seconds of reading left in one process above which workers pay off
LEEG_DREMPEL = 0.0015  # share of dark pixels (at low resolution, margins left out) below which a page is empty
_QR = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)


@dataclass(frozen=True)
class GelezenPagina:
    """What one scanned page holds: `codes` are the valid codes found (canonical), `ruw` the QR texts that were
    not valid codes (another QR on the page, a code from something else)."""

    bestand: Path
    pagina: int  # 1-based, as a PDF viewer counts
    codes: tuple[str, ...] = ()
    ruw: tuple[str, ...] = ()
    leeg: bool = False
    vak_leeg: bool | None = None  # opp's signature box: True looks empty, False signed, None not told (handtekening)

    @property
    def briefpagina(self) -> bool:
        """A page of the letter itself (its mark found, no code): nothing was signed on it."""
        return not self.codes and BRIEFPAGINA in self.ruw


def aantal_paginas(pad: Path) -> int:
    with _open_pdf(pad) as pdf:
        return len(pdf)


def lees_paginas(paden: Sequence[Path], jobs: int | None = None) -> list[GelezenPagina]:
    """Every page of every PDF, in order (file by file, page by page).

    jobs None: the first pages are read here and their CPU time taken; worker processes (one per core) read
    the rest only when that would take more than POOL_LOONT_NA seconds of CPU here: a plain scan costs ~20 ms
    a page, less than starting the workers. jobs 1: all here; jobs n > 1: the rest in n workers."""
    taken = [(Path(p), i) for p in paden for i in range(aantal_paginas(Path(p)))]
    begin = time.process_time()  # CPU time: what the pages cost, however busy the machine is
    gelezen = _lees_brok(taken[:PROEF])
    rest = taken[PROEF:]
    if jobs is None:
        per_pagina = (time.process_time() - begin) / max(1, len(gelezen))
        jobs = (os.cpu_count() or 1) if per_pagina * len(rest) > POOL_LOONT_NA else 1
    jobs = min(jobs, len(rest))
    if jobs <= 1:
        return gelezen + _lees_brok(rest)
    brokken = _brokken(rest, jobs * 4)  # several chunks per worker: one slow page does not hold up the rest
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context(), initializer=sterf_met_ouder) as pool:
        return gelezen + [g for brok in pool.map(_lees_brok, brokken) for g in brok]


def _lees_brok(brok: list[tuple[Path, int]]) -> list[GelezenPagina]:
    return [g for pad, indices in _per_bestand(brok) for g in lees_bestand(pad, indices)]


def _per_bestand(taken: list[tuple[Path, int]]) -> Iterator[tuple[Path, list[int]]]:
    huidig: Path | None = None
    indices: list[int] = []
    for pad, i in taken:
        if pad != huidig and indices:
            yield huidig, indices  # type: ignore[misc]
            indices = []
        huidig = pad
        indices.append(i)
    if indices:
        yield huidig, indices  # type: ignore[misc]


def _brokken(taken: list, n: int) -> list[list]:
    grootte = max(1, -(-len(taken) // n))
    return [taken[i:i + grootte] for i in range(0, len(taken), grootte)]


def lees_bestand(pad: Path, indices: Sequence[int] | None = None) -> list[GelezenPagina]:
    with _open_pdf(pad) as pdf:
        return [lees_pagina(pdf, i, pad) for i in (range(len(pdf)) if indices is None else indices)]


class _open_pdf:
    def __init__(self, pad: Path):
        try:
            self.pdf = pdfium.PdfDocument(str(pad))
        except FileNotFoundError:
            raise OppError(f"'{pad}' bestaat niet. Geef het pad van de gescande PDF.") from None
        except pdfium.PdfiumError as exc:
            raise OppError(f"'{Path(pad).name}' is geen leesbare PDF ({exc}). Scan de pagina's opnieuw als PDF.") \
                from None

    def __enter__(self):
        return self.pdf

    def __exit__(self, *exc) -> None:
        self.pdf.close()


def lees_pagina(pdf, index: int, pad: Path) -> GelezenPagina:
    pagina = pdf[index]
    try:
        scan = scanbeeld(pagina)
        if scan is not None:  # the copier's own image: no rendering, a JPEG decoded at a reduced scale
            codes, ruw, vak_leeg = _lees(scan)
            if codes or BRIEFPAGINA in ruw:  # a letter page holds no code: no slower tries for one
                return GelezenPagina(bestand=pad, pagina=index + 1, codes=codes, ruw=ruw, vak_leeg=vak_leeg)
            if not ruw and is_leeg(scan):
                return GelezenPagina(bestand=pad, pagina=index + 1, leeg=True)
        beeld = pagina.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    finally:
        pagina.close()
    codes, ruw, leeg, vak_leeg = lees_beeld(beeld)
    return GelezenPagina(bestand=pad, pagina=index + 1, codes=codes, ruw=ruw, leeg=leeg, vak_leeg=vak_leeg)


def scanbeeld(pagina) -> Image.Image | None:
    """The one image a scanned page consists of, in grey at 150 dpi or more; None when the page is anything
    else (text, several images) or its image cannot be taken out as it is."""
    objecten = list(pagina.get_objects(max_depth=1))
    if len(objecten) != 1 or objecten[0].type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
        return None
    breedte, hoogte = pagina.get_size()
    links, onder, rechts, boven = objecten[0].get_bounds()
    if (rechts - links) * (boven - onder) < 0.9 * breedte * hoogte:
        return None
    try:
        buffer = io.BytesIO()
        objecten[0].extract(buffer)
        buffer.seek(0)
        beeld = Image.open(buffer)
        if beeld.format == "JPEG":  # decoded at 1/2, 1/4 .. of its size, never below 150 dpi: far quicker
            schaal = 150 / 72 * breedte / beeld.width
            beeld.draft("L", (int(beeld.width * schaal), int(beeld.height * schaal)))
        return beeld.convert("L")
    except Exception:  # a filter PIL cannot open (JBIG2, ...): let pdfium decode it
        try:
            return objecten[0].get_bitmap(render=False).to_pil().convert("L")
        except Exception:
            return None


def _lees(beeld: Image.Image) -> tuple[tuple[str, ...], tuple[str, ...], bool | None]:
    """(valid codes, other QR texts, signature box empty?) of one image. The signature box's anchor is no other
    QR text: it is measured (handtekening.py), on the image it was found in."""
    gevonden = [b for b in zxingcpp.read_barcodes(beeld, formats=_QR) if b.valid]
    teksten = [b.text for b in gevonden if b.text != ANKER]
    vak_leeg = None
    for b in gevonden:
        if b.text == ANKER:
            p = b.position
            hoeken = ((p.top_left.x, p.top_left.y), (p.top_right.x, p.top_right.y), (p.bottom_left.x, p.bottom_left.y))
            vak_leeg = oordeel(inkt_in_vak(beeld, hoeken))
            break
    return (tuple(dict.fromkeys(c for c in map(lees_code, teksten) if c)),
            tuple(dict.fromkeys(t for t in teksten if not lees_code(t))), vak_leeg)


def lees_beeld(beeld: Image.Image) -> tuple[tuple[str, ...], tuple[str, ...], bool, bool | None]:
    """(valid codes, other QR texts, empty page?, signature box empty?) of a grey page image, trying the cheap
    way first. An empty page gets only the first try."""
    ruw: dict[str, None] = {}
    for n, poging in enumerate(_pogingen(beeld)):
        if n == 1 and not ruw and is_leeg(beeld):
            return (), (), True, None
        codes, andere, vak_leeg = _lees(poging)
        ruw.update(dict.fromkeys(andere))
        if codes or BRIEFPAGINA in ruw:
            return codes, tuple(ruw), False, vak_leeg
    return (), tuple(ruw), False, None


def _pogingen(beeld: Image.Image) -> Iterator[Image.Image]:
    """The page as it is, then what rescued poor scans in our copier tests (tests/kopieerapparaat.py): more
    contrast, then each quarter enlarged 3 times (a small code scanned coarsely). Sharpening, denoising and
    small rotations rescued none there, so they are not tried."""
    yield beeld
    yield ImageOps.autocontrast(beeld, cutoff=1)  # a grey, washed-out copy
    breedte, hoogte = beeld.size
    # top right first, where the letters print the code, then bottom left (the page upside down)
    for links, boven in ((0.5, 0), (0, 0.5), (0.5, 0.5), (0, 0)):
        kwart = beeld.crop((int(links * breedte), int(boven * hoogte),
                            int((links + 0.5) * breedte), int((boven + 0.5) * hoogte)))
        yield kwart.resize((kwart.width * 3, kwart.height * 3), Image.Resampling.BICUBIC)


def is_leeg(beeld: Image.Image) -> bool:
    """No ink on the page (margins left out, where a scanner leaves its shadows)."""
    klein = beeld.reduce(4)  # averaging: noise of the scanner fades, text stays darker than paper
    b, h = klein.size
    midden = klein.crop((int(b * 0.06), int(h * 0.06), int(b * 0.94), int(h * 0.94)))
    histogram = midden.histogram()
    papier = _papierwaarde(histogram)
    donker = sum(histogram[:max(0, papier - 60)])
    return donker / max(1, midden.width * midden.height) < LEEG_DREMPEL


def _papierwaarde(histogram: list[int]) -> int:
    """The grey value of the paper: the brightest value that at least a tenth of the pixels reach."""
    totaal, som = sum(histogram), 0
    for waarde in range(255, -1, -1):
        som += histogram[waarde]
        if som >= totaal / 10:
            return waarde
    return 255
