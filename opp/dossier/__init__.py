"""TLV dossiers for the samenwerkingsverband: the completeness check, the cover and the bundle."""

from .maken import DossierResultaat, DossiersResultaat, maak_alle_dossiers, maak_dossier, maak_dossiers

__all__ = ["DossierResultaat", "DossiersResultaat", "maak_alle_dossiers", "maak_dossier", "maak_dossiers"]
