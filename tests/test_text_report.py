"""The text report fits the terminal and breaks Chinese lines by their rules
(issue 12 item 4); the per-table records behind its headings, JSON `tables`
and --verbose."""
import json
import os
import re
import sys

import pytest

from conftest import FIXTURES, run_cli
from lintgoals.wrap import NO_END, NO_START, terminal_width, width, wrap
from wcwidth import wcswidth, wcwidth

# the punctuation CLI.md and the issue name: never at a line's start / end
CLOSING = "）”，。：、；！？》」"
OPENING = "（“《「"
# what must never be split: numbers, rule codes, dates, quoted values
ATOM = re.compile(r"“[^“”]*”|「[^「」]*」|《[^《》]*》|\d{2,4}年\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2}|"
                  r"LG\d{3}|[≥≤<>=]*\d[\d,.]*(?:\(%\)|%)?")
WIDTHS = (80, 100, 120, 200)
ANSI = re.compile(r"\033\[[0-9;]*m")

MESSAGES = [
    "指标“社会效益目标”的值是一段描述，不是目标：“为巩固远教阵地，创新载体手段，拓展服务功能，推动站点学用的思路，"
    "完成中组部对远程……”。请写可考核的目标值，如“≥95.00(%)”，说明文字放到项目概况",
    "经常性项目的合同“远教网络体系运维服务合同”服务期限 2017-08-07–2017-12-31 未覆盖项目期间 "
    "2017-01-01–2017-12-31（2017-01-01 至 2017-08-07 无合同）：合同约定服务期限应与实际服务期限一致",
    "子项目金额合计 1,970,000 元，与当年预算 1,974,983 元相差 4,983 元：请核对子项目金额，使其合计等于当年预算",
    "《财政部关于印发〈项目支出绩效评价管理办法〉的通知》（财预〔2020〕10号）要求：2018年1月1日起，LG201 与 LG202 不得同时出现！",
    "recurring project: the contract milestone '项目合同签订' (2017-08-07) comes after the project start "
    "2017-01-01: the service from 2017-01-01 to 2017-08-07 runs without a contract. Don't sign late.",
    "“满足”，“有效”，“及时”；（“稳定”）、「领先」。" * 6,
]


def _stripped_breaks(text, lines):
    """The text without spaces, and the offsets in it where a line ended."""
    flat = re.sub(r"\s+", "", text)
    joined = "".join(re.sub(r"\s+", "", l) for l in lines)
    assert joined == flat, "wrapping lost or changed characters"
    breaks, at = set(), 0
    for l in lines[:-1]:
        at += len(re.sub(r"\s+", "", l))
        breaks.add(at)
    return flat, breaks


def assert_wrapped_well(text, columns, lines=None):
    lines = wrap(text, columns) if lines is None else lines
    for l in lines:
        assert width(l) <= columns, (columns, l)
        assert l == l.strip(), repr(l)
    for a, b in zip(lines, lines[1:]):
        if a and b:
            assert b[0] not in CLOSING, (a, b)
            assert a[-1] not in OPENING, (a, b)
    flat, breaks = _stripped_breaks(text, lines)
    for m in ATOM.finditer(flat):
        # with the punctuation that must stay on its line (“≥95.00(%)”， goes whole)
        start, end = m.start(), m.end()
        while start and flat[start - 1] in NO_END:
            start -= 1
        while end < len(flat) and flat[end] in NO_START:
            end += 1
        if width(flat[start:end]) <= columns:
            assert not any(m.start() < p < m.end() for p in breaks), (m.group(), columns, lines)
    return lines


# ------------------------------------------------------------ the line breaker
@pytest.mark.parametrize("columns", [12, 17, 20, 31, 40, 44, 50, 63, 80])
@pytest.mark.parametrize("text", MESSAGES, ids=range(len(MESSAGES)))
def test_lines_fit_and_keep_the_rules(text, columns):
    assert_wrapped_well(text, columns)


@pytest.mark.parametrize("columns", range(8, 17))
def test_even_a_very_narrow_column_keeps_the_punctuation_rules(columns):
    """Quoted values and numbers wider than the line must be cut: the cut
    still never starts a line with closing punctuation (the characters it
    closes go down with it) nor ends one with an opening one."""
    for text in MESSAGES:
        lines = wrap(text, columns)
        assert max(width(l) for l in lines) <= columns
        for a, b in zip(lines, lines[1:]):
            assert not (b and b[0] in CLOSING) and not (a and a[-1] in OPENING), (a, b)


