"""The tracker where it misled (issue 13): which tracker is used, a mistyped --tracker, a signer whose name
was corrected, and every row that changes named in the summary."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import OppError
from opp.rules.signers import ZELFDE_NAAM_VANAF, zelfde_persoon
from opp.tracker import sync_tracker, tracker_overzicht, zoek_tracker
from tracker_helpers import RONDE, Secretaresse, rijen, schrijf_werkboek, standaard_klas, vind

VANDAAG = dt.date(2026, 10, 20)


@pytest.fixture
def werkboek(tmp_path):
    return schrijf_werkboek(tmp_path / "werkboek.xlsx", *standaard_klas())


# ---- which tracker --------------------------------------------------------------------------------

def _trackers(tmp_path, *mappen: str) -> None:
    for map_ in mappen:
        (tmp_path / "output" / map_).mkdir(parents=True)
        (tmp_path / "output" / map_ / "ondertekening.xlsx").write_bytes(b"")


def test_the_demo_tracker_is_never_the_schools(tmp_path):
    _trackers(tmp_path, "2026-2027", "demo", "zz-eigen")
    assert zoek_tracker(tmp_path) == tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"


def test_with_only_the_demo_there_is_no_tracker_to_find(tmp_path):
    _trackers(tmp_path, "demo")
    with pytest.raises(OppError, match="--tracker"):
        zoek_tracker(tmp_path)


def test_status_without_tracker_says_which_file_it_uses(tmp_path, monkeypatch, werkboek):
    monkeypatch.chdir(tmp_path)
    sync_tracker(open_invoer(werkboek, RONDE))  # the school's: output/2026-2027/
    (tmp_path / "output" / "demo").mkdir()
    (tmp_path / "output" / "demo" / "ondertekening.xlsx").write_bytes(
        (tmp_path / "output" / "2026-2027" / "ondertekening.xlsx").read_bytes())
    overzicht = tracker_overzicht(None, VANDAAG)
    assert overzicht.tracker == tmp_path / "output" / "2026-2027" / "ondertekening.xlsx" or \
        overzicht.tracker.resolve() == (tmp_path / "output" / "2026-2027" / "ondertekening.xlsx").resolve()
    assert overzicht.gevonden
    uit = CliRunner().invoke(cli, ["tracker", "status", "--datum", "20-10-2026"], catch_exceptions=False)
    assert uit.exit_code == 0
    assert "output/2026-2027/ondertekening.xlsx" in uit.output and "demo" not in uit.output
    assert "--tracker" in uit.output.splitlines()[0]
    data = json.loads(CliRunner().invoke(cli, ["tracker", "status", "--json"]).output)
    assert data["gevonden"] is True and data["tracker"].endswith("2026-2027/ondertekening.xlsx")


# ---- a --tracker that does not exist ----------------------------------------------------------------

def test_status_and_rapport_refuse_a_tracker_that_does_not_exist(tmp_path, monkeypatch, werkboek):
    monkeypatch.chdir(tmp_path)
    fout = tmp_path / "ondertekenig.xlsx"
    uit = CliRunner().invoke(cli, ["tracker", "status", "--tracker", str(fout)])
    assert uit.exit_code == 2 and "ondertekenig.xlsx" in uit.output
    uit = CliRunner().invoke(cli, ["rapport", str(werkboek), "--tracker", str(fout), "--datum", "20-10-2026"])
    assert uit.exit_code == 2 and not (tmp_path / "output").exists()


def test_sync_does_not_make_a_tracker_and_its_folders_from_a_typo(tmp_path, monkeypatch, werkboek):
    monkeypatch.chdir(tmp_path)
    fout = tmp_path / "ouptut" / "2026-2027" / "ondertekening.xlsx"
    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(fout)])
    assert uit.exit_code == 2 and "ouptut" in uit.output
    assert not (tmp_path / "ouptut").exists()


def test_sync_makes_a_new_tracker_in_an_existing_folder_or_the_default(tmp_path, monkeypatch, werkboek):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "ronde").mkdir()
    assert sync_tracker(open_invoer(werkboek, RONDE), tmp_path / "ronde" / "nieuw.xlsx").nieuw
    standaard = tmp_path / "output" / "2026-2027" / "ondertekening.xlsx"  # the default, named: folders made
    uit = CliRunner().invoke(cli, ["tracker", "sync", str(werkboek), "--tracker", str(standaard),
                                   "--datum", "01-10-2026"])
    assert uit.exit_code == 0 and standaard.is_file()


# ---- a signer renamed --------------------------------------------------------------------------------

@pytest.mark.parametrize("naam, andere, zelfde", [
    ("mw. m. berg", "mw. m. bergh", True),  # a letter added
    ("mw. m. berg", "mw. n. berg", True),  # an initial mistyped
    ("mw. m. el idrissi", "mw. m. el-idrissi", True),
    ("mw. m. berg", "mw. e. de vries", False),  # another person
    ("mw. a. de vries", "mw. a. de vries-bakker", False),  # a name added is not a typo
    ("moeder jansen", "vader jansen", False),
    ("", "mw. m. berg", False),
])
def test_same_person_at_its_boundary(naam, andere, zelfde):
    assert zelfde_persoon(naam, andere) is zelfde


def test_the_boundary_itself():
    import difflib

    def ratio(a, b):
        return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

    # 'abcdefghijklmnopqrst' (20) against one with 3 of its letters replaced: 17/20 = 0.85, on the boundary.
    a, b = "abcdefghijklmnopqrst", "abcdefghijklmnopqXYZ"
    assert ratio(a, b) == pytest.approx(ZELFDE_NAAM_VANAF) and zelfde_persoon(a, b)
    c = "abcdefghijklmnopWXYZ"  # 4 replaced: 0.80, below
    assert ratio(a, c) < ZELFDE_NAAM_VANAF and not zelfde_persoon(a, c)


def _hernoem(tmp_path, oud: str, nieuw: str):
    leerlingen, verzorgers = standaard_klas()
    for v in verzorgers:
        if v["naam"] == oud:
            v["naam"] = nieuw
    return schrijf_werkboek(tmp_path / "werkboek2.xlsx", leerlingen, verzorgers)


def test_a_typo_fixed_keeps_the_row_with_her_dates_and_remarks(tmp_path, werkboek):
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    rij = vind(tracker, "1001", "m. berg")
    with Secretaresse(tracker) as s:
        s.typ(rij["Sleutel"], "Verstuurd op", dt.date(2026, 10, 2))
        s.typ(rij["Sleutel"], "Opmerking", "Belt terug")
    voor = len(rijen(tracker))

    result = sync_tracker(open_invoer(_hernoem(tmp_path, "mw. M. Berg", "mw. M. Bergh"), RONDE), tracker)

    assert (result.hernoemd, result.toegevoegd, result.vervallen) == (1, 0, 0)
    na = vind(tracker, "1001", "m. bergh")
    assert na["_rij"] == rij["_rij"] and na["Ondertekenaar"] == "mw. M. Bergh"
    assert na["Opmerking"] == "Belt terug" and na["Verstuurd op"].date() == dt.date(2026, 10, 2)
    assert na["_sleutel"][2] == "OUDER:mw. m. bergh" and not na["Vervallen"]
    assert len(rijen(tracker)) == voor
    (w,) = result.wijzigingen
    assert (w.soort, w.rij, w.leerlingnummer, w.was, w.ondertekenaar) == (
        "hernoemd", rij["_rij"], "1001", "mw. M. Berg", "mw. M. Bergh")
    assert any(f"Rij {rij['_rij']} hernoemd" in regel and "mw. M. Bergh" in regel for regel in result.samenvatting())
    # And again: nothing changes any more.
    opnieuw = sync_tracker(open_invoer(_hernoem(tmp_path, "mw. M. Berg", "mw. M. Bergh"), RONDE), tracker)
    assert (opnieuw.hernoemd, opnieuw.toegevoegd, opnieuw.vervallen, opnieuw.wijzigingen) == (0, 0, 0, [])


def test_another_person_gets_a_new_row_and_the_old_one_is_vervallen(tmp_path, werkboek):
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    oud = vind(tracker, "1001", "m. berg")
    with Secretaresse(tracker) as s:
        s.typ(oud["Sleutel"], "Opmerking", "Belt terug")

    result = sync_tracker(open_invoer(_hernoem(tmp_path, "mw. M. Berg", "mw. E. de Vries"), RONDE), tracker)

    assert (result.hernoemd, result.toegevoegd, result.vervallen) == (0, 1, 1)
    na_oud = vind(tracker, "1001", "m. berg")
    assert na_oud["_rij"] == oud["_rij"] and na_oud["Vervallen"] == "ja" and na_oud["Opmerking"] == "Belt terug"
    nieuw = vind(tracker, "1001", "de vries")
    assert nieuw["_rij"] > oud["_rij"] and nieuw["Opmerking"] is None
    soorten = {(w.soort, w.rij, w.ondertekenaar) for w in result.wijzigingen}
    assert soorten == {("vervallen", oud["_rij"], "mw. M. Berg"), ("toegevoegd", nieuw["_rij"], "mw. E. de Vries")}
    regels = "\n".join(result.samenvatting())
    assert f"Rij {oud['_rij']} vervallen: 1001" in regels and f"Rij {nieuw['_rij']} toegevoegd: 1001" in regels


def test_a_rename_never_crosses_roles_or_pupils(tmp_path):
    """The pupil's own 'voor gezien' row and another pupil's parent with a near name stay apart."""
    leerlingen, verzorgers = standaard_klas()
    werkboek = schrijf_werkboek(tmp_path / "w.xlsx", leerlingen, verzorgers)
    tracker = tmp_path / "ondertekening.xlsx"
    sync_tracker(open_invoer(werkboek, RONDE), tracker)
    # 1002's mother leaves; 1001 gets a guardian named almost like her: another pupil, so a new row.
    verzorgers = [v for v in verzorgers if v["naam"] != "mw. F. Amrani"]
    verzorgers.append({"leerlingnummer": "1001", "naam": "mw. F. Amrani", "relatie": "voogd", "gezag": "ja",
                       "email": None})
    result = sync_tracker(open_invoer(schrijf_werkboek(tmp_path / "w2.xlsx", leerlingen, verzorgers), RONDE), tracker)
    assert (result.hernoemd, result.toegevoegd, result.vervallen) == (0, 1, 1)
