"""Issue 14, words on screen: Dutch placeholders in every --help, a wrong date answered with the form to type,
a folder not answered with another command, no '1 documenten' or 'leerling(en)' in what the commands print,
and a filter that matches nothing says why. Each test reads what the command printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from dossier_helpers import leerling, werkboek
from opp.cli import cli
from opp.render.documents import weigering

# What click writes in English where a Dutch help must have its own word.
ENGELS = ["[OPTIONS]", "COMMAND", "[ARGS]", "TEXT", "INTEGER", "FLOAT", "BOOLEAN", "PATH", "FILENAME",
          "DIRECTORY", "RANGE", "<=x", "x<=", "x>=", "Usage:", "Options:", "Commands:", "default:", "required",
          "Show this message"]
MEERVOUDEN = ("documenten", "leerlingen", "fouten", "waarschuwingen", "rijen", "dossiers", "bestanden", "punten",
              "bijlagen", "problemen", "aanvragen", "versies", "PDF's", "handtekeningen", "ondertekenaars")
EEN_MEERVOUD = re.compile(r"(?<![\d,.])\b1 (" + "|".join(re.escape(m) for m in MEERVOUDEN) + r")\b")
HAAKJES = re.compile(r"\w\((en|s)\)")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="opp", catch_exceptions=False)


def alle_commandos(groep: click.Group = cli, pad: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand by its words after `opp`, the groups included."""
    gevonden = [pad]
    for naam, commando in groep.commands.items():
        if isinstance(commando, click.Group):
            gevonden += alle_commandos(commando, (*pad, naam))
        else:
            gevonden.append((*pad, naam))
    return gevonden


@pytest.mark.parametrize("commando", alle_commandos(), ids=lambda c: " ".join(c) or "opp")
def test_every_help_has_dutch_placeholders(commando):
    result = run(*commando, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Gebruik: opp")
    assert [w for w in ENGELS if w in result.output] == [], result.output


def test_the_usage_line_is_dutch():
    assert run("--help").output.splitlines()[0] == "Gebruik: opp [OPTIES] OPDRACHT [ARGUMENTEN]..."
    assert run("render", "--help").output.splitlines()[0] == "Gebruik: opp render [OPTIES] WERKBOEK"


def test_a_number_out_of_range_is_answered_in_dutch(tmp_path):
    result = run("render", str(tmp_path / "w.xlsx"), "--jobs", "99")
    assert result.exit_code == 2
    assert "99 ligt niet in het bereik van 1 tot en met 64" in result.output
    assert "<=" not in result.output


@pytest.mark.parametrize("datum", ["31-02-2026", "2026/11/01", "morgen"])
def test_a_wrong_date_is_answered_with_the_form_to_type(tmp_path, datum):
    result = run("check", str(tmp_path / "w.xlsx"), "--datum", datum)
    assert result.exit_code == 2
    assert "DD-MM-JJJJ" in result.output and "bijvoorbeeld 12-03-2026" in result.output
    assert "%" not in result.output


def test_a_date_option_of_any_command_speaks_dutch():
    """A command that uses click's own DateTime (not opp's --datum) still shows and asks the Dutch form."""
    @click.command()
    @click.option("--vanaf", type=click.DateTime(formats=["%d-%m-%Y"]))
    def nieuw(vanaf):
        pass

    assert "--vanaf DD-MM-JJJJ" in CliRunner().invoke(nieuw, ["--help"]).output
    fout = CliRunner().invoke(nieuw, ["--vanaf", "31-02-2026"]).output
    assert "geen geldige datum; schrijf DD-MM-JJJJ" in fout and "%" not in fout


def test_both_date_forms_are_read(tmp_path):
    pad = werkboek(tmp_path)
    assert run("check", str(pad), "--datum", "22-11-2026").exit_code == 0
    assert run("check", str(pad), "--datum", "2026-11-22").exit_code == 0


def test_a_folder_given_to_render_is_not_answered_with_check_or_the_tracker(tmp_path):
    pad = werkboek(tmp_path)
    map_ = pad.parent
    for naam in ("ondertekening.xlsx", "tracker.xlsx", "rapport.xlsx"):
        shutil.copy(pad, map_ / naam)
    result = run("render", str(map_))
    assert result.exit_code == 2
    assert "opp check" not in result.output and "tracker.xlsx" not in result.output
    assert f"Bedoelt u het werkboek '{pad}'?" in result.output
    # Without werkboek.xlsx, only opp's own products: nothing is suggested.
    pad.unlink()
    result = run("render", str(map_))
    assert "Bedoelt u" not in result.output and ".xlsx" not in result.output


def zonder_fouten_van_grammatica(tekst: str) -> list[str]:
    return EEN_MEERVOUD.findall(tekst) + HAAKJES.findall(tekst)


def test_counts_of_one_in_what_the_commands_print(tmp_path):
    """One pupil, one document, one of everything: every count says it in the singular."""
    pad = werkboek(tmp_path)
    uit = tmp_path / "uit"
    uitvoer = []
    for args in (["check", str(pad)],
                 ["render", str(pad), "--document", "opp", "--uit", str(uit)],
                 ["render", str(pad), "--document", "opp", "--uit", str(uit)],
                 ["versies", str(pad)],
                 ["tracker", "sync", str(pad), "--tracker", str(tmp_path / "ondertekening.xlsx")],
                 ["tracker", "status", "--tracker", str(tmp_path / "ondertekening.xlsx")],
                 ["dossier", str(pad), "--alle", "--uit", str(tmp_path / "tlv")],
                 ["rapport", str(pad), "--uit", str(tmp_path / "rapport")]):
        result = run(*args, "--datum", "22-11-2026") if args[0] not in ("versies",) else run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        uitvoer.append(result.output)
    tekst = "\n".join(uitvoer)
    assert "1 document geschreven" in tekst and "1 ongewijzigd" in tekst
    assert zonder_fouten_van_grammatica(tekst) == [], tekst


def test_the_refusal_to_overwrite_one_document_is_singular():
    bericht = weigering([("001", Path("001 Berg, Sanne - OPP - 2026-11-22.docx"))], buiten_register=True).bericht
    assert bericht.startswith("1 document bestaat al") and zonder_fouten_van_grammatica(bericht) == []


def test_a_document_filter_that_matches_nothing_says_why(tmp_path):
    pad = werkboek(tmp_path)  # nobody has a row on the Kernteam sheet
    result = run("render", str(pad), "--document", "kernteam", "--uit", str(tmp_path / "uit"), "--datum",
                 "22-11-2026")
    assert result.exit_code == 0, result.output
    assert "Niets gemaakt: 1 document is niet van toepassing" in result.output
    assert "blad Kernteam" in result.output


def test_a_pupil_outside_the_chosen_class_is_named_with_his_class(tmp_path):
    pad = werkboek(tmp_path, leerlingen=[leerling(), leerling("002", roepnaam="Daan", klas="PrO 3A")])
    result = run("render", str(pad), "--leerling", "001", "--klas", "PrO 3A", "--uit", str(tmp_path / "uit"))
    assert result.exit_code == 2
    assert "De gekozen leerling zit niet in klas PrO 3A (001 zit in PrO 2B)" in result.output
    assert "Geen leerlingen in klas" not in result.output
