"""Atomic moves: same filesystem (link + rename + unlink), fallbacks, and cross-filesystem copy."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from scanner.watch import fsops
from scanner.watch.fsops import atomic_move, is_ignored, open_for_writing, unique_path


def test_move_keeps_mode_and_mtime_and_replaces(tmp_path: Path) -> None:
    src = tmp_path / "a" / "doc.txt"
    src.parent.mkdir()
    src.write_text("isi baru")
    os.chmod(src, 0o604)
    os.utime(src, (1_700_000_000, 1_700_000_000))
    dst = tmp_path / "pub" / "x" / "doc.txt"
    dst.parent.mkdir(parents=True)
    dst.write_text("isi lama")
    assert atomic_move(src, dst) == dst
    assert not src.exists() and dst.read_text() == "isi baru"
    assert dst.stat().st_mode & 0o777 == 0o604 and int(dst.stat().st_mtime) == 1_700_000_000
    assert sorted(p.name for p in dst.parent.iterdir()) == ["doc.txt"]  # no temp left


@pytest.mark.parametrize("link_errno", [errno.EXDEV, errno.EPERM])
def test_fallbacks_when_hard_links_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               link_errno: int) -> None:
    def no_link(*args: object) -> None:
        raise OSError(link_errno, "refused")

    real_replace = os.replace

    def replace(a: object, b: object) -> None:
        # Simulate another filesystem: renaming the source itself fails with EXDEV.
        if link_errno == errno.EXDEV and Path(str(a)).name == "doc.txt":
            raise OSError(errno.EXDEV, "cross-device")
        real_replace(a, b)

    monkeypatch.setattr(fsops.os, "link", no_link)
    monkeypatch.setattr(fsops.os, "replace", replace)
    src = tmp_path / "doc.txt"
    src.write_bytes(b"x" * 3_000_000)
    os.chmod(src, 0o640)
    dst = tmp_path / "other" / "doc.txt"
    atomic_move(src, dst)
    assert not src.exists() and dst.stat().st_size == 3_000_000
    assert dst.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in dst.parent.iterdir()] == ["doc.txt"]


def test_unique_path_and_ignored_names(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_text("1")
    (tmp_path / "a (2).pdf").write_text("2")
    assert unique_path(tmp_path / "a.pdf") == tmp_path / "a (3).pdf"
    for name in ("~$laporan.docx", "x.part", "y.tmp", ".z.txt.swp", "d.crdownload",
                 ".saring-tmp-1-2-a.pdf", ".~lock.a.odt#"):
        assert is_ignored(Path(name)), name
    assert not is_ignored(Path("laporan.pdf"))


def test_open_for_writing_sees_an_open_writer(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    with path.open("w") as handle:
        handle.write("x")
        handle.flush()
        assert open_for_writing(path) in (True, None)  # None without ownership / CAP_LEASE
    assert open_for_writing(path) in (False, None)
