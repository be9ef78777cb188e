"""Second view for ALL-CAPS text: find persons in a truecased copy, keep places/organisations.

On an upper-cased copy of NERGrit *valid* the model's PER F1 drops from 0.767 to 0.694; its
LOC and ORG barely suffer. Indonesian forms and tables write names in capitals
("NAMA : SITI AMINAH"), so the PER loss is the one that matters. This component, placed after
``ner``, finds the runs of ALL-CAPS words in a document, builds a copy in which those words get
their likely casing (:mod:`scanner.ner.truecase`), runs the upstream pipes (tok2vec, ner) on that
copy and takes the persons found there; places and organisations stay those of the original
view, and a person that overlaps one of them is dropped. Measured on NERGrit valid (ALL-CAPS):
PER F1 0.694 -> 0.733 (0.746 with :mod:`scanner.ner.repair`), LOC and ORG unchanged. Text without
an ALL-CAPS run is left as it is; a run is re-read only within a window of ``CONTEXT`` tokens and
only if it has a word that is not already part of a place or organisation and that truecases to a
capitalised word. On fully upper-cased text the pipeline runs at about two thirds of its speed.

Registered as ``saring_caps_ner`` (entry point ``spacy_factories`` in ``pyproject.toml``); the
case table is stored in the component's folder of the shipped model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from scanner.ner.truecase import TABLE_FILE, Truecaser, load_table, save_table

COMPONENT_NAME = "saring_caps_ner"
# Tokens of context kept on each side of a run in the second pass. The tok2vec sees 4 tokens
# each side (window 1, depth 4); twice that leaves the model enough context around the run.
CONTEXT = 8


# Cheap first test: a run needs words of 2+ capital letters (ASCII is enough to find them).
_CAPS_WORD = re.compile(r"(?<![^\W\d_])[A-Z]{2,}(?![^\W\d_])")


def caps_runs(doc: Doc, min_caps_words: int = 2) -> list[tuple[int, int]]:
    """Token ranges in capitals: no lower-case letter, ``min_caps_words`` words of 2+ letters.

    Punctuation, digits and spaces do not break a run, so ``NAMA : SITI AMINAH`` is one run;
    a single acronym in running text ("kata DPR") is not one. Runs start and end on a word.
    """
    if len(_CAPS_WORD.findall(doc.text)) < min_caps_words:
        return []
    runs: list[tuple[int, int]] = []
    first = last = None
    words = 0
    for i, tok in enumerate(doc):
        text = tok.text
        if text != text.upper():  # has a lower-case letter: the run ends
            if first is not None and words >= min_caps_words:
                runs.append((first, last + 1))
            first = last = None
            words = 0
        elif text != text.lower():  # has a (capital) letter
            first = i if first is None else first
            last = i
            words += tok.is_alpha and len(text) >= 2
    if first is not None and words >= min_caps_words:
        runs.append((first, last + 1))
    return runs


def _has_open_words(doc: Doc, start: int, end: int) -> bool:
    """Whether the run has a word outside the places/organisations already found.

    Only such words can yield a new person (persons that clash with a LOC/ORG are not taken),
    so letterheads like ``PEMERINTAH KABUPATEN SLEMAN`` skip the second pass.
    """
    return any(
        tok.is_alpha and len(tok) >= 2 and tok.ent_type_ not in {"LOC", "ORG"}
        for tok in doc[start:end]
    )


class CapsView:
    """spaCy component: persons in ALL-CAPS runs come from a truecased second pass."""

    def __init__(self, nlp: Language, name: str, min_caps_words: int = 2) -> None:
        self.nlp = nlp
        self.name = name
        self.min_caps_words = min_caps_words
        self.truecaser = Truecaser({})

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            runs_of: dict[int, list[tuple[int, int]]] = {}
            pieces: list[tuple[Doc, int]] = []  # (doc, offset of the window)
            copies: list[Doc] = []
            for doc in batch:
                if not doc.has_annotation("ENT_IOB"):
                    continue
                runs = [
                    run
                    for run in caps_runs(doc, self.min_caps_words)
                    if _has_open_words(doc, *run)
                ]
                if not runs:
                    continue
                runs_of[id(doc)] = runs
                words = [tok.text for tok in doc]
                # A run whose words all truecase to lower case or acronyms cannot hold a name
                # for the cased model: it gets no second pass (and no person).
                named = [run for run in runs if self._truecase_run(words, *run)]
                spaces = [bool(tok.whitespace_) for tok in doc]
                for start, end in self._windows(named, len(doc)):
                    pieces.append((doc, start))
                    copies.append(
                        Doc(self.nlp.vocab, words=words[start:end], spaces=spaces[start:end])
                    )
            found: dict[int, list[tuple[int, int]]] = {key: [] for key in runs_of}
            if copies:
                copies = self._run_upstream(copies)
                for (doc, offset), done in zip(pieces, copies, strict=True):
                    found[id(doc)] += [
                        (e.start + offset, e.end + offset) for e in done.ents if e.label_ == "PER"
                    ]
            for doc in batch:
                if id(doc) in runs_of:
                    self._take_persons(doc, runs_of[id(doc)], found[id(doc)])
            yield from batch

    def _truecase_run(self, words: list[str], start: int, end: int) -> bool:
        """Truecase ``words[start:end]`` in place; whether a word came out capitalised."""
        capitalised = False
        for i in range(start, end):
            word = self.truecaser.word(words[i])
            words[i] = word
            capitalised = capitalised or (word[:1].isupper() and not word.isupper())
        return capitalised

    def _windows(self, runs: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
        """Runs widened by the model's context (CONTEXT tokens each side), overlaps merged.

        Only these windows are re-analysed, so a letter with an ALL-CAPS letterhead costs a few
        extra tokens, not a second pass over the whole page.
        """
        windows: list[tuple[int, int]] = []
        for start, end in runs:
            start, end = max(0, start - CONTEXT), min(length, end + CONTEXT)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows

    def _run_upstream(self, docs: list[Doc]) -> list[Doc]:
        """The pipes before this one (tok2vec, ner) on ``docs``."""
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        return docs

    @staticmethod
    def _take_persons(
        doc: Doc, runs: list[tuple[int, int]], candidates: list[tuple[int, int]]
    ) -> None:
        """Replace the persons inside runs by ``candidates`` that clash with no LOC/ORG."""
        in_run = [False] * len(doc)
        for start, end in runs:
            in_run[start:end] = [True] * (end - start)
        kept = [e for e in doc.ents if not (e.label_ == "PER" and any(in_run[e.start : e.end]))]
        taken = [False] * len(doc)
        for ent in kept:
            taken[ent.start : ent.end] = [True] * (ent.end - ent.start)
        persons = []
        for start, end in sorted(set(candidates)):
            if any(in_run[start:end]) and not any(taken[start:end]):
                persons.append(Span(doc, start, end, label="PER"))
                taken[start:end] = [True] * (end - start)
        doc.ents = sorted(kept + persons, key=lambda s: s.start)

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        save_table(self.truecaser.table, path / TABLE_FILE)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> CapsView:
        self.truecaser = Truecaser(load_table(Path(path) / TABLE_FILE))
        return self


@Language.factory(COMPONENT_NAME, default_config={"min_caps_words": 2})
def make_caps_view(nlp: Language, name: str, min_caps_words: int) -> CapsView:
    return CapsView(nlp, name, min_caps_words)
