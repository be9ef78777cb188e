"""The review UI's own tables, in the same SQLite file as the findings store.

Why a separate migration set (``saring-web``): the scanner's schema belongs to the store module;
the UI adds accounts, sessions and login attempts without touching it, and either side can
evolve on its own. Comments are not a table of their own: a comment is a ``decisions`` row
(action ``comment``) so that it lands in the same append-only audit trail as every other action.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("saring-web")


@migrations()
def m001_accounts(db: sqlite_utils.Database) -> None:
    db["users"].create(
        {
            "id": int, "name": str, "password_hash": str, "role": str, "unit": str,
            "created_at": str, "disabled": int,
        },
        pk="id",
        not_null={"name", "password_hash", "role"},
    )
    db["users"].create_index(["name"], unique=True)
    # Only a SHA-256 of the session token is stored: a copy of the database does not let
    # anyone take over a live session.
    db["sessions"].create(
        {
            "token_hash": str, "user_id": int, "csrf": str, "created_at": str, "expires_at": str,
        },
        pk="token_hash",
        foreign_keys=[("user_id", "users", "id")],
    )
    db["login_attempts"].create(
        {"id": int, "at": str, "name": str, "ip": str, "ok": int}, pk="id"
    )
    db["login_attempts"].create_index(["at"])


def apply(db: sqlite_utils.Database) -> None:
    """Create or upgrade the UI tables (idempotent; called whenever the app opens the store)."""
    migrations.apply(db)
