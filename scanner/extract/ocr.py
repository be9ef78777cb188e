"""OCR of scanned pages and photographs with Tesseract and its Indonesian data.

Why the Tesseract command and not a Python binding: Debian ships ``tesseract-ocr`` and
``tesseract-ocr-ind``; calling the binary with the image on stdin needs no extra package, runs in
the isolated worker's process group (so the worker's time limit covers it) and gets its own
per-page timeout. Why ``ind+eng``: letters mix Indonesian words with English terms and codes.

Without Tesseract an image-only page cannot be read: the caller counts it as unscannable and
the file is flagged (fail closed), never allowed.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess

OCR_LANGS = os.environ.get("SARING_OCR_LANGS", "ind+eng")
RENDER_DPI = 200


@functools.cache
def available() -> bool:
    """True when the ``tesseract`` binary and its Indonesian data are installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    have = set(langs.stdout.split()) | set(langs.stderr.split())
    return all(lang in have for lang in OCR_LANGS.split("+"))


def ocr_png(png: bytes, timeout_s: float = 60.0) -> str:
    """Text of one image (PNG bytes). Raises ``subprocess.TimeoutExpired`` past the budget."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one core per worker; the pool decides
    proc = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", OCR_LANGS, "--psm", "3"],
        input=png,
        capture_output=True,
        timeout=timeout_s,
        env=env,
        check=False,
    )
    return proc.stdout.decode("utf-8", "replace")


def ocr_pil(image, timeout_s: float = 60.0) -> str:  # noqa: ANN001 - a PIL.Image
    """OCR a PIL image (converted to 8-bit grey, which Tesseract reads best)."""
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PNG")
    return ocr_png(buf.getvalue(), timeout_s)
