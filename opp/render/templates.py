"""Finding templates (a school's own, else ours), checking them against the context, exporting ours."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path

from jinja2 import meta, nodes
from jinja2.utils import missing

from ..documenten import DOCUMENTEN
from ..problems import OppError
from .compiled import CompiledTemplate, TemplateFout, around, nearby_text
from .environment import make_environment
from .template_errors import unknown_name

TEMPLATE_NAMES = (*DOCUMENTEN, "brief")  # brief: the letter of the signing round (opp ronde brieven)


def default_template_dir() -> Path:
    return Path(str(resources.files("opp") / "templates"))


def template_path(name: str, own_dir: Path | None = None) -> Path:
    """The school's own template when it has one, else the default (missing ones fall back)."""
    if own_dir is not None:
        if Path(own_dir).is_file():
            raise OppError(f"'{own_dir}' is een bestand; --templates verwacht de map waarin de sjablonen staan "
                           f"(opp.docx, iop.docx, ...), bijvoorbeeld: --templates {Path(own_dir).parent}")
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
    """Problems of a (custom) template: names and fields the context does not provide, and render errors.

    Returns Dutch lines; empty when the template is fine. A template that does not compile raises TemplateFout.
    """
    path = Path(path)
    if path.is_dir():
        raise OppError(f"'{path}' is een map; geef één sjabloon op, bijvoorbeeld: "
                       f"opp templates check {path / 'opp.docx'}")
    if not path.is_file():
        raise OppError(f"'{path}' bestaat niet.")
    env = make_environment()
    compiled = CompiledTemplate(path, env)
    problems: list[str] = []
    for source in compiled.sources:
        tree = env.parse(source)
        for name in sorted(meta.find_undeclared_variables(tree) - set(sample_context) - set(env.globals)):
            lineno = next(n.lineno for n in tree.find_all(nodes.Name) if n.name == name)
            problems.append(_line(unknown_name(name, missing, "", sample_context, env.globals), source, lineno))
        problems.extend(_line(reden, source, lineno) for reden, lineno in _unknown_fields(tree, sample_context))
    problems = list(dict.fromkeys(problems))
    if not problems:
        try:
            compiled.render(sample_context)
        except TemplateFout as exc:
            problems.append(exc.regel)
    return problems


def _line(reden: str, source: str, lineno: int) -> str:
    plaats = around(nearby_text(source, lineno))
    return reden + (f" (rond «{plaats}»)" if plaats else "")


def _unknown_fields(tree: nodes.Template, context: Mapping) -> Iterator[tuple[str, int]]:
    """school.direkteur and the like, found without rendering: every dotted name that starts at a name of
    the context (not one the template sets itself) is followed through the sample context."""
    own = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    for node in tree.find_all(nodes.Getattr):
        chain: list[str] = []
        root: nodes.Expr = node
        while isinstance(root, nodes.Getattr):
            chain.append(root.attr)
            root = root.node
        if not isinstance(root, nodes.Name) or root.name in own or root.name not in context:
            continue
        value, path = context[root.name], root.name
        for attr in reversed(chain):
            if not isinstance(value, Mapping):
                break
            if attr not in value:
                yield unknown_name(attr, value, f"{path}.{attr}", context), node.lineno
                break
            value, path = value[attr], f"{path}.{attr}"
