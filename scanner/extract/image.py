"""Images: the pixels through OCR (Tesseract, Indonesian; layer "ocr") when it is installed,
and the text metadata: EXIF text fields and GPS position, PNG text chunks, JPEG comments
(layer "metadata"). Without OCR the image counts as unscannable (the file is flagged).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from scanner.extract._common import Ctx, ExtractionError, Source, read_bytes
from scanner.model import Segment

_EXIF_TEXT = {
    0x010E: "ImageDescription",
    0x010F: "Make",
    0x0110: "Model",
    0x0131: "Software",
    0x013B: "Artist",
    0x8298: "Copyright",
    0x9C9B: "XPTitle",
    0x9C9C: "XPComment",
    0x9C9D: "XPAuthor",
    0x9C9E: "XPKeywords",
    0x9C9F: "XPSubject",
    0x9286: "UserComment",
}


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    from PIL import Image


    Image.MAX_IMAGE_PIXELS = ctx.limits.max_image_pixels
    try:
        img = Image.open(io.BytesIO(read_bytes(src)))
        pixels = img.size[0] * img.size[1]
    except Image.DecompressionBombError as exc:
        raise ExtractionError("limit", f"image: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds
        raise ExtractionError("corrupt", f"image: {exc}") from exc
    if pixels > ctx.limits.max_image_pixels:
        raise ExtractionError("limit", f"image of {pixels} pixels")
    with img:
        yield from _ocr_image(img, ctx)
        for key, value in (img.info or {}).items():
            if isinstance(value, str) and value.strip() and key not in ("dpi", "icc_profile"):
                yield Segment(value.strip(), {"part": "metadata", "field": str(key)}, "metadata")
            elif key == "comment" and isinstance(value, bytes) and value.strip():
                yield Segment(
                    value.decode("utf-8", "replace").strip(),
                    {"part": "metadata", "field": "comment"},
                    "metadata",
                )
        try:
            exif = img.getexif()
        except Exception:  # noqa: BLE001
            exif = {}
        for tag, name in _EXIF_TEXT.items():
            value = exif.get(tag) if exif else None
            if isinstance(value, bytes):
                enc = "utf-16-le" if tag >= 0x9C9B else "utf-8"
                value = value.decode(enc, "ignore").strip("\x00 ")
                if tag == 0x9286:
                    value = value.removeprefix("ASCII\x00\x00\x00").removeprefix("UNICODE")
            if isinstance(value, str) and value.strip("\x00 ").strip():
                yield Segment(
                    value.strip("\x00 ").strip(), {"part": "exif", "field": name}, "metadata"
                )
        gps = _gps_text(exif)
        if gps:
            yield Segment(gps, {"part": "exif", "field": "GPS"}, "metadata")


def _ocr_image(img, ctx: Ctx) -> Iterator[Segment]:  # noqa: ANN001 - a PIL.Image
    from scanner.extract import ocr

    if not ocr.available() or ctx.stats.ocr_pages >= ctx.limits.max_ocr_pages:
        ctx.stats.image_only_pages += 1
        ctx.note("image: pixels not read (OCR unavailable or budget)")
        return
    try:
        img.load()
        text = ocr.ocr_pil(img, ctx.limits.ocr_timeout_s).strip()
    except Exception as exc:  # noqa: BLE001 - a failed OCR is unscannable, not fatal
        ctx.stats.image_only_pages += 1
        ctx.note(f"image: OCR failed ({exc.__class__.__name__})")
        return
    ctx.stats.ocr_pages += 1
    if text:
        yield Segment(text, {"part": "image"}, "ocr")


def _gps_text(exif) -> str:  # noqa: ANN001 - a PIL Exif mapping
    """Where the photo was taken ("GPS -8.172350, 113.700150"): a home photographed for an aid
    survey gives away an address."""
    try:
        gps = exif.get_ifd(0x8825) if exif else {}
    except Exception:  # noqa: BLE001
        return ""

    def degrees(values, ref) -> float | None:  # noqa: ANN001
        try:
            d, m, s = (float(v) for v in values)
        except (TypeError, ValueError):
            return None
        sign = -1 if str(ref).upper() in ("S", "W") else 1
        return sign * (d + m / 60 + s / 3600)

    lat = degrees(gps.get(2), gps.get(1)) if gps else None
    lon = degrees(gps.get(4), gps.get(3)) if gps else None
    if lat is None or lon is None:
        return ""
    return f"GPS {lat:.6f}, {lon:.6f}"
