"""Issue 12 items 3, 5, 6, 7 and issue 14 items 6 (options), 7 (presets):
everything a person reads in the chosen language, paths that hold nothing,
`fix` on forms, import output, options scoped per rule, presets."""
import json
import os
import re
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT, run_cli

CLEAN = os.path.join(FIXTURES, "clean")
TABLE = os.path.join(CLEAN, "remote-education-2026.yaml")
FORMS = os.path.join(FIXTURES, "forms")

# Three or more English words in a row is a sentence; names (lintgoals, YAML,
# JSON Schema), codes, options (--lang) and paths are not.
ENGLISH_SENTENCE = re.compile(r"(?<![\w./-])[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}(?![\w./-])")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”]")


def zh(*args, **kw):
    return run_cli(*args, env={"LINTGOALS_LANG": "zh", **kw.pop("env", {})}, **kw)


def en(*args, **kw):
    return run_cli(*args, env={"LINTGOALS_LANG": "en", **kw.pop("env", {})}, **kw)


def no_english(text, allowed=()):
    for a in allowed:
        text = text.replace(a, "")
    found = ENGLISH_SENTENCE.findall(text)
    assert not found, found


def no_chinese(text, quoted=()):
    """No CJK outside the user's own text (file names, values) listed in `quoted`."""
    for q in quoted:
        text = text.replace(q, "")
    found = CJK.findall(text)
    assert not found, (found, text[:2000])


# Form-like files and what the skip message tells to do; only those no reader
# takes yet are used (the importers grow: .pdf, .doc, .wps, .xls …).
ADVICE = {".xls": ".xlsx", ".et": ".xlsx", ".doc": ".docx", ".wps": ".docx", ".pdf": ".txt",
          ".xlsm": ".xlsx", ".ods": ".xlsx", ".odt": ".docx"}


def _unreadable():
    from lintgoals.skipped import readable_suffixes

    out = [s for s in ADVICE if s not in readable_suffixes()]
    assert out, "every form-like suffix is readable: nothing left to skip"
    return out


def _mistakes(tmp_path):
    """The mistakes of issue 12 item 5 in one place: a missing path, an empty
    folder, a folder of files no reader takes, one of them named directly."""
    bad = tmp_path / "unreadable"
    bad.mkdir()
    for suffix in _unreadable():
        (bad / f"form{suffix}").write_bytes(b"\xd0\xcf\x11\xe0 not really")
    (bad / "notes.txt").write_text("minutes of the meeting\n", encoding="utf-8")
    (bad / "README.md").write_text("# forms\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    return {"missing": str(tmp_path / "nope.yaml"), "empty": str(empty), "unreadable": str(bad),
            "named": str(bad / f"form{_unreadable()[0]}")}


# -- exit codes of item 5 -------------------------------------------------------

def test_missing_path_exits_2_naming_it(tmp_path):
    code, out, err = zh("check", str(tmp_path / "nope.yaml"), TABLE)
    assert code == 2 and "nope.yaml" in err and "路径不存在" in err
    assert out == "" and "Traceback" not in err


def test_empty_folder_exits_2_saying_so(tmp_path):
    code, out, err = zh("check", str(tmp_path))
    assert code == 2 and "没有 lintgoals 能检查的文件" in err
    assert "未发现问题" not in out + err  # "nothing to check" is not "no problems"


def test_folder_of_unreadable_forms_exits_2_listing_each_file_once(tmp_path):
    m = _mistakes(tmp_path)
    code, out, err = zh("check", m["unreadable"])
    assert code == 2
    expected = [(f"form{s}", ADVICE[s]) for s in _unreadable()] + [("notes.txt", "不是表格文本")]
    for name, advice in expected:
        lines = [l for l in err.splitlines() if l.split("：", 1)[0].endswith(os.sep + name)]
        assert len(lines) == 1, (name, err)
        assert advice in lines[0].split("：", 1)[1], lines[0]
    assert "README.md" not in err  # not a form: nothing to say
    assert f"跳过 {len(expected)} 个文件" in err


def test_unreadable_form_named_directly_is_never_parsed_as_yaml(tmp_path):
    m = _mistakes(tmp_path)
    name = os.path.basename(m["named"])
    code, out, err = zh("check", "--format", "json", m["named"])
    assert code == 2 and name in err and "YAML" not in err
    code, out, err = zh("check", "--format", "json", m["named"], TABLE)
    assert code == 0, err
    assert json.loads(out)["findings"] == [] and name in err


