"""The domain models: pydantic v2, Dutch field names, a description on every field."""

from .dossier import Leerlingdossier
from .enums import *  # noqa: F401,F403  (the choice lists are part of the model API)
from .kernteam import Kernteamaanmelding
from .leerling import Leerling, Uitstroomperspectief, Verzorger, leeftijd_op
from .plan import Doel, Factor, Ondersteuning, Onderwijsbehoefte, Traject
from .school import School
from .tlv import TlvAanvraag
from .toetsen import Toetsresultaat

__all__ = [
    "Doel", "Factor", "Kernteamaanmelding", "Leerling", "Leerlingdossier", "Onderwijsbehoefte", "Ondersteuning",
    "School", "TlvAanvraag", "Toetsresultaat", "Traject", "Uitstroomperspectief", "Verzorger", "leeftijd_op",
]
