"""Benchmark the Saring Indonesian NER pipeline (models/id_saring_ner).

    OMP_NUM_THREADS=1 python bench/ner_bench.py [--model models/id_saring_ner] [--json out.json]
        [--extra-test unseen_news.bio ...]

Reports entity-level (exact span + label) precision / recall / F1 per label on
1. NERGrit test (IndoNLU split, 209 sentences; gold converted with the model's span convention),
2. an ALL-CAPS copy of NERGrit test (same tokens upper-cased),
3. a held-out synthetic set of government-style documents (other seed, disjoint name and place
   pools, never used in training), raw text through the full pipeline,
plus PER after the plausibility guards, words/s (one process), model size and load time.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from scanner.ner import caps_view, convert, repair  # noqa: E402
from scanner.ner.guards import is_plausible_person  # noqa: E402
from scanner.ner.train import heldout_synth_docs, nergrit_test_docs  # noqa: E402

LABELS = ("PER", "LOC", "ORG")


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def score(gold_docs: list[Doc], pred_docs: list[Doc], per_filter=None) -> dict:
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        g = {(e.start_char, e.end_char, e.label_) for e in gold.ents}
        p = {
            (e.start_char, e.end_char, e.label_)
            for e in pred.ents
            if not (per_filter and e.label_ == "PER" and not per_filter(e.text))
        }
        for _s, _e, label in g & p:
            tp[label] += 1
        for _s, _e, label in p - g:
            fp[label] += 1
        for _s, _e, label in g - p:
            fn[label] += 1
    out = {}
    for label in (*LABELS, "micro"):
        if label == "micro":
            t, f_p, f_n = sum(tp.values()), sum(fp.values()), sum(fn.values())
        else:
            t, f_p, f_n = tp[label], fp[label], fn[label]
        prec = t / (t + f_p) if t + f_p else 0.0
        rec = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[label] = {"p": prec, "r": rec, "f": f1, "n_gold": t + f_n}
    return out


def predict_pretokenized(nlp, gold_docs: list[Doc]) -> list[Doc]:
    fresh = [
        Doc(nlp.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
        for d in gold_docs
    ]
    return list(nlp.pipe(fresh, batch_size=256))


def score_cased_and_upper(nlp, gold_docs: list[Doc]) -> tuple[dict, dict]:
    """Scores on the sentences as they are and on an upper-cased copy of the same tokens."""
    upper = [convert.recase_doc(d, "upper") for d in gold_docs]
    return (
        score(gold_docs, predict_pretokenized(nlp, gold_docs)),
        score(upper, predict_pretokenized(nlp, upper)),
    )


def predict_text(nlp, gold_docs: list[Doc]) -> list[Doc]:
    return list(nlp.pipe((d.text for d in gold_docs), batch_size=256))


def words_per_second(nlp, texts: list[str], min_words: int = 150_000) -> dict:
    """Tokens per wall-clock second and per CPU-second of this process (nlp.pipe, batch 256).

    The CPU-time figure is what one process achieves on an otherwise idle core; the wall-clock
    figure depends on how busy the (shared) machine is while the benchmark runs.
    """
    batch = []
    n = 0
    while n < min_words:
        for t in texts:
            batch.append(t)
            n += len(t.split())
    list(nlp.pipe(texts[:200]))  # warm-up
    t0, c0 = time.perf_counter(), time.process_time()
    n_tokens = sum(len(d) for d in nlp.pipe(batch, batch_size=256))
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"tokens": n_tokens, "wall_wps": n_tokens / wall, "cpu_wps": n_tokens / cpu}


def fmt_table(title: str, s: dict) -> str:
    lines = [f"### {title}", "", "| label | P | R | F1 | gold |", "|---|---|---|---|---|"]
    for label in (*LABELS, "micro"):
        r = s[label]
        lines.append(f"| {label} | {r['p']:.3f} | {r['r']:.3f} | {r['f']:.3f} | {r['n_gold']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=REPO / "models" / "id_saring_ner")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument(
        "--extra-test",
        type=Path,
        action="append",
        default=[],
        metavar="BIO_FILE",
        help="another unseen test set (token TAB BIO-label, blank line between sentences; "
        "NERGrit/NER UI label names), scored cased and ALL-CAPS like NERGrit test",
    )
    args = ap.parse_args(argv)

    t0, c0 = time.perf_counter(), time.process_time()
    nlp = spacy.load(args.model)
    load_s, load_cpu = time.perf_counter() - t0, time.process_time() - c0
    size_mb = _dir_size(args.model) / 1e6

    blank = spacy.blank("id")
    test = nergrit_test_docs(blank)
    held = heldout_synth_docs(blank)

    results: dict = {}
    results["nergrit_test"], results["nergrit_test_allcaps"] = score_cased_and_upper(nlp, test)
    # What the statistical model alone does, without the components after ``ner``.
    post = [n for n in (caps_view.COMPONENT_NAME, repair.COMPONENT_NAME) if n in nlp.pipe_names]
    if post:
        with nlp.select_pipes(disable=post):
            results["nergrit_test_model_only"], results["nergrit_test_allcaps_model_only"] = (
                score_cased_and_upper(nlp, test)
            )
    extra_tables = []
    for path in args.extra_test:
        docs = convert.convert_files(blank, [path])
        key = f"extra:{path.name}"
        results[key], results[f"{key}_allcaps"] = score_cased_and_upper(nlp, docs)
        extra_tables.append((f"{path.name} ({len(docs)} sentences), cased", key))
        extra_tables.append((f"{path.name}, ALL-CAPS copy", f"{key}_allcaps"))
    held_pred = predict_text(nlp, held)
    results["synthetic_heldout"] = score(held, held_pred)
    results["synthetic_heldout_guarded"] = score(held, held_pred, per_filter=is_plausible_person)
    texts = [d.text for d in test] + [d.text for d in held]
    speed = words_per_second(nlp, texts)
    # ALL-CAPS text is the worst case: the caps view runs tok2vec + ner a second time.
    speed_caps = words_per_second(nlp, [t.upper() for t in texts])
    results["speed"] = {
        **speed,
        "allcaps_cpu_wps": speed_caps["cpu_wps"],
        "allcaps_wall_wps": speed_caps["wall_wps"],
        "load_wall_s": load_s,
        "load_cpu_s": load_cpu,
        "size_mb": size_mb,
        "threads": os.environ.get("OMP_NUM_THREADS"),
        "loadavg_1min": os.getloadavg()[0],
    }

    print(f"model: {args.model}  size {size_mb:.1f} MB")
    print(f"load (spacy.load): {load_s:.2f} s wall, {load_cpu:.2f} s CPU")
    print(
        f"speed: {speed['cpu_wps']:,.0f} words per CPU-second, {speed['wall_wps']:,.0f} words/s"
        f" wall ({speed['tokens']} tokens, nlp.pipe batch 256, one process, 1 thread;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )
    print(
        f"speed on the same text upper-cased: {speed_caps['cpu_wps']:,.0f} words per CPU-second,"
        f" {speed_caps['wall_wps']:,.0f} words/s wall\n"
    )
    print(fmt_table(f"NERGrit test, cased ({len(test)} sentences)", results["nergrit_test"]))
    print(fmt_table("NERGrit test, ALL-CAPS copy", results["nergrit_test_allcaps"]))
    if post:
        print(f"Model alone ({', '.join(post)} disabled):\n")
        print(fmt_table("NERGrit test, cased, model alone", results["nergrit_test_model_only"]))
        print(
            fmt_table(
                "NERGrit test, ALL-CAPS copy, model alone",
                results["nergrit_test_allcaps_model_only"],
            )
        )
    for title, key in extra_tables:
        print(fmt_table(title, results[key]))
    print(fmt_table(f"Synthetic held-out ({len(held)} documents)", results["synthetic_heldout"]))
    print(fmt_table("Synthetic held-out, PER after guards", results["synthetic_heldout_guarded"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