def test_skipped_files_beside_tables_do_not_change_the_exit_code(tmp_path):
    shutil.copy(TABLE, tmp_path / "t.yaml")
    suffix = _unreadable()[0]
    (tmp_path / f"old{suffix}").write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = zh("check", str(tmp_path))
    assert code == 0, err
    assert f"old{suffix}" in err and ADVICE[suffix] in err


def test_form_text_sniff_accepts_self_evaluation_and_traditional_titles(tmp_path):
    from lintgoals.importers import looks_like_form_text

    for i, title in enumerate(["项目支出绩效自评表", "績效指標", "项目绩效目标申报表", "ＸＸ绩效自评"]):
        p = tmp_path / f"t{i}.txt"
        p.write_text(f"{title}\n（2023年度）\n", encoding="utf-8")
        assert looks_like_form_text(str(p)), title
    p = tmp_path / "gbk.txt"
    p.write_bytes("项目支出绩效自评表\n".encode("gb18030"))
    assert looks_like_form_text(str(p))
    p = tmp_path / "minutes.txt"
    p.write_text("会议纪要\n", encoding="utf-8")
    assert not looks_like_form_text(str(p))


# -- language ---------------------------------------------------------------------

COMMANDS = ["check", "fix", "import", "rules", "explain", "init", "schema"]


def test_chinese_help_has_no_english_sentence():
    code, out, _ = zh("--help")
    assert code == 0 and "用法" in out and "选项" in out and "命令" in out
    no_english(out)
    for command in COMMANDS:
        code, out, _ = zh(command, "--help")
        assert code == 0, command
        assert "显示本帮助并退出" in out
        no_english(out)


def test_english_help_has_no_chinese():
    for args in [["--help"]] + [[c, "--help"] for c in COMMANDS]:
        code, out, _ = en(*args)
        assert code == 0 and "Usage" in out, args
        no_chinese(out)


def test_lang_option_chooses_the_help_language_before_the_environment():
    code, out, _ = zh("check", "--lang", "en", "--help")
    assert "Usage" in out
    no_chinese(out)
    code, out, _ = en("check", "--lang=zh", "--help")
    assert "用法" in out


def test_locale_chooses_when_nothing_else_does():
    code, out, _ = run_cli("--help", env={"LC_ALL": "en_US.UTF-8", "LANGUAGE": ""})
    assert "Usage" in out
    code, out, _ = run_cli("--help", env={"LC_ALL": "zh_CN.UTF-8", "LANGUAGE": ""})
    assert "用法" in out
    code, out, _ = run_cli("--help", env={"LC_ALL": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"})
    assert "用法" in out  # GNU's list first, as gettext reads it
    code, out, _ = run_cli("--help", env={"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": "en"})
    assert "用法" in out  # no language in the locale: Chinese


def test_the_mistakes_of_item_5_read_in_one_language(tmp_path):
    m = _mistakes(tmp_path)
    outputs = [zh("check", m[k]) for k in ("missing", "empty", "unreadable", "named")]
    for code, out, err in outputs:
        assert code == 2
        no_english(out + err, allowed=[str(tmp_path)])
    for k in ("missing", "empty", "unreadable", "named"):
        code, out, err = en("check", m[k])
        assert code == 2
        no_chinese(out + err)


def test_usage_errors_in_the_chosen_language():
    code, _, err = zh("check", "--formt", "json")
    assert code == 2 and "没有选项 --formt" in err and "--format" in err
    no_english(err)
    code, _, err = zh("chek")
    assert code == 2 and "check" in err
    code, _, err = zh("check", "-f", "xml")
    assert code == 2 and "xml" in err and "json" in err
    no_english(err)
    code, _, err = en("check", "--formt", "json")
    assert code == 2 and "No such option" in err
    no_chinese(err)


def test_init_output_and_comments_in_the_chosen_language(tmp_path):
    code, out, err = zh("init", str(tmp_path / "a"))
    assert code == 0, err
    text = (tmp_path / "a" / ".lintgoals.yaml").read_text(encoding="utf-8")
    comments = "\n".join(l for l in text.splitlines() if l.lstrip().startswith("#"))
    no_english(out + err)
    no_english(comments)
    code, out, err = en("init", str(tmp_path / "b"))
    text = (tmp_path / "b" / ".lintgoals.yaml").read_text(encoding="utf-8")
    no_chinese(out + err + text, quoted=["产出指标", "效益指标"])  # category names are values a user writes
    assert yaml.safe_load(text)["lang"] == "en"
    code, _, err = zh("init", str(tmp_path / "b"))
    assert code == 2 and "--force" in err


def test_config_errors_name_the_line_and_suggest(tmp_path):
    (tmp_path / ".lintgoals.yaml").write_text(
        "fail-on: error\nsatisfation_min: 90\nseverity: {LG2O1: info}\nrules:\n  LG203: {satisfaction_min: 0.9}\n",
        encoding="utf-8")
    shutil.copy(TABLE, tmp_path / "t.yaml")
    code, _, err = zh("check", str(tmp_path))
    assert code == 2
    assert ".lintgoals.yaml:2: satisfation_min" in err and "satisfaction_min" in err.split(":2:")[1]
    assert ".lintgoals.yaml:3: severity.LG2O1" in err and "LG201" in err
    assert ".lintgoals.yaml:5: rules.LG203.satisfaction_min" in err and "90" in err and "LG203" in err
    no_english(err, allowed=[str(tmp_path)])
    code, _, err = en("check", str(tmp_path))
    assert code == 2 and "did you mean satisfaction_min" in err and "write 90" in err
    no_chinese(err)


def test_pyproject_config_errors_name_the_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.lintgoals]\nsatisfaction_min = 0.85\n",
                                             encoding="utf-8")
    shutil.copy(TABLE, tmp_path / "t.yaml")
    code, _, err = zh("check", str(tmp_path))
    assert code == 2 and "pyproject.toml:5: satisfaction_min" in err and "85" in err


