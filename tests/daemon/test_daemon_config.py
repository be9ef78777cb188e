"""[watch]/[serve] parsing: every error names the file and the key; the CLI exits 64."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import main
from scanner.config import ConfigError, load_config
from scanner.watch.config import load_serve_settings, load_watch_settings


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "saring.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_sample_deploy_config_is_valid() -> None:
    sample = Path(__file__).resolve().parents[2] / "deploy" / "saring.toml"
    load_config(sample)  # [scan] part; [watch]/[serve] are ignored there
    watch = load_watch_settings(sample)
    serve = load_serve_settings(sample)
    assert watch.mode == "gate" and watch.incoming is not None
    assert serve.port > 0


def test_relative_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    cfg = write(tmp_path, '[watch]\nincoming = "in"\npublic = "pub"\nreview = "rev"\n'
                          'quarantine = "q"\n')
    settings = load_watch_settings(cfg)
    assert settings.incoming == tmp_path / "in"
    assert settings.quarantine == tmp_path / "q"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[watch]\nmode = "mirror"\n', "[watch] mode"),
        ('[watch]\nincoming = "in"\npublic = "pub"\nquarantine = "q"\n', "[watch] review"),
        ('[watch]\nworkers = "two"\n', "[watch] workers"),
        ('[watch]\nworkerz = 2\n', "[watch] workerz"),
        ('[watch]\nincoming = "in"\npublic = "in/pub"\nreview = "r"\nquarantine = "q"\n',
         "[watch] public"),
        ('[watch]\nmode = "monitor"\nroot = "www"\n', "[watch] quarantine"),
    ],
)
def test_watch_errors_name_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    cfg = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_watch_settings(cfg)
    assert str(cfg) in str(info.value) and needle in str(info.value)


def test_serve_errors_name_file_and_key(tmp_path: Path) -> None:
    cfg = write(tmp_path, "[serve]\nport = -1\n")
    with pytest.raises(ConfigError, match=r"\[serve\] port"):
        load_serve_settings(cfg)
    cfg = write(tmp_path, "[serve]\nmax_body_mb = true\n")
    with pytest.raises(ConfigError, match=r"\[serve\] max_body_mb"):
        load_serve_settings(cfg)


def test_cli_exits_64_on_bad_watch_config(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cfg = write(tmp_path, '[watch]\nmode = "mirror"\n')
    with pytest.raises(SystemExit) as info:
        main(["watch", "--config", str(cfg), "--no-ner", "--once"])
    assert info.value.code == 64
    assert "[watch] mode" in capsys.readouterr().err


def test_quarantine_release_requires_reason(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["quarantine", "release", "1", "--db", str(tmp_path / "x.db")])
    assert info.value.code == 64
