"""`opp ronde brieven`: who gets a letter, read back from the PDFs and the e-mail drafts; every letter on an
odd page; the QR code decodes to the code on the signer's tracker row; codes never change; --verstuurd never
overwrites a date she typed; an open tracker is refused."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import shutil
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
import zxingcpp
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import edit_xlsx, header_column
from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.render.documents import render
from opp.ronde.brieven import maak_brieven
from opp.ronde.code import lees_code, leesbaar
from opp.ronde.handtekening import ANKER
from opp.tracker import sync_tracker
from opp.tracker.keys import Sleutel
from tracker_helpers import RONDE, kolommen, leerling, schrijf_werkboek, verzorger

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")]

TRACKER = Path("output/2026-2027/ondertekening.xlsx")
DEADLINE = RONDE + dt.timedelta(days=14)


def _klas() -> tuple[list[dict], list[dict]]:
    leerlingen = [
        leerling("1001", "Sanne", "Berg", dt.date(2012, 5, 14), "PrO 1A"),
        leerling("1002", "Mo", "Amrani", dt.date(2011, 2, 3), "PrO 1A"),
        leerling("1003", "Daan", "Visser", dt.date(2008, 1, 1), "PrO 2B"),
        leerling("1004", "Lotte", "Smit", dt.date(2007, 3, 3), "PrO 2B", vertegenwoordiging="curatele"),
        leerling("1005", "Bram", "Kuipers", dt.date(2008, 10, 10), "PrO 2B"),
    ]
    verzorgers = [
        dict(verzorger("1001", "mw. M. Berg", "moeder", email="m.berg@example.nl"),
             adres="Beukenstraat 12", postcode="1234 AB", plaats="Lindeveen"),
        dict(verzorger("1001", "dhr. J. Berg", "vader"), adres="Kade 3", postcode="5678 CD", plaats="Haven"),
        verzorger("1002", "mw. F. Amrani", "moeder"),
        verzorger("1002", "dhr. A. Amrani", "vader", gezag="nee"),
        dict(verzorger("1003", "mw. T. Visser", "moeder"), adres="Dorpsweg 1", postcode="1111 AA", plaats="Dorp"),
        verzorger("1004", "mr. C. de Curator", "anders"),
        verzorger("1005", "mw. E. Kuipers", "moeder", email="e.kuipers@example.nl"),
    ]
    return leerlingen, verzorgers


def _voorbereid(map_: Path) -> Path:
    """A class with its OPPs rendered (the register) and the tracker made, as a school does before the letters."""
    werkboek = schrijf_werkboek(map_ / "werkboek.xlsx", *_klas())
    with open_invoer(werkboek, RONDE) as invoer:
        render(invoer, documenten=["opp"], jobs=1)
        sync_tracker(invoer)
    return werkboek


def _brieven(werkboek: Path, **kwargs):
    with open_invoer(werkboek, RONDE) as invoer:
        return maak_brieven(invoer, **kwargs)


@pytest.fixture(scope="module")
def ronde(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("ronde")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(map_)
        werkboek = _voorbereid(map_)
        result = _brieven(werkboek)
    return map_, werkboek, result


def _tekst(pdf: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


def _tracker_codes(pad: Path) -> dict[str, Sleutel]:
    ws = openpyxl.load_workbook(pad)["Ondertekening"]
    kol = kolommen(ws)
    return {row[kol["Code"] - 1]: Sleutel.lees(row[kol["Sleutel"] - 1])
            for row in ws.iter_rows(min_row=2, values_only=True) if row[kol["Code"] - 1]}


def test_who_gets_a_letter(ronde):
    _, _, result = ronde
    wie = sorted((b.leerlingnummer, b.ondertekenaar) for b in result.brieven)
    assert wie == [("1001", "dhr. J. Berg"), ("1001", "mw. M. Berg"),  # two parents with gezag: two letters
                   ("1002", "mw. F. Amrani"),  # the father without gezag: none
                   ("1003", "Daan Visser"),  # 18: the pupil himself
                   ("1004", "mr. C. de Curator"),  # curatele: the curator
                   ("1005", "mw. E. Kuipers")]  # 17 today: the parent ...
    # ... but he turns 18 before the letters are due back: named
    assert [(m.leerlingnummer, m.op) for m in result.meerderjarig] == [("1005", dt.date(2026, 10, 10))]
    assert result.inleveren_voor == DEADLINE and result.ok and not result.niet_in_tracker and not result.zonder_opp


def test_each_letter_is_addressed_and_carries_its_page_to_sign(ronde):
    map_, _, result = ronde
    per = {(b.leerlingnummer, b.ondertekenaar): b for b in result.brieven}
    moeder, vader = per[("1001", "mw. M. Berg")], per[("1001", "dhr. J. Berg")]
    tekst_moeder, tekst_vader = _tekst(map_ / moeder.pdf), _tekst(map_ / vader.pdf)
    assert "Beukenstraat 12" in tekst_moeder and "Kade 3" not in tekst_moeder  # two addresses, two letters
    assert "Kade 3" in tekst_vader and "5678 CD Haven" in tekst_vader
    for brief in result.brieven:
        tekst = _tekst(map_ / brief.pdf)
        assert brief.ondertekenaar in tekst and "Akkoord" in tekst and "Niet akkoord" in tekst
        assert brief.codes and all(code in tekst for code in brief.codes)
        assert "13 oktober 2026" not in tekst and "15 oktober 2026" in tekst  # the deadline from the settings
        assert len(PdfReader(map_ / brief.pdf).pages) == brief.paginas == 2
    assert "18 jaar of ouder" in _tekst(map_ / per[("1003", "Daan Visser")].pdf)
    assert "curatele" in _tekst(map_ / per[("1004", "mr. C. de Curator")].pdf)


def test_the_round_pdf_starts_every_letter_on_an_odd_page_in_class_and_name_order(ronde):
    map_, _, result = ronde
    reader = PdfReader(map_ / result.ronde_pdf)
    assert len(reader.pages) == result.paginas and result.paginas % 2 == 0
    starts = [i + 1 for i, page in enumerate(reader.pages) if "Betreft:" in page.extract_text()]
    assert len(starts) == len(result.brieven) and all(p % 2 == 1 for p in starts)
    klassen = [b.klas for b in result.brieven]
    assert klassen == sorted(klassen)
    assert [b.leerlingnummer for b in result.brieven if b.klas == "PrO 1A"] == ["1002", "1001", "1001"]  # Amrani, Berg


def test_the_qr_code_decodes_to_the_code_on_the_signers_tracker_row(ronde):
    map_, _, result = ronde
    op_tracker = _tracker_codes(map_ / TRACKER)
    for brief in result.brieven:
        pdf = pdfium.PdfDocument(map_ / brief.pdf)
        beeld = pdf[1].render(scale=150 / 72, grayscale=True).to_pil()
        pdf.close()
        gelezen = [b.text for b in zxingcpp.read_barcodes(beeld)]
        assert ANKER in gelezen  # the signature box's anchor, beside the page's code
        gelezen.remove(ANKER)
        assert len(gelezen) == 1
        code = lees_code(gelezen[0])
        assert code is not None and leesbaar(code) == brief.codes[0]
        sleutel = op_tracker[code]
        assert sleutel.leerlingnummer == brief.leerlingnummer and sleutel.soort == "instemming"
        assert brief.ondertekenaar.lower().split()[-1] in sleutel.ondertekenaar  # the signer's own row


def test_the_code_holds_nothing_personal(ronde):
    _, _, result = ronde
    for brief in result.brieven:
        for code in brief.codes:
            assert brief.leerlingnummer not in code.replace("-", "") and "2012" not in code


def test_an_email_draft_for_signers_with_an_address(ronde):
    map_, _, result = ronde
    met_mail = [b for b in result.brieven if b.eml]
    assert sorted(b.ondertekenaar for b in met_mail) == ["mw. E. Kuipers", "mw. M. Berg"]
    for brief in met_mail:
        bericht = email.message_from_bytes((map_ / brief.eml).read_bytes(), policy=email.policy.default)
        assert brief.ondertekenaar in bericht["To"] and "@example.nl" in bericht["To"]
        assert bericht["X-Unsent"] == "1" and "uiterlijk" in bericht["Subject"]
        assert "15 oktober 2026" in bericht.get_body(preferencelist=("plain",)).get_content()
        bijlagen = list(bericht.iter_attachments())
        assert len(bijlagen) == 1 and bijlagen[0].get_content_type() == "application/pdf"
        assert bijlagen[0].get_content() == (map_ / brief.pdf).read_bytes()
    assert (map_ / result.brieven[0].pdf).stat().st_mode & 0o077 == 0  # owner only


def test_codes_never_change_and_verstuurd_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    eerste = _brieven(werkboek)
    codes = _tracker_codes(TRACKER)
    assert len(codes) == len(eerste.brieven) == eerste.nieuwe_codes

    # She typed a date for one row herself.
    wb = openpyxl.load_workbook(TRACKER)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    getypt = dt.date(2026, 9, 28)
    rij = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, kol["Code"]).value)
    ws.cell(r := rij, kol["Verstuurd op"]).value = getypt
    wb.save(TRACKER)

    tweede = _brieven(werkboek, verstuurd=True)
    assert tweede.nieuwe_codes == 0 and _tracker_codes(TRACKER) == codes
    assert sorted(c for b in tweede.brieven for c in b.codes) == sorted(c for b in eerste.brieven for c in b.codes)
    assert tweede.verstuurd_gezet == len(codes) - 1 and tweede.verstuurd_al_ingevuld == 1
    assert tweede.backup is not None and tweede.backup.is_file()
    ws = openpyxl.load_workbook(TRACKER)["Ondertekening"]
    datums = [ws.cell(x, kol["Verstuurd op"]).value for x in range(2, ws.max_row + 1) if ws.cell(x, kol["Code"]).value]
    assert ws.cell(r, kol["Verstuurd op"]).value.date() == getypt
    assert sorted(d.date() for d in datums) == [getypt] + [RONDE] * (len(codes) - 1)


def test_an_open_tracker_is_refused_and_nothing_is_made(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    lock = TRACKER.with_name("~$" + TRACKER.name)
    lock.write_text("secretaris")
    voor = TRACKER.read_bytes()
    with pytest.raises(OppError, match="geopend"):
        _brieven(werkboek)
    assert TRACKER.read_bytes() == voor
    assert not (TRACKER.parent / "ronde").exists()


def test_a_signed_row_gets_no_letter_and_the_cli_json_is_the_result(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    wb = openpyxl.load_workbook(TRACKER)
    ws = wb["Ondertekening"]
    kol = kolommen(ws)
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, kol["Ondertekenaar"]).value == "mw. M. Berg":
            ws.cell(r, kol["Ontvangen op"]).value = dt.date(2026, 9, 30)
    wb.save(TRACKER)
    import opp.ronde.brieven as module

    teruggegeven = []

    def vang(*args, **kwargs):
        teruggegeven.append(maak_brieven(*args, **kwargs))
        return teruggegeven[-1]

    monkeypatch.setattr(module, "maak_brieven", vang)
    uitvoer = CliRunner().invoke(cli, ["ronde", "brieven", str(werkboek), "--datum", "01-10-2026", "--klas", "PrO 1A",
                                       "--json"], catch_exceptions=False)
    assert uitvoer.exit_code == 0, uitvoer.output
    data = json.loads(uitvoer.output)
    assert data == teruggegeven[0].to_dict()  # --json is the library's result
    assert sorted(b["ondertekenaar"] for b in data["brieven"]) == ["dhr. J. Berg", "mw. F. Amrani"]
    assert data["inleveren_voor"] == "2026-10-15" and data["ok"] is True


def test_a_new_version_asks_again_with_a_new_code_and_the_old_row_keeps_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    eerste = {(b.leerlingnummer, b.ondertekenaar): b for b in _brieven(werkboek, leerlingen=["1002"]).brieven}
    oude_code = eerste[("1002", "mw. F. Amrani")].codes[0]

    def ander_doel(wb):  # the handelingsdeel changes: version 2 asks consent again
        ws = wb["Doelen"]
        for r in range(2, ws.max_row + 1):
            if str(ws.cell(r, header_column(ws, "Leerlingnummer")).value) == "1002":
                ws.cell(r, header_column(ws, "Doel")).value = "Werkt een uur zelfstandig."
    edit_xlsx(werkboek, ander_doel)
    later = RONDE + dt.timedelta(days=7)
    with open_invoer(werkboek, later) as invoer:
        render(invoer, documenten=["opp"], jobs=1)
        sync_tracker(invoer)
        tweede = maak_brieven(invoer, leerlingen=["1002"])
    (brief,) = tweede.brieven
    assert brief.codes[0] != oude_code and tweede.nieuwe_codes == 1
    assert "versie 2" in _tekst(brief.pdf)
    codes = _tracker_codes(TRACKER)
    assert oude_code in {leesbaar(c) for c in codes} and brief.codes[0] in {leesbaar(c) for c in codes}


def test_a_letter_template_saved_by_libreoffice_still_gets_each_pages_qr_code(tmp_path, monkeypatch):
    """A school edits brief.docx and saves it: the QR placeholder is found by its alt text, not its position."""
    import subprocess

    eigen = tmp_path / "eigen"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profiel').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(eigen),
                    str(Path(__file__).resolve().parent.parent / "templates" / "brief.docx")],
                   check=True, capture_output=True, timeout=180)
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    (brief,) = _brieven(werkboek, leerlingen=["1002"], templates=eigen).brieven
    pdf = pdfium.PdfDocument(brief.pdf)
    beeld = pdf[len(pdf) - 1].render(scale=150 / 72, grayscale=True).to_pil()
    pdf.close()
    assert [lees_code(b.text) for b in zxingcpp.read_barcodes(beeld) if b.text != ANKER] == [
        brief.codes[0].replace("-", "")]


def test_a_pupil_added_after_the_last_sync_is_named_not_forgotten(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    werkboek = _voorbereid(tmp_path)
    leerlingen, verzorgers = _klas()
    leerlingen.append(leerling("1006", "Noor", "Bakker", dt.date(2013, 4, 4), "PrO 1A"))
    verzorgers.append(verzorger("1006", "mw. L. Bakker", "moeder"))
    schrijf_werkboek(werkboek, leerlingen, verzorgers)
    with open_invoer(werkboek, RONDE) as invoer:
        render(invoer, documenten=["opp"], jobs=1)
    result = _brieven(werkboek, klassen=["PrO 1A"])
    assert result.niet_in_tracker == ["1006"]
    assert "1006" not in {b.leerlingnummer for b in result.brieven}
    assert any("opp tracker sync" in regel for regel in result.samenvatting())
