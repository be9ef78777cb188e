"""CSRF protection: a synchronizer token in every form plus an Origin / Sec-Fetch-Site check.

Why both (as datasette's csrf.py and Django do): the token proves the form came from a page we
rendered for this session; the header check refuses cross-site requests even before the body is
read, and covers the login form, which has no session yet (it uses a short-lived pre-session
cookie whose value must be echoed in the form: double submit).
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

FIELD = "csrftoken"
LOGIN_COOKIE = "saring_login_csrf"


def same_origin(request: Request) -> bool:
    """False when the browser tells us the request comes from another site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True  # old browsers and non-browser clients; the token still has to match
    if origin == "null":
        return False
    # Host only, not the scheme: behind a TLS-terminating proxy the app sees http while the
    # browser says https. The session-bound token is checked as well in any case.
    return urlsplit(origin).netloc == request.headers.get("host", "")


def token_matches(expected: str | None, submitted: object) -> bool:
    if not expected or not isinstance(submitted, str) or not submitted:
        return False
    return secrets.compare_digest(expected.encode(), submitted.encode())


def new_token() -> str:
    return secrets.token_urlsafe(32)
