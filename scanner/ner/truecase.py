"""Truecasing of ALL-CAPS words: give ``SITI AMINAH TINGGAL DI BOGOR`` back its likely casing.

Why: on an upper-cased copy of NERGrit *valid* the model finds persons clearly worse than in the
same sentences written normally (PER F1 0.694 against 0.767), because in ALL-CAPS text the word
shape - the strongest cue for a name - says nothing. Indonesian forms are written exactly so
("NAMA : SITI AMINAH"). Restoring the usual casing first lets the model use what it learned on
cased text; :mod:`scanner.ner.caps_view` runs it on that restored copy.

How a word is cased, in order (Lita et al. 2003 use the same unigram idea):

1. the form it most often has inside a sentence in the cased training text (``lower``,
   ``title``, ``upper`` for acronyms such as ``DPR``, or a mixed form such as ``McDonald``),
   with the names of the gazetteer lists (given and family names) added as ``title`` where the
   text has no evidence - this table is built at training time and shipped in the model;
2. otherwise an Indonesian word - a root in Sastrawi's dictionary, or a word whose stem is one
   (``DIRESMIKAN`` -> ``resmi``) - is lower case;
3. anything else (unknown, most likely a name or a foreign word) is title case.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

TABLE_FILE = "case_table.json"
# Tokens after which a capital says nothing about the word (sentence or quotation starts).
_OPENERS = frozenset({".", "!", "?", ":", '"', "(", "'", "`"})


def _form(word: str) -> str:
    if word.isupper() and sum(ch.isalpha() for ch in word) > 1:
        return "upper"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower() or not word[1:].isalpha()):
        return "title"
    if word.islower():
        return "lower"
    return word  # a mixed form kept literally ("McDonald", "iPhone")


def build_table(docs: Iterable[Doc], names: Iterable[str] = ()) -> dict[str, str]:
    """Most frequent in-sentence form of each lower-cased word in ``docs``; ``names`` -> title.

    Sentence-initial words and words after an opener are skipped: their capital is positional.
    A word mostly written in capitals (an acronym such as ``DPR``) gets ``upper``.
    """
    counts: dict[str, Counter] = defaultdict(Counter)
    for doc in docs:
        for i, tok in enumerate(doc):
            word = tok.text
            if not any(ch.isalpha() for ch in word):
                continue
            if i == 0 or doc[i - 1].text in _OPENERS:
                continue
            counts[word.lower()][_form(word)] += 1
    # Ties broken by the form's name so that the table does not depend on document order.
    table = {w: max(sorted(c), key=lambda f: c[f]) for w, c in counts.items()}
    for name in names:
        table.setdefault(name.lower(), "title")
    return dict(sorted(table.items()))


def save_table(table: dict[str, str], path: Path) -> None:
    path.write_text(json.dumps(table, ensure_ascii=False, separators=(",", ":")), "utf-8")


def load_table(path: Path) -> dict[str, str]:
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def _sastrawi():
    """Sastrawi's stemmer and root dictionary (loaded once; ~0.3 s)."""
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The factory's CachedStemmer caches without bound; is_indonesian_word's lru_cache does it.
    dictionary = ArrayDictionary(StemmerFactory().get_words())
    return Stemmer(dictionary), dictionary


@lru_cache(maxsize=65536)
def is_indonesian_word(lower: str) -> bool:
    """A Sastrawi root word, or a word whose stem is one (affixed or reduplicated forms)."""
    if not lower.replace("-", "").isalpha():
        return False
    stemmer, dictionary = _sastrawi()
    return dictionary.contains(lower) or dictionary.contains(stemmer.stem(lower))


class Truecaser:
    """Maps an ALL-CAPS word to its likely casing using a table and Sastrawi (see module doc)."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def word(self, word: str) -> str:
        if not any(ch.isalpha() for ch in word):
            return word
        lower = word.lower()
        form = self.table.get(lower)
        if form is None:
            form = "lower" if is_indonesian_word(lower) else "title"
        if form == "lower":
            return lower
        if form == "title":
            return word[:1].upper() + word[1:].lower()
        if form == "upper":
            return word.upper()
        return form if form.lower() == lower else word
