"""The converted classes cut into letters again: one PDF per signer, and the round's PDF for the printer.

A letter starts on the page that carries its mark (bundel.py); it runs to the page before the next mark.
In the round's PDF every letter starts on an odd page, so a double-sided print gives each signer sheets of
their own: LibreOffice already inserts the blank page between letters of a class, and a class that ends on
an odd page gets one here. A signer's own PDF leaves the trailing blank page out.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium

from ..files import atomic_write_bytes
from ..problems import OppError
from .bundel import MERK

_MERK = re.compile(MERK + r"(\d{5})")


def letter_paginas(pdf: pdfium.PdfDocument) -> dict[int, list[int]]:
    """Letter number -> its page indexes (blank pages at its end left out)."""
    starts: list[tuple[int, int]] = []
    leeg: set[int] = set()
    for i in range(len(pdf)):
        pagina = pdf[i]
        tekst = pagina.get_textpage().get_text_range()
        if not tekst.strip():
            leeg.add(i)
        gevonden = _MERK.search(tekst)
        if gevonden:
            starts.append((int(gevonden.group(1)), i))
    if not starts or starts[0][1] != 0:
        raise OppError("De brieven konden niet in losse brieven worden gesplitst (een eigen brief.docx zonder "
                       "tekst?). Probeer het met het standaardsjabloon van opp.")
    result = {}
    for j, (nummer, begin) in enumerate(starts):
        eind = starts[j + 1][1] if j + 1 < len(starts) else len(pdf)
        paginas = list(range(begin, eind))
        while len(paginas) > 1 and paginas[-1] in leeg:
            paginas.pop()
        result[nummer] = paginas
    return result


def schrijf_pdf(bron: pdfium.PdfDocument, paginas: list[int], pad: Path) -> None:
    uit = pdfium.PdfDocument.new()
    uit.import_pages(bron, paginas)
    atomic_write_bytes(pad, _bytes(uit))
    uit.close()


def ronde_pdf(klassen: list[pdfium.PdfDocument], pad: Path) -> int:
    """The classes one after another, each padded to an even number of pages. Returns the page count."""
    uit = pdfium.PdfDocument.new()
    for pdf in klassen:
        uit.import_pages(pdf)
        if len(uit) % 2:
            breedte, hoogte = pdf[len(pdf) - 1].get_size()
            uit.new_page(breedte, hoogte)
    aantal = len(uit)
    atomic_write_bytes(pad, _bytes(uit))
    uit.close()
    return aantal


def _bytes(pdf: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
