"""The command-line contract of CLI.md: output shapes, options, exit codes."""
import json
import os
import textwrap

from conftest import FIXTURES, run_cli

CLEAN = os.path.join(FIXTURES, "clean")
SEEDS = os.path.join(FIXTURES, "seeds")
BAD = os.path.join(SEEDS, "it-construction-2026.yaml")  # no satisfaction row: LG101, an error


def test_clean_fixtures_exit_0():
    code, out, err = run_cli("check", CLEAN)
    assert code == 0, out + err
    assert "LG" not in out  # no finding (the text report may close with its verdict line)
    assert "2 个文件" in out + err


def test_findings_exit_1_and_text_names_file_line_code_severity():
    code, out, err = run_cli("check", BAD)
    assert code == 1
    assert BAD in out
    assert "LG101" in out and "错误" in out and "21" in out


def test_json_output_is_exactly_the_documented_shape():
    code, out, _ = run_cli("check", "--format", "json", BAD)
    assert code == 1
    data = json.loads(out)
    assert {"version", "tool", "findings", "summary"} <= set(data) <= {"version", "tool", "findings", "summary", "tables"}
    assert data["version"] == 1 and data["tool"]["name"] == "lintgoals"
    f = next(x for x in data["findings"] if x["code"] == "LG101")
    assert set(f) == {"file", "code", "name", "severity", "message", "path", "line", "column", "fixable"}
    assert f["file"] == BAD and f["name"] == "missing-satisfaction" and f["severity"] == "error"
    assert f["path"] == "/indicators" and f["line"] == 21 and f["column"] == 3
    assert "满意度" in f["message"]
    keys = [(x["file"], x["line"], x["column"], x["code"]) for x in data["findings"]]
    assert keys == sorted(keys)
    assert {k: data["summary"][k] for k in ("files", "errors", "infos")} == {"files": 1, "errors": 1, "infos": 0}
    assert data["summary"]["warnings"] >= 1


def test_relative_paths_stay_relative():
    code, out, _ = run_cli("check", "--format", "json", "seeds/it-construction-2026.yaml", cwd=FIXTURES)
    assert json.loads(out)["findings"][0]["file"] == "seeds/it-construction-2026.yaml"


def test_fail_on_levels():
    assert run_cli("check", "--fail-on", "never", BAD)[0] == 0
    # party-service has warnings only
    warn_only = os.path.join(SEEDS, "party-service-2026.yaml")
    assert run_cli("check", warn_only)[0] == 0
    assert run_cli("check", "--fail-on", "warning", warn_only)[0] == 1
    assert run_cli("check", "--fail-on", "info", warn_only)[0] == 1


def test_select_and_ignore_by_code_and_prefix():
    _, out, _ = run_cli("check", "--format", "json", "--select", "LG1", BAD)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"LG101", "LG105", "LG108"}
    _, out, _ = run_cli("check", "--format", "json", "--select", "LG1", "--ignore", "LG105,LG108", BAD)
    assert {f["code"] for f in json.loads(out)["findings"]} == {"LG101"}
    code, _, err = run_cli("check", "--select", "LG999", BAD)
    assert code == 2 and "LG999" in err


def test_english_messages_by_option_and_environment():
    _, out, _ = run_cli("check", "--format", "json", "--lang", "en", BAD)
    msg = next(f for f in json.loads(out)["findings"] if f["code"] == "LG101")["message"]
    assert msg.startswith("no satisfaction indicator")
    _, out, _ = run_cli("check", "--format", "json", BAD, env={"LINTGOALS_LANG": "en"})
    assert "no satisfaction indicator" in out


def test_folders_are_walked_recursively():
    code, out, err = run_cli("check", "--format", "json", FIXTURES)
    data = json.loads(out)
    files = {f["file"] for f in data["findings"]}
    assert os.path.join(SEEDS, "remote-network-om-2018.yaml") in files
    assert data["summary"]["files"] >= 16