def test_unknown_rule_code_suggests_the_near_one(tmp_path):
    code, _, err = zh("check", "--select", "LG2O1", TABLE)
    assert code == 2 and "LG2O1" in err and "LG201" in err
    code, _, err = en("explain", "LG2O1")
    assert code == 2 and "did you mean LG201" in err


def test_rules_in_english_give_whole_summaries():
    code, out, _ = en("rules", "--format", "json")
    by = {r["code"]: r["summary"] for r in json.loads(out)}
    assert "disable=" in by["LG004"]  # used to stop at the colon of `# lintgoals: disable=`
    code, out, _ = en("rules")
    assert "code" in out.splitlines()[0]
    code, out, _ = zh("rules")
    assert "代码" in out.splitlines()[0] and "摘要" in out.splitlines()[0]


def test_rules_fit_the_terminal():
    from lintgoals.wrap import width

    for run in (en, zh):
        code, out, _ = run("rules", env={"COLUMNS": "100"})
        assert code == 0 and max(width(line) for line in out.splitlines()) <= 100


# -- fix on forms (item 6) ---------------------------------------------------------

def test_fix_on_forms_says_once_it_cannot_edit_them(tmp_path):
    for name in ("2026-申报表.xlsx", "2018-申报表.docx"):
        shutil.copy(os.path.join(FORMS, name), tmp_path / name)
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    code, out, err = zh("fix", str(tmp_path))
    assert code == 0
    lines = [l for l in err.splitlines() if "不能直接修改表格" in l]
    assert len(lines) == 1 and "lintgoals import" in lines[0]
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before
    code, out, err = en("fix", "--diff", str(tmp_path))
    assert code == 0 and "cannot edit forms in place" in err
    no_chinese(err, quoted=["2026-申报表.xlsx", "2018-申报表.docx"])


def test_fix_diff_exit_code_is_documented():
    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    assert "fix --diff" in readme and "exits 1" in readme
    code, out, _ = en("fix", "--help")
    assert "exit 1" in out


# -- import output (item 7) -------------------------------------------------------

def test_import_names_files_after_the_project_and_refuses_to_overwrite(tmp_path):
    from lintgoals.schemas import FORMAT1

    form = os.path.join(FORMS, "2026-申报表.xlsx")
    out_dir = str(tmp_path / "forms") + "/"
    code, out, err = zh("import", form, "-o", out_dir)
    assert code == 0, err
    names = sorted(os.listdir(out_dir))
    assert "党员远教电教工作经费.yaml" in names, names
    text = open(os.path.join(out_dir, "党员远教电教工作经费.yaml"), encoding="utf-8").read()
    assert f"$schema={FORMAT1}" in text and ".invalid" not in text
    assert text.startswith("# 由 lintgoals")
    data = yaml.safe_load(text)
    assert data["form"]["source"] == "2026-申报表.xlsx"
    code, out, err = zh("import", form, "-o", out_dir)
    assert code == 2 and "--force" in err
    code, out, err = en("import", form, "-o", out_dir, "--force")
    assert code == 0
    text = open(os.path.join(out_dir, "党员远教电教工作经费.yaml"), encoding="utf-8").read()
    assert text.startswith("# Imported by lintgoals")


