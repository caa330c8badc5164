"""The format-1 document a check sees: the data, its source map, and typed
views whose values are parsed once (`values.py`) and cached.

Views are tolerant: a row of the wrong shape is skipped here and reported by
the schema check (LG002), so no check has to guard against wrong types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Tuple

from .model import Location
from .taxonomy import choose as choose_template
from .messages import fmt_amount
from .values import NONE, Parsed, Value, fold, parse_amount, parse_date, parse_pct, parse_points, parse_value

LATEST_TEMPLATE = "2026"


@dataclass(frozen=True)
class LoadProblem:
    """Why a file could not be read (reported as LG001)."""

    kind: str
    args: Mapping[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=lambda: Location(1, 1))


class cached_view:
    """functools.cached_property without the lock it takes on every first
    access up to Python 3.11 (a document's views are each read once per table;
    a document belongs to one thread)."""

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)  # later reads find it in the instance
        return value


class Row(NamedTuple):
    """One indicator row (one 三级指标), its value parsed and its texts folded
    once. A tuple: read-only, and cheap to make for every row of every table."""

    index: int
    level1: str
    level2: str
    name: str
    value: Value
    key: str     # the name folded for matching (width, invisible characters)
    levels: str  # level1 and level2 folded, one per line (make rows with Row.of)
    # the columns of the forms of every issuer (FORMAT.md "Optional keys"), as written;
    # "" / None where the row has none (most Shanghai tables)
    unit: str = ""                  # 度量单位 / 计量单位
    direction: str = ""             # 指标性质 / 指标方向 / 指标值类型
    weight: Optional[Parsed] = None  # 分值 / 权重
    explanation: str = ""           # 指标解释 / 评(扣)分标准
    midterm: Optional[Value] = None  # 中期 / 实施期指标值
    actual: Optional[Value] = None   # self-evaluation: 实际完成值
    score: Optional[Parsed] = None   # self-evaluation: 得分
    deviation: str = ""             # self-evaluation: 偏差原因及改进措施

    @classmethod
    def of(cls, index: int, level1: str, level2: str, name: str, value: Value,
           extra: tuple = ("", "", None, "", None, None, None, "")) -> "Row":
        return _tuple_new(cls, (index, level1, level2, name, value, fold(name),
                                fold(level1) + "\n" + fold(level2)) + extra)

    def __repr__(self) -> str:
        return f"Row({self.index}, {self.level1!r}, {self.level2!r}, {self.name!r}, {self.value.text!r})"

    @property
    def path(self) -> str:
        return f"/indicators/{self.index}"


_tuple_new = tuple.__new__
_AMOUNT_KEYS = ("total", "current_year", "fiscal", "appropriation", "carryover", "other")


class Execution(NamedTuple):
    """budget.execution of a self-evaluation (预算执行情况), amounts in 元."""

    planned: Parsed   # 年初预算数
    adjusted: Parsed  # 全年预算数
    executed: Parsed  # 全年执行数
    rate: Parsed      # 执行率 as a percentage (`98.75%` → 98.75; a bare 0.9875 stays 0.9875)
    weight: Parsed    # 分值
    score: Parsed     # 得分


_WAN = Decimal(10000)
_NO_TOTAL = Parsed(True, None, NONE)


def _in_yuan(p: Parsed, wan: bool) -> Parsed:
    """An amount of a 万元 table in 元 (checks compare in 元; messages show 万元)."""
    if not wan:
        return p
    if p.ok:
        return p if not p.value else Parsed(True, p.value * _WAN, p.hint)
    if p.hint:  # `481.8万` on a 万元 table is simply 481.8 万元 (hint: the figure in 元)
        return Parsed(True, Decimal(p.hint))
    return p


class Item(NamedTuple):
    index: int
    name: str
    amount: Parsed


class Milestone(NamedTuple):
    index: int
    task: str
    date: Parsed
    funds_pct: Parsed


class Contract(NamedTuple):
    index: int
    name: str
    supplier: str
    signed: Parsed
    service_start: Parsed
    service_end: Parsed
    amount: Parsed

    @property
    def label(self) -> str:
        return self.name or self.supplier or f"#{self.index + 1}"


class FrozenDict(dict):
    """A mapping a check can read but not change (a dict for jsonschema and json)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("the document is read-only: checks cannot modify it")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore

    def __copy__(self):
        return dict(self)

    def __deepcopy__(self, memo):
        import copy

        return {k: copy.deepcopy(v, memo) for k, v in self.items()}

    def __reduce__(self):
        return (dict, (dict(self),))


