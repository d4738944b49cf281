"""Package data: the demo class of a fictitious praktijkschool (built by scripts/make_demo.py)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def demo_folder() -> Path:
    """The folder holding the demo werkboek.xlsx, opp.toml and bijlagen/ (read-only package data)."""
    # The package is installed as plain files (never zipped), so the resource is a real folder.
    return Path(str(files(__package__) / "demo"))