def test_import_file_names_are_deduplicated_and_safe():
    from lintgoals.importers.emit import file_names
    from lintgoals.importers.grid import Table

    tables = [Table({"project": {"name": "运维费"}}), Table({"project": {"name": "运维费"}}),
              Table({"project": {"name": "a/b:c"}}), Table({"project": {}})]
    assert file_names(tables, "2026-申报表.xlsx") == ["运维费.yaml", "运维费-2.yaml", "a-b-c.yaml", "2026-申报表-4.yaml"]


def test_import_errors_are_sentences_not_dicts(tmp_path):
    bad = tmp_path / "locked.xlsx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    code, _, err = zh("import", str(bad), "-o", str(tmp_path / "out.yaml"))
    assert code == 2 and "{" not in err and "加密" in err
    code, _, err = en("import", str(bad), "-o", str(tmp_path / "out.yaml"))
    assert code == 2 and "{" not in err and "encrypted" in err
    no_chinese(err)
    code, _, err = zh("import", str(tmp_path / "nope.xlsx"), "-o", str(tmp_path / "out.yaml"))
    assert code == 2 and "路径不存在" in err


def test_import_writes_the_optional_keys():
    from lintgoals.importers.emit import to_yaml
    from lintgoals.importers.grid import Table

    data = {"lintgoals": 1, "kind": "self-evaluation", "year": 2023, "project": {"name": "检测经费"},
            "budget": {"unit": "万元", "total": 120, "execution": {"planned": 120, "executed": 118.5, "rate": "98.75%"}},
            "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "检测样本数", "value": "≥500",
                            "unit": "份", "direction": "正向", "weight": 10, "explanation": "全年检测样本",
                            "midterm": "≥1500", "actual": "520", "score": 9.5, "deviation": "无"}],
            "form": {"layout": "central-2015-4col", "empty_categories": [{"level1": "效益指标", "level2": "生态效益指标"}]}}
    text = to_yaml(Table(json.loads(json.dumps(data))), "x.xlsx", lang="en", source_file="x.xlsx")
    back = yaml.safe_load(text)
    data["form"]["source"] = "x.xlsx"
    assert back == data
    assert text.index("kind:") < text.index("year:") and text.index("unit: 万元") < text.index("total:")


# -- options scoped per rule (issue 14 item 6) ------------------------------------

PLUGIN = '''
from lintgoals import check

@check(code="XY203", name="my-threshold", severity="warning",
       messages={"zh": "阈值 {n}", "en": "threshold {n}"},
       options={"satisfaction_min": {"type": "number", "default": 50}})
def my_threshold(doc, ctx):
    """A plugin option named like LG203's."""
    yield ctx.finding("/year", n=ctx.options["satisfaction_min"])
'''


def test_a_plugin_option_never_collides_with_a_builtin(tmp_path):
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "mine.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / ".lintgoals.yaml").write_text("satisfaction_min: 95\nrules: {XY203: {satisfaction_min: 60}}\n",
                                             encoding="utf-8")
    shutil.copy(TABLE, tmp_path / "t.yaml")
    code, out, err = zh("check", "--format", "json", "--checks-dir", str(tmp_path / "checks"), str(tmp_path))
    found = json.loads(out)["findings"]
    assert {f["code"] for f in found} == {"LG203", "XY203"}, err  # LG203 took 95
    assert [f["message"] for f in found if f["code"] == "XY203"] == ["阈值 60"]
    (tmp_path / ".lintgoals.yaml").write_text("satisfaction_min: 95\n", encoding="utf-8")
    code, out, err = zh("check", "--format", "json", "--checks-dir", str(tmp_path / "checks"), str(tmp_path))
    assert [f["message"] for f in json.loads(out)["findings"] if f["code"] == "XY203"] == ["阈值 50"]


def test_two_declarations_of_one_top_level_key_are_a_registry_error():
    from lintgoals.check import check
    from lintgoals.registry import Registry, RegistryError, check_top_level_options

    def make(code, default):
        def f(doc, ctx):
            yield from ()
        f.__module__ = "lintgoals.checks.fake"
        return check(code=code, name=f"x-{code.lower()}", messages={"zh": "x", "en": "x"},
                     options={"shared_min": {"type": "number", "default": default}})(f).__lintgoals_check__

    check_top_level_options(Registry([make("LG991", 1), make("LG992", 1)]))  # one declaration, shared
    with pytest.raises(RegistryError) as e:
        check_top_level_options(Registry([make("LG991", 1), make("LG992", 2)]))
    assert "shared_min" in e.value.message("zh") and "LG991" in e.value.message("en")


