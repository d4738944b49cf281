"""Reading a PDF's layout back: the text lines of each page with their positions, read with pypdf's visitor.

The layout tests use it to check what a person sees on paper: how full a page is, what the last line on a page
is, whether a date or a word was broken over two lines. Positions are PDF points from the bottom of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

# The default templates: A4, 3.0 cm top margin, 2.2 cm bottom margin (scripts/make_templates.py).
PUNT_PER_CM = 72 / 2.54
MARGE_BOVEN = 3.0 * PUNT_PER_CM
MARGE_ONDER = 2.2 * PUNT_PER_CM
MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")
KOP_GROOTTES = (12.0, 14.0)  # Heading 2 and Heading 1 (the title is 24, the subtitle 15)


@dataclass
class Regel:
    """One line of text as the PDF draws it: the runs on one baseline, in the order they are drawn."""

    y: float
    x: float
    grootte: float
    tekst: str

    @property
    def is_kop(self) -> bool:
        return self.grootte in KOP_GROOTTES


@dataclass
class Pagina:
    nummer: int  # 1-based
    hoogte: float
    regels: list[Regel] = field(default_factory=list)  # body lines only (no header or footer), drawing order

    @property
    def boven(self) -> float:
        return self.hoogte - MARGE_BOVEN

    @property
    def vulling(self) -> float:
        """How full the page's body is: 0.0 empty, 1.0 text down to the bottom margin."""
        if not self.regels:
            return 0.0
        laagste = min(r.y for r in self.regels)
        return (self.boven - laagste) / (self.boven - MARGE_ONDER)

    def van_boven_naar_onder(self) -> list[Regel]:
        return sorted(self.regels, key=lambda r: (-round(r.y), r.x))

    @property
    def tekst(self) -> str:
        return "\n".join(r.tekst for r in self.regels)


def paginas(pdf: Path) -> list[Pagina]:
    result = []
    for nummer, page in enumerate(PdfReader(pdf).pages, start=1):
        hoogte = float(page.mediabox.height)
        stukken: list[tuple[float, float, float, str]] = []

        def bezoek(text, cm, tm, _font, size, stukken=stukken):
            if not text.strip():
                return
            e, f = tm[4], tm[5]
            x = e * cm[0] + f * cm[2] + cm[4]
            y = e * cm[1] + f * cm[3] + cm[5]
            stukken.append((y, x, round(size * (tm[3] or 1), 1), text.replace("\n", "")))

        page.extract_text(visitor_text=bezoek)
        pagina = Pagina(nummer, hoogte)
        for y, x, grootte, text in stukken:
            # The header and footer sit in the margins.
            if y > hoogte - MARGE_BOVEN + 4 or y < MARGE_ONDER - 8:
                continue
            vorige = pagina.regels[-1] if pagina.regels else None
            if vorige is not None and abs(vorige.y - y) < 1.5 and x > vorige.x:
                # pypdf drops a non-breaking space: LibreOffice draws the words around it as separate pieces.
                tussen = "" if vorige.tekst[-1:].isspace() or text[:1].isspace() else " "
                vorige.tekst += tussen + text
                vorige.grootte = max(vorige.grootte, grootte)
            else:
                pagina.regels.append(Regel(y, x, grootte, text))
        result.append(pagina)
    return result


MAAND = "(" + "|".join(MAANDEN) + ")"
DATUM_EIND = re.compile(r"\b\d{1,2}[ \u00a0]" + MAAND + r"([ \u00a0]\d{1,3})?\s*$")  # then any digit
MAAND_EIND = re.compile(r"\b" + MAAND + r"\s*$")  # 'oktober' | '2026'
DEEL_JAAR_EIND = re.compile(r"\b" + MAAND + r"[ \u00a0]\d{1,3}\s*$")  # 'oktober 20' | '26'
VOL_JAAR_BEGIN = re.compile(r"^(19|20)\d\d\b")
DAG_EIND = re.compile(r"\b\d{1,2}\s*$")
MAAND_BEGIN = re.compile(r"^(" + "|".join(MAANDEN) + r")\b")
JAAR_BEGIN = re.compile(r"^\d")  # the year, or the rest of it ('20' | '26')
POSTCODE_BEGIN = re.compile(r"^[A-Z]{2}\b")
POSTCODE_CIJFERS_EIND = re.compile(r"(?<!" + r")(?<!".join(MAANDEN) + r")[ \u00a0,(]\d{4}\s*$|^\d{4}\s*$")


