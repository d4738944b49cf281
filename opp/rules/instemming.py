"""Consent follows the content (domain.md, 'The plan's life'): facts about versions and instemming.

- Instemming is given to a handelingsdeel as it was presented: a version whose handelingsdeel fingerprint
  equals that of the version a signer agreed to needs no new consent (a phone number changed); any other
  change, or a version we cannot compare, does.
- A handelingsdeel has the consent it needs when every signer whose instemming it asks agreed and nobody
  refused; with 'één ouder volstaat' one parent's agreement stands for the parents (not for the pupil of 18
  or a legal representative).
Pure functions; the tracker, the register and the report each say it in their own words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .signers import Rol

AKKOORD = "akkoord"
NIET_AKKOORD = "niet akkoord"


def zelfde_handelingsdeel(eerder: str | None, later: str | None) -> bool:
    """True when two versions present the same handelingsdeel (both fingerprints known and equal)."""
    return eerder is not None and eerder == later


def is_ouder(ondertekenaar: str) -> bool:
    """Is this signer key (Ondertekenaar.sleutel) a parent's?"""
    return ondertekenaar.startswith(f"{Rol.OUDER.name}:")


def heeft_instemming(nodig: Iterable[str], besluiten: Mapping[str, str], een_ouder_volstaat: bool) -> bool:
    """Whether a handelingsdeel has the consent it needs.

    `nodig`: the signer keys whose instemming it asks; `besluiten`: signer key -> 'akkoord' or 'niet akkoord'
    given to this handelingsdeel. Nobody to ask (no signer known) is never consent."""
    nodig = list(nodig)
    if not nodig or any(besluiten.get(k) == NIET_AKKOORD for k in nodig):
        return False
    ouders = [k for k in nodig if is_ouder(k)]
    anderen = [k for k in nodig if not is_ouder(k)]
    if not all(besluiten.get(k) == AKKOORD for k in anderen):
        return False
    akkoord = sum(besluiten.get(k) == AKKOORD for k in ouders)
    return akkoord >= (min(1, len(ouders)) if een_ouder_volstaat else len(ouders))
