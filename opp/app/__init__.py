"""`opp app`: a local web page over the same library functions as the CLI, for staff who do not use a
terminal. app.py builds the ASGI app, bewaker.py guards it, server.py serves it."""

from .app import maak_app
from .server import serve

__all__ = ["maak_app", "serve"]
