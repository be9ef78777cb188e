"""``[watch]`` and ``[serve]`` sections of ``saring.toml``.

Why parsed here and not in :mod:`scanner.config`: ``load_config`` reads the scanning settings
(top level and ``[scan]``) and ignores other tables, so ``saring scan`` keeps working with a
daemon's config file. These two tables belong to the daemon and the API; every error names the
file and the key (``saring.toml: [watch] mode: …``) and the CLI turns it into exit code 64.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scanner.config import ConfigError


@dataclass(frozen=True)
class WatchSettings:
    mode: str = "gate"  # gate | monitor
    incoming: Path | None = None  # gate: where uploads land
    public: Path | None = None  # gate: where allowed files go
    review: Path | None = None  # gate: flagged files wait here (on_flag = "hold")
    quarantine: Path | None = None  # both: blocked files
    root: Path | None = None  # monitor: the web root watched in place
    on_flag: str = "hold"  # hold | publish (publish-and-flag)
    workers: int = 2
    settle_ms: int = 500  # quiet time after the last write when no close-write was seen
    poll: bool = False  # polling observer (NFS/SMB shares, where inotify sees nothing)
    poll_interval_s: float = 1.0
    max_attempts: int = 3
    notify_command: str = ""  # run with the event JSON on stdin
    notify_url: str = ""  # POST the event JSON here
    notify_on: tuple[str, ...] = ("block",)
    notify_timeout_s: float = 10.0


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8750
    tokens: tuple[str, ...] = ()
    tokens_file: Path | None = None
    max_body_mb: int = 50
    max_concurrent: int = 2  # scans running at once
    max_waiting: int = 8  # requests queued behind them; more get 429
    request_timeout_s: float = 300.0  # waiting + scanning; beyond that 503
    keep_uploads: Path | None = None  # keep a copy of each upload here (default: keep nothing)
    record: bool = True  # record results in the findings store
    metrics_public: bool = True  # /metrics without a token
    trust_forwarded: bool = False

    def all_tokens(self) -> tuple[str, ...]:
        tokens = list(self.tokens)
        if self.tokens_file is not None:
            tokens += _read_tokens(self.tokens_file)
        env = os.environ.get("SARING_API_TOKENS", "")
        tokens += [t.strip() for t in env.split(",") if t.strip()]
        return tuple(tokens)


def _read_tokens(path: Path) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read tokens_file ({exc.strerror})") from exc
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


_WATCH_TYPES: dict[str, type | tuple[type, ...]] = {
    "mode": str, "incoming": str, "public": str, "review": str, "quarantine": str, "root": str,
    "on_flag": str, "workers": int, "settle_ms": int, "poll": bool,
    "poll_interval_s": (int, float), "max_attempts": int, "notify_command": str,
    "notify_url": str, "notify_on": list, "notify_timeout_s": (int, float),
}
_SERVE_TYPES: dict[str, type | tuple[type, ...]] = {
    "host": str, "port": int, "tokens": list, "tokens_file": str, "max_body_mb": int,
    "max_concurrent": int, "max_waiting": int, "request_timeout_s": (int, float),
    "keep_uploads": str, "record": bool, "metrics_public": bool, "trust_forwarded": bool,
}
_PATHS = {"incoming", "public", "review", "quarantine", "root", "tokens_file", "keep_uploads"}


def _section(path: Path | None, name: str) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    section = raw.get(name, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [{name}] must be a table")
    return section


def _convert(path: Path | None, name: str, values: dict[str, Any],
             types: dict[str, type | tuple[type, ...]]) -> dict[str, Any]:
    where = f"{path}: [{name}]" if path else f"[{name}]"
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue
        if key not in types:
            raise ConfigError(f"{where} {key}: unknown setting (known: {', '.join(sorted(types))})")
        expected = types[key]
        if isinstance(value, bool) and expected in (int, (int, float)):
            raise ConfigError(f"{where} {key}: must be a number, not true/false")
        if not isinstance(value, expected):
            label = expected.__name__ if isinstance(expected, type) else "number"
            raise ConfigError(f"{where} {key}: must be a {label}, got {value!r}")
        if key in _PATHS:
            p = Path(value).expanduser()
            if path is not None and not p.is_absolute():
                p = path.parent / p
            out[key] = p if value != "" else None
        elif isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where} {key}: must be a list of strings")
            out[key] = tuple(value)
        else:
            out[key] = value
        if key in ("workers", "max_concurrent", "max_attempts", "max_body_mb", "port") and (
            out[key] <= 0
        ):
            raise ConfigError(f"{where} {key}: must be a positive integer")
    return out


def load_watch_settings(path: Path | None, **overrides: Any) -> WatchSettings:
    """Read ``[watch]`` from the TOML file, apply CLI overrides (paths relative to the current
    directory), validate the folder layout."""
    where = f"{path}: [watch]" if path else "[watch]"
    values = _convert(path, "watch", _section(path, "watch"), _WATCH_TYPES)
    values.update(_convert(None, "watch", overrides, _WATCH_TYPES))
    for key in _PATHS & values.keys():
        values[key] = values[key].absolute()  # stored in the database: never cwd-relative
    settings = WatchSettings(**values)
    if settings.mode not in ("gate", "monitor"):
        raise ConfigError(f"{where} mode: must be 'gate' or 'monitor', got {settings.mode!r}")
    if settings.on_flag not in ("hold", "publish"):
        raise ConfigError(f"{where} on_flag: must be 'hold' or 'publish'")
    bad = set(settings.notify_on) - {"allow", "flag", "block"}
    if bad:
        raise ConfigError(f"{where} notify_on: unknown verdict(s) {sorted(bad)}")
    if settings.notify_url and not settings.notify_url.startswith(("http://", "https://")):
        raise ConfigError(f"{where} notify_url: must start with http:// or https://")
    if settings.mode == "gate":
        required = ["incoming", "public", "quarantine"]
        if settings.on_flag == "hold":
            required.append("review")
    else:
        required = ["root", "quarantine"]
    for key in required:
        if getattr(settings, key) is None:
            raise ConfigError(f"{where} {key}: required in {settings.mode} mode")
    watched = settings.incoming if settings.mode == "gate" else settings.root
    assert watched is not None
    for key in ("public", "review", "quarantine"):
        other = getattr(settings, key)
        if other is None:
            continue
        a, b = other.resolve(), watched.resolve()
        if a == b or a.is_relative_to(b) or b.is_relative_to(a):
            raise ConfigError(
                f"{where} {key}: must not be inside (or contain) the watched folder {watched}"
            )
    return settings


def load_serve_settings(path: Path | None, **overrides: Any) -> ServeSettings:
    values = _convert(path, "serve", _section(path, "serve"), _SERVE_TYPES)
    values.update(_convert(None, "serve", overrides, _SERVE_TYPES))
    settings = ServeSettings(**values)
    if settings.tokens_file is not None:
        _read_tokens(settings.tokens_file)
    return settings
