"""The run-scope phase: run checks on the tables' summaries (LG6, LG7, plugins),
--previous, related locations, fingerprints, the cache."""
import json
import os
import shutil

from conftest import FIXTURES, run_cli

from lintgoals.runner import Plan
from lintgoals.engine import Engine

SEEDS = os.path.join(FIXTURES, "seeds")


def _json(*args, env=None):
    code, out, err = run_cli("check", "--format", "json", "--select", "LG6,LG7", *args, env=env)
    assert code in (0, 1), err
    return json.loads(out)


def test_engine_keeps_run_checks_apart():
    engine = Plan().engine()
    assert {p.spec.code for p in engine.run_checks} >= {"LG601", "LG602", "LG603", "LG604", "LG605", "LG701"}
    assert not [p for p in engine.checks if p.spec.scope == "run"]


def test_seeds_pair_renamed_projects_across_years():
    data = _json(SEEDS)
    by = {(os.path.basename(f["file"]), f["code"]) for f in data["findings"]}
    # 电教远教工作经费 (2020) → 党员远教电教工作经费 (2026): 制作党建类远程教育课件 =20部 → ≥12(部)
    assert ("remote-education-2026.yaml", "LG601") in by
    # …运维（非信息化项目） 2020 → 2026: 故障处理修复及时性 =100% → 故障响应及时性 及时
    assert ("remote-network-om-2026.yaml", "LG604") in by
    lowered = next(f for f in data["findings"] if f["code"] == "LG601")
    assert "由上年 =20部 降为 ≥12(部)" in lowered["message"] and "remote-education-2020.yaml 第42行" in lowered["message"]


def test_previous_is_read_not_reported(tmp_path):
    this = os.path.join(SEEDS, "remote-education-2026.yaml")
    data = _json(this, "--previous", os.path.join(SEEDS, "remote-education-2020.yaml"))
    assert {f["file"] for f in data["findings"]} == {this}
    assert "LG601" in {f["code"] for f in data["findings"]}
    assert data["summary"]["files"] == 1
    # without it, nothing to compare with
    assert not _json(this)["findings"]


def test_sarif_related_location_and_fingerprint_without_last_years_file(tmp_path):
    this = os.path.join(SEEDS, "remote-education-2026.yaml")
    prints = []
    for name in ("a-2020.yaml", "b-old.yaml"):
        folder = tmp_path / name.split(".")[0]
        folder.mkdir()
        shutil.copy(os.path.join(SEEDS, "remote-education-2020.yaml"), folder / name)
        code, out, err = run_cli("check", "--format", "sarif", "--select", "LG601", this, "--previous", str(folder))
        results = json.loads(out)["runs"][0]["results"]
        assert len(results) == 1, err
        related = results[0]["relatedLocations"][0]["physicalLocation"]
        assert related["artifactLocation"]["uri"].endswith(name) and related["region"]["startLine"] == 42
        prints.append(results[0]["partialFingerprints"]["lintgoals/v1"])
    assert prints[0] == prints[1]


def test_warm_cache_gives_the_same_run_findings(tmp_path):
    env = {"LINTGOALS_CACHE_DIR": str(tmp_path / "cache")}
    cold = _json(SEEDS, env=env)
    warm = _json(SEEDS, env=env)
    assert cold["findings"] == warm["findings"] and cold["findings"]


def test_a_units_run_findings_are_cached_until_one_of_its_tables_changes(tmp_path):
    """A warm run takes each unchanged unit's run findings from the cache (no
    summary read); editing last year's table recomputes that unit."""
    for n in ("remote-education-2020.yaml", "remote-education-2026.yaml"):
        shutil.copy(os.path.join(SEEDS, n), tmp_path / n)
    env = {"LINTGOALS_CACHE_DIR": str(tmp_path / "cache")}
    cold = _json(str(tmp_path), env=env)["findings"]
    assert any(f["code"] == "LG601" for f in cold)
    assert _json(str(tmp_path), env=env)["findings"] == cold
    old = tmp_path / "remote-education-2020.yaml"
    old.write_text(old.read_text(encoding="utf-8").replace("=20部", "=12部"), encoding="utf-8")
    after = _json(str(tmp_path), env=env)["findings"]
    assert after != cold and not any(f["code"] == "LG601" and "课件" in f["message"] for f in after)


def test_per_file_ignores_apply(tmp_path):
    for n in ("remote-education-2020.yaml", "remote-education-2026.yaml"):
        shutil.copy(os.path.join(SEEDS, n), tmp_path / n)
    (tmp_path / ".lintgoals.yaml").write_text("per-file-ignores:\n  '*-2026.yaml': [LG6]\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--select", "LG6", str(tmp_path), cwd=str(tmp_path))
    assert json.loads(out)["findings"] == [], err


def test_a_plugin_run_check(tmp_path):
    plugin = tmp_path / "plugins"
    plugin.mkdir()
    (plugin / "same_set.py").write_text('''
from lintgoals import check

@check(code="BUR001", name="same-indicator-set", severity="info", scope="run",
       messages={"zh": "本单位各项目的指标不一致：{n} 个项目", "en": "projects of this unit differ in indicators: {n}"})
def same_set(run, ctx):
    """同一单位各项目应使用同一套指标。

    [zh]
    示例插件。

    [en]
    An example plugin.
    """
    for unit, tables in run.units():
        sets = {frozenset(r.key for r in t.indicators) for t in tables}
        if len(sets) > 1:
            for t in tables:
                if run.checked(t):
                    yield ctx.finding(t, "/indicators", n=len(tables))
''', encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--select", "BUR", "--checks-dir", str(plugin), SEEDS)
    found = json.loads(out)["findings"]
    assert found and {f["code"] for f in found} == {"BUR001"}, err
