"""`opp dossier --pdf`: one PDF per dossier with a bookmark per part, in order (LibreOffice + pypdf)."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dossier_helpers import (
    DATUM,
    STANDAARD_BIJLAGEN,
    leerling,
    ouder,
    pdf_bytes,
    pro_aanvraag,
    toetsen,
    vso_aanvraag,
    werkboek,
)
from opp.cli import cli
from opp.dossier import maak_alle_dossiers, maak_dossier
from opp.invoer import open_invoer
from opp.render.pdf import INSTALL_HINT

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")


def bladwijzers(pad) -> list[tuple[str, int]]:
    """(title, first page) of every top-level outline item, in order."""
    reader = PdfReader(pad)
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline
            if not isinstance(item, list)]


@pytest.mark.libreoffice
@needs_soffice
def test_one_pdf_with_a_bookmark_per_part_in_order(tmp_path):
    bijlagen = {naam: maak() for naam, maak in STANDAARD_BIJLAGEN.items()}
    bijlagen["bijlagen/foto.jpg"] = b"\xff\xd8\xff\xe0"
    pad = werkboek(tmp_path, bijlagen=bijlagen, tlv=[pro_aanvraag(
        bijlagen="bijlagen/iq-rapport.pdf; bijlagen/foto.jpg; bijlagen/verslag-leerlingbespreking.docx")])
    r = maak_dossier(open_invoer(pad, DATUM), "001", uit=tmp_path / "uit", pdf=True)
    assert r.compleet and r.pdf == tmp_path / "uit" / "001 Sanne van der Berg.pdf"
    titels = [t for t, _ in bladwijzers(r.pdf)]
    # Named after what each part is (from the file name when the workbook gives no description), not the file.
    assert titels == ["Voorblad", "Ontwikkelingsperspectiefplan (OPP)", "IQ-rapport", "Verslag leerlingbespreking"]
    paginas = [p for _, p in bladwijzers(r.pdf)]
    assert paginas[0] == 0 and paginas == sorted(set(paginas))
    assert paginas[3] - paginas[2] == 2  # the two pages of the IQ report, merged as they are
    reader = PdfReader(r.pdf)
    assert len(reader.pages) == paginas[3] + 1
    assert "Aanvraag toelaatbaarheidsverklaring" in reader.pages[0].extract_text()
    assert reader.metadata.title == "Aanvraag toelaatbaarheidsverklaring Sanne van der Berg"
    assert reader.viewer_preferences.display_doctitle
    assert "Verslag van de leerlingbespreking" in reader.pages[paginas[3]].extract_text()
    # The photo is kept in the folder and the zip, left out of the PDF with a note (also on the cover).
    assert any("03 foto.jpg staat niet in de PDF" in m for m in r.meldingen)
    assert next(o for o in r.onderdelen if o.bestand == "03 foto.jpg").opmerking.startswith("niet in de PDF")
    with zipfile.ZipFile(r.zip) as zf:
        assert [n.split("/")[1] for n in zf.namelist()] == [o.bestand for o in r.onderdelen]
        assert not any(n.endswith(".pdf") and "Sanne" in n.split("/")[1] for n in zf.namelist())
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [
        "001 Sanne van der Berg", "001 Sanne van der Berg.pdf", "001 Sanne van der Berg.zip"]
    # What goes to the samenwerkingsverband holds nothing editable: the Word parts are there as their PDFs.
    assert sorted(p.name for p in r.map.iterdir()) == [
        "00 Voorblad.pdf", "01 OPP.pdf", "02 iq-rapport.pdf", "03 foto.jpg", "04 verslag-leerlingbespreking.pdf"]
    assert PdfReader(r.map / "01 OPP.pdf").pages[0].extract_text().strip()
    tekst = PdfReader(r.map / "00 Voorblad.pdf").pages[-1].extract_text() + "".join(
        p.extract_text() for p in PdfReader(r.map / "00 Voorblad.pdf").pages)
    assert "00 Voorblad.pdf" in tekst and "IQ-rapport" in tekst and "Voorblad.docx" not in tekst


@pytest.mark.libreoffice
@needs_soffice
def test_every_dossier_of_the_class_gets_its_pdf(tmp_path):
    pad = werkboek(tmp_path,
                   leerlingen=[leerling(), leerling("002", roepnaam="Daan", geboortedatum=dt.date(2010, 3, 1))],
                   verzorgers=[ouder(), ouder("002")], toets_rijen=toetsen() + toetsen("002"),
                   tlv=[pro_aanvraag(), vso_aanvraag("002")])
    resultaten = maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit", pdf=True)
    assert [r.compleet for r in resultaten] == [True, True]
    vso = bladwijzers(resultaten[1].pdf)
    assert [t for t, _ in vso] == ["Voorblad", "Ontwikkelingsperspectiefplan (OPP)", "Handelingsdeel getekend",
                                   "MDO-verslag"]
    assert "Daan" in PdfReader(resultaten[1].pdf).pages[0].extract_text()


def test_a_damaged_pdf_attachment_is_left_out_with_a_note(tmp_path, monkeypatch):
    pad = werkboek(tmp_path, tlv=[pro_aanvraag(bijlagen="bijlagen/kapot.pdf; bijlagen/goed.pdf")],
                   bijlagen={"bijlagen/kapot.pdf": b"%PDF-1.4 kapot", "bijlagen/goed.pdf": pdf_bytes(3)})
    # Pretend LibreOffice converted the Word parts: a one-page PDF beside each copy.
    from opp.render.pdf import PdfResultaat

    def fake_convert(files, jobs=None, progress=None):
        for f in files:
            f.with_suffix(".pdf").write_bytes(pdf_bytes(1))
        return PdfResultaat(pdf=[f.with_suffix(".pdf") for f in files])

    monkeypatch.setattr("opp.render.pdf.convert_to_pdf", fake_convert)
    r = maak_dossier(open_invoer(pad, DATUM), "001", uit=tmp_path / "uit", pdf=True)
    assert [t for t, _ in bladwijzers(r.pdf)] == ["Voorblad", "Ontwikkelingsperspectiefplan (OPP)", "Goed"]
    assert len(PdfReader(r.pdf).pages) == 5
    assert any(m.startswith("02 kapot.pdf staat niet in de PDF: het is geen leesbare PDF") for m in r.meldingen)
    assert not r.pdf_mislukt


def test_without_libreoffice_the_bundle_is_made_and_the_cli_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr("opp.render.pdf.soffice", lambda: None)
    pad = werkboek(tmp_path)
    r = maak_dossier(open_invoer(pad, DATUM), "001", uit=tmp_path / "uit", pdf=True)
    assert r.pdf is None and r.pdf_mislukt and INSTALL_HINT in r.meldingen
    assert (r.map / "00 Voorblad.docx").is_file() and r.zip.is_file()
    result = CliRunner().invoke(cli, ["dossier", str(pad), "--leerling", "001", "--uit", str(tmp_path / "uit2"),
                                      "--pdf", "--datum", "22-11-2026"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "LibreOffice is niet gevonden" in result.output
