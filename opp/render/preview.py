"""A sample context from the demo class, to check a school's own template before a real run."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import computed_field

from ..data import demo_folder
from ..documenten import DOCUMENTEN
from ..invoer import open_invoer
from ..problems import Resultaat
from .compiled import TemplateFout
from .context import pupil_context
from .templates import check_template, default_template_dir

DEMO_DATUM = dt.date(2026, 11, 22)


def sample_context(document: str = "opp") -> dict:
    """The context a template of this kind receives, for the demo pupil with the most data."""
    context = copy.deepcopy(_sample("tlv" if document == "tlv" else "opp"))
    if document != "tlv":
        context["document_titel"] = DOCUMENTEN.get(document, DOCUMENTEN["opp"]).titel
    return context


@lru_cache(maxsize=2)
def _sample(kind: str) -> dict:
    """Read once per process: a render with --templates checks every template against it first."""
    with open_invoer(demo_folder() / "werkboek.xlsx", DEMO_DATUM) as invoer:
        dossiers = invoer.bruikbare_dossiers()
        if kind == "tlv":
            from ..dossier.maken import voorbeeld_context

            nr = next(d.leerlingnummer for d in dossiers if d.tlv)
            return voorbeeld_context(invoer, nr)
        dossier = max(dossiers, key=lambda d: (bool(d.kernteam), len(d.doelen) + len(d.factoren) + len(d.toetsen)))
        context = pupil_context(dossier, invoer.vereis_bruikbaar(), DEMO_DATUM, invoer.settings)
        return context | {"wijzigingen": _voorbeeld_wijzigingen(context)}


def _voorbeeld_wijzigingen(context: dict) -> dict | None:
    """The what-changed section as if the parents had agreed to a version without the last goal: so a
    template's check also follows what is inside `{% if wijzigingen %}` (register/plan.py fills it)."""
    from ..register.db import Instemming
    from ..register.momentopname import momentopname
    from .wijzigingen_tekst import wijzigingen_sectie

    nu = momentopname("opp", context)
    if not nu or not nu["doelen"]:
        return None
    eerder = nu | {"doelen": nu["doelen"][:-1]}
    instemming = Instemming(context["leerling"]["leerlingnummer"], "opp", 1, "voorbeeld", "akkoord",
                            DEMO_DATUM - dt.timedelta(days=30))
    return wijzigingen_sectie(instemming, DEMO_DATUM - dt.timedelta(days=45), eerder, nu, context["leerling"]["mentor"])


def check_template_against_demo(template: Path) -> list[str]:
    """A template named tlv*.docx is checked against the TLV cover's context, brief*.docx against the letter's
    of the signing round, any other against the pupil's."""
    stem = Path(template).stem.lower()
    if stem.startswith("brief"):
        return check_template(template, sample_brief_context())
    kind = "tlv" if stem.startswith("tlv") else "opp"
    return check_template(template, sample_context(kind))


@lru_cache(maxsize=1)
def _sample_brief() -> dict:
    from ..ronde.brieven import voorbeeld_brief_context

    with open_invoer(demo_folder() / "werkboek.xlsx", DEMO_DATUM) as invoer:
        return voorbeeld_brief_context(invoer)


def sample_brief_context() -> dict:
    return copy.deepcopy(_sample_brief())


class SjabloonControle(Resultaat):
    """`opp templates check`: a template's problems, one Dutch line each. Its JSON is this model dumped."""

    sjabloon: Path
    problemen: list[str]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ok(self) -> bool:
        return not self.problemen


def controleer_sjabloon(template: Path) -> SjabloonControle:
    return SjabloonControle(sjabloon=Path(template), problemen=check_template_against_demo(template))


def check_own_templates(paths: Iterable[Path]) -> None:
    """Every template of the school's own, checked before a run writes anything: a broken one stops it whole."""
    ours = default_template_dir().resolve()
    for path in dict.fromkeys(Path(p) for p in paths):
        if path.resolve().parent == ours:
            continue
        problems = check_template_against_demo(path)
        if problems:
            more = f"; en nog {len(problems) - 1} {'probleem' if len(problems) == 2 else 'problemen'}" \
                if len(problems) > 1 else ""
            raise TemplateFout(path, f"{problems[0]}{more}; er is daarom niets geschreven")
