"""CLI commands of the publishing-server side: ``watch``, ``serve`` and ``quarantine``.

Registered by :mod:`scanner.cli` when this module is importable (one job per module: the scan
command does not import watchdog, Starlette or uvicorn). User errors are :class:`CliError` with
the documented exit codes (64 usage/config, 66 missing input, 70 internal).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from scanner.cli import EXIT_BLOCK, EXIT_FLAG, EXIT_OK, EXIT_USAGE, CliError, Lang
from scanner.config import Config, ConfigError, load_config
from scanner.i18n import Messages

_TEXT: dict[str, tuple[str, str]] = {
    "no_held": (
        "Tidak ada berkas di karantina atau antrean tinjauan.",
        "No file in quarantine or in the review queue.",
    ),
    "released": ("Berkas #{id} dilepas ke {path}", "File #{id} released to {path}"),
    "restored": ("Berkas #{id} dikembalikan ke {path}", "File #{id} restored to {path}"),
    "need_reason": (
        "--alasan wajib diisi (keputusan dicatat di jejak audit).",
        "--reason is required (the decision is recorded in the audit trail).",
    ),
    "no_uvicorn": (
        "Paket starlette/uvicorn tidak terpasang: {detail}",
        "starlette/uvicorn is not installed: {detail}",
    ),
}


class Mode(StrEnum):
    gate = "gate"
    monitor = "monitor"


class OnFlag(StrEnum):
    hold = "hold"
    publish = "publish"


def _t(lang: str, key: str, **values: Any) -> str:
    return _TEXT[key][1 if lang == "en" else 0].format(**values)


def _load(config: Path | None, lang: str | None, db: Path | None, no_ner: bool) -> Config:
    msg = Messages(lang or "id")
    try:
        return load_config(config, lang=lang, db=db, use_ner=False if no_ner else None)
    except ConfigError as exc:
        raise CliError(msg.t("error.config", detail=exc), EXIT_USAGE) from exc


def _scanner(cfg: Config) -> Any:
    from scanner.pipeline import Scanner
    from scanner.policy import PolicyError
    from scanner.rulepacks import RulePackError

    try:
        return Scanner(cfg)
    except (RulePackError, PolicyError) as exc:
        raise CliError(Messages(cfg.lang).t("error.rules", detail=exc), EXIT_USAGE) from exc


def _store(cfg: Config) -> Any:
    from scanner.store import Store
    from scanner.watch.schema import ensure_schema

    try:
        store = Store(cfg.db, cfg.salt_file)
        ensure_schema(store.db)
    except Exception as exc:  # noqa: BLE001 - any database problem is the user's to fix
        raise CliError(Messages(cfg.lang).t("error.db", detail=exc), EXIT_USAGE) from exc
    return store


ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Berkas konfigurasi TOML (bagian watch dan serve)."),
]
DbOpt = Annotated[Path | None, typer.Option(help="Basis data temuan dan antrean (SQLite).")]
LangOpt = Annotated[Lang | None, typer.Option(help="Bahasa pesan: id atau en.")]
NoNerOpt = Annotated[bool, typer.Option("--no-ner", help="Tanpa model NER (nama).")]


def watch(
    config: ConfigOpt = None,
    mode: Annotated[
        Mode | None,
        typer.Option(help="gate (folder unggahan) atau monitor (web root yang sudah ada)."),
    ] = None,
    incoming: Annotated[Path | None, typer.Option(help="gate: folder unggahan masuk.")] = None,
    public: Annotated[Path | None, typer.Option(help="gate: folder publik.")] = None,
    review: Annotated[Path | None, typer.Option(help="gate: antrean tinjauan.")] = None,
    quarantine: Annotated[Path | None, typer.Option(help="Folder karantina.")] = None,
    root: Annotated[Path | None, typer.Option(help="monitor: web root yang diawasi.")] = None,
    on_flag: Annotated[
        OnFlag | None,
        typer.Option(
            help="gate: berkas 'perlu ditinjau' ditahan (hold) atau terbit+ditandai (publish)."
        ),
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Jumlah pekerja pemindai.")] = None,
    poll: Annotated[bool, typer.Option("--poll", help="Polling (untuk NFS/SMB).")] = False,
    once: Annotated[bool, typer.Option("--once", help="Proses tumpukan berkas lalu keluar.")] = (
        False
    ),
    db: DbOpt = None,
    lang: LangOpt = None,
    no_ner: NoNerOpt = False,
) -> None:
    """Awasi folder unggahan (gate) atau web root (monitor); log JSON ke stdout.

    \b
    Contoh:
        saring watch --config /etc/saring/saring.toml
        saring watch --incoming masuk/ --public publik/ --review tinjau/ \\
            --quarantine karantina/ --once
    """
    from scanner.watch.config import load_watch_settings
    from scanner.watch.daemon import Daemon
    from scanner.watch.logs import JsonLog

    lang_code = lang.value if lang else None
    cfg = _load(config, lang_code, db, no_ner)
    overrides = {
        "mode": mode.value if mode else None,
        "incoming": incoming and str(incoming),
        "public": public and str(public),
        "review": review and str(review),
        "quarantine": quarantine and str(quarantine),
        "root": root and str(root),
        "on_flag": on_flag.value if on_flag else None,
        "workers": workers,
        "poll": True if poll else None,
    }
    try:
        settings = load_watch_settings(config, **overrides)
    except ConfigError as exc:
        raise CliError(Messages(cfg.lang).t("error.config", detail=exc), EXIT_USAGE) from exc
    log = JsonLog()
    log("loading", mode=settings.mode, ner=cfg.use_ner)
    daemon = Daemon(cfg, settings, _scanner(cfg), log=log)
    try:
        summary = daemon.run(once=once)
    finally:
        daemon.scanner.close()
    if once:
        code = EXIT_BLOCK if summary["block"] else EXIT_FLAG if summary["flag"] else EXIT_OK
        raise typer.Exit(code)


def serve(
    config: ConfigOpt = None,
    host: Annotated[str | None, typer.Option(help="Alamat (bawaan 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (bawaan 8750).")] = None,
    db: DbOpt = None,
    lang: LangOpt = None,
    no_ner: NoNerOpt = False,
) -> None:
    """Jalankan API HTTP (POST /api/v1/scan, /healthz, /metrics) dan UI peninjau bila ada.

    \b
    Contoh:
        SARING_API_TOKENS=rahasia saring serve --config /etc/saring/saring.toml --port 8750
    """
    from scanner.watch.config import load_serve_settings

    lang_code = lang.value if lang else None
    cfg = _load(config, lang_code, db, no_ner)
    try:
        settings = load_serve_settings(config, host=host, port=port)
    except ConfigError as exc:
        raise CliError(Messages(cfg.lang).t("error.config", detail=exc), EXIT_USAGE) from exc
    try:
        from scanner.server import serve as run_server
    except ImportError as exc:
        raise CliError(_t(cfg.lang, "no_uvicorn", detail=exc), EXIT_USAGE) from exc
    run_server(cfg, settings)


quarantine_app = typer.Typer(
    help="Karantina dan antrean tinjauan: lihat, lepas (terbitkan), kembalikan.",
    no_args_is_help=True,
)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@quarantine_app.command("list")
def quarantine_list(
    config: ConfigOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="text atau json")] = (
        ListFormat.text
    ),
    all_: Annotated[bool, typer.Option("--all", help="Juga antrean tinjauan (review).")] = False,
) -> None:
    """Daftar berkas di karantina (dengan --all juga yang ditahan untuk ditinjau)."""
    from scanner.actions import held_files

    cfg = _load(config, lang.value if lang else None, db, True)
    store = _store(cfg)
    rows = held_files(store, None if all_ else "quarantine")
    keys = (
        "id",
        "path",
        "verdict",
        "status",
        "location",
        "held_path",
        "origin",
        "sha256",
        "scanned_at",
        "reasons",
    )
    items = [{k: r.get(k) for k in keys} for r in rows]
    for item in items:
        item["reasons"] = [x.get("code") for x in json.loads(item["reasons"] or "[]")]
    if fmt is ListFormat.json:
        sys.stdout.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return
    if not items:
        print(_t(cfg.lang, "no_held"))
        return
    for item in items:
        print(
            f"#{item['id']:<5} {item['location']:<10} {item['status']:<9} "
            f"{item['verdict']:<5} {item['path']}  ({', '.join(item['reasons'])})"
        )


ReasonOpt = Annotated[
    str, typer.Option("--reason", "--alasan", help="Alasan keputusan (wajib, dicatat).")
]
ByOpt = Annotated[
    str | None, typer.Option("--by", "--oleh", help="Nama peninjau (bawaan: pengguna sistem).")
]


def _actor(by: str | None) -> str:
    import getpass

    if by:
        return by
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@quarantine_app.command("release")
def quarantine_release(
    file_id: Annotated[int, typer.Argument(help="Nomor berkas (lihat 'quarantine list').")],
    reason: ReasonOpt = "",
    by: ByOpt = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Lepas berkas yang ditahan/dikarantina ke folder publik, dengan alasan tercatat."""
    from scanner.actions import release_file

    _move_back(release_file, "released", file_id, reason, by, config, db, lang)


