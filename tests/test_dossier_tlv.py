"""Issue 14, the TLV dossier as a zorgcoördinator sends it: the director signs, a start date before the earliest
possible one is a located warning, optional fields print nothing, the cover names no tool, and each part is
named after what it is. Each test reads the cover back."""

from __future__ import annotations

import datetime as dt
import io
import re

from click.testing import CliRunner
from docx import Document

from dossier_helpers import DATUM, SCHOOL, docx_tekst, leerling, pro_aanvraag, vso_aanvraag, werkboek
from opp.cli import cli
from opp.dossier import maak_dossier
from opp.dossier.bijlagen import splits_omschrijving, titel_uit_bestandsnaam
from opp.invoer import open_invoer
from opp.render.formatting import LEEG


def maak(tmp_path, pad, **kwargs):
    return maak_dossier(open_invoer(pad, DATUM), "001", uit=tmp_path / "uit", **kwargs)


def voorblad(r) -> str:
    return docx_tekst((r.map / "00 Voorblad.docx").read_bytes())


def handtekeningen(r) -> list[str]:
    tabel = Document(io.BytesIO((r.map / "00 Voorblad.docx").read_bytes())).tables[-1]
    return [row.cells[0].text for row in tabel.rows[1:]]


# --- who signs ------------------------------------------------------------------------------------------------

