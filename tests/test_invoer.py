"""One read of the input: every command opens the workbook once, and answers an unusable one the same way."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import DATUM, SCHOOL, edit_xlsx, klas
from opp import invoer as invoer_module
from opp.cli import cli
from opp.invoer import open_invoer
from opp.problems import WerkboekOnbruikbaar
from opp.settings import Settings
from opp.werkboek import reader

# Every command that makes something from a workbook, with what it needs beyond the workbook.
COMMANDS = {
    "render": ["render", "{wb}", "--uit", "{uit}"],
    "tracker sync": ["tracker", "sync", "{wb}", "--tracker", "{uit}/ondertekening.xlsx"],
    "rapport": ["rapport", "{wb}", "--uit", "{uit}"],
    "dossier --alle": ["dossier", "{wb}", "--alle", "--uit", "{uit}"],
    "dossier --leerling": ["dossier", "{wb}", "--leerling", "001", "--uit", "{uit}"],
}


@pytest.fixture
def zonder_school(maak_werkboek):
    """A workbook whose School sheet is gone: unusable for every product."""
    return edit_xlsx(maak_werkboek(klas("001")), lambda wb: wb.remove(wb["School"]))


def _run(args: list[str], wb, uit):
    args = [a.format(wb=wb, uit=uit) for a in args]
    return CliRunner().invoke(cli, [*args, "--datum", DATUM.strftime("%d-%m-%Y")], catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_an_unusable_workbook_the_same_way(command, zonder_school, tmp_path):
    result = _run(COMMANDS[command], zonder_school, tmp_path / "uit")
    assert result.exit_code == 1, result.output  # a problem in the data, not of the tool
    assert "[blad-ontbreekt]" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "uit").exists()  # nothing made or changed
    reference = _run(COMMANDS["render"], zonder_school, tmp_path / "uit")
    assert result.output == reference.output  # the same located message, word for word


def test_check_reports_the_same_problem_with_the_same_exit_code(zonder_school, tmp_path):
    check = _run(["check", "{wb}"], zonder_school, tmp_path)
    render = _run(COMMANDS["render"], zonder_school, tmp_path / "uit")
    assert check.exit_code == render.exit_code == 1
    line = next(regel for regel in render.output.splitlines() if "[blad-ontbreekt]" in regel)
    assert line in check.output


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unusable_workbook_in_json_is_the_report(command, zonder_school, tmp_path):
    result = _run([*COMMANDS[command], "--json"], zonder_school, tmp_path / "uit")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    with open_invoer(zonder_school, DATUM) as invoer:
        assert data == invoer.report.to_dict()


def test_vereis_bruikbaar_names_the_problems(zonder_school):
    with open_invoer(zonder_school, DATUM) as invoer, pytest.raises(WerkboekOnbruikbaar) as exc:
        invoer.vereis_bruikbaar()
    assert [i.code for i in exc.value.problemen] == ["blad-ontbreekt"]


def test_the_day_defaults_to_today_in_one_place(maak_werkboek, monkeypatch):
    import datetime as dt

    monkeypatch.setattr(invoer_module, "vandaag", lambda: dt.date(2027, 3, 1))
    with open_invoer(maak_werkboek()) as invoer:
        assert invoer.datum == dt.date(2027, 3, 1)


def test_settings_are_read_once_with_the_workbook(maak_werkboek):
    pad = maak_werkboek()
    (pad.parent / "opp.toml").write_text("[termijnen]\nopp_vaststellen_dagen = 35\n", encoding="utf-8")
    with open_invoer(pad, DATUM) as invoer:
        assert invoer.settings.termijnen.opp_vaststellen_dagen == 35
    with open_invoer(pad, DATUM, Settings()) as invoer:  # given settings win
        assert invoer.settings.termijnen.opp_vaststellen_dagen == 42


def test_demo_reads_its_workbook_and_settings_once(tmp_path, monkeypatch):
    from opp.demo import run_demo

    reads, settings_reads = [], []
    original_read_raw, original_load = reader.read_raw, invoer_module.load_settings
    monkeypatch.setattr(reader, "read_raw", lambda path: reads.append(path) or original_read_raw(path))
    monkeypatch.setattr(invoer_module, "load_settings",
                        lambda folder: settings_reads.append(folder) or original_load(folder))
    run_demo(tmp_path / "demo", datum=DATUM)
    assert len(reads) == 1 and len(settings_reads) == 1


def test_opp_deadline_comes_from_the_setting_in_document_and_report(maak_werkboek, tmp_path):
    """With a term of 35 days, the document prints and the report counts the same date."""
    from opp.rapport import maak_rapport
    from opp.render.context import pupil_context
    from opp.rules.deadlines import opp_niet_vastgesteld

    rows = klas("001")
    rows["Leerlingen"][0]["datum_inschrijving"] = DATUM.replace(month=10, day=1)
    pad = maak_werkboek(rows, SCHOOL)
    (pad.parent / "opp.toml").write_text("[termijnen]\nopp_vaststellen_dagen = 35\n", encoding="utf-8")
    with open_invoer(pad, DATUM) as invoer:
        dossier = invoer.dossiers["001"]
        context = pupil_context(dossier, invoer.vereis_bruikbaar(), DATUM, invoer.settings)
        assert context["leerling"]["opp_uiterlijk"] == "5 november 2026"
        assert context["leerling"]["opp_termijn"] == "vijf weken"
        signaal = opp_niet_vastgesteld(dossier, DATUM, invoer.settings)
        assert signaal is not None and signaal.uiterlijk.isoformat() == "2026-11-05"
        cijfers = maak_rapport(invoer, tmp_path / "rapport").cijfers
    assert cijfers["termijnen"]["opp_vaststellen_dagen"] == 35


def test_only_the_input_object_reads_the_workbook_settings_and_clock():
    """The one read, kept by construction: no product module opens the workbook, opp.toml or the clock."""
    from pathlib import Path

    package = Path(invoer_module.__file__).parent
    allowed = {"invoer.py", "settings.py", "werkboek/reader.py"}
    for path in package.rglob("*.py"):
        name = path.relative_to(package).as_posix()
        text = path.read_text(encoding="utf-8")
        if name in allowed:
            continue
        for needle in ("read_werkboek(", "load_settings(", "date.today()"):
            assert needle not in text, f"{name} calls {needle}: take the Invoer instead"
