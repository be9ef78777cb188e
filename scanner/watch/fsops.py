"""Moving files without ever losing or duplicating one.

Why not ``shutil.move``: across filesystems it copies in place under the final name, so a reader
(the web server) can see a half-written file, and a crash leaves a partial copy. Here a move is
``os.replace`` within one filesystem (atomic), and across filesystems a copy to a hidden temporary
name *in the target folder*, ``fsync``, ``os.replace`` to the final name, then removal of the
source. The worst a crash can leave is the complete file in both places, which the daemon's
recovery detects (same sha256 at the recorded destination) and resolves by removing the source.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import shutil
import threading
from pathlib import Path

from scanner.pipeline import IGNORED_NAMES

_TMP_PREFIX = ".saring-tmp-"


def is_ignored(path: Path) -> bool:
    """Temporary, lock and swap files are never content (``~$x.docx``, ``x.part``, ``.x.swp``),
    nor are our own temporary copies."""
    name = path.name
    return bool(IGNORED_NAMES.match(name)) or name.startswith(_TMP_PREFIX)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_move(src: Path, dst: Path) -> Path:
    """Move ``src`` to ``dst`` (replacing it), keeping permission bits and mtime; returns dst.

    Within one filesystem the file is hard-linked to a temporary name beside ``dst``, renamed
    over ``dst`` (atomic) and then unlinked from ``src``. Why not a plain rename: a rename out
    of a watched folder is an unpaired inotify ``IN_MOVED_FROM``, which watchdog holds for
    0.5 s waiting for its ``IN_MOVED_TO`` — and every later event queues behind it, adding up to
    half a second to each upload's latency. An unlink is reported at once. Where hard links are
    refused (another filesystem, ``protected_hardlinks``, no link support) a rename is used, and
    across filesystems a copy (temporary name, fsync, rename, then removal of the source).
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.parent / f"{_TMP_PREFIX}{os.getpid()}-{threading.get_ident()}-{dst.name}"
    try:
        os.link(src, tmp)
    except OSError as exc:
        if exc.errno == errno.EXDEV:
            return _copy_move(src, dst, tmp)
        try:
            os.replace(src, dst)
        except OSError as exc2:
            if exc2.errno != errno.EXDEV:
                raise
            return _copy_move(src, dst, tmp)
        _fsync_dir(dst.parent)
        return dst
    try:
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(dst.parent)
    src.unlink()
    return dst


def _copy_move(src: Path, dst: Path, tmp: Path) -> Path:
    try:
        with src.open("rb") as reader, tmp.open("wb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
            writer.flush()
            os.fsync(writer.fileno())
        shutil.copystat(src, tmp)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(dst.parent)
    src.unlink()
    return dst


def unique_path(path: Path) -> Path:
    """``path`` or, if taken, ``name (2).ext``, ``name (3).ext`` … (review and quarantine keep
    every version: nothing held is overwritten)."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def open_for_writing(path: Path) -> bool | None:
    """Whether some process still has ``path`` open for writing: True, False, or None when
    this cannot be known.

    Why: a "quiet for settle_ms" heuristic can publish a file whose writer merely paused, and
    the writer's later bytes would then land in the public folder. Linux grants a read lease
    (``F_SETLEASE``/``F_RDLCK``) only when no one has the file open for writing; it needs the
    file's owner or ``CAP_LEASE`` (see deploy/saring-watch.service), otherwise None.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
    except OSError as exc:
        return True if exc.errno in (errno.EAGAIN, errno.EBUSY) else None
    else:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        return False
    finally:
        os.close(fd)


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
