"""The 2026 and 2018 forms as grids of cells.

A tab-separated text export, an Excel sheet and a Word table are the same
grid: rows of cells, each with its own source location. The parsers here
read the two form layouts from any such grid, so the three importers share
one reading of each layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from ..values import fold


class Cell(NamedTuple):
    """One cell of a grid (a tuple: a form has thousands, and a frozen dataclass
    costs ~2 µs each to build)."""

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
    # a table that looks like a form but cannot be read: (FormError kind, arguments) for LG001
    problem: Optional[Tuple[str, Dict]] = None

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


@lru_cache(maxsize=16384)
def _squash(s: str) -> str:
    return _WS.sub("", fold(s))


_WS = re.compile(r"\s+")


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


# Rows holding text in one sheet or Word document: a target table has tens, a
# department's whole published budget a few thousand (issue 16: 100,000 rows took 35 s).
MAX_GRID_ROWS = 10_000


def parse_grid(rows: Sequence[Row], layouts: Optional["Layouts"] = None, by_column: bool = False) -> List["Table"]:
    """Every table of a grid (a sheet, a Word document, a text export).

    The Shanghai 2018 and 2026 forms are read by their own parsers below (their
    label-and-checkbox blocks are not a header row); every other grid whose
    title or header says 绩效目标/绩效自评/绩效指标 goes to the recogniser
    (`recognise`), which maps columns by their header names from layouts.yaml.
    `by_column`: the reader's `Cell.column` is the grid column (xlsx, docx),
    so cells line up by it; otherwise by `Cell.index` (tab-separated text)."""
    filled = sum(1 for row in rows if any(c.text.strip() for c in row))
    if filled > MAX_GRID_ROWS:  # a whole budget or a generated sheet: said at once, not minutes of reading
        return [Table({"lintgoals": 1}, problem=("too-many-rows", {"rows": filled, "limit": MAX_GRID_ROWS}))]
    text = re.sub(r"\s+", "", "".join(c.text for row in rows for c in row))
    if TITLE_2018 in text:
        return [parse_2018(t) for t in split_tables(rows, TITLE_2018)]
    if TITLE_2026 in text and any(m in text for m in _MARKS_2026):
        return [parse_2026(t) for t in split_tables(rows, TITLE_2026)]
    return recognise(rows, layouts or active_layouts(), by_column)


# the 2026 form's own labels: another issuer's 财政项目支出绩效目标申报表 lacks them
_MARKS_2026 = ("年度资金申请总额", "年度(/项目)指标值", "年度（/项目）指标值")


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
        where: Dict[str, int] = {}  # squashed text → first index: one pass per row, not one per label
        for i, c in enumerate(row):
            where.setdefault(_squash(c.text), i)
        if "一级指标" in where and "三级指标" in where:
            header_at = n
            break
        for label, path in _LABELS_2026:
            i = where.get(label)
            if i is not None and i + 1 < len(row):
                _set(t, path, row[i + 1])
        if "其他资金" in where:
            for i in [i for i, c in enumerate(row) if _squash(c.text) == "其他资金"]:
                # the annual column's 其他资金 is the one format 1 keeps
                if i + 1 < len(row) and row[i + 1].text.strip():
                    t.put(("budget", "other"), row[i + 1].text.strip(), row[i + 1])
        annual_col = where.get("年度总体目标")
        if annual_col is not None and n + 1 < len(rows):
            overall_col = where.get("项目总目标")
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


_LABELS_2026 = tuple((_squash(label), path) for label, path in (
    ("项目名称", ("project", "name")), ("项目性质", ("project", "nature")), ("项目类别", ("project", "category")),
    ("主管部门", ("project", "department")), ("实施单位", ("project", "unit")), ("计划开始日期", ("project", "start")),
    ("计划完成日期", ("project", "end")), ("项目资金总额", ("budget", "total")),
    ("年度资金申请总额", ("budget", "current_year")), ("其中：财政资金", ("budget", "fiscal")),
    ("其中：当年财政拨款", ("budget", "appropriation")), ("上年结转资金", ("budget", "carryover"))))

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


# --------------------------------------------------------------------------- every issuer (layouts.yaml)
#
# One reading for the forms of every issuer: the header row is found by its
# column names, each column is mapped by its header (never by position), the
# header block by its labels. The names are data (lintgoals/data/layouts.yaml);
# a config adds to them (`layouts:`).

_SPACE = re.compile(r"\s+")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕")
_MARKERS = "*★▲☆△#※●◆"
_CATEGORY_WEIGHT = re.compile(r"\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]\s*$")
_OP_ONLY = re.compile(r"^(?:[<>=≥≤≧≦＞＜＝]{1,2}|大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不小于|不高于|不超过|"
                      r"不大于|不多于|大于|小于|高于|低于|超过|等于|达到|至少|至多)$")
_LEADING_OP = re.compile(r"^\s*(?:[<>=≥≤≧≦＞＜＝]|大于|小于|不低于|不少于|不小于|不高于|不超过|不大于|不多于|高于|低于|超过|等于|达到|至少|至多)")
_BARE_NUMBER = re.compile(r"^(?:[<>=≥≤≧≦]{1,2})?\s*[-+]?\d[\d,]*(?:\.\d+)?$")
_YEAR = re.compile(r"(\d{4})\s*年")
_CJK_BREAK = re.compile(r"(?<=[^\x00-\x7f])\s*\n\s*|\s*\n\s*(?=[^\x00-\x7f])")
_t2s = None


def _to_simplified(text: str) -> str:
    global _t2s
    if _t2s is None:
        try:
            import opencc

            _t2s = opencc.OpenCC("t2s").convert
        except Exception:  # pragma: no cover - a dependency; without it only simplified forms match
            _t2s = str
    return _t2s(text)


@lru_cache(maxsize=16384)
def key(text: str) -> str:
    """A cell's text for matching names: width-folded, simplified, without
    spaces, leading markers or a trailing colon."""
    s = fold(text)
    if not s.isascii():
        s = _to_simplified(s)
    s = _SPACE.sub("", s).lstrip(_MARKERS).rstrip(":")
    return s


@lru_cache(maxsize=16384)
def _base(k: str) -> str:
    return _BRACKETS.sub("", k)


def _single_line(text: str) -> str:
    """A name wrapped over lines in its cell is one name: 经济效益\\n指标 → 经济效益指标."""
    text = text.strip()
    if "\n" not in text:
        return text
    return _SPACE.sub(" ", _CJK_BREAK.sub("", text)).strip()


class Layouts:
    """layouts.yaml (and a config's additions) compiled for matching."""

    def __init__(self, raw: Mapping) -> None:
        self.raw = raw
        self.keywords = [key(k) for k in raw.get("keywords", [])]
        self.self_eval = [key(k) for k in raw.get("self_evaluation", [])]
        self.columns: Dict[str, str] = {}
        self.column_names: Dict[str, List[str]] = {}
        for role, names in (raw.get("columns") or {}).items():
            for name in names or {}:
                self.columns.setdefault(key(name), role)
                self.column_names.setdefault(role, []).append(str(name))
        self.labels: Dict[str, tuple] = {}
        for path, names in (raw.get("labels") or {}).items():
            for name in names or {}:
                self.labels.setdefault(key(name), tuple(path.split(".")))
        self.other = {key(x) for x in raw.get("other_labels") or []}
        self.units = [key(x) for x in raw.get("amount_units") or []]
        execution = raw.get("execution") or {}
        self.exec_columns = {key(name): k for k, names in (execution.get("columns") or {}).items() for name in names or {}}
        self.exec_rows = {key(x) for x in execution.get("row") or []}
        self.skip = [key(x) for x in raw.get("skip") or []]
        self.stop = [key(x) for x in raw.get("stop") or []]
        self.stop_suffixes = tuple(key(x) for x in raw.get("stop_suffixes") or [])
        self.named = list(raw.get("layouts") or [])
        self.placeholders = [re.compile(p) for p in raw.get("placeholders") or []]
        self.totals = {tuple(a.split(".")): tuple(b.split(".")) for a, b in (raw.get("totals") or {}).items()}

    def column(self, text: str) -> Optional[str]:
        k = key(text)
        role = self.columns.get(k)
        if role is None and "(" in k:
            role = self.columns.get(_base(k))
        return role

    def label(self, text: str) -> Tuple[Optional[tuple], bool, bool]:
        """(format-1 path or None, is a label at all, its brackets name an amount unit)."""
        k = key(text)
        b = _base(k) if ("(" in k or "[" in k or "【" in k) else k
        path = self.labels.get(k) or self.labels.get(b)
        is_label = path is not None or k in self.other or b in self.other
        unit = b != k and any(u in k for u in self.units)
        return path, is_label, unit

    def row_word(self, k: str, words: List[str]) -> bool:
        for w in words:
            if k == w:
                return True
            if k.startswith(w):
                nxt = k[len(w)]
                if len(w) >= 4 or nxt in ":(、.,;" or nxt.isdigit():
                    return True
        return False


def _merge(base: Dict, extra: Mapping) -> Dict:
    """A config's additions: lists extended, mappings merged, `layouts` tried first."""
    out = dict(base)
    for k, v in (extra or {}).items():
        if k == "layouts":
            out[k] = list(v or []) + list(base.get(k) or [])
        elif isinstance(v, Mapping) and isinstance(base.get(k), Mapping):
            out[k] = _merge(base[k], v)
        elif isinstance(v, list) and isinstance(base.get(k), list):
            out[k] = list(base[k]) + [x for x in v if x not in base[k]]
        else:
            out[k] = v
    return out


@lru_cache(maxsize=1)
def _builtin_raw() -> Dict:
    import os

    import yaml

    with open(os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", "layouts.yaml"), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=32)
def _compiled(extra_json: str) -> Layouts:
    import json

    extra = json.loads(extra_json) if extra_json else {}
    return Layouts(_merge(_builtin_raw(), extra) if extra else _builtin_raw())


_ACTIVE = [""]  # the config's `layouts:` for this process, as canonical JSON


def use_layouts(extra: Optional[Mapping]) -> None:
    """Set the config's additions for the readers of this process (set once per run)."""
    import json

    _ACTIVE[0] = json.dumps(extra, sort_keys=True, ensure_ascii=False) if extra else ""


def layouts(extra: Optional[Mapping] = None) -> Layouts:
    import json

    return _compiled(json.dumps(extra, sort_keys=True, ensure_ascii=False) if extra else "")


def active_layouts() -> Layouts:
    return _compiled(_ACTIVE[0])


# ---- finding the tables

def _pos(c: Cell, by_column: bool) -> int:
    return c.column if by_column else c.index


def _header_roles(row: Row, L: Layouts, by_column: bool) -> Dict[int, Optional[str]]:
    """pos → role of every filled cell of a row (None: a cell that names no column)."""
    out: Dict[int, Optional[str]] = {}
    for c in row:
        if c.text.strip():
            out[_pos(c, by_column)] = L.column(c.text)
    return out


def _is_header(roles: Dict[int, Optional[str]]) -> bool:
    """The indicator header: a name column and a target column (without one, the
    values would all be empty: LG001 says which header was looked for)."""
    found = {r for r in roles.values() if r}
    return "name" in found and bool(found & {"value", "midterm", "actual"})


def _is_title(row: Row, L: Layouts) -> bool:
    texts = {key(c.text) for c in row if c.text.strip()}
    if len(texts) != 1:
        return False
    k = next(iter(texts))
    return len(k) <= 60 and "表" in k and any(w in k for w in L.keywords)


def _has_label(row: Row, L: Layouts, path: tuple) -> bool:
    return any(c.text.strip() and L.label(c.text)[0] == path for c in row)


def recognise(rows: Sequence[Row], L: Layouts, by_column: bool = False) -> List[Table]:
    """Every target or self-evaluation table of a grid; [] when the grid is no form."""
    headers = []
    titles = set()
    for n, row in enumerate(rows):
        if not any(c.text.strip() for c in row):
            continue
        roles = _header_roles(row, L, by_column)
        if _is_header(roles):
            headers.append(n)
        elif _is_title(row, L):
            titles.add(n)
    if not headers and not titles:
        return []
    # a title, or a 项目名称 row once the current table has its indicator header, starts a table
    segments: List[List[int]] = [[0, len(rows)]]
    header_seen = False
    header_set = set(headers)
    for n, row in enumerate(rows):
        if n in header_set:
            header_seen = True
            continue
        if header_seen and (n in titles or _has_label(row, L, ("project", "name"))):
            segments[-1][1] = n
            segments.append([n, len(rows)])
            header_seen = False
    tables = []
    for s, e in segments:
        t = _read_table(rows[s:e], L, by_column)
        if t is not None:
            tables.append(t)
    return tables


# ---- one table

def _read_table(rows: Sequence[Row], L: Layouts, by_column: bool) -> Optional[Table]:
    header_at = None
    best, best_count = None, 0
    for n, row in enumerate(rows):
        roles = _header_roles(row, L, by_column)
        if _is_header(roles):
            header_at = n
            break
        # the row most like a header: most column names, then most filled cells beyond a label pair
        filled = sum(1 for c in row if c.text.strip())
        labelled = any(c.text.strip() and L.label(c.text)[1] for c in row)
        count = len({r for r in roles.values() if r}) * 100 + (filled if filled >= 2 and not labelled else 0)
        if count > best_count:
            best, best_count = row, count
    title_cell = next((c for row in rows for c in row if c.text.strip() and _is_title(row, L)), None)
    title = _single_line(title_cell.text) if title_cell else ""
    t = Table({"lintgoals": 1})
    kind = "self-evaluation" if any(w in key(title) for w in L.self_eval) else "target"
    looked_for = " / ".join(L.column_names.get(r, [r])[0] for r in ("level1", "level2", "name", "value"))
    if header_at is None:
        if title_cell is None and not any(_has_label(r, L, ("project", "name")) for r in rows):
            return None  # neither a title nor a form's labels: not a table at all
        found = " | ".join(c.text.strip() for c in (best or []) if c.text.strip())[:80] or \
            next((_single_line(c.text)[:40] for r in rows for c in r if c.text.strip()), "")
        t.problem = ("no-indicators", {"title": title or found, "looked_for": looked_for,
                                       "found": found or "—"})
        return t
    header = rows[header_at]
    columns = _columns(header, rows[header_at - 1] if header_at else None, L, by_column)
    block_from = header_at + 1
    if block_from < len(rows):  # a second header row under the first (指标值 over 指标性质|指标值|度量单位)
        extra = _header_roles(rows[block_from], L, by_column)
        if extra and all(extra.values()):
            columns = _columns_two(header, rows[block_from], L, by_column)
            block_from += 1
    roles = {r for _, r in columns if r}
    if "actual" in roles or "score" in roles:
        kind = "self-evaluation"
    year = _year(rows[:header_at])
    if year is not None:
        t.put(("year",), year[0], year[1])
    t.data["kind"] = kind
    _header_block(t, rows[:header_at], L, by_column)
    indicators, empty = _block(t, rows[block_from:], columns, L, by_column)
    if indicators:
        anchor = t.cells[("indicators", 0)]  # the first indicator's row (found by the cell itself:
        # line numbers restart in each Word table)
        header_labels(t, header, next((r for r in rows[block_from:] if any(c is anchor for c in r)), None), L, by_column)
    name = next((lay.get("name") for lay in L.named
                 if (not lay.get("kind") or lay.get("kind") == kind) and all(r in roles for r in lay.get("when") or [])),
                "national")
    form: Dict = {"layout": name}
    if empty:
        form["empty_categories"] = empty
    if not indicators:
        found = next((" | ".join(c.text.strip() for c in r if c.text.strip())[:80]
                      for r in rows[block_from:] if any(c.text.strip() for c in r)), "")
        head = " | ".join(c.text.strip() for c in header if c.text.strip())[:80]
        t.problem = ("no-indicators", {"title": title or head, "looked_for": f"“{head}”下的指标行",
                                       "found": found or "表头下没有任何行"})
    t.data["form"] = form
    return t


def _columns(header: Row, above: Optional[Row], L: Layouts, by_column: bool) -> List[Tuple[int, Optional[str]]]:
    """(pos, role) of every filled header cell, in order: a data cell belongs to
    the header cell at or left of it. A role named twice: the one under a 中期
    or 实施期 heading (in the row above) is the mid-term value, else the first wins."""
    out: List[Tuple[int, Optional[str]]] = []
    seen = set()
    above_cells = sorted(((_pos(c, by_column), key(c.text)) for c in (above or []) if c.text.strip()))
    for c in header:
        if not c.text.strip():
            continue
        p = _pos(c, by_column)
        role = L.column(c.text)
        if role in seen:
            over = next((k for q, k in reversed(above_cells) if q <= p), "")
            if role == "direction" and "direction2" not in seen:
                role = "direction2"  # 指标性质 (≥) and 指标方向性 (正向): told apart by content
            else:
                role = "midterm" if role == "value" and ("中期" in over or "实施期" in over) and "midterm" not in seen else None
        if role:
            seen.add(role)
        out.append((p, role))
    return out


def _columns_two(top: Row, sub: Row, L: Layouts, by_column: bool) -> List[Tuple[int, Optional[str]]]:
    """Two header rows: a name in the lower row takes its column from the upper one."""
    upper = dict(_columns(top, None, L, by_column))
    lower = dict((p, r) for p, r in _columns(sub, None, L, by_column))
    merged = dict(upper)
    for p, r in lower.items():
        merged[p] = r
    seen, out = set(), []
    for p in sorted(merged):
        r = merged[p]
        if r in seen:
            r = "direction2" if r == "direction" and "direction2" not in seen else None
        if r:
            seen.add(r)
        out.append((p, r))
    return out


def _role_of(p: int, columns: List[Tuple[int, Optional[str]]]) -> Optional[str]:
    role = None
    for q, r in columns:
        if q <= p:
            role = r
        else:
            break
    return role if columns and p >= columns[0][0] else None


def _year(rows: Sequence[Row]) -> Optional[Tuple[int, Cell]]:
    for row in rows[:4]:
        for c in row:
            m = _YEAR.search(fold(c.text))
            if m and 1990 <= int(m.group(1)) <= 2100 and len(key(c.text)) <= 60:
                return int(m.group(1)), c
    return None


_UNIT_CELL = re.compile(r"^(?:金额)?单位[:：]?\s*万元$")
_PERIOD = re.compile(r"^\s*(\S+?)\s*(?:-|—|–|－|~|～|至|到)+\s*(\S+)\s*$")


def _header_block(t: Table, rows: Sequence[Row], L: Layouts, by_column: bool) -> None:
    """Labels and the value right of each (or below it);
    the self-evaluation budget table (年初预算数 … 得分) into budget.execution,
    its first column into the budget amounts."""
    unit_cell = None
    exec_cols: List[Tuple[int, str]] = []
    for n, row in enumerate(rows):
        filled = [c for c in row if c.text.strip()]
        if not filled or _is_title(row, L):
            continue
        found = [(_pos(c, by_column), L.exec_columns.get(key(c.text)) or L.exec_columns.get(_base(key(c.text))))
                 for c in filled]
        if sum(1 for _, k in found if k) >= 3:
            exec_cols = [(p, k) for p, k in found if k]
            if unit_cell is None:
                unit_cell = next((c for c in filled if L.label(c.text)[2]), None)
            continue
        hits = []
        for i, c in enumerate(filled):
            text = c.text.strip()
            if _UNIT_CELL.match(key(text)):
                unit_cell = unit_cell or c
                continue
            path, is_label, unit = L.label(text)
            inline = None
            if path is None and not is_label:
                m = re.match(r"^\s*([^:：]{2,20})\s*[:：]\s*(\S.*)$", text, re.S)
                if m:
                    p2, _, u2 = L.label(m.group(1))
                    if p2:
                        path, inline, unit = p2, m.group(2).strip(), unit or u2
            if unit and unit_cell is None:
                unit_cell = c
            if path is not None:
                hits.append([i, c, path, inline])
        for h in hits:  # the project's and the year's column: the left one is the project total
            if any(o is not h and o[2] == h[2] and o[0] > h[0] for o in hits):
                h[2] = L.totals.get(h[2])
        if exec_cols:
            in_exec = [h for h in hits if h[2] and h[2][0] == "budget"]
            if in_exec or any(key(c.text) in L.exec_rows for c in filled):
                first_col = exec_cols[0][0]
                for c in filled:
                    p = _pos(c, by_column)
                    k = next((k for q, k in exec_cols if q == p), None)
                    if k and any(key(x.text) in L.exec_rows for x in filled):
                        t.put(("budget", "execution", k), c.text.strip(), c)
                    if p == first_col:
                        for h in in_exec:
                            if h[2] and _get(t.data, h[2]) is None:
                                t.put(h[2], c.text.strip(), c)
                continue
        for i, c, path, inline in hits:
            if path is None or _get(t.data, path) is not None:
                continue
            if inline is not None:
                _put_label(t, path, inline, c)
                continue
            value = _right_of(filled, i, L) or _below(rows, n, c, L, by_column)
            if value is not None:
                _put_label(t, path, value.text.strip() if path[0] == "goals" else _single_line(value.text), value)
    budget = t.data.get("budget")
    if budget and unit_cell is not None:
        t.put(("budget", "unit"), "万元", unit_cell)


def _put_label(t: Table, path: tuple, value: str, cell: Cell) -> None:
    if path == ("project", "period"):  # 2021.1-2021.12 → start and end
        m = _PERIOD.match(value)
        if m:
            t.put(("project", "start"), m.group(1), cell)
            t.put(("project", "end"), m.group(2), cell)
        return
    t.put(path, value, cell)


def header_labels(t: Table, header: Row, first: Optional[Row], L: Layouts, by_column: bool) -> None:
    """Labels in the indicator header row itself (单位名称 | 项目名称 | 预算数 | 年度目标 |
    一级指标 …): their values are in the first indicator row, merged down."""
    if first is None:
        return
    below = {_pos(c, by_column): c for c in first if c.text.strip()}
    for c in header:
        if not c.text.strip() or L.column(c.text):
            continue
        path = L.label(c.text)[0]
        value = below.get(_pos(c, by_column))
        if path and value is not None and _get(t.data, path) is None:
            _put_label(t, path, value.text.strip() if path[0] == "goals" else _single_line(value.text), value)


def _get(data: Dict, path: tuple):
    node = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _right_of(filled: Row, i: int, L: Layouts) -> Optional[Cell]:
    if i + 1 < len(filled):
        nxt = filled[i + 1]
        if not L.label(nxt.text)[1] and L.column(nxt.text) is None:
            return nxt
    return None


def _below(rows: Sequence[Row], n: int, cell: Cell, L: Layouts, by_column: bool) -> Optional[Cell]:
    p = _pos(cell, by_column)
    for row in rows[n + 1:n + 2]:
        for c in row:
            if _pos(c, by_column) == p and c.text.strip():
                return None if L.label(c.text)[1] else c
    return None


_SINGLE = ("level1", "level2", "name", "value", "unit", "direction", "weight", "midterm", "actual", "score")
_ORDER = ("level1", "level2", "name", "value", "unit", "direction", "weight", "explanation", "midterm", "actual",
          "score", "deviation")


def _block(t: Table, rows: Sequence[Row], columns, L: Layouts, by_column: bool):
    """The indicator rows: columns by header, level1/level2 carried down over
    merged cells, category rows without indicators recorded, other rows skipped
    or ending the block."""
    level1 = level2 = None  # (text, cell)
    out = []
    categories: List[Tuple[Optional[str], Optional[str]]] = []
    for row in rows:
        filled = [c for c in row if c.text.strip() and key(c.text) != "绩效指标"]
        if not filled:
            continue
        first = key(filled[0].text)
        if L.row_word(first, L.stop) or first.endswith(L.stop_suffixes):
            break
        if L.row_word(first, L.skip) or _is_header(_header_roles(row, L, by_column)):
            continue
        got: Dict[str, List[Cell]] = {}
        for c in filled:
            role = _role_of(_pos(c, by_column), columns)
            if role:
                got.setdefault(role, []).append(c)
        if not got:
            continue
        l1, l2 = got.get("level1"), got.get("level2")
        only = set(got) <= {"level1", "level2"}
        if only and len(filled) == 1 and out and _continues(l1 or l2, level1 if l1 else level2):
            # a category name printed over two rows (社会公众或服务 / 对象满意度指标)
            prev = level1 if l1 else level2
            joined = (prev[0] + _single_line((l1 or l2)[0].text), prev[1])
            out = [(joined if l1 and lv1 == prev else lv1, joined if l2 and lv2 == prev else lv2, f)
                   for lv1, lv2, f in out]
            if l1:
                level1 = joined
            else:
                level2 = joined
            continue
        if l1:
            level1, level2 = (_category(l1[0].text), l1[0]), None
        if l2:
            level2 = (_category(l2[0].text), l2[0])
        if "name" in got and not set(got) - {"level1", "level2", "name", "explanation"} and \
                any(p.match(key(got["name"][0].text)) for p in L.placeholders):
            got.pop("name")  # a template's 指标2 / …… row: no indicator
        if "name" not in got and "value" not in got:
            if l1 or l2 or only or "name" not in got:
                categories.append((level1[0] if level1 else None, level2[0] if level2 else None))
            continue
        fields: Dict[str, Tuple[str, Cell]] = {}
        for role, cells in got.items():
            if role in ("level1", "level2"):
                continue
            text = "".join(c.text.strip() for c in cells) if role in _SINGLE else "\n".join(c.text.strip() for c in cells)
            fields[role] = (_single_line(text) if role in _SINGLE else text, cells[0] if role != "value" else cells[-1])
        out.append((level1, level2, fields))
    rows_out = []
    for i, (level1, level2, fields) in enumerate(out):
        row: Dict[str, str] = {}
        if level1:
            row["level1"] = level1[0]
            t.cells[("indicators", i, "level1")] = level1[1]
        if level2:
            row["level2"] = level2[0]
            t.cells[("indicators", i, "level2")] = level2[1]
        name = fields.get("name")
        row["name"] = name[0] if name else ""
        value = _joined_value(fields)
        row["value"] = value
        anchor = (name or fields.get("value") or next(iter(fields.values())))[1]
        t.cells[("indicators", i)] = anchor
        t.cells[("indicators", i, "name")] = anchor
        direction = _direction_field(fields)
        if direction is not None:
            fields["direction"] = direction
        for k in _ORDER[4:]:
            if k in fields and fields[k][0] != "":
                row[k] = fields[k][0]
                t.cells[("indicators", i, k)] = fields[k][1]
        if "value" in fields:
            t.cells[("indicators", i, "value")] = fields["value"][1]
        elif "direction" in fields:
            t.cells[("indicators", i, "value")] = fields["direction"][1]
        rows_out.append(row)
    if rows_out:
        t.data["indicators"] = rows_out
        t.cells[("indicators",)] = t.cells[("indicators", 0)]
    filled_cats = {(r.get("level1"), r.get("level2")) for r in rows_out}
    filled_l1 = {r.get("level1") for r in rows_out}
    empty, seen = [], set()
    for l1, l2 in categories:
        if (l1, l2) in seen:
            continue
        seen.add((l1, l2))
        if (l2 is not None and (l1, l2) not in filled_cats) or (l2 is None and l1 not in filled_l1):
            entry = {"level1": l1} if l1 else {}
            if l2:
                entry["level2"] = l2
            empty.append(entry)
    return rows_out, empty


def _continues(cells: List[Cell], prev) -> bool:
    return prev is not None and not re.search(r"(指标|目标|指標|目標)$", key(prev[0])) and \
        bool(re.search(r"(指标|目标|指標|目標)$", key(cells[0].text)))


def _category(text: str) -> str:
    """A category name as written, on one line (产出指标(50分) keeps its points:
    the taxonomy matches it without them)."""
    return _single_line(text)


def _joined_value(fields: Dict[str, Tuple[str, Cell]]) -> str:
    """Operator, number and unit split over columns, joined as a person writes
    them (= 100 % → =100%); a 正向/反向/定量 column is no operator: the value stays
    as written, with its unit when it is a bare number."""
    value = fields.get("value", ("", None))[0]
    unit = fields.get("unit", ("", None))[0]
    if not value:
        return ""
    op = next((d for d in _directions(fields) if _OP_ONLY.match(fold(d))), "")
    if op and not _LEADING_OP.match(value):
        value = op + value
    if unit and _BARE_NUMBER.match(fold(value)) and not _BARE_NUMBER.match(fold(unit)) and not value.endswith(unit):
        value = value + unit
    return value


def _directions(fields: Dict[str, Tuple[str, Cell]]) -> List[str]:
    return [fields[k][0] for k in ("direction", "direction2") if k in fields and fields[k][0]]


def _direction_field(fields: Dict[str, Tuple[str, Cell]]) -> Optional[Tuple[str, Cell]]:
    """Of two direction columns, the one that is no operator (正向) is `direction`;
    the operator went into the value."""
    found = [fields[k] for k in ("direction", "direction2") if k in fields and fields[k][0]]
    if len(found) == 2:
        words = [f for f in found if not _OP_ONLY.match(fold(f[0]))]
        return words[0] if words else found[0]
    return found[0] if found else None
