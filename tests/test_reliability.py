"""Hostile and broken input: always a finding (exit 0/1), never a traceback."""
import json
import os
import shutil
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_cli
from lintgoals.engine import Engine
from lintgoals.load import load_bytes
from lintgoals.registry import load_registry
from lintgoals.taxonomy import load_templates

CLEAN = open(os.path.join(FIXTURES, "clean", "remote-education-2026.yaml"), encoding="utf-8").read()


def check_bytes(tmp_path, name, data, *args):
    p = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    p.write_bytes(data)
    code, out, err = run_cli("check", "--format", "json", *args, str(p))
    assert "Traceback" not in err, err
    assert code in (0, 1), (code, err)
    return code, json.loads(out)["findings"]


BAD = [
    ("yaml syntax", "bad.yaml", "year: 2026\nproject: {name: x\n", "LG001", "没有对应的 }"),
    ("json syntax", "bad.json", '{"year": 2026,,}', "LG001", "JSON"),
    ("tabs", "tabs.yaml", "project:\n\tname: x\n", "LG001", "制表符"),
    ("empty", "empty.yaml", "", "LG001", "为空"),
    ("blank", "blank.yaml", "  \n\n\t\n", "LG001", "为空"),
    ("binary", "bin.yaml", b"\x00\x01\x02PNG\x00", "LG001", "二进制"),
    ("gbk", "gbk.yaml", "year: 2026\nproject: {name: 党员远教}\n".encode("gbk"), "LG001", "iconv -f GB18030"),
    ("utf-16", "u16.yaml", "year: 2026\n".encode("utf-16"), "LG001", "UTF-16"),
    ("top level list", "list.yaml", "- 1\n- 2\n", "LG002", "键值映射"),
    ("top level scalar", "scalar.yaml", "hello\n", "LG002", "键值映射"),
    ("nan", "nan.json", '{"year": NaN, "project": {"name": "x"}, "indicators": []}', "LG001", "NaN"),
    ("infinity", "inf.json", '{"year": Infinity}', "LG001", "Infinity"),
    ("unsafe tag", "tag.yaml", "year: !!python/object/apply:os.system [echo pwned]\n", "LG001", "标签"),
    ("deep nesting", "deep.yaml", "a: " + "[" * 12000 + "]" * 12000 + "\n", "LG001", "嵌套"),
    ("deep json", "deep.json", "[" * 12000 + "]" * 12000, "LG001", "嵌套"),
    ("alias bomb", "bomb.yaml", "\n".join(
        [f'l{i}: &l{i} [' + ",".join([f"*l{i - 1}"] * 9 if i else ['"lol"'] * 9) + "]" for i in range(10)]) + "\n",
     "LG001", "别名"),
]


