"""`opp ronde brieven` for the consents the round follows besides the plan: the kernteam's (externals) and the
TLV request's. Who gets which page, read back from the PDFs, their QR codes and the tracker; every page to
sign points at its own consent row; the letter's own pages carry the letter-page mark and no code; a stack
of all printed pages, through the copier, comes back with every consent row received and nothing to do by
hand."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import random
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
import zxingcpp
from pypdf import PdfReader

from kopieerapparaat import Kopie, kopieer, pagina_beelden, scan_pdf, teken_in_vak
from opp.invoer import open_invoer
from opp.render.documents import render
from opp.ronde.brieven import maak_brieven
from opp.ronde.code import BRIEFPAGINA, lees_code, leesbaar
from opp.ronde.handtekening import ANKER
from opp.ronde.lezen import lees_bestand
from opp.ronde.ontvangst import Uitkomst
from opp.ronde.scan import scan
from opp.tracker import sync_tracker
from opp.tracker.keys import Sleutel
from scan_helpers import SCANDAG, rij_met_code
from tracker_helpers import RONDE, kolommen, leerling, schrijf_werkboek, verzorger

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")]

OPP, KERNTEAM, TLV = "OPP handelingsdeel", "Toestemming kernteam (externen)", "Aanvraag TLV"


def _kernteam(nr: str, partners: str) -> dict:
    return {"leerlingnummer": nr, "datum_aanmelding": dt.date(2026, 9, 15), "aangemeld_door": "mentor",
            "akkoord_teamleider": dt.date(2026, 9, 16), "hulpvraag": "Hoe helpen we bij het plannen van werk?",
            "wat_is_al_gedaan": "gesprekken", "toestemming_ouders": "ja", "datum_toestemming": dt.date(2026, 9, 20),
            "externe_partners": partners}


def _tlv(nr: str, soort: str, **extra) -> dict:
    return {"leerlingnummer": nr, "soort": soort, "aanvraag": "eerste", "gewenste_ingangsdatum": dt.date(2027, 8, 1),
            "einddatum": dt.date(2031, 7, 31), "motivatie_school": "leerachterstand", **extra}


def _werkboek(pad: Path) -> Path:
    leerlingen = [
        leerling("1001", "Sanne", "Berg", dt.date(2012, 5, 14), "PrO 1A"),  # 14: her parents sign
        leerling("1002", "Mo", "Amrani", dt.date(2010, 2, 3), "PrO 1A"),  # 16: consents to the kernteam himself too
        leerling("1003", "Daan", "Visser", dt.date(2008, 1, 1), "PrO 2B"),  # 18: signs everything himself
        leerling("1004", "Lotte", "Smit", dt.date(2012, 3, 3), "PrO 2B"),  # a referral without externals
    ]
    verzorgers = [
        dict(verzorger("1001", "mw. M. Berg", "moeder", email="m.berg@example.nl"),
             adres="Beukenstraat 12", postcode="1234 AB", plaats="Lindeveen"),
        verzorger("1001", "dhr. J. Berg", "vader"),
        verzorger("1002", "mw. F. Amrani", "moeder"),
        verzorger("1003", "mw. T. Visser", "moeder"),
        verzorger("1004", "mw. E. Smit", "moeder"),
    ]
    return schrijf_werkboek(pad, leerlingen, verzorgers,
                            Kernteam=[_kernteam("1002", "MEE, schoolarts"), _kernteam("1003", "leerplicht"),
                                      _kernteam("1004", "")],
                            TLV=[_tlv("1001", "pro"), _tlv("1003", "vso", categorie="midden")])


@pytest.fixture(scope="module")
def ronde(tmp_path_factory):
    map_ = tmp_path_factory.mktemp("toestemming")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(map_)
        werkboek = _werkboek(map_ / "werkboek.xlsx")
        with open_invoer(werkboek, RONDE) as invoer:
            render(invoer, documenten=["opp"], jobs=1)
            tracker = sync_tracker(invoer).tracker
        with open_invoer(werkboek, RONDE) as invoer:
            result = maak_brieven(invoer)
    return map_, map_ / tracker, result


def _tracker_sleutels(pad: Path) -> dict[str, Sleutel]:
    ws = openpyxl.load_workbook(pad)["Ondertekening"]
    kol = kolommen(ws)
    return {row[kol["Code"] - 1]: Sleutel.lees(row[kol["Sleutel"] - 1])
            for row in ws.iter_rows(min_row=2, values_only=True) if row[kol["Code"] - 1]}


def _qr_per_pagina(pdf_pad: Path) -> list[list[str]]:
    pdf = pdfium.PdfDocument(pdf_pad)
    try:
        return [[b.text for b in zxingcpp.read_barcodes(pdf[i].render(scale=150 / 72, grayscale=True).to_pil())]
                for i in range(len(pdf))]
    finally:
        pdf.close()


def test_each_signer_gets_one_letter_with_the_plan_and_the_consents_they_give(ronde):
    _, _, result = ronde
    wat = {(b.leerlingnummer, b.ondertekenaar): b.documenten for b in result.brieven}
    assert wat == {
        ("1001", "mw. M. Berg"): [OPP, TLV], ("1001", "dhr. J. Berg"): [OPP, TLV],  # 14: both parents, the request
        ("1002", "mw. F. Amrani"): [OPP, KERNTEAM],
        ("1002", "Mo Amrani"): [KERNTEAM],  # 16: consents to sharing himself; signs the plan at school only
        ("1003", "Daan Visser"): [OPP, KERNTEAM, TLV],  # 18: everything himself, his mother nothing
        ("1004", "mw. E. Smit"): [OPP],  # a referral without externals asks no consent
    }
    assert result.ok and not result.niet_in_tracker and result.niet_in_werkboek == 0


def test_every_page_to_sign_points_at_its_own_consent_row(ronde):
    map_, tracker, result = ronde
    op_tracker = _tracker_sleutels(tracker)
    for brief in result.brieven:
        qr = _qr_per_pagina(map_ / brief.pdf)
        assert len(qr) == brief.paginas == 1 + len(brief.documenten), brief.ondertekenaar
        assert qr[0] == [BRIEFPAGINA] * len(qr[0]) and qr[0], "the letter's own page: its mark, no code"
        for teksten, code, document in zip(qr[1:], brief.codes, brief.documenten, strict=True):
            assert ANKER in teksten, "a page to sign: its signature box's anchor"
            teksten.remove(ANKER)
            assert len(teksten) == 1 and BRIEFPAGINA not in teksten, "a page to sign: its code and no letter mark"
            canon = lees_code(teksten[0])
            assert canon is not None and leesbaar(canon) == code
            sleutel = op_tracker[canon]
            assert (sleutel.leerlingnummer, sleutel.document, sleutel.soort) == (brief.leerlingnummer, document,
                                                                                 "instemming")
            assert brief.ondertekenaar.lower().split()[-1] in sleutel.ondertekenaar


def _paginas(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def test_the_consent_pages_say_what_is_consented_to_and_why(ronde):
    map_, _, result = ronde
    per = {(b.leerlingnummer, b.ondertekenaar): b for b in result.brieven}

    brief, *paginas = _paginas(map_ / per[("1002", "mw. F. Amrani")].pdf)
    assert "Toestemming voor het kernteam" in brief and "MEE en schoolarts" in brief
    assert "zorgcoördinatoren" in brief  # what happens without consent
    kernteam = paginas[1]
    assert "Toestemming kernteam" in kernteam and "MEE en schoolarts" in kernteam
    assert "Hoe helpen we bij het plannen van werk?" in kernteam and "Ik geef geen toestemming" in kernteam
    assert per[("1002", "mw. F. Amrani")].codes[1] in kernteam
    assert "vanaf 16 jaar" in _paginas(map_ / per[("1002", "Mo Amrani")].pdf)[0]

    brief, opp, tlv = _paginas(map_ / per[("1001", "mw. M. Berg")].pdf)
    assert "toelaatbaarheidsverklaring" in brief and "zienswijze" in brief and "SWV VO Utrecht" in brief
    assert "handelingsdeel" in opp and "versie 1" in opp
    assert "Aanvraag toelaatbaarheidsverklaring" in tlv and "praktijkonderwijs" in tlv
    assert "Mijn zienswijze" in tlv and "SWV VO Utrecht" in tlv and "1 augustus 2027" in tlv
    assert "Akkoord" not in tlv and "Eens" in tlv

    brief, *paginas = _paginas(map_ / per[("1003", "Daan Visser")].pdf)
    assert "18 jaar of ouder" in brief and "leerplicht" in brief
    assert "voortgezet speciaal onderwijs (categorie midden)" in paginas[2]


def test_letters_of_three_and_four_pages_still_start_on_an_odd_page(ronde):
    map_, _, result = ronde
    reader = PdfReader(map_ / result.ronde_pdf)
    assert len(reader.pages) == result.paginas and result.paginas % 2 == 0
    starts = [i + 1 for i, page in enumerate(reader.pages) if "Betreft:" in page.extract_text()]
    assert len(starts) == len(result.brieven) and all(p % 2 == 1 for p in starts)
    # each letter's pages, then a blank page when their number is odd
    assert result.paginas == sum(b.paginas + b.paginas % 2 for b in result.brieven)


def test_the_email_draft_asks_for_every_page(ronde):
    map_, _, result = ronde
    (brief,) = [b for b in result.brieven if b.eml]
    bericht = email.message_from_bytes((map_ / brief.eml).read_bytes(), policy=email.policy.default)
    tekst = bericht.get_body(preferencelist=("plain",)).get_content()
    assert "de pagina's" in tekst and "aanvraag toelaatbaarheidsverklaring" in tekst
    assert "aanvraag toelaatbaarheidsverklaring" in bericht["Subject"]


def test_the_whole_printed_stack_comes_back_with_every_consent_received(ronde, tmp_path):
    """Every page of the round's PDF (letters, pages to sign and blank backs) through the copier, shuffled:
    each page to sign sets its row, the letter's pages are harmless, nothing is left to do by hand."""
    map_, gedeeld, result = ronde
    tracker = Path(shutil.copy(gedeeld, tmp_path / "ondertekening.xlsx"))  # the module's tracker stays as it is
    beelden = pagina_beelden(map_ / result.ronde_pdf)
    rnd = random.Random(13)
    volgorde = list(range(len(beelden)))
    rnd.shuffle(volgorde)
    met_code = {g.pagina - 1 for g in lees_bestand(map_ / result.ronde_pdf) if g.codes}
    getekend = [teken_in_vak(b, seed=i) if i in met_code else b for i, b in enumerate(beelden)]  # each one signs
    kopieen = [kopieer(getekend[i], Kopie.willekeurig(rnd), seed=i) for i in volgorde]
    retour = scan_pdf(kopieen, tmp_path / "stapel.pdf")

    scan_result = scan([retour], tracker, SCANDAG, backups_bewaren=10)

    codes = {c for b in result.brieven for c in b.codes}
    uitkomsten = [p.uitkomst for p in scan_result.paginas]
    assert uitkomsten.count(Uitkomst.BRIEFPAGINA) == len(result.brieven)
    assert uitkomsten.count(Uitkomst.HERKEND) == len(codes)
    assert uitkomsten.count(Uitkomst.LEEG) == result.paginas - len(result.brieven) - len(codes)
    assert scan_result.ok and scan_result.niet_herkend_pdf is None
    assert all(p.handtekening_ontbreekt is False for p in scan_result.paginas if p.uitkomst is Uitkomst.HERKEND)
    assert {p.code for p in scan_result.paginas if p.uitkomst is Uitkomst.HERKEND} == codes
    for code in codes:
        assert rij_met_code(tracker, code.replace("-", ""))["Ontvangen op"].date() == SCANDAG
        assert len(list(tracker.parent.glob(f"*/* - {code}.pdf"))) == 1
    documenten = {p.document for p in scan_result.paginas if p.uitkomst is Uitkomst.HERKEND}
    assert documenten == {OPP, KERNTEAM, TLV}
    assert list(tracker.parent.glob(f"PrO 1A/1002 * - {KERNTEAM} - getekend *.pdf"))


