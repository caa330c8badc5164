"""Configuration: cerberus validation, options, severities, per-file ignores."""
import pytest

from lintgoals.config import Config, ConfigError, validate
from lintgoals.registry import load_registry

SPECS = list(load_registry(entry_points=False))


@pytest.mark.parametrize("raw,key", [
    ({"selct": ["LG1"]}, "selct"),
    ({"satisfaction_min": "high"}, "satisfaction_min"),
    ({"severity": {"LG101": "fatal"}}, "severity"),
    ({"severity": {"LG999": "info"}}, "LG999"),
    ({"rules": {"LG207": {"prose_min_chars": -1}}}, "prose_min_chars"),
    ({"rules": {"LG207": {"nope": 1}}}, "nope"),
    ({"fail-on": "sometimes"}, "fail-on"),
    ({"templates": {"2026": {"level1": "x"}}}, "level1"),
])
def test_bad_config_names_the_key(raw, key):
    with pytest.raises(ConfigError) as e:
        validate(raw, SPECS)
    assert key in str(e.value)


def test_options_precedence():
    cfg = validate({"satisfaction_min": 90, "rules": {"LG203": {"satisfaction_min": 95}}, "prose_min_chars": 20}, SPECS)
    by = {s.code: s for s in SPECS}
    assert cfg.options_for(by["LG203"])["satisfaction_min"] == 95
    # a top-level key sets every built-in that declares it (one declaration, shared)
    for spec in SPECS:
        if "prose_min_chars" in spec.options:
            assert cfg.options_for(spec)["prose_min_chars"] == 20
    assert Config().options_for(by["LG203"])["satisfaction_min"] == 85


def test_per_file_ignores(tmp_path):
    cfg = validate({"per-file-ignores": {"legacy/*.yaml": ["LG2"]}}, SPECS)
    cfg.path = str(tmp_path / ".lintgoals.yaml")
    assert cfg.ignored_for(str(tmp_path / "legacy" / "a.yaml")) == ["LG2"]
    assert cfg.ignored_for(str(tmp_path / "new" / "a.yaml")) == []


def test_severity_override_and_template_from_config():
    from lintgoals.testing import run_case

    found = run_case({"table": {"indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "各类直播等录制次数", "value": "≥50(次)"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "管理人员满意度", "value": "≥90.00(%)"}]},
        "config": {"severity": {"LG108": "info"}}})
    assert [(f.code, str(f.severity)) for f in found if f.code == "LG108"] == [("LG108", "info")]
    found = run_case({"table": {"template": "bureau"}, "config": {"templates": {"bureau": {
        "level1": {"产出指标": ["数量指标", "质量指标", "时效指标"], "效益指标": None, "满意度指标": None, "成本指标": None},
        "required": ["产出指标", "效益指标", "绩效评价指标"]}}}})
    assert [f.code for f in found if f.code.startswith("LG1")] == ["LG102"]


@pytest.mark.parametrize("raw,lang,words", [
    ({"satisfation_min": 90}, "zh", ["satisfation_min", "是不是 satisfaction_min"]),
    ({"satisfation_min": 90}, "en", ["did you mean satisfaction_min"]),
    ({"select": ["LG2O1"]}, "en", ["LG2O1", "did you mean LG201"]),
    ({"severity": {"LG2O1": "info"}}, "zh", ["LG2O1", "LG201"]),
    ({"rules": {"LG2O3": {}}}, "zh", ["LG2O3", "LG203"]),
    ({"satisfaction_min": 0.9}, "zh", ["0.9", "90", "LG203"]),
    ({"rules": {"LG203": {"satisfaction_min": 0.9}}}, "en", ["write 90", "LG203"]),
    ({"satisfaction_min": 101}, "en", ["at most 100"]),
    ({"budget_jump_pct": 0.3}, "en", ["write 30"]),
])
def test_config_errors_suggest_and_range_check(raw, lang, words):
    with pytest.raises(ConfigError) as e:
        validate(raw, SPECS, lang=lang)
    for w in words:
        assert w in str(e.value), (w, str(e.value))
    assert "{" not in str(e.value)


def test_percent_options_accept_percent():
    validate({"satisfaction_min": 90, "budget_jump_pct": 30, "rules": {"LG203": {"satisfaction_min": 0}}}, SPECS)


def test_top_level_keys_are_for_builtins_only():
    from lintgoals.check import check

    def plugin(doc, ctx):
        yield from ()

    spec = check(code="XY203", name="mine", messages={"zh": "x", "en": "x"},
                 options={"satisfaction_min": {"type": "number", "default": 50}})(plugin).__lintgoals_check__
    cfg = validate({"satisfaction_min": 95, "rules": {"XY203": {"satisfaction_min": 60}}}, SPECS + [spec])
    by = {s.code: s for s in SPECS}
    assert cfg.options_for(by["LG203"])["satisfaction_min"] == 95
    assert cfg.options_for(spec)["satisfaction_min"] == 60
    cfg = validate({"satisfaction_min": 95}, SPECS + [spec])
    assert cfg.options_for(spec)["satisfaction_min"] == 50


def test_errors_name_the_line_of_the_key(tmp_path):
    from lintgoals.config import read_config

    p = tmp_path / ".lintgoals.yaml"
    p.write_text("fail-on: error\nrules:\n  LG207:\n    prose_min_chars: -1\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        validate(read_config(str(p)), SPECS, source=str(p), lang="en")
    assert f"{p}:4: rules.LG207.prose_min_chars: must be at least 1" in str(e.value)
