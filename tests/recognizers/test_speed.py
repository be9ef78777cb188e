"""Adversarial inputs must stay linear (no catastrophic backtracking, no quadratic loops)."""

import time

import pytest

from scanner.recognizers import ENTITY_TYPES, all_recognizers

# fmt: off
CASES = {
    "digits": "1" * 20000,
    "grouped": "1234 " * 4000,
    "long_key": "A_KEY_" * 3000 + "=x",
    "rt_rw": "RT 1/2, " * 2500,
    "passwords": "password= " * 2000,
    "table": "No Nama NIK KK\n" + "1 A 3573115412980402 3573112701120018\n" * 800,
    "phones": "HP 0812-3456-7890 " * 1200,
    "streets": "Jl. Abc " * 3000,
}
# fmt: on


@pytest.mark.parametrize("name", sorted(CASES))
def test_linear_time(name):
    text = CASES[name]
    recognizers = all_recognizers()
    start = time.perf_counter()
    for recognizer in recognizers:
        recognizer.analyze(text, list(ENTITY_TYPES), nlp_artifacts=None)
    assert time.perf_counter() - start < 5.0  # generous: shared CI machines
