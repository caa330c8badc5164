"""`lintgoals server` end to end: a real LSP client (pytest-lsp) drives the
server over stdio in a workspace of tables; what it says is compared with
what `lintgoals check`, `fix` and `explain` say of the same files."""
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp needs Python 3.10+ (the test extra installs it there)")
pytest_asyncio = pytest.importorskip("pytest_asyncio")
from lsprotocol import types  # noqa: E402

pytestmark = pytest.mark.asyncio(loop_scope="module")

SEEDS = os.path.join(FIXTURES, "seeds")
CLEAN = os.path.join(FIXTURES, "clean")

PLUGIN = '''
from lintgoals import check


@check(code="XY101", name="no-test-projects", severity="error",
       messages={"zh": "项目名称“{name}”含“{word}”", "en": "project name {name} holds {word}"},
       options={"word": {"type": "string", "default": "测试"}})
def no_test_projects(doc, ctx):
    """测试项目不得申报。

    [zh]
    为什么：示例。反例：测试项目。正例：正式项目。选项：word。
    [en]
    Why: example. Bad: 测试. Good: a real name. Options: word.
    """
    name = doc.project.get("name", "")
    if ctx.options["word"] in name:
        yield ctx.finding("/project/name", name=name, word=ctx.options["word"])


@check(code="XY901", name="crashes", severity="warning", messages={"zh": "不会出现", "en": "never"})
def crashes(doc, ctx):
    """遇到“崩溃”就出错的检查（测试用）。

    [zh]
    为什么：测试。反例：无。正例：无。选项：无。
    [en]
    Why: a test. Bad: none. Good: none. Options: none.
    """
    if "崩溃" in doc.project.get("name", ""):
        raise ZeroDivisionError("division by zero")
    return
    yield
'''


def _clean_table(name, unit):
    text = open(os.path.join(CLEAN, "remote-education-2026.yaml"), encoding="utf-8").read()
    text = text.replace("name: 党员远教电教工作经费", f"name: {name}")
    return re.sub(r"unit: .*", f"unit: {unit}", text, count=1)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    ws = tmp_path_factory.mktemp("ws")
    for name in ("remote-education-2020.yaml", "remote-education-2026.yaml"):
        shutil.copy(os.path.join(SEEDS, name), ws / name)
    (ws / "plugins").mkdir()
    (ws / "plugins" / "bureau.py").write_text(PLUGIN, encoding="utf-8")
    # the plugin's option from the config, as `check` reads it
    (ws / ".lintgoals.yaml").write_text("rules:\n  XY101: {word: 样例}\n", encoding="utf-8")
    (ws / "en").mkdir()
    (ws / "en" / ".lintgoals.yaml").write_text("lang: en\n", encoding="utf-8")
    (ws / "compose.yaml").write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    return ws


def _env(ws):
    env = dict(os.environ)
    for name in ("LINTGOALS_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    env["LANG"] = "C.UTF-8"
    env["XDG_CACHE_HOME"] = str(ws / ".cache")
    return env


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(workspace):
    config = pytest_lsp.ClientServerConfig(
        server_command=[sys.executable, "-m", "lintgoals", "server", "--checks-dir", str(workspace / "plugins"),
                        "--debounce", "50"],
        server_env=_env(workspace))
    lsp = await config.start()
    root = workspace.as_uri()
    await lsp.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=root,
        workspace_folders=[types.WorkspaceFolder(uri=root, name="ws")]))
    yield lsp
    await lsp.shutdown_session()
    await lsp.stop()


# ------------------------------------------------------------------ helpers


def _open(lsp, path, text=None, language="yaml"):
    uri = Path(path).as_uri()
    text = Path(path).read_text(encoding="utf-8") if text is None else text
    lsp.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
    return uri


async def _diagnostics(lsp, uri, until=lambda ds: True, timeout=10.0):
    """The diagnostics last published for `uri` once `until` holds of them."""
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        ds = lsp.diagnostics.get(uri)
        if ds is not None and until(ds):
            return ds
        if loop.time() > end:
            raise AssertionError(f"no diagnostics as expected for {uri}: {ds}")
        await asyncio.sleep(0.02)


def _offset(text, pos):
    lines = text.splitlines(True)
    return sum(len(x) for x in lines[:pos.line]) + pos.character  # BMP text: UTF-16 units = code points


def _apply(text, edits):
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:_offset(text, e.range.start)] + e.new_text + text[_offset(text, e.range.end):]
    return text


def _edits(action):
    return [e for change in action.edit.document_changes for e in change.edits]


def _change(lsp, uri, version, text):
    lsp.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def _check_json(ws, *files):
    code, out, err = run_cli("check", "--format", "json", "--no-cache", "--checks-dir", str(ws / "plugins"),
                             *files, cwd=str(ws))
    assert code in (0, 1), err
    return json.loads(out)["findings"]


