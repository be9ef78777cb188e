"""Local accounts, sessions and login rate limiting.

Why local accounts with argon2: the scanner runs offline inside an agency, often without a
directory service; argon2id (argon2-cffi defaults) makes a stolen database expensive to crack.
Why server-side sessions: logging out or disabling a user ends the session at once, and the
cookie holds only a random token (its SHA-256 is what the database keeps).
Why rate limiting in the database: it survives restarts and is shared by every worker.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlite_utils
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ROLES = ("viewer", "reviewer", "admin")
SESSION_HOURS = 8
# At most MAX_FAILURES failed logins per account name, and per client address, per window.
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
# Verified against when the user does not exist, so that timing does not reveal valid names.
_DUMMY_HASH = _hasher.hash("saring-dummy-password")


class AccountError(ValueError):
    """Bad input for an account operation; the message is for the user (Indonesian)."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    unit: str

    @property
    def can_act(self) -> bool:
        """Reviewers and admins may release, confirm, label and comment; viewers only read."""
        return self.role in ("reviewer", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _write(db: sqlite_utils.Database, sql: str, params: list) -> None:
    """Run one write statement in its own transaction (``db.execute`` alone does not commit)."""
    with db.conn:
        db.execute(sql, params)


def add_user(
    db: sqlite_utils.Database, name: str, password: str, role: str, unit: str = ""
) -> User:
    """Create an account (or replace the password/role/unit of an existing one)."""
    name = name.strip()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise AccountError("Nama pengguna wajib diisi, tanpa spasi, paling banyak 64 karakter.")
    if role not in ROLES:
        raise AccountError(f"Peran tidak dikenal: {role} (pilih: {', '.join(ROLES)}).")
    if len(password) < 10:
        raise AccountError("Kata sandi minimal 10 karakter.")
    row = {
        "name": name, "password_hash": _hasher.hash(password), "role": role,
        "unit": unit.strip(), "created_at": _iso(_now()), "disabled": 0,
    }
    existing = list(db["users"].rows_where("name = ?", [name]))
    if existing:
        db["users"].update(existing[0]["id"], {k: v for k, v in row.items() if k != "created_at"})
        # A changed password or role must not leave old sessions alive.
        _write(db, "DELETE FROM sessions WHERE user_id = ?", [existing[0]["id"]])
        user_id = existing[0]["id"]
    else:
        table = db["users"]
        table.insert(row)
        user_id = table.last_pk
    return User(int(user_id), name, role, row["unit"])


def disable_user(db: sqlite_utils.Database, name: str) -> bool:
    """Disable an account and end its sessions at once; False if there is no such account.
    Accounts are disabled, not deleted: the audit log refers to them by name."""
    rows = list(db["users"].rows_where("name = ?", [name]))
    if not rows:
        return False
    db["users"].update(rows[0]["id"], {"disabled": 1})
    _write(db, "DELETE FROM sessions WHERE user_id = ?", [rows[0]["id"]])
    return True


def list_users(db: sqlite_utils.Database) -> list[dict]:
    return [
        {k: r[k] for k in ("id", "name", "role", "unit", "created_at", "disabled")}
        for r in db["users"].rows_where(order_by="name")
    ]


def is_rate_limited(db: sqlite_utils.Database, name: str, ip: str) -> bool:
    since = _iso(_now() - FAILURE_WINDOW)
    by_name = db.execute(
        "SELECT count(*) FROM login_attempts WHERE ok = 0 AND at >= ? AND name = ?",
        [since, name],
    ).fetchone()[0]
    by_ip = db.execute(
        "SELECT count(*) FROM login_attempts WHERE ok = 0 AND at >= ? AND ip = ?", [since, ip]
    ).fetchone()[0]
    return by_name >= MAX_FAILURES or by_ip >= MAX_FAILURES * 4


def authenticate(db: sqlite_utils.Database, name: str, password: str, ip: str) -> User | None:
    """Check a password; records the attempt. Callers check :func:`is_rate_limited` first."""
    rows = list(db["users"].rows_where("name = ? AND disabled = 0", [name]))
    ok = False
    if rows:
        try:
            ok = _hasher.verify(rows[0]["password_hash"], password)
        except (VerificationError, InvalidHashError):
            ok = False
    else:
        try:
            _hasher.verify(_DUMMY_HASH, password)
        except VerificationError:
            pass
    db["login_attempts"].insert({"at": _iso(_now()), "name": name[:64], "ip": ip, "ok": int(ok)})
    if not ok:
        return None
    row = rows[0]
    if _hasher.check_needs_rehash(row["password_hash"]):
        db["users"].update(row["id"], {"password_hash": _hasher.hash(password)})
    return User(row["id"], row["name"], row["role"], row["unit"] or "")


def create_session(db: sqlite_utils.Database, user: User) -> tuple[str, str]:
    """Start a session; returns (cookie token, CSRF token bound to this session)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    _write(db, "DELETE FROM sessions WHERE expires_at < ?", [_iso(now)])
    db["sessions"].insert(
        {
            "token_hash": _token_hash(token), "user_id": user.id, "csrf": csrf,
            "created_at": _iso(now), "expires_at": _iso(now + timedelta(hours=SESSION_HOURS)),
        }
    )
    return token, csrf


def load_session(db: sqlite_utils.Database, token: str | None) -> tuple[User, str] | None:
    """The signed-in user and the session's CSRF token, or None if absent/expired/disabled."""
    if not token:
        return None
    row = db.execute(
        "SELECT u.id, u.name, u.role, u.unit, s.csrf FROM sessions s JOIN users u "
        "ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at >= ? AND u.disabled = 0",
        [_token_hash(token), _iso(_now())],
    ).fetchone()
    if row is None:
        return None
    return User(row[0], row[1], row[2], row[3] or ""), row[4]


def end_session(db: sqlite_utils.Database, token: str | None) -> None:
    if token:
        _write(db, "DELETE FROM sessions WHERE token_hash = ?", [_token_hash(token)])
