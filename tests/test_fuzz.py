"""Fuzz: >= 1,000 truncated and mutated files across the formats.

Zero crashes, zero hangs, a verdict for every file, and never "allow" for a file that could not
be read (fail closed). The scanner runs with short limits so that a hang shows as a timeout
verdict instead of a stuck test.
"""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from builders import NIK_WOMAN, docx_file, pdf, press_release_html, xlsx

from scanner.config import load_config
from scanner.pipeline import Scanner

MUTANTS_PER_SEED = 145  # x 7 seeds = 1,015 files


def _seeds(folder: Path) -> list[Path]:
    rows = [["No", "Nama", "NIK"], [1, "Siti Aminah", NIK_WOMAN]]
    csv_path = folder / "seed.csv"
    csv_path.write_text("Nama;NIK\nSiti Aminah;" + NIK_WOMAN + "\n", encoding="utf-8")
    txt_path = folder / "seed.txt"
    txt_path.write_text("Sifat: Rahasia\nNIK " + NIK_WOMAN + "\n", encoding="utf-8")
    seeds = [
        pdf(folder / "seed.pdf", [["Daftar", f"NIK {NIK_WOMAN}"], ["Halaman dua"]]),
        docx_file(folder / "seed.docx", [f"NIK: {NIK_WOMAN}"], header="RAHASIA"),
        xlsx(folder / "seed.xlsx", "Data", rows),
        press_release_html(folder / "seed.html"),
        csv_path,
        txt_path,
    ]
    bundle = folder / "seed.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(seeds[1], "dalam/seed.docx")
        zf.write(csv_path, "seed.csv")
    seeds.append(bundle)
    return seeds


def _mutate(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(5)
    buf = bytearray(data)
    if choice == 0:  # truncate
        return bytes(buf[: rng.randrange(1, max(2, len(buf)))])
    if choice == 1:  # flip bytes
        for _ in range(rng.randint(1, 30)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if choice == 2:  # zero a block
        start = rng.randrange(len(buf))
        buf[start : start + rng.randint(16, 2048)] = bytes(min(len(buf) - start, 2048))
        return bytes(buf)
    if choice == 3:  # duplicate a chunk in place
        start = rng.randrange(len(buf))
        chunk = buf[start : start + rng.randint(8, 4096)]
        return bytes(buf[:start] + chunk * rng.randint(2, 20) + buf[start:])
    out = io.BytesIO()  # keep the head, replace the tail with noise
    out.write(bytes(buf[: rng.randrange(1, max(2, len(buf)))]))
    out.write(rng.randbytes(rng.randint(1, 4096)))
    return out.getvalue()


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    s = Scanner(load_config(use_ner=False, timeout_s=10, memory_mb=512))
    yield s
    s.close()


def test_fuzzed_files_never_crash_hang_or_pass_unread(tmp_path, scanner: Scanner) -> None:
    rng = random.Random(20261122)
    seeds = _seeds(tmp_path)
    mutants = tmp_path / "mutants"
    mutants.mkdir()
    counts = {"files": 0, "unreadable": 0, "allow_unreadable": 0}
    for seed in seeds:
        data = seed.read_bytes()
        for i in range(MUTANTS_PER_SEED):
            path = mutants / f"{seed.stem}_{i:03d}{seed.suffix}"
            path.write_bytes(_mutate(data, rng))
            result = scanner.scan_file(path)  # must not raise
            counts["files"] += 1
            assert result.verdict in ("allow", "flag", "block")
            assert result.sha256
            if result.error:
                counts["unreadable"] += 1
                counts["allow_unreadable"] += result.verdict == "allow"
    assert counts["files"] >= 1000
    assert counts["allow_unreadable"] == 0, counts
    # The mutations must really break files, or this test proves nothing.
    assert counts["unreadable"] >= 100, counts