def _where(text, needle, occurrence=0):
    """(line, column) of the n-th occurrence of `needle` in `text` (0-based)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at)
    return line, at - (text.rfind("\n", 0, at) + 1)


# ------------------------------------------------------------------ diagnostics


async def test_last_years_table_in_the_workspace_pairs_lg6(client, workspace):
    """Opened first: last year's table is known from the workspace's summaries alone."""
    uri = _open(client, workspace / "remote-education-2026.yaml")
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "LG601" for d in ds))
    expected = [f for f in _check_json(workspace, "remote-education-2020.yaml", "remote-education-2026.yaml")
                if f["file"] == "remote-education-2026.yaml"]
    assert sorted((d.code, d.range.start.line + 1, d.message) for d in ds) == \
        sorted((f["code"], f["line"], f["message"]) for f in expected)
    lg601 = next(d for d in ds if d.code == "LG601")
    assert lg601.related_information and lg601.related_information[0].location.uri.endswith("remote-education-2020.yaml")


async def test_diagnostics_match_check_with_node_ranges(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    ds = await _diagnostics(client, uri, lambda ds: len(ds) > 0)
    expected = _check_json(workspace, "remote-education-2020.yaml", "remote-education-2026.yaml")
    expected = [f for f in expected if f["file"] == "remote-education-2020.yaml"]
    got = sorted((d.code, d.range.start.line + 1, d.range.start.character + 1, d.message) for d in ds)
    assert got == sorted((f["code"], f["line"], f["column"], f["message"]) for f in expected)
    by_code = {}
    for d in ds:
        by_code.setdefault(d.code, []).append(d)
    # the range is the offending node: the whole quoted value, not a line or a point
    line, col = _where(text, '"<=100%"')
    lg209 = sorted(by_code["LG209"], key=lambda d: d.range.start.line)[0]
    assert (lg209.range.start.line, lg209.range.start.character) == (line, col)
    assert (lg209.range.end.line, lg209.range.end.character) == (line, col + len('"<=100%"'))
    assert lg209.severity == types.DiagnosticSeverity.Information and lg209.source == "lintgoals"
    assert lg209.data["fixable"] is True
    # a plain value: just its text; a row finding: the row's flow mapping
    line, col = _where(text, "成效明显")
    lg201 = [d for d in by_code["LG201"] if d.range.start.line == line][0]
    assert (lg201.range.start.character, lg201.range.end.character) == (col, col + 4)
    assert lg201.severity == types.DiagnosticSeverity.Warning
    assert lg201.code_description.href.startswith("file://") and lg201.code_description.href.endswith("LG201.zh.md")
    page = Path(lg201.code_description.href[len("file://"):]).read_text(encoding="utf-8")
    assert page.startswith("### LG201 ")
    lg105 = by_code["LG105"][0]
    row = text.splitlines()[lg105.range.start.line]
    assert row[lg105.range.start.character] == "{" and row[lg105.range.end.character - 1] == "}"


async def test_an_edit_that_fixes_a_finding_removes_it(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = Path(path).as_uri()
    before = await _diagnostics(client, uri, lambda ds: len(ds) > 0)
    n = sum(d.code == "LG209" for d in before)
    line, col = _where(text, '"<=100%"')
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(line, col), types.Position(line, col + len('"<=100%"'))),
            text='"≤100.00(%)"')]))
    after = await _diagnostics(client, uri, lambda ds: sum(d.code == "LG209" for d in ds) == n - 1)
    assert len(after) == len(before) - 1
    _change(client, uri, 3, text)  # back as it was, for the next tests
    await _diagnostics(client, uri, lambda ds: sum(d.code == "LG209" for d in ds) == n)


def _fixed_by_cli(workspace, name, text):
    copy = workspace / "fixcopy" / name
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    code, _, err = run_cli("fix", "--checks-dir", str(workspace / "plugins"), str(copy), cwd=str(workspace))
    assert code == 0, err
    return copy.read_text(encoding="utf-8")


async def test_quick_fixes_are_the_edits_of_lintgoals_fix(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = Path(path).as_uri()
    ds = await _diagnostics(client, uri, lambda ds: sum(d.code == "LG209" for d in ds) == 2)
    fixed = _fixed_by_cli(workspace, "remote-education-2020.yaml", text)
    assert fixed != text
    singles = []
    for d in (d for d in ds if d.code == "LG209"):
        actions = await client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
            context=types.CodeActionContext(diagnostics=[d], only=[types.CodeActionKind.QuickFix])))
        fixes = [a for a in actions if isinstance(a, types.CodeAction) and a.edit and a.is_preferred]
        assert len(fixes) == 1 and fixes[0].title.startswith("修复 LG209")
        singles += _edits(fixes[0])
        assert any(a.title == "查看 LG209 的说明" for a in actions)
    assert _apply(text, singles) == fixed  # each finding's quick fix is fix's edit for it
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert len(actions) == 1 and _apply(text, _edits(actions[0])) == fixed


async def test_suppress_with_a_reason_inserts_the_comment_above(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = Path(path).as_uri()
    ds = await _diagnostics(client, uri, lambda ds: len(ds) > 0)
    line, _ = _where(text, "成效明显")
    d = next(d for d in ds if d.code == "LG201" and d.range.start.line == line)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    sup = next(a for a in actions if a.title.startswith("用注释忽略 LG201"))
    new = _apply(text, _edits(sup))
    lines = new.splitlines()
    assert lines[line] == "  # lintgoals: disable=LG201 理由：" and lines[line + 1] == text.splitlines()[line]
    _change(client, uri, 10, new)
    after = await _diagnostics(client, uri, lambda ds: len(ds) == len([x for x in ds]) and
                               not any(x.code == "LG201" and "成效明显" in x.message for x in ds))
    assert not any(x.code in ("LG004", "LG005") for x in after)
    _change(client, uri, 11, text)
    await _diagnostics(client, uri, lambda ds: any(x.code == "LG201" and "成效明显" in x.message for x in ds))


async def test_hover_on_a_finding_is_its_explain_page(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = Path(path).as_uri()
    await _diagnostics(client, uri, lambda ds: len(ds) > 0)
    line, col = _where(text, "成效明显")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, col + 1)))
    assert hover is not None and hover.contents.kind == types.MarkupKind.Markdown
    code, page, _ = run_cli("explain", "LG201")
    body = page.split("\n", 2)[2]  # the page after its heading line
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731 the hover unwraps the page's hard line breaks
    assert squash(body) in squash(hover.contents.value)
    assert "**LG201**" in hover.contents.value and "成效明显" in hover.contents.value
    assert (hover.range.start.line, hover.range.start.character) == (line, col)


async def test_hover_on_a_value_tells_how_it_was_read(client, workspace):
    path = workspace / "remote-education-2020.yaml"
    text = path.read_text(encoding="utf-8")
    uri = Path(path).as_uri()
    line, col = _where(text, '">=90%"')
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, col + 2)))
    value = hover.contents.value
    assert "比较符：≥（写作“>=”）" in value and "数值：90" in value and "单位：%" in value
    assert "适用模板：2020" in value and "LG209" in value  # the finding there, then the reading


async def test_json_tables_get_node_ranges_too(client, workspace):
    import yaml

    data = yaml.safe_load((workspace / "remote-education-2020.yaml").read_text(encoding="utf-8"))
    data["project"]["start"], data["project"]["end"] = str(data["project"]["start"]), str(data["project"]["end"])
    for m in data.get("schedule", []):
        m["date"] = str(m["date"])
    data["year"] = 2019  # not last year's table of the YAML one: a table of its own
    text = json.dumps(data, ensure_ascii=False, indent=2)
    uri = _open(client, workspace / "t2019.json", text, language="json")
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "LG209" for d in ds))
    d = next(d for d in ds if d.code == "LG209" and "<=" in d.message)
    line, col = _where(text, '"<=100%"')
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (line, col, col + 8)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range, context=types.CodeActionContext(diagnostics=[d])))
    assert not any(a.title.startswith("用注释忽略") for a in actions)  # JSON has no comments: per-file-ignores
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


# ------------------------------------------------------------------ plugins, crashes, bad input


async def test_a_plugin_check_from_checks_dir_with_its_config_option(client, workspace):
    uri = _open(client, workspace / "plugin.yaml", _clean_table("样例项目", "插件测试中心"))
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "XY101" for d in ds))
    d = next(d for d in ds if d.code == "XY101")
    assert d.message == "项目名称“样例项目”含“样例”" and d.severity == types.DiagnosticSeverity.Error
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=d.range.start))
    assert "为什么：示例" in hover.contents.value


async def test_a_crashing_check_gives_a_diagnostic_and_the_server_goes_on(client, workspace):
    uri = _open(client, workspace / "crash.yaml", _clean_table("崩溃项目", "崩溃测试中心"))
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "XY901" for d in ds))
    d = next(d for d in ds if d.code == "XY901")
    assert "XY901" in d.message and "ZeroDivisionError" in d.message and d.severity == types.DiagnosticSeverity.Error
    assert (d.range.start.line, d.range.start.character) == (0, 0)
    _change(client, uri, 2, _clean_table("正常项目", "崩溃测试中心"))  # still alive: the next edit is linted
    await _diagnostics(client, uri, lambda ds: not any(d.code == "XY901" for d in ds))


async def test_half_typed_yaml_is_lg001_never_a_crash(client, workspace):
    text = _clean_table("半行项目", "半行测试中心")
    uri = _open(client, workspace / "typing.yaml", text)
    await _diagnostics(client, uri, lambda ds: not any(d.code == "LG001" for d in ds))
    cut = text.index("value:", text.index("indicators:"))
    version = 1
    for i in range(cut, cut + 12):  # a value typed character by character, and half a quoted string
        version += 1
        _change(client, uri, version, text[:i] + '"≥9' + text[i:].split("\n", 1)[1])
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "LG001" for d in ds))
    lg001 = next(d for d in ds if d.code == "LG001")
    assert lg001.severity == types.DiagnosticSeverity.Error and lg001.range.start.line > 0
    for broken in ("indicators:\n  - {level1: 产出", "year: 2026\nproject:\n  name: [", "\ufeff", ""):
        version += 1
        _change(client, uri, version, text.split("indicators:")[0] + broken)
    version += 1
    _change(client, uri, version, text)
    await _diagnostics(client, uri, lambda ds: not any(d.code == "LG001" for d in ds))


async def test_the_config_language_applies_per_folder(client, workspace):
    uri = _open(client, workspace / "en" / "t.yaml", _clean_table("英文项目", "英文测试中心").replace(
        "value: \"≥50(次)\"", "value: \">=50次\"", 1))
    ds = await _diagnostics(client, uri, lambda ds: any(d.code == "LG209" for d in ds))
    d = next(d for d in ds if d.code == "LG209")
    assert "notation" in d.message and d.code_description.href.endswith("LG209.en.md")


async def test_a_bad_config_is_a_diagnostic_not_a_dead_server(client, workspace):
    (workspace / "bad").mkdir()
    (workspace / "bad" / ".lintgoals.yaml").write_text("selec: [LG2]\n", encoding="utf-8")
    uri = _open(client, workspace / "bad" / "t.yaml", _clean_table("配置项目", "配置测试中心"))
    ds = await _diagnostics(client, uri, lambda ds: len(ds) > 0)
    assert len(ds) == 1 and "selec" in ds[0].message and ds[0].severity == types.DiagnosticSeverity.Error
    (workspace / "bad" / ".lintgoals.yaml").write_text("select: [LG2]\n", encoding="utf-8")
    _change(client, uri, 2, _clean_table("配置项目", "配置测试中心") + "\n")  # the config is read again once it changed
    await _diagnostics(client, uri, lambda ds: not any("selec" in d.message for d in ds))


async def test_other_yaml_gets_no_diagnostics(client, workspace):
    uri = _open(client, workspace / "compose.yaml")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(0, 1)))
    assert hover is None and uri not in client.diagnostics


async def test_rapid_edits_leave_memory_flat(client, workspace):
    """1,000 edits as fast as the client sends them (the debounce lints the
    last), then 1,000 more: the server's resident memory hardly moves."""
    text = _clean_table("快速编辑", "快速编辑中心")
    uri = _open(client, workspace / "rapid.yaml", text)
    await _diagnostics(client, uri, lambda ds: True)
    pid = client._server.pid

    def rss():
        with open(f"/proc/{pid}/status") as fh:
            return int(next(x for x in fh if x.startswith("VmRSS")).split()[1]) // 1024

    if not os.path.exists(f"/proc/{pid}/status"):
        pytest.skip("no /proc to read the server's memory from")
    version, sizes = 1, []
    for _ in range(2):
        for i in range(1000):
            version += 1
            edited = text.replace("≥90.00(%)", f"≥{i % 97}(%)" if i % 7 else "≥9", 1)
            _change(client, uri, version, edited)
            if i % 100 == 99:
                await asyncio.sleep(0.06)  # a pause in the typing: the debounced lint runs
        _change(client, uri, version + 1, text)
        version += 1
        await _diagnostics(client, uri, lambda ds: not any(d.code == "LG001" for d in ds))
        await asyncio.sleep(0.2)
        sizes.append(rss())
    print("server RSS after 1,000 and 2,000 edits (MiB):", sizes)
    assert sizes[1] - sizes[0] < 15, sizes  # MiB


async def test_without_pygls_the_command_says_how_to_install_it(tmp_path):
    code = ("import sys; sys.modules['pygls'] = None; sys.argv = ['lintgoals', 'server']\n"
            "from lintgoals.cli import main; main()")
    env = _env(tmp_path)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 2
    assert "pip install 'lintgoals[server]'" in p.stderr and "需要 pygls" in p.stderr
