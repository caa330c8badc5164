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
