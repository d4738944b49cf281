"""The converted classes cut into letters again: one PDF per signer, and the round's PDF for the printer.

A letter starts on the page that carries its mark (bundel.py); it runs to the page before the next mark.
In the round's PDF every letter starts on an odd page, so a double-sided print gives each signer sheets of
their own: a letter of an odd number of pages gets a blank page here (LibreOffice's own blank pages for the
odd-page section breaks are not always exported, and are left out of each letter). A signer's own PDF has no
blank page.
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


def ronde_pdf(klassen: list[pdfium.PdfDocument], letters: list[list[list[int]]], pad: Path) -> int:
    """The letters one after another (`letters[k]`: the page indexes of each letter in `klassen[k]`), each
    padded to an even number of pages, so each starts on an odd page whatever LibreOffice exported of its
    own blank pages. Returns the page count."""
    uit = pdfium.PdfDocument.new()
    for pdf, paginas in zip(klassen, letters, strict=True):
        for letter in paginas:
            uit.import_pages(pdf, letter)
            if len(uit) % 2:
                breedte, hoogte = pdf[letter[-1]].get_size()
                uit.new_page(breedte, hoogte)
    aantal = len(uit)
    atomic_write_bytes(pad, _bytes(uit))
    uit.close()
    return aantal


def _bytes(pdf: pdfium.PdfDocument) -> bytes:
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()
