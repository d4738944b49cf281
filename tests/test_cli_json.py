"""`--json` prints exactly what the library returned: the result model dumped, for every command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import DATUM, klas
from opp.cli import cli

# command -> (module whose function the CLI calls, function name, arguments after the workbook)
COMMANDS = {
    "render": ("opp.render.documents", "render", ["render", "{wb}", "--uit", "{uit}"]),
    "tracker sync": ("opp.tracker", "sync_tracker", ["tracker", "sync", "{wb}", "--tracker", "{uit}/t.xlsx"]),
    "rapport": ("opp.rapport", "maak_rapport", ["rapport", "{wb}", "--uit", "{uit}"]),
}


def _capture(monkeypatch, module: str, name: str) -> list:
    """Wrap the library function the CLI calls and keep what it returned."""
    import importlib

    mod = importlib.import_module(module)
    original, returned = getattr(mod, name), []

    def wrapper(*args, **kwargs):
        result = original(*args, **kwargs)
        returned.append(result)
        return result

    monkeypatch.setattr(mod, name, wrapper)
    return returned


def _invoke(args: list[str], **fmt) -> object:
    args = [a.format(**fmt) for a in args]
    return CliRunner().invoke(cli, [*args, "--json", "--datum", DATUM.strftime("%d-%m-%Y")], catch_exceptions=False)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_json_is_the_library_result(command, maak_werkboek, tmp_path, monkeypatch):
    module, name, args = COMMANDS[command]
    returned = _capture(monkeypatch, module, name)
    (tmp_path / "uit").mkdir()  # a new tracker is made only in a folder that exists
    result = _invoke(args, wb=maak_werkboek(klas("001", "002")), uit=tmp_path / "uit")
    assert result.exit_code == 0, result.output
    (library,) = returned
    assert json.loads(result.output) == library.to_dict()


def test_render_json_keeps_the_problems_of_skipped_pupils(maak_werkboek, tmp_path, monkeypatch):
    rows = klas("001", "002")
    rows["Doelen"][1]["status"] = "klaar"
    returned = _capture(monkeypatch, "opp.render.documents", "render")
    result = _invoke(COMMANDS["render"][2], wb=maak_werkboek(rows), uit=tmp_path / "uit")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data == returned[0].to_dict()
    assert data["ok"] is False
    (probleem,) = data["overgeslagen"]["002"]
    assert (probleem["code"], probleem["blad"], probleem["rij"], probleem["kolom"]) == ("ongeldige-keuze", "Doelen", 3,
                                                                                      "Status")


def test_tracker_status_json_is_the_library_result(maak_werkboek, tmp_path, monkeypatch):
    _invoke(COMMANDS["tracker sync"][2], wb=maak_werkboek(), uit=tmp_path)
    returned = _capture(monkeypatch, "opp.tracker", "tracker_overzicht")
    result = _invoke(["tracker", "status", "--tracker", "{t}"], t=tmp_path / "t.xlsx")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == returned[0].to_dict()


def test_check_json_is_the_report(maak_werkboek):
    from opp.invoer import open_invoer

    pad = maak_werkboek()
    result = _invoke(["check", "{wb}"], wb=pad)
    with open_invoer(pad, DATUM) as invoer:
        assert json.loads(result.output) == invoer.report.to_dict()


def test_templates_check_json_is_the_library_result(tmp_path, monkeypatch):
    from opp.render.templates import template_path

    returned = _capture(monkeypatch, "opp.render.preview", "controleer_sjabloon")
    result = CliRunner().invoke(cli, ["templates", "check", str(template_path("opp")), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == returned[0].to_dict() and returned[0].ok


def test_dossier_alle_json_is_the_library_result(tmp_path, monkeypatch):
    from opp.data import demo_folder

    returned = _capture(monkeypatch, "opp.dossier", "maak_dossiers")
    result = _invoke(["dossier", "{wb}", "--alle", "--uit", "{uit}"], wb=demo_folder() / "werkboek.xlsx",
                     uit=tmp_path / "tlv")
    assert result.exit_code == 1  # the demo's vso request is incomplete on purpose
    assert json.loads(result.output) == returned[0].to_dict()
    assert [d["compleet"] for d in json.loads(result.output)["dossiers"]] == [True, False]