def test_display_width_is_wcwidth_for_every_character():
    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000 and wcwidth(chr(c)) >= 0]
    assert [width(c) for c in chars] == [wcwidth(c) for c in chars]
    for text in MESSAGES + ["😀表格", "e\u0301tude", "①②"]:
        assert width(text) == wcswidth(text), text


def test_display_width_counts_cjk_as_two():
    assert width("E20") == 3 and width("第18行") == 6 and width("（，）") == 6
    assert all(width(l) <= 20 for l in wrap("指标值" * 30, 20))
    assert wrap("指标值" * 10, 20) == ["指标值指标值指标值指", "标值指标值指标值指标", "值指标值指标值指标值"]


def test_closing_punctuation_takes_the_character_before_it_along():
    # "目标。" would end exactly at 10 columns + 2: the 。 must not open the next line
    lines = wrap("一二三四五。六七八九", 10)
    assert lines == ["一二三四", "五。六七", "八九"]  # and no ideograph left alone on the last line
    lines = wrap("一二三四（五六七八九", 10)
    assert lines[0] == "一二三四" and lines[1].startswith("（五")


def test_a_quoted_value_moves_whole_to_the_next_line():
    lines = wrap("指标的值“平台稳定运行率”无法考核", 20)
    assert "“平台稳定运行率”" in lines[1]
    assert_wrapped_well("指标的值“平台稳定运行率”无法考核", 20, lines)


def test_a_quoted_value_wider_than_the_line_is_broken_by_the_plain_rules():
    text = "值：“" + "让党员干部受教育，让市民群众得实惠，" * 4 + "”。请改写"
    lines = assert_wrapped_well(text, 24)
    assert len(lines) > 3


def test_english_breaks_at_spaces_only():
    text = MESSAGES[4]
    lines = assert_wrapped_well(text, 30)
    words = set(text.split())
    for l in lines:
        assert all(w in words for w in l.split()), l


def test_numbers_dates_and_codes_stay_whole_at_every_width():
    text = "相差 1,974,983 元；于2026年12月31日前完成；LG201、LG202；≥99.00(%)；2017-08-07–2017-12-31"
    for columns in range(14, 60):
        assert_wrapped_well(text, columns)


def test_a_word_wider_than_the_line_is_cut_where_the_line_ends():
    path = "fixtures/forms/" + "很长的文件夹名/" * 8 + "2026-申报表.xlsx"
    lines = wrap(path, 30)
    assert all(width(l) <= 30 for l in lines) and "".join(lines) == path


def test_line_feeds_and_control_characters():
    assert wrap("第一行\n\n第三行", 20) == ["第一行", "", "第三行"]
    assert wrap("a\tb\x1b[31mc\r\nd", 20) == ["a b [31mc", "d"]
    assert wrap("", 20) == [""]


