"""The NLP engine skips re-reading the saved tokenizer: it must tokenise exactly as saved."""

from __future__ import annotations

import pytest
import spacy

from scanner.config import load_config
from scanner.ner.presidio_engine import build_nlp_engine

MODEL = load_config().resolved_model_dir()
TEXT = ("Kepala Dinas Kominfo Kab. Jember, Drs. H. Budi Santoso, M.Si. menerima SITI AMINAH "
        "binti SUPRIYADI di Jl. Mawar No. 5 RT 02/RW 03, Kel. Sumbersari, tgl. 12-05-1990.")


@pytest.mark.skipif(MODEL is None, reason="no NER model in models/")
def test_model_tokenises_like_the_saved_tokenizer(no_network) -> None:
    saved = spacy.load(MODEL)
    engine = build_nlp_engine(MODEL)
    assert [t.text for t in engine.nlp["id"](TEXT)] == [t.text for t in saved(TEXT)]
    assert engine.version.startswith(saved.meta["name"])
