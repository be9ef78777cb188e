"""Shared helpers for the recognizer tests (no spaCy, no network)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def found():
    """``found(recognizer, entities, text) -> list[str]`` of matched values, in text order."""

    def run(recognizer, entities, text):
        results = recognizer.analyze(text, entities, nlp_artifacts=None)
        results = [r for r in results if r.entity_type in entities]
        return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]

    return run

@pytest.fixture(scope="module")
def tagged():
    """``tagged(recognizer, entities, text) -> {value: set(tags)}``."""

    def run(recognizer, entities, text):
        results = recognizer.analyze(text, entities, nlp_artifacts=None)
        return {text[r.start : r.end]: set(r.recognition_metadata["saring_tags"]) for r in results
                if r.entity_type in entities}

    return run
