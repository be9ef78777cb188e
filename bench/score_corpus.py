"""Score Saring on a labelled corpus in the ``truth.jsonl`` format of shared/corpus-dev.

Usage:
    python bench/score_corpus.py [CORPUS_DIR] [--json out.json] [--no-ner] [--show-misses]

Reports: verdict confusion; leaks (expected block/flag, got allow); false alarms (expected allow,
got flag/block); per-type recall of planted values (found with the right type, and with any
type); distractors reported (values that must not be reported); false identifiers per public
document (structured-identifier findings reported on documents expected to be allowed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from scanner.config import load_config
from scanner.model import FileResult, Finding
from scanner.pipeline import Scanner

STRUCTURED = {
    "ID_NIK",
    "ID_KK",
    "ID_NPWP",
    "ID_NIP",
    "ID_BPJS",
    "ID_PASSPORT",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "CREDIT_CARD",
    "ID_BANK_ACCOUNT",
    "SECRET",
}
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-dev"


def _norm(value: str) -> str:
    compact = re.sub(r"[\s.\-/()+]", "", value)
    if compact.isdigit():
        return compact.lstrip("0").removeprefix("62")
    return " ".join(value.split()).casefold()


def matches(planted: str, finding_text: str) -> bool:
    a, b = _norm(planted), _norm(finding_text)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= max(4, int(0.6 * len(long_))) and short in long_


def score(corpus: Path, scanner: Scanner, show_misses: bool = False) -> dict:
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines() if line]
    confusion: Counter = Counter()
    found_right: Counter = Counter()
    found_any: Counter = Counter()
    total: Counter = Counter()
    distractor_hits: list[tuple[str, str, str]] = []
    leaks, false_alarms, misses = [], [], []
    false_ids_on_allow = 0
    pages = 0
    started = time.perf_counter()
    for doc in truth:
        result: FileResult = scanner.scan_file(corpus / doc["file"])
        pages += result.pages
        expected, got = doc["expected_verdict"], result.verdict
        confusion[(expected, got)] += 1
        if expected != "allow" and got == "allow":
            leaks.append(doc["file"])
        if expected == "allow" and got != "allow":
            false_alarms.append((doc["file"], [r.code for r in result.reasons]))
        reported: list[Finding] = result.findings
        if expected == "allow":
            false_ids_on_allow += sum(1 for f in reported if f.type in STRUCTURED)
        for p in doc["planted"]:
            total[p["type"]] += 1
            same = [f for f in reported if f.type == p["type"] and matches(p["value"], f.text)]
            anyt = [f for f in reported if matches(p["value"], f.text)]
            found_right[p["type"]] += bool(same)
            found_any[p["type"]] += bool(anyt)
            if not same:
                misses.append(
                    (doc["file"], p["type"], p["value"], p["where"], [f.type for f in anyt])
                )
        for d in doc.get("distractors", []):
            if any(matches(d["value"], f.text) for f in reported):
                distractor_hits.append((doc["file"], d["type"], d["value"]))
    seconds = time.perf_counter() - started
    n_allow = sum(1 for d in truth if d["expected_verdict"] == "allow")
    structured_total = sum(total[t] for t in STRUCTURED)
    structured_found = sum(found_right[t] for t in STRUCTURED)
    report = {
        "documents": len(truth),
        "confusion": {f"{e}->{g}": n for (e, g), n in sorted(confusion.items())},
        "accuracy": sum(n for (e, g), n in confusion.items() if e == g) / len(truth),
        "leaks": leaks,
        "false_alarms": false_alarms,
        "false_alarm_rate": len(false_alarms) / max(1, n_allow),
        "structured_recall": structured_found / max(1, structured_total),
        "recall_by_type": {
            t: {
                "found": found_right[t],
                "any_type": found_any[t],
                "total": total[t],
                "recall": round(found_right[t] / total[t], 3),
            }
            for t in sorted(total)
        },
        "distractors_reported": distractor_hits,
        "false_identifiers_per_allow_doc": false_ids_on_allow / max(1, n_allow),
        "seconds": round(seconds, 2),
        "pages": pages,
        "pages_per_s": round(pages / seconds, 1) if seconds else 0,
    }
    if show_misses:
        report["misses"] = misses
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--model", type=Path, help="NER model folder (default: the bundled model)")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    scanner = Scanner(load_config(use_ner=not args.no_ner, model_dir=args.model))
    report = score(args.corpus, scanner, args.show_misses)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        f"documents {report['documents']}  accuracy {report['accuracy']:.3f}  "
        f"leaks {len(report['leaks'])}  false alarms {len(report['false_alarms'])} "
        f"({report['false_alarm_rate']:.1%})  structured recall {report['structured_recall']:.3f}"
    )
    print(
        f"false identifiers per allow doc {report['false_identifiers_per_allow_doc']:.2f}  "
        f"distractors reported {len(report['distractors_reported'])}  "
        f"{report['pages']} pages in {report['seconds']} s"
    )
    print("confusion:", report["confusion"])
    for t, r in report["recall_by_type"].items():
        print(
            f"  {t:16s} {r['found']:4d}/{r['total']:<4d} {r['recall']:.3f} "
            f"(any type {r['any_type']})"
        )
    if report["leaks"]:
        print("LEAKS:", report["leaks"])
    for fa in report["false_alarms"]:
        print("false alarm:", fa)
    for d in report["distractors_reported"]:
        print("distractor reported:", d)
    for m in report.get("misses", []):
        print("miss:", m)
    sys.exit(0)


if __name__ == "__main__":
    main()
