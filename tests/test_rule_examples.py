"""Every rule's own examples, gitleaks/Semgrep style: one parametrized test over all rule files.

``match`` examples must produce at least one finding from that rule, ``no_match`` examples none
from that rule; ``todo_match`` / ``todo_no_match`` record known gaps (xfail, strict: a fixed gap
fails the test so the example can be promoted).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.model import Segment
from scanner.rulepacks import load_rules

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
RULESET = load_rules(RULES_DIR)
FILLER = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n" * 30


def _cases():
    for c in RULESET.compiled:
        ex = c.rule.examples
        groups = (
            ("match", ex.match, True, False),
            ("no_match", ex.no_match, False, False),
            ("todo_match", ex.todo_match, True, True),
            ("todo_no_match", ex.todo_no_match, False, True),
        )
        for group, items, expect, todo in groups:
            for i, example in enumerate(items):
                marks = [pytest.mark.xfail(strict=True, reason="known gap")] if todo else []
                yield pytest.param(
                    c.rule.id,
                    example.text,
                    example.layer,
                    expect,
                    id=f"{c.pack}/{c.rule.id}/{group}[{i}]",
                    marks=marks,
                )


@pytest.mark.parametrize(("rule_id", "text", "layer", "expect"), list(_cases()))
def test_rule_example(rule_id: str, text: str, layer: str, expect: bool) -> None:
    rule = RULESET.get(rule_id)
    segment = Segment(text=text, location={"example": rule_id}, layer=layer)
    findings = [f for f in rule.scan(segment) if f.rule == rule_id]
    if expect:
        assert findings, f"{rule_id} should match: {text!r}"
        for f in findings:
            assert f.text and len(f.text) <= 121
            assert f.explanation["rule"] == rule_id
        # Inside a long segment the rule only runs around its keywords: it must still match.
        padded = Segment(text=FILLER + text + "\n" + FILLER, location={}, layer=layer)
        assert [f for f in rule.scan(padded) if f.rule == rule_id], (
            f"{rule_id}: match lost inside a long segment - is a keyword part of the match?"
        )
    else:
        assert not findings, (
            f"{rule_id} must not match {text!r}; hit {[f.text for f in findings]} "
            f"via {[f.explanation['pattern'] for f in findings]}"
        )
