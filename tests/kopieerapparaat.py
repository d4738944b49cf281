"""Pages to sign and the copier that scans them back, for the tests and the benchmark of `opp ronde scan`.

A page to sign (until the letters of `opp ronde brieven` can be used) is an A4 page with text, a signature
box and, bottom right, the QR code holding `qr_inhoud(code)` with the typeable code under it, as the letters
print it. The copier does what a school's copier does to a returned page: rasterise at 150 to 300 dpi, skew
by 1 to 3 degrees, sometimes turn it 180 degrees, add sensor noise, JPEG-compress, in grey or in colour (a
slightly yellow paper), and put the images into one PDF, as a copier's "scan to PDF" does.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import segno
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

from opp.ronde.code import BRIEFPAGINA, leesbaar, qr_inhoud
from opp.ronde.handtekening import ANKER

A4_INCH = (8.27, 11.69)
ORIGINEEL_DPI = 200


def _font(grootte: int):
    try:
        return ImageFont.load_default(size=grootte)
    except TypeError:  # an old Pillow without sizes
        return ImageFont.load_default()


def te_tekenen_pagina(code: str | None, titel: str = "Ontwikkelingsperspectiefplan", getekend: bool = True,
                      dpi: int = ORIGINEEL_DPI, qr_cm: float = 2.2) -> Image.Image:
    """An A4 page to sign (grey): a title, lines of text, a signature box (signed or not) and the QR code."""
    breedte, hoogte = int(A4_INCH[0] * dpi), int(A4_INCH[1] * dpi)
    beeld = Image.new("L", (breedte, hoogte), 255)
    teken = ImageDraw.Draw(beeld)
    marge, regel = int(dpi * 0.9), int(dpi * 0.22)
    teken.text((marge, marge), titel, fill=0, font=_font(int(dpi * 0.25)))
    for i in range(22):
        teken.text((marge, marge + int(dpi * 0.6) + i * regel),
                   "De school en de ouders bespreken het plan en de ondersteuning die de leerling krijgt.",
                   fill=40, font=_font(int(dpi * 0.12)))
    vak = (marge, int(hoogte * 0.66), marge + int(dpi * 3.2), int(hoogte * 0.66) + int(dpi * 1.2))
    teken.text((vak[0], vak[1] - int(dpi * 0.2)), "Handtekening ouder/verzorger", fill=0, font=_font(int(dpi * 0.12)))
    teken.rectangle(vak, outline=0, width=max(2, dpi // 100))
    if getekend:  # a scribble of a pen
        rnd = random.Random(code or titel)
        punten = [(vak[0] + int(dpi * (0.3 + 0.25 * i)), vak[1] + int(dpi * (0.4 + 0.5 * rnd.random())))
                  for i in range(11)]
        teken.line(punten, fill=20, width=max(3, dpi // 60), joint="curve")
    if code is not None:
        qr = segno.make(qr_inhoud(code), error="m", micro=False)
        buf = io.BytesIO()
        qr.save(buf, kind="png", scale=8, border=4)
        buf.seek(0)
        zijde = int(qr_cm / 2.54 * dpi)
        qr_beeld = Image.open(buf).convert("L").resize((zijde, zijde), Image.Resampling.NEAREST)
        links, boven = breedte - marge - zijde, hoogte - marge - zijde
        beeld.paste(qr_beeld, (links, boven))
        teken.text((links, boven + zijde + 4), leesbaar(code), fill=0, font=_font(int(dpi * 0.11)))
    return beeld


def brief_pagina(dpi: int = ORIGINEEL_DPI, merk: bool = True, merk_cm: float = 1.8) -> Image.Image:
    """A page of the letter itself (grey): an address, lines of text and, as opp's letters print it, the small
    letter-page mark (code.BRIEFPAGINA) top right and once more beside the greeting."""
    breedte, hoogte = int(A4_INCH[0] * dpi), int(A4_INCH[1] * dpi)
    beeld = Image.new("L", (breedte, hoogte), 255)
    teken = ImageDraw.Draw(beeld)
    marge, regel = int(dpi * 0.9), int(dpi * 0.22)
    for i, tekst in enumerate(("mw. M. Berg", "Beukenstraat 12", "1234 AB Lindeveen")):
        teken.text((marge, marge + i * regel), tekst, fill=0, font=_font(int(dpi * 0.12)))
    for i in range(30):
        teken.text((marge, marge + int(dpi * 1.4) + i * regel),
                   "De school vraagt uw handtekening voor het plan en de toestemming voor het kernteam.",
                   fill=40, font=_font(int(dpi * 0.12)))
    if merk:
        qr = segno.make(BRIEFPAGINA, error="q", micro=False, boost_error=False)
        buf = io.BytesIO()
        qr.save(buf, kind="png", scale=8, border=4)
        buf.seek(0)
        zijde = int(merk_cm / 2.54 * dpi)
        qr_beeld = Image.open(buf).convert("L").resize((zijde, zijde), Image.Resampling.NEAREST)
        beeld.paste(qr_beeld, (breedte - marge - zijde, marge))
        beeld.paste(qr_beeld, (breedte - marge - zijde, marge + int(dpi * 1.4) + 31 * regel))
    return beeld


def teken_in_vak(pagina: Image.Image, seed: int = 0, klein: bool = False, dpi: int = ORIGINEEL_DPI) -> Image.Image:
    """The printed page (an image at `dpi`) signed: a pen scribble in the signature box of opp's page to sign,
    found by the box's anchor (small: a short initial low in the box, beside the anchor)."""
    (anker,) = [b for b in zxingcpp.read_barcodes(pagina) if b.text == ANKER]
    x, y, cm = anker.position.top_left.x, anker.position.top_left.y, dpi / 2.54
    rnd = random.Random(seed)
    if klein:
        punten = [(x + cm * (-1.6 + 0.12 * i), y + cm * (1.4 + 0.3 * rnd.random())) for i in range(8)]
    else:
        punten = [(x + cm * (-4.2 + 0.33 * i), y + cm * (0.1 + 1.6 * rnd.random())) for i in range(12)]
    getekend = pagina.copy()
    ImageDraw.Draw(getekend).line(punten, fill=20, width=max(3, dpi // 60), joint="curve")
    return getekend


def blanco_pagina(dpi: int = ORIGINEEL_DPI) -> Image.Image:
    return Image.new("L", (int(A4_INCH[0] * dpi), int(A4_INCH[1] * dpi)), 255)


def schrijf_pdf(beelden: list[Image.Image], pad: Path, dpi: int = ORIGINEEL_DPI) -> Path:
    """One PDF page per image (A4 at `dpi`), as a copier's scan to PDF writes it."""
    eerste, *rest = [b if b.mode in ("L", "RGB") else b.convert("RGB") for b in beelden]
    eerste.save(pad, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return pad


@dataclass(frozen=True)
class Kopie:
    """How the copier scans one page."""

    dpi: int = 200
    hoek: float = 0.0  # skew in degrees
    omgekeerd: bool = False  # the page lay upside down on the glass
    kleur: bool = False
    kwaliteit: int = 60  # JPEG
    ruis: float = 8.0  # standard deviation of the sensor noise, in grey levels

    @classmethod
    def willekeurig(cls, rnd: random.Random) -> Kopie:
        return cls(dpi=rnd.choice((150, 200, 300)), hoek=rnd.choice((-1, 1)) * rnd.uniform(1, 3),
                   omgekeerd=rnd.random() < 0.3, kleur=rnd.random() < 0.4, kwaliteit=rnd.randint(35, 75),
                   ruis=rnd.uniform(4, 14))


def kopieer(pagina: Image.Image, kopie: Kopie, seed: int = 0) -> Image.Image:
    """What the copier makes of one printed page (given as the image of the printed page)."""
    schaal = kopie.dpi / ORIGINEEL_DPI
    beeld = pagina.convert("L").resize((round(pagina.width * schaal), round(pagina.height * schaal)),
                                       Image.Resampling.LANCZOS)
    beeld = beeld.rotate(kopie.hoek, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=245)
    if kopie.omgekeerd:
        beeld = beeld.rotate(180)
    rng = np.random.default_rng(seed)
    pixels = np.asarray(beeld, dtype=np.float32) * 0.92 + 12  # toner is never black, paper never white
    pixels += rng.normal(0, kopie.ruis, pixels.shape)
    grijs = np.clip(pixels, 0, 255).astype(np.uint8)
    if kopie.kleur:  # slightly yellow paper, a colour cast of the sensor
        kanalen = [np.clip(grijs.astype(np.int16) + d, 0, 255).astype(np.uint8) for d in (4, 2, -10)]
        beeld = Image.merge("RGB", [Image.fromarray(k) for k in kanalen])
    else:
        beeld = Image.fromarray(grijs)
    buf = io.BytesIO()
    beeld.save(buf, "JPEG", quality=kopie.kwaliteit)
    buf.seek(0)
    return Image.open(buf)


def pagina_beelden(pdf_pad: Path, dpi: int = ORIGINEEL_DPI) -> list[Image.Image]:
    """The pages of a PDF (the letters, as printed) as images."""
    pdf = pdfium.PdfDocument(str(pdf_pad))
    try:
        return [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def scan_pdf(kopieen: list[Image.Image], pad: Path) -> Path:
    """The copier's PDF: each image on its own page, at the resolution it was scanned at (A4 either way)."""
    eerste, *rest = kopieen
    dpi = eerste.width / A4_INCH[0]
    eerste.save(pad, "PDF", save_all=True, append_images=rest, resolution=dpi)
    return pad


def in_twee_delen_pdf(beeld: Image.Image, pad: Path) -> Path:
    """One page built from two images (top and bottom half), as some scanning software writes it: not the
    single image of a plain scan, so the page is rendered rather than its image taken out."""
    pdf = pdfium.PdfDocument.new()
    breedte, hoogte = A4_INCH[0] * 72, A4_INCH[1] * 72
    pagina = pdf.new_page(breedte, hoogte)
    helft = beeld.height // 2
    for deel, onder in ((beeld.crop((0, 0, beeld.width, helft)), hoogte / 2),
                        (beeld.crop((0, helft, beeld.width, beeld.height)), 0)):
        obj = pdfium.PdfImage.new(pdf)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(deel.convert("RGB")))
        obj.set_matrix(pdfium.PdfMatrix().scale(breedte, hoogte / 2).translate(0, onder))
        pagina.insert_obj(obj)
    pagina.gen_content()
    pdf.save(str(pad))
    pdf.close()
    return pad
