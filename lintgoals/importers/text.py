"""The text of the forms:

- tab-separated rows (the 2026 and 2018 申报表, and any form copied out of a
  spreadsheet or a Word table), read as a grid by the recogniser (grid.py);
- text extracted from a PDF, columns spaced out (pdftotext -layout, copying
  from a reader): each line's runs of two or more spaces split its cells, and
  the same recogniser reads the grid;
- the Shanghai 2020 目标表 as its PDF text comes, lines broken wherever the
  PDF wrapped them and, in some exports, the merged cells' labels printed in
  the middle of the rows they span. Read here, line by line.

Bounded: a text over the form size limit is refused before it is read, and
one with a line longer than a form ever has (a fiftieth of that limit) before
any pattern runs over it; both say which limit and how to raise it.
"""
from __future__ import annotations

import os
import re
from typing import List, Optional, Sequence, Tuple

from ..load import DEFAULT_MAX_BYTES, decode
from ..values import fold
from . import FormError
from .grid import TITLE_2018, TITLE_2026, Cell, Row, Table, parse_grid

TITLE_2020 = "财政项目支出绩效目标表"
LINE_SHARE = 50  # the longest line allowed is the size limit / LINE_SHARE (100 K characters by default)


def read_text(path: str, layouts=None, max_bytes: Optional[int] = None) -> List[Table]:
    limit = max_bytes or DEFAULT_MAX_BYTES
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise FormError("too-large", size=size, limit=limit)
        data = fh.read(limit + 1)  # a file growing while read is still bounded
    if len(data) > limit:
        raise FormError("too-large", size=len(data), limit=limit)
    text, problem = decode(data)
    if problem is not None:
        if problem.kind == "binary":
            raise FormError("corrupt", expected="txt")
        raise FormError("encoding", encoding=problem.args.get("encoding", "?"))
    _check_lines(text, max(limit // LINE_SHARE, 1000))
    return parse_text(text, layouts)


def _check_lines(text: str, limit: int) -> None:
    """The first line over `limit` characters, found in linear time."""
    start = 0
    n = 1
    size = len(text)
    if size <= limit:
        return
    while start < size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        if end - start > limit:
            raise FormError("line-too-long", line=n, length=end - start, limit=limit, share=LINE_SHARE)
        start = end + 1
        n += 1


def parse_text(text: str, layouts=None) -> List[Table]:
    squashed = re.sub(r"\s+", "", text[:20000])
    if TITLE_2018 in squashed or (TITLE_2026 in squashed and "\t" in text):
        return parse_grid(grid_rows(text), layouts)
    if TITLE_2020 in squashed and "\t" not in text:
        tables = parse_2020(text)
        if any(t.data.get("indicators") for t in tables):
            return tables
    rows = grid_rows(text) if "\t" in text else spaced_rows(text)
    tables = parse_grid(rows, layouts)  # cells line up by their place in the line, not by character
    if tables:
        return tables
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    raise FormError("unknown-layout", found=first[:40])


def grid_rows(text: str) -> List[Row]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        cells, col = [], 1
        for i, part in enumerate(line.split("\t")):
            cells.append(Cell(part, n, col, f"{n}:{col}", i))
            col += len(part) + 1
        rows.append(cells)
    return rows


_GAP = re.compile(r"(?:[ \u3000]{2,}|\u3000)")  # two spaces or an ideographic space between cells


def spaced_rows(text: str) -> List[Row]:
    """Lines of a PDF's text whose cells are spaced out: each run of two or
    more spaces (or an ideographic space) ends a cell."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        cells: Row = []
        start = 0
        for m in _GAP.finditer(line):
            if m.start() > start:
                cells.append(Cell(line[start:m.start()], n, start + 1, f"{n}:{start + 1}", len(cells)))
            start = m.end()
        if start < len(line):
            cells.append(Cell(line[start:], n, start + 1, f"{n}:{start + 1}", len(cells)))
        rows.append(cells)
    return rows


# --------------------------------------------------------------------------- 2020

LEVEL1_2020 = ["投入与管理", "产出目标", "效果目标", "影响力目标"]
LEVEL2_2020 = ["投入管理", "财务管理", "实施管理", "资产管理", "数量", "质量", "时效", "成本", "经济效益", "社会效益",
               "生态效益", "环境效益", "可持续影响", "满意度", "长效管理", "可持续性", "信息共享"]
_LABELS = [("项目概况", ("project", "overview")), ("立项依据", ("project", "basis")),
           ("项目设立的必要性", ("project", "necessity")), ("保证项目实施的制度、措施", ("project", "safeguards")),
           ("项目实施计划", ("schedule",)), ("总目标及阶段性目标", ("goals", "overall"))]
_END_NARRATIVE = "本项目上年度市级财政资金使用情况"
_TOKEN = re.compile(r"\S+")
_NUMBERISH = re.compile(r"^(?:[<>=≥≤＞＜＝]+|大于等于|小于等于|不低于|不少于|不高于|不超过)?[-+]?\d[\d,.]*%?$")


class _Line:
    __slots__ = ("n", "text")

    def __init__(self, n: int, text: str) -> None:
        self.n, self.text = n, text

    def cell(self, start: int = 0, length: int = 0) -> Cell:
        col = start + 1
        return Cell(self.text[start:start + length] if length else self.text.strip(), self.n, col, f"{self.n}:{col}")


def parse_2020(text: str) -> List[Table]:
    lines = [_Line(n, line.rstrip()) for n, line in enumerate(text.splitlines(), 1)]
    starts = [i for i, l in enumerate(lines) if TITLE_2020 in re.sub(r"\s+", "", l.text)]
    tables = []
    for k, s in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(lines)
        tables.append(_table_2020([l for l in lines[s:end] if l.text.strip()]))
    return tables


def _search(lines: Sequence[_Line], pattern: str) -> Optional[Tuple[_Line, re.Match]]:
    rx = re.compile(pattern)
    for l in lines:
        m = rx.search(l.text)
        if m:
            return l, m
    return None


def _put_match(t: Table, path: tuple, found, group: int = 1) -> None:
    if not found:
        return
    line, m = found
    value = m.group(group).strip()
    if value:
        t.put(path, value, line.cell(m.start(group), len(m.group(group))))


def _table_2020(lines: List[_Line]) -> Table:
    t = Table({"lintgoals": 1, "template": "2020"})
    found = _search(lines[:4], r"[（(]\s*(\d{4})\s*年度")
    if found:
        t.put(("year",), int(found[1].group(1)), found[0].cell(found[1].start(1), 4))
    _put_match(t, ("project", "unit"), _search(lines, r"申报单位名称[:：]\s*(\S.*?)\s*$"))
    _project_name(t, lines)
    _put_match(t, ("project", "nature"), _search(lines, r"项目类别[:：]\s*(\S+)"))
    _put_match(t, ("project", "start"), _search(lines, r"计划开始日期[:：]\s*(\S+)"))
    _put_match(t, ("project", "end"), _search(lines, r"计划完成日期[:：]\s*(\S+)"))
    _put_match(t, ("project", "procurement"), _search(lines, r"是否含有政府购买服务[:：]\s*(\S+)"))
    _put_match(t, ("project", "performance_type"), _search(lines, r"绩效类型[:：]\s*(\S+)"))
    _put_match(t, ("budget", "total"), _search(lines, r"项目总预算[（(]元[)）][:：]\s*([\d,，.]+)"))
    _put_match(t, ("budget", "current_year"), _search(lines, r"项目当年预算[（(]元[)）][:：]\s*([\d,，.]+)"))
    _put_match(t, ("budget", "previous", "budget"), _search(lines, r"同名项目上年预算额[（(]元[)）][:：]\s*([\d,，.]+)"))
    _put_match(t, ("budget", "previous", "executed"), _search(lines, r"同名项目上年预算执行数[（(]元[)）][:：]\s*([\d,，.]+)"))
    _narratives(t, lines)
    header = next((i for i, l in enumerate(lines) if re.sub(r"\s+", "", l.text).startswith("一级目标二级目标三级目标")), None)
    if header is not None:
        _indicators_2020(t, lines[header + 1:])
    return t


def _project_name(t: Table, lines: List[_Line]) -> None:
    """项目名称： may wrap over several lines before 项目类别：."""
    for i, l in enumerate(lines):
        m = re.search(r"项目名称[:：]\s*(.*)", l.text)
        if not m:
            continue
        parts, cell = [], None
        rest = m.group(1)
        j = i
        while True:
            piece = re.split(r"项目类别[:：]", rest)[0]
            if piece.strip():
                if cell is None:
                    start = l.text.find(piece.strip()) if j == i else lines[j].text.find(piece.strip())
                    cell = lines[j].cell(max(start, 0), len(piece.strip()))
                parts.append(piece.strip())
            if "项目类别" in rest or j + 1 >= len(lines):
                break
            j += 1
            rest = lines[j].text
        if parts:
            t.put(("project", "name"), "".join(parts), cell)
        return


def _narratives(t: Table, lines: List[_Line]) -> None:
    """Text between the labels. When the export prints a label in the middle
    of its block (some lines come before the first label), the lines between
    two labels are split between them."""
    marks = []
    end = next((i for i, l in enumerate(lines) if _END_NARRATIVE in l.text), len(lines))
    for i, l in enumerate(lines[:end]):
        for label, path in _LABELS:
            m = re.search(re.escape(label) + r"\s*[:：]", l.text)
            if m:
                marks.append((i, m.end(), path))
    if not marks:
        return
    head_end = next((i for i, l in enumerate(lines) if "绩效类型" in l.text or "是否含有政府购买服务" in l.text), 0)
    centered = marks[0][0] > head_end + 1
    bounds = []
    for k, (i, col, path) in enumerate(marks):
        nxt = marks[k + 1][0] if k + 1 < len(marks) else end
        prev = marks[k - 1][0] if k else head_end
        if centered:
            lo = i - (i - prev - 1) // 2 if k else head_end + 1
            hi = nxt - (nxt - i - 1) // 2 if k + 1 < len(marks) else end
        else:
            lo, hi = i, nxt
        bounds.append((lo, hi, i, col, path))
    for lo, hi, i, col, path in bounds:
        pieces = []
        for j in range(lo, hi):
            text = lines[j].text
            if j == i:
                text = text[col:]
            for label, _ in _LABELS:
                text = re.sub(re.escape(label) + r"\s*[:：]", "", text)
            pieces.append(text.strip())
        body = "".join(pieces).strip()
        if not body:
            continue
        anchor = lines[i].cell(col, len(lines[i].text) - col) if lines[i].text[col:].strip() else lines[min(i + 1, hi - 1)].cell()
        if path == ("schedule",):
            _schedule_2020(t, body, anchor)
        else:
            t.put(path, body, anchor)


_MILESTONE = re.compile(r"(?:^|\s|(?<=\d))(\d{1,2})\s*[.、]\s*([^\d\s][^\d]*?)\s*(\d{4}\s*-\s*\d{1,2}\s*-\s*\d{1,2})\s*(?:资金使用\s*(\d+(?:\.\d+)?)\s*%)?")


def _schedule_2020(t: Table, body: str, anchor: Cell) -> None:
    joined = re.sub(r"(?<=\d)\s+(?=\d)", "", body)  # "202 0-01-31" was one date the PDF broke
    found = _MILESTONE.findall(joined)
    if len(found) >= 2:
        for i, (_, task, date, pct) in enumerate(found):
            m = {"task": task.strip(), "date": re.sub(r"\s+", "", date)}
            if pct:
                m["funds_pct"] = f"{pct}%"
            t.data.setdefault("schedule", []).append(m)
            t.cells[("schedule", i)] = anchor
    else:
        t.data["schedule"] = [{"task": body}]
        t.cells[("schedule", 0)] = anchor
    t.cells[("schedule",)] = anchor


def _value_tokens(tokens: List[re.Match]) -> int:
    """How many trailing tokens make the value: `=190 课时` is two."""
    if len(tokens) >= 3 and _NUMBERISH.match(fold(tokens[-2].group(0))) and len(tokens[-1].group(0)) <= 3 \
            and not _NUMBERISH.match(fold(tokens[-1].group(0))):
        return 2
    return 1


def _indicators_2020(t: Table, lines: List[_Line]) -> None:
    rows = []        # (name cell, value cell)
    labels1 = []     # (position, text, cell); position in row units, .5 between rows
    labels2 = []
    for l in lines:
        tokens = list(_TOKEN.finditer(l.text))
        if not tokens:
            continue
        k = 0
        pos = len(rows)
        got1 = got2 = None
        if k < len(tokens) and tokens[k].group(0) in LEVEL1_2020:
            got1 = tokens[k]
            k += 1
        if k < len(tokens) and tokens[k].group(0) in LEVEL2_2020:
            got2 = tokens[k]
            k += 1
        rest = tokens[k:]
        if len(rest) == 1 and got2 is not None:  # "可持续性 可持续": the label was the row's name
            rest, got2 = [got2] + rest, None
        is_row = len(rest) >= 2
        at = pos if is_row else pos - 0.5
        if got1 is not None:
            labels1.append((at, got1.group(0), l.cell(got1.start(), len(got1.group(0)))))
        if got2 is not None:
            labels2.append((at, got2.group(0), l.cell(got2.start(), len(got2.group(0)))))
        if is_row:
            nv = _value_tokens(rest)
            name_tokens, value_tokens = rest[:-nv], rest[-nv:]
            name = l.cell(name_tokens[0].start(), name_tokens[-1].end() - name_tokens[0].start())
            value = l.cell(value_tokens[0].start(), value_tokens[-1].end() - value_tokens[0].start())
            rows.append((name, value))
        elif rest:
            continue  # a stray fragment (a page header): not a row
    if not rows:
        return
    centered = bool(labels1) and labels1[0][0] > 0
    level1 = _assign(labels1, len(rows), centered)
    level2 = _assign(labels2, len(rows), centered, resets=[p for p, _, _ in labels1] if not centered else None)
    out = []
    for i, (name, value) in enumerate(rows):
        l1 = level1[i]
        l2 = level2[i]
        out.append(((l1[0], l1[1]) if l1 else None, (l2[0], l2[1]) if l2 else None, name, value))
    from .grid import _put_rows

    _put_rows(t, out)


def _assign(labels, n: int, centered: bool, resets=None) -> List[Optional[Tuple[str, Cell]]]:
    """Which label each row falls under. Top-aligned exports: a label covers the
    rows after it. Centered exports (merged cells printed mid-block): each label
    sits at the centre of its rows, so a block that starts at s ends at 2p - s."""
    out: List[Optional[Tuple[str, Cell]]] = [None] * n
    if not labels:
        return out
    if not centered:
        marks = sorted([(p, (text, cell)) for p, text, cell in labels] + [(p, None) for p in (resets or [])],
                       key=lambda x: (x[0], x[1] is not None))
        current = None
        j = 0
        for i in range(n):
            while j < len(marks) and marks[j][0] <= i:
                current = marks[j][1]
                j += 1
            out[i] = current
        return out
    start = 0
    for k, (p, text, cell) in enumerate(labels):
        end = int(round(2 * p - start))
        if k == len(labels) - 1 or end < start:
            end = max(end, start) if k < len(labels) - 1 else n - 1
        for i in range(start, min(end, n - 1) + 1):
            out[i] = (text, cell)
        start = end + 1
    return out