def test_a_schools_own_letter_without_consent_pages_asks_no_consent_and_says_so(ronde, tmp_path):
    """A brief.docx from before the consents would print them as consent to the plan: they are left out."""
    map_, _, _ = ronde
    eigen = tmp_path / "eigen"
    eigen.mkdir()
    bron = Path(__file__).resolve().parent.parent / "templates" / "brief.docx"
    with zipfile.ZipFile(bron) as oud, zipfile.ZipFile(eigen / "brief.docx", "w") as nieuw:
        for naam in oud.namelist():
            inhoud = oud.read(naam)
            if naam == "word/document.xml":
                inhoud = re.sub(rb"p\.soort == &apos;\w+&apos;|p\.soort == '\w+'", b"false", inhoud)
                assert b"p.soort" not in inhoud
            nieuw.writestr(naam, inhoud)
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(map_)
        with open_invoer(map_ / "werkboek.xlsx", RONDE) as invoer:
            result = maak_brieven(invoer, uit=tmp_path / "uit", templates=eigen)
    assert {(b.leerlingnummer, b.ondertekenaar): b.documenten for b in result.brieven} == {
        ("1001", "mw. M. Berg"): [OPP], ("1001", "dhr. J. Berg"): [OPP], ("1002", "mw. F. Amrani"): [OPP],
        ("1003", "Daan Visser"): [OPP], ("1004", "mw. E. Smit"): [OPP]}
    assert result.toestemming_zonder_sjabloon == 6  # 1001: 2x TLV; 1002: 2x kernteam; 1003: kernteam and TLV
    assert any("opp templates export" in r for r in result.samenvatting())
