"""The review UI's ASGI application: ``create_app(config)``, mounted at ``/`` by ``saring serve``.

Why security headers in a middleware: every response — pages, errors, exports, static files —
gets them, including ones a future route forgets. The CSP allows no scripts at all: the UI needs
none, and an injected ``<script>`` cannot run. The referrer policy is ``same-origin``, not
``no-referrer``: with the latter Chromium sends ``Origin: null`` on form posts, which the CSRF
origin check must refuse.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scanner.config import Config
from scanner.resources import data_dir
from scanner.web import views
from scanner.web.state import WebState, secure_cookies_setting

_HEADERS = {
    b"content-security-policy": (
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'"
    ),
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    b"cache-control": b"no-store",
}


class SecurityHeaders:
    """Adds the headers above unless the route set its own (an HTML export sets its CSP)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _HEADERS.items() if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def routes() -> list[Route | Mount]:
    return [
        Route("/", views.home),
        Route("/login", views.login_form, methods=["GET"]),
        Route("/login", views.login_submit, methods=["POST"]),
        Route("/logout", views.logout, methods=["POST"]),
        Route("/lang", views.set_language, methods=["GET"]),
        Route("/inbox", views.inbox, methods=["GET"]),
        Route("/files/{file_id:int}", views.file_detail, methods=["GET"]),
        Route("/files/{file_id:int}/release", views.release, methods=["POST"]),
        Route("/files/{file_id:int}/confirm", views.confirm, methods=["POST"]),
        Route("/files/{file_id:int}/comment", views.comment, methods=["POST"]),
        Route("/findings/{finding_id:int}/false-positive", views.false_positive,
              methods=["POST"]),
        Route("/findings/{finding_id:int}/true-positive", views.true_positive, methods=["POST"]),
        Route("/audit", views.audit_log, methods=["GET"]),
        Route("/report", views.report_page, methods=["GET"]),
        Route("/report/export", views.report_export, methods=["GET"]),
        Route("/users", views.users_page, methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(data_dir("reports") / "static")),
              name="static"),
    ]


def create_app(config: Config) -> Starlette:
    """Build the UI for ``config`` (its ``db`` and ``salt_file`` are the findings store)."""
    app = Starlette(routes=routes(), middleware=[Middleware(SecurityHeaders)])
    app.state.saring = WebState(config=config, secure_cookies=secure_cookies_setting(config))
    # Create the UI tables now, so that a misconfigured database fails at start, not at login.
    app.state.saring.store()
    return app
