"""`opp dossier`: the completeness check on real workbooks, the cover, the bundle, the zip and the CLI."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from dossier_helpers import (
    BSN,
    DATUM,
    SCHOOL,
    docx_tekst,
    leerling,
    met_bsn_kolom,
    ouder,
    pdf_bytes,
    pro_aanvraag,
    toetsen,
    vso_aanvraag,
    werkboek,
)
from opp.cli import cli
from opp.dossier import maak_alle_dossiers, maak_dossier
from opp.dossier.checklist import EIGEN_CHECKLIST, laad_checklists, standaard_bestand
from opp.invoer import open_invoer
from opp.models import AanvraagSoort, TlvSoort
from opp.problems import OppError
from opp.render.templates import template_path


def maak(tmp_path, pad, nr="001", **kwargs):
    return maak_dossier(open_invoer(pad, DATUM), nr, uit=tmp_path / "uit", **kwargs)


def codes(r) -> list[str]:
    return [i.code for i in r.problemen]


def met_code(r, code: str):
    return [i for i in r.problemen if i.code == code]


def vso_werkboek(tmp_path, **tlv_over):
    """A VSO pupil of 16 whose request is complete unless `tlv_over` changes it."""
    return werkboek(tmp_path, leerlingen=[leerling(geboortedatum=dt.date(2010, 6, 1))],
                    tlv=[vso_aanvraag(**tlv_over)])


# --- a complete dossier ----------------------------------------------------------------------------------------

def test_a_complete_pro_dossier(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    assert r.compleet, [str(i) for i in r.problemen]
    assert r.problemen == [] and r.ontbreekt == []
    assert r.soort == "pro" and r.aanvraag == "eerste"
    assert r.map == tmp_path / "uit" / "001 Sanne van der Berg"
    assert r.zip == tmp_path / "uit" / "001 Sanne van der Berg.zip"
    assert sorted(p.name for p in r.map.iterdir()) == [
        "00 Voorblad.docx", "01 OPP.docx", "02 iq-rapport.pdf", "03 verslag-leerlingbespreking.docx"]
    origineel = tmp_path / "werk" / "bijlagen" / "iq-rapport.pdf"
    assert (r.map / "02 iq-rapport.pdf").read_bytes() == origineel.read_bytes()
    assert [o.bestand for o in r.onderdelen] == sorted(p.name for p in r.map.iterdir())
    assert r.indicatie is not None and r.indicatie.voldoet


def test_the_bundle_is_owner_only_and_leaves_no_work_folder(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    assert stat.S_IMODE(r.map.stat().st_mode) == 0o700
    for pad in [*r.map.iterdir(), r.zip]:
        assert stat.S_IMODE(pad.stat().st_mode) == 0o600, pad
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [r.map.name, r.zip.name]


def test_the_zip_holds_every_part_in_order(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    with zipfile.ZipFile(r.zip) as zf:
        names = zf.namelist()
        assert names == [f"{r.map.name}/{o.bestand}" for o in r.onderdelen]
        for name in names:
            assert zf.read(name) == (r.map / Path(name).name).read_bytes()


def test_the_cover_shows_the_request_the_indication_the_checklist_and_the_parts(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    for verwacht in [
        "Aanvraag toelaatbaarheidsverklaring", "Praktijkonderwijs (pro) · Eerste aanvraag", "Sanne van der Berg",
        "SWV Utrecht Zuid", "Praktijkschool De Brug", "Schoolstraat 1, 3511 AB Utrecht", "Vertrouwelijk",
        "Dossier compleet", "1 augustus 2027", "Wij steunen de aanvraag.", "Ik wil hier blijven.",
        "drs. L. Smit, orthopedagoog",
        "Begrijpend lezen: LA = 1 − 27/60 = 0,55 ≥ 0,50: voldoet.",
        "IQ: 72 (WISC-V, 3 maart 2026) ligt tussen 55 en 80: voldoet.",
        "Indicatie; het samenwerkingsverband beslist.",
        "IQ-onderzoek (hoogstens 2 jaar oud)", "02 iq-rapport.pdf", "Ontwikkelingsperspectiefplan (OPP)",
        "mw. M. van der Berg", "dhr. P. Jansen",
    ]:
        assert verwacht in tekst, verwacht
    assert "niet compleet" not in tekst
    assert "{{" not in tekst and "{%" not in tekst
    # The motivation keeps its line break.
    doc = Document(io.BytesIO((r.map / "00 Voorblad.docx").read_bytes()))
    assert any("leerachterstand op lezen en heeft\npraktijkgericht" in p.text for p in doc.paragraphs)


def test_the_cover_is_a4_with_page_x_of_y(tmp_path):
    doc = Document(str(template_path("tlv")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Vertrouwelijk" in footer
    assert "school.naam" in section.header._element.xml


def test_the_opp_in_the_bundle_is_the_pupils_real_opp(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path))
    tekst = docx_tekst((r.map / "01 OPP.docx").read_bytes())
    assert "Ontwikkelingsperspectiefplan" in tekst and "Sanne" in tekst
    assert "Betaald werk in de groenvoorziening" in tekst


def test_no_bsn_anywhere_in_the_bundle_or_the_zip(tmp_path):
    pad = werkboek(tmp_path)
    met_bsn_kolom(pad)
    r = maak(tmp_path, pad)
    assert r.compleet

    def inhoud(data: bytes) -> list[bytes]:
        if data[:2] == b"PK":  # a docx: look inside every part
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                return [zf.read(n) for n in zf.namelist()]
        return [data]

    gezien = 0
    for pad_ in r.map.iterdir():
        for deel in inhoud(pad_.read_bytes()):
            assert BSN.encode() not in deel, pad_
            gezien += 1
    with zipfile.ZipFile(r.zip) as zf:
        for name in zf.namelist():
            for deel in inhoud(zf.read(name)):
                assert BSN.encode() not in deel, name
    assert gezien > 10
    assert BSN not in json.dumps(r.to_dict())


def test_default_output_folder(tmp_path, monkeypatch):
    pad = werkboek(tmp_path)
    monkeypatch.chdir(tmp_path)
    r = maak_dossier(open_invoer(pad, DATUM), "001")
    assert r.map == Path("output") / "2026-2027" / "tlv" / "001 Sanne van der Berg"
    assert (tmp_path / r.map / "00 Voorblad.docx").is_file()


def test_an_existing_bundle_is_not_overwritten_without_force(tmp_path):
    pad = werkboek(tmp_path)
    r = maak(tmp_path, pad)
    (r.map / "00 Voorblad.docx").write_bytes(b"getekend")
    with pytest.raises(OppError, match="bestaan al en worden niet overschreven.*--force"):
        maak(tmp_path, pad)
    assert (r.map / "00 Voorblad.docx").read_bytes() == b"getekend"
    maak(tmp_path, pad, force=True)
    assert (r.map / "00 Voorblad.docx").read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == [r.map.name, r.zip.name]


# --- what is missing, located ----------------------------------------------------------------------------------

def test_a_missing_item_is_located_at_the_tlv_row_and_column(tmp_path):
    pad = werkboek(tmp_path, leerlingen=[leerling(), leerling("002", roepnaam="Daan")],
                   verzorgers=[ouder(), ouder("002")], toets_rijen=toetsen() + toetsen("002"),
                   tlv=[pro_aanvraag(), pro_aanvraag("002", zienswijze_ouders=None, datum_zienswijze=None)])
    r = maak(tmp_path, pad, "002")
    assert not r.compleet
    assert {(i.code, i.blad, i.rij, i.kolom) for i in r.problemen} == {
        ("dossier-onvolledig", "TLV", 3, "Zienswijze ouders"),
        ("dossier-onvolledig", "TLV", 3, "Datum zienswijze"),
    }
    issue = next(i for i in r.problemen if i.kolom == "Zienswijze ouders")
    assert issue.bericht == "Schriftelijke zienswijze van de ouders: vul 'Zienswijze ouders' in op het blad TLV"
    assert issue.leerlingnummer == "002"
    # Still assembled, and marked incomplete on the cover.
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "Let op: dit dossier is niet compleet" in tekst
    assert "Schriftelijke zienswijze van de ouders: vul 'Zienswijze ouders' in op het blad TLV" in tekst
    assert "ontbreekt" in tekst


def test_a_stale_iq_and_a_stale_evaluation(tmp_path):
    # A complete VSO request, but the IQ is from 2024 and the last evaluation from January.
    pad = werkboek(tmp_path, leerlingen=[leerling(geboortedatum=dt.date(2010, 6, 1),
                                                  datum_evaluatie=dt.date(2026, 1, 10))],
                   toets_rijen=toetsen(iq_datum=dt.date(2024, 11, 21)), tlv=[vso_aanvraag()])
    r = maak(tmp_path, pad)
    assert {(i.blad, i.rij, i.kolom) for i in r.problemen} == {("Leerlingen", 2, "Datum evaluatie"),
                                                              ("Toetsen", 6, "Datum")}
    statussen = {u.id: str(u.status) for u in r.checklist}
    assert statussen["iq"] == "verouderd" and statussen["opp-geevalueerd"] == "verouderd"
    assert "OPP geëvalueerd (hoogstens 6 maanden geleden) (verouderd)" in r.ontbreekt


def test_a_complete_vso_dossier(tmp_path):
    r = maak(tmp_path, vso_werkboek(tmp_path))
    assert r.compleet, [str(i) for i in r.problemen]
    assert r.indicatie is None
    assert [u.id for u in r.checklist][:3] == ["categorie", "motivatie", "opp-looptijd"]
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "midden (categorie 2)" in tekst and "Indicatie landelijke criteria" not in tekst
    assert "dr. A. Visser, GZ-psycholoog" in tekst and "1 november 2026" in tekst
    # 16 years old: the pupil signs the application beside the parent and the school.
    handtekeningen = Document(io.BytesIO((r.map / "00 Voorblad.docx").read_bytes())).tables[-1]
    namen = [row.cells[0].text for row in handtekeningen.rows[1:]]
    # The school signs by its director, as the cover names him (not the mentor who signs the OPP).
    assert namen == ["mw. M. van der Berg\nmoeder", "Sanne van der Berg\nleerling", "dhr. J. de Vries\ndirecteur"]


def test_vso_without_a_category_is_one_located_problem(tmp_path):
    r = maak(tmp_path, vso_werkboek(tmp_path, categorie=None))
    categorie = [i for i in r.problemen if i.kolom == "Categorie"]
    assert len(categorie) == 1 and categorie[0].rij == 2
    assert not r.compleet


def test_vso_needs_an_opp_worked_with_for_6_months(tmp_path):
    pad = werkboek(tmp_path, leerlingen=[leerling(geboortedatum=dt.date(2010, 6, 1),
                                                  datum_vaststelling=dt.date(2026, 9, 1))],
                   tlv=[vso_aanvraag()])
    r = maak(tmp_path, pad)
    (issue,) = r.fouten  # (and a warning when the wanted start date is before 1 March 2027: test_dossier_tlv.py)
    assert (issue.blad, issue.rij, issue.kolom) == ("Leerlingen", 2, "Datum vaststelling")
    assert "minstens 6 maanden" in issue.bericht and "vanaf 1 maart 2027" in issue.bericht


def test_first_request_and_renewal_use_different_checklists(tmp_path):
    # The OPP was last evaluated over 6 months ago and there is no end date: fine for a first request...
    leerlingen = [leerling(datum_evaluatie=dt.date(2026, 1, 15))]
    r = maak(tmp_path, werkboek(tmp_path, leerlingen=leerlingen, tlv=[pro_aanvraag(einddatum=None)]))
    assert r.compleet and r.aanvraag == "eerste"
    # ...but a renewal needs a recently evaluated OPP and the current TLV's end date.
    pad = werkboek(tmp_path / "b", leerlingen=leerlingen, tlv=[pro_aanvraag(aanvraag="verlenging", einddatum=None)])
    r = maak(tmp_path / "b", pad)
    assert r.aanvraag == "verlenging" and not r.compleet
    assert {(i.blad, i.kolom) for i in r.problemen} == {("Leerlingen", "Datum evaluatie"), ("TLV", "Einddatum")}
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "Verlenging" in tekst and "Einddatum van de huidige TLV: vul 'Einddatum' in" in tekst  # as missing


def test_the_newest_tlv_row_of_a_pupil_is_the_request(tmp_path):
    pad = werkboek(tmp_path, tlv=[pro_aanvraag(einddatum=dt.date(2027, 7, 31)),
                                  pro_aanvraag(aanvraag="verlenging")])
    r = maak(tmp_path, pad)
    assert r.aanvraag == "verlenging"


# --- attachments -----------------------------------------------------------------------------------------------

def test_attachments_outside_the_folder_are_refused(tmp_path):
    buiten = tmp_path / "buiten.pdf"
    buiten.write_bytes(pdf_bytes())
    werkmap = tmp_path / "werk"
    werkmap.mkdir()
    (werkmap / "bijlagen").mkdir()
    os.symlink(buiten, werkmap / "bijlagen" / "link.pdf")
    opgegeven = ["../buiten.pdf", str(buiten), "bijlagen/link.pdf", "bijlagen/../../buiten.pdf",
                 "C:\\Users\\ib\\rapport.pdf", "bijlagen/weg.pdf", "werkboek.xlsx", "bijlagen/../bijlagen/iq.pdf"]
    pad = werkboek(tmp_path, tlv=[pro_aanvraag(bijlagen="; ".join(opgegeven))],
                   bijlagen={"bijlagen/iq.pdf": pdf_bytes()})
    r = maak(tmp_path, pad)
    buiten_map = met_code(r, "bijlage-buiten-map")
    assert len(buiten_map) == 5
    assert all((i.blad, i.rij, i.kolom) == ("TLV", 2, "Bijlagen") for i in r.problemen)
    assert [i.bericht.split("'")[1] for i in buiten_map] == opgegeven[:5]
    assert len(met_code(r, "bijlage-ontbreekt")) == 1 and len(met_code(r, "bijlage-geweigerd")) == 1
    # Only the one attachment inside the folder is in the bundle; nothing from outside, not the workbook.
    assert sorted(p.name for p in r.map.iterdir()) == ["00 Voorblad.docx", "01 OPP.docx", "02 iq.pdf"]
    assert "bijlage '../buiten.pdf' ligt buiten de map van het werkboek" in r.ontbreekt
    assert not r.compleet


def test_a_missing_attachment_for_a_required_item(tmp_path):
    pad = vso_werkboek(tmp_path, bijlagen="bijlagen/mdo-verslag.docx; bijlagen/handelingsdeel.pdf")
    r = maak(tmp_path, pad)
    assert {i.code for i in r.problemen} == {"bijlage-ontbreekt", "dossier-onvolledig"}
    (onvolledig,) = met_code(r, "dossier-onvolledig")
    assert onvolledig.bericht.startswith("Getekend handelingsdeel (instemming ouders): geen bijlage gevonden")
    assert (onvolledig.blad, onvolledig.kolom) == ("TLV", "Bijlagen")


def test_an_attachment_that_is_not_pdf_or_word_is_kept(tmp_path):
    pad = werkboek(tmp_path, tlv=[pro_aanvraag(bijlagen="bijlagen/foto.jpg")],
                   bijlagen={"bijlagen/foto.jpg": b"\xff\xd8\xff\xe0"})
    r = maak(tmp_path, pad)
    assert (r.map / "02 foto.jpg").read_bytes() == b"\xff\xd8\xff\xe0"


# --- the checklist file ----------------------------------------------------------------------------------------

def test_the_default_checklists_cover_every_kind():
    checklists = laad_checklists(None)
    for soort in TlvSoort:
        for aanvraag in AanvraagSoort:
            assert checklists.voor(soort, aanvraag).items
    tekst = standaard_bestand().read_text(encoding="utf-8")
    assert tekst.startswith("# De standaard-checklists")


def test_a_custom_checklist_replaces_the_default(tmp_path):
    pad = werkboek(tmp_path)
    (pad.parent / EIGEN_CHECKLIST).write_text(
        '[[pro.eerste]]\nid = "mdo"\nlabel = "Datum van het MDO (SWV Utrecht Zuid)"\nregel = "veld"\n'
        'veld = "datum_mdo"\n', encoding="utf-8")
    r = maak(tmp_path, pad)
    assert [u.id for u in r.checklist] == ["mdo"]
    assert r.checklist_bron == EIGEN_CHECKLIST
    (issue,) = r.problemen
    assert (issue.blad, issue.rij, issue.kolom) == ("TLV", 2, "Datum MDO")
    assert issue.bericht.startswith("Datum van het MDO (SWV Utrecht Zuid): ")
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "de checklist van SWV Utrecht Zuid" in tekst and "tlv-checklist.toml" not in tekst
    # Lists the file does not name stay the default.
    checklists = laad_checklists(pad.parent)
    assert checklists.voor(TlvSoort.VSO, AanvraagSoort.EERSTE).bron == "standaard"


@pytest.mark.parametrize("inhoud, fout", [
    ('[[vso.eerste]]\nid = "iq"\nlabel = "IQ"\nregel = "iq-test"\n',
     "onderdeel 1 van [[vso.eerste]] (id 'iq'): onbekende regel 'iq-test'"),
    ('[[vso.eerste]]\nid = "iq"\nlabel = "IQ"\nregel = "intelligentie"\nmax_jaren = 2\n',
     "onderdeel 1 van [[vso.eerste]] (id 'iq'): onbekende parameter 'max_jaren'; regel 'intelligentie' kent "
     "max_maanden"),
    ('[[pro.eerste]]\nid = "a"\nlabel = "A"\nregel = "deskundigen"\naantal = 3\n',
     "onderdeel 1 van [[pro.eerste]] (id 'a'): 'aantal' = 3 moet hoogstens 2 zijn"),
    ('[[pro.eerste]]\nid = "a"\nlabel = "A"\nregel = "veld"\nveld = "bsn"\n',
     "'veld' = 'bsn' is geen geldige keuze (kies uit: motivatie_school"),
    ('[[pro.verlenging]]\nlabel = "A"\nregel = "veld"\nveld = "einddatum"\n',
     "onderdeel 1 van [[pro.verlenging]]: 'id' ontbreekt"),
    ('[vso]\neerst = []\n', "onbekende lijst [[vso.eerst]]"),
    ('[[pro.eerste]]\nid = "a"\n', "onderdeel 1 van [[pro.eerste]] (id 'a'): 'regel' ontbreekt"),
    ('[[pro.eerste]]\nid = "a"\nregel = "deskundigen"\n', "(id 'a'): 'label' ontbreekt"),
    ('[[pro.eerste]\n', "is geen geldig TOML-bestand"),
])
def test_a_broken_checklist_is_a_clear_error(tmp_path, inhoud, fout):
    (tmp_path / EIGEN_CHECKLIST).write_text(inhoud, encoding="utf-8")
    with pytest.raises(OppError) as exc:
        laad_checklists(tmp_path)
    assert EIGEN_CHECKLIST in exc.value.bericht
    assert fout in exc.value.bericht


def test_a_broken_checklist_stops_the_cli_with_exit_2(tmp_path):
    pad = werkboek(tmp_path)
    (pad.parent / EIGEN_CHECKLIST).write_text('[[pro.eerste]]\nid = "x"\nlabel = "X"\nregel = "fantasie"\n',
                                             encoding="utf-8")
    result = CliRunner().invoke(cli, ["dossier", str(pad), "--leerling", "001", "--uit", str(tmp_path / "uit"),
                                      "--datum", "22-11-2026"], catch_exceptions=False)
    assert result.exit_code == 2
    assert "onbekende regel 'fantasie'" in result.output and EIGEN_CHECKLIST in result.output
    assert not (tmp_path / "uit").exists()


# --- pupils with errors in the workbook ------------------------------------------------------------------------

def test_a_pupil_with_errors_gets_a_dossier_without_opp(tmp_path):
    # DLE greater than DL is an error in the workbook: the OPP is not rendered until it is fixed.
    rows = toetsen(dle={"technisch lezen": 20, "begrijpend lezen": 70, "spelling": 40, "inzichtelijk rekenen": 32})
    r = maak(tmp_path, werkboek(tmp_path, toets_rijen=rows))
    assert "dle-groter-dan-dl" in codes(r) and not r.compleet
    assert sorted(p.name for p in r.map.iterdir()) == ["00 Voorblad.docx", "02 iq-rapport.pdf",
                                                       "03 verslag-leerlingbespreking.docx"]
    assert "OPP: niet gemaakt door fouten in het werkboek" in r.ontbreekt
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "ontbreekt: herstel eerst de fouten in het werkboek" in tekst


def test_a_tlv_row_with_errors_gives_no_bundle_but_says_why(tmp_path):
    pad = werkboek(tmp_path, tlv=[pro_aanvraag(motivatie_school=None)])
    (r,) = maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit")
    assert r.map is None and not r.compleet
    assert [(i.code, i.blad, i.kolom) for i in r.problemen] == [("waarde-ontbreekt", "TLV", "Motivatie school")]


def test_a_pupil_without_a_tlv_row(tmp_path):
    pad = werkboek(tmp_path, tlv=[])
    with pytest.raises(OppError, match="geen rij op het blad TLV"):
        maak(tmp_path, pad)
    with pytest.raises(OppError, match="staat niet in het werkboek"):
        maak(tmp_path, pad, "999")
    assert maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit") == []


# --- the command line ------------------------------------------------------------------------------------------

def klas(tmp_path):
    """Three pupils: 001 complete (pro), 002 incomplete (vso), 003 without TLV row."""
    return werkboek(
        tmp_path,
        leerlingen=[leerling(), leerling("002", roepnaam="Daan", tussenvoegsel=None, achternaam="Yilmaz",
                                         geboortedatum=dt.date(2010, 3, 1)), leerling("003", roepnaam="Iris")],
        verzorgers=[ouder(), ouder("002", naam="dhr. E. Yilmaz", relatie="vader"), ouder("003")],
        toets_rijen=toetsen() + toetsen("002"),
        tlv=[pro_aanvraag(), vso_aanvraag("002", deskundige_2=None)])


def invoke(*args):
    return CliRunner().invoke(cli, ["dossier", *map(str, args), "--datum", "22-11-2026"], catch_exceptions=False)


def test_cli_alle_prints_a_table_and_exits_1_when_something_is_missing(tmp_path):
    pad = klas(tmp_path)
    result = invoke(pad, "--alle", "--uit", tmp_path / "uit")
    assert result.exit_code == 1, result.output
    regels = result.output.splitlines()
    assert regels[0].split() == ["Leerling", "Soort", "Aanvraag", "Compleet", "of", "wat", "ontbreekt"]
    assert regels[1].split() == ["001", "Sanne", "van", "der", "Berg", "pro", "eerste", "compleet"]
    assert regels[2].split()[-4:] == ["vso", "eerste", "ontbreekt", "(1):"]
    assert regels[3].strip() == "- Advies van twee deskundigen (ontbreekt)"
    assert "1 van de 2 aanvragen compleet" in result.output
    assert "003" not in result.output
    assert (tmp_path / "uit" / "002 Daan Yilmaz" / "00 Voorblad.docx").is_file()


def test_cli_json_equals_the_library_result(tmp_path):
    pad = klas(tmp_path)
    result = invoke(pad, "--alle", "--uit", tmp_path / "uit", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    bibliotheek = maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit", force=True)
    assert data == {"compleet": False, "dossiers": [r.to_dict() for r in bibliotheek]}
    assert data["dossiers"][1]["problemen"][0]["kolom"] == "Deskundige 2"


def test_cli_one_complete_pupil_exits_0(tmp_path):
    pad = klas(tmp_path)
    result = invoke(pad, "--leerling", "001", "--uit", tmp_path / "uit")
    assert result.exit_code == 0, result.output
    assert "Begrijpend lezen: LA = 1 − 27/60 = 0,55 ≥ 0,50: voldoet." in result.output
    assert "Indicatie; het samenwerkingsverband beslist." in result.output
    assert "Dossier compleet: " in result.output
    again = invoke(pad, "--leerling", "001", "--uit", tmp_path / "uit")
    assert again.exit_code == 2 and "--force" in again.output
    assert invoke(pad, "--leerling", "001", "--uit", tmp_path / "uit", "--force").exit_code == 0


def test_cli_one_incomplete_pupil_exits_1_and_says_where(tmp_path):
    pad = klas(tmp_path)
    result = invoke(pad, "--leerling", "002", "--uit", tmp_path / "uit")
    assert result.exit_code == 1
    assert "Blad 'TLV', rij 3, kolom 'Deskundige 2': Advies van twee deskundigen" in result.output
    assert "Dossier NIET compleet (1 punt aan te vullen)" in result.output
    data = json.loads(invoke(pad, "--leerling", "002", "--uit", tmp_path / "uit2", "--json").output)
    assert data["compleet"] is False and data["leerlingnummer"] == "002"


def test_cli_needs_leerling_or_alle(tmp_path):
    pad = klas(tmp_path)
    assert invoke(pad).exit_code == 2
    assert invoke(pad, "--alle", "--leerling", "001").exit_code == 2
    result = invoke(pad, "--leerling", "003", "--uit", tmp_path / "uit")
    assert result.exit_code == 2 and "geen rij op het blad TLV" in result.output


def test_the_school_sheet_is_used_in_the_header(tmp_path):
    r = maak(tmp_path, werkboek(tmp_path, school=dict(SCHOOL, naam="Praktijkschool 't Anker & Co")))
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "Praktijkschool 't Anker & Co" in tekst  # escaped in the XML, literal in Word


def test_the_cover_template_uses_only_what_the_context_provides(tmp_path):
    from opp.dossier.maken import voorbeeld_context
    from opp.render.templates import check_template
    for pad in (werkboek(tmp_path / "pro"), vso_werkboek(tmp_path / "vso")):
        gelezen = open_invoer(pad, DATUM)
        context = voorbeeld_context(gelezen, "001")
        assert check_template(template_path("tlv"), context) == []
        assert context["document_titel"] == "Aanvraag toelaatbaarheidsverklaring"
        assert {"tlv", "indicatie", "checklist", "onderdelen", "ondertekening", "leerling", "school"} <= set(context)
        gelezen.close()


def test_a_schools_own_cover_template(tmp_path):
    eigen = tmp_path / "sjablonen"
    eigen.mkdir()
    doc = Document()
    doc.add_paragraph("Eigen voorblad: {{ tlv.soort }} voor {{ leerling.naam }} ({{ tlv.status }})")
    doc.save(eigen / "tlv.docx")
    r = maak_dossier(open_invoer(werkboek(tmp_path), DATUM), "001", uit=tmp_path / "uit", templates=eigen)
    tekst = docx_tekst((r.map / "00 Voorblad.docx").read_bytes())
    assert "Eigen voorblad: Praktijkonderwijs (pro) voor Sanne van der Berg (Compleet)" in tekst
    assert "Ontwikkelingsperspectiefplan" in docx_tekst((r.map / "01 OPP.docx").read_bytes())  # the default OPP


def test_a_pupil_whose_row_on_leerlingen_is_invalid(tmp_path):
    pad = werkboek(tmp_path, leerlingen=[leerling(geboortedatum="geen datum")])
    with pytest.raises(OppError, match="op het blad Leerlingen heeft fouten.*opp check"):
        maak(tmp_path, pad)


def test_the_committed_cover_is_what_the_script_builds(tmp_path, monkeypatch):
    import importlib.util
    import sys

    root = Path(__file__).resolve().parent.parent
    monkeypatch.syspath_prepend(str(root / "scripts"))
    spec = importlib.util.spec_from_file_location("make_tlv_template", root / "scripts" / "make_tlv_template.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_tlv_template", module)
    spec.loader.exec_module(module)
    gebouwd = module.build(tmp_path)
    assert gebouwd.read_bytes() == (root / "templates" / "tlv.docx").read_bytes(), (
        "templates/tlv.docx is niet actueel: draai python scripts/make_tlv_template.py")


# --- --alle hides no pupil ---------------------------------------------------------------------------------------

def test_alle_names_a_pupil_whose_row_on_leerlingen_is_invalid_and_exits_1(tmp_path):
    pad = werkboek(tmp_path, leerlingen=[leerling(), leerling("002", roepnaam="Daan", leerjaar="abc")],
                   verzorgers=[ouder(), ouder("002")], toets_rijen=toetsen() + toetsen("002"),
                   tlv=[pro_aanvraag(), pro_aanvraag("002")])
    goed, zonder = maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit")
    assert goed.compleet and zonder.leerlingnummer == "002" and zonder.map is None and not zonder.compleet
    assert [(i.code, i.blad, i.rij, i.kolom) for i in zonder.problemen] == [("verkeerd-type", "Leerlingen", 3,
                                                                              "Leerjaar")]
    assert zonder.tlv_rij == 3
    result = invoke(pad, "--alle", "--uit", tmp_path / "uit2")
    assert result.exit_code == 1, result.output
    regel = next(r for r in result.output.splitlines() if r.startswith("002"))
    assert regel.split()[-3:] == ["dossier,", "fouten", "(1):"]
    assert "Blad 'Leerlingen', rij 3, kolom 'Leerjaar'" in result.output
    assert "1 van de 2 aanvragen compleet; 1 aanvraag zonder dossier" in result.output


def test_alle_names_tlv_rows_without_a_usable_pupil(tmp_path):
    """The TLV sheet has rows, none usable: an unknown number, no number, an invalid pupil with an invalid row."""
    pad = werkboek(tmp_path, leerlingen=[leerling(geboortedatum="geen datum")],
                   tlv=[pro_aanvraag("999"), pro_aanvraag(leerlingnummer=None), pro_aanvraag(motivatie_school=None)])
    resultaten = maak_alle_dossiers(open_invoer(pad, DATUM), uit=tmp_path / "uit")
    assert sorted((r.leerlingnummer, r.tlv_rij) for r in resultaten) == [("", 3), ("001", 4), ("999", 2)]
    assert all(r.map is None and r.problemen for r in resultaten)
    (zonder_nummer,) = [r for r in resultaten if not r.leerlingnummer]
    assert [(i.code, i.kolom) for i in zonder_nummer.problemen] == [("waarde-ontbreekt", "Leerlingnummer")]
    result = invoke(pad, "--alle", "--uit", tmp_path / "uit2")
    assert result.exit_code == 1, result.output
    assert "Geen leerlingen met een rij op het blad TLV" not in result.output
    assert "(blad TLV, rij 3)" in result.output
    assert "0 van de 3 aanvragen compleet; 3 aanvragen zonder dossier" in result.output
