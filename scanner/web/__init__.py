"""The compliance officers' review UI: login, inbox, file detail, actions, audit log, reports.

Served by ``saring serve`` through :func:`scanner.web.app.create_app`. No JavaScript is needed:
every page is plain server-rendered HTML, so the UI works offline and under a strict CSP.
"""
