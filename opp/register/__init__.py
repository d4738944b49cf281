"""The versions register: every document opp writes, with its version, status and content fingerprints.

db.py (the SQLite file and its lock), identiteit.py (the identity each document carries), vingerafdruk.py
(what counts as a change), plan.py (render's planning step), versies.py (`opp versies`).
"""

from .db import NAAM, Register, register_pad

__all__ = ["NAAM", "Register", "register_pad"]