def test_the_builtins_declare_each_top_level_key_once():
    from lintgoals.registry import load_registry

    load_registry(entry_points=False)  # raises on two declarations


def test_registry_load_failures_in_both_languages(tmp_path):
    (tmp_path / "broken.py").write_text("raise ValueError('boom')\n", encoding="utf-8")
    code, _, err = zh("check", "--checks-dir", str(tmp_path), TABLE)
    assert code == 2 and "加载检查时出错" in err and "boom" in err
    code, _, err = en("check", "--checks-dir", str(tmp_path / "nope"), TABLE)
    assert code == 2 and "is not a folder" in err


# -- presets (issue 14 item 7) ------------------------------------------------------

def test_presets_are_shipped_config_files(tmp_path):
    from lintgoals.config import validate
    from lintgoals.presets import PRESET_DIR, names
    from lintgoals.registry import load_registry

    assert {"shanghai", "national"} <= set(names())
    specs = list(load_registry(entry_points=False))
    for name in names():
        validate(yaml.safe_load(open(os.path.join(PRESET_DIR, f"{name}.yaml"), encoding="utf-8")), specs)
    pyproject = open(os.path.join(ROOT, "pyproject.toml"), encoding="utf-8").read()
    assert "presets/*.yaml" in pyproject


def test_init_preset_shanghai(tmp_path):
    code, out, err = zh("init", str(tmp_path), "--preset", "shanghai")
    assert code == 0, err
    text = (tmp_path / ".lintgoals.yaml").read_text(encoding="utf-8")
    cfg = yaml.safe_load(text)
    assert cfg["severity"]["LG108"] == "error"
    assert cfg["satisfaction_min"] == 85 and "没有规定满意度门槛" in text
    assert "the Shanghai guide" not in text  # the other language's comments are left out
    shutil.copy(TABLE, tmp_path / "t.yaml")
    code, out, err = zh("check", "--format", "json", str(tmp_path))
    assert code in (0, 1), err


def test_init_preset_national_and_a_bureaus_own_file(tmp_path):
    code, _, err = en("init", str(tmp_path / "n"), "--preset", "national")
    assert code == 0, err
    text = (tmp_path / "n" / ".lintgoals.yaml").read_text(encoding="utf-8")
    assert "no national threshold" in text and "满意度" not in text
    bureau = tmp_path / "bureau.yaml"
    bureau.write_text("# 某市财政局下发\nseverity: {LG108: info}\nsatisfaction_min: 90\n", encoding="utf-8")
    code, _, err = zh("init", str(tmp_path / "u"), "--preset", str(bureau))
    assert code == 0, err
    text = (tmp_path / "u" / ".lintgoals.yaml").read_text(encoding="utf-8")
    assert "某市财政局下发" in text and yaml.safe_load(text)["satisfaction_min"] == 90
    bureau.write_text("satisfaction_min: 0.9\n", encoding="utf-8")
    code, _, err = zh("init", str(tmp_path / "v"), "--preset", str(bureau))
    assert code == 2 and "90" in err and not (tmp_path / "v" / ".lintgoals.yaml").exists()
    code, _, err = zh("init", str(tmp_path / "w"), "--preset", "atlantis")
    assert code == 2 and "shanghai" in err


def test_an_output_that_cannot_be_written_is_exit_2_in_the_chosen_language(tmp_path):
    target = str(tmp_path / "missing-folder" / "report.txt")
    code, _, err = zh("check", CLEAN, "-o", target)
    assert code == 2 and target in err and "不存在" in err and "内部错误" not in err
    code, _, err = en("check", CLEAN, "-o", target)
    assert code == 2 and "does not exist" in err and "internal error" not in err


def test_baseline_messages_in_the_chosen_language(tmp_path):
    table = tmp_path / "t.yaml"
    text = open(os.path.join(FIXTURES, "seeds", "remote-education-2026.yaml"), encoding="utf-8").read()
    table.write_text(text, encoding="utf-8")
    base = tmp_path / "base.json"
    code, _, err = zh("check", "--write-baseline", str(base), str(table))
    assert "已把" in err and "基线" in err
    table.write_text(text.replace("value: \"稳定\"", "value: \"≥99.00(%)\""), encoding="utf-8")
    code, _, err = zh("check", "--baseline", str(base), str(table))
    assert "已不再出现" in err and "已改正：" in err
    code, _, err = en("check", "--baseline", str(base), str(table))
    assert "no longer match" in err and "stale:" in err
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    code, _, err = zh("check", "--baseline", str(bad), str(table))
    assert code == 2 and "无法读取基线" in err and "JSON" in err
