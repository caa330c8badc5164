"""Generated tables: clean ones get no warning or error from the whole
catalogue; one injected defect each is found by the five named checks."""
import random

import pytest
import yaml

from lintgoals.model import Severity
from lintgoals.testing import run_case
from tablegen import clean_table, inject

SEEDS = range(60)


def _findings(table):
    return run_case({"doc": yaml.safe_dump(table, allow_unicode=True, sort_keys=False)})


@pytest.mark.parametrize("seed", SEEDS)
def test_clean_generated_tables_get_no_warning_or_error(seed):
    table = clean_table(random.Random(seed))
    bad = [(f.code, f.path, dict(f.args)) for f in _findings(table) if f.severity >= Severity.WARNING]
    assert bad == []


@pytest.mark.parametrize("code", ["LG101", "LG201", "LG301", "LG401", "LG403"])
@pytest.mark.parametrize("seed", range(20))
def test_each_injected_defect_is_found(code, seed):
    rng = random.Random(1000 + seed)
    table, path = inject(clean_table(rng), code, rng)
    found = [f for f in _findings(table) if f.severity >= Severity.WARNING]
    assert [(f.code, f.path) for f in found if f.code == code] == [(code, path)]
    # one defect, one finding: nothing else at warning or above
    assert [f.code for f in found] == [code]


def test_json_and_yaml_give_the_same_findings():
    import json

    table = inject(clean_table(random.Random(7)), "LG201", random.Random(7))[0]
    y = run_case({"doc": yaml.safe_dump(table, allow_unicode=True, sort_keys=False)})
    j = run_case({"doc": json.dumps(table, ensure_ascii=False, indent=1), "format": "json"})
    assert [(f.code, f.path) for f in y] == [(f.code, f.path) for f in j]
    assert all(f.line > 0 for f in j)
