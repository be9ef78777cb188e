"""What the running app shares between requests: the configuration and the findings store.

Why one :class:`~scanner.store.Store` per thread: a sqlite3 connection must not be used from two
threads. Handlers run on the event loop's thread, but a test client or another ASGI server may run
them elsewhere; a thread-local store makes either case safe without locks.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

import sqlite_utils

from scanner.config import Config
from scanner.store import Store
from scanner.web import db as web_db


def _env_flag(name: str) -> bool | None:
    value = os.environ.get(name)
    if value is None:
        return None
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass
class WebState:
    config: Config
    secure_cookies: bool = False
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.config.db, self.config.salt_file)
            web_db.apply(store.db)
            self._local.store = store
        return store

    def db(self) -> sqlite_utils.Database:
        return self.store().db


def secure_cookies_setting(config: Config) -> bool:
    """Cookies get the ``Secure`` flag when configured: ``cookie_secure`` in the config (if the
    setting exists) or ``SARING_COOKIE_SECURE=1``. Off by default because the UI is often reached
    over plain HTTP on 127.0.0.1 or an internal network, where a Secure cookie would never be
    sent; behind HTTPS it must be on."""
    from_env = _env_flag("SARING_COOKIE_SECURE")
    if from_env is not None:
        return from_env
    return bool(getattr(config, "cookie_secure", False))
