"""Finding templates (a school's own, else ours), checking them against the context, exporting ours."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from jinja2 import meta

from ..documenten import DOCUMENTEN
from ..problems import OppError
from .compiled import CompiledTemplate
from .environment import make_environment

TEMPLATE_NAMES = tuple(DOCUMENTEN)


def default_template_dir() -> Path:
    return Path(str(resources.files("opp") / "templates"))


def template_path(name: str, own_dir: Path | None = None) -> Path:
    """The school's own template when it has one, else the default (missing ones fall back)."""
    if own_dir is not None:
        if not Path(own_dir).is_dir():
            raise OppError(f"De sjablonenmap '{own_dir}' bestaat niet. Maak haar met: opp templates export {own_dir}")
        candidate = Path(own_dir) / f"{name}.docx"
        if candidate.is_file():
            return candidate
    path = default_template_dir() / f"{name}.docx"
    if not path.is_file():
        raise OppError(f"Het standaardsjabloon '{name}.docx' ontbreekt in de installatie. Installeer opp opnieuw.")
    return path


def export_templates(folder: Path, force: bool = False) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TEMPLATE_NAMES:
        source = default_template_dir() / f"{name}.docx"
        if not source.is_file():
            continue
        target = folder / source.name
        if target.exists() and not force:
            raise OppError(f"'{target}' bestaat al en wordt niet overschreven (gebruik --force).")
        shutil.copyfile(source, target)
        written.append(target)
    return written


def check_template(path: Path, sample_context: dict) -> list[str]:
    """Problems of a (custom) template: variables the context does not provide, and render errors.

    Returns Dutch lines; empty when the template is fine. A template that does not compile raises OppError.
    """
    path = Path(path)
    if not path.is_file():
        raise OppError(f"'{path}' bestaat niet.")
    env = make_environment()
    compiled = CompiledTemplate(path, env)
    used = meta.find_undeclared_variables(env.parse(compiled.source_xml))
    problems = [f"de variabele '{name}' bestaat niet (beschikbaar: {', '.join(sorted(sample_context))})"
                for name in sorted(used - set(sample_context))]
    if not problems:
        try:
            compiled.render(sample_context)
        except OppError as exc:
            problems.append(exc.bericht)
    return problems
