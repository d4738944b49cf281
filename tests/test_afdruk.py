"""Issue 14, the report and the signing tracker as printed: A4 on every sheet, page x of y, 'Vertrouwelijk - bevat
persoonsgegevens' at the top of every printed sheet that names pupils, column headers that fit, chart axes from
0 and category labels as written. Read back with openpyxl; the last test prints both through LibreOffice."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from opp.afdruk import PAGINA, VERTROUWELIJK
from opp.invoer import open_invoer
from opp.rapport import maak_rapport
from opp.tracker import sync_tracker
from rapport_helpers import DATUM, maak_werkboek
from tracker_helpers import schrijf_werkboek, standaard_klas

A4 = 9  # openpyxl's (and Excel's) number for A4 paper
A4_LIGGEND = (842, 595)  # points


@pytest.fixture(scope="module")
def rapport(tmp_path_factory):
    werkboek = maak_werkboek(tmp_path_factory.mktemp("afdruk") / "werkboek.xlsx")
    return maak_rapport(open_invoer(werkboek, DATUM), werkboek.parent / "uit").rapport


@pytest.fixture(scope="module")
def tracker(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("tracker")
    werkboek = schrijf_werkboek(map_ / "werkboek.xlsx", *standaard_klas())
    pad = map_ / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, DATUM), pad)
    return pad


def kop(ws) -> str:
    return ws.oddHeader.left.text or ""


def test_every_report_sheet_prints_on_a4_with_page_numbers(rapport):
    wb = openpyxl.load_workbook(rapport)
    for ws in wb.worksheets:
        assert ws.page_setup.paperSize == A4, ws.title
        assert ws.oddFooter.right.text == PAGINA, ws.title


def test_the_report_sheets_with_names_say_confidential_on_every_page(rapport):
    wb = openpyxl.load_workbook(rapport)
    met_namen = [ws for ws in wb.worksheets if ws.title.startswith("Vertrouwelijk")]
    assert len(met_namen) >= 5
    for ws in met_namen:
        assert kop(ws) == VERTROUWELIJK, ws.title
        assert ws.print_title_rows  # the column headers repeat on every page
    for ws in wb.worksheets:
        if ws not in met_namen:  # the count sheets name no one and may be shared
            assert kop(ws) == "", ws.title


def test_report_charts_start_at_zero_and_labels_are_as_written(rapport):
    wb = openpyxl.load_workbook(rapport)
    charts = [c for ws in wb.worksheets for c in ws._charts]
    assert len(charts) >= 4
    assert all(c.y_axis.scaling.min == 0 for c in charts)
    doelen = [str(r[0]) for r in wb["Doelen"].iter_rows(values_only=True) if r[0]]
    assert "Wonen" in doelen and "Vrije tijd" in doelen and "wonen" not in doelen
    uitstroom = wb["Uitstroom"]
    assert "Vervolgonderwijs" in [c.value for row in uitstroom.iter_rows() for c in row]


def test_report_headers_fit_their_columns(rapport):
    wb = openpyxl.load_workbook(rapport)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.font.bold and cell.fill.fgColor.rgb and cell.fill.fgColor.rgb.endswith("1F4E79"):
                    breedte = ws.column_dimensions[cell.column_letter].width
                    assert breedte >= len(str(cell.value)) * 1.1, (ws.title, cell.value, breedte)


def test_the_tracker_prints_on_a4_and_its_names_sheet_says_confidential(tracker):
    wb = openpyxl.load_workbook(tracker)
    ondertekening, overzicht = wb["Ondertekening"], wb["Overzicht"]
    for ws in (ondertekening, overzicht):
        assert ws.page_setup.paperSize == A4 and ws.page_setup.orientation == "landscape"
        assert ws.oddFooter.right.text == PAGINA
    assert kop(ondertekening) == VERTROUWELIJK
    assert kop(overzicht) == ""  # counts per class only


def test_the_tracker_overview_headers_fit_and_its_axis_starts_at_zero(tracker):
    ws = openpyxl.load_workbook(tracker)["Overzicht"]
    koppen = {c.value: c for c in ws[7] if c.value}
    for tekst in ("Niet verstuurd", "Geen instemming"):
        cell = koppen[tekst]
        langste_woord = max(len(w) for w in tekst.split())
        assert ws.column_dimensions[cell.column_letter].width >= langste_woord + 3
        assert cell.alignment.wrap_text
    assert ws.row_dimensions[7].height >= 30  # room for two lines
    (chart,) = ws._charts
    assert chart.y_axis.scaling.min == 0


def test_a_header_she_set_in_her_tracker_is_kept(tmp_path):
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    pad = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, DATUM), pad)
    wb = openpyxl.load_workbook(pad)
    wb["Ondertekening"].oddHeader.left.text = None
    wb["Ondertekening"].oddHeader.right.text = None
    wb["Ondertekening"].oddFooter.right.text = None
    wb["Ondertekening"].oddHeader.center.text = "Secretariaat De Linde"
    wb.save(pad)
    sync_tracker(open_invoer(werkboek, DATUM), pad)
    ws = openpyxl.load_workbook(pad)["Ondertekening"]
    assert ws.oddHeader.center.text == "Secretariaat De Linde" and kop(ws) == ""


def test_a_tracker_made_before_gets_the_confidential_header(tmp_path):
    werkboek = schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())
    pad = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, DATUM), pad)
    wb = openpyxl.load_workbook(pad)  # as an older opp wrote it: no header, no footer, no paper size
    ws = wb["Ondertekening"]
    ws.oddHeader.left.text = ws.oddHeader.right.text = ws.oddFooter.right.text = None
    ws.page_setup.paperSize = None
    wb.save(pad)
    sync_tracker(open_invoer(werkboek, DATUM), pad)
    ws = openpyxl.load_workbook(pad)["Ondertekening"]
    assert kop(ws) == VERTROUWELIJK and ws.page_setup.paperSize == A4


@pytest.mark.libreoffice
def test_printed_through_libreoffice(rapport, tracker, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) staat niet op het PATH")
    for bron in (rapport, tracker):
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}", "--headless",
                        "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(bron)],
                       capture_output=True, timeout=180, check=False)
    for naam in ("rapport.pdf", "ondertekening.pdf"):
        if not (tmp_path / naam).is_file():
            pytest.skip("LibreOffice Calc ontbreekt: apt-get install libreoffice-calc-nogui")
        reader = PdfReader(tmp_path / naam)
        n = len(reader.pages)
        for i, pagina in enumerate(reader.pages, start=1):
            assert (round(float(pagina.mediabox.width)), round(float(pagina.mediabox.height))) == A4_LIGGEND
            assert f"Pagina {i} van {n}" in pagina.extract_text()
    tekst = [p.extract_text() for p in PdfReader(tmp_path / "ondertekening.pdf").pages]
    assert VERTROUWELIJK in tekst[0]  # the sheet with names and e-mail addresses
    rapport_tekst = [p.extract_text() for p in PdfReader(tmp_path / "rapport.pdf").pages]
    assert VERTROUWELIJK not in rapport_tekst[0]  # Overzicht: counts only
    assert any(VERTROUWELIJK in t and "Leerlingnummer" in t for t in rapport_tekst)
