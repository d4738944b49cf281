"""The real templates on the demo class: the signer lines the rules decide, and every document converts to PDF."""

import datetime as dt
import shutil

import pytest
from docx import Document
from pypdf import PdfReader

from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.render.documents import render
from render_helpers import document_text

DATUM = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_docs(tmp_path_factory):
    uit = tmp_path_factory.mktemp("demo")
    result = render(open_invoer(demo_folder() / "werkboek.xlsx", DATUM), uit=uit, jobs=2)
    assert result.ok and len(result.geschreven) == 26
    return {p.name.split()[0] + "-" + p.name.split(" - ")[1]: p for p in result.geschreven}


def body_in_order(path) -> str:
    """Paragraphs and table cells in document order."""
    parts = []
    for block in Document(path).iter_inner_content():
        if hasattr(block, "rows"):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def signature_block(path) -> str:
    """Who gives consent: the text between the headings 'Instemming met het handelingsdeel' and 'Gezien'."""
    text = body_in_order(path)
    start = text.index("Instemming met het handelingsdeel")
    return text[start:text.index("Gezien / besproken", start)]


def test_two_parents_with_gezag_both_give_consent(demo_docs):
    block = signature_block(demo_docs["024101-OPP"])
    assert "mw. M. van der Berg-Hoekman" in block and "dhr. R. van der Berg" in block


def test_parent_without_gezag_does_not_sign(demo_docs):
    block = signature_block(demo_docs["024102-OPP"])
    assert "mw. I. de Wit" in block and "S. Pranger" not in block


def test_adult_pupil_signs_instead_of_parents(demo_docs):
    block = signature_block(demo_docs["021307-OPP"])  # Bram, 18 since March 2026
    assert "Bram Kuipers" in block and "E. Kuipers" not in block


def test_curatele_the_curator_signs(demo_docs):
    block = signature_block(demo_docs["021308-OPP"])
    assert "mr. H. Wolters (curator)" in block and "curatele" in block
    assert "C. Hendriks" not in block and "Lotte Hendriks" not in block  # she signs for seen, not consent


def test_pupil_who_turns_18_between_two_dates(tmp_path):
    """Noah turns 14 on 30 November; Jesse turns 18 on 19 December 2026: parents before, Jesse after."""
    werkboek = demo_folder() / "werkboek.xlsx"
    before = render(open_invoer(werkboek, dt.date(2026, 12, 18)), uit=tmp_path / "voor", jobs=1,
                    leerlingen=["021311"], documenten=["opp"]).geschreven[0]
    after = render(open_invoer(werkboek, dt.date(2026, 12, 19)), uit=tmp_path / "na", jobs=1,
                   leerlingen=["021311"], documenten=["opp"]).geschreven[0]
    assert "mw. S. van Dijk" in signature_block(before)
    assert "Jesse van Dijk" not in signature_block(before)
    assert "mw. S. van Dijk" not in signature_block(after) and "Jesse van Dijk" in signature_block(after)


def test_dates_are_dutch_and_nothing_is_left_unrendered(demo_docs):
    for path in demo_docs.values():
        text = document_text(path)
        assert "22 november 2026" in text
        assert "{{" not in text and "{%" not in text and "None" not in text


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")
def test_every_default_template_converts_to_pdf_for_every_demo_pupil(tmp_path):
    result = render(open_invoer(demo_folder() / "werkboek.xlsx", DATUM), uit=tmp_path, jobs=2, pdf=True)
    assert not result.pdf_mislukt and len(result.pdf) == 26
    for pdf in result.pdf:
        pages = len(PdfReader(pdf).pages)
        assert 2 <= pages <= 8, (pdf.name, pages)
        assert Document(pdf.with_suffix(".docx")).sections[0].page_height.mm == pytest.approx(297, abs=1)
