"""Settings: one table that drives the config file, the CLI defaults and the README.

Why a table (like datasette's SETTINGS): every setting is documented in one place, a test checks
that the README lists each of them, and an institution overrides only what it needs in a small
TOML file (`saring.toml`), without copying the defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from scanner.resources import data_dir


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("rules_dir", "", "Folder of YAML rule packs (default: the bundled rules/)."),
    Setting(
        "policy", "", "Policy file turning findings into verdicts (default: rules/policy.yaml)."
    ),
    Setting("model_dir", "", "spaCy NER model folder (default: models/id_saring_ner if present)."),
    Setting("use_ner", True, "Detect names of persons with the NER model."),
    Setting("db", "saring.db", "SQLite findings store."),
    Setting(
        "salt_file", "", "File with the secret salt for value hashes (default: beside the db)."
    ),
    Setting(
        "max_file_mb", 100, "Files larger than this are not parsed (verdict: flag, too_large)."
    ),
    Setting("timeout_s", 120, "Seconds one file may take to extract (verdict: flag, timeout)."),
    Setting("memory_mb", 2048, "Memory limit of the extraction worker (verdict: flag, memory)."),
    Setting("max_pages", 2000, "PDF pages read at most (verdict: flag, limit)."),
    Setting("lang", "id", "Language of messages: id (Bahasa Indonesia) or en."),
    Setting("cookie_secure", False, "Review UI: mark session cookies Secure (serve behind HTTPS)."),
)


@dataclass(frozen=True)
class Config:
    rules_dir: Path = field(default_factory=lambda: data_dir("rules"))
    policy: Path = field(default_factory=lambda: data_dir("rules") / "policy.yaml")
    model_dir: Path | None = None
    use_ner: bool = True
    db: Path = Path("saring.db")
    salt_file: Path | None = None
    max_file_mb: int = 100
    timeout_s: int = 120
    memory_mb: int = 2048
    max_pages: int = 2000
    lang: str = "id"
    cookie_secure: bool = False

    def resolved_model_dir(self) -> Path | None:
        """The NER model to use, or None for the blank pipeline (no names detected)."""
        if not self.use_ner:
            return None
        if self.model_dir is not None:
            return self.model_dir
        bundled = data_dir("models") / "id_saring_ner"
        return bundled if (bundled / "meta.json").is_file() else None


_PATH_KEYS = {"rules_dir", "policy", "model_dir", "db", "salt_file"}


def load_config(path: Path | None = None, **overrides: Any) -> Config:
    """Build the configuration from defaults, an optional TOML file and explicit overrides.

    The file may be given directly or through ``SARING_CONFIG``; keys may sit at the top level
    or under ``[scan]``. Relative paths in the file are relative to the file itself.
    """
    values: dict[str, Any] = {}
    if path is None and os.environ.get("SARING_CONFIG"):
        path = Path(os.environ["SARING_CONFIG"])
    if path is not None:
        values.update(_read_toml(path))
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(values) - known)
    if unknown:
        where = f"{path}: " if path else ""
        raise ConfigError(f"{where}unknown setting(s): {', '.join(unknown)}")
    cfg = Config()
    converted: dict[str, Any] = {}
    for key, value in values.items():
        if key in _PATH_KEYS:
            converted[key] = Path(value) if value not in ("", None) else getattr(cfg, key)
        elif key in {"max_file_mb", "timeout_s", "memory_mb", "max_pages"}:
            if not isinstance(value, int) or value <= 0:
                raise ConfigError(f"{path or 'config'}: {key} must be a positive integer")
            converted[key] = value
        elif key == "lang":
            if value not in ("id", "en"):
                raise ConfigError(f"{path or 'config'}: lang must be 'id' or 'en'")
            converted[key] = value
        else:
            converted[key] = value
    cfg = replace(cfg, **converted)
    if "rules_dir" in converted and "policy" not in converted:
        candidate = cfg.rules_dir / "policy.yaml"
        if candidate.is_file():
            cfg = replace(cfg, policy=candidate)
    return cfg


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    section = raw.get("scan", {})
    top = {k: v for k, v in raw.items() if not isinstance(v, dict)}
    merged = {**top, **section}
    base = path.parent
    for key in _PATH_KEYS & merged.keys():
        if merged[key] and not Path(merged[key]).is_absolute():
            merged[key] = str(base / merged[key])
    return merged
