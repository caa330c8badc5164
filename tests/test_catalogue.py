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
    if not spec.code.startswith("LG0"):  # a trap: a row that looks like a hit and is not (RULES.md's own examples)
        assert any("trap" in c["name"].lower() for c in mine), f"{spec.code} has no trap case"


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


# --- sources (RULES.md "Official grounding"): every explain page cites them by
# number AND title, and never a file of this repository or another document --

GROUNDING = {  # number → title, as the catalogue's grounding lists them
    "中发〔2018〕34号": "《中共中央 国务院关于全面实施预算绩效管理的意见》",
    "财预〔2011〕285号": "《财政支出绩效评价管理暂行办法》",
    "财预〔2015〕88号": "《中央部门预算绩效目标管理办法》",
    "财预〔2020〕10号": "《项目支出绩效评价管理办法》",
    "财预〔2021〕101号": "《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》",
}
TITLED = (  # documents cited by title (they have no number of their own)
    "《上海市市级部门项目支出核心绩效目标和指标设置及取值指引（试行）》",
    "《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》",
)
MENTIONED = {"沪财绩〔2014〕22号"}  # the rules the evaluation report was done under: named, not cited
# rules that rest on no official document: the file can be read, a percentage
# lies in 0–100, an amount is positive, markup is not text
NO_SOURCE = {"LG304", "LG402", "LG502"}
NUMBER = re.compile(r"(?:中发|财预|财绩|财办预|沪财绩|沪财预|国办发|国发)〔\d{4}〕\d+号")
REPO_NAMES = re.compile(
    r"seeds/|fixtures/|tests/|checks/|lintgoals/|docs/|RULES\.md|FORMAT\.md|DESIGN\.md|CLI\.md|README"
    r"|(?<![.\w])[\w-]+\.(?:py|md)\b")  # a user's own file (forms/x.yaml, .lintgoals.yaml) is fine


def _needs_source(code: str) -> bool:
    return code[:3] in ("LG1", "LG2", "LG3", "LG4", "LG5", "LG8") and code not in NO_SOURCE


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_explain_pages_cite_official_documents_by_number_and_title(spec):
    pages = split_languages(spec.doc)
    for lang in ("zh", "en"):
        page = pages.get(lang, "")
        numbers = set(NUMBER.findall(page))
        unknown = numbers - set(GROUNDING) - MENTIONED
        assert not unknown, f"{spec.code} [{lang}] cites {sorted(unknown)}, which the catalogue does not ground on"
        flat = re.sub(r"\s+", "", page)  # a title may be wrapped across lines of the page
        for n in numbers & set(GROUNDING):
            # the title right after the number, at least once (的 between them is fine)
            assert re.search(re.escape(n) + "的?" + re.escape(GROUNDING[n].replace(" ", "")), flat), \
                f"{spec.code} [{lang}] cites {n} without its title {GROUNDING[n]}"
        if _needs_source(spec.code):
            assert numbers & set(GROUNDING) or any(t in flat for t in TITLED), \
                f"{spec.code} [{lang}] cites no official document by number and title"


@pytest.mark.parametrize("spec", SPECS, ids=[s.code for s in SPECS])
def test_explain_pages_name_no_file_of_this_repository(spec):
    pages = split_languages(spec.doc)
    for lang in ("zh", "en"):
        m = REPO_NAMES.search(pages.get(lang, ""))
        assert m is None, f"{spec.code} [{lang}] names {m.group(0)!r}: cite the official document instead"
