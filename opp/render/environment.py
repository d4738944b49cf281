"""The one Jinja environment every document renders in.

Sandboxed: a school's own template cannot reach Python internals. Autoescaped: `O'Brien & Zn <b>` appears
literally and the document XML stays valid. Strict: a typo in a template is an error, never an empty field.
"""

from __future__ import annotations

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .formatting import LEEG, datum_nl, getal_nl, tekst


def make_environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["datum"] = datum_nl
    env.filters["getal"] = getal_nl
    env.filters["leeg"] = tekst
    env.globals["LEEG"] = LEEG
    return env
