"""The signing round on paper from the Ondertekening page of `opp app`: the letters made as a task (print PDF,
per-signer letters in a zip), then the signed pages scanned by a copier uploaded and read into the tracker.
Read back from what the server made: the PDF with pypdf, the zip, the tracker's rows."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from app_helpers import csrf, wacht_op_taak
from kopieerapparaat import Kopie, kopieer, pagina_beelden, scan_pdf, te_tekenen_pagina
from opp.invoer import vandaag
from opp.ronde.code import leesbaar
from opp.ronde.lezen import lees_bestand
from scan_helpers import rij_met_code

pytestmark = [pytest.mark.libreoffice,
              pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice (soffice) is niet geïnstalleerd; .ci/run installeert het")]

KLAS = "PrO 5B"


def test_letters_then_signed_scans_back_on_the_signing_page(server, werkmap, tmp_path):
    c = server.client()
    wacht_op_taak(c, c.post("/documenten/maak", data={"csrf": csrf(c.get("/documenten").text), "klas": KLAS,
                                                      "document": "opp"}))
    assert c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/ondertekening").text)}).status_code == 200
    tracker = werkmap / "output" / "2026-2027" / "ondertekening.xlsx"

    # 1. the letters of one class, marked as sent
    pagina = c.get("/ondertekening").text
    assert 'id="brieven-maken"' in pagina and f'<option value="{KLAS}">' in pagina
    html = wacht_op_taak(c, c.post("/ondertekening/brieven", data={"csrf": csrf(pagina), "klas": KLAS,
                                                                    "verstuurd": "ja"})).text
    assert 'id="brieven-resultaat"' in html and 'id="taak-fout"' not in html
    print_link = re.search(r'<a class="knop" href="(/bestand/[^"]+)" id="ronde-pdf"', html).group(1)
    ronde_pdf = tmp_path / "ronde.pdf"
    ronde_pdf.write_bytes(c.get(print_link).content)
    assert len(PdfReader(ronde_pdf).pages) >= 2
    te_tekenen = [g for g in lees_bestand(ronde_pdf) if g.codes]
    assert te_tekenen
    for g in te_tekenen:  # every page to sign has its row in the tracker, now marked as sent
        rij = rij_met_code(tracker, g.codes[0])
        assert rij["Verstuurd op"] is not None and rij["Ontvangen op"] is None
    zip_link = re.search(r'href="(/ondertekening/brieven/zip/[^"]+)" id="brieven-zip"', html).group(1)
    namen = zipfile.ZipFile(io.BytesIO(c.get(zip_link).content)).namelist()
    brieven = re.findall(r"<tr><td>\d+</td><td>" + re.escape(KLAS) + "</td>", html)
    assert namen and all(n.startswith("2026-2027/ronde/") for n in namen)
    assert sum(n.endswith(".pdf") for n in namen) == len(brieven)

    # 2. the first page to sign comes back signed, with a page opp cannot recognise
    beelden = pagina_beelden(ronde_pdf)
    terug = te_tekenen[0]
    kopieen = [kopieer(beelden[terug.pagina - 1], Kopie(dpi=200, hoek=1.5, kwaliteit=60), seed=1),
               kopieer(te_tekenen_pagina(None, titel="Brief aan de ouders"), Kopie(dpi=200), seed=2),
               kopieer(beelden[0], Kopie(dpi=150, hoek=-2, omgekeerd=True), seed=3)]  # the letter's own page
    scan = scan_pdf(kopieen, tmp_path / "retour.pdf")
    pagina = c.get("/ondertekening").text
    html = wacht_op_taak(c, c.post("/ondertekening/scans", data={"csrf": csrf(pagina)},
                                   files=[("scan", ("retour.pdf", scan.read_bytes(), "application/pdf"))])).text
    rijen = re.findall(r'<tr data-code="([^"]+)"><td>([^<]*)</td><td>(\d*)</td><td>[^<]*</td><td>([^<]*)</td>', html)
    assert rijen == [("herkend", "retour.pdf", "1", leesbaar(terug.codes[0])),
                     ("pagina-niet-herkend", "retour.pdf", "2", ""), ("briefpagina", "retour.pdf", "3", "")]
    assert "briefpagina (niet om te tekenen)" in html
    assert rij_met_code(tracker, terug.codes[0])["Ontvangen op"].date() == vandaag()
    niet_herkend = re.search(r'href="(/bestand/[^"]+)" id="niet-herkend-pdf"', html).group(1)
    assert len(PdfReader(io.BytesIO(c.get(niet_herkend).content)).pages) == 1

    # 3. an upload without its CSRF token is refused and changes nothing
    antwoord = c.post("/ondertekening/scans", files=[("scan", ("retour.pdf", scan.read_bytes(), "application/pdf"))])
    assert antwoord.status_code == 403


def test_scans_without_a_tracker_say_what_to_do(server):
    c = server.client()
    pagina = c.get("/ondertekening").text
    antwoord = c.post("/ondertekening/scans", data={"csrf": csrf(pagina)},
                      files=[("scan", ("retour.pdf", b"%PDF-1.4\n", "application/pdf"))])
    assert antwoord.status_code == 400 and 'role="alert"' in antwoord.text
