"""The demo class that ships inside the package: valid, complete, fictitious, and current."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json

import pypdf
import pytest
from click.testing import CliRunner

from conftest import DATUM, ROOT
from opp.cli import cli
from opp.data import demo_folder
from opp.models import DoelStatus, Plan, TlvCategorie, TlvSoort, Toetsonderdeel, Vertegenwoordiging
from opp.rules.compleet import Onderdeel
from opp.rules.deadlines import eerste_opp_op_tijd, opp_niet_vastgesteld
from opp.rules.signers import Rol, ondertekenaars
from opp.settings import load_settings, settings_toml
from opp.werkboek.reader import read_werkboek


@pytest.fixture(scope="module")
def demo():
    return read_werkboek(demo_folder() / "werkboek.xlsx", DATUM)


@pytest.fixture(scope="module")
def make_demo():
    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "scripts" / "make_demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _by_name(demo, roepnaam):
    return next(d for d in demo.dossiers.values() if d.leerling.roepnaam == roepnaam)


def test_demo_folder_holds_the_workbook_settings_and_attachments():
    folder = demo_folder()
    assert (folder / "werkboek.xlsx").is_file()
    assert (folder / "opp.toml").read_text(encoding="utf-8") == settings_toml()
    assert len(list((folder / "bijlagen").glob("*.pdf"))) >= 3


def test_opp_check_on_the_demo_exits_0():
    result = CliRunner().invoke(cli, ["check", str(demo_folder() / "werkboek.xlsx"), "--datum", "22-11-2026",
                                      "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["aantal_leerlingen"] == 12 and report["aantal_fouten"] == 0
    # The only warnings are Mila's: she just enrolled, so her OPP is a concept and check names every part.
    assert {p["leerlingnummer"] for p in report["problemen"]} == {"024105"}, report["problemen"]
    assert [p["code"] for p in report["problemen"]] == [o.code for o in Onderdeel]


def test_the_dates_the_law_asks_for(demo):
    settings = load_settings(demo_folder())
    yara, sanne, finn = (_by_name(demo, n).leerling for n in ("Yara", "Sanne", "Finn"))
    # Yara's first OPP was late; the report shows it even though her latest OPP was set this year.
    assert eerste_opp_op_tijd(yara, settings) is False and eerste_opp_op_tijd(sanne, settings) is True
    assert opp_niet_vastgesteld(_by_name(demo, "Yara"), DATUM, settings).dagen == 28
    assert opp_niet_vastgesteld(_by_name(demo, "Sanne"), DATUM, settings) is None
    assert sanne.datum_oogo and sanne.datum_hoorrecht and sanne.hoorrecht_hoe and sanne.datum_volgende_evaluatie
    assert finn.datum_hoorrecht and finn.datum_eerste_vaststelling is None  # his first OPP is being set


def test_every_pupil_is_usable_and_every_sheet_is_filled(demo):
    assert len(demo.bruikbare_dossiers()) == 12
    assert {d.leerling.klas for d in demo.dossiers.values()} == {"PrO 2A", "PrO 5B"}
    for sheet, rijen in demo.rijen.items():
        assert rijen, f"blad {sheet} is leeg"
    school = demo.school
    assert school.naam == "Praktijkschool De Linde" and school.is_praktijkschool and school.schooljaar == "2026-2027"


def test_the_cases_a_zorgcoordinator_meets(demo):
    settings = load_settings(demo_folder())
    pupils = list(demo.dossiers.values())
    # 18+ and signing for themselves
    adult = [d for d in pupils if d.leerling.is_meerderjarig_op(DATUM) and not d.leerling.onder_vertegenwoordiging]
    assert adult and ondertekenaars(adult[0], demo.school, DATUM, settings)[0].rol is Rol.LEERLING
    # under curatele: the curator (gezag ja) signs
    curatele = [d for d in pupils if d.leerling.vertegenwoordiging is Vertegenwoordiging.CURATELE]
    assert len(curatele) == 1 and curatele[0].leerling.is_meerderjarig_op(DATUM)
    signers = ondertekenaars(curatele[0], demo.school, DATUM, settings)
    assert signers[0].rol is Rol.VERTEGENWOORDIGER and "curator" in signers[0].naam
    # two parents with gezag; one parent with and one without
    assert any(len(d.verzorgers_met_gezag) == 2 for d in pupils)
    assert any(len(d.verzorgers_met_gezag) == 1 and len(d.verzorgers) == 2 and not d.leerling.is_meerderjarig_op(DATUM)
               for d in pupils)
    # names with a tussenvoegsel and an apostrophe
    names = [d.leerling.volledige_naam for d in pupils]
    assert "Sanne van der Berg" in names and "Noah de Wit" in names and "Jayden O'Neill" in names
    # turns 18 in spring 2027
    assert any(not d.leerling.is_meerderjarig_op(DATUM) and d.leerling.is_meerderjarig_op(dt.date(2027, 6, 1))
               and d.leerling.geboortedatum.month in (3, 4, 5) for d in pupils)
    # one pupil with hardly any data
    assert any(not (d.factoren or d.doelen or d.toetsen or d.ondersteuning) for d in pupils)


def test_kernteam_with_and_without_consent(demo):
    referrals = [a for d in demo.dossiers.values() for a in d.kernteam]
    with_consent = [a for a in referrals if a.heeft_toestemming]
    without = [a for a in referrals if not a.heeft_toestemming]
    assert with_consent and {"MEE", "schoolarts"} <= set(with_consent[0].externe_partners)
    assert without and without[0].externe_partners == []


def test_pro_tlv_meets_the_worked_example(demo):
    (dossier,) = [d for d in demo.dossiers.values() if any(t.soort is TlvSoort.PRO for t in d.tlv)]
    la = {t.onderdeel: round(t.leerachterstand, 3) for t in dossier.didactische_toetsen}
    assert la[Toetsonderdeel.BEGRIJPEND_LEZEN] == 0.55
    assert la[Toetsonderdeel.TECHNISCH_LEZEN] == 0.667
    assert la[Toetsonderdeel.INZICHTELIJK_REKENEN] == 0.467
    assert dossier.laatste_intelligentie.score == 72


def test_vso_tlv_is_complete_and_its_attachments_exist(demo):
    (tlv,) = [t for d in demo.dossiers.values() for t in d.tlv if t.soort is TlvSoort.VSO]
    assert tlv.categorie is TlvCategorie.MIDDEN
    assert tlv.deskundige_1 and tlv.deskundige_2 and tlv.datum_mdo and tlv.zienswijze_ouders
    assert tlv.zienswijze_leerling and len(tlv.bijlagen) >= 3
    for bijlage in tlv.bijlagen:
        path = demo_folder() / bijlage
        assert path.is_file(), bijlage
        assert "fictief" in pypdf.PdfReader(path).pages[0].extract_text()


def test_goals_are_written_as_a_zorgcoordinator_writes_them(demo):
    doelen = [g for d in demo.dossiers.values() for g in d.doelen]
    assert all(g.doel.startswith("Ik ") for g in doelen if g.plan is Plan.IOP)
    assert {g.plan for g in doelen} == {Plan.OPP, Plan.IOP}
    assert all(g.evaluatie for g in doelen if g.status is DoelStatus.BEHAALD)
    behoeften = [b for d in demo.dossiers.values() for b in d.onderwijsbehoeften]
    assert all(b.omschrijving.startswith("heeft behoefte aan") for b in behoeften)
    lijnen = {o.lijn.value for d in demo.dossiers.values() for o in d.ondersteuning}
    assert lijnen == {"1e lijn", "2e lijn", "3e lijn"}


def test_demo_workbook_is_current(make_demo, tmp_path):
    """Fails when the contract or the demo data changed without regenerating the committed files."""
    for path in make_demo.write_werkboek(tmp_path):
        committed = demo_folder() / path.name
        assert path.read_bytes() == committed.read_bytes(), (
            f"{committed} is verouderd: draai `python scripts/make_demo.py` en commit het resultaat")


def test_demo_build_is_deterministic(make_demo, tmp_path):
    first = [p.read_bytes() for p in make_demo.write_werkboek(tmp_path / "a")]
    second = [p.read_bytes() for p in make_demo.write_werkboek(tmp_path / "b")]
    assert first == second
