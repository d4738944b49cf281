"""The pages of `opp app` give the same results as the CLI: the check's located problems, the documents of
a class (zip, register), the signing round, the TLV dossiers and the report. Read back from what they made."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile

import docx
import pytest
from click.testing import CliRunner

from app_helpers import codes_op, csrf, wacht_op_taak
from conftest import DATA
from opp.cli import cli


def test_werkboek_page_shows_the_same_problems_as_opp_check(server, werkmap):
    c = server.client()
    html = c.get("/werkboek").text
    cli_json = json.loads(CliRunner().invoke(cli, ["check", str(werkmap / "werkboek.xlsx"), "--json"]).output)
    assert codes_op(html) == [p["code"] for p in cli_json["problemen"]]
    assert 'id="samenvatting"' in html


def test_upload_of_a_workbook_with_errors_shows_located_problems(server, werkmap):
    c = server.client()
    token = csrf(c.get("/werkboek").text)
    antwoord = c.post("/werkboek/upload", data={"csrf": token},
                      files={"bestand": ("fouten.xlsx", (DATA / "fouten.xlsx").read_bytes(), "application/x")})
    assert antwoord.status_code == 303
    html = c.get("/werkboek").text
    assert "werkboek: fouten.xlsx" in html
    rijen = re.findall(r'<tr class="is-(fout|waarschuwing)" data-code="([^"]+)">\s*<td>.*?</td>\s*<td>([^<]*)</td>'
                       r'<td>([^<]*)</td><td>([^<]*)</td>', html, re.S)
    gevonden = {(code, blad, rij, kolom) for _, code, blad, rij, kolom in rijen}
    assert ("ongeldige-datum", "Leerlingen", "2", "Geboortedatum") in gevonden
    assert ("onbekend-leerlingnummer", "Verzorgers", "4", "Leerlingnummer") in gevonden
    assert ("ongeldige-keuze", "Doelen", "2", "Status") in gevonden
    # filtered and sorted without JavaScript
    alleen_fouten = c.get("/werkboek", params={"ernst": "fout", "blad": "Doelen"}).text
    assert codes_op(alleen_fouten) == ["ongeldige-keuze"]
    gesorteerd = codes_op(c.get("/werkboek", params={"sorteer": "code"}).text)
    assert gesorteerd == sorted(gesorteerd)


def test_an_upload_never_replaces_a_workbook_unless_asked(server, werkmap):
    c = server.client()
    token = csrf(c.get("/werkboek").text)
    origineel = (werkmap / "werkboek.xlsx").read_bytes()
    bestand = ("werkboek.xlsx", (DATA / "fouten.xlsx").read_bytes(), "application/octet-stream")
    assert c.post("/werkboek/upload", data={"csrf": token}, files={"bestand": bestand}).status_code == 400
    assert (werkmap / "werkboek.xlsx").read_bytes() == origineel
    vervangen = c.post("/werkboek/upload", data={"csrf": token, "vervang": "ja"}, files={"bestand": bestand})
    assert vervangen.status_code == 303
    assert (werkmap / "werkboek.xlsx").read_bytes() == (DATA / "fouten.xlsx").read_bytes()


def test_an_old_xls_upload_gets_the_readers_message(server, werkmap):
    c = server.client()
    token = csrf(c.get("/werkboek").text)
    antwoord = c.post("/werkboek/upload", data={"csrf": token},
                      files={"bestand": ("oud.xls", (DATA / "oud.xls").read_bytes(), "application/vnd.ms-excel")})
    assert antwoord.status_code == 400 and ".xls" in antwoord.text and 'role="alert"' in antwoord.text
    assert not (werkmap / "oud.xls").exists()


def test_blank_workbook_and_uitleg(server):
    c = server.client()
    antwoord = c.get("/werkboek/leeg")
    assert antwoord.status_code == 200 and "attachment" in antwoord.headers["content-disposition"]
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(antwoord.content))
    assert "Uitleg" in wb.sheetnames and "Leerlingen" in wb.sheetnames
    uitleg = c.get("/werkboek/uitleg").text
    assert "Blad 'Leerlingen'" in uitleg and "Geboortedatum" in uitleg


def test_documents_of_a_class_zip_and_register(server, werkmap):
    c = server.client()
    pagina = c.get("/documenten").text
    antwoord = c.post("/documenten/maak", data={"csrf": csrf(pagina), "klas": "PrO 5B", "document": "opp"})
    resultaat = wacht_op_taak(c, antwoord)
    assert resultaat.status_code == 200 and 'id="render-samenvatting"' in resultaat.text
    zip_link = re.search(r'href="(/documenten/zip/[^"]+)"', resultaat.text).group(1)
    z = zipfile.ZipFile(io.BytesIO(c.get(zip_link).content))
    namen = z.namelist()
    assert len(namen) == 6 and all(n.startswith("2026-2027/PrO 5B/") and " - OPP - " in n for n in namen)
    document = docx.Document(io.BytesIO(z.read(namen[0])))
    tekst = "\n".join([p.text for p in document.paragraphs] +
                      [cel.text for t in document.tables for rij in t.rows for cel in rij.cells])
    nummer, achternaam = re.match(r"(\d+) (.+?), ", namen[0].split("/")[-1]).groups()
    assert achternaam in tekst  # the pupil of the file name is the pupil in the document
    # the same documents as `opp versies` lists, each with a download by opaque id
    versies = json.loads(CliRunner().invoke(cli, ["versies", str(werkmap / "werkboek.xlsx"), "--json"]).output)
    assert len(versies["versies"]) == 6
    pagina = c.get("/documenten").text
    assert pagina.count('<a href="/bestand/') >= 6 and nummer in pagina
    # again: nothing changed, nothing written
    tweede = wacht_op_taak(c, c.post("/documenten/maak", data={"csrf": csrf(pagina), "klas": "PrO 5B",
                                                               "document": "opp"}))
    assert "0 documenten geschreven, 6 ongewijzigd" in tweede.text


def test_progress_is_polled_as_json_without_pupil_data(server):
    c = server.client()
    antwoord = c.post("/documenten/maak", data={"csrf": csrf(c.get("/documenten").text), "klas": "PrO 2A"})
    taak = antwoord.headers["location"]
    status = c.get(f"{taak}/status").json()
    assert set(status) == {"status", "gedaan", "totaal", "pdf_gedaan", "pdf_totaal", "klaar_url"}
    wacht_op_taak(c, antwoord)
    assert c.get(taak).status_code == 303  # done: on to the result


def test_a_second_task_while_one_runs_is_refused(server):
    c = server.client()
    token = csrf(c.get("/documenten").text)
    eerste = c.post("/documenten/maak", data={"csrf": token})
    tweede = c.post("/documenten/maak", data={"csrf": token})
    if tweede.status_code == 303:  # the first was already done (a fast machine): then both ran
        wacht_op_taak(c, tweede)
    else:
        assert tweede.status_code == 400 and 'role="alert"' in tweede.text
    wacht_op_taak(c, eerste)


def test_signing_round_sync_and_status(server, werkmap):
    c = server.client()
    pagina = c.get("/ondertekening").text
    assert 'id="geen-tracker"' in pagina
    antwoord = c.post("/ondertekening/sync", data={"csrf": csrf(pagina)})
    assert antwoord.status_code == 200
    assert (werkmap / "output" / "2026-2027" / "ondertekening.xlsx").is_file()
    status = json.loads(CliRunner().invoke(cli, ["tracker", "status", "--json"]).output)
    html = antwoord.text
    for klas, telling in status["per_klas"].items():
        rij = re.search(rf'<th scope="row">{re.escape(klas)}</th>(.*?)</tr>', html, re.S).group(1)
        assert re.findall(r"<td>(\d+)</td>", rij)[0] == str(telling["nodig"])
    download = re.search(r'id="tracker-download"', html)
    assert download and 'id="niets-te-laat"' in html
    tracker = re.search(r'<a href="(/bestand/[^"]+)" id="tracker-download"', html).group(1)
    assert c.get(tracker).content == (werkmap / "output" / "2026-2027" / "ondertekening.xlsx").read_bytes()


def test_tlv_page_shows_completeness_and_the_pro_arithmetic(server):
    c = server.client()
    antwoord = c.post("/tlv/maak", data={"csrf": csrf(c.get("/tlv").text), "vervang": "ja"})
    html = wacht_op_taak(c, antwoord).text
    assert 'id="aanvragen"' in html and "compleet" in html and "ontbreekt" in html
    assert "Indicatie landelijke criteria praktijkonderwijs" in html
    zips = re.findall(r'<a class="knop" href="(/bestand/[^"]+)">Download het dossier \(zip\)', html)
    assert len(zips) == 2
    z = zipfile.ZipFile(io.BytesIO(c.get(zips[0]).content))
    assert any(n.endswith(".docx") for n in z.namelist())


def test_rapport_page_shows_figures_charts_and_the_workbook(server, werkmap):
    c = server.client()
    html = wacht_op_taak(c, c.post("/rapport/maak", data={"csrf": csrf(c.get("/rapport").text), "vervang": "ja"})).text
    assert 'id="rapport-samenvatting"' in html
    plaatjes = re.findall(r'<img src="(/bestand/[^"]+)" alt="([^"]+)"', html)
    assert len(plaatjes) == 5 and all(alt for _, alt in plaatjes)
    png = c.get(plaatjes[0][0])
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    rapport = re.search(r'href="(/bestand/[^"]+)" id="rapport-download"', html).group(1)
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(c.get(rapport).content))
    assert wb.sheetnames


def test_an_unusable_workbook_is_said_on_every_product_page(server, werkmap):
    """As every CLI command answers it: its located problems, nothing made."""
    kapot = werkmap / "zonder-school.xlsx"
    shutil.copy(werkmap / "werkboek.xlsx", kapot)
    import openpyxl
    wb = openpyxl.load_workbook(kapot)
    del wb["School"]
    wb.save(kapot)
    c = server.client()
    assert c.post("/werkboek/kies", data={"csrf": csrf(c.get("/werkboek").text),
                                          "naam": "zonder-school.xlsx"}).status_code == 303
    assert "blad-ontbreekt" in codes_op(c.get("/werkboek").text)
    sync = c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/werkboek").text)})
    assert sync.status_code == 422 and 'data-code="werkboek-onbruikbaar"' in sync.text
    assert "blad-ontbreekt" in codes_op(sync.text)
    rapport = wacht_op_taak(c, c.post("/rapport/maak", data={"csrf": csrf(c.get("/rapport").text)}))
    assert "niet bruikbaar" in rapport.text
    assert not (werkmap / "output").exists()


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_documents_with_pdf_when_libreoffice_is_there(server):
    c = server.client()
    pagina = c.get("/documenten").text
    assert 'id="pdf"' in pagina
    nummer = re.search(r'<optgroup label="PrO 5B">\s*<option value="(\d+)">', pagina).group(1)
    html = wacht_op_taak(c, c.post("/documenten/maak", data={"csrf": csrf(pagina), "leerling": nummer,
                                                             "document": "opp", "pdf": "ja"})).text
    assert "1 document geschreven" in html and "1 PDF" in html
    z = zipfile.ZipFile(io.BytesIO(c.get(re.search(r'href="(/documenten/zip/[^"]+)"', html).group(1)).content))
    pdf = [n for n in z.namelist() if n.endswith(".pdf")]
    assert len(pdf) == 1 and z.read(pdf[0]).startswith(b"%PDF")


def test_signing_round_shows_what_is_overdue(server, werkmap):
    """The secretary typed a sending date a month ago in Excel: the page names that row as overdue."""
    import datetime as dt

    from opp.invoer import vandaag
    from tracker_helpers import Secretaresse, rijen

    c = server.client()
    c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/ondertekening").text)})
    tracker = werkmap / "output" / "2026-2027" / "ondertekening.xlsx"
    rij = rijen(tracker)[0]
    with Secretaresse(tracker) as s:
        s.typ(rij["Sleutel"], "Verstuurd op", vandaag() - dt.timedelta(days=30))
    html = c.get("/ondertekening").text
    te_laat = re.search(r'<table class="tabel sorteerbaar" id="te-laat">(.*?)</table>', html, re.S).group(1)
    assert te_laat.count("<tr>") == 2  # the header and the one overdue row
    assert f"<td>{rij['_sleutel'][0]}</td>" in te_laat and "<td>30</td>" in te_laat


def test_while_a_task_runs_the_pages_that_need_the_register_point_to_its_progress(server):
    import threading

    c = server.client()
    token = csrf(c.get("/ondertekening").text)
    los = threading.Event()
    taak = server.app.state.taken.start("documenten", lambda taak: los.wait(60))
    try:
        for pad in ("/documenten", "/werkboek"):
            html = c.get(pad).text
            assert f'href="/taak/{taak.id}"' in html, pad
        assert c.post("/ondertekening/sync", data={"csrf": token}).status_code == 400
        assert c.post("/rapport/maak", data={"csrf": token}).status_code == 400
        pagina = c.get(f"/taak/{taak.id}")
        assert pagina.status_code == 200 and 'data-status-url=' in pagina.text
        assert '<noscript><meta http-equiv="refresh"' in pagina.text  # without JavaScript it reloads itself
    finally:
        los.set()
    server.app.state.taken.wacht(taak)
    assert c.get(f"/taak/{taak.id}").status_code == 303


def test_the_round_is_the_chosen_workbooks_year_not_the_newest_folder(server, werkmap):
    """A demo run in the working folder (output/demo/, sorting after output/2026-2027/) is not the round."""
    CliRunner().invoke(cli, ["demo", "--uit", str(werkmap / "output" / "demo")])
    assert (werkmap / "output" / "demo" / "ondertekening.xlsx").is_file()
    c = server.client()
    assert 'id="geen-tracker"' in c.get("/ondertekening").text
    html = c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/ondertekening").text)}).text
    assert "output/2026-2027/ondertekening.xlsx" in html and "demo" not in html.split('id="status-kop"')[1]


def test_consent_and_a_changed_plan_are_shown_as_the_register_and_tracker_have_them(server, werkmap):
    """Parents agree to version 1; a goal changes; the pages show who agreed when, and whose signature is
    asked again for version 2."""
    import datetime as dt

    from conftest import edit_xlsx
    from opp.invoer import vandaag
    from tracker_helpers import Secretaresse, rijen

    c = server.client()

    def maak_en_sync():
        wacht_op_taak(c, c.post("/documenten/maak", data={"csrf": csrf(c.get("/documenten").text),
                                                          "leerling": "024101", "document": "opp"}))
        return c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/ondertekening").text)}).text

    maak_en_sync()
    tracker = werkmap / "output" / "2026-2027" / "ondertekening.xlsx"
    ouders = [r for r in rijen(tracker) if r["_sleutel"][0] == "024101" and r["_sleutel"][3] == "instemming"]
    assert len(ouders) == 2
    with Secretaresse(tracker) as s:
        for r in ouders:
            s.typ(r["Sleutel"], "Verstuurd op", vandaag() - dt.timedelta(days=3))
            s.typ(r["Sleutel"], "Ontvangen op", vandaag() - dt.timedelta(days=1))
            s.typ(r["Sleutel"], "Besluit", "akkoord")
    c.post("/ondertekening/sync", data={"csrf": csrf(c.get("/ondertekening").text)})
    versies = c.get("/documenten").text
    assert versies.count("ouder): akkoord op") == 2

    def ander_doel(wb):
        wb["Doelen"]["E2"] = "Sanne leest een werkinstructie van een hele bladzijde zonder hulp."
    edit_xlsx(werkmap / "werkboek.xlsx", ander_doel)
    html = maak_en_sync()
    opnieuw = re.search(r'<table class="tabel sorteerbaar" id="opnieuw-nodig">(.*?)</table>', html, re.S).group(1)
    assert opnieuw.count("<td>024101</td>") == 2 and opnieuw.count("<td>2</td>") == 2
