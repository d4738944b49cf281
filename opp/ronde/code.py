"""The code on every page to sign: opaque, short enough to type, with a check character.

A code is random (it carries nothing personal: no name, no date of birth, no number of the pupil); what it
stands for (round, pupil, document, version, signer) is kept on the tracker row it was made for, in the
hidden column 'Code'. People type it as `K7QM-4XW2-T` (Crockford's base32: no I, L, O or U, and the
letters people confuse are read as the digits they look like); the QR code holds `OPP:` and the same
characters without dashes.
"""

from __future__ import annotations

import secrets

ALFABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
_VERWARRING = str.maketrans({"O": "0", "I": "1", "L": "1"})
LENGTE = 8  # random characters: 40 bits, plenty for a school's rounds
QR_VOORVOEGSEL = "OPP:"
# The QR code on the letter's own pages (not the pages to sign): the same on every letter, nothing personal.
# It is no code (too short), so it can never be taken for a page to sign.
BRIEFPAGINA = "OPP:BRIEF"


def _controle(tekens: str) -> str:
    """One check character over the alphabet: any single wrong character shows, because every weight is
    odd and so has an inverse modulo 32."""
    som = sum((2 * i + 1) * ALFABET.index(t) for i, t in enumerate(tekens))
    return ALFABET[som % len(ALFABET)]


def nieuwe_code() -> str:
    """A fresh code in its canonical form: LENGTE random characters and the check character, no dashes."""
    tekens = "".join(secrets.choice(ALFABET) for _ in range(LENGTE))
    return tekens + _controle(tekens)


def leesbaar(code: str) -> str:
    """As printed under the QR code and typed by people: 'K7QM-4XW2-T'."""
    return f"{code[:4]}-{code[4:LENGTE]}-{code[LENGTE:]}"


def qr_inhoud(code: str) -> str:
    return QR_VOORVOEGSEL + code


def lees_code(tekst: str) -> str | None:
    """The canonical code in what a person typed or a QR code held; None when it is not a valid code
    (wrong length, a character outside the alphabet, or a check character that does not match)."""
    tekst = tekst.strip().upper()
    if tekst.startswith(QR_VOORVOEGSEL):
        tekst = tekst[len(QR_VOORVOEGSEL):]
    tekst = "".join(t for t in tekst if t not in "- ").translate(_VERWARRING)
    if len(tekst) != LENGTE + 1 or any(t not in ALFABET for t in tekst):
        return None
    return tekst if _controle(tekst[:LENGTE]) == tekst[LENGTE] else None