def test_the_director_signs_for_the_school_as_the_cover_names_him(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    namen = handtekeningen(r)
    assert namen[-1] == "dhr. J. de Vries\ndirecteur"
    assert not any("mentor" in n for n in namen)
    assert "Directeur\ndhr. J. de Vries" in voorblad(r)  # the same person in the school's details


def test_the_school_sets_who_signs_in_opp_toml(tmp_path):
    pad = werkboek(tmp_path)
    (pad.parent / "opp.toml").write_text('[tlv]\nondertekent = "mw. R. Peters"\nfunctie = "teamleider"\n',
                                         encoding="utf-8")
    r = maak(tmp_path, pad)
    assert handtekeningen(r)[-1] == "mw. R. Peters\nteamleider"


def test_without_a_director_the_line_is_left_to_fill_in(tmp_path):
    school = {k: v for k, v in SCHOOL.items() if k != "directeur"}
    r = maak(tmp_path, werkboek(tmp_path, school=school))
    assert handtekeningen(r)[-1] == "Naam: ______________________\ndirecteur"
    assert "dhr. P. Jansen\nmentor" not in handtekeningen(r)


# --- the wanted start date --------------------------------------------------------------------------------------

def vso_te_vroeg(tmp_path, ingang: dt.date):
    """A vso request whose OPP was set on 1 September 2026: it can be made from 1 March 2027."""
    return werkboek(tmp_path, leerlingen=[leerling(geboortedatum=dt.date(2010, 6, 1),
                                                   datum_vaststelling=dt.date(2026, 9, 1))],
                    tlv=[vso_aanvraag(gewenste_ingangsdatum=ingang)])


def test_a_start_date_before_the_earliest_date_is_a_located_warning(tmp_path):
    r = maak(tmp_path, vso_te_vroeg(tmp_path, dt.date(2027, 2, 1)))
    (waarschuwing,) = r.waarschuwingen
    assert waarschuwing.code == "ingangsdatum-te-vroeg" and not waarschuwing.is_fout
    assert (waarschuwing.blad, waarschuwing.rij, waarschuwing.kolom) == ("TLV", 2, "Gewenste ingangsdatum")
    assert "1 februari 2027" in waarschuwing.bericht and "1 maart 2027" in waarschuwing.bericht
    assert [i.code for i in r.fouten] == ["dossier-onvolledig"]  # the warning itself makes nothing incomplete
    tekst = voorblad(r)
    assert "Let op" in tekst and "1 maart 2027" in tekst


def test_a_start_date_on_or_after_the_earliest_date_passes(tmp_path):
    r = maak(tmp_path, vso_te_vroeg(tmp_path, dt.date(2027, 3, 1)))
    assert r.waarschuwingen == []


def test_the_cli_shows_the_warning_with_its_code(tmp_path):
    pad = vso_te_vroeg(tmp_path, dt.date(2027, 2, 1))
    result = CliRunner().invoke(cli, ["dossier", str(pad), "--leerling", "001", "--uit", str(tmp_path / "uit"),
                                      "--datum", "22-11-2026"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert "Let op:" in result.output and "[ingangsdatum-te-vroeg]" in result.output
    assert "Blad 'TLV', rij 2, kolom 'Gewenste ingangsdatum'" in result.output


# --- an official cover ----------------------------------------------------------------------------------------

def test_optional_fields_left_empty_print_nothing(tmp_path):
    school = {k: v for k, v in SCHOOL.items() if k not in ("zorgcoordinator", "telefoon", "email")}
    aanvraag = pro_aanvraag(deskundige_1=None, datum_mdo=None, einddatum=None, zienswijze_leerling=None)
    r = maak(tmp_path, werkboek(tmp_path, school=school, tlv=[aanvraag]))
    tekst = voorblad(r)
    assert LEEG not in tekst
    for label in ("Deskundige 1", "Deskundige 2", "Datum MDO", "Gevraagde einddatum", "Zorgcoördinator",
                  "Zienswijze van de leerling"):
        assert label not in tekst, label
    assert "Gewenste ingangsdatum\n1 augustus 2027" in tekst  # what is filled in stays


def test_the_cover_names_no_tool(tmp_path):
    tekst = voorblad(maak(tmp_path, werkboek(tmp_path)))
    assert re.search(r"\bopp\b", tekst) is None
    assert "de standaardchecklist voor een TLV-aanvraag" in tekst


# --- what each part is ------------------------------------------------------------------------------------------

def test_a_description_in_bijlagen_names_the_part(tmp_path):
    aanvraag = pro_aanvraag(bijlagen="Intelligentieonderzoek WISC-V: bijlagen/iq-rapport.pdf; "
                                     "bijlagen/verslag-leerlingbespreking.docx")
    r = maak(tmp_path, werkboek(tmp_path, tlv=[aanvraag]))
    assert r.compleet, [str(i) for i in r.problemen]
    assert [o.titel for o in r.onderdelen[2:]] == ["Intelligentieonderzoek WISC-V", "Verslag leerlingbespreking"]
    assert sorted(p.name for p in r.map.iterdir())[2:] == ["02 iq-rapport.pdf", "03 verslag-leerlingbespreking.docx"]
    tabel = Document(io.BytesIO((r.map / "00 Voorblad.docx").read_bytes())).tables[-2]
    rijen = [[c.text for c in row.cells] for row in tabel.rows[1:]]
    assert rijen[2][:3] == ["02", "Intelligentieonderzoek WISC-V", "02 iq-rapport.pdf"]


def test_titles_from_file_names_and_descriptions():
    namen = ("Yara El Idrissi", "Yara")
    assert titel_uit_bestandsnaam("iq-rapport-yara.pdf", namen) == "IQ-rapport"
    assert titel_uit_bestandsnaam("mdo-verslag-yara.pdf", namen) == "MDO-verslag"
    assert titel_uit_bestandsnaam("zienswijze_ouders-yara.pdf", namen) == "Zienswijze ouders"
    assert titel_uit_bestandsnaam("2026-11-12.pdf", namen) == "2026-11-12.pdf"  # nothing left: the file name
    assert splits_omschrijving("IQ-rapport: bijlagen/iq.pdf") == ("IQ-rapport", "bijlagen/iq.pdf")
    assert splits_omschrijving("C:\\dossier\\iq.pdf") == ("", "C:\\dossier\\iq.pdf")  # a drive, no description
    assert splits_omschrijving("bijlagen/iq.pdf") == ("", "bijlagen/iq.pdf")
