"""Span repair after the statistical NER: fixes a few error patterns the model makes by design.

A transition-based NER decides token by token and has no notion of how Indonesian names are
written, so on NERGrit *valid* (error analysis of the 0.2.0 model; test was never looked at) it
makes three kinds of mistakes that a rule fixes without new errors:

* **initials** - ``Arifin C . Noer`` comes out as two persons, ``Arifin C`` and ``Noer``,
  because the dot after the initial looks like a sentence end. Two PER spans joined by a
  single-letter initial and its dot are one name.
* **titles** - ``Drs Sabarani``: the span convention (see ``MODEL_CARD.md``) keeps honorifics and
  titles outside PER; the model sometimes pulls one in. The same trimming that was applied to
  the training data (:func:`scanner.ner.convert.strip_person_titles`) is applied here.
* **lower-case words** - ``ghazal``, ``qawwali``, ``shogun``: on a line that is written with
  normal capitalisation a word starting in lower case is not a name, unless it is a name particle
  (``de Burgh``, ``bin``, ``van``). On an all-lower-case or ALL-CAPS line or table cell the rule
  stays silent, because there case carries no information.

The component is registered as ``saring_ner_repair`` (entry point ``spacy_factories`` in
``pyproject.toml``), runs after ``ner`` in the shipped pipeline and only edits ``doc.ents``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from scanner.ner.convert import strip_person_titles

COMPONENT_NAME = "saring_ner_repair"
LINE_CONTEXT = 40

# Lower-case words that can open a name in running text (Dutch/German/Arabic/Romance particles).
NAME_PARTICLES = frozenset(
    "al bin binti da das de del della der di dos du el la le ten ter van von".split()
)


def _is_initial(text: str) -> bool:
    """``C`` or ``C.``: one capital letter, optionally with its dot."""
    core = text[:-1] if text.endswith(".") else text
    return len(core) == 1 and core.isalpha() and core.isupper()


def _is_field_break(text: str) -> bool:
    return "\n" in text or "\t" in text


def _is_cased_text(tokens: Span) -> bool:
    """Mixed-case writing: some words start upper-case and some words are lower-case."""
    has_upper_initial = has_lower_word = False
    for tok in tokens:
        text = tok.text
        if not text[:1].isalpha():
            continue
        if text[0].isupper() and not text.isupper():
            has_upper_initial = True
        elif text.islower() and len(text) > 1:
            has_lower_word = True
        if has_upper_initial and has_lower_word:
            return True
    return False


def _line_of(doc: Doc, ent: Span) -> Span:
    """The line or table cell around ``ent``: tokens up to the nearest newline or tab.

    Casing is judged there and not over the whole page, so a name typed in lower case into a
    table cell or a form line is not dropped because the rest of the page is cased. At most
    LINE_CONTEXT tokens on each side, so that a page without line breaks stays cheap.
    """
    lo, hi = max(0, ent.start - LINE_CONTEXT), min(len(doc), ent.end + LINE_CONTEXT)
    start, end = ent.start, ent.end
    while start > lo and not _is_field_break(doc[start - 1].text):
        start -= 1
    while end < hi and not _is_field_break(doc[end].text):
        end += 1
    return doc[start:end]


def _merge_initials(doc: Doc, ents: list[Span]) -> list[Span]:
    """Join ``PER(… C)`` ``.`` ``PER(Noer …)`` and ``PER(… C.)`` ``PER(Noer …)`` into one PER."""
    out: list[Span] = []
    for ent in ents:
        if out and ent.label_ == "PER" and out[-1].label_ == "PER":
            prev = out[-1]
            gap = doc[prev.end : ent.start]
            last = prev[-1].text
            joined_by_dot = len(gap) == 1 and gap[0].text == "." and _is_initial(last)
            adjacent = len(gap) == 0 and last.endswith(".") and _is_initial(last)
            if joined_by_dot or adjacent:
                out[-1] = Span(doc, prev.start, ent.end, label="PER")
                continue
        out.append(ent)
    return out


def _trim_titles(doc: Doc, ent: Span) -> Span | None:
    words = [t.text for t in doc[ent.start : ent.end]]
    start, end = strip_person_titles(words, 0, len(words))
    if (start, end) == (0, len(words)):
        return ent
    if start >= end:
        return None
    return Span(doc, ent.start + start, ent.start + end, label="PER")


def repair_entities(doc: Doc) -> Doc:
    """Apply the three repairs to ``doc.ents`` in place and return ``doc``."""
    if not doc.ents:
        return doc
    ents = _merge_initials(doc, sorted(doc.ents, key=lambda s: s.start))
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "PER":
            first = ent[0].text
            if (
                first[:1].islower()
                and first.lower() not in NAME_PARTICLES
                and _is_cased_text(_line_of(doc, ent))
            ):
                continue
            trimmed = _trim_titles(doc, ent)
            if trimmed is None:
                continue
            ent = trimmed
        out.append(ent)
    doc.ents = out
    return doc


@Language.component(COMPONENT_NAME)
def saring_ner_repair(doc: Doc) -> Doc:
    """spaCy pipeline component wrapping :func:`repair_entities`."""
    return repair_entities(doc)
