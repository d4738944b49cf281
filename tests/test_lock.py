"""The lock (requirements-lock.txt) pins every dependency that pyproject.toml names, within pyproject's ranges, and
the README's install commands and .ci/run use it, so every machine installs the versions the suite passed with."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements-lock.txt"


def locked() -> dict[str, str]:
    """name -> pinned version, from the `name==version` lines of the lock."""
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if m := re.match(r"([A-Za-z0-9._-]+)==(\S+)", line):
            pins[canonicalize_name(m[1])] = m[2]
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(r) for r in [*project["dependencies"], *(r for rs in extras.values() for r in rs)]]


def test_the_lock_pins_every_dependency_within_its_range():
    pins = locked()
    assert pins, f"{LOCK} has no pins; regenerate it with: make lock"
    missing = [str(r) for r in declared() if canonicalize_name(r.name) not in pins]
    assert not missing, f"not in requirements-lock.txt: {', '.join(missing)}; regenerate it with: make lock"
    outside = [f"{r} (locked {pins[canonicalize_name(r.name)]})" for r in declared()
               if not r.specifier.contains(pins[canonicalize_name(r.name)], prereleases=True)]
    assert not outside, f"lock outside pyproject's range: {', '.join(outside)}; regenerate it with: make lock"


def test_readme_installs_with_the_lock_and_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    installs = [line for line in readme.splitlines() if line.startswith("pip install")]
    assert len(installs) == 2, installs  # the demo command and the test command
    assert all("-c requirements-lock.txt" in line for line in installs), installs
    test_command = next(line for line in installs if "pytest" in line)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.startswith(test_command) for line in ci.splitlines()), test_command
