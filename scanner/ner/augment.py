"""Mention replacement: copies of real sentences with their entities swapped for others.

The real corpora hold ~3,700 sentences, so the model memorises which *strings* are persons
rather than which *contexts* introduce one ("kata ...", "pemain ...", "lahir di ..."). Replacing
each entity mention by another mention of the same label (drawn from all mentions of that label
in the training data) keeps the real sentence and its context and breaks that memorisation:
the label has to come from the context and the shape of the name. This is the "mention
replacement" augmentation of Dai & Adel (2020), which helps most on small NER corpora.

Only training sentences are used, both as the sentences to copy and as the pool of mentions,
so no dev or test mention leaks into training.
"""

from __future__ import annotations

import random
from collections import defaultdict

from spacy.tokens import Doc, Span

from scanner.ner.convert import guess_spaces


def mention_pool(docs: list[Doc]) -> dict[str, list[tuple[str, ...]]]:
    """Distinct mentions (as token tuples) per label, in first-seen order (deterministic)."""
    pool: dict[str, dict[tuple[str, ...], None]] = defaultdict(dict)
    for doc in docs:
        for ent in doc.ents:
            pool[ent.label_][tuple(t.text for t in ent)] = None
    return {label: list(mentions) for label, mentions in pool.items()}


def replace_mentions(
    doc: Doc, pool: dict[str, list[tuple[str, ...]]], rng: random.Random, rate: float = 0.8
) -> Doc:
    """A copy of ``doc`` where each entity is, with probability ``rate``, another mention."""
    words: list[str] = []
    ents: list[tuple[int, int, str]] = []
    cursor = 0
    for ent in doc.ents:
        words.extend(t.text for t in doc[cursor : ent.start])
        candidates = pool.get(ent.label_)
        if candidates and rng.random() < rate:
            mention = list(rng.choice(candidates))
        else:
            mention = [t.text for t in ent]
        ents.append((len(words), len(words) + len(mention), ent.label_))
        words.extend(mention)
        cursor = ent.end
    words.extend(t.text for t in doc[cursor:])
    new = Doc(doc.vocab, words=words, spaces=guess_spaces(words))
    new.ents = [Span(new, start, end, label=label) for start, end, label in ents]
    return new


def augment(docs: list[Doc], copies: int, rng: random.Random) -> list[Doc]:
    """``copies`` mention-replaced copies of every doc that has at least one entity."""
    pool = mention_pool(docs)
    return [replace_mentions(doc, pool, rng) for _ in range(copies) for doc in docs if doc.ents]
