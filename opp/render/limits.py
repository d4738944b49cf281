"""The limits a template renders under: time, repetitions, sizes.

A school's own template (or a typo in one) must not hang or flood opp. The budget of one render lives
in a context variable; the environment counts every loop step and call against it, and refuses values
that would grow past a cap before Python allocates them. Every breach raises `LimitExceeded`, a Jinja
error, so it reaches the user as a template error with the template and the place.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2.exceptions import TemplateRuntimeError

RENDER_SECONDS = 5.0  # one document; ours take milliseconds
MAX_STEPS = 1_000_000  # loop steps and calls per document
MAX_RANGE = 100_000  # as Jinja's own sandbox
MAX_OUTPUT = 20_000_000  # characters of one rendered part (document.xml, a header)
MAX_SIZE = 20_000_000  # characters or items of any value a template makes
MAX_INT_BITS = 100_000  # about 30,000 digits
# A format width or precision of eight digits or more ('%99999999d', '{:>99999999}') allocates that much.
_WIDE_FORMAT = re.compile(r"[%:][-+ #0<>^=,_]*\d{8,}|\.\d{8,}")


class LimitExceeded(TemplateRuntimeError):
    """A template went past one of the limits; the message is the Dutch reason."""


class Budget:
    __slots__ = ("deadline", "steps", "seconds", "output", "over")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.steps = 0
        self.output = 0
        self.over = False  # output past the cap: raised at the next step, inside the template, with a place

    def step(self) -> None:
        self.steps += 1
        if self.over:
            raise LimitExceeded(f"het document wordt groter dan {MAX_OUTPUT // 1_000_000} MB")
        if self.steps > MAX_STEPS:
            raise LimitExceeded(f"het sjabloon herhaalt meer dan {MAX_STEPS:,} keer (een lus in een lus?)"
                                .replace(",", "."))
        if time.monotonic() > self.deadline:
            unit = "seconde" if self.seconds == 1 else "seconden"
            raise LimitExceeded(f"het sjabloon doet er langer dan {self.seconds:g} {unit} over "
                                "(een lus die te vaak draait?)")


_current: ContextVar[Budget | None] = ContextVar("opp_template_budget", default=None)


@contextmanager
def budget(seconds: float | None = None) -> Iterator[Budget]:
    current = Budget(RENDER_SECONDS if seconds is None else seconds)
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


def step() -> None:
    current = _current.get()
    if current is not None:
        current.step()


def count_output(pieces: Iterator[str]) -> str:
    """Join the rendered pieces; past the cap the template is stopped at its next step (so the error has a
    place), and at twice the cap here, whatever it is doing."""
    current = _current.get()
    out, size = [], 0
    for piece in pieces:
        size += len(piece)
        if size > MAX_OUTPUT:
            if current is None or size > 2 * MAX_OUTPUT:
                raise LimitExceeded(f"het document wordt groter dan {MAX_OUTPUT // 1_000_000} MB")
            current.over = True
        out.append(piece)
    return "".join(out)


def check_value(value: object) -> object:
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
        if len(value) > MAX_SIZE:
            raise _too_big()
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise LimitExceeded("een getal in het sjabloon wordt te groot")
    return value


def check_args(args: tuple, kwargs: dict) -> None:
    """Refuse a huge width or count before Python allocates it ('a'.center(10**9))."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise LimitExceeded("een getal in het sjabloon is te groot")


def check_format(spec: object) -> None:
    """A format string used as one (the format filter, str.format, %): its widths allocate too."""
    if isinstance(spec, str) and _WIDE_FORMAT.search(spec):
        raise LimitExceeded("een opmaak in het sjabloon is te breed")


def check_binop(operator: str, left: object, right: object) -> None:
    if operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_SIZE:
                raise _too_big()
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise LimitExceeded("een getal in het sjabloon wordt te groot")
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and \
                right * abs(left).bit_length() > MAX_INT_BITS:
            raise LimitExceeded("een getal in het sjabloon wordt te groot")
    elif operator == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) and \
                len(left) + len(right) > MAX_SIZE:
            raise _too_big()
    elif operator == "%":
        check_format(left)


def safe_range(*args: int) -> range:
    check_args(args, {})
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise LimitExceeded(f"range() mag hoogstens {MAX_RANGE:,} stappen hebben".replace(",", "."))
    return r


def _too_big() -> LimitExceeded:
    return LimitExceeded(f"een tekst of lijst in het sjabloon wordt te groot (meer dan {MAX_SIZE:,} tekens)"
                         .replace(",", "."))
