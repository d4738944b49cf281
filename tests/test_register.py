"""The versions register: versions instead of overwrites, identity in each document, rebuilding, locking."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import doel
from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.register import db
from opp.register.db import Register
from opp.register.identiteit import lees_identiteit
from opp.register.versies import versies
from opp.render.documents import render
from render_helpers import DATUM, compleet_plan, document_text, leerling, ouder, own_templates, workbook

LATER = DATUM + dt.timedelta(days=7)


def schrijf(tmp_path: Path, doeltekst="Werkt 20 minuten zelfstandig.", telefoon="06 1234 5678", nrs=("001",),
            inbreng="Ik werk graag buiten.") -> Path:
    """A workbook in tmp_path (the register goes beside it); one OPP goal and one parent's phone per pupil, and
    the rest of a complete OPP (without `inbreng` the OPP is a concept)."""
    plan = compleet_plan(*nrs)
    return workbook(tmp_path, [leerling(nr, roepnaam=f"Kind{nr}", inbreng_leerling=inbreng) for nr in nrs],
                    [ouder(nr, telefoon=telefoon) for nr in nrs], Factoren=plan["Factoren"],
                    Ondersteuning=plan["Ondersteuning"], Doelen=[doel(nr, doel=doeltekst) for nr in nrs])


def maak(wb: Path, datum=DATUM, **kwargs):
    with open_invoer(wb, datum) as invoer:
        return render(invoer, uit=wb.parent / "uit", jobs=1, documenten=kwargs.pop("documenten", ["opp", "iop"]),
                      **kwargs)


def rijen(wb: Path) -> list[tuple]:
    """The register as plain tuples (without the moment of writing, which a rebuild takes from the file)."""
    with open_invoer(wb, DATUM) as invoer:
        return [(v.leerlingnummer, v.document, v.versie, v.datum, v.status, v.bestand)
                for v in versies(invoer).versies]


def integriteit(pad: Path) -> str:
    with sqlite3.connect(pad) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


# --- versions instead of overwrites ---------------------------------------------------------------------------

def test_unchanged_content_writes_nothing(tmp_path):
    wb = schrijf(tmp_path)
    first = maak(wb)
    assert len(first.geschreven) == 2
    again = maak(wb, LATER)  # another day, the same content: no new version, no new file
    assert again.geschreven == [] and sorted(again.ongewijzigd) == sorted(first.geschreven)
    assert [r[2] for r in rijen(wb)] == [1, 1]
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == sorted(p.name for p in first.geschreven)


def test_a_changed_goal_gives_version_2_and_version_1_stays(tmp_path):
    wb = schrijf(tmp_path)
    v1 = maak(wb).geschreven
    schrijf(tmp_path, doeltekst="Werkt 30 minuten zelfstandig.")
    result = maak(wb, LATER)
    (v2,) = result.geschreven  # the IOP does not show OPP goals: unchanged
    assert v2.name == "001 Berg, Kind001 van der - OPP - v2 - 2026-11-29.docx"
    assert all(p.exists() for p in v1)
    assert "Werkt 30 minuten" in document_text(v2) and "Werkt 20 minuten" in document_text(v1[0])
    assert "Versie 2 \u00b7 29 november 2026 \u00b7 Ter instemming" in document_text(v2).replace("  ", " ")
    assert "Versie 1 \u00b7 22 november 2026 \u00b7 Ter instemming" in document_text(v1[0]).replace("  ", " ")
    opp = [r for r in rijen(wb) if r[1] == "opp"]
    assert [(r[2], r[3], r[4]) for r in opp] == [(1, DATUM, "vervangen"), (2, LATER, "ter instemming")]
    assert opp[1][5] == "uit/" + v2.name  # relative to the register's folder
    iop = [r for r in rijen(wb) if r[1] == "iop"]
    assert [(r[2], r[4]) for r in iop] == [(1, "vastgesteld")]


def test_a_concept_is_registered_as_concept_and_complete_it_goes_ter_instemming(tmp_path):
    wb = schrijf(tmp_path, inbreng=None)  # not yet heard: a concept
    (v1,) = maak(wb, documenten=["opp"]).geschreven
    assert "Versie 1 \u00b7 22 november 2026 \u00b7 Concept" in document_text(v1).replace("  ", " ")
    assert lees_identiteit(v1).status == "concept"
    schrijf(tmp_path)  # heard: complete
    (v2,) = maak(wb, LATER, documenten=["opp"]).geschreven
    assert [(r[2], r[4]) for r in rijen(wb)] == [(1, "vervangen"), (2, "ter instemming")]
    assert "CONCEPT" not in document_text(v2)


def test_a_phone_number_makes_a_version_but_leaves_the_handelingsdeel(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb, documenten=["opp"])
    schrijf(tmp_path, telefoon="06 9999 0000")
    (v2,) = maak(wb, LATER, documenten=["opp"]).geschreven
    een, twee = (lees_identiteit(p) for p in sorted((tmp_path / "uit").glob("*OPP*")))
    assert (een.versie, twee.versie) == (1, 2)
    assert een.inhoud != twee.inhoud and een.handelingsdeel == twee.handelingsdeel


def test_each_document_carries_its_identity_and_nothing_else_personal(tmp_path):
    wb = schrijf(tmp_path)
    opp = next(p for p in maak(wb).geschreven if "OPP" in p.name)
    props = Document(opp).core_properties
    data = json.loads(props.identifier)
    assert data == {"opp": 1, "leerlingnummer": "001", "document": "opp", "versie": 1, "datum": "2026-11-22",
                    "status": "ter instemming", "inhoud": data["inhoud"], "handelingsdeel": data["handelingsdeel"]}
    assert len(data["inhoud"]) == 64 and len(data["handelingsdeel"]) == 64
    assert props.title == "Ontwikkelingsperspectiefplan" and props.author == "opp" and props.version == "1"
    every_property = " ".join(str(getattr(props, a) or "") for a in dir(props) if not a.startswith("_"))
    assert "Kind001" not in every_property and "Berg" not in every_property and "2012" not in every_property


def test_same_content_same_bytes(tmp_path):
    """The identity holds no clock time: a document re-made from the same data is byte for byte the same."""
    wb = schrijf(tmp_path)
    first = {p: p.read_bytes() for p in maak(wb).geschreven}
    (tmp_path / "opp-register.sqlite").unlink()
    for p in first:
        p.unlink()
    again = maak(wb).geschreven
    assert {p: p.read_bytes() for p in again} == first


def test_force_is_only_needed_for_a_file_the_register_does_not_know(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    schrijf(tmp_path, doeltekst="Een ander doel.")
    vreemd = tmp_path / "uit" / "001 Berg, Kind001 van der - OPP - v2 - 2026-11-29.docx"
    vreemd.write_bytes(b"door iemand anders neergezet")
    with pytest.raises(OppError, match="niet in het register.*--force"):
        maak(wb, LATER)
    assert vreemd.read_bytes() == b"door iemand anders neergezet"
    assert [r[2] for r in rijen(wb) if r[1] == "opp"] == [1]
    result = maak(wb, LATER, force=True)
    assert result.geschreven == [vreemd] and lees_identiteit(vreemd).versie == 2


def test_register_is_owner_only(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    assert stat.S_IMODE(os.stat(tmp_path / "opp-register.sqlite").st_mode) == 0o600


# --- rebuilding -------------------------------------------------------------------------------------------------

def test_deleted_register_is_rebuilt_with_the_same_versions(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    schrijf(tmp_path, doeltekst="Een ander doel.")
    maak(wb, LATER)
    before = rijen(wb)
    (tmp_path / "opp-register.sqlite").unlink()
    with open_invoer(wb, DATUM) as invoer:
        result = versies(invoer)
    assert "ontbrak" in result.melding and "3 documenten" in result.melding
    assert rijen(wb) == before
    again = maak(wb, LATER)  # and rendering on it still knows everything
    assert again.geschreven == [] and len(again.ongewijzigd) == 2


@pytest.mark.parametrize("damage", ["geen sqlite", "ander schema"])
def test_damaged_register_is_rebuilt_and_kept_aside(tmp_path, damage):
    wb = schrijf(tmp_path)
    maak(wb)
    before = rijen(wb)
    pad = tmp_path / "opp-register.sqlite"
    pad.unlink()
    if damage == "geen sqlite":
        pad.write_bytes(b"dit is geen database\x00" * 300)
    else:
        with sqlite3.connect(pad) as conn:
            conn.execute("CREATE TABLE iets (a)")
    result = maak(wb)
    assert "beschadigd" in result.register_melding and "2 documenten" in result.register_melding
    assert result.geschreven == [] and len(result.ongewijzigd) == 2
    assert rijen(wb) == before
    assert (tmp_path / "opp-register.sqlite.beschadigd").exists()
    assert integriteit(pad) == "ok"


def test_register_of_a_newer_opp_is_left_alone(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    with sqlite3.connect(tmp_path / "opp-register.sqlite") as conn:
        conn.execute("UPDATE meta SET waarde = '99' WHERE sleutel = 'schema'")
    with pytest.raises(OppError, match="nieuwere versie van opp"):
        maak(wb)
    assert not (tmp_path / "opp-register.sqlite.beschadigd").exists()


# --- a killed run -----------------------------------------------------------------------------------------------

def test_a_killed_run_is_completed_by_running_again(tmp_path):
    """Simulated: some files written but not recorded (the kill came before the commit), one recorded file
    gone. Running again adopts the first, writes the second again as it was, and writes what was missing."""
    wb = schrijf(tmp_path, nrs=("001", "002", "003"))
    first = maak(wb)
    pad = tmp_path / "opp-register.sqlite"
    with sqlite3.connect(pad) as conn:
        conn.execute("DELETE FROM versies WHERE leerlingnummer IN ('001', '002')")
    weg = next(p for p in first.geschreven if p.name.startswith("003") and "OPP" in p.name)
    inhoud = weg.read_bytes()
    weg.unlink()
    nooit = next(p for p in first.geschreven if p.name.startswith("002") and "IOP" in p.name)
    nooit.unlink()  # with its row gone above: never written nor recorded
    again = maak(wb)
    assert sorted(again.geschreven) == sorted([weg, nooit])
    assert again.hersteld == [weg] and weg.read_bytes() == inhoud
    assert sorted(p.name for p in again.ongewijzigd) == sorted(p.name for p in first.geschreven
                                                               if p not in (weg, nooit))
    assert [(r[0], r[1], r[2]) for r in rijen(wb)] == [(nr, doc, 1) for nr in ("001", "002", "003")
                                                       for doc in ("iop", "opp")]


def test_a_real_sigkill_is_completed_by_running_again(tmp_path):
    nrs = tuple(f"{i:03d}" for i in range(40))
    wb = schrijf(tmp_path, nrs=nrs)
    uit = tmp_path / "uit"
    cmd = [sys.executable, "-m", "opp", "render", str(wb), "--uit", str(uit), "--datum", "22-11-2026",
           "--jobs", "1", "--document", "opp"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(uit.rglob("*.docx"))) < 5:
        time.sleep(0.02)
    proc.kill()
    proc.wait()
    half = len(list(uit.rglob("*.docx")))
    assert 5 <= half < 40, "the render finished before it could be killed; make the workbook bigger"
    assert integriteit(tmp_path / "opp-register.sqlite") == "ok"
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"{40 - half} documenten geschreven" in result.stdout and f"{half} ongewijzigd" in result.stdout
    assert [(r[0], r[2]) for r in rijen(wb)] == [(nr, 1) for nr in nrs]
    assert len(list(uit.rglob("*.docx"))) == 40


# --- one writer at a time ---------------------------------------------------------------------------------------

def test_a_second_run_stops_clearly_while_the_first_holds_the_register(tmp_path, monkeypatch):
    wb = schrijf(tmp_path)
    maak(wb)
    schrijf(tmp_path, doeltekst="Een ander doel.")
    monkeypatch.setattr(db, "WACHTTIJD", 0.2)
    with Register(tmp_path / "opp-register.sqlite"):  # another run, busy
        start = time.monotonic()
        with pytest.raises(OppError, match="in gebruik door een andere opp-opdracht"):
            maak(wb, LATER)
        assert time.monotonic() - start >= 0.2  # it waited first
    assert [r[2] for r in rijen(wb) if r[1] == "opp"] == [1]
    assert maak(wb, LATER).geschreven  # free again


def test_two_runs_at_once_leave_the_register_whole(tmp_path):
    nrs = tuple(f"{i:03d}" for i in range(12))
    wb = schrijf(tmp_path, nrs=nrs)
    cmd = [sys.executable, "-m", "opp", "render", str(wb), "--uit", str(tmp_path / "uit"), "--datum", "22-11-2026",
           "--jobs", "1"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=300) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes[0] == 0, outputs
    for p, (out, err) in zip(procs, outputs, strict=True):
        if p.returncode:  # the one that waited too long says so in one line
            assert p.returncode == 2 and "in gebruik door een andere opp-opdracht" in err and "Traceback" not in err
        else:
            assert "documenten geschreven" in out
    assert integriteit(tmp_path / "opp-register.sqlite") == "ok"
    assert [(r[0], r[1], r[2]) for r in rijen(wb)] == [(nr, doc, 1) for nr in nrs for doc in ("iop", "opp")]


# --- opp versies ------------------------------------------------------------------------------------------------

def test_cli_versies_lists_the_versions_and_json_is_the_library_result(tmp_path):
    wb = schrijf(tmp_path)
    maak(wb)
    schrijf(tmp_path, doeltekst="Een ander doel.")
    maak(wb, LATER)
    runner = CliRunner()
    text = runner.invoke(cli, ["versies", str(wb), "--leerling", "001"], catch_exceptions=False)
    assert text.exit_code == 0, text.output
    assert "001       OPP       2       29 november 2026  ter instemming" in text.output
    assert "3 versies in" in text.output
    as_json = runner.invoke(cli, ["versies", str(wb), "--json"], catch_exceptions=False)
    data = json.loads(as_json.output)
    with open_invoer(wb, DATUM) as invoer:
        assert data == versies(invoer).to_dict()
    assert [(v["document"], v["versie"], v["status"]) for v in data["versies"]] == [
        ("iop", 1, "vastgesteld"), ("opp", 1, "vervangen"), ("opp", 2, "ter instemming")]
    verplicht = {"leerlingnummer", "document", "versie", "datum", "status", "bestand", "instemming"}
    assert verplicht <= set(data["versies"][0])


def test_render_json_names_the_unchanged_documents(tmp_path):
    wb = schrijf(tmp_path)
    args = ["render", str(wb), "--uit", str(tmp_path / "uit"), "--datum", "22-11-2026", "--jobs", "1", "--json"]
    CliRunner().invoke(cli, args, catch_exceptions=False)
    data = json.loads(CliRunner().invoke(cli, args, catch_exceptions=False).output)
    assert data["geschreven"] == [] and len(data["ongewijzigd"]) == 2
    assert data["registerbestand"] == str(tmp_path / "opp-register.sqlite")


def test_own_template_without_core_properties_still_gets_the_identity(tmp_path):
    import zipfile

    tpl = own_templates(tmp_path / "tpl")
    stripped = tmp_path / "tpl" / "kaal.docx"
    with zipfile.ZipFile(tpl / "opp.docx") as src, zipfile.ZipFile(stripped, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                continue
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = re.sub(rb'<(Override|Relationship)[^>]*docProps/core.xml"[^>]*/>', b"", data)
                assert b"core.xml" not in data
            dst.writestr(info, data)
    shutil.move(stripped, tpl / "opp.docx")
    wb = schrijf(tmp_path)
    (opp,) = maak(wb, templates=tpl, documenten=["opp"]).geschreven
    assert lees_identiteit(opp).leerlingnummer == "001"
    assert json.loads(Document(opp).core_properties.identifier)["versie"] == 1


# --- a property: rendering unchanged data never makes a version -------------------------------------------------

stappen = st.lists(st.one_of(
    st.just(("render",)),
    st.tuples(st.just("doel"), st.sampled_from(["Leest een recept.", "Fietst naar stage.", "Werkt 20 minuten."])),
    st.tuples(st.just("telefoon"), st.sampled_from(["06 1111 1111", "06 2222 2222"])),
), min_size=1, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stappen=stappen)
def test_rendering_unchanged_data_never_makes_a_version(tmp_path_factory, stappen):
    tmp = tmp_path_factory.mktemp("eigenschap")
    data = {"doel": "Werkt 20 minuten.", "telefoon": "06 1111 1111"}
    wb = schrijf(tmp, data["doel"], data["telefoon"])
    verwacht = {"opp": 0, "iop": 0}  # the model: a version per render whose content differs from the last one
    laatst: dict | None = None
    for dag, stap in enumerate([*stappen, ("render",)]):
        if stap[0] == "render":
            result = maak(wb, DATUM + dt.timedelta(days=dag))
            if laatst != data:
                verwacht["opp"] += 1  # the OPP shows the goal and the parents' phone
            verwacht["iop"] = max(verwacht["iop"], 1)  # the IOP shows neither
            laatst = dict(data)
            nieuwste = {}
            for r in rijen(wb):
                nieuwste[r[1]] = r[2]
            assert nieuwste == verwacht, stappen
            assert len(result.geschreven) + len(result.ongewijzigd) == 2
        else:
            data[stap[0]] = stap[1]
            schrijf(tmp, data["doel"], data["telefoon"])
    again = maak(wb, DATUM + dt.timedelta(days=30))  # and once more with nothing changed: nothing written
    assert again.geschreven == [] and len(again.ongewijzigd) == 2


def test_the_demo_runs_again_and_again(tmp_path):
    from opp.demo import run_demo

    first = run_demo(tmp_path / "demo", datum=DATUM)
    assert len(first.documenten.geschreven) == 26 and (tmp_path / "demo" / "opp-register.sqlite").exists()
    again = run_demo(tmp_path / "demo", datum=DATUM)
    assert again.documenten.geschreven == [] and len(again.documenten.ongewijzigd) == 26
    assert any("TLV-dossiers" in regel for regel in again.regels)
