"""One parametrized runner over every tests/cases/LGxxx.yaml case."""
import os

import pytest

from lintgoals.testing import compare, load_cases, run_case

CASES = load_cases(os.path.join(os.path.dirname(__file__), "cases"))


@pytest.mark.parametrize("case", CASES, ids=[f"{c['_code']}: {c['name']}" for c in CASES])
def test_case(case):
    findings = run_case(case)
    problem = compare(case, findings, case["_code"])
    assert problem is None, problem
    # no case may crash a check
    assert not [f for f in findings if f.name == "internal-error"], findings
