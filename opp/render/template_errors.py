"""What went wrong in a template, said in Dutch: Jinja's and Python's English never reaches the user.

A misspelt name gets the nearest names the context does have ("bedoelt u: school.directeur?").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from jinja2 import Environment
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError
from jinja2.utils import missing

from .environment import OtherFileTag, UnknownName
from .limits import LimitExceeded

_TOKENS = {
    "end of print statement": "}}", "end of statement block": "%}", "end of template": "het einde van het sjabloon",
    "name": "een naam", "string": "een tekst", "integer": "een getal", "float": "een getal", "end of comment": "#}",
    "begin of print statement": "{{", "begin of statement block": "{%", "operator": "een teken",
}
_PYTHON = {
    ZeroDivisionError: "er wordt door nul gedeeld",
    RecursionError: "een macro of lus roept zichzelf te vaak aan",
    MemoryError: "het sjabloon vraagt te veel geheugen",
    OverflowError: "een getal in het sjabloon is te groot",
    TypeError: "de soorten waarden passen niet bij elkaar (bijvoorbeeld tekst en een getal, of iets dat geen lijst is)",
    ValueError: "een waarde past niet bij wat ermee gedaan wordt",
    IndexError: "een element van een lijst bestaat niet",
    KeyError: "een element bestaat niet",
}


def _token(text: str) -> str:
    return _TOKENS.get(text, f"'{text}'")


def reason(exc: BaseException, nearby: str, context: Mapping | None, env: Environment) -> str:
    """The Dutch reason of a template failure; `nearby` is the template text around it, to find a dotted name."""
    if isinstance(exc, UnknownName):
        return unknown_name(exc.name, exc.obj, nearby, context or {}, env.globals)
    if isinstance(exc, (LimitExceeded, OtherFileTag)):
        return str(exc.message)
    if isinstance(exc, SecurityError):
        m = re.search(r"attribute '([^']+)'", str(exc))
        if m:
            return f"'{m.group(1)}' is in een sjabloon niet toegestaan (alleen de gegevens die opp levert)"
        return "dit is in een sjabloon niet toegestaan (alleen de gegevens die opp levert)"
    if isinstance(exc, TemplateSyntaxError):
        return _syntax(str(exc.message or ""), env)
    if isinstance(exc, TemplateError):
        message = str(exc.message or "")
        m = re.match(r"[Nn]o (filter|test) named '([^']+)'", message)
        if m:
            return _no_filter(m.group(1), m.group(2), env)
        return "een code in het sjabloon kan niet worden uitgevoerd"
    for kind, text in _PYTHON.items():
        if isinstance(exc, kind):
            return text
    return "een code in het sjabloon kan niet worden uitgevoerd"


def _syntax(message: str, env: Environment) -> str:
    if m := re.match(r"unexpected char '(.+)' at \d+", message):
        return f"het teken {m.group(1)!r} hoort niet in een {{{{ }}}}- of {{% %}}-code"
    if m := re.search(r"innermost block that needs to be closed is '(\w+)'", message):
        block = m.group(1)
        if message.startswith("Encountered unknown tag"):
            tag = message.split("'")[1]
            return (f"{{% {tag} %}} staat op een plek waar eerst {{% {block} %}} gesloten moet worden "
                    f"met {{% end{block} %}}")
        return f"{{% {block} %}} wordt nergens gesloten: er ontbreekt een {{% end{block} %}}"
    if m := re.match(r"Encountered unknown tag '(\w+)'", message):
        return f"{{% {m.group(1)} %}} bestaat niet als code (wel: if, for, set, macro en hun end...)"
    if m := re.match(r"[Nn]o (filter|test) named '([^']+)'", message):
        return _no_filter(m.group(1), m.group(2), env)
    if m := re.match(r"expected token '(.+?)', got '(.+?)'", message):
        return f"hier hoort {_token(m.group(1))}, maar er staat {_token(m.group(2))}"
    if m := re.match(r"unexpected end of template", message):
        return "het sjabloon houdt op terwijl een code nog niet is afgesloten"
    if m := re.match(r"unexpected '(.+?)'", message):
        return f"{_token(m.group(1))} staat hier niet op zijn plaats"
    return "de schrijfwijze van een {{ }}- of {% %}-code klopt niet"


def _no_filter(kind: str, name: str, env: Environment) -> str:
    what, known = ("het filter", env.filters) if kind == "filter" else ("de test", env.tests)
    return f"{what} '{name}' bestaat niet" + _suggest(name, known)


def unknown_name(name, obj, nearby: str, context: Mapping, known: Iterable[str] = ()) -> str:
    if obj is missing:
        return f"de variabele '{name}' bestaat niet" + _suggest(str(name), [*context, *known])
    if not isinstance(name, str):
        return f"element {name!r} bestaat niet"
    prefix = _prefix(name, nearby)
    shown = f"{prefix}{name}" if prefix else str(name)
    candidates = [str(k) for k in obj] if isinstance(obj, Mapping) else []
    if not candidates:
        return f"'{shown}' bestaat niet"
    return f"'{shown}' bestaat niet" + _suggest(str(name), candidates, prefix)


def _prefix(name: str, nearby: str) -> str:
    """'school.' for 'direkteur' when the template around the error says school.direkteur."""
    m = re.search(r"((?:[A-Za-z_]\w*\.)+)" + re.escape(name) + r"\b", nearby)
    return m.group(1) if m else ""


def _suggest(name: str, candidates: Iterable[str], prefix: str = "") -> str:
    candidates = sorted(set(candidates))
    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
    if close:
        return "; bedoelt u: " + " of ".join(prefix + c for c in close) + "?"
    if candidates and len(candidates) <= 30:
        return f" (wel beschikbaar: {', '.join(prefix + c for c in candidates)})"
    return ""
