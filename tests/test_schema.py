"""The format-1 schema: the compiled yes/no validator agrees with jsonschema."""
import json
import random

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintgoals.schema_fast import compile_schema
from lintgoals.schemas import FORMAT1
from lintgoals.testing import base_table
from tablegen import clean_table

SCHEMA = json.load(open(FORMAT1, encoding="utf-8"))
FAST = compile_schema(SCHEMA)
SLOW = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


def test_the_schema_is_valid_and_compiles():
    jsonschema.validators.validator_for(SCHEMA).check_schema(SCHEMA)
    assert FAST is not None


json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                                     st.text(max_size=5), st.sampled_from(["2026", "1"])),
                           lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                  st.dictionaries(st.sampled_from(
                                                      ["name", "value", "level1", "year", "project", "indicators", "budget",
                                                       "items", "amount", "x", "lintgoals", "template", "goals", "annual"]),
                                                      kids, max_size=4)), max_leaves=15)


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_fast_and_jsonschema_agree_on_anything(doc):
    assert FAST(doc) == SLOW.is_valid(doc)


@pytest.mark.parametrize("seed", range(20))
def test_agree_on_generated_tables_and_their_mutations(seed):
    rng = random.Random(seed)
    t = clean_table(rng)
    assert FAST(t) and SLOW.is_valid(t)
    for mutate in (lambda d: d.update(year="二〇二六"), lambda d: d["project"].update(extra=1),
                   lambda d: d["indicators"][0].pop("name"), lambda d: d.update(lintgoals=True),
                   lambda d: d["budget"].update(items=5), lambda d: d.update(indicators=[])):
        d = json.loads(json.dumps(t))
        mutate(d)
        assert FAST(d) == SLOW.is_valid(d) == False


def test_bases_are_valid():
    for name in ("2026", "2020", "2018"):
        assert FAST(base_table(name))