@pytest.mark.parametrize("what,name,data,code,word", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_finding(tmp_path, what, name, data, code, word):
    exit_code, found = check_bytes(tmp_path, name, data)
    assert exit_code == 1
    assert found[0]["code"] == code, found
    assert word in found[0]["message"], found[0]["message"]
    assert found[0]["line"] >= 1


def test_syntax_errors_have_line_and_column(tmp_path):
    # the problem is reported where it starts (the unclosed bracket), not where libyaml noticed it
    _, found = check_bytes(tmp_path, "bad.yaml", "year: 2026\nproject:\n  name: [x\n")
    assert (found[0]["line"], found[0]["column"]) == (3, 9)


def test_scalar_that_yaml_matches_but_cannot_read_is_lg001(tmp_path):
    """0b_ fits YAML 1.1's integer pattern, and PyYAML's int() then raises
    ValueError: a finding at the value, not an internal error."""
    code, found = check_bytes(tmp_path, "int.yaml", CLEAN.replace("year: 2026", "year: 0b_", 1))
    assert code == 1 and [(f["code"], f["line"], f["column"]) for f in found] == [("LG001", 5, 7)]


def test_markup_in_a_list_nested_where_a_row_field_was_expected(tmp_path):
    """A found by fuzzing: text at contracts/0/name/items/0/0 — the field label
    must not take the inner list for a row."""
    code, found = check_bytes(tmp_path, "nested.yaml", CLEAN.replace(
        "contracts:", "x_contracts: [{name: {items: [['<A>']]}}]\ncontracts:", 1))
    assert code == 1 and not [f for f in found if f["name"] == "internal-error"]
    assert "x_contracts/0/name/items/0/0" in {f["path"].lstrip("/") for f in found if f["code"] == "LG502"}


def test_bom_and_crlf_lint_normally(tmp_path):
    data = b"\xef\xbb\xbf" + CLEAN.replace("\n", "\r\n").encode("utf-8")
    code, found = check_bytes(tmp_path, "bom.yaml", data)
    assert code == 0 and found == []
    code, found = check_bytes(tmp_path, "bom2.yaml", b"\xef\xbb\xbf" + CLEAN.replace("≥90.00(%)", "满足", 1).encode())
    assert [(f["code"], f["line"]) for f in found] == [("LG201", 46)]


@pytest.mark.parametrize("mutation", [
    ("indicators:", "indicators: 5\nx_indicators:"),
    ("project:", "project: [1, 2]\nx_project:"),
    ("  items:", "  items: {a: 1}\n  x_items:"),
    ("schedule:", "schedule: 这是一段文字\nx_schedule:"),
    ("contracts:", "contracts: [1, [2], {signed: [3]}]\nx_contracts:"),
    ("goals:", "goals: 7\nx_goals:"),
    ("  start: 2026-01-01", "  start: [2026]"),
    ("year: 2026", "year: {a: b}"),
])
def test_wrong_types_anywhere(tmp_path, mutation):
    old, new = mutation
    code, found = check_bytes(tmp_path, "types.yaml", CLEAN.replace(old, new, 1))
    assert code == 1 and "LG002" in {f["code"] for f in found}
    assert not [f for f in found if f["name"] == "internal-error"]


def test_invisible_characters_match_as_folded_and_show_in_messages(tmp_path):
    text = CLEAN.replace("name: 基层党组织满意度", "name: 管理人员\u200b满意度")
    code, found = check_bytes(tmp_path, "zw.yaml", text)
    dup = [f for f in found if f["code"] == "LG106"]
    assert dup and "⟨U+200B⟩" in dup[0]["message"]


def test_extremely_long_values(tmp_path):
    text = CLEAN.replace("value: \"=100.00(%)\"", "value: \"" + "很长的描述" * 200000 + "\"", 1)
    code, found = check_bytes(tmp_path, "long.yaml", text)
    prose = [f for f in found if f["code"] == "LG207"]
    assert prose and len(prose[0]["message"]) < 500


def test_size_limit_from_config(tmp_path):
    (tmp_path / ".lintgoals.yaml").write_text("max-file-size: 1000\n", encoding="utf-8")
    code, found = check_bytes(tmp_path, "big.yaml", CLEAN)
    assert [f["code"] for f in found] == ["LG001"] and "max-file-size" in found[0]["message"]


def test_a_forms_folder_with_good_and_bad_files(tmp_path):
    (tmp_path / "good.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "vague.yaml").write_text(CLEAN.replace("≥90.00(%)", "满足", 1), encoding="utf-8")
    (tmp_path / "syntax.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "bin.json").write_bytes(b"\x00\xff\x00")
    (tmp_path / "gbk.yaml").write_bytes("名称: 党建".encode("gbk"))
    (tmp_path / "dir.yaml").mkdir()  # a folder named like a file
    (tmp_path / "dir.yaml" / "inner.yaml").write_text(CLEAN, encoding="utf-8")
    os.symlink(tmp_path / "missing.yaml", tmp_path / "dangling.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")  # must not block the run
    code, out, err = run_cli("check", "--format", "json", str(tmp_path))
    assert code == 1 and "Traceback" not in err
    found = json.loads(out)["findings"]
    by_file = {}
    for f in found:
        by_file.setdefault(os.path.basename(f["file"]), []).append(f["code"])
    assert "good.yaml" not in by_file and "inner.yaml" not in by_file
    assert by_file["vague.yaml"] == ["LG201"]
    for name in ("syntax.yaml", "bin.json", "gbk.yaml", "dangling.yaml", "pipe.yaml"):
        assert by_file[name] == ["LG001"], name


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.yaml"
    p.write_text(CLEAN, encoding="utf-8")
    os.chmod(p, 0)
    code, out, err = run_cli("check", "--format", "json", str(p))
    assert json.loads(out)["findings"][0]["code"] == "LG001"


def test_vanished_file_is_lg001():
    from lintgoals.load import load_file

    doc = load_file("/nonexistent/vanished.yaml")
    assert doc.problems[0].kind == "not-found"


def test_checking_never_writes(tmp_path):
    forms = tmp_path / "forms"
    shutil.copytree(FIXTURES, forms, ignore=shutil.ignore_patterns(".lintgoals_cache"))
    before = {p: (os.stat(os.path.join(r, p)).st_mtime_ns, open(os.path.join(r, p), "rb").read())
              for r, _, files in os.walk(forms) for p in files}
    for root, dirs, files in os.walk(forms):
        for f in files:
            os.chmod(os.path.join(root, f), 0o444)
    for _ in range(2):  # cold, then warm cache (the default cache folder, beside the forms)
        code, out, err = run_cli("check", "-j", "2", str(forms), cwd=str(forms), env={"LINTGOALS_CACHE_DIR": ""})
        assert code == 1
    after = {p: (os.stat(os.path.join(r, p)).st_mtime_ns, open(os.path.join(r, p), "rb").read())
             for r, _, files in os.walk(forms) if ".lintgoals_cache" not in r for p in files}
    assert after == before


def test_read_only_cache_location_still_works(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    table = tmp_path / "t.yaml"
    table.write_text(CLEAN.replace("≥90.00(%)", "满足", 1), encoding="utf-8")
    for _ in range(2):
        code, out, err = run_cli("check", "--format", "json", str(table), env={"LINTGOALS_CACHE_DIR": str(blocked)})
        assert code == 0 and [f["code"] for f in json.loads(out)["findings"]] == ["LG201"] and "Traceback" not in err


def test_cache_hit_gives_the_same_report_and_no_cache_skips_it(tmp_path):
    shutil.copytree(os.path.join(FIXTURES, "seeds"), tmp_path / "forms")
    env = {"LINTGOALS_CACHE_DIR": str(tmp_path / "cache")}
    cold = run_cli("check", "--format", "json", str(tmp_path / "forms"), env=env)[1]
    assert os.listdir(tmp_path / "cache")
    warm = run_cli("check", "--format", "json", str(tmp_path / "forms"), env=env)[1]
    assert warm == cold
    # an edit is seen at once
    p = tmp_path / "forms" / "it-om-2026.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("value: \"及时\"", "value: \"≤2(小时)\"", 1), encoding="utf-8")
    after = json.loads(run_cli("check", "--format", "json", str(tmp_path / "forms"), env=env)[1])
    assert len(after["findings"]) == len(json.loads(cold)["findings"]) - 1
    shutil.rmtree(tmp_path / "cache")
    run_cli("check", "--no-cache", str(tmp_path / "forms"), env=env)
    assert not os.path.exists(tmp_path / "cache")


def test_concurrent_runs_share_one_cache_safely(tmp_path):
    """Three runs at once on one cache (each with two workers writing), then a
    warm run: every report equals the report of a run without the cache."""
    import subprocess
    import sys

    shutil.copytree(os.path.join(FIXTURES, "seeds"), tmp_path / "forms")
    for i in range(60):  # enough files for the worker pool and several write batches
        shutil.copy(tmp_path / "forms" / "it-om-2026.yaml", tmp_path / "forms" / f"copy{i:02d}.yaml")
    expected = run_cli("check", "--format", "json", "--no-cache", str(tmp_path / "forms"))[1]
    env = dict(os.environ, LINTGOALS_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("LINTGOALS_LANG", None)
    cmd = [sys.executable, "-m", "lintgoals.cli", "check", "--format", "json", "-j", "2", str(tmp_path / "forms")]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(out == expected and "Traceback" not in err for out, err in outs)
    assert run_cli("check", "--format", "json", str(tmp_path / "forms"), env={"LINTGOALS_CACHE_DIR": str(tmp_path / "cache")})[1] == expected
    assert open(tmp_path / "cache" / ".gitignore", encoding="utf-8").read().strip().endswith("*")


# --- a misbehaving check -------------------------------------------------------

def _plugin(tmp_path, body):
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / "bad.py").write_text(textwrap.dedent('''
        from lintgoals import check

        @check(code="XY900", name="bad", severity="warning", messages={"zh": "x {a}", "en": "x {a}"})
        def bad(doc, ctx):
        ''') + textwrap.indent(textwrap.dedent(body), "    "), encoding="utf-8")
    return str(folder)


@pytest.mark.parametrize("body", [
    "raise ValueError('boom')",
    "return 42",
    "yield 'not a finding'",
    "doc.indicators = []\nyield from ()",
    "doc.data['year'] = 1999\nyield from ()",
    "doc.project['name'] = 'changed'\nyield from ()",
    "doc.data['indicators'].clear()\nyield from ()",
])
def test_misbehaving_check_is_reported_and_cannot_change_the_document(tmp_path, body):
    plugins = _plugin(tmp_path, body)
    table = tmp_path / "t.yaml"
    table.write_text(CLEAN.replace("≥90.00(%)", "满足", 1), encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--checks-dir", plugins, str(table))
    assert code == 2 and "Traceback" not in err
    found = json.loads(out)["findings"]
    assert [f["code"] for f in found if f["name"] == "internal-error"] == ["XY900"]
    # the other checks saw the table unchanged
    assert [f["code"] for f in found if f["name"] != "internal-error"] == ["LG201"]


def test_malformed_message_arguments_do_not_crash(tmp_path):
    plugins = _plugin(tmp_path, "yield ctx.finding('/nope/9', b=object())")
    table = tmp_path / "t.yaml"
    table.write_text(CLEAN, encoding="utf-8")
    code, out, err = run_cli("check", "--format", "json", "--checks-dir", plugins, str(table))
    assert "Traceback" not in err
    f = json.loads(out)["findings"][0]
    assert f["code"] == "XY900" and f["line"] >= 1


# --- fuzzing the whole pipeline ------------------------------------------------

REGISTRY = load_registry(entry_points=False)
ENGINE = Engine(list(REGISTRY), templates=load_templates())
EXAMPLES = int(os.environ.get("LINTGOALS_FUZZ_EXAMPLES", "150"))
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.sampled_from(["≥90.00(%)", "满足", "=0", "2026-01-01", "1,139,000.00", "约100万", "100%", "", "<p>x</p>"]))
KEYS = ["name", "value", "level1", "level2", "task", "date", "funds_pct", "signed", "service_start", "amount",
        "total", "current_year", "items", "previous", "budget", "executed", "start", "end", "annual", "x"]
values = st.recursive(scalars, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                      st.dictionaries(st.sampled_from(KEYS), kids, max_size=5)), max_leaves=20)
tables = st.fixed_dictionaries({}, optional={
    "year": st.one_of(st.integers(1990, 2100), scalars), "template": st.sampled_from(["2018", "2020", "2026", "x", 2026]),
    "project": st.dictionaries(st.sampled_from(["name", "nature", "start", "end", "overview", "unit"]), values, max_size=4),
    "budget": st.dictionaries(st.sampled_from(["total", "current_year", "fiscal", "other", "items", "previous"]), values, max_size=4),
    "schedule": st.lists(st.dictionaries(st.sampled_from(["task", "date", "funds_pct"]), values, max_size=3), max_size=4),
    "contracts": st.lists(st.dictionaries(st.sampled_from(["name", "signed", "service_start", "service_end", "amount"]), values, max_size=4), max_size=3),
    "goals": values,
    "indicators": st.lists(st.dictionaries(st.sampled_from(["level1", "level2", "name", "value"]),
                                           st.one_of(scalars, st.sampled_from(["产出指标", "数量指标", "满意度指标", "成本", "时效"])),
                                           max_size=4), max_size=8),
})


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(tables, st.sampled_from(["yaml", "json"]))
def test_pipeline_never_raises_and_findings_are_well_formed(table, fmt):
    import yaml

    text = json.dumps(table, ensure_ascii=False, default=str) if fmt == "json" else \
        yaml.safe_dump(table, allow_unicode=True)
    doc = load_bytes(text.encode("utf-8"), "fuzz." + fmt, json_mode=fmt == "json")
    findings = ENGINE.run(doc)
    crashed = [(f.code, f.args) for f in findings if f.name == "internal-error"]
    assert not crashed, crashed
    for f in findings:
        assert isinstance(f.code, str) and f.path == "" or f.path.startswith("/")
        assert f.line >= 0 and f.column >= 0
        from lintgoals.messages import render

        assert render(f, REGISTRY.get(f.code), "zh") and render(f, REGISTRY.get(f.code), "en")