def gebroken_datums(pagina: Pagina) -> list[str]:
    """Dates and postcodes the page breaks over two lines: '21 september' | '2026', '21' | 'september 2026',
    '21 september 20' | '26' (an unbreakable date too wide for its column), 'oktober' | '2026', '1234' | 'BC'.
    Lines are compared in drawing order, so the next line is the next line of the same cell."""
    fout = []
    for boven, onder in zip(pagina.regels, pagina.regels[1:], strict=False):
        if onder.y >= boven.y:
            continue
        a, b = boven.tekst.rstrip(), onder.tekst.lstrip()
        if (DATUM_EIND.search(a) and JAAR_BEGIN.match(b)) or (DAG_EIND.search(a) and MAAND_BEGIN.match(b)) \
                or (MAAND_EIND.search(a) and VOL_JAAR_BEGIN.match(b)) \
                or (DEEL_JAAR_EIND.search(a) and JAAR_BEGIN.match(b)) \
                or (POSTCODE_CIJFERS_EIND.search(a) and POSTCODE_BEGIN.match(b)):
            fout.append(f"p{pagina.nummer}: {a!r} | {b!r}")
    return fout


def gebroken_woorden(pagina: Pagina, woorden: set[str]) -> list[str]:
    """Words broken mid-way: a line that ends inside a word (no space, no hyphen) whose end and the next line's
    start together are (part of) a word of the document: 'trajectbegeleide' | 'r', 'traject' | 'begelei' | 'der'.
    LibreOffice keeps the space at the end of a line it wraps between words."""
    fout = []
    for boven, onder in zip(pagina.regels, pagina.regels[1:], strict=False):
        if onder.y >= boven.y or boven.tekst.endswith((" ", "\u00a0", "-", "\u00ad")):
            continue
        eind = re.search(r"(\w+)$", boven.tekst)
        begin = re.match(r"(\w+)", onder.tekst.lstrip())
        if not (eind and begin):
            continue
        samen = eind.group(1) + begin.group(1)
        # A whole word, or a piece of one when both halves are long enough not to meet by chance ('en' | 'in').
        if samen in woorden or (min(len(eind.group(1)), len(begin.group(1))) >= 3
                                and any(samen in woord for woord in woorden)):
            fout.append(f"p{pagina.nummer}: {boven.tekst!r} | {onder.tekst!r}")
    return fout


def eenzame_koppen(pagina: Pagina, volgende: Pagina | None) -> list[str]:
    """A heading left at the foot of a page: the last line, or followed only by a short introduction
    (at most four lines at the left margin) while its table starts the next page."""
    regels = pagina.van_boven_naar_onder()
    if not regels:
        return []
    if regels[-1].is_kop:
        return [f"p{pagina.nummer}: kop {regels[-1].tekst!r} is de laatste regel"]
    koppen = [i for i, r in enumerate(regels) if r.is_kop]
    if not koppen or volgende is None or not volgende.regels:
        return []
    laatste_kop = koppen[-1]
    na_kop = regels[laatste_kop + 1:]
    links = min(r.x for r in regels)
    alleen_inleiding = len(na_kop) <= 4 and all(abs(r.x - links) < 2 for r in na_kop)
    eerste_volgende = volgende.van_boven_naar_onder()[0]
    tabel_op_volgende = eerste_volgende.x > links + 2  # text inside a table cell is indented by its margin
    if alleen_inleiding and tabel_op_volgende:
        return [f"p{pagina.nummer}: kop {regels[laatste_kop].tekst!r} met alleen zijn inleiding onderaan; "
                f"de tabel begint op p{volgende.nummer}"]
    return []
