"""Request handlers of the review UI.

Every handler is ``async`` and talks to SQLite directly: queries are small and local, and running
them on the event loop's thread means one connection is never shared between threads.
Handlers are wrapped by :func:`page` (must be signed in) or :func:`form_action` (signed in, right
role, same origin, valid CSRF token) so that no route can skip the checks.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from scanner import report as reports
from scanner.i18n import Messages
from scanner.output import describe_location
from scanner.web import auth, csrf, queries
from scanner.web.auth import User
from scanner.web.state import WebState
from scanner.web.templating import environment
from scanner.web.texts import TEXTS, category_label, text

SESSION_COOKIE = "saring_session"
LANG_COOKIE = "saring_lang"

Handler = Callable[..., Awaitable[Response]]


def state(request: Request) -> WebState:
    return request.app.state.saring


def lang_of(request: Request) -> str:
    chosen = request.cookies.get(LANG_COOKIE)
    return chosen if chosen in ("id", "en") else state(request).config.lang


def render(
    request: Request, template: str, status_code: int = 200, **values: Any
) -> HTMLResponse:
    lang = lang_of(request)
    msg = Messages(lang)
    context = {
        "request": request, "lang": lang, "t": lambda key: text(key, lang), "msg": msg,
        "where": lambda loc: describe_location(loc or {}, msg),
        "label": lambda entity_type: category_label(entity_type, lang),
        "user": request.scope.get("saring_user"), "csrf": request.scope.get("saring_csrf", ""),
        "path_name": lambda p: Path(p or "").name, "path": request.url.path,
        "query": request.url.query, "notice": _notice(request),
        **values,
    }
    body = environment().get_template(template).render(**context)
    return HTMLResponse(body, status_code=status_code)


def _notice(request: Request) -> str:
    """The confirmation shown after an action (?ok=release); unknown values show nothing."""
    value = request.query_params.get("ok", "")
    return value if f"done.{value}" in TEXTS else ""


def error(request: Request, key: str, status_code: int) -> HTMLResponse:
    message = text(key, lang_of(request))
    return render(request, "error.html", status_code=status_code, message=message)


def _signed_in(request: Request) -> User | None:
    found = auth.load_session(state(request).db(), request.cookies.get(SESSION_COOKIE))
    if found is None:
        return None
    request.scope["saring_user"], request.scope["saring_csrf"] = found
    return found[0]


def page(handler: Handler) -> Handler:
    """A page for signed-in users; anonymous visitors are sent to the login form."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        user = _signed_in(request)
        if user is None:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        return await handler(request, user)

    return wrapper


def form_action(handler: Callable[[Request, User, FormData], Awaitable[Response]]) -> Handler:
    """A state-changing POST: signed in (401), same origin and valid CSRF token (403), and a
    role that may act (403). The checks run before the handler sees the form."""

    @functools.wraps(handler)
    async def wrapper(request: Request) -> Response:
        user = _signed_in(request)
        if user is None:
            return error(request, "error.forbidden", 401)
        if not csrf.same_origin(request):
            return error(request, "error.csrf", 403)
        form = await request.form()
        if not csrf.token_matches(request.scope.get("saring_csrf"), form.get(csrf.FIELD)):
            return error(request, "error.csrf", 403)
        if not user.can_act:
            return error(request, "viewer_readonly", 403)
        return await handler(request, user, form)

    return wrapper


def _client_ip(request: Request) -> str:
    return request.client.host if request.client else "-"


