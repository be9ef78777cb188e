"""``saring user add|list`` and ``saring report``: the review side of the command line.

Registered by :mod:`scanner.cli` (``register(app)``). Kept out of cli.py so that the scanner's
command line does not import the web stack; argon2 and the report renderers load only here.
"""

from __future__ import annotations

import getpass
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scanner.cli import EXIT_NOINPUT, EXIT_USAGE, CliError
from scanner.config import Config, ConfigError, load_config


class Role(StrEnum):
    viewer = "viewer"
    reviewer = "reviewer"
    admin = "admin"


class ReportFormat(StrEnum):
    html = "html"
    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class Lang(StrEnum):
    id = "id"
    en = "en"


def _config(config: Path | None, db: Path | None, lang: str | None = None) -> Config:
    try:
        return load_config(config, db=db, lang=lang)
    except ConfigError as exc:
        raise CliError(f"Konfigurasi tidak valid: {exc}", EXIT_USAGE) from exc


def _web_db(cfg: Config):  # noqa: ANN202 - sqlite_utils.Database, imported lazily
    from scanner.store import Store
    from scanner.web import db as web_db

    try:
        store = Store(cfg.db, cfg.salt_file)
    except Exception as exc:  # noqa: BLE001 - any database problem is the user's to fix
        raise CliError(f"Basis data temuan tidak dapat dibuka: {exc}", EXIT_USAGE) from exc
    web_db.apply(store.db)
    return store.db


user_app = typer.Typer(help="Kelola akun UI peninjau (lokal, kata sandi argon2).",
                       no_args_is_help=True)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="Nama pengguna (tanpa spasi).")],
    role: Annotated[Role, typer.Option(help="viewer, reviewer atau admin.")] = Role.reviewer,
    unit: Annotated[str, typer.Option(help="Unit/OPD: pengguna hanya melihat berkas unit ini.")]
    = "",
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Baca kata sandi dari stdin.")] = False,
    db: Annotated[Path | None, typer.Option(help="Basis data temuan (SQLite).")] = None,
    config: Annotated[Path | None, typer.Option(help="Berkas konfigurasi TOML.")] = None,
) -> None:
    """Tambah akun (atau ganti kata sandi/peran/unit akun yang ada).

    \b
    Contoh:
        saring user add siti --role reviewer --unit Dinkes
        echo "$SANDI" | saring user add admin --role admin --password-stdin
    """
    from scanner.web.auth import AccountError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Kata sandi: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            raise CliError("Kata sandi tidak sama.", EXIT_USAGE)
    database = _web_db(_config(config, db))
    try:
        user = add_user(database, name, password, role.value, unit)
    except AccountError as exc:
        raise CliError(str(exc), EXIT_USAGE) from exc
    typer.echo(f"Akun {user.name} ({user.role}{', ' + user.unit if user.unit else ''}) disimpan.")


@user_app.command("disable")
def user_disable(
    name: Annotated[str, typer.Argument(help="Nama pengguna.")],
    db: Annotated[Path | None, typer.Option(help="Basis data temuan (SQLite).")] = None,
    config: Annotated[Path | None, typer.Option(help="Berkas konfigurasi TOML.")] = None,
) -> None:
    """Nonaktifkan akun (sesi yang berjalan langsung berakhir; log audit tetap utuh)."""
    from scanner.web.auth import disable_user

    if not disable_user(_web_db(_config(config, db)), name):
        raise CliError(f"Akun tidak ditemukan: {name}", EXIT_NOINPUT)
    typer.echo(f"Akun {name} dinonaktifkan.")


@user_app.command("list")
def user_list(
    db: Annotated[Path | None, typer.Option(help="Basis data temuan (SQLite).")] = None,
    config: Annotated[Path | None, typer.Option(help="Berkas konfigurasi TOML.")] = None,
) -> None:
    """Daftar akun (tanpa kata sandi)."""
    from scanner.web.auth import list_users

    for user in list_users(_web_db(_config(config, db))):
        state = " (nonaktif)" if user["disabled"] else ""
        typer.echo(f"{user['name']}\t{user['role']}\t{user['unit'] or '-'}{state}")


def _date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        message = f"{option}: tanggal harus berformat YYYY-MM-DD ({value})"
        raise CliError(message, EXIT_USAGE) from exc


def report(
    date_from: Annotated[str, typer.Option("--from", help="Tanggal awal YYYY-MM-DD.")],
    date_to: Annotated[str, typer.Option("--to", help="Tanggal akhir YYYY-MM-DD (inklusif).")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="html, csv, xlsx, json")]
    = ReportFormat.html,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Berkas keluaran.")]
    = None,
    unit: Annotated[str, typer.Option(help="Hanya unit/OPD ini.")] = "",
    db: Annotated[Path | None, typer.Option(help="Basis data temuan (SQLite).")] = None,
    lang: Annotated[Lang | None, typer.Option(help="Bahasa: id atau en.")] = None,
    config: Annotated[Path | None, typer.Option(help="Berkas konfigurasi TOML.")] = None,
) -> None:
    """Laporan kepatuhan: jumlah per putusan, kategori/pasal, unit dan bulan; aturan teratas;
    waktu tinjauan; presisi per aturan; daftar informasi yang dikecualikan (DIK).

    \b
    Contoh:
        saring report --from 2026-01-01 --to 2026-06-30 --format html -o laporan.html
    """
    from scanner.report import build_report, render

    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    if start > end:
        raise CliError("--from harus sebelum atau sama dengan --to", EXIT_USAGE)
    cfg = _config(config, None, lang.value if lang else None)
    path = db or cfg.db
    if not path.is_file():
        raise CliError(f"Basis data temuan tidak ditemukan: {path}", EXIT_NOINPUT)
    from dataclasses import replace

    database = _web_db(replace(cfg, db=path))
    body = render(build_report(database, start, end, lang=cfg.lang, unit=unit or None), fmt.value)
    if output is None:
        if fmt is ReportFormat.xlsx:
            raise CliError("Format xlsx memerlukan --output FILE", EXIT_USAGE)
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        output.write_bytes(body)
        typer.echo(f"Laporan ditulis: {output}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``user`` and ``report`` to the ``saring`` command line."""
    app.add_typer(user_app, name="user")
    app.command("report")(report)
