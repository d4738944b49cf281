"""What every page shares: the Jinja environment (autoescaping, templates from the package), the page
frame, and one place that turns a library failure into a page (never a traceback, never a log line)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path

import jinja2
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from ..problems import OppError, WerkboekOnbruikbaar, schijf_vol
from ..render.formatting import datum_nl
from ..taal import aantal
from .werkmap import Werkmap

PAGINAS = [("werkboek", "Werkboek"), ("documenten", "Documenten"), ("ondertekening", "Ondertekening"),
           ("tlv", "TLV"), ("rapport", "Rapport")]


def _omgeving() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("opp.app", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(paginas=PAGINAS, aantal=aantal)
    env.filters["datum"] = datum_nl
    env.filters["naam"] = lambda pad: Path(str(pad)).name
    env.filters["kort"] = _kort
    return env


@jinja2.pass_context
def _kort(context, tekst) -> str:
    """A library line with the working folder's own path left out: 'output/2026-2027/...' as on the CLI."""
    return str(tekst).replace(context["werkmap_pad"], "")


TEMPLATES = Jinja2Templates(env=_omgeving())


def static_map() -> str:
    return str(resources.files("opp.app") / "static")


def werkmap(request: Request) -> Werkmap:
    return request.app.state.werkmap


def toon(request: Request, template: str, status: int = 200, **context) -> Response:
    """A page in the frame: navigation, the working folder, the CSRF token for its forms."""
    wm = werkmap(request)
    context.setdefault("melding", None)
    context.setdefault("fout", None)
    context.setdefault("onbruikbaar", None)
    return TEMPLATES.TemplateResponse(request, template, {
        "csrf": request.app.state.csrf, "werkmap": wm.map.name, "werkmap_pad": f"{wm.map}/",
        "werkboek": wm.werkboek.name if wm.werkboek else None, **context}, status_code=status)


Pagina = Callable[[Request], Awaitable[Response]]


def pagina(naam: str):
    """A route whose library failures become its own page with the message: an unusable workbook with its
    located problems (as every CLI command shows them), an OppError as its one Dutch line."""
    def decorate(route: Pagina) -> Pagina:
        @functools.wraps(route)
        async def wrapper(request: Request) -> Response:
            try:
                return await route(request)
            except HTTPException:  # 403/404/413: the app's own answers
                raise
            except WerkboekOnbruikbaar as exc:
                return toon(request, "fout.html", 422, actief=naam, onbruikbaar=exc)
            except OppError as exc:
                return toon(request, "fout.html", 400, actief=naam, fout=exc.bericht)
            except Exception as exc:  # our own failure: one line on the page, nothing in a log
                vol = schijf_vol(exc, werkmap(request).uitvoer)
                return toon(request, "fout.html", 500, actief=naam, fout=vol.bericht if vol else (
                    f"Onverwachte fout ({type(exc).__name__}). Probeer het opnieuw; blijft het misgaan, doe "
                    "hetzelfde met de opdrachtregel en --debug en meld de uitvoer aan de ontwikkelaars."))
        return wrapper
    return decorate
