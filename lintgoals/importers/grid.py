"""The 2026 and 2018 forms as grids of cells.

A tab-separated text export, an Excel sheet and a Word table are the same
grid: rows of cells, each with its own source location. The parsers here
read the two form layouts from any such grid, so the three importers share
one reading of each layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..values import fold


@dataclass(frozen=True)
class Cell:
    text: str
    line: int      # 1-based row in the source (text line, sheet row, table row)
    column: int    # 1-based column in the source (text column, sheet column, table column)
    label: str     # how a user finds it: "D17", "表1 第5行第3列", "12:7"
    index: int = -1  # position in its grid row (the layout's column), -1 = not on a grid


Row = List[Cell]


@dataclass
class Table:
    """One form read into format 1: the data, and path → source cell."""

    data: Dict
    cells: Dict[tuple, Cell] = field(default_factory=dict)

    def put(self, path: tuple, value, cell: Optional[Cell]) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
        if cell is not None:
            self.cells[path] = cell


def text_of(row: Row) -> str:
    return "".join(c.text for c in row)


def nonempty(row: Row) -> Row:
    return [c for c in row if c.text.strip()]


def find(row: Row, label: str) -> Optional[int]:
    """Index of the cell whose text is `label` (spaces and width folded)."""
    want = _squash(label)
    for i, c in enumerate(row):
        if _squash(c.text) == want:
            return i
    return None


def right_of(row: Row, label: str) -> Optional[Cell]:
    """The cell just right of a label cell (empty cells count: a blank amount is blank)."""
    i = find(row, label)
    if i is None or i + 1 >= len(row):
        return None
    return row[i + 1]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", fold(s))


def split_tables(rows: Sequence[Row], title: str) -> List[List[Row]]:
    """Rows grouped by the form title that starts each table."""
    tables: List[List[Row]] = []
    for row in rows:
        if any(title in _squash(c.text) for c in row):
            tables.append([])
        if tables:
            tables[-1].append(row)
    return tables


TITLE_2026 = "财政项目支出绩效目标申报表"
TITLE_2018 = "上海市财政支出项目绩效目标申报表"


def parse_grid(rows: Sequence[Row]) -> List["Table"]:
    """Every 2018 or 2026 table of a grid (a sheet, a Word document), by its title."""
    text = re.sub(r"\s+", "", "".join(c.text for row in rows for c in row))
    if TITLE_2018 in text:
        return [parse_2018(t) for t in split_tables(rows, TITLE_2018)]
    if TITLE_2026 in text:
        return [parse_2026(t) for t in split_tables(rows, TITLE_2026)]
    return []


def year_in(rows: Sequence[Row]) -> Tuple[Optional[int], Optional[Cell]]:
    for row in rows[:6]:
        for c in row:
            m = re.search(r"[（(]\s*(\d{4})\s*年", fold(c.text))
            if m:
                return int(m.group(1)), c
    return None, None


def _set(t: Table, path: tuple, cell: Optional[Cell], keep_empty: bool = False) -> None:
    if cell is None:
        return
    value = cell.text.strip()
    if value or keep_empty:
        t.put(path, value, cell)


# --------------------------------------------------------------------------- 2026

def parse_2026(rows: Sequence[Row]) -> Table:
    """财政项目支出绩效目标申报表 (2026): label cells with their value to the right,
    then the indicator block under 一级指标/二级指标/三级指标/指标值."""
    t = Table({"lintgoals": 1, "template": "2026"})
    year, cell = year_in(rows)
    if year:
        t.put(("year",), year, cell)
    header_at = None
    for n, row in enumerate(rows):
        if find(row, "一级指标") is not None and find(row, "三级指标") is not None:
            header_at = n
            break
        for label, path in (("项目名称", ("project", "name")), ("项目性质", ("project", "nature")),
                            ("项目类别", ("project", "category")), ("主管部门", ("project", "department")),
                            ("实施单位", ("project", "unit")), ("计划开始日期", ("project", "start")),
                            ("计划完成日期", ("project", "end")), ("项目资金总额", ("budget", "total")),
                            ("年度资金申请总额", ("budget", "current_year")), ("其中：财政资金", ("budget", "fiscal")),
                            ("其中：当年财政拨款", ("budget", "appropriation")), ("上年结转资金", ("budget", "carryover"))):
            _set(t, path, right_of(row, label))
        others = [i for i, c in enumerate(row) if _squash(c.text) == "其他资金"]
        for i in others:  # the annual column's 其他资金 is the one format 1 keeps
            if i + 1 < len(row) and row[i + 1].text.strip():
                t.put(("budget", "other"), row[i + 1].text.strip(), row[i + 1])
        annual_col = find(row, "年度总体目标")
        if annual_col is not None and n + 1 < len(rows):
            overall_col = find(row, "项目总目标")
            for c in rows[n + 1]:
                if not c.text.strip():
                    continue
                if c.index >= annual_col:
                    t.put(("goals", "annual"), c.text.strip(), c)
                elif overall_col is not None and c.index >= overall_col:
                    t.put(("goals", "overall"), c.text.strip(), c)
    if header_at is not None:
        _indicators(t, rows[header_at], rows[header_at + 1:])
    return t


_LEVEL2_2026 = {"数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
                "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"}
_LEVEL1_2026 = {"成本指标", "产出指标", "效益指标", "满意度指标"}


def _indicators(t: Table, header: Row, rows: Sequence[Row]) -> None:
    cols = [find(header, "一级指标"), find(header, "二级指标"), find(header, "三级指标")]
    value_col = cols[2] + 1  # the value column follows 三级指标
    level1 = level2 = None  # (text, cell), carried down like merged cells
    out = []
    for row in rows:
        cells = [c for c in nonempty(row) if _squash(c.text) not in ("绩效指标",)]
        if not cells:
            if out:
                break  # a blank row after the block ends it
            continue
        by_col = {c.index: c for c in cells}
        # well-formed: a value in the value column, or a lone name with its value left empty
        if value_col in by_col or (cols[2] in by_col and len(cells) == 1) or \
                (cols[2] in by_col and min(by_col) >= cols[0] and value_col not in by_col and len(cells) > 1
                 and max(by_col) == cols[2] and cols[1] in by_col):
            l1, l2, name, value = by_col.get(cols[0]), by_col.get(cols[1]), by_col[cols[2]], by_col.get(value_col)
        else:  # a row shifted by the export: read it right-aligned (value, name, level2, level1)
            rev = list(reversed(cells))
            value = rev[0] if len(rev) > 1 else None
            name = rev[1] if len(rev) > 1 else rev[0]
            l2 = rev[2] if len(rev) > 2 else None
            l1 = rev[3] if len(rev) > 3 else None
        if l1 is not None and _squash(l1.text) in _LEVEL2_2026 and _squash(l1.text) not in _LEVEL1_2026 and l2 is None:
            l1, l2 = None, l1  # a second-level name that slipped into the first column
        if l1 is not None:
            level1, level2 = (l1.text.strip(), l1), None
        if l2 is not None:
            level2 = (l2.text.strip(), l2)
        out.append((level1, level2, name, value))
    _put_rows(t, out)


def _put_rows(t: Table, out) -> None:
    rows = []
    for i, (level1, level2, name, value) in enumerate(out):
        row = {}
        if level1:
            row["level1"] = level1[0]
            t.cells[("indicators", i, "level1")] = level1[1]
        if level2:
            row["level2"] = level2[0]
            t.cells[("indicators", i, "level2")] = level2[1]
        row["name"] = name.text.strip()
        row["value"] = value.text.strip() if value is not None else ""
        t.cells[("indicators", i)] = name
        t.cells[("indicators", i, "name")] = name
        if value is not None:
            t.cells[("indicators", i, "value")] = value
        rows.append(row)
    t.data["indicators"] = rows
    if out:
        t.cells[("indicators",)] = out[0][2]


# --------------------------------------------------------------------------- 2018

_CHECKED = re.compile(r"([^\s<>]+)\s*(?:<input checked=\"\" type=\"checkbox\"/>|☑|■|\[x\]|\[√\])")
_FUNDING_USES = {"基本建设工程类", "信息化建设类", "政策补贴类", "政府购买服务", "资产购置类", "其他事业专业类"}
_NARRATIVES = (("项目概况", "overview"), ("立项依据", "basis"), ("项目设立的必要性", "necessity"),
               ("保证项目实施的制度、措施", "safeguards"))


def checked_options(text: str) -> List[str]:
    return _CHECKED.findall(text)


def parse_2018(rows: Sequence[Row]) -> Table:
    """上海市财政支出项目绩效目标申报表 (2018): a label in the first column, checkbox
    rows, the sub-item list, then 分解目标内容/绩效指标/指标目标值 rows."""
    t = Table({"lintgoals": 1, "template": "2018"})
    year, cell = year_in(rows)
    if year:
        t.put(("year",), year, cell)
    section = None
    pending_text: Optional[Cell] = None  # a narrative's first part, on an unlabeled row above its label
    items: List[Tuple[Cell, Cell]] = []
    indicators = []
    level1 = None
    for row in rows:
        cells = nonempty(row)
        if not cells:
            continue
        first = _squash(row[0].text) if row else ""
        joined = " ".join(c.text for c in cells)
        m = re.match(r"\s*申报单位名称[:：]\s*(.+)", joined)
        if m:
            t.put(("project", "unit"), m.group(1).strip(), cells[0])
            continue
        if first == "项目名称":
            _set(t, ("project", "name"), right_of(row, "项目名称"))
            section = None
        elif first in ("项目类型", "资金用途") or (section == "type" and first == "" and "checkbox" in joined):
            section = "type"
            for option in checked_options(joined):
                key = "funding_use" if option in _FUNDING_USES or first == "资金用途" else "nature"
                if key not in t.data.get("project", {}):
                    t.put(("project", key), option, cells[-1])
        elif first == "开始时间":
            _set(t, ("project", "start"), right_of(row, "开始时间"))
            _set(t, ("project", "end"), right_of(row, "结束时间"))
            section = None
        elif any(first == _squash(label) for label, _ in _NARRATIVES):
            key = next(k for label, k in _NARRATIVES if first == _squash(label))
            body = " ".join(c.text.strip() for c in cells[1:])
            if pending_text is not None:
                body = (pending_text.text.strip() + " " + body).strip()
            anchor = pending_text or (cells[1] if len(cells) > 1 else cells[0])
            t.put(("project", key), body, anchor)
            pending_text = None
            section = None
        elif first == "" and len(cells) == 1 and section != "items" and section != "indicators" \
                and cells[0].index > 0:
            pending_text = cells[0]  # an unlabeled continuation row (the next label takes it)
        elif first == _squash("项目总预算（元）"):
            _set(t, ("budget", "total"), right_of(row, "项目总预算（元）"))
            _set(t, ("budget", "current_year"), right_of(row, "项目当年预算（元）"))
        elif first == _squash("同名项目上年预算额（元）"):
            _set(t, ("budget", "previous", "budget"), right_of(row, "同名项目上年预算额（元）"))
            _set(t, ("budget", "previous", "executed"), right_of(row, "同名项目上年预算执行数（元）"))
            section = "items"  # the sub-item header and rows follow
        elif first == "项目当年投入资金构成" or (section == "items" and first == ""):
            section = "items"
            values = [c for c in cells if _squash(c.text) not in ("项目当年投入资金构成", "子项目名称", "预算金额（元）", "预算金额(元)")]
            if len(values) >= 2:
                items.append((values[0], values[-1]))
        elif first == "项目实施计划":
            section = None
            if len(cells) > 1:
                _schedule_from_text(t, cells[1])
        elif first in ("项目总目标", "年度绩效目标"):
            key = "overall" if first == "项目总目标" else "annual"
            if len(cells) > 1:
                t.put(("goals", key), " ".join(c.text.strip() for c in cells[1:]), cells[1])
        elif first == "分解目标内容":
            section = "indicators"
        elif first == "备注":
            section = None
        elif section == "indicators":
            if first:
                level1 = (row[0].text.strip(), row[0])
            rest = [c for c in cells if c is not row[0]] if first else cells
            if not rest:
                continue
            name = rest[0]
            value = rest[1] if len(rest) > 1 else None
            indicators.append((level1, None, name, value))
    for i, (name, amount) in enumerate(items):
        t.data.setdefault("budget", {}).setdefault("items", []).append({"name": name.text.strip(), "amount": amount.text.strip()})
        t.cells[("budget", "items", i, "name")] = name
        t.cells[("budget", "items", i, "amount")] = amount
        t.cells[("budget", "items", i)] = name
    if items:
        t.cells[("budget", "items")] = items[0][0]
    if indicators:
        _put_rows(t, indicators)
    return t


_TASK_DATE = re.compile(r"(\S+?)\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?:\s*资金使用\s*(\d+(?:\.\d+)?)\s*%)?")


def _schedule_from_text(t: Table, cell: Cell) -> None:
    """`项目启动 2018-01-01 项目需求分析 2018-01-31 …` → milestones; prose stays one task."""
    text = re.sub(r"^\s*\d+\s*[.、]\s*", "", cell.text.strip())
    found = _TASK_DATE.findall(re.sub(r"(?<=\s)\d+\s*[.、]\s*", "", text))
    if len(found) >= 2 and "<p>" not in text:
        for i, (task, date, pct) in enumerate(found):
            m = {"task": task, "date": re.sub(r"\s+", "", date)}
            if pct:
                m["funds_pct"] = f"{pct}%"
            t.data.setdefault("schedule", []).append(m)
            t.cells[("schedule", i)] = cell
    else:
        t.data["schedule"] = [{"task": cell.text.strip()}]
        t.cells[("schedule", 0)] = cell
    t.cells[("schedule",)] = cell
