"""The ``saring`` command line: a thin shell over :mod:`scanner.pipeline` and :mod:`scanner.store`.

Exit codes are a contract (README): 0 all allowed, 1 something flagged and nothing blocked,
2 something blocked, 64 usage error, 66 input not found, 70 internal error. Click's own usage
errors (exit 2) are remapped to 64 so that "2" always means "blocked".
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from scanner.config import ConfigError, load_config
from scanner.i18n import Messages

EXIT_OK, EXIT_FLAG, EXIT_BLOCK = 0, 1, 2
EXIT_USAGE, EXIT_NOINPUT, EXIT_SOFTWARE = 64, 66, 70

app = typer.Typer(
    name="saring",
    help="Saring: periksa dokumen sebelum terbit (UU KIP Pasal 17, UU PDP).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class Lang(StrEnum):
    id = "id"
    en = "en"


class CliError(Exception):
    """An error for the user: printed without a traceback, with its documented exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def _messages(lang: str | None) -> Messages:
    return Messages(lang or os.environ.get("SARING_LANG", "id"))


@app.callback()
def _root() -> None:
    """Saring: periksa dokumen sebelum terbit (UU KIP Pasal 17, UU PDP)."""


@app.command()
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Berkas atau folder (rekursif).")],
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="text atau json")] = (
        OutputFormat.text
    ),
    reveal: Annotated[bool, typer.Option(help="Tampilkan nilai asli (tanpa sensor).")] = False,
    db: Annotated[Path | None, typer.Option(help="Basis data temuan (SQLite).")] = None,
    no_db: Annotated[bool, typer.Option("--no-db", help="Jangan simpan ke basis data.")] = False,
    config: Annotated[Path | None, typer.Option(help="Berkas konfigurasi TOML.")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Bahasa keluaran: id atau en.")] = None,
    no_ner: Annotated[bool, typer.Option("--no-ner", help="Tanpa model NER (nama).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Tanpa bilah kemajuan.")] = False,
) -> None:
    """Periksa berkas sebelum dipublikasikan; keluar dengan kode sesuai putusan.

    \b
    Contoh:
        saring scan laporan.pdf data/ --format json --db temuan.db
    """
    lang_code = lang.value if lang else None
    msg = _messages(lang_code)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise CliError(msg.t("error.not_found", path=", ".join(map(str, missing))), EXIT_NOINPUT)
    try:
        cfg = load_config(config, lang=lang_code, db=db, use_ner=False if no_ner else None)
    except ConfigError as exc:
        raise CliError(msg.t("error.config", detail=exc), EXIT_USAGE) from exc
    msg = Messages(cfg.lang)

    from scanner.output import render_text, summary, to_json
    from scanner.pipeline import Scanner, iter_files
    from scanner.policy import PolicyError
    from scanner.rulepacks import RulePackError

    try:
        scanner = Scanner(cfg)
    except (RulePackError, PolicyError) as exc:
        raise CliError(msg.t("error.rules", detail=exc), EXIT_USAGE) from exc

    store = None
    if not no_db:
        from scanner.store import Store

        try:
            store = Store(cfg.db, cfg.salt_file)
        except Exception as exc:  # noqa: BLE001 - any database problem is the user's to fix
            raise CliError(msg.t("error.db", detail=exc), EXIT_USAGE) from exc
        scanner.suppress = store.suppressor()
    files = list(iter_files(paths))
    scan_id = store.start_scan("cli", scanner.tool_info) if store else 0
    results = []
    err = Console(stderr=True)
    show_progress = len(files) > 1 and not quiet
    with Progress(
        TextColumn(msg.t("scanning")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=err,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))
        for path in files:
            progress.update(task, description=path.name[:40])
            result = scanner.scan_file(path)
            results.append(result)
            if store:
                store.record_file(scan_id, result)
            progress.advance(task)
    if store:
        store.finish_scan(scan_id, summary(results))
    if fmt is OutputFormat.json:
        sys.stdout.write(
            json.dumps(to_json(scanner.tool_info, results, reveal), ensure_ascii=False, indent=2)
            + "\n"
        )
    else:
        render_text(Console(highlight=False, soft_wrap=True), results, msg, reveal)
    counts = summary(results)
    raise typer.Exit(EXIT_BLOCK if counts["block"] else EXIT_FLAG if counts["flag"] else EXIT_OK)


_registered = False


def _register_optional_commands() -> None:
    """Commands of the daemon, API and review UI live in their own modules (one job each).

    Registered when ``main`` runs, not at import: those modules import this one.
    """
    global _registered
    if _registered:
        return
    _registered = True
    import importlib

    for name in ("scanner.cli_ops", "scanner.cli_review"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(app)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and translate every failure into a message and an exit code."""
    msg = _messages(None)
    try:
        _register_optional_commands()
        rv = app(args=argv, standalone_mode=False, prog_name="saring")
        code = rv if isinstance(rv, int) else EXIT_OK
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        code = 130
    except typer.TyperException as exc:  # Typer's (vendored) click usage errors
        ctx = getattr(exc, "ctx", None)
        if exc.__class__.__name__ == "NoArgsIsHelpError" and ctx is not None:
            print(ctx.get_help(), file=sys.stderr)
        else:
            prefix = "Penggunaan salah" if msg.lang == "id" else "Usage error"
            text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
            print(f"{prefix}: {text}", file=sys.stderr)
            if ctx is not None:
                print(ctx.get_usage(), file=sys.stderr)
        code = EXIT_USAGE
    except CliError as exc:
        print(str(exc), file=sys.stderr)
        code = exc.code
    except Exception as exc:  # noqa: BLE001 - never show a traceback to the user
        if os.environ.get("SARING_DEBUG"):
            traceback.print_exc()
        print(msg.t("error.internal", detail=f"{exc.__class__.__name__}: {exc}"), file=sys.stderr)
        code = EXIT_SOFTWARE
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
