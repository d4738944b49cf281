"""PDF export through LibreOffice: batched, checked, failures named, a clear hint when it is missing."""

import shutil

import pytest
from pypdf import PdfReader

from opp.invoer import open_invoer
from opp.render.documents import render
from opp.render.pdf import INSTALL_HINT, convert_to_pdf
from render_helpers import DATUM, leerling, ouder, own_templates, workbook

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


@pytest.mark.libreoffice
@needs_soffice
def test_pdf_beside_every_document_with_sensible_pages(tmp_path):
    pupils = [leerling(f"{i:03d}", roepnaam=f"Kind{i}", klas=f"K{i % 2}") for i in range(3)]
    wb = workbook(tmp_path, pupils, [ouder(p["leerlingnummer"]) for p in pupils])
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=2, pdf=True,
                    uit=tmp_path / "uit", documenten=["opp", "iop"])
    assert len(result.pdf) == 6 and not result.pdf_mislukt
    for docx in result.geschreven:
        pdf = docx.with_suffix(".pdf")
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 3
        assert "Kind" in reader.pages[0].extract_text()


@pytest.mark.libreoffice
@needs_soffice
def test_a_failing_conversion_is_named_and_the_rest_arrive(tmp_path):
    good = own_templates(tmp_path / "tpl") / "opp.docx"
    copy = tmp_path / "docs" / "goed.docx"
    copy.parent.mkdir()
    shutil.copyfile(good, copy)
    broken = tmp_path / "docs" / "kapot.docx"
    broken.write_bytes(b"PK\x03\x04 dit is geen document")
    result = convert_to_pdf([copy, broken], jobs=2)
    assert result.mislukt == [broken]
    assert result.pdf == [copy.with_suffix(".pdf")] and copy.with_suffix(".pdf").stat().st_size > 0


def test_missing_libreoffice_gives_the_install_hint_and_keeps_docx(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "leeg"))
    wb = workbook(tmp_path)
    result = render(open_invoer(wb, DATUM), templates=own_templates(tmp_path / "tpl"), jobs=1, pdf=True,
                    uit=tmp_path / "uit")
    assert result.pdf_melding == INSTALL_HINT and "apt-get install" in INSTALL_HINT
    assert result.geschreven and all(p.exists() for p in result.geschreven)
    assert result.pdf == []


def test_batches_are_short_and_per_folder(tmp_path):
    from opp.render.pdf import BATCH_SIZE, _chunks

    files = [tmp_path / "a" / f"{i}.docx" for i in range(BATCH_SIZE + 3)] + [tmp_path / "b" / "x.docx"]
    chunks = _chunks(files)
    assert [len(c) for c in chunks] == [BATCH_SIZE, 3, 1]
    assert all(len({f.parent for f in c}) == 1 for c in chunks)