class FrozenList(list):
    """A list a check can read but not change."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("the document is read-only: checks cannot modify it")

    __setitem__ = __delitem__ = __iadd__ = __imul__ = append = extend = insert = pop = remove = clear = \
        sort = reverse = _readonly  # type: ignore

    def __copy__(self):
        return list(self)

    def __deepcopy__(self, memo):
        import copy

        return [copy.deepcopy(v, memo) for v in self]

    def __reduce__(self):
        return (list, (list(self),))


def freeze(x: Any) -> Any:
    """Data as read-only containers. The YAML loader builds them frozen already;
    JSON and the importers hand over plain containers, frozen here once."""
    if type(x) is dict:
        return FrozenDict((k, freeze(v)) for k, v in x.items())
    if type(x) is list:
        return FrozenList(freeze(v) for v in x)
    return x


def text_of(x: Any) -> str:
    """A cell as text: strings as written, numbers as digits, anything else empty."""
    if isinstance(x, str):
        return x
    if isinstance(x, bool) or x is None:
        return ""
    if isinstance(x, (int, float)):
        return str(x)
    return ""


def _mapping(x: Any) -> Mapping[str, Any]:
    return x if isinstance(x, dict) else {}


def _sequence(x: Any) -> List[Any]:
    return x if isinstance(x, list) else []


class Document:
    """One target table."""

    def __init__(self, file: str, data: Any, locator: Optional[Callable[[tuple], Location]] = None,
                 problems: Tuple[LoadProblem, ...] = ()) -> None:
        self.__dict__.update(  # one update, not nine trips through __setattr__ (a document per file)
            file=file,
            data=freeze(data),
            problems=list(problems),
            duplicates=[],  # (path, location of the repeated key, line of the first one)
            _locator=locator,
            cells={},       # importers: path → source cell ("D17")
            text=None,      # the decoded source (comments, fixes)
            _sealed=False)
        self.problems: List[LoadProblem]
        self.duplicates: List[Tuple[tuple, Location, int]]
        self.cells: Dict[tuple, str]
        self.text: Optional[str]

    def seal(self) -> None:
        """No attribute can be set any more (cached views still fill in lazily)."""
        object.__setattr__(self, "_sealed", True)

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_sealed", False):
            raise AttributeError("the document is read-only: checks cannot modify it")
        object.__setattr__(self, name, value)

    @classmethod
    def failed(cls, file: str, problem: LoadProblem) -> "Document":
        return cls(file, None, problems=(problem,))

    # ---------------------------------------------------------------- state
    @property
    def readable(self) -> bool:
        return not self.problems

    @property
    def is_table(self) -> bool:
        """Loaded, and a mapping at the top: the table checks can run."""
        return self.readable and isinstance(self.data, dict)

    def locate(self, path: str) -> Location:
        parts = pointer_parts(path)
        cell = None
        if self.cells:
            p = parts
            while p and p not in self.cells:
                p = p[:-1]
            cell = self.cells.get(p)
        if self._locator is None:
            return Location(0, 0, cell)
        loc = self._locator(parts)
        return Location(loc.line, loc.column, cell) if cell else loc

    def span(self, path: str):
        """(start, end, style) of the scalar at `path` in `text`, for fixes; None if not a scalar."""
        finder = getattr(self._locator, "span", None)
        return finder(pointer_parts(path)) if finder else None

    # ---------------------------------------------------------------- views
    @cached_view
    def root(self) -> Mapping[str, Any]:
        return _mapping(self.data)

    @cached_view
    def project(self) -> Mapping[str, Any]:
        return _mapping(self.root.get("project"))

    @cached_view
    def goals(self) -> Mapping[str, Any]:
        return _mapping(self.root.get("goals"))

    @cached_view
    def budget_data(self) -> Mapping[str, Any]:
        return _mapping(self.root.get("budget"))

    @cached_view
    def year(self) -> Optional[int]:
        y = self.root.get("year")
        if isinstance(y, bool):
            return None
        if isinstance(y, int):
            return y
        if isinstance(y, str) and fold(y).rstrip("年").isdigit():
            return int(fold(y).rstrip("年"))
        return None

    @cached_view
    def template_choice(self) -> Tuple[str, Mapping[str, str]]:
        """(template, {"zh": why, "en": why}): the file's `template`, else the
        first-level names (rows and the form's empty categories), else the year."""
        names = [r.level1 for r in self.indicators]
        for c in _sequence(_mapping(self.root.get("form")).get("empty_categories")):
            if isinstance(c, dict):
                names.append(text_of(c.get("level1")))
        return choose_template(self.root.get("template"), names, self.year)

    @cached_view
    def template(self) -> str:
        return self.template_choice[0]

    @cached_view
    def template_reason(self) -> Mapping[str, str]:
        """Why `template` was chosen, {"zh": …, "en": …} (for --verbose and JSON `tables`)."""
        return self.template_choice[1]

    @cached_view
    def empty_categories(self) -> Tuple[Tuple[str, str], ...]:
        """`form.empty_categories` as (level1, level2): categories the form has
        with nothing in them (the importer records them)."""
        out = []
        for c in _sequence(_mapping(self.root.get("form")).get("empty_categories")):
            if isinstance(c, dict):
                out.append((text_of(c.get("level1")), text_of(c.get("level2"))))
        return tuple(out)

    @cached_view
    def indicators(self) -> Tuple[Row, ...]:
        rows = []
        for i, r in enumerate(_sequence(self.root.get("indicators"))):
            if not isinstance(r, dict):
                continue
            if len(r) > 4 or not ("name" in r and "value" in r):  # columns beyond the four
                rows.append(Row.of(i, text_of(r.get("level1")), text_of(r.get("level2")),
                                   text_of(r.get("name")), parse_value(r.get("value")), _extra(r)))
            else:
                rows.append(Row.of(i, text_of(r.get("level1")), text_of(r.get("level2")),
                                   text_of(r.get("name")), parse_value(r.get("value"))))
        return tuple(rows)

    @cached_view
    def kind(self) -> str:
        """`target` (绩效目标表, the default) or `self-evaluation` (绩效自评表)."""
        return "self-evaluation" if self.root.get("kind") == "self-evaluation" else "target"

    @cached_view
    def money_unit(self) -> str:
        """元 or 万元: the unit of every amount in budget (budget.unit)."""
        return "万元" if "万" in fold(text_of(self.budget_data.get("unit"))) else "元"

    def money(self, yuan: Decimal) -> Mapping[str, str]:
        """An amount (in 元, as the views hold it) in the unit the user wrote."""
        if self.money_unit == "万元":
            wan = fmt_amount(yuan / _WAN)
            return {"zh": f"{wan} 万元", "en": f"{wan} 万元 ({fmt_amount(yuan)} yuan)"}
        return {"zh": f"{fmt_amount(yuan)} 元", "en": f"{fmt_amount(yuan)} yuan"}

    @cached_view
    def amounts(self) -> Mapping[str, Parsed]:
        """Top-level budget amounts in 元, read once: total, current_year, fiscal, ...
        A none mark (`-`, `无`) is 0 for a funding source, but leaves total and
        current_year unfilled: a project budget of `-` is blank (LG307), not 0."""
        b, wan = self.budget_data, self.money_unit == "万元"
        out = {k: _in_yuan(parse_amount(b.get(k)), wan) for k in _AMOUNT_KEYS}
        for k in ("total", "current_year"):
            if out[k].hint == NONE:
                out[k] = _NO_TOTAL
        return FrozenDict(out)

    @cached_view
    def previous(self) -> Mapping[str, Parsed]:
        p, wan = _mapping(self.budget_data.get("previous")), self.money_unit == "万元"
        return FrozenDict({k: _in_yuan(parse_amount(p.get(k)), wan) for k in ("budget", "executed")})

    @cached_view
    def items(self) -> Tuple[Item, ...]:
        out, wan = [], self.money_unit == "万元"
        for i, it in enumerate(_sequence(self.budget_data.get("items"))):
            if isinstance(it, dict):
                out.append(Item(i, text_of(it.get("name")), _in_yuan(parse_amount(it.get("amount")), wan)))
        return tuple(out)

    @cached_view
    def execution(self) -> Optional[Execution]:
        """budget.execution (self-evaluation), or None when the table has none."""
        e = self.budget_data.get("execution")
        if not isinstance(e, dict):
            return None
        wan = self.money_unit == "万元"
        return Execution(*(_in_yuan(parse_amount(e.get(k)), wan) for k in ("planned", "adjusted", "executed")),
                         parse_pct(e.get("rate")), parse_points(e.get("weight")), parse_points(e.get("score")))

    @cached_view
    def schedule(self) -> Tuple[Milestone, ...]:
        out = []
        for i, m in enumerate(_sequence(self.root.get("schedule"))):
            if isinstance(m, dict):
                out.append(Milestone(i, text_of(m.get("task")), parse_date(m.get("date")),
                                     parse_pct(m.get("funds_pct"))))
        return tuple(out)

    @cached_view
    def contracts(self) -> Tuple[Contract, ...]:
        out = []
        for i, c in enumerate(_sequence(self.root.get("contracts"))):
            if isinstance(c, dict):
                out.append(Contract(i, text_of(c.get("name")), text_of(c.get("supplier")),
                                    parse_date(c.get("signed")), parse_date(c.get("service_start")),
                                    parse_date(c.get("service_end")), parse_amount(c.get("amount"))))
        return tuple(out)

    @cached_view
    def texts(self) -> Tuple[Tuple[tuple, Any, str], ...]:
        """Every text in the document as (path of its container, key, text),
        walked once for all text checks. A text's own path, container + (key,),
        is built only for a finding: most texts never need it."""
        out: List[Tuple[tuple, Any, str]] = []
        _collect_texts(self.root, (), out, 0)
        return tuple(out)

    def long_texts(self, min_chars: int) -> List[Tuple[tuple, Any, str]]:
        """The texts of at least `min_chars` characters, as `texts` gives them,
        found without an entry for every short one (names, values, dates)."""
        out: List[Tuple[tuple, Any, str]] = []
        _collect_texts(self.root, (), out, min_chars)
        return out

    @cached_view
    def start(self) -> Parsed:
        return parse_date(self.project.get("start"))

    @cached_view
    def end(self) -> Parsed:
        return parse_date(self.project.get("end"))

    @cached_view
    def recurring(self) -> bool:
        """RULES.md: nature holds 经常性, or the name holds 运维."""
        return "经常性" in fold(text_of(self.project.get("nature"))) or \
            "运维" in fold(text_of(self.project.get("name")))


def _extra(r: Mapping[str, Any]) -> tuple:
    """Row's optional columns, parsed once (numbers as amounts, values as values)."""
    get = r.get
    return (text_of(get("unit")), text_of(get("direction")),
            parse_points(get("weight")) if get("weight") is not None else None,
            text_of(get("explanation")),
            parse_value(get("midterm")) if get("midterm") is not None else None,
            parse_value(get("actual")) if get("actual") is not None else None,
            parse_points(get("score")) if get("score") is not None else None,
            text_of(get("deviation")))


def _collect_texts(node: Any, path: tuple, out: list, min_chars: int) -> None:
    for k, v in node.items() if isinstance(node, dict) else enumerate(node):
        t = type(v)
        if t is str:
            if len(v) >= min_chars:
                out.append((path, k, v))
        elif t is FrozenDict or t is FrozenList or isinstance(v, (dict, list)):
            _collect_texts(v, path + (k,), out, min_chars)


def pointer_parts(path: str) -> tuple:
    """'/indicators/7/value' → ('indicators', 7, 'value')."""
    if not path or path == "/":
        return ()
    out = []
    for p in path.lstrip("/").split("/"):
        p = p.replace("~1", "/").replace("~0", "~")
        out.append(int(p) if p.isdigit() else p)
    return tuple(out)


def pointer(parts) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
