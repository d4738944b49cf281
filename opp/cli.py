"""The command line: one thin command per verb. Each parses arguments, calls one library function and
formats its result. Library errors become one Dutch line and an exit code here, in one place."""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
from pathlib import Path

import click

from .problems import OppError, Report

EXIT_OK, EXIT_DATA, EXIT_FAILURE = 0, 1, 2


class OppGroup(click.Group):
    """Maps library failures to one clear line and exit 2; --debug shows the traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OppError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"Fout: {exc.bericht}", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug of ours: say so, without a traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(
                f"Onverwachte fout ({type(exc).__name__}). Draai het commando opnieuw met --debug en meld "
                "de uitvoer aan de ontwikkelaars (zonder leerlinggegevens).", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON (voor andere programma's).")(f)


def datum_option(help_text: str):
    def decorate(f):
        return click.option("--datum", type=click.DateTime(formats=["%d-%m-%Y", "%Y-%m-%d"]), default=None,
                            help=help_text + " (dd-mm-jjjj; standaard vandaag).")(f)
    return decorate


def as_date(value) -> dt.date | None:
    return value.date() if value is not None else None


def werkboek_argument(f):
    return click.argument("werkboek", type=click.Path(path_type=Path))(f)


def print_report(report: Report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    for issue in report.issues:
        label = "fout" if issue.is_fout else "waarschuwing"
        click.echo(f"{label:>12}  {issue}  [{issue.code}]")
    if report.weggelaten:
        click.echo(f"... en nog {report.weggelaten} problemen (niet getoond).")
    click.secho(report.samenvatting(), fg="green" if report.ok else "red", bold=True)


@click.group(cls=OppGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Toon bij een fout de volledige traceback (voor ontwikkelaars).")
@click.version_option(package_name="opp", message="opp %(version)s")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """opp: van werkboek naar OPP, IOP, aanmelding kernteam, ondertekenronde en TLV-dossier.

    \b
    Begin zo:
      opp init mijnschool        # leeg werkboek en instellingen
      opp check mijnschool/werkboek.xlsx
      opp demo                   # alles voor de demoklas
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.argument("map", type=click.Path(path_type=Path))
def init(map: Path) -> None:
    """Maak een werkmap met een leeg werkboek, opp.toml en een map output/.

    \b
    Voorbeeld:
      opp init mijnschool
    """
    from .werkboek.init import init_folder

    for path in init_folder(map):
        click.echo(f"Aangemaakt: {path}")
    click.echo(f"Vul {map / 'werkboek.xlsx'} in en controleer het met: opp check {map / 'werkboek.xlsx'}")


@cli.command()
@werkboek_argument
@json_option
@datum_option("De datum waarop leeftijden worden bepaald")
def check(werkboek: Path, as_json: bool, datum) -> None:
    """Controleer een werkboek (.xlsx of map met CSV-bestanden) en meld elk probleem met zijn plek.

    \b
    Voorbeeld:
      opp check mijnschool/werkboek.xlsx
      opp check mijnschool/csv --json
    """
    from .werkboek.reader import check as check_werkboek

    report = check_werkboek(werkboek, as_date(datum))
    print_report(report, as_json)
    sys.exit(EXIT_OK if report.ok else EXIT_DATA)


@cli.command()
@click.option("--uit", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True,
              help="De map voor de JSON Schema-bestanden.")
def schema(uit: Path) -> None:
    """Schrijf het JSON Schema van de modellen (voor een LVS-export of ander programma).

    \b
    Voorbeeld:
      opp schema --uit schemas
    """
    from .schema import write_schemas

    for path in write_schemas(uit):
        click.echo(f"Geschreven: {path}")


def main() -> None:
    cli(prog_name="opp")