def _local_next(value: str | None) -> str:
    """Only local paths are followed after login (no open redirect to another site)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/inbox"


def _set_cookie(request: Request, response: Response, name: str, value: str, **kw: Any) -> None:
    # Secure when configured, and always when the request itself came over HTTPS.
    secure = state(request).secure_cookies or request.url.scheme == "https"
    response.set_cookie(
        name, value, httponly=True, samesite="strict", secure=secure, path="/", **kw,
    )


# --- authentication ------------------------------------------------------------------------


async def login_form(request: Request) -> Response:
    token = request.cookies.get(csrf.LOGIN_COOKIE) or csrf.new_token()
    response = render(request, "login.html", login_csrf=token,
                      next=_local_next(request.query_params.get("next")))
    _set_cookie(request, response, csrf.LOGIN_COOKIE, token, max_age=3600)
    return response


async def login_submit(request: Request) -> Response:
    lang = lang_of(request)
    if not csrf.same_origin(request):
        return error(request, "error.csrf", 403)
    form = await request.form()
    if not csrf.token_matches(request.cookies.get(csrf.LOGIN_COOKIE), form.get(csrf.FIELD)):
        return error(request, "error.csrf", 403)
    name = str(form.get("username", "")).strip()[:64]
    password = str(form.get("password", ""))[:1024]
    target = _local_next(str(form.get("next", "")))
    db = state(request).db()
    token = request.cookies.get(csrf.LOGIN_COOKIE, "")
    if auth.is_rate_limited(db, name, _client_ip(request)):
        return render(request, "login.html", status_code=429, login_csrf=token, next=target,
                      failure=text("login.limited", lang))
    user = auth.authenticate(db, name, password, _client_ip(request))
    if user is None:
        return render(request, "login.html", status_code=401, login_csrf=token, next=target,
                      failure=text("login.failed", lang))
    session, _ = auth.create_session(db, user)
    response = RedirectResponse(target, status_code=303)
    _set_cookie(request, response, SESSION_COOKIE, session, max_age=auth.SESSION_HOURS * 3600)
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def logout(request: Request) -> Response:
    """Sign out: any role may, so it checks CSRF itself instead of using form_action."""
    user = _signed_in(request)
    if user is not None:
        form = await request.form()
        if not csrf.same_origin(request) or not csrf.token_matches(
            request.scope.get("saring_csrf"), form.get(csrf.FIELD)
        ):
            return error(request, "error.csrf", 403)
        auth.end_session(state(request).db(), request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


async def set_language(request: Request) -> Response:
    """Switch language (a preference cookie; not security relevant, so a plain GET link)."""
    chosen = request.query_params.get("to", "id")
    response = RedirectResponse(_local_next(request.query_params.get("next")), status_code=303)
    _set_cookie(request, response, LANG_COOKIE, chosen if chosen in ("id", "en") else "id",
                max_age=365 * 86400)
    return response


# --- pages ---------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    return RedirectResponse("/inbox", status_code=303)


@page
async def inbox(request: Request, user: User) -> Response:
    db = state(request).db()
    flt = queries.InboxFilter.from_query(request.query_params)
    files, total = queries.inbox(db, user, flt)
    params = {k: v for k, v in request.query_params.items() if k != "page"}
    pages = max((total + queries.PAGE_SIZE - 1) // queries.PAGE_SIZE, 1)
    return render(
        request, "inbox.html", files=files, total=total, flt=flt, facets=queries.facets(db, user),
        page_no=flt.page, pages=pages, page_query=lambda n: urlencode({**params, "page": n}),
    )


@page
async def file_detail(request: Request, user: User) -> Response:
    db = state(request).db()
    record = queries.get_file(db, user, int(request.path_params["file_id"]))
    if record is None:
        return error(request, "error.not_found", 404)
    history = queries.decisions(db, user, file_id=record["id"])
    return render(request, "file.html", file=record, history=history)


@page
async def audit_log(request: Request, user: User) -> Response:
    action = request.query_params.get("action", "")[:40]
    actor = request.query_params.get("actor", "").strip()[:64]
    entries = queries.decisions(state(request).db(), user, action=action, actor=actor)
    return render(request, "audit.html", entries=entries, action=action, actor=actor,
                  actions=("release", "confirm", "restore", "comment", "false_positive",
                           "true_positive"))


@page
async def users_page(request: Request, user: User) -> Response:
    if not user.is_admin:
        return error(request, "error.forbidden", 403)
    return render(request, "users.html", users=auth.list_users(state(request).db()))


def _period(request: Request) -> tuple[date, date] | None:
    today = datetime.now(UTC).date()
    try:
        start = date.fromisoformat(request.query_params.get("from") or
                                   (today - timedelta(days=365)).isoformat())
        end = date.fromisoformat(request.query_params.get("to") or today.isoformat())
    except ValueError:
        return None
    return (start, end) if start <= end else None


@page
async def report_page(request: Request, user: User) -> Response:
    period = _period(request)
    if period is None:
        return error(request, "error.period", 400)
    lang = lang_of(request)
    rep = reports.build_report(state(request).db(), *period, lang=lang, unit=user.unit or None)
    return render(request, "report.html", rep=rep, charts=reports.charts(rep),
                  verdicts=reports.VERDICTS, verdict_name=Messages(lang).verdict,
                  export_query=lambda fmt: urlencode({"from": rep.start, "to": rep.end,
                                                      "format": fmt}))


@page
async def report_export(request: Request, user: User) -> Response:
    period = _period(request)
    fmt = request.query_params.get("format", "html")
    if period is None or fmt not in reports.FORMATS:
        return error(request, "error.period", 400)
    rep = reports.build_report(state(request).db(), *period, lang=lang_of(request),
                               unit=user.unit or None)
    name = f"laporan-saring-{rep.start}-{rep.end}.{fmt}"
    response = Response(reports.render(rep, fmt), media_type=reports.MEDIA_TYPES[fmt])
    response.headers["content-disposition"] = f'attachment; filename="{name}"'
    if fmt == "html":
        # the exported document carries its CSS inline (it must work as a single file)
        response.headers["content-security-policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        )
    return response


# --- actions -------------------------------------------------------------------------------


def _back(file_id: int, notice: str) -> RedirectResponse:
    return RedirectResponse(f"/files/{file_id}?ok={notice}", status_code=303)


def _note(form: FormData, name: str) -> str:
    return str(form.get(name, "")).strip()[:2000]


async def _visible_file(request: Request, user: User) -> dict | None:
    return queries.get_file(state(request).db(), user, int(request.path_params["file_id"]))


def _action_error(request: Request, record: dict, message: str, status: int) -> HTMLResponse:
    history = queries.decisions(state(request).db(), request.scope["saring_user"],
                                file_id=record["id"])
    return render(request, "file.html", status_code=status, file=record, history=history,
                  failure=message)


@form_action
async def release(request: Request, user: User, form: FormData) -> Response:
    record = await _visible_file(request, user)
    if record is None:
        return error(request, "error.not_found", 404)
    justification = _note(form, "justification")
    if len(justification) < 10:
        return _action_error(request, record, text("error.justification", lang_of(request)), 400)
    try:
        from scanner import actions
    except ModuleNotFoundError:
        return _action_error(request, record, text("error.unavailable", lang_of(request)), 503)
    web = state(request)
    try:
        actions.release_file(web.config, web.store(), record["id"], user.name, justification)
    except actions.ActionError as exc:
        return _action_error(request, record, str(exc), 409)
    return _back(record["id"], "release")


@form_action
async def confirm(request: Request, user: User, form: FormData) -> Response:
    record = await _visible_file(request, user)
    if record is None:
        return error(request, "error.not_found", 404)
    try:
        from scanner import actions
    except ModuleNotFoundError:
        return _action_error(request, record, text("error.unavailable", lang_of(request)), 503)
    web = state(request)
    try:
        actions.confirm_file(web.config, web.store(), record["id"], user.name, _note(form, "note"))
    except actions.ActionError as exc:
        return _action_error(request, record, str(exc), 409)
    # A confirmed block is the reviewer saying "these are real": it feeds per-rule precision.
    db = web.db()
    with db.conn:
        db.execute("UPDATE findings SET is_leak = 1 WHERE file_id = ? AND is_leak IS NULL",
                   [record["id"]])
    return _back(record["id"], "confirm")


@form_action
async def comment(request: Request, user: User, form: FormData) -> Response:
    record = await _visible_file(request, user)
    if record is None:
        return error(request, "error.not_found", 404)
    note = _note(form, "note")
    if not note:
        return _action_error(request, record, text("error.comment", lang_of(request)), 400)
    state(request).store().add_decision(user.name, "comment", note, file_id=record["id"])
    return _back(record["id"], "comment")


async def _label(request: Request, user: User, form: FormData, is_leak: int) -> Response:
    web = state(request)
    finding = queries.get_finding(web.db(), user, int(request.path_params["finding_id"]))
    if finding is None:
        return error(request, "error.not_found", 404)
    note = _note(form, "note")
    store = web.store()
    db = web.db()
    with db.conn:
        db.execute("UPDATE findings SET is_leak = ? WHERE id = ?", [is_leak, finding["id"]])
    if is_leak == 0:
        # The same value by the same rule in the same file is not reported again.
        store.add_to_baseline(finding["fingerprint"], user.name, note)
    action = "true_positive" if is_leak else "false_positive"
    store.add_decision(user.name, action, note, file_id=finding["file_id"],
                       finding_id=finding["id"])
    return _back(finding["file_id"], action)


@form_action
async def false_positive(request: Request, user: User, form: FormData) -> Response:
    return await _label(request, user, form, 0)


@form_action
async def true_positive(request: Request, user: User, form: FormData) -> Response:
    return await _label(request, user, form, 1)