def test_wrapping_is_linear_a_4_mb_message_does_not_hang():
    """One pass, a bounded number of steps per token: 4 MB of the worst input
    (unclosed quotes, quoted values wider than the line, ideograph runs,
    ASCII quotes, long words) is wrapped and every line is right."""
    unit = ("指标“" + "很长的引用值" * 40 + "”，" + "“未闭合的引号" + "字" * 50 + "。'a 'b \"c "
            + "x" * 300 + " 1,970,000 元（2017-08-07）")
    text = unit * (4_000_000 // len(unit.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 4_000_000
    lines = wrap(text, 80)
    assert max(width(l) for l in lines) <= 80
    for a, b in zip(lines, lines[1:]):
        assert not b or b[0] not in CLOSING, (a, b)


def test_terminal_width_is_columns_then_the_tty(monkeypatch):
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123
    monkeypatch.delenv("COLUMNS")

    class Size:
        columns = 97

    monkeypatch.setattr(os, "get_terminal_size", lambda fd: Size())
    assert terminal_width() == 97

    def no_tty(fd):
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", no_tty)
    assert terminal_width() == 80


def test_rules_lists_cover_the_issue():
    assert set(CLOSING) <= NO_START and set(OPENING) <= NO_END


# ------------------------------------------------------------ pieces of the report
def _finding(file, path="/indicators/3/value", line=0, cell=None, code="LG201", severity="warning", **args):
    from lintgoals.model import Finding, Location, Severity

    return Finding(code, "vague-value", Severity.parse(severity), file, path, Location(line, 1, cell), args)


def _info(file, names=((3, "各项工作完成及时性"),)):
    from lintgoals.runner import TableInfo

    return TableInfo(file, "党员远教电教工作经费", "上海市党建服务中心", "中共上海市委组织部", 2026, "2026",
                     {"zh": "第一级指标有成本指标", "en": "first levels hold 成本指标"}, None, "target", names)


def test_the_location_is_what_a_person_finds_in_the_file():
    from lintgoals.formatters.text_format import where

    xlsx = "a/2026-申报表.xlsx#2"
    assert where(_finding(xlsx, cell="E20", line=20), _info(xlsx), "zh") == "E20"
    docx = "a/2026-申报表.docx#2"
    assert where(_finding(docx, cell="表2 第18行第3列", line=18), _info(docx), "zh") == "第18行（各项工作完成及时性）"
    assert where(_finding(docx, cell="表2 第18行第3列", line=18), _info(docx), "en") == "row 18 (各项工作完成及时性)"
    # a Word table other than the form's own number keeps its number
    assert where(_finding(docx, cell="表3 第5行第2列", path="/budget/total"), _info(docx), "zh") == "表3 第5行"
    text = "a/2026-申报表.txt#2"
    assert where(_finding(text, cell="18:24", line=18), _info(text), "zh") == "第18行（各项工作完成及时性）"
    assert where(_finding(text, cell="18:24", line=18, path="/budget/total"), _info(text), "zh") == "第18行"
    # a finding made after the table's record (a check across tables) names its row itself
    assert where(_finding(text, cell="19:24", path="/indicators/4", name="平台学习人次"), _info(text), "zh") == \
        "第19行（平台学习人次）"
    yaml_file = "forms/2026/党员远教.yaml"
    assert where(_finding(yaml_file, line=42), _info(yaml_file), "zh") == "第42行"
    assert where(_finding(yaml_file, line=42), _info(yaml_file), "en") == "line 42"
    assert where(_finding(yaml_file, line=0, path="/"), None, "zh") == "-"


def test_heading_names_the_table_project_and_unit():
    from lintgoals.formatters.text_format import heading

    f = "2026-申报表.xlsx#2"
    assert heading(f, _info(f), "zh") == "2026-申报表.xlsx 表2 · 党员远教电教工作经费 · 上海市党建服务中心"
    assert heading(f, _info(f), "en") == "2026-申报表.xlsx table 2 · 党员远教电教工作经费 · 上海市党建服务中心"
    assert heading("t.yaml", None, "zh") == "t.yaml"


def test_closing_line_says_tables_and_what_to_do():
    from lintgoals.formatters.text_format import closing_line
    from lintgoals.runner import Totals

    t = Totals(files=24, tables=47, errors=11, warnings=280, infos=48)
    assert closing_line(t, "zh") == "本次检查 24 个文件、47 张表：11 处必须修改（错误），280 处建议修改（警告），48 处提示"
    assert closing_line(t, "en") == ("Checked 24 files, 47 tables: 11 must be fixed (errors), "
                                     "280 should be fixed (warnings), 48 notes")
    clean = Totals(files=1, tables=1)
    assert closing_line(clean, "zh") == "本次检查 1 个文件、1 张表：未发现问题"
    assert closing_line(clean, "en") == "Checked 1 file, 1 table: no problems found"


def test_every_rule_has_a_short_chinese_name():
    from lintgoals.registry import load_registry
    from lintgoals.rulenames import short_name

    specs = load_registry(()).specs
    for code, spec in specs.items():
        zh = short_name(spec, "zh")
        assert zh and width(zh) <= 18 and re.search(r"[\u4e00-\u9fff]", zh), (code, zh)
        assert short_name(spec, "en") == spec.name


def test_a_plugin_rule_gets_a_short_name_from_its_summary():
    from lintgoals.check import check
    from lintgoals.rulenames import short_name

    @check(code="XY101", name="my-rule", messages={"zh": "…", "en": "…"})
    def mine(doc, ctx):
        """2026 模板：项目名称含有测试字样（测试、试验、样例）"""
        yield from ()

    @check(code="XY102", name="own-rule", messages={"zh": "…"}, summary={"zh-short": "自定名称"})
    def own(doc, ctx):
        """随便什么"""
        yield from ()

    assert short_name(mine.__lintgoals_check__, "zh") == "项目名称含有测试字样"[:8] + "…"
    assert short_name(own.__lintgoals_check__, "zh") == "自定名称"


# ------------------------------------------------------------ the whole report
def _report(columns, lang="zh", *extra):
    code, out, err = run_cli("check", "--lang", lang, *extra, FIXTURES, env={"COLUMNS": str(columns)})
    assert code in (0, 1), err
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", WIDTHS)
def test_the_fixtures_report_fits_and_breaks_lines_by_the_rules(columns, lang):
    # every message of the fixtures' findings (from --format json), beside the text report
    messages = {lang: json.loads(run_cli("check", "--format", "json", "--lang", lang, FIXTURES)[1])}
    out = _report(columns, lang)
    lines = out.splitlines()
    assert lines
    for n, line in enumerate(lines, 1):
        assert wcswidth(line) <= columns, f"line {n} is {wcswidth(line)} columns wide: {line}"
        for cell in re.split(r"\s{2,}", line.strip()):  # each column's piece of the line
            if cell:
                assert cell[0] not in CLOSING, f"line {n} starts with closing punctuation: {line}"
                assert cell[-1] not in OPENING, f"line {n} ends with opening punctuation: {line}"
    # numbers, codes, dates and quoted values that fit a message line are never split
    for f in messages[lang]["findings"]:
        for m in ATOM.finditer(f["message"]):
            if width(m.group()) <= 40:
                assert any(m.group() in l for l in lines), (m.group(), f["message"])
    # the closing line (wrapped when the terminal is narrow) counts files, tables and findings
    s = messages[lang]["summary"]
    first = next(i for i, l in enumerate(lines) if l.startswith(("本次检查", "Checked")))
    if lang == "zh":
        assert "".join(lines[first:]).replace(" ", "") == (f"本次检查 {s['files']} 个文件、{s['tables']} 张表：{s['errors']} 处必须修改（错误），"
                                          f"{s['warnings']} 处建议修改（警告），{s['infos']} 处提示").replace(" ", "")
    else:
        assert " ".join(lines[first:]) == (f"Checked {s['files']} files, {s['tables']} tables: {s['errors']} must be fixed "
                                           f"(errors), {s['warnings']} should be fixed (warnings), {s['infos']} notes")


@pytest.mark.parametrize("columns", WIDTHS)
def test_groups_are_headed_with_project_and_unit_and_located_by_cell_and_row(columns):
    out = _report(columns)
    joined = out.replace("\n", "").replace(" ", "")
    head = os.path.join(FIXTURES, "forms", "2026-申报表.xlsx") + " 表2 · 党员远教电教工作经费 · 上海市党建服务中心"
    assert head.replace(" ", "") in joined
    lines = out.splitlines()
    assert any(re.match(r"^E20\s", l) for l in lines)  # an xlsx cell
    assert any(re.match(r"^第\d+行（[^）]+）", l) for l in lines)  # a docx/text row and its indicator
    assert any(re.match(r"^第\d+行\s", l) for l in lines)  # a YAML line
    assert "LG201 指标值模糊" in out  # code and Chinese short name
    assert "vague-value" not in out


def test_narrow_terminals_put_the_message_below_and_drop_the_path():
    narrow = _report(80)
    assert "/indicators/" not in narrow and "路径" not in narrow
    assert re.search(r"\n    \S", narrow)  # the message, indented on its own line
    wide = _report(200)
    assert "/indicators/" in wide and "路径" in wide
    assert not re.search(r"\n {4}指标“", wide)  # side by side: the message is in its column


def test_the_report_fits_a_real_terminal_without_columns():
    """No COLUMNS: the width of the terminal the report is printed on."""
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import subprocess
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINTGOALS_LANG")}
    p = subprocess.Popen([sys.executable, "-m", "lintgoals.cli", "check", "--no-cache", "-q",
                          os.path.join(FIXTURES, "forms", "2026-申报表.xlsx")],
                         stdout=slave, stderr=subprocess.DEVNULL, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    p.wait(timeout=120)
    os.close(master)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")
    lines = text.splitlines()
    assert any("党员远教电教工作经费" in l for l in lines)
    assert max(wcswidth(l) for l in lines) <= 100
    assert max(wcswidth(l) for l in lines) > 80  # it used the room


# ------------------------------------------------------------ records: JSON tables, cache, workers, --verbose
def _json(*args, env=None):
    code, out, err = run_cli("check", "--format", "json", *args, env=env)
    return json.loads(out)


def test_json_tables_and_summary_tables_as_cli_md_shows():
    data = _json(os.path.join(FIXTURES, "forms", "2026-申报表.xlsx"), os.path.join(FIXTURES, "seeds", "it-om-2026.yaml"))
    assert list(data) == ["version", "tool", "findings", "tables", "summary"]
    assert list(data["summary"]) == ["files", "tables", "errors", "warnings", "infos"]
    assert data["summary"]["files"] == 2 and data["summary"]["tables"] == len(data["tables"]) == 6
    for t in data["tables"]:
        assert list(t) == ["file", "project", "unit", "year", "template", "template_reason", "layout",
                           "errors", "warnings", "infos"]
    xlsx = [t for t in data["tables"] if ".xlsx#" in t["file"]]
    assert [t["file"].rsplit("#", 1)[1] for t in xlsx] == ["1", "2", "3", "4", "5"]
    t2 = xlsx[1]
    assert t2["project"] == "党员远教电教工作经费" and t2["unit"] == "上海市党建服务中心" and t2["year"] == 2026
    assert t2["template"] == "2026" and isinstance(t2["template_reason"], str)
    for key, sev in (("errors", "error"), ("warnings", "warning"), ("infos", "info")):
        assert sum(t[key] for t in data["tables"]) == data["summary"][key]
        for t in data["tables"]:
            assert t[key] == sum(1 for f in data["findings"] if f["file"] == t["file"] and f["severity"] == sev)


def test_an_unreadable_file_is_a_table_without_template(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: [2026\n", encoding="utf-8")
    data = _json(str(bad))
    (t,) = data["tables"]
    assert t["file"] == str(bad) and t["template"] is None and t["project"] is None and t["errors"] >= 1


def test_records_travel_from_workers_and_come_back_from_the_cache(tmp_path):
    env = {"LINTGOALS_CACHE_DIR": str(tmp_path / "cache")}
    serial = _json("--no-cache", "-j", "1", FIXTURES)
    pooled = _json("--no-cache", "-j", "2", FIXTURES)
    cold = _json("-j", "2", FIXTURES, env=env)
    warm = _json("-j", "2", FIXTURES, env=env)
    warm1 = _json("-j", "1", FIXTURES, env=env)
    assert serial["tables"] and serial["summary"]["tables"] > serial["summary"]["files"]
    assert pooled == serial and cold == serial and warm == serial and warm1 == serial


def test_a_warm_run_reads_no_table(tmp_path):
    """The records are in the cache: a warm run neither loads nor checks a file."""
    code = f"""
import sys, lintgoals.runner as r
from lintgoals.runner import Plan, run
calls = []
real = r._lint_path
r._lint_path = lambda *a: calls.append(a[2]) or real(*a)
plan = Plan(cache_root={str(tmp_path)!r})
first = [(p, f, t) for p, f, t in run(plan, {[os.path.join(FIXTURES, "forms", "2026-申报表.xlsx"), os.path.join(FIXTURES, "seeds", "it-om-2026.yaml")]!r}, jobs=1, tables=True)]
n = len(calls)
second = [(p, f, t) for p, f, t in run(plan, [p for p, _, _ in first], jobs=1, tables=True)]
assert n == 2 and len(calls) == 2, calls
assert first == second and len(second[0][2]) == 5 and second[0][2][1].project == "党员远教电教工作经费"
print("ok")
"""
    import subprocess

    env = dict(os.environ, LINTGOALS_CACHE_DIR=str(tmp_path / "c"))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert p.stdout.strip() == "ok", p.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verbose_says_template_and_layout_per_table(lang):
    xlsx = os.path.join(FIXTURES, "forms", "2026-申报表.xlsx")
    yaml_file = os.path.join(FIXTURES, "seeds", "it-om-2026.yaml")
    code, out, err = run_cli("check", "--verbose", "--lang", lang, xlsx, yaml_file)
    lines = [l for l in err.splitlines() if l.startswith(FIXTURES)]
    assert len(lines) == 6
    if lang == "zh":
        assert lines[1].startswith(xlsx + " 表2：按 2026 模板检查")
        assert "版式" in lines[1] and "格式 1 文件" in lines[5]
        assert not re.search(r"[A-Za-z]{4,}", re.sub(r"template: \d+|[\w/.-]+\.(?:xlsx|yaml)", "", "".join(lines)))
    else:
        assert lines[1].startswith(xlsx + " table 2: checked against the 2026 template")
        assert "layout" in lines[5]
    code, out, quiet = run_cli("check", "--lang", lang, xlsx)
    assert not any(l.startswith(FIXTURES) for l in quiet.splitlines())
