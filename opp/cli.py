"""The command line: one thin command per verb. Each parses arguments, calls one library function and
formats its result. Library errors become one Dutch line and an exit code here, in one place."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import warnings
from collections.abc import Iterable
from pathlib import Path

import click

from . import cli_nl
from .cli_typen import Datum
from .documenten import PER_LEERLING
from .problems import OppError, Report, WerkboekOnbruikbaar, schijf_vol
from .taal import aantal
from .waarschuwingen import toon as toon_waarschuwing

cli_nl.install()

EXIT_OK, EXIT_DATA, EXIT_FAILURE = 0, 1, 2


class OppGroup(click.Group):
    """Maps library failures to one clear line and exit 2; --debug shows the traceback."""

    def invoke(self, ctx: click.Context):
        with warnings.catch_warnings():  # library warnings as one Dutch line each, for this command only
            warnings.showwarning = toon_waarschuwing(lambda: bool(ctx.obj and ctx.obj.get("debug")))
            return self._invoke(ctx)

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except WerkboekOnbruikbaar as exc:  # a problem in the data: the same answer from every command
            if ctx.obj and ctx.obj.get("debug"):
                raise
            print_onbruikbaar(exc, bool(ctx.meta.get(JSON_KEY)))
            ctx.exit(EXIT_DATA)
        except OppError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.secho(f"Fout: {exc.bericht}", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # whoever read the output stopped reading (`opp check ... | head`): not a bug
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor a complaint at exit
            ctx.exit(EXIT_FAILURE)
        except Exception as exc:  # a bug of ours: say so, without a traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            bestand = getattr(exc, "filename", None)
            vol = schijf_vol(exc, Path(bestand).parent if bestand else Path.cwd())
            if vol is not None:  # a full disk that no writer of ours caught: still one clear line
                click.secho(f"Fout: {vol.bericht}", err=True, fg="red")
                ctx.exit(EXIT_FAILURE)
            click.secho(
                f"Onverwachte fout ({type(exc).__name__}). Draai het commando opnieuw met --debug en meld "
                "de uitvoer aan de ontwikkelaars (zonder leerlinggegevens).", err=True, fg="red")
            ctx.exit(EXIT_FAILURE)


JSON_KEY = "opp.json"  # in ctx.meta (shared by every context of a run): the error handler answers in JSON too


def _remember_json(ctx: click.Context, param, value: bool) -> bool:
    ctx.meta[JSON_KEY] = value
    return value


def json_option(f):
    return click.option("--json", "as_json", is_flag=True, callback=_remember_json,
                        help="Uitvoer als JSON (voor andere programma's).")(f)


def print_onbruikbaar(exc: WerkboekOnbruikbaar, as_json: bool) -> None:
    """An unusable workbook: its located problems, then what to do."""
    if as_json:
        click.echo(json.dumps(exc.report.to_dict(), ensure_ascii=False, indent=2))
        return
    for issue in exc.problemen:
        click.echo(f"        fout  {issue}  [{issue.code}]", err=True)
    click.secho(f"Het werkboek '{exc.bron}' is niet bruikbaar: er is niets gemaakt of veranderd. Herstel de "
                f"fouten hierboven; alle problemen ziet u met: opp check {exc.bron}", err=True, fg="red", bold=True)


def datum_option(help_text: str):
    def decorate(f):
        return click.option("--datum", type=Datum(), default=None,
                            help=help_text + " (dd-mm-jjjj; standaard vandaag).")(f)
    return decorate


def open_invoer(werkboek: Path, datum: dt.date | None, meld_geopend: bool = True, alleen_controle: bool = False):
    """The command's one input (imported here, not at start-up: `opp --help` stays quick). A workbook open
    in Excel is said on stderr by every command (check lists it in its report instead)."""
    from .invoer import open_invoer as _open_invoer

    invoer = _open_invoer(werkboek, datum, alleen_controle=alleen_controle)
    for issue in invoer.report.waarschuwingen if meld_geopend else []:
        if issue.code == "werkboek-geopend":
            click.secho(f"Let op: {issue}", err=True, fg="yellow")
    return invoer


def as_date(value) -> dt.date | None:
    """The --datum option as a date; None lets the library decide (today, in opp.invoer)."""
    return value.date() if isinstance(value, dt.datetime) else value


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
        click.echo(f"... en nog {aantal(report.weggelaten, 'probleem', 'problemen')} (niet getoond).")
    click.secho(report.samenvatting, fg="green" if report.ok else "red", bold=True)


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
    with open_invoer(werkboek, as_date(datum), meld_geopend=False, alleen_controle=True) as invoer:
        report = invoer.report
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


# --- documents --------------------------------------------------------------------------------------------

def _progress(label: str, total: int):
    """A progress bar when there are more than a few documents and someone watches; silent otherwise."""
    if total <= 5 or not sys.stderr.isatty():
        return _NullBar()
    return click.progressbar(length=total, label=label, file=sys.stderr)


class _NullBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n: int) -> None:
        pass


def render_with_progress(invoer, **kwargs):
    """Run render() with progress bars for the documents and, with --pdf, for the conversion."""
    from .render.documents import aantal_taken
    from .render.documents import render as render_documents

    totaal = aantal_taken(invoer, kwargs["documenten"])
    with _progress("Documenten", totaal) as bar, _progress("PDF", totaal if kwargs.get("pdf") else 0) as pdf_bar:
        return render_documents(invoer, progress=bar.update, pdf_progress=pdf_bar.update, **kwargs)


def print_render_result(result, as_json: bool) -> int:
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        for nr, issues in result.overgeslagen.items():
            click.secho(f"Overgeslagen: leerling {nr}", fg="yellow")
            for issue in issues:
                click.echo(f"        fout  {issue}  [{issue.code}]")
        for issue in result.waarschuwingen:
            click.secho(f"waarschuwing  {issue}  [{issue.code}]", fg="yellow")
        if result.register_melding:
            click.secho(result.register_melding, fg="yellow")
        if result.pdf_melding:
            click.secho(result.pdf_melding, fg="yellow")
        if result.pdf_verwijderd:
            weg = len(result.pdf_verwijderd)
            click.secho(f"{aantal(weg, 'oude PDF', 'oude PDF' + chr(39) + 's')} verwijderd, omdat "
                        f"{'het document is' if weg == 1 else 'de documenten zijn'} vervangen; maak nieuwe met --pdf.",
                        fg="yellow")
        for pad in result.pdf_mislukt:
            click.secho(f"PDF mislukt: {pad}", fg="red")
        summary = f"{aantal(len(result.geschreven), 'document', 'documenten')} geschreven in {result.uit}"
        if result.ongewijzigd:
            summary += f", {len(result.ongewijzigd)} ongewijzigd (niet opnieuw geschreven{_elders(result)})"
        if result.hersteld:
            summary += f", waarvan {len(result.hersteld)} hersteld (het bestand ontbrak)"
        if result.pdf:
            summary += ", " + aantal(len(result.pdf), "PDF", "PDF's")
        if result.overgeslagen:
            summary += (f"; {aantal(len(result.overgeslagen), 'leerling', 'leerlingen')} overgeslagen door fouten "
                        "in het werkboek (zie hierboven)")
        if result.uitgeschreven:
            click.echo(f"Uitgeschreven, dus geen documenten: {', '.join(result.uitgeschreven)} "
                       "(maak ze toch met --leerling NUMMER)")
        if result.niet_van_toepassing and not result.geschreven and not result.ongewijzigd:  # say why nothing
            click.secho(f"Niets gemaakt: {aantal(result.niet_van_toepassing, 'document is', 'documenten zijn')} niet "
                        "van toepassing (een aanmelding kernteam alleen voor een leerling met een rij op het blad "
                        "Kernteam).", fg="yellow")
        click.secho(summary, fg="green" if result.ok else "yellow", bold=True)
    return EXIT_OK if result.ok else EXIT_DATA


def _elders(result) -> str:
    """Where unchanged documents are kept when that is outside the folder asked for: a document is written once
    per version, so `--uit ANDERE_MAP` writes nothing that has not changed, and the summary says where it is."""
    uit = Path(result.uit).resolve()
    elders = [p for p in result.ongewijzigd if not p.resolve().is_relative_to(uit)]
    if not elders:
        return ""
    waar = os.path.commonpath([str(p.parent) for p in elders])
    if len(elders) == len(result.ongewijzigd):
        return f"; {'het staat' if len(elders) == 1 else 'ze staan'} al in {waar}"
    return f"; {len(elders)} daarvan {'staat' if len(elders) == 1 else 'staan'} al in {waar}"


DOCUMENT_CHOICES = click.Choice([*PER_LEERLING, "alle"], case_sensitive=False)


@cli.command()
@werkboek_argument
@click.option("--document", "documenten", type=DOCUMENT_CHOICES, multiple=True, default=["alle"], show_default=True,
              help="Welk document; herhaal de optie voor meer.")
@click.option("--leerling", "leerlingen", multiple=True, metavar="NR",
              help="Alleen deze leerling (leerlingnummer); herhaalbaar.")
@click.option("--klas", "klassen", multiple=True, metavar="KLAS", help="Alleen deze klas; herhaalbaar.")
@click.option("--uit", type=click.Path(path_type=Path), default=None,
              help="De map voor de documenten (standaard output/<schooljaar>/<klas>/).")
@click.option("--templates", type=click.Path(path_type=Path), default=None,
              help="Een map met eigen sjablonen (opp.docx, iop.docx, kernteam.docx); ontbrekende komen van opp.")
@click.option("--force", is_flag=True, help="Vervang ook documenten die niet in het register staan.")
@click.option("--pdf", is_flag=True, help="Maak ook een PDF naast elk document (LibreOffice).")
@click.option("--jobs", type=click.IntRange(1, 64), default=None, metavar="N",
              help="Aantal processen (standaard: aantal kernen).")
@datum_option("De datum van de documenten")
@json_option
def render(werkboek: Path, documenten, leerlingen, klassen, uit, templates, force, pdf, jobs, datum, as_json) -> None:
    """Maak het OPP, IOP en de aanmelding kernteam per leerling (.docx, met --pdf ook PDF).

    \b
    Voorbeelden:
      opp render werkboek.xlsx
      opp render werkboek.xlsx --document opp --klas "PrO 2B" --pdf
      opp render werkboek.xlsx --leerling 20240117 --uit brieven --force
    """
    from .render.pdf_uno import voorgestart

    gekozen = PER_LEERLING if "alle" in [d.lower() for d in documenten] else [d.lower() for d in documenten]
    # With --pdf the offices start first: their start-up overlaps reading the workbook and writing.
    with voorgestart(pdf, jobs), open_invoer(werkboek, as_date(datum)) as invoer:
        result = render_with_progress(invoer, documenten=gekozen, leerlingen=leerlingen, klassen=klassen, uit=uit,
                                      templates=templates, force=force, pdf=pdf, jobs=jobs)
    sys.exit(print_render_result(result, as_json))


@cli.command()
@click.argument("werkboek", type=click.Path(path_type=Path), required=False, default=Path("werkboek.xlsx"))
@click.option("--leerling", "leerlingen", multiple=True, metavar="NR",
              help="Alleen deze leerling (leerlingnummer); herhaalbaar.")
@json_option
def versies(werkboek: Path, leerlingen, as_json: bool) -> None:
    """Toon de versies van elk document uit het register naast het werkboek: versie, datum, status, wie
    instemde en wanneer, en het bestand.

    \b
    Voorbeeld:
      opp versies mijnschool/werkboek.xlsx
      opp versies mijnschool/werkboek.xlsx --leerling 20240117 --json
    """
    from .register.versies import versies as register_versies

    with open_invoer(werkboek, None) as invoer:
        result = register_versies(invoer, leerlingen)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    if result.melding:
        click.secho(result.melding, fg="yellow")
    for regel in tabel_versies(result.versies):
        click.echo(regel)
    n = len(result.versies)
    click.secho(f"{n} {'versie' if n == 1 else 'versies'} in {result.registerbestand}", bold=True)


def tabel_versies(versies) -> list[str]:
    from .render.formatting import datum_nl

    rijen = [("Leerling", "Document", "Versie", "Datum", "Status", "Instemming", "Bestand")]
    rijen += [(v.leerlingnummer, v.document.upper(), str(v.versie), datum_nl(v.datum), v.status,
               instemming_tekst(v.instemming), v.bestand) for v in versies]
    breedte = [max(len(r[i]) for r in rijen) for i in range(6)]
    return ["  ".join(c.ljust(breedte[i]) for i, c in enumerate(r[:6])) + "  " + r[6] for r in rijen]


def instemming_tekst(instemming) -> str:
    """'ouder mw. A. Jansen, 3 oktober 2026; ...' ('-' when nobody answered yet)."""
    from .render.formatting import datum_nl

    delen = []
    for i in instemming:
        tekst = f"{i.rol} {i.naam}" + (" (niet akkoord)" if i.besluit != "akkoord" else "")
        delen.append(f"{tekst}, {datum_nl(i.datum)}" if i.datum else tekst)
    return "; ".join(delen) or "-"


@cli.command()
@click.option("--uit", type=click.Path(path_type=Path), default=Path("output") / "demo", show_default=True,
              help="De map voor alles wat de demo maakt.")
@click.option("--pdf", is_flag=True, help="Maak ook PDF's (LibreOffice).")
@datum_option("De datum van de documenten")
def demo(uit: Path, pdf: bool, datum) -> None:
    """Maak alles voor de demoklas van een fictieve praktijkschool: documenten, ondertekenlijst, rapport, dossiers.

    \b
    Voorbeeld:
      opp demo
    """
    from .demo import run_demo

    outcome = run_demo(uit, pdf=pdf, datum=as_date(datum), progress_factory=_progress)
    code = print_render_result(outcome.documenten, as_json=False)
    for line in outcome.regels:
        click.echo(line)
    click.secho(f"Klaar. Alles staat in {uit}/", fg="green", bold=True)
    sys.exit(code)


@cli.group()
def templates() -> None:
    """Eigen sjablonen: controleren en de standaardsjablonen exporteren."""


@templates.command("check")
@click.argument("template", type=click.Path(path_type=Path))
@json_option
def templates_check(template: Path, as_json: bool) -> None:
    """Controleer een eigen sjabloon: gebruikt het alleen variabelen die opp levert?

    \b
    Voorbeeld:
      opp templates check mijnsjablonen/opp.docx
    """
    from .render.preview import controleer_sjabloon

    controle = controleer_sjabloon(template)
    problems = controle.problemen
    if as_json:
        click.echo(json.dumps(controle.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in problems:
            click.echo(f"        fout  {line}")
        click.secho(f"{template}: " + ("in orde" if not problems else
                                       f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}"),
                    fg="green" if not problems else "red", bold=True)
    sys.exit(EXIT_OK if not problems else EXIT_DATA)


@templates.command("export")
@click.argument("map", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overschrijf bestaande sjablonen in de map.")
def templates_export(map: Path, force: bool) -> None:
    """Kopieer de standaardsjablonen naar een map, om zelf aan te passen in Word.

    \b
    Voorbeeld:
      opp templates export mijnsjablonen
      opp render werkboek.xlsx --templates mijnsjablonen
    """
    from .render.templates import export_templates

    for path in export_templates(map, force):
        click.echo(f"Geschreven: {path}")


@cli.command()
@werkboek_argument
@click.option("--tracker", type=click.Path(path_type=Path), default=None,
              help="De ondertekenlijst (.xlsx): meld ook handtekeningen die te lang uitblijven.")
@datum_option("De datum waarop termijnen worden bepaald")
@click.option("--uit", type=click.Path(path_type=Path), default=None,
              help="De map voor rapport.xlsx en de grafieken (standaard output/<schooljaar>/rapport/).")
@json_option
@click.option("--anoniem", is_flag=True, help="Laat de vertrouwelijke lijsten met namen weg (om te delen).")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand rapport.")
def rapport(werkboek: Path, tracker, datum, uit, as_json: bool, anoniem: bool, force: bool) -> None:
    """Maak het schoolrapport: uitstroom, ondersteuningslijnen tegen de normen, doelen en termijnen.

    Schrijft rapport.xlsx (met Excel-grafieken) en dezelfde grafieken als PNG. De bladen met aantallen
    noemen geen leerlingen; de lijsten met namen staan op bladen 'Vertrouwelijk'.

    \b
    Voorbeelden:
      opp rapport mijnschool/werkboek.xlsx
      opp rapport mijnschool/werkboek.xlsx --tracker output/2026-2027/ondertekening.xlsx --datum 01-03-2027
      opp rapport mijnschool/werkboek.xlsx --anoniem --uit voor-het-swv
    """
    from .rapport import maak_rapport

    with open_invoer(werkboek, as_date(datum)) as invoer:
        resultaat = maak_rapport(invoer, uit, tracker=tracker, anoniem=anoniem, force=force)
    _toon(resultaat, as_json, resultaat.samenvatting, ok=not resultaat.overgeslagen)


@cli.group()
def ronde() -> None:
    """De ondertekenronde op papier: brieven met de te tekenen pagina's eruit, getekende pagina's terug per scan."""


@ronde.command("brieven")
@werkboek_argument
@click.option("--tracker", "tracker_pad", type=click.Path(path_type=Path), default=None,
              help="De tracker (.xlsx); standaard output/<schooljaar>/ondertekening.xlsx.")
@click.option("--uit", type=click.Path(path_type=Path), default=None,
              help="De map voor de brieven (standaard output/<schooljaar>/ronde/).")
@click.option("--leerling", "leerlingen", multiple=True, help="Alleen deze leerling (leerlingnummer); herhaalbaar.")
@click.option("--klas", "klassen", multiple=True, help="Alleen deze klas; herhaalbaar.")
@click.option("--verstuurd", is_flag=True, help="Vul 'Verstuurd op' in de tracker in (nooit over een getypte datum).")
@click.option("--templates", type=click.Path(path_type=Path), default=None,
              help="Een map met een eigen brief.docx; anders die van opp.")
@datum_option("De datum van de brieven: leeftijden en de inleverdatum tellen vanaf die dag")
@json_option
def ronde_brieven(werkboek: Path, tracker_pad, uit, leerlingen, klassen, verstuurd: bool, templates, datum,
                  as_json: bool) -> None:
    """Maak een brief voor iedereen die nog moet tekenen, met de pagina('s) om te tekenen (QR-code en code).

    Schrijft één PDF om dubbelzijdig te printen (op klas en naam; elke brief begint op een oneven pagina),
    één PDF per ondertekenaar en voor wie een e-mailadres heeft een e-mailconcept (.eml) om zelf te versturen.
    Nieuwe codes komen in de verborgen kolom 'Code' van de tracker.

    \b
    Voorbeeld:
      opp ronde brieven mijnschool/werkboek.xlsx
      opp ronde brieven mijnschool/werkboek.xlsx --klas "PrO 2A" --verstuurd
    """
    from .ronde.brieven import maak_brieven

    with open_invoer(werkboek, as_date(datum)) as invoer:
        result = maak_brieven(invoer, tracker_pad, uit, leerlingen, klassen, verstuurd=verstuurd, templates=templates)
    _toon(result, as_json)


# `opp ronde scan` / `opp ronde ontvangen` (signed pages back) follow.


@ronde.command("scan")
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="SCAN.PDF...")
@click.option("--tracker", "tracker_pad", type=click.Path(path_type=Path), default=None,
              help="De tracker (.xlsx); standaard die van het laatste schooljaar in output/.")
@datum_option("De dag van de scan: die komt in 'Ontvangen op'")
@json_option
def ronde_scan(pdfs, tracker_pad, datum, as_json: bool) -> None:
    """Lees de getekende pagina's terug die het kopieerapparaat scande en vul 'Ontvangen op' in.

    Elke herkende pagina komt als PDF in de map van de leerling; pagina's die niet te herkennen zijn,
    komen samen in één PDF naast de tracker. Een datum die al in de tracker staat, blijft staan.
    Exitcode 0: alles herkend; 1: er is iets met de hand te doen.

    \b
    Voorbeeld:
      opp ronde scan retour.pdf
      opp ronde scan scan1.pdf scan2.pdf --tracker output/2026-2027/ondertekening.xlsx --json
    """
    from .invoer import vandaag as _vandaag
    from .ronde.scan import scan
    from .tracker import zoek_tracker

    _toon(scan(list(pdfs), tracker_pad or zoek_tracker(), as_date(datum) or _vandaag()), as_json)


@ronde.command("ontvangen")
@click.argument("code")
@click.option("--tracker", "tracker_pad", type=click.Path(path_type=Path), default=None,
              help="De tracker (.xlsx); standaard die van het laatste schooljaar in output/.")
@datum_option("De dag van ontvangst: die komt in 'Ontvangen op'")
@json_option
def ronde_ontvangen(code: str, tracker_pad, datum, as_json: bool) -> None:
    """Vul 'Ontvangen op' in voor één getypte code, van een pagina waarvan de QR-code onleesbaar is.

    \b
    Voorbeeld:
      opp ronde ontvangen K7QM-4XW2-T
    """
    from .invoer import vandaag as _vandaag
    from .ronde.scan import ontvangen
    from .tracker import zoek_tracker

    _toon(ontvangen(code, tracker_pad or zoek_tracker(), as_date(datum) or _vandaag()), as_json)


def _toon(resultaat, as_json: bool, regels: Iterable[str] | None = None, ok: bool | None = None) -> None:
    """A library result as JSON (--json: equal to the library's result) or as its summary lines, then the exit
    code: 0 when it is ok, 1 when the data had problems."""
    if as_json:
        click.echo(json.dumps(resultaat.to_dict(), ensure_ascii=False, indent=2))
    else:
        for regel in resultaat.samenvatting() if regels is None else regels:
            click.echo(regel)
    sys.exit(EXIT_OK if (resultaat.ok if ok is None else ok) else EXIT_DATA)


@cli.group()
def tracker() -> None:
    """De ondertekenronde: een Excel-lijst waarin het secretariaat bijhoudt wie heeft getekend."""


@tracker.command("sync")
@werkboek_argument
@click.option("--tracker", "tracker_pad", type=click.Path(path_type=Path), default=None,
              help="De tracker (.xlsx); standaard output/<schooljaar>/ondertekening.xlsx.")
@datum_option("De datum van de ronde: leeftijden tellen op die dag")
@json_option
def tracker_sync(werkboek: Path, tracker_pad, datum, as_json: bool) -> None:
    """Maak of werk de tracker bij: één rij per leerling, document en ondertekenaar.

    Wat in de tracker is getypt (datums, besluit, opmerkingen, eigen kolommen) blijft altijd bewaard.
    Vóór elke wijziging komt er een backup naast de tracker. Elke rij hoort bij een versie uit het register;
    wat over instemming is getypt, gaat naar het register.

    \b
    Voorbeeld:
      opp tracker sync mijnschool/werkboek.xlsx
      opp tracker sync mijnschool/werkboek.xlsx --datum 01-10-2026 --tracker ronde.xlsx
    """
    from .tracker import sync_tracker

    with open_invoer(werkboek, as_date(datum)) as invoer:
        result = sync_tracker(invoer, tracker_pad)
    _toon(result, as_json)


@tracker.command("status")
@click.option("--tracker", "tracker_pad", type=click.Path(path_type=Path), default=None,
              help="De tracker (.xlsx); standaard die van het laatste schooljaar in output/.")
@datum_option("De datum waarop 'te laat' wordt bepaald")
@json_option
def tracker_status(tracker_pad, datum, as_json: bool) -> None:
    """Toon per klas hoeveel handtekeningen nodig, verstuurd, getekend en te laat zijn, wie te laat is en wie
    opnieuw moet tekenen omdat het handelingsdeel is veranderd.

    Rekent met wat in de tracker is getypt (zoals Excel het toont).

    \b
    Voorbeeld:
      opp tracker status
      opp tracker status --tracker output/2026-2027/ondertekening.xlsx --json
    """
    from .invoer import vandaag as _vandaag
    from .tracker import tracker_overzicht

    overzicht = tracker_overzicht(tracker_pad, as_date(datum) or _vandaag())
    if as_json:
        click.echo(json.dumps(overzicht.to_dict(), ensure_ascii=False, indent=2))
    else:
        for regel in overzicht.samenvatting():
            click.echo(regel)


@cli.command()
@werkboek_argument
@click.option("--leerling", "leerlingnummer", default=None, metavar="NR", help="Het leerlingnummer van de leerling.")
@click.option("--alle", is_flag=True, help="Elke leerling met een rij op het blad TLV.")
@click.option("--uit", type=click.Path(path_type=Path), default=None,
              help="De map voor de dossiers (standaard output/<schooljaar>/tlv/).")
@click.option("--pdf", is_flag=True, help="Maak ook één PDF per dossier, met een bladwijzer per onderdeel.")
@datum_option("De datum van de aanvraag: leeftijden en actualiteit tellen op die dag")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand dossier.")
@click.option("--templates", type=click.Path(path_type=Path), default=None,
              help="Een map met eigen sjablonen (tlv.docx, opp.docx); ontbrekende komen van opp.")
@json_option
def dossier(werkboek: Path, leerlingnummer, alle: bool, uit, pdf: bool, datum, force: bool, templates,
            as_json: bool) -> None:
    """Stel het TLV-dossier samen voor het samenwerkingsverband: controle, voorblad, OPP en bijlagen.

    Controleert de aanvraag tegen de checklist van zijn soort (pro of vso, eerste of verlenging), toont
    voor pro de landelijke criteria als indicatie en zet een map met voorblad, OPP en bijlagen klaar,
    met een zip ernaast (en met --pdf één PDF). Exitcode 0: compleet; 1: er ontbreekt iets (het dossier
    is wel gemaakt en gemarkeerd als onvolledig); 2: fout van het programma.

    \b
    Voorbeelden:
      opp dossier mijnschool/werkboek.xlsx --leerling 20240117
      opp dossier mijnschool/werkboek.xlsx --alle --pdf
      opp dossier mijnschool/werkboek.xlsx --alle --json
    """
    from .dossier import maak_dossier, maak_dossiers
    from .dossier.uitvoer import regels_dossier, samenvatting, slotregel, tabel

    if alle == (leerlingnummer is not None):
        raise click.UsageError("Kies --leerling NR of --alle.")
    invoer = open_invoer(werkboek, as_date(datum))
    with invoer:
        if alle:
            alle_resultaten = maak_dossiers(invoer, uit, pdf=pdf, force=force, templates=templates)
            resultaten = alle_resultaten.dossiers
        else:
            resultaten = [maak_dossier(invoer, leerlingnummer, uit, pdf=pdf, force=force, templates=templates)]
    if alle:
        if as_json:
            click.echo(json.dumps(alle_resultaten.to_dict(), ensure_ascii=False, indent=2))
        else:
            for regel in tabel(resultaten):
                click.echo(regel)
            for r in resultaten:
                for melding in r.meldingen:
                    click.secho(f"{r.leerlingnummer}: {melding}", fg="yellow")
            if resultaten:
                click.secho(samenvatting(resultaten, str(werkboek)), bold=True,
                            fg="green" if all(r.compleet for r in resultaten) else "yellow")
    else:
        if as_json:
            click.echo(json.dumps(resultaten[0].to_dict(), ensure_ascii=False, indent=2))
        else:
            for regel in regels_dossier(resultaten[0]):
                click.echo(regel)
            click.secho(slotregel(resultaten[0]), fg="green" if resultaten[0].compleet else "yellow", bold=True)
    if any(r.pdf_mislukt for r in resultaten):
        sys.exit(EXIT_FAILURE)
    sys.exit(EXIT_OK if all(r.compleet for r in resultaten) else EXIT_DATA)



@cli.command()
@click.argument("map", type=click.Path(path_type=Path), required=False, default=Path("."))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Het adres om op te luisteren; een ander dan 127.0.0.1 maakt de app bereikbaar voor anderen.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="De poort (standaard: een vrije).")
@click.option("--geen-browser", is_flag=True, help="Open de browser niet vanzelf.")
def app(map: Path, host: str, port: int, geen_browser: bool) -> None:
    """Open de app in de browser: werkboek controleren, documenten maken, ondertekening, TLV en rapport.

    Toont het adres met een geheime sleutel; stoppen met Ctrl+C.

    \b
    Voorbeeld:
      opp app mijnschool
    """
    from .app import serve

    serve(map, host=host, port=port, browser=not geen_browser, meld=click.echo)

def main() -> None:
    cli(prog_name="opp")
