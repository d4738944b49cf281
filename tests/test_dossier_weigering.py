"""A TLV dossier never holds a file with other pupils' data, whatever it is called or how it is linked."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile

import openpyxl

from dossier_helpers import DATUM, docx_bytes, leerling, ouder, pdf_bytes, pro_aanvraag, toetsen, werkboek
from opp.dossier import maak_dossier
from opp.invoer import open_invoer
from opp.render.documents import render
from opp.tracker.sync import sync_tracker


def twee_leerlingen(tmp_path, *bijlagen: str):
    """Pupil 001 asks for a TLV with `bijlagen`; 002 (Daan Yilmaz) is a classmate."""
    return werkboek(tmp_path,
                    leerlingen=[leerling(), leerling("002", roepnaam="Daan", tussenvoegsel=None, achternaam="Yilmaz")],
                    verzorgers=[ouder(), ouder("002", naam="dhr. E. Yilmaz", relatie="vader")],
                    toets_rijen=toetsen() + toetsen("002"),
                    tlv=[pro_aanvraag(bijlagen="; ".join(["bijlagen/iq.pdf", *bijlagen]))],
                    bijlagen={"bijlagen/iq.pdf": pdf_bytes()})


def dossier(pad, uit):
    with open_invoer(pad, DATUM) as invoer:
        return maak_dossier(invoer, "001", uit=uit)


def geweigerd(tmp_path, pad) -> dict[str, str]:
    """Attachment as typed -> the short reason, for every refused one; checks the location and the bundle."""
    r = dossier(pad, tmp_path / "uit")
    weg = [i for i in r.problemen if i.code == "bijlage-geweigerd"]
    assert all((i.blad, i.rij, i.kolom, i.leerlingnummer) == ("TLV", 2, "Bijlagen", "001") for i in weg)
    assert sorted(p.name for p in r.map.iterdir()) == ["00 Voorblad.docx", "01 OPP.docx", "02 iq.pdf"]
    with zipfile.ZipFile(r.zip) as zf:
        assert len(zf.namelist()) == 3
    assert not r.compleet
    return {i.bericht.split("'")[1]: i.bericht for i in weg}


def test_the_workbook_by_hard_link_symlink_and_copy(tmp_path):
    typed = ["bijlagen/link.xlsx", "bijlagen/symlink.xlsx", "bijlagen/rapport.pdf", "bijlagen/opgeslagen.xlsx",
             "bijlagen/werkboek.ods"]
    pad = twee_leerlingen(tmp_path, *typed)
    map_ = pad.parent / "bijlagen"
    os.link(pad, map_ / "link.xlsx")
    os.symlink(pad, map_ / "symlink.xlsx")
    shutil.copyfile(pad, map_ / "rapport.pdf")  # the same bytes under another name
    wb = openpyxl.load_workbook(pad)  # saved again: other bytes, the same sheets
    wb.save(map_ / "opgeslagen.xlsx")
    with zipfile.ZipFile(map_ / "werkboek.ods", "w") as zf:  # saved as LibreOffice spreadsheet
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", '<office:document-content><table:table table:name="Leerlingen"/>'
                                   "</office:document-content>")
    assert sorted(geweigerd(tmp_path, pad)) == sorted(typed)


def test_the_tracker_its_backups_and_a_copy_under_another_name(tmp_path):
    typed = ["bijlagen/ondertekening.xlsx", "bijlagen/ondertekening.backup-20261122-101010.xlsx",
             "bijlagen/handtekeningen.xlsx"]
    pad = twee_leerlingen(tmp_path, *typed)
    map_ = pad.parent / "bijlagen"
    with open_invoer(pad, DATUM) as invoer:
        sync_tracker(invoer, map_ / "ondertekening.xlsx")
    shutil.copyfile(map_ / "ondertekening.xlsx", map_ / "ondertekening.backup-20261122-101010.xlsx")
    wb = openpyxl.load_workbook(map_ / "ondertekening.xlsx")
    wb.save(map_ / "handtekeningen.xlsx")
    assert sorted(geweigerd(tmp_path, pad)) == sorted(typed)


def test_the_register_output_folders_and_tables_of_pupils(tmp_path):
    typed = ["opp-register.sqlite", "opp-register.sqlite-wal", "bijlagen/kopie.db", "output/2026-2027/brief.pdf",
             "bijlagen/leerlingen-export.csv"]
    pad = twee_leerlingen(tmp_path, *typed)
    werkmap = pad.parent
    (werkmap / "opp-register.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (werkmap / "opp-register.sqlite-wal").write_bytes(b"\x37\x7f\x06\x82")
    (werkmap / "bijlagen" / "kopie.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    (werkmap / "output" / "2026-2027").mkdir(parents=True)
    (werkmap / "output" / "2026-2027" / "brief.pdf").write_bytes(pdf_bytes())
    (werkmap / "bijlagen" / "leerlingen-export.csv").write_text("Leerlingnummer;Roepnaam\n002;Daan\n")
    assert sorted(geweigerd(tmp_path, pad)) == sorted(typed)


def test_the_dossiers_own_output_folder(tmp_path):
    pad = twee_leerlingen(tmp_path, "uit/oud.pdf")
    (pad.parent / "uit").mkdir()
    (pad.parent / "uit" / "oud.pdf").write_bytes(pdf_bytes())
    r = dossier(pad, pad.parent / "uit")
    assert [i.code for i in r.problemen] == ["bijlage-geweigerd"]


def test_another_pupils_opp_by_its_name_and_by_its_content(tmp_path):
    pad = twee_leerlingen(tmp_path)
    with open_invoer(pad, DATUM) as invoer:
        opp = render(invoer, documenten=["opp"], uit=tmp_path / "docs", jobs=1, per_klas=False)
    van = {p.name[:3]: p for p in opp.geschreven}
    map_ = pad.parent / "bijlagen"
    shutil.copyfile(van["002"], map_ / van["002"].name)  # as opp named it
    shutil.copyfile(van["002"], map_ / "verslag.docx")  # renamed: its text names Daan Yilmaz
    shutil.copyfile(van["001"], map_ / "eigen-opp.docx")  # the pupil's own OPP may go in
    (map_ / "Yilmaz, Daan - rapport.pdf").write_bytes(pdf_bytes())
    (map_ / "brief.docx").write_bytes(docx_bytes("Gesprek met de ouders van Daan Yilmaz over de klas."))
    typed = [f"bijlagen/{van['002'].name}", "bijlagen/verslag.docx", "bijlagen/Yilmaz, Daan - rapport.pdf",
             "bijlagen/brief.docx"]
    wb = openpyxl.load_workbook(pad)
    ws = wb["TLV"]
    kolom = next(c.column for c in ws[1] if str(c.value).rstrip("*").strip() == "Bijlagen")
    ws.cell(2, kolom, "; ".join(["bijlagen/iq.pdf", "bijlagen/eigen-opp.docx", *typed]))
    wb.save(pad)
    r = dossier(pad, tmp_path / "uit")
    weg = {i.bericht.split("'")[1]: i for i in r.problemen if i.code == "bijlage-geweigerd"}
    assert sorted(weg) == sorted(typed)
    assert all("002" in i.bericht and "Daan" not in i.bericht.split("'", 2)[2] for i in weg.values())
    assert sorted(p.name for p in r.map.iterdir()) == ["00 Voorblad.docx", "01 OPP.docx", "02 iq.pdf",
                                                       "03 eigen-opp.docx"]


def test_a_namesake_is_not_another_pupil(tmp_path):
    """Two pupils called Sanne van der Berg: a report that names her is her own."""
    pad = werkboek(tmp_path, leerlingen=[leerling(), leerling("002", geboortedatum=dt.date(2012, 1, 1))],
                   verzorgers=[ouder(), ouder("002")], toets_rijen=toetsen() + toetsen("002"),
                   tlv=[pro_aanvraag(bijlagen="bijlagen/iq.pdf; bijlagen/verslag.docx")],
                   bijlagen={"bijlagen/iq.pdf": pdf_bytes(),
                             "bijlagen/verslag.docx": docx_bytes("Verslag over Sanne van der Berg.")})
    r = dossier(pad, tmp_path / "uit")
    assert [i.code for i in r.problemen] == [] and r.compleet
