"""Convert the public BIO corpora (NERGrit, NER UI) to spaCy ``DocBin`` files.

Label mapping (all sources): PERSON -> PER; PLACE, LOCATION -> LOC;
ORGANISATION, ORGANIZATION -> ORG.

Span convention (applied to every source, and followed by :mod:`scanner.ner.synth`):

* PER covers the name only. Honorifics and titles (Bapak, Ibu, Sdr., H., Hj., Dr., Ir., Drs.,
  Prof., KH., ...) and academic degrees (S.H., M.Si., S.Kom., ...) stay OUTSIDE the span;
  patronymics ("bin"/"binti" + father's name) are INSIDE ("Ahmad bin Salim" is one PER).
  :func:`strip_person_titles` trims title tokens that the corpora put inside PER spans.
* LOC includes the administrative or geographic head word ("Kabupaten Sleman", "Desa Sukamaju",
  "Jl. Mawar"); house numbers and RT/RW are outside.
* ORG is the full institution name ("Dinas Kesehatan", "Pemerintah Kabupaten Sleman"); job titles
  in front of it ("Kepala", "Menteri") are outside.

Tokens are kept exactly as the corpora give them (``Doc(words=...)``); the spaces between tokens
are reconstructed heuristically so that ``doc.text`` reads naturally.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

LABEL_MAP = {
    "PERSON": "PER",
    "PER": "PER",
    "PLACE": "LOC",
    "LOCATION": "LOC",
    "LOC": "LOC",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "ORG": "ORG",
}
LABELS = ("PER", "LOC", "ORG")

# Title tokens (lower-cased, without the final dot) that are moved out of the front of a PER span.
PERSON_TITLE_TOKENS = frozenset(
    """
    bapak ibu pak bu sdr sdri saudara saudari tn ny nn tuan nyonya nona yth
    h hj haji hajah hajjah kh kyai kiai ustad ustadz ustaz ustadzah
    dr drs dra ir prof drg
    """.split()
)
# Degree tokens moved out of the end of a PER span (lower-cased, dots removed).
PERSON_DEGREE_TOKENS = frozenset(
    """
    sh sip msi skom se ak mm mpd spd st mt ssos mkes sked sag mag mh mkn phd
    ma msc bsc ba spd sp mba mph se sstp ap
    """.split()
)

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{", "/"}


def read_bio(path: Path) -> list[list[tuple[str, str]]]:
    """Read a one-token-per-line ``token<TAB>tag`` file with blank lines between sentences."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if current:
                    sentences.append(current)
                    current = []
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                parts = line.rsplit(" ", 1)
            token, tag = parts[0].strip(), parts[-1].strip()
            if not token:
                continue
            current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def guess_spaces(words: list[str]) -> list[bool]:
    """Whitespace after each token, guessed from punctuation (the corpora are pre-tokenized)."""
    spaces = []
    quote_open = False
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        space = nxt is not None
        if word == '"':
            quote_open = not quote_open
            if quote_open:
                space = False
        if nxt is not None:
            if nxt in _NO_SPACE_BEFORE or word in _NO_SPACE_AFTER:
                space = False
            if nxt == '"' and quote_open:
                space = False
            if nxt == "-" or word == "-":
                space = False
            if nxt == "/":
                space = False
        spaces.append(space)
    return spaces


def bio_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans from BIO tags; a stray I- starts a new entity."""
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, raw = tag.partition("-")
        mapped = LABEL_MAP.get(raw) if raw else None
        continues = prefix == "I" and mapped is not None and mapped == label and start is not None
        if continues:
            continue
        if start is not None and label is not None:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in {"B", "I"} and mapped is not None:
            start, label = i, mapped
    return spans


def _norm_title(word: str) -> str:
    return word.lower().replace(".", "")


def strip_person_titles(words: list[str], start: int, end: int) -> tuple[int, int]:
    """Move honorific/title tokens (and their dots) out of the front, degrees out of the end."""
    while start < end - 1:
        norm = _norm_title(words[start])
        if norm in PERSON_TITLE_TOKENS:
            start += 1
            while start < end - 1 and words[start] == ".":
                start += 1
            continue
        break
    while end - 1 > start:
        last = words[end - 1]
        if last in {",", "."}:
            end -= 1
            continue
        if (
            _norm_title(last) in PERSON_DEGREE_TOKENS
            and end - 2 >= start
            and (words[end - 2] in {",", "."} or "." in last)
        ):
            end -= 1
            continue
        break
    return start, end


def sentence_to_doc(
    nlp: Language, sentence: list[tuple[str, str]], stats: dict[str, int] | None = None
) -> Doc:
    words = [w for w, _ in sentence]
    tags = [t for _, t in sentence]
    doc = Doc(nlp.vocab, words=words, spaces=guess_spaces(words))
    ents = []
    for start, end, label in bio_to_spans(tags):
        if label == "PER":
            new_start, new_end = strip_person_titles(words, start, end)
            if stats is not None and (new_start, new_end) != (start, end):
                stats["per_trimmed"] = stats.get("per_trimmed", 0) + 1
            start, end = new_start, new_end
        ents.append(Span(doc, start, end, label=label))
    doc.ents = ents
    return doc


def sentence_key(sentence: list[tuple[str, str]]) -> str:
    text = " ".join(w for w, _ in sentence).lower()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def convert_files(
    nlp: Language,
    paths: Iterable[Path],
    exclude_keys: set[str] | None = None,
    stats: dict[str, int] | None = None,
) -> list[Doc]:
    """Docs from BIO files, de-duplicated, skipping sentences whose key is in ``exclude_keys``."""
    seen: set[str] = set(exclude_keys or ())
    docs = []
    for path in paths:
        for sentence in read_bio(path):
            key = sentence_key(sentence)
            if key in seen:
                if stats is not None:
                    stats["skipped_duplicates"] = stats.get("skipped_duplicates", 0) + 1
                continue
            seen.add(key)
            docs.append(sentence_to_doc(nlp, sentence, stats))
    return docs


def recase_doc(doc: Doc, mode: str) -> Doc:
    """Copy of ``doc`` with every token upper-, lower- or title-cased; entities kept."""
    if mode == "upper":
        words = [t.text.upper() for t in doc]
    elif mode == "lower":
        words = [t.text.lower() for t in doc]
    elif mode == "title":
        words = [t.text[:1].upper() + t.text[1:].lower() if t.is_alpha else t.text for t in doc]
    else:
        raise ValueError(mode)
    new = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    new.ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
    return new


def iter_ents(docs: Iterable[Doc]) -> Iterator[tuple[str, str]]:
    for doc in docs:
        for ent in doc.ents:
            yield ent.label_, ent.text


def write_docbin(docs: Iterable[Doc], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    db.to_disk(path)
    return n
