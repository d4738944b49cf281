"""TLV dossiers for the samenwerkingsverband: the completeness check, the cover and the bundle."""

from .maken import DossierResultaat, maak_alle_dossiers, maak_dossier

__all__ = ["DossierResultaat", "maak_alle_dossiers", "maak_dossier"]
