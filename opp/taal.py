"""Dutch counts in messages: '1 document', '2 documenten' (never '1 documenten' or 'document(en)')."""

from __future__ import annotations


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    return f"{n} {enkelvoud if n == 1 else meervoud}"
