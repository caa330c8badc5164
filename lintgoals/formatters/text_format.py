"""`--format text`: one group per table, headed with its project and unit,
laid out to fit the terminal.

The width is `COLUMNS` or the terminal's (80 when there is none); no line is
wider (display columns: a Chinese character takes two). Wide terminals get
a table (位置, 级别, 规则, 说明; 路径, the JSON pointer, only when there is room
to spare); narrow ones a line per finding with its message indented below.
The location is what a person finds in the file: a cell (E20), a row and the
indicator's name (第18行（各项工作完成及时性）), a line of YAML (第42行).
Lines are broken by wrap.py (Chinese punctuation rules, numbers and quoted
values kept whole).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import groupby

from ..wrap import terminal_width, width, wrap

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_HEAD = {"zh": ("位置", "级别", "规则", "路径", "说明"), "en": ("where", "severity", "rule", "path", "message")}
_SEV = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}, "en": {}}

GAP = 2            # spaces between columns
MIN_MESSAGE = 50   # a message column narrower than this: the message goes below its finding
PATH_ROOM = 70     # the path column shows only when the message keeps this much
INDENT = "    "    # the message below its finding (narrow layout)
CAPS = {"where": 30, "rule": 30, "path": 28}

_DOCX = re.compile(r"^表(\d+) 第(\d+)行")
_PARAGRAPH = re.compile(r"^段落(\d+)$")
_TEXT_CELL = re.compile(r"^(\d+):\d+$")
_TABLE_NO = re.compile(r"#(\d+)$")


# ------------------------------------------------------------ streaming API
def start(ctx) -> str:
    ctx.state["any"] = False
    return ""


def chunk(findings, ctx) -> str:
    if not findings:
        return ""
    out = ("\n" if ctx.state.get("any") else "") + _groups(findings, ctx)
    ctx.state["any"] = True
    return out


def end(totals, ctx) -> str:
    line = closing_line(totals, ctx.lang)
    return ("\n" if ctx.state.get("any") else "") + "\n".join(wrap(line, _width(ctx))) + "\n"


def render(findings, ctx) -> str:
    from ..runner import Totals

    totals = Totals(files=ctx.files, tables=len(ctx.tables))
    totals.add(findings)
    return start(ctx) + chunk(findings, ctx) + end(totals, ctx)


# ------------------------------------------------------------ words
def closing_line(totals, lang: str) -> str:
    """What a clerk acts on: how much was checked, what must and should change."""
    files, tables = totals.files, max(totals.tables, 0)
    e, w, i = totals.errors, totals.warnings, totals.infos
    if lang == "zh":
        head = f"本次检查 {files} 个文件、{tables} 张表"
        if not (e or w or i):
            return head + "：未发现问题"
        return head + f"：{e} 处必须修改（错误），{w} 处建议修改（警告），{i} 处提示"
    head = f"Checked {_n(files, 'file')}, {_n(tables, 'table')}"
    if not (e or w or i):
        return head + ": no problems found"
    return (head + f": {e} must be fixed ({'error' if e == 1 else 'errors'}), "
            f"{w} should be fixed ({'warning' if w == 1 else 'warnings'}), {_n(i, 'note')}")


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def heading(file: str, info, lang: str) -> str:
    """`2026-申报表.xlsx 表2 · 党员远教电教工作经费 · 上海市党建服务中心`."""
    m = _TABLE_NO.search(file)
    name = file
    if m:
        name = file[:m.start()] + (f" 表{m.group(1)}" if lang == "zh" else f" table {m.group(1)}")
    parts = [name]
    if info is not None:
        parts += [p for p in (info.project, info.unit) if p]
    return " · ".join(parts)


def verbose_line(info, lang: str) -> str:
    """--verbose: which template and layout were recognised for a table, and why."""
    where = heading(info.file, None, lang)
    if info.template is None:
        return (f"{where}：无法读取，未识别模板" if lang == "zh"
                else f"{where}: not readable; no template recognised")
    reason = info.template_reason
    if isinstance(reason, Mapping):
        reason = reason.get(lang) or reason.get("zh") or ""
    suffix = info.file.rsplit("#", 1)[0].lower()
    form = suffix.endswith((".xlsx", ".docx", ".txt"))
    if lang == "zh":
        why = f"（{reason}）" if reason else ""
        layout = (f"版式 {info.layout}" if info.layout else
                  "导入时未记录版式" if form else "格式 1 文件，无版式")
        return f"{where}：按 {info.template} 模板检查{why}；{layout}"
    why = f" ({reason})" if reason else ""
    layout = (f"layout {info.layout}" if info.layout else
              "no layout recorded by the importer" if form else "a format-1 file, no layout")
    return f"{where}: checked against the {info.template} template{why}; {layout}"


def where(f, info, lang: str) -> str:
    """The place a person finds in the file."""
    cell = f.location.cell
    zh = lang == "zh"
    if cell:
        m = _DOCX.match(cell)
        if m:  # a Word table: its row (the table number only when it is not this table's own)
            own = _TABLE_NO.search(f.file)
            here = f"第{m.group(2)}行" if zh else f"row {m.group(2)}"
            if m.group(1) != (own.group(1) if own else "1"):
                here = (f"表{m.group(1)} " if zh else f"table {m.group(1)} ") + here
        elif _TEXT_CELL.match(cell):
            line = _TEXT_CELL.match(cell).group(1)
            here = f"第{line}行" if zh else f"line {line}"
        elif _PARAGRAPH.match(cell):
            n = _PARAGRAPH.match(cell).group(1)
            return f"第{n}段" if zh else f"paragraph {n}"
        else:
            return cell  # a spreadsheet cell: E20
        name = _indicator(f, info)
        if name:
            here += f"（{name}）" if zh else f" ({name})"
        return here
    if f.line:
        return f"第{f.line}行" if zh else f"line {f.line}"
    return "-"


def _indicator(f, info) -> str:
    """The name of the indicator row a finding points at: from the table's
    record, else the finding's own `name` argument (a finding made after the
    record, by a check across tables)."""
    if not f.path.startswith("/indicators/"):
        return ""
    index = f.path.split("/", 3)[2]
    for i, name in (info.names if info is not None else ()):
        if str(i) == index:
            return name
    name = f.args.get("name") if isinstance(f.args, Mapping) else None
    return name if isinstance(name, str) and f.path.count("/") >= 2 and index.isdigit() else ""


# ------------------------------------------------------------ layout
def _width(ctx) -> int:
    return max(ctx.width or terminal_width(), 10)


def _groups(findings, ctx) -> str:
    lang = ctx.lang if ctx.lang in _HEAD else "en"
    columns = _width(ctx)
    infos = {t.file: t for t in ctx.tables}
    parts = []
    for file, group in groupby(findings, key=lambda f: f.file):
        group = list(group)
        info = infos.get(file)
        rows = [(where(f, info, lang), str(f.severity), _rule(f, ctx, lang), f.path or "/", ctx.message(f))
                for f in group]
        head = "\n".join(_heading_lines(heading(file, info, lang), columns))
        parts.append(head + "\n" + _table(rows, ctx, lang, columns))
    return "\n".join(parts)


def _heading_lines(text: str, columns: int):
    """The heading's parts (file, project, unit) each kept on one line when
    they do not fit together; a part too long for a line is wrapped."""
    if width(text) <= columns:
        return [text]
    parts = text.split(" · ")
    lines, cur = [], parts[0]
    for p in parts[1:]:
        if width(cur) + 3 + width(p) <= columns:
            cur += " · " + p
        else:
            lines += wrap(cur + " ·", columns)
            cur = p
    return lines + wrap(cur, columns)


def _rule(f, ctx, lang: str) -> str:
    spec = ctx.specs.get(f.code)
    name = (spec.short_name(lang) if spec is not None else "") or f.name
    return f"{f.code} {name}"


def _sev(severity: str, lang: str) -> str:
    return _SEV.get(lang, {}).get(severity, severity)


def _table(rows, ctx, lang: str, columns: int) -> str:
    head = _HEAD[lang]
    sev_w = max(width(x) for x in [head[1]] + [_sev(r[1], lang) for r in rows])
    where_w = min(max(width(x) for x in [head[0]] + [r[0] for r in rows]), CAPS["where"])
    rule_w = min(max(width(x) for x in [head[2]] + [r[2] for r in rows]), CAPS["rule"])
    path_w = min(max(width(x) for x in [head[3]] + [r[3] for r in rows]), CAPS["path"])
    fixed = where_w + sev_w + rule_w + 3 * GAP
    message_w = columns - fixed
    if message_w >= MIN_MESSAGE:
        with_path = message_w - path_w - GAP >= PATH_ROOM
        widths = [where_w, sev_w, rule_w] + ([path_w] if with_path else [])
        message_w -= (path_w + GAP) if with_path else 0
        cells = [[r[0], r[1], r[2]] + ([r[3]] if with_path else []) + [r[4]] for r in rows]
        return _side_by_side(cells, list(head[:3]) + ([head[3]] if with_path else []) + [head[4]],
                             widths + [message_w], ctx, lang)
    return _stacked(rows, ctx, lang, columns, where_w, sev_w, rule_w)


def _side_by_side(cells, head, widths, ctx, lang) -> str:
    """Columns, each cell wrapped to its column; the last one is the message."""
    out = [_line([h for h in head], widths, None, ctx, lang),
           _line(["-" * w for w in widths], widths, None, ctx, lang)]
    for row in cells:
        wrapped = [wrap(c if i != 1 else _sev(c, lang), w) for i, (c, w) in enumerate(zip(row, widths))]
        for k in range(max(len(x) for x in wrapped)):
            out.append(_line([x[k] if k < len(x) else "" for x in wrapped], widths,
                             row[1] if k == 0 else None, ctx, lang))
    return "\n".join(out) + "\n"


def _line(texts, widths, severity, ctx, lang) -> str:
    """One printed line: every cell padded to its column but the last."""
    parts = []
    last = len(texts) - 1
    for i, (t, w) in enumerate(zip(texts, widths)):
        pad = "" if i == last else " " * (w - width(t))
        if i == 1 and severity and ctx.color and t:
            t = f"{_COLORS[severity]}{t}\033[0m"
        parts.append(t + pad)
    return (" " * GAP).join(parts).rstrip()


def _stacked(rows, ctx, lang, columns, where_w, sev_w, rule_w) -> str:
    """Narrow terminals: location, severity and rule on a line, the message
    indented below it, at the full width."""
    natural = max(width(x) for x in [_HEAD[lang][0]] + [r[0] for r in rows])  # the line has room: no cap
    room = columns - sev_w - 2 * GAP
    rule_w = min(rule_w, max(room // 2, 8))
    where_w = min(natural, room - rule_w)
    aligned = where_w >= min(natural, 6) and rule_w >= 8
    head = _HEAD[lang]
    out = []
    if aligned:
        widths = [where_w, sev_w, rule_w]
        out += [_line(list(head[:3]), widths, None, ctx, lang), _line(["-" * w for w in widths], widths, None, ctx, lang)]
    indent = INDENT if columns >= 40 else ""
    text_w = columns - len(indent)
    for r in rows:
        if aligned:
            wrapped = [wrap(r[0], where_w), [_sev(r[1], lang)], wrap(r[2], rule_w)]
            for k in range(max(len(x) for x in wrapped)):
                out.append(_line([x[k] if k < len(x) else "" for x in wrapped], widths,
                                 r[1] if k == 0 else None, ctx, lang))
        else:  # too narrow for columns: each on its own lines
            out += wrap(r[0], columns) + [_sev(r[1], lang)] + wrap(r[2], columns)
        out += [indent + x if x else "" for x in wrap(r[4], text_w)]
    return "\n".join(out) + "\n"


