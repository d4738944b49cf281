"""The school report (`opp rapport`): counts and shares against the school's norms, deadlines, charts."""

from .maak import RapportResultaat, maak_rapport

__all__ = ["RapportResultaat", "maak_rapport"]
