"""Meta-tests: the catalogue stays honest."""
import os
import re

import pytest

from lintgoals.check import split_languages
from lintgoals.messages import placeholders
from lintgoals.registry import load_registry
from lintgoals.testing import load_cases, run_case

REGISTRY = load_registry(entry_points=False)
SPECS = list(REGISTRY)
CASES_DIR = os.path.join(os.path.dirname(__file__), "cases")
CASES = load_cases(CASES_DIR)
RULES_MD = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "RULES.md")


def test_codes_are_unique_and_named():
    codes = [s.code for s in SPECS]
    assert len(codes) == len(set(codes))
    names = [s.name for s in SPECS]
    assert len(names) == len(set(names))


@pytest.mark.skipif(not os.path.exists(RULES_MD), reason="RULES.md is beside the checkout only")
def test_every_catalogue_rule_is_implemented_with_its_name_and_severity():
    text = open(RULES_MD, encoding="utf-8").read()
    rows = re.findall(r"^\| (LG[0-5]\d\d) \| ([a-z-]+) \| ([a-z]+)", text, re.M)
    assert len(rows) >= 37
    for code, name, sev in rows:
        spec = REGISTRY.get(code)
        assert spec is not None, f"{code} {name} is in RULES.md but not implemented"
        assert spec.name == name, code
        assert str(spec.severity) == sev, code


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_messages_in_both_languages_with_the_same_placeholders(spec):
    assert set(spec.messages) >= {"zh", "en"}
    assert placeholders(spec.messages["zh"]) == placeholders(spec.messages["en"]), spec.code
    assert re.search(r"[\u4e00-\u9fff]", spec.messages["zh"]), "the zh message must be Chinese"


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_explain_page_has_what_why_examples_options(spec):
    pages = split_languages(spec.doc)
    zh, en = pages.get("zh", ""), pages.get("en", "")
    assert zh and en and zh != en, f"{spec.code}: the docstring needs [zh] and [en] pages"
    for word in ("为什么", "反例", "正例", "选项"):
        assert word in zh, f"{spec.code} zh page lacks {word}"
    for word in ("Why", "Bad", "Good", "Options"):
        assert word in en, f"{spec.code} en page lacks {word}"
    for opt in spec.options:
        assert opt in zh and opt in en, f"{spec.code}: option {opt} undocumented"


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_every_check_has_passing_and_failing_cases(spec):
    mine = [c for c in CASES if c["_code"] == spec.code]
    assert mine, f"no tests/cases/{spec.code}.yaml"
    assert any(c.get("expect") for c in mine), f"{spec.code} has no failing case"
    assert any(not c.get("expect") for c in mine), f"{spec.code} has no passing case"
    assert any(any("line" in e for e in c.get("expect") or []) for c in mine), f"{spec.code}: no case pins a line"


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_option_defaults_validate(spec):
    import cerberus

    if spec.options:
        schema = {k: {kk: vv for kk, vv in v.items() if kk != "default"} for k, v in spec.options.items()}
        assert cerberus.Validator(schema).validate(spec.option_defaults())


def test_every_message_renders_in_both_languages():
    """Every finding of every case renders in both languages from its own
    template: no template asks for an argument the check does not pass."""
    from lintgoals.messages import localize

    seen = set()
    for case in CASES:
        for f in run_case(case):
            spec = REGISTRY.get(f.code)
            for lang in ("zh", "en"):
                args = {k: localize(v, lang) for k, v in f.args.items()}
                text = spec.messages[lang].format(**args)  # KeyError = a missing argument
                assert text.strip()
            seen.add(f.code)
    assert seen == {s.code for s in SPECS}, f"codes never produced by a case: {sorted({s.code for s in SPECS} - seen)}"
