"""``saring serve``: the HTTP API for CMS upload hooks (Starlette + uvicorn).

Endpoints: ``POST /api/v1/scan`` (multipart field ``file``, or the raw body with the name in
``?filename=`` / ``X-Filename``) answers with the same JSON as ``saring scan --format json``
(always masked); ``GET /healthz``; ``GET /metrics`` (Prometheus text). The compliance officers'
review UI (``scanner.web``) is mounted at ``/`` when installed; these routes come first.

Why the upload is written to a private temp dir and deleted in ``finally``: extraction needs a
file path (libmagic, the isolated extraction worker), but an upload hook sees documents that may
be full of personal data; nothing of them may remain after the answer unless ``keep_uploads`` is
configured. Why 429 before 503: a CMS can retry a 429 (``Retry-After``) at once, while 503
means this request waited too long or the service is stopping.
"""

from __future__ import annotations

import hmac
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import anyio
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route

from scanner.config import Config
from scanner.output import to_json
from scanner.watch.config import ServeSettings
from scanner.watch.logs import JsonLog
from scanner.watch.metrics import Metrics

_ERRORS: dict[str, tuple[str, str]] = {
    "unauthorized": ("Token tidak valid atau tidak ada (Authorization: Bearer …).",
                     "Missing or invalid token (Authorization: Bearer …)."),
    "too_large": ("Berkas melebihi batas {mb} MB.", "File exceeds the {mb} MB limit."),
    "busy": ("Server sedang penuh; coba lagi sebentar.", "Server busy; retry shortly."),
    "timeout": ("Pemindaian tidak selesai tepat waktu; coba lagi nanti.",
                "The scan did not finish in time; retry later."),
    "no_file": ("Tidak ada berkas: kirim multipart field 'file' atau isi badan permintaan.",
                "No file: send multipart field 'file' or the raw request body."),
    "bad_form": ("Formulir multipart tidak valid.", "Invalid multipart form."),
    "internal": ("Kesalahan internal; lihat log server.", "Internal error; see the server log."),
}


class _TooLargeError(Exception):
    pass


def _safe_name(name: str | None) -> str:
    """A file name usable on disk (keeps the extension, which helps type detection)."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    base = re.sub(r"[^\w.\- ()]+", "_", base)[:120].lstrip(".")
    return base or "upload.bin"


class ScanService:
    """One shared :class:`Scanner`, a bounded number of scans at once, per-thread stores."""

    def __init__(self, config: Config, settings: ServeSettings, scanner: Any,
                 log: JsonLog | None = None):
        self.config = config
        self.settings = settings
        self.scanner = scanner
        self.log = log or JsonLog()
        self.metrics = Metrics("saring_api")
        self.tokens = [t.encode() for t in settings.all_tokens()]
        self.limiter = anyio.CapacityLimiter(settings.max_concurrent)
        self.in_flight = 0
        self.running = 0
        self._running_lock = threading.Lock()
        self.stopping = False
        self._local = threading.local()
        self.scan_id = 0
        self.metrics.gauges["requests_in_flight"] = lambda: {
            "running": self.running, "waiting": max(0, self.in_flight - self.running)}
        self.metrics.gauges["watch_queue_depth"] = self._watch_queue
        if settings.record:
            self.scan_id = self._store().start_scan("api", scanner.tool_info)
            if scanner.suppress is None:
                scanner.suppress = self._suppress

    def msg(self, key: str, **values: Any) -> str:
        return _ERRORS[key][1 if self.config.lang == "en" else 0].format(**values)

    def _store(self) -> Any:
        store = getattr(self._local, "store", None)
        if store is None:
            from scanner.store import Store
            from scanner.watch.schema import ensure_schema

            store = Store(self.config.db, self.config.salt_file)
            ensure_schema(store.db)
            self._local.store = store
        return store

    def _suppress(self, path: str, finding: Any) -> bool:
        suppress = getattr(self._local, "suppress", None)
        if suppress is None:
            suppress = self._local.suppress = self._store().suppressor()
        return bool(suppress(path, finding))

    def _watch_queue(self) -> dict[str, float]:
        """Depth of the watch daemon's queue when it shares this database."""
        if not self.settings.record:
            return {}
        try:
            rows = self._store().db.execute(
                "SELECT state, count(*) FROM jobs WHERE state IN ('pending', 'running') "
                "GROUP BY state").fetchall()
        except Exception:  # noqa: BLE001 - metrics must never fail the scrape
            return {}
        return {"pending": 0, "running": 0, **dict(rows)}

    def authorized(self, request: Request) -> bool:
        if not self.tokens:
            return True  # only allowed on a loopback address (checked in serve())
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return False
        given = token.strip().encode()
        # compare_digest against every token (no early exit that would leak which one matched)
        return sum(hmac.compare_digest(given, t) for t in self.tokens) > 0

    def scan_path(self, path: Path, display: str) -> dict[str, Any]:
        """Runs in a worker thread: scan, record, keep a copy if configured."""
        result = self.scanner.scan_file(path, display_path=display)
        if self.settings.record:
            store = self._store()
            file_id = store.record_file(self.scan_id, result)
            store.db["files"].update(file_id, {"mode": "api", "origin": display})
        if self.settings.keep_uploads is not None:
            keep = self.settings.keep_uploads
            keep.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.copy2(path, keep / f"{result.sha256[:16]}-{display}")
        self.metrics.observe(result.verdict, result.seconds)
        return {"doc": to_json(self.scanner.tool_info, [result], reveal=False),
                "verdict": result.verdict, "sha256": result.sha256, "size": result.size,
                "seconds": result.seconds}


