"""ZIP archives, recursively and bomb-safe; also the member dispatcher used for PDF and e-mail
attachments.

Nothing is written to disk: each member is inflated into memory in chunks, stopping as soon as
a limit (total uncompressed bytes, compression ratio) is crossed. Every location of a member's
segments gets ``"member": "path/in/zip"`` (nested: ``"inner.zip!path/in/inner"``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from scanner.extract._common import ZIP_ERRORS, Ctx, ExtractionError, Source, open_source
from scanner.model import Segment

_CHUNK = 1 << 20
_RATIO_MIN_SIZE = 1 << 20  # the ratio check applies to members larger than this


def _sniff_mime(data: bytes) -> str:
    try:
        import magic

        return magic.from_buffer(data[: 1 << 16], mime=True) or "application/octet-stream"
    except Exception:  # noqa: BLE001 - libmagic missing or confused: fall back to bytes
        return "application/octet-stream"


def _with_member(seg: Segment, name: str, layer: str | None) -> Segment:
    inner = seg.location.get("member")
    member = f"{name}!{inner}" if inner else name
    new_layer = seg.layer
    if layer is not None and seg.layer in ("body", "table"):
        new_layer = layer
    return Segment(seg.text, {**seg.location, "member": member}, new_layer, seg.parts)


def extract_member(data: bytes, name: str, ctx: Ctx, layer: str | None = None) -> Iterator[Segment]:
    """Extract an in-memory member with its own family; prefix its locations with the member."""
    from scanner.extract import _extractor, family_for

    if ctx.depth + 1 > ctx.limits.max_archive_depth:
        raise ExtractionError("limit", f"nesting deeper than {ctx.limits.max_archive_depth}")
    ctx.stats.members += 1
    if ctx.stats.members > ctx.limits.max_archive_members:
        raise ExtractionError("limit", f"more than {ctx.limits.max_archive_members} members")
    family = family_for(PurePosixPath(name), _sniff_mime(data), _src=data)
    if family is None:
        ctx.stats.skipped += 1
        ctx.note(f"unsupported member skipped: {name}")
        return
    child = ctx.child(name, family)
    child.depth = ctx.depth + 1
    for seg in _extractor(family)(data, child):
        yield _with_member(seg, name, layer)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, ctx: Ctx) -> bytes:
    remaining = ctx.limits.max_total_uncompressed - ctx.stats.uncompressed
    if info.file_size > remaining:
        raise ExtractionError("limit", f"{info.filename}: uncompressed size over the limit")
    try:
        with zf.open(info) as fh:
            return _read_stream(fh, info.filename, ctx, info.file_size, info.compress_size)
    except RuntimeError as exc:  # "File is encrypted, password required"
        raise ExtractionError("encrypted", f"{info.filename}: {exc}") from exc
    except ZIP_ERRORS as exc:
        raise ExtractionError("corrupt", f"{info.filename}: {exc}") from exc


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    lim = ctx.limits
    if ctx.depth >= lim.max_archive_depth:
        raise ExtractionError("limit", f"archive nesting deeper than {lim.max_archive_depth}")
    fh = open_source(src)
    try:
        try:
            zf = zipfile.ZipFile(fh)
        except ZIP_ERRORS as exc:
            raise ExtractionError("corrupt", f"ZIP: {exc}") from exc
        with zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
            if len(infos) + ctx.stats.members > lim.max_archive_members:
                raise ExtractionError("limit", f"{len(infos)} members > {lim.max_archive_members}")
            declared = sum(i.file_size for i in infos)
            if ctx.stats.uncompressed + declared > lim.max_total_uncompressed:
                raise ExtractionError("limit", "declared uncompressed size over the limit")
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ExtractionError("encrypted", f"{info.filename} is encrypted")
                if info.file_size > _RATIO_MIN_SIZE and info.file_size > lim.max_ratio * max(
                    info.compress_size, 1
                ):
                    raise ExtractionError("limit", f"{info.filename}: compression ratio too high")
            for info in infos:
                name = info.filename
                base = PurePosixPath(name).name
                if base.startswith("._") or name.startswith("__MACOSX/"):
                    continue  # macOS resource forks
                data = _read_member(zf, info, ctx)
                if not data:
                    continue
                yield from extract_member(data, name, ctx)
    finally:
        fh.close()


def extract_embedded(zf: zipfile.ZipFile, ctx: Ctx) -> Iterator[Segment]:
    """Objects embedded in an OOXML package (word/embeddings/, xl/embeddings/, ppt/embeddings/):
    an Excel sheet inside a letter, a document inside a slide. Layer "attachment" for their body
    text; members that cannot be read (OLE equation objects, packaged executables) are noted in
    the stats, not fatal."""
    from scanner.extract._xml import read_part

    for name in zf.namelist():
        head, _, base = name.rpartition("/")
        if not head.endswith("/embeddings") or not base:
            continue
        data = read_part(zf, name, ctx)
        if not data:
            continue
        try:
            yield from extract_member(data, name, ctx, layer="attachment")
        except ExtractionError as exc:
            if exc.code != "unsupported":
                raise
            ctx.stats.skipped += 1
            ctx.note(f"embedded object not read: {name} ({exc.message})")


def _read_stream(
    fh, name: str, ctx: Ctx, declared: int | None = None, compressed: int | None = None
) -> bytes:  # noqa: ANN001
    """Read a decompressing stream in chunks, stopping at the total-uncompressed limit, at the
    size the archive declared (ZIP) and at the allowed compression ratio: a bomb is stopped
    while it inflates, not after."""
    remaining = ctx.limits.max_total_uncompressed - ctx.stats.uncompressed
    chunks, got = [], 0
    try:
        while True:
            chunk = fh.read(_CHUNK)
            if not chunk:
                break
            got += len(chunk)
            if got > remaining or (declared is not None and got > declared + _CHUNK):
                raise ExtractionError("limit", f"{name}: inflates past the limit")
            if (
                compressed is not None
                and got > _RATIO_MIN_SIZE
                and got > ctx.limits.max_ratio * max(compressed, 1)
            ):
                raise ExtractionError("limit", f"{name}: compression ratio too high")
            chunks.append(chunk)
    except (OSError, EOFError, ValueError) as exc:
        raise ExtractionError("corrupt", f"{name}: {exc}") from exc
    ctx.stats.uncompressed += got
    return b"".join(chunks)


def extract_tar(src: Source, ctx: Ctx) -> Iterator[Segment]:
    """TAR (plain, .tar.gz, .tar.bz2, .tar.xz) or a single gzip/bzip2/xz-compressed file."""
    import bz2
    import gzip
    import lzma
    import tarfile

    lim = ctx.limits
    if ctx.depth >= lim.max_archive_depth:
        raise ExtractionError("limit", f"archive nesting deeper than {lim.max_archive_depth}")
    fh = open_source(src)
    try:
        try:
            tf = tarfile.open(fileobj=fh, mode="r:*")
        except (tarfile.TarError, EOFError, OSError):
            tf = None
        if tf is None:
            fh.seek(0)
            head = fh.read(6)
            fh.seek(0)
            if head.startswith(b"\x1f\x8b"):
                opener = gzip.GzipFile
            elif head.startswith(b"BZh"):
                opener = bz2.BZ2File
            elif head.startswith(b"\xfd7zXZ"):
                opener = lzma.LZMAFile
            else:
                opener = None
            if opener is None:
                raise ExtractionError("corrupt", "not a tar/gzip/bzip2/xz archive")
            inner = ctx.name[: -len(PurePosixPath(ctx.name).suffix)] if ctx.name else "content"
            with opener(fileobj=fh) if opener is gzip.GzipFile else opener(fh) as stream:
                data = _read_stream(stream, inner, ctx)
            if data:
                yield from extract_member(data, PurePosixPath(inner).name or "content", ctx)
            return
        with tf:
            count = 0
            for member in tf:
                if not member.isfile():
                    continue
                count += 1
                if count + ctx.stats.members > lim.max_archive_members:
                    raise ExtractionError("limit", f"more than {lim.max_archive_members} members")
                if member.size > lim.max_total_uncompressed - ctx.stats.uncompressed:
                    raise ExtractionError("limit", f"{member.name}: size over the limit")
                stream = tf.extractfile(member)
                if stream is None:
                    continue
                data = _read_stream(stream, member.name, ctx)
                if data:
                    yield from extract_member(data, member.name, ctx)
    except tarfile.TarError as exc:
        raise ExtractionError("corrupt", f"TAR: {exc}") from exc
    finally:
        fh.close()
