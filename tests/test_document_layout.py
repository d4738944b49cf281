"""Every page of the demo's OPP, IOP and kernteam documents as printed (issue 14): rendered, converted by
LibreOffice and read back per page with pypdf (tests/pdf_layout.py).

- the page before a signature page is more than half full (no forced page break before the signing part);
- no heading is the last line of a page, nor stands there with only its introduction while its table starts
  the next page;
- no date ('21 september' | '2026') or postcode ('1234' | 'BC') is broken over two lines;
- no word is broken mid-way in a narrow column ('trajectbegeleide' | 'r').

The checks first prove on a small document of known defects that they see them, so a pass means something.
"""

import re
import shutil

import pytest
from docx import Document
from docx.shared import Cm

from opp.data import demo_folder
from opp.invoer import open_invoer
from opp.render.documents import render
from opp.render.pdf import convert_to_pdf
from pdf_layout import Pagina, eenzame_koppen, gebroken_datums, gebroken_woorden, paginas
from render_helpers import DATUM

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None,
                       reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het"),
]


def _met_fouten(path):
    """A document with every defect the checks look for: a word and a date broken in narrow cells, a postcode
    broken, and a heading as the last line of page 1, the rest of the page empty."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4 and margins as our templates have them:
    section.top_margin, section.bottom_margin = Cm(3.0), Cm(2.2)  # pdf_layout tells body from header by them
    table = doc.add_table(rows=1, cols=3)
    table.autofit = False
    for kolom, cell, breedte, tekst in zip(table.columns, table.rows[0].cells, (1.9, 2.9, 1.6),
                                           ("trajectbegeleider trajectbegeleider", "gedaan op 21 september 2026",
                                            "Laan 1, 1234 BC Lindeveen"), strict=True):
        kolom.width = cell.width = Cm(breedte)
        cell.text = tekst
    # Without keep-with-next, as a template a school edited might have it.
    doc.add_heading("Een kop onderaan", level=1).paragraph_format.keep_with_next = False
    doc.add_paragraph("Tekst na een harde paginascheiding.").paragraph_format.page_break_before = True
    doc.save(path)
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Every demo document and the document of known defects, converted in one go: {name: (docx, pdf)}."""
    uit = tmp_path_factory.mktemp("demo")
    result = render(open_invoer(demo_folder() / "werkboek.xlsx", DATUM), uit=uit, jobs=2)
    assert result.ok and len(result.geschreven) == 26
    docx = [*result.geschreven, _met_fouten(uit / "met fouten.docx")]
    omgezet = convert_to_pdf(docx, jobs=2)
    assert not omgezet.mislukt and len(omgezet.pdf) == len(docx)
    return {p.stem: (p, p.with_suffix(".pdf")) for p in docx}


def _demo(pdfs) -> dict[str, list[Pagina]]:
    return {naam: paginas(pdf) for naam, (_, pdf) in pdfs.items() if naam != "met fouten"}


def _woorden(docx) -> set[str]:
    doc = Document(docx)
    tekst = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return set(re.findall(r"\w+", " ".join(tekst)))


def test_the_checks_see_the_defects_they_look_for(pdfs):
    docx, pdf = pdfs["met fouten"]
    pages = paginas(pdf)
    assert len(pages) == 2
    assert any("traject" in f for f in gebroken_woorden(pages[0], _woorden(docx)))
    fouten = gebroken_datums(pages[0])
    assert any("september" in f for f in fouten) and any("1234" in f for f in fouten)
    assert eenzame_koppen(pages[0], pages[1])  # python-docx's Heading 1 is 14 pt, as ours
    assert pages[0].vulling < 0.5 and pages[1].vulling < 0.1


def test_no_page_before_a_signature_page_is_more_than_half_empty(pdfs):
    gezien = 0
    for naam, pages in _demo(pdfs).items():
        for voor, pagina in zip(pages, pages[1:], strict=False):
            if "Handtekening" in pagina.tekst:  # the column header of every signature table
                gezien += 1
                assert voor.vulling > 0.5, f"{naam}: p{voor.nummer} is {voor.vulling:.0%} vol"
    assert gezien >= 10  # most documents' signatures are on a later page: the check did run


def test_no_heading_is_left_alone_at_the_foot_of_a_page(pdfs):
    fouten = []
    for naam, pages in _demo(pdfs).items():
        assert any(r.is_kop for p in pages for r in p.regels), naam  # headings are recognised
        for i, pagina in enumerate(pages):
            volgende = pages[i + 1] if i + 1 < len(pages) else None
            fouten += [f"{naam}: {f}" for f in eenzame_koppen(pagina, volgende)]
    assert fouten == []


def test_no_date_or_postcode_is_broken_over_two_lines(pdfs):
    fouten, datums = [], 0
    for naam, pages in _demo(pdfs).items():
        for pagina in pages:
            fouten += [f"{naam}: {f}" for f in gebroken_datums(pagina)]
            datums += len(re.findall(r"\d{1,2}[ \u00a0](?:september|oktober|november)[ \u00a0]20\d\d", pagina.tekst))
    assert fouten == []
    assert datums > 100  # the demo is full of dates, many in narrow columns


def test_no_word_is_broken_mid_way(pdfs):
    fouten = []
    for naam, pages in _demo(pdfs).items():
        woorden = _woorden(pdfs[naam][0])
        for pagina in pages:
            fouten += [f"{naam}: {f}" for f in gebroken_woorden(pagina, woorden)]
    assert fouten == []


def test_the_signing_part_starts_on_the_page_of_its_first_signatures(pdfs):
    """'Ondertekening' with its explanation is not left at the foot of a page, the signatures on the next."""
    gezien = 0
    for naam, pages in _demo(pdfs).items():
        if " - OPP - " not in naam:
            continue
        kop = [p for p in pages if any(r.is_kop and r.tekst.endswith("Ondertekening") for r in p.regels)]
        handtekeningen = [p for p in pages if "Handtekening" in p.tekst]
        assert len(kop) == 1, naam
        if handtekeningen:  # a concept has none
            gezien += 1
            assert kop[0].nummer == handtekeningen[0].nummer, naam
    assert gezien >= 10
