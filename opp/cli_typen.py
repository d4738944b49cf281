"""The command line's own value types, with Dutch placeholders and errors that say what to type."""

from __future__ import annotations

import datetime as dt

import click

VORMEN = ("%d-%m-%Y", "%Y-%m-%d")  # as a Dutch user types it; ISO as programs write it


class Datum(click.ParamType):
    """A date typed as DD-MM-JJJJ (or JJJJ-MM-DD); a wrong one is answered with the form and an example,
    never with strptime's '%d-%m-%Y'."""

    name = "datum"

    def get_metavar(self, param, ctx) -> str:
        return "DD-MM-JJJJ"

    def convert(self, value, param, ctx) -> dt.date:
        if isinstance(value, dt.date):
            return value
        tekst = str(value).strip()
        for vorm in VORMEN:
            try:
                return dt.datetime.strptime(tekst, vorm).date()
            except ValueError:
                continue
        self.fail(f"'{value}' is geen geldige datum; schrijf DD-MM-JJJJ, bijvoorbeeld 12-03-2026.", param, ctx)