def test_missing_path_is_a_tool_error_exit_2(tmp_path):
    code, out, err = run_cli("check", "--format", "json", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert "nope.yaml" in err and "路径不存在" in err and "LG001" not in out + err
    assert "Traceback" not in err


def test_rules_and_explain():
    code, out, _ = run_cli("rules")
    assert code == 0 and "LG201" in out and "vague-value" in out and "警告" in out
    code, out, _ = run_cli("rules", "--lang", "en")
    assert code == 0 and "warning" in out
    code, out, _ = run_cli("rules", "--format", "json")
    rules = json.loads(out)
    assert {"code", "name", "severity", "fixable", "summary"} <= set(rules[0])
    assert any(r["fixable"] for r in rules)
    code, out, _ = run_cli("explain", "LG201")
    assert code == 0 and "285号" in out and "反例" in out and "正例" in out
    code, out, _ = run_cli("explain", "vague-value", "--lang", "en")
    assert code == 0 and "Bad" in out and "Good" in out
    code, _, err = run_cli("explain", "LG999")
    assert code == 2 and "LG999" in err


def test_bad_config_exits_2_naming_the_key(tmp_path):
    (tmp_path / ".lintgoals.yaml").write_text("satisfaction_mni: 90\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(open(os.path.join(CLEAN, "remote-education-2026.yaml"), encoding="utf-8").read(), encoding="utf-8")
    code, out, err = run_cli("check", str(tmp_path))
    assert code == 2
    assert "satisfaction_mni" in err


def test_config_is_found_upward_and_applies(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.lintgoals]\nsatisfaction_min = 95\n", encoding="utf-8")
    sub = tmp_path / "forms"
    sub.mkdir()
    (sub / "t.yaml").write_text(open(os.path.join(CLEAN, "remote-education-2026.yaml"), encoding="utf-8").read(), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", str(sub))
    assert {f["code"] for f in json.loads(out)["findings"]} == {"LG203"}


def test_plugin_check_from_checks_dir(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "bureau.py").write_text(textwrap.dedent('''
        from lintgoals import check

        @check(code="XY101", name="no-test-projects", severity="error",
               messages={"zh": "项目名称“{name}”含“测试”", "en": "project name {name} holds 测试"})
        def no_test_projects(doc, ctx):
            """测试项目不得申报。

            [zh]
            为什么：示例。反例：测试项目。正例：正式项目。选项：无。
            [en]
            Why: example. Bad: 测试. Good: a real name. Options: none.
            """
            name = doc.project.get("name", "")
            if "测试" in name:
                yield ctx.finding("/project/name", name=name)
    '''), encoding="utf-8")
    table = tmp_path / "t.yaml"
    text = open(os.path.join(CLEAN, "remote-education-2026.yaml"), encoding="utf-8").read()
    table.write_text(text.replace("name: 党员远教电教工作经费", "name: 测试项目"), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--checks-dir", str(plugins), str(table))
    assert code == 1, err
    found = json.loads(out)["findings"]
    assert [f["code"] for f in found] == ["XY101"]
    assert found[0]["line"] == 7 and found[0]["message"] == "项目名称“测试项目”含“测试”"
    code, out, _ = run_cli("rules", "--checks-dir", str(plugins))
    assert "XY101" in out
    code, out, _ = run_cli("explain", "XY101", "--checks-dir", str(plugins))
    assert "测试项目不得申报" not in out and "示例" in out


def test_plugin_from_entry_point(tmp_path):
    """A package registered under the `lintgoals.checks` entry-point group."""
    site = tmp_path / "site"
    (site / "bureau_checks").mkdir(parents=True)
    (site / "bureau_checks" / "__init__.py").write_text(textwrap.dedent('''
        from lintgoals import check

        @check(code="BJ201", name="bj-rule", severity="warning",
               messages={"zh": "北京规则：{n}", "en": "Beijing rule: {n}"})
        def bj_rule(doc, ctx):
            """[zh]
            为什么 反例 正例 选项
            [en]
            Why Bad Good Options
            """
            yield ctx.finding("/indicators", n=len(doc.indicators))
    '''), encoding="utf-8")
    dist = site / "bureau_checks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: bureau-checks\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[lintgoals.checks]\nbureau = bureau_checks\n", encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--select", "BJ", os.path.join(CLEAN, "remote-education-2026.yaml"),
                             env={"PYTHONPATH": str(site)})
    assert [f["code"] for f in json.loads(out)["findings"]] == ["BJ201"], err


def test_crashing_check_is_reported_with_its_code_and_exit_2(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "broken.py").write_text(textwrap.dedent('''
        from lintgoals import check

        @check(code="XY900", name="broken", severity="warning", messages={"zh": "x", "en": "x"})
        def broken(doc, ctx):
            """[zh]
            为什么 反例 正例 选项
            [en]
            Why Bad Good Options
            """
            raise RuntimeError("boom")
            yield
    '''), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--checks-dir", str(plugins), BAD)
    assert code == 2
    found = json.loads(out)["findings"]
    crash = [f for f in found if f["code"] == "XY900"]
    assert crash and "boom" in crash[0]["message"] and crash[0]["name"] == "internal-error"
    assert any(f["code"] == "LG101" for f in found), "the other checks still run"
    assert "Traceback" not in err


def test_duplicate_plugin_code_is_a_tool_error(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "dup.py").write_text(textwrap.dedent('''
        from lintgoals import check

        @check(code="LG101", name="mine", severity="warning", messages={"zh": "x", "en": "x"})
        def mine(doc, ctx):
            yield from ()
    '''), encoding="utf-8")
    code, _, err = run_cli("check", "--checks-dir", str(plugins), BAD)
    assert code == 2 and "LG101" in err


def test_bad_option_is_exit_2():
    code, _, err = run_cli("check", "--format", "xml", BAD)
    assert code == 2


def test_jobs_give_the_same_output():
    _, one, _ = run_cli("check", "--format", "json", "-j", "1", FIXTURES)
    _, two, _ = run_cli("check", "--format", "json", "-j", "2", FIXTURES)
    assert one == two


def test_schema_command_prints_a_json_schema_path():
    code, out, _ = run_cli("schema")
    assert code == 0 and json.load(open(out.strip(), encoding="utf-8"))["title"].startswith("lintgoals format 1")