def _error(service: ScanService, status: int, key: str, **values: Any) -> JSONResponse:
    if status in (401, 413, 429, 503):
        service.metrics.reject(status)
    headers = {"Retry-After": "2"} if status in (429, 503) else None
    if status == 401:
        headers = {"WWW-Authenticate": 'Bearer realm="saring"'}
    return JSONResponse({"error": key, "message": service.msg(key, **values)}, status,
                        headers=headers)


async def _receive_upload(service: ScanService, request: Request, folder: Path) -> Path | None:
    """Write the upload into ``folder`` (private), enforcing the body-size limit."""
    limit = service.settings.max_body_mb * 2**20
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise _TooLargeError
    seen = 0

    async def limited_receive() -> Any:
        nonlocal seen
        message = await request.receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _TooLargeError
        return message

    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        limited = Request(request.scope, limited_receive)
        form = await limited.form(max_files=1, max_fields=20)
        try:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                upload = next((v for _, v in form.multi_items() if isinstance(v, UploadFile)),
                              None)
            if upload is None:
                return None
            target = folder / _safe_name(upload.filename)
            with target.open("wb") as out:
                while chunk := await upload.read(1 << 20):
                    out.write(chunk)
            return target
        finally:
            await form.close()
    name = request.query_params.get("filename") or request.headers.get("x-filename")
    target = folder / _safe_name(name)
    size = 0
    with target.open("wb") as out:
        async for chunk in Request(request.scope, limited_receive).stream():
            size += len(chunk)
            out.write(chunk)
    return target if size or name else None


def create_api(config: Config, settings: ServeSettings, scanner: Any,
               log: JsonLog | None = None, mount_web: bool = True) -> Starlette:
    """The ASGI app; ``scanner`` is shared by all requests (built once per process)."""
    service = ScanService(config, settings, scanner, log)

    async def scan(request: Request) -> Response:
        if not service.authorized(request):
            return _error(service, 401, "unauthorized")
        if service.stopping:
            return _error(service, 503, "busy")
        if service.in_flight >= settings.max_concurrent + settings.max_waiting:
            return _error(service, 429, "busy")
        service.in_flight += 1
        folder = Path(tempfile.mkdtemp(prefix="saring-upload-"))  # mode 0700
        started = time.perf_counter()
        try:
            try:
                path = await _receive_upload(service, request, folder)
            except _TooLargeError:
                return _error(service, 413, "too_large", mb=settings.max_body_mb)
            except (ValueError, KeyError, AssertionError):
                return _error(service, 400, "bad_form")
            if path is None:
                return _error(service, 400, "no_file")

            def work() -> dict[str, Any]:
                with service._running_lock:
                    service.running += 1
                try:
                    return service.scan_path(path, path.name)
                finally:
                    with service._running_lock:
                        service.running -= 1

            with anyio.move_on_after(settings.request_timeout_s) as scope:
                out = await anyio.to_thread.run_sync(work, limiter=service.limiter,
                                                     abandon_on_cancel=False)
            if scope.cancelled_caught:
                return _error(service, 503, "timeout")
            service.log("api_scan", verdict=out["verdict"], sha256=out["sha256"],
                        size=out["size"], scan_s=out["seconds"],
                        total_s=round(time.perf_counter() - started, 4))
            return JSONResponse(out["doc"], headers={"X-Saring-Verdict": out["verdict"]})
        except Exception as exc:  # noqa: BLE001 - no stack traces to clients
            service.metrics.error()
            service.log("api_error", "error", error=f"{type(exc).__name__}: {exc}"[:300])
            return _error(service, 500, "internal")
        finally:
            service.in_flight -= 1
            shutil.rmtree(folder, ignore_errors=True)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "stopping" if service.stopping else "ok",
                             **service.scanner.tool_info},
                            status_code=503 if service.stopping else 200)

    async def metrics(request: Request) -> Response:
        if not settings.metrics_public and not service.authorized(request):
            return _error(service, 401, "unauthorized")
        text = await anyio.to_thread.run_sync(service.metrics.render)
        return PlainTextResponse(text, media_type="text/plain; version=0.0.4")

    routes: list[Any] = [
        Route("/api/v1/scan", scan, methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]
    if mount_web:
        try:
            from scanner.web.app import create_app as create_web_app
        except ImportError:
            create_web_app = None
        if create_web_app is not None:
            routes.append(Mount("/", app=create_web_app(config)))

    async def on_error(request: Request, exc: Exception) -> Response:
        service.log("http_error", "error", error=type(exc).__name__)
        return _error(service, 500, "internal")

    app = Starlette(routes=routes, exception_handlers={Exception: on_error})
    app.state.service = service
    return app


def serve(config: Config, settings: ServeSettings, scanner: Any = None) -> None:
    """Build one Scanner, then run uvicorn until SIGTERM (in-flight requests finish)."""
    import uvicorn

    from scanner.cli import EXIT_USAGE, CliError

    if not settings.all_tokens() and settings.host not in ("127.0.0.1", "::1", "localhost"):
        raise CliError(
            "Token API wajib bila server mendengarkan di luar 127.0.0.1: isi [serve] tokens, "
            "tokens_file atau SARING_API_TOKENS.", EXIT_USAGE)
    log = JsonLog()
    if scanner is None:
        from scanner.pipeline import Scanner

        log("loading", ner=config.use_ner)
        scanner = Scanner(config)
    app = create_api(config, settings, scanner, log)
    log("serving", host=settings.host, port=settings.port, tokens=len(settings.all_tokens()))
    try:
        uvicorn.run(app, host=settings.host, port=settings.port, access_log=False,
                    log_level="warning", timeout_graceful_shutdown=int(
                        settings.request_timeout_s), server_header=False)
    finally:
        app.state.service.stopping = True
        scanner.close()
