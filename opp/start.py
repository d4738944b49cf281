"""`opp` as typed: for `opp render ... --pdf`, LibreOffice starts before opp has even read its command line.

An office takes about 0.3 s to start and opp about 0.2 s to import itself; started first, each office is up
by the time the first document is written, instead of after it. Nothing else happens here: the command line
itself (cli.py) reads the arguments, and starts the offices when it is reached another way (the tests).
"""

from __future__ import annotations

import sys


def maakt_pdf(args: list[str]) -> bool:
    """Whether these arguments will convert documents to PDF with one office per core. Only a plain reading:
    when in doubt (help, an explicit --jobs) the command starts its own offices as it always did."""
    woorden = [a for a in args if not a.startswith("-")]
    return (bool(woorden) and woorden[0] == "render" and "--pdf" in args
            and not {"-h", "--help"} & set(args) and not any(a.startswith("--jobs") for a in args))


def main() -> None:
    from .render.pdf_uno import voorgestart  # light: the standard library only

    with voorgestart(maakt_pdf(sys.argv[1:])):
        from .cli import main as cli_main

        cli_main()
