"""Dutch for click's own texts (Usage, Options, errors), so every line a user reads is Dutch.

click looks its texts up through gettext in each module; we give those modules a lookup in this table.
Unknown texts fall back to click's English. The help's placeholders are not gettext texts: the usage line
('[OPTIONS]', 'COMMAND [ARGS]...'), the types' names ('TEXT', 'INTEGER') and a range ('1<=x<=64') are
put into Dutch here too, for every command, also the ones added later.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

NL = {
    "%(prog)s, version %(version)s": "%(prog)s, versie %(version)s",
    "Aborted!": "Afgebroken.",
    "Commands": "Opdrachten",  # as the usage line says: opp [OPTIES] OPDRACHT
    "Options": "Opties",
    "Usage:": "Gebruik:",
    "Show the version and exit.": "Toon de versie en stop.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Error: {message}": "Fout: {message}",
    "Try '{command} {option}' for help.": "Probeer '{command} {option}' voor hulp.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "Ongeldige waarde: {message}",
    "Missing argument": "Ontbrekend argument",
    "Missing option": "Ontbrekende optie",
    "Missing parameter": "Ontbrekende waarde",
    "Missing command.": "Geef een opdracht.",
    "Missing {param_type}": "{param_type} ontbreekt",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option {name!r}.": "Onbekende optie {name!r}.",
    "Option {name!r} does not take a value.": "Optie {name!r} neemt geen waarde.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} vraagt {nargs} waarden.",
    "{value!r} is not a valid {number_type}.": "{value!r} is geen geldig {number_type}.",
    "{value} is not in the range {range}.": "{value} ligt niet in het bereik {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} bestaat niet.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} is een map.",
    "{name} {filename!r} is a file.": "{name} {filename!r} is een bestand.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} is niet leesbaar.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} is niet schrijfbaar.",
    "default: {default}": "standaard: {default}",
    "file": "bestand",
    "directory": "map",
    "path": "pad",
    "integer": "geheel getal",
    "Choose from:\n\t{choices}": "Kies uit:\n\t{choices}",
    "{value!r} is not one of {choices}.": "{value!r} is geen van {choices}.",
    "{value!r} is not {choice}.": "{value!r} is niet {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} past niet bij het formaat {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} past niet bij de formaten {formats}.",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Missing argument {param_hint}.": "Argument {param_hint} ontbreekt.",
    "Missing option {param_hint}.": "Optie {param_hint} ontbreekt.",
    "Missing {param_type} {param_hint}.": "{param_type} {param_hint} ontbreekt.",
    "Missing parameter {param_hint}.": "Waarde {param_hint} ontbreekt.",
    "Option {name!r} requires an argument.": "Optie {name!r} vraagt een waarde.",
    "Option {name!r} requires {nargs} arguments.": "Optie {name!r} vraagt {nargs} waarden.",
    "No such option: {name}": "Onbekende optie: {name}",
    "No such option: {name!r}": "Onbekende optie: {name!r}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
}

# The usage line's pieces, as click writes them.
USAGE = {
    "[OPTIONS]": "[OPTIES]",
    "COMMAND [ARGS]...": "OPDRACHT [ARGUMENTEN]...",
    "[COMMAND] [ARGS]...": "[OPDRACHT] [ARGUMENTEN]...",
}

# A type's name is both its placeholder in the help (upper case) and a word in click's errors
# ("'x' is geen geldig geheel getal"); the placeholder of a number is just GETAL.
TYPENAMEN = {
    click.types.StringParamType: "tekst",
    click.types.IntParamType: "geheel getal",
    click.types.IntRange: "geheel getal",
    click.types.FloatParamType: "getal",
    click.types.FloatRange: "getal",
    click.types.BoolParamType: "ja of nee",
    click.types.File: "bestand",
}
PLAATSHOUDERS = {"tekst": "TEKST", "geheel getal": "GETAL", "getal": "GETAL", "ja of nee": "JA|NEE",
                 "bestand": "BESTAND"}
# strptime's codes as a Dutch user reads a form: '%d-%m-%Y' -> 'DD-MM-JJJJ'.
VORMCODES = {"%d": "DD", "%m": "MM", "%Y": "JJJJ", "%H": "UU", "%M": "mm", "%S": "ss"}


def _gettext(message: str) -> str:
    return NL.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def _bereik(self) -> str:
    """A range as Dutch help and errors say it: 'van 1 tot en met 64', 'vanaf 1'."""
    onder = None if self.min is None else f"{self.min}" if not self.min_open else f"meer dan {self.min}"
    boven = None if self.max is None else (f"tot en met {self.max}" if not self.max_open else f"onder {self.max}")
    if onder is None:
        return boven or ""
    if boven is None:
        return f"vanaf {self.min}" if not self.min_open else onder
    return f"van {onder} {boven}"


def _plaatshouder(self, param, ctx) -> str | None:
    return PLAATSHOUDERS.get(self.name)


def _vorm(formaat: str) -> str:
    for code, vorm in VORMCODES.items():
        formaat = formaat.replace(code, vorm)
    return formaat


def _datum_plaatshouder(self, param, ctx) -> str:
    return "|".join(_vorm(f) for f in self.formats)


def _datum_convert(origineel):
    """A click.DateTime that does not parse answers with the forms to type, not strptime's codes."""
    def convert(self, value, param, ctx):
        try:
            return origineel(self, value, param, ctx)
        except click.BadParameter:
            vormen = " of ".join(_vorm(f) for f in self.formats)
            self.fail(f"{value!r} is geen geldige datum; schrijf {vormen}.", param, ctx)
    return convert


def _usage(origineel):
    def collect_usage_pieces(self, ctx):
        return [USAGE.get(stuk, stuk) for stuk in origineel(self, ctx)]
    return collect_usage_pieces


def install() -> None:
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.termui,
                   click.types):
        for name, vertaling in (("_", _gettext), ("ngettext", _ngettext)):
            if hasattr(module, name):  # not every click version imports both into every module
                setattr(module, name, vertaling)
    if getattr(click.core.Command, "_opp_nl", False):  # once: the usage wrappers must not stack
        return
    click.core.Command._opp_nl = True  # type: ignore[attr-defined]
    for cls in (click.core.Command, click.core.Group):
        cls.collect_usage_pieces = _usage(cls.__dict__["collect_usage_pieces"])  # type: ignore[method-assign]
    for soort, naam in TYPENAMEN.items():
        soort.name = naam
    click.types.ParamType.get_metavar = _plaatshouder  # type: ignore[method-assign]
    click.types._NumberRangeBase._describe_range = _bereik  # type: ignore[method-assign]
    click.types.DateTime.get_metavar = _datum_plaatshouder  # type: ignore[method-assign]
    click.types.DateTime.convert = _datum_convert(click.types.DateTime.convert)  # type: ignore[method-assign]
