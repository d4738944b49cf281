"""Reading a posted form: its CSRF token first (403 without it), then its fields. Every POST route reads
its form here, and a test posts to every POST route without the token."""

from __future__ import annotations

import hmac

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request

from .bewaker import TeGroot

VELD = "csrf"


async def formulier(request: Request, max_files: int = 1) -> FormData:
    """The form of a POST, or 403 when its CSRF token is missing or wrong (413 when the body is too large)."""
    try:
        form = await request.form(max_files=max_files, max_fields=2000)
    except TeGroot:
        raise HTTPException(413) from None
    verwacht: str = request.app.state.csrf
    gegeven = form.get(VELD)
    if not isinstance(gegeven, str) or not hmac.compare_digest(gegeven.encode(), verwacht.encode()):
        await form.close()
        raise HTTPException(403)
    return form