@quarantine_app.command("restore")
def quarantine_restore(
    file_id: Annotated[int, typer.Argument(help="Nomor berkas (lihat 'quarantine list').")],
    reason: ReasonOpt = "",
    by: ByOpt = None,
    config: ConfigOpt = None,
    db: DbOpt = None,
    lang: LangOpt = None,
) -> None:
    """Kembalikan berkas dari karantina ke tempat asalnya (mode monitor: web root)."""
    from scanner.actions import restore_file

    _move_back(restore_file, "restored", file_id, reason, by, config, db, lang)


def _move_back(action, done_key: str, file_id: int, reason: str, by, config, db, lang) -> None:  # noqa: ANN001
    """Shared body of ``release`` and ``restore``: a justification is mandatory."""
    from scanner.actions import ActionError

    cfg = _load(config, lang.value if lang else None, db, True)
    if not reason.strip():
        raise CliError(_t(cfg.lang, "need_reason"), EXIT_USAGE)
    try:
        dest = action(cfg, _store(cfg), file_id, _actor(by), reason)
    except ActionError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    print(_t(cfg.lang, done_key, id=file_id, path=dest))


def register(app: typer.Typer) -> None:
    """Add ``watch``, ``serve`` and ``quarantine`` to the ``saring`` app."""
    app.command("watch")(watch)
    app.command("serve")(serve)
    app.add_typer(quarantine_app, name="quarantine")
