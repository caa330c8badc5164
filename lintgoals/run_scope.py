"""The run-scope phase: checks across the tables of one run (LG6 across
years, LG7 across a unit's projects), on compact per-table summaries.

Why summaries: files are linted in parallel workers and cached one by one;
a rule that compares tables must not re-read or hold every document. A worker
makes a `TableSummary` of each table (only when a run check is selected), it
travels and is cached with the table's findings, and the main process runs
the run checks on the summaries once the pass is over.

What travels is `Summary`: a small index (unit key, project key, year, goals
hash) and the summary itself pickled once in the worker. The main process
keeps only the index of every table; the pickled summaries wait in a spool
and are read back only for units of two tables or more (a table alone in its
unit has nothing to be compared with).

Run checks use the same `@check` API with `scope="run"`: `func(run, ctx)`,
`run` a `Run` (tables, units, previous), `ctx.finding(table, path, ...)`.
"""
from __future__ import annotations

import hashlib
import pickle
import traceback
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from typing import Any, Callable, Dict, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from .fingerprint import _value_text, fingerprint_from, stable_parts
from .model import Finding, Location, Severity
from .names import bare, category, key as category_key, read
from .values import unit_text

# ------------------------------------------------------------------ the summary


class Place(NamedTuple):
    """Where a value is (line, column, cell) and how a fingerprint names it."""

    line: int
    column: int
    cell: Optional[str]
    stable: str   # the path with list items named ("indicators/[各类直播等录制次数]/value")
    value: str    # the value there, as a fingerprint takes it

    @property
    def location(self) -> Location:
        return Location(self.line, self.column, self.cell)


def _decimal(text: str) -> Optional[Decimal]:
    return Decimal(text) if text else None


class IndicatorSummary(NamedTuple):
    """One row. Plain fields only (numbers as text, the place flattened): a
    worker pickles one per row of every table, the main process reads them
    back, and a Decimal or a nested tuple costs each time."""

    index: int
    name: str             # as written
    key: str              # read, ordinal and bracketed notes dropped: what pairs rows
    level2: str           # the level2 category key (时效指标 → 时效; every satisfaction row: 满意度)
    value: str            # as written
    op: Optional[str]
    num: str              # the number, as text ("" for a qualitative value)
    unit: str             # the value's unit, else the row's unit column
    line: int             # where the value is, and how a fingerprint names it
    column: int
    cell: Optional[str]
    stable: str
    fvalue: str
    managed: bool = False  # in the template's management category (2020 投入与管理)

    @property
    def number(self) -> Optional[Decimal]:
        return _decimal(self.num)

    @property
    def quantitative(self) -> bool:
        return bool(self.num)

    @property
    def place(self) -> Place:
        return Place(self.line, self.column, self.cell, self.stable, self.fvalue)


class TableSummary(NamedTuple):
    file: str
    project: str          # as written
    project_key: str
    unit: str
    unit_key: str
    year: Optional[int]
    template: str
    money_unit: str       # 元 or 万元: how amounts are shown
    current_year_text: str      # in 元, as text ("" when absent)
    previous_budget_text: str   # budget.previous.budget, in 元
    goals_hash: str       # of goals.annual as read; "" when it is too short to compare
    places: Tuple[Tuple[str, Place], ...]  # /budget/current_year, /budget/previous/budget, /goals/annual, /indicators
    indicators: Tuple[IndicatorSummary, ...]

    @property
    def current_year(self) -> Optional[Decimal]:
        return _decimal(self.current_year_text)

    @property
    def previous_budget(self) -> Optional[Decimal]:
        return _decimal(self.previous_budget_text)

    def place(self, path: str) -> Optional[Place]:
        if path.startswith("/indicators/"):
            parts = path.split("/")
            if len(parts) >= 3 and parts[2].isdigit():
                i = int(parts[2])
                for r in self.indicators:
                    if r.index == i:
                        return r.place
            return None
        return next((p for k, p in self.places if k == path), None)

    def money(self, yuan: Decimal) -> Mapping[str, str]:
        from .messages import fmt_amount

        if self.money_unit == "万元":
            wan = fmt_amount(yuan / Decimal(10000))
            return {"zh": f"{wan} 万元", "en": f"{wan} 万元 ({fmt_amount(yuan)} yuan)"}
        return {"zh": f"{fmt_amount(yuan)} 元", "en": f"{fmt_amount(yuan)} yuan"}


class Summary(NamedTuple):
    """What a worker sends and the cache keeps (TableInfo.summary): the index
    the main process groups by, and the pickled TableSummary."""

    unit_key: str
    project_key: str
    year: Optional[int]
    goals_hash: str
    blob: bytes

    def load(self) -> TableSummary:
        return _from_blob(self.blob)


GOALS_MIN_CHARS = 10  # shorter goals (无, 见附件) are LG501's business, not a copy


def _text(x: Any) -> str:
    return x.strip() if isinstance(x, str) else ("" if x is None or isinstance(x, bool) else str(x))


def _place(doc, path: str) -> Place:
    loc = doc.locate(path)
    stable, value = stable_parts(path, doc)
    return Place(loc.line, loc.column, loc.cell, stable, value)


SATISFACTION = "满意度"


def _level2(r) -> str:
    """The level2 key rows pair under (LG604, LG605): every satisfaction row is
    one category whatever the form calls it (2020 效果目标/满意度, 2026
    满意度指标/服务对象满意度指标, a 2018 row named 满意度目标)."""
    k = category(r.level2, under=r.level1) if r.level2 else ""
    return SATISFACTION if "满意" in k or "满意" in r.key else k


_FIXED = ("/budget/current_year", "/budget/previous/budget", "/goals/annual", "/indicators")


def _yaml_marks(doc):
    """(row index → (line, column) of its value, path → (line, column) of the
    four fixed places), from the YAML node tree in one walk (a lookup per path
    would walk from the root each time); None when the document is not YAML
    (JSON, forms: located path by path)."""
    locator = doc._locator
    if getattr(locator, "node", None) is None or doc.cells:
        return None
    import yaml

    root = locator.root
    if not isinstance(root, yaml.MappingNode):
        return None
    top = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}  # the last one wins

    def child(node, name):
        if isinstance(node, yaml.MappingNode):
            hit = None
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == name:
                    hit = v
            return hit
        return None

    def mark(node, fallback):
        n = node if node is not None else fallback
        return (n.start_mark.line + 1, n.start_mark.column + 1)

    budget, goals, seq = top.get("budget"), top.get("goals"), top.get("indicators")
    previous = child(budget, "previous")
    fixed = {"/budget/current_year": mark(child(budget, "current_year"), budget or root),
             "/budget/previous/budget": mark(child(previous, "budget"), previous or budget or root),
             "/goals/annual": mark(child(goals, "annual"), goals or root),
             "/indicators": mark(seq, root)}
    rows = {}
    if isinstance(seq, yaml.SequenceNode):
        for i, item in enumerate(seq.value):
            v = child(item, "value")
            if v is not None:
                rows[i] = (v.start_mark.line + 1, v.start_mark.column + 1)
    return rows, fixed


def _fixed_value(doc, path: str) -> str:
    node: Any = doc.data
    for part in path.strip("/").split("/"):
        node = node.get(part) if isinstance(node, dict) else None
    return _value_text(node) if node is not None or path != "/indicators" else ""


def summarize(doc, templates: Mapping[str, Any] = None) -> Optional[Summary]:
    """The summary of a loaded table (None for anything else). Built from the
    document's parsed views (nothing parsed twice); places only for what a run
    finding can point at: each row's value and four paths."""
    if not doc.is_table:
        return None
    project = doc.project
    name, unit = _text(project.get("name")), _text(project.get("unit"))
    goals = doc.goals.get("annual")
    goals_read = read(goals) if isinstance(goals, str) else ""
    goals_hash = hashlib.blake2b(goals_read.encode("utf-8"), digest_size=8).hexdigest() \
        if len(goals_read) >= GOALS_MIN_CHARS else ""
    template = doc.template
    t = (templates or {}).get(template)
    managed_key = category_key(t.management) if t is not None and getattr(t, "management", None) else ""
    marks = _yaml_marks(doc)
    items = doc.root.get("indicators")
    rows = []
    for r in doc.indicators:
        v = r.value
        item = items[r.index]
        label = item.get("name") or item.get("task")  # as fingerprint.py names a list item
        stable = f"indicators/[{label}]/value" if isinstance(label, str) and label else f"indicators/{r.index}/value"
        if marks is None:
            loc = doc.locate(f"/indicators/{r.index}/value")
            line, column, cell = loc.line, loc.column, loc.cell
        else:
            (line, column), cell = marks[0].get(r.index, (0, 0)), None
        # plain tuples in the blob (a namedtuple pickles through Python code); made IndicatorSummary on load
        rows.append((r.index, r.name, bare(r.name), _level2(r), v.text, v.op, "" if v.number is None else str(v.number),
                     v.unit or (unit_text(r.unit) if r.unit else ""), line, column, cell, stable,
                     _value_text(item.get("value")), bool(managed_key) and category_key(r.level1) == managed_key))
    cur, prev = doc.amounts["current_year"], doc.previous["budget"]
    if marks is None:
        places = tuple((p, tuple(_place(doc, p))) for p in _FIXED)
    else:
        places = tuple((p, marks[1][p] + (None, p.strip("/"), _fixed_value(doc, p))) for p in _FIXED)
    s = (doc.file, name, bare(name), unit, bare(unit), doc.year, template, doc.money_unit,
         str(cur.value) if cur.ok and cur.value is not None else "",
         str(prev.value) if prev.ok and prev.value is not None else "", goals_hash, places, tuple(rows))
    return Summary(s[4], s[2], doc.year, goals_hash, pickle.dumps(s, protocol=pickle.HIGHEST_PROTOCOL))


def _from_blob(blob: bytes) -> TableSummary:
    s = pickle.loads(blob)
    return TableSummary(*s[:11], tuple((p, Place(*v)) for p, v in s[11]), tuple(_INDICATOR(r) for r in s[12]))


_INDICATOR = IndicatorSummary._make


# ------------------------------------------------------------------ similarity


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two names' characters (as multisets): renamed
    projects reorder and add words (电教远教工作经费 → 党员远教电教工作经费: 0.89),
    which an order-bound ratio (difflib: 0.67) misses."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    common = sum((Counter(a) & Counter(b)).values())
    return 2.0 * common / (len(a) + len(b))


# ------------------------------------------------------------------ the run


class Entry(NamedTuple):
    """A table in the run's index: small, kept for every table."""

    unit_key: str
    project_key: str
    year: Optional[int]
    goals_hash: str
    ref: Any          # what `load` takes (a spool offset, or the summary itself)
    record: int       # the file record the table's findings belong to (-1: --previous, never reported)
    digest: bytes = b""  # of the summary (file name included): a unit's results are cached by its members' digests


class Run:
    """What a run check sees: the tables of one unit (every rule across tables
    compares the tables of one unit; a check is called once per unit of two
    tables or more). Summaries are read from the spool only when a check asks
    for them, once per unit, and dropped after it: memory is bounded by the
    index and the largest unit, not by the run.

    - `tables()`: this unit's checked tables (not those given with --previous);
    - `units()`: (unit key, all its tables), for plugins written over units;
    - `previous(table)`: last year's table of the same project (RULES.md LG6);
    - `pairs()`: (table, previous) of every checked table that has one, found
      from the index (only those tables are read);
    - `same_goals()`: tables of one year whose annual goals are identical,
      of two different project keys at least (from the index too);
    - `checked(table)`: reported on, not a --previous table.
    """

    def __init__(self, entries: Sequence[Entry], load: Callable[[Any], TableSummary],
                 members: Optional[Sequence[int]] = None, unit: str = "") -> None:
        self._entries = entries
        self._load = load
        self._members = list(range(len(entries))) if members is None else list(members)
        self.unit = unit
        self._loaded: Dict[int, TableSummary] = {}
        self._record: Dict[str, int] = {}      # file → record of the tables read
        self._by_key: Optional[Dict[str, List[Tuple[int, int]]]] = None
        self._previous: Dict[Tuple[str, int, float], Optional[int]] = {}

    # ---- scopes
    def by_unit(self) -> Iterator["Run"]:
        """A Run for each unit of two tables or more, one of them checked."""
        units: Dict[str, List[int]] = {}
        for i in self._members:
            e = self._entries[i]
            if e.unit_key:
                units.setdefault(e.unit_key, []).append(i)
        for unit, members in units.items():
            if len(members) >= 2 and any(self._entries[i].record >= 0 for i in members):
                yield Run(self._entries, self._load, members, unit)

    # ---- reading
    def _get(self, i: int) -> TableSummary:
        s = self._loaded.get(i)
        if s is None:
            e = self._entries[i]
            s = self._loaded[i] = self._load(e.ref)
            self._record[s.file] = e.record
        return s

    def tables(self) -> Iterator[TableSummary]:
        for i in self._members:
            if self._entries[i].record >= 0:
                yield self._get(i)

    def units(self) -> Iterator[Tuple[str, List[TableSummary]]]:
        for scope in ([self] if self.unit else self.by_unit()):
            yield scope.unit, [scope._get(i) for i in scope._members]
            if scope is not self:
                self._record.update(scope._record)

    def checked(self, table: TableSummary) -> bool:
        return self._record.get(table.file, -1) >= 0

    # ---- matching, on the index
    def _keys(self) -> Dict[str, List[Tuple[int, int]]]:
        """project key → [(year, entry)] of this scope's tables with a year."""
        if self._by_key is None:
            self._by_key = {}
            for i in self._members:
                e = self._entries[i]
                if e.year is not None and e.project_key:
                    self._by_key.setdefault(e.project_key, []).append((e.year, i))
        return self._by_key

    def _previous_of(self, project_key: str, year: Optional[int], ratio: float) -> Optional[int]:
        if year is None or not project_key:
            return None
        memo = (project_key, year, ratio)
        if memo in self._previous:
            return self._previous[memo]
        keys = self._keys()
        best = None
        exact = [(y, -i) for y, i in keys.get(project_key, ()) if y < year]
        if exact:  # the same name first, failing that a similar one
            best = -max(exact)[1]
        else:
            similar = []
            for k, items in keys.items():
                if k != project_key:
                    r = similarity(k, project_key)
                    if r >= ratio:
                        similar += [(y, r, -i) for y, i in items if y < year]
            if similar:
                best = -max(similar)[2]
        self._previous[memo] = best
        return best

    def previous(self, table: TableSummary, ratio: float = 0.8) -> Optional[TableSummary]:
        """Last year's table of the same project: same unit key and the same
        name key (bracketed notes dropped), else the same unit and names at
        least `ratio` similar; of those, the latest earlier year (the most
        similar name within it)."""
        if self.unit and table.unit_key != self.unit:
            return None
        i = self._previous_of(table.project_key, table.year, ratio)
        return None if i is None else self._get(i)

    def pairs(self, ratio: float = 0.8) -> Iterator[Tuple[TableSummary, TableSummary]]:
        for scope in ([self] if self.unit else self.by_unit()):
            for i in scope._members:
                e = scope._entries[i]
                if e.record < 0:
                    continue
                j = scope._previous_of(e.project_key, e.year, ratio)
                if j is not None:
                    yield scope._get(i), scope._get(j)
            if scope is not self:
                self._record.update(scope._record)

    def same_goals(self) -> Iterator[List[TableSummary]]:
        for scope in ([self] if self.unit else self.by_unit()):
            groups: Dict[Tuple[Optional[int], str], List[int]] = {}
            for i in scope._members:
                e = scope._entries[i]
                if e.goals_hash:
                    groups.setdefault((e.year, e.goals_hash), []).append(i)
            for members in groups.values():
                if len(members) >= 2 and len({scope._entries[i].project_key for i in members}) >= 2 \
                        and any(scope._entries[i].record >= 0 for i in members):
                    yield [scope._get(i) for i in members]
            if scope is not self:
                self._record.update(scope._record)


def location_text(table: TableSummary, place: Optional[Place]) -> Mapping[str, str]:
    """`2025/党员远教.yaml 第31行` (a form: `单元格 D17`), as a message names last year's place."""
    where_zh = where_en = table.file
    if place is not None and place.cell and ":" in place.cell:  # a text form: line:column
        line = place.cell.split(":")[0]
        where_zh, where_en = f"{table.file} 第{line}行", f"{table.file} line {line}"
    elif place is not None and place.cell:
        where_zh, where_en = f"{table.file} 单元格 {place.cell}", f"{table.file} cell {place.cell}"
    elif place is not None and place.line:
        where_zh, where_en = f"{table.file} 第{place.line}行", f"{table.file} line {place.line}"
    return {"zh": where_zh, "en": where_en}


def table_text(table: TableSummary) -> Mapping[str, str]:
    """`2020年“电教远教工作经费”`: last year's table as a message names it."""
    year = f"{table.year}" if table.year is not None else ""
    return {"zh": f"{year}年“{table.project}”" if year else f"“{table.project}”",
            "en": f"the {year} table “{table.project}”" if year else f"the table “{table.project}”"}


# ------------------------------------------------------------------ running the run checks


class RunContext:
    """What a run check receives besides the run: its options, the
    configuration and `finding()`."""

    def __init__(self, spec, severity: Severity, options: Mapping[str, Any], config: Any) -> None:
        self.spec = spec
        self.code = spec.code
        self.severity = severity
        self.options = options
        self.config = config

    def finding(self, table: TableSummary, path: str = "", *, related: Iterable[Tuple[TableSummary, str]] = (),
                key: Optional[str] = None, **args: Any) -> Finding:
        """A finding at `path` of `table` (this year's row). `related`: (other
        table, path) pairs, e.g. last year's row (SARIF relatedLocations).
        `key` replaces the value in the fingerprint (a finding that names a
        row of another table: LG605); the other table's file never enters it."""
        place = table.place(path)
        where = place.location if place is not None else Location()
        stable, value = (place.stable, place.value) if place is not None else (path.strip("/"), "")
        rel = []
        for other, other_path in related:
            p = other.place(other_path)
            rel.append((other.file, p.location if p is not None else Location(), other_path))
        return Finding(code=self.code, name=self.spec.name, severity=self.severity, file=table.file, path=path,
                       location=where, args=args, fingerprint=fingerprint_from(
                           self.code, table.file, stable, value if key is None else key),
                       related=tuple(rel))


def run_checks(engine, run: Run, config: Any = None, cache: Any = None,
               spool: Optional["_Spool"] = None) -> Dict[int, List[Any]]:
    """Every run check of `engine`, unit by unit: record → its findings. A
    crashing check is isolated (one internal-error finding, on the first
    checked table of the unit where it crashed; it is not called again).
    `cache` (lintgoals.cache.Cache): a unit whose members' summaries are all
    unchanged gets its findings from there, without reading a summary.
    `spool`: each unit's findings are pickled there as the unit ends and the
    result holds record → [spool refs] (memory: one unit's findings at a time)."""
    out: Dict[int, List[Any]] = {}
    ignored_cache: Dict[str, List[str]] = {}
    prepared = [(p.spec, RunContext(p.spec, p.context.severity, p.context.options, p.context.config))
                for p in engine.run_checks]
    crashed: set = set()
    scopes = list(run.by_unit())
    keys = _unit_keys(engine, run, scopes, cache.salt) if cache is not None else None
    known = _cached(cache, [k for k in keys if k]) if keys else {}
    for n, scope in enumerate(scopes):
        key = keys[n] if keys else None
        found: Dict[int, List[Finding]] = {}  # this unit's: record → findings
        if key and key in known:  # unchanged unit: its findings as stored, by member position
            for pos, f in known.pop(key):
                found.setdefault(run._entries[scope._members[pos]].record, []).append(f)
        else:
            crashes = len(crashed)
            _run_unit(scope, run, prepared, crashed, config, ignored_cache, found)
            if key and len(crashed) == crashes:  # a unit where a check crashed is run again next time
                pos_of = {scope._get(i).file: p for p, i in enumerate(scope._members) if i in scope._loaded}
                stored = [(pos_of[f.file], f) for v in found.values() for f in v if f.file in pos_of]
                cache.put(key, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
            scope._loaded.clear()  # memory: the summaries of one unit at a time
        for record, fs in found.items():
            out.setdefault(record, []).append(
                spool.put(pickle.dumps(fs, protocol=pickle.HIGHEST_PROTOCOL)) if spool is not None else fs)
    if cache is not None:
        cache.close()
    if spool is None:
        return {record: [f for fs in parts for f in fs] for record, parts in out.items()}
    return out


def _run_unit(scope: Run, run: Run, prepared, crashed: set, config, ignored_cache, found) -> None:
    from .engine import INTERNAL

    for spec, ctx in prepared:
        if spec.code in crashed:
            continue
        try:
            for f in spec.func(scope, ctx):
                if not isinstance(f, Finding):
                    raise TypeError(f"yielded {type(f).__name__}, not a Finding from ctx.finding()")
                record = scope._record.get(f.file, -1)
                if record < 0:
                    continue  # a --previous table is never reported on
                if config is not None:
                    ignored = ignored_cache.get(f.file)
                    if ignored is None:
                        ignored = ignored_cache[f.file] = config.ignored_for(f.file.split("#")[0])
                    if any(f.code.startswith(p) for p in ignored):
                        continue
                found.setdefault(record, []).append(f)
        except Exception as exc:  # isolate: the other run checks still run
            crashed.add(spec.code)
            tb = traceback.extract_tb(exc.__traceback__)
            first = next((i for i in scope._members if run._entries[i].record >= 0), None)
            if first is None:
                continue
            table = scope._get(first)
            found.setdefault(run._entries[first].record, []).append(Finding(
                code=spec.code, name=INTERNAL, severity=Severity.ERROR, file=table.file, path="",
                location=Location(0, 0), args={"error": f"{type(exc).__name__}: {exc}",
                                               "where": f"{tb[-1].filename}:{tb[-1].lineno}" if tb else ""}))


def _unit_keys(engine, run: Run, scopes: Sequence[Run], base: bytes) -> List[Optional[bytes]]:
    """A cache key per unit: the run checks (code, severity, options, a
    plugin's source) and each member's summary digest and whether it is
    reported on; None where a member has no digest."""
    import inspect

    salt = hashlib.blake2b(b"lintgoals run checks 1", digest_size=16)
    salt.update(base)  # the result cache's salt: lintgoals' version and code, the config
    for p in engine.run_checks:
        salt.update(repr((p.spec.code, str(p.context.severity), sorted(map(repr, p.context.options.items())))).encode())
        if not p.spec.func.__module__.startswith("lintgoals."):
            try:
                salt.update(inspect.getsource(inspect.getmodule(p.spec.func)).encode("utf-8"))
            except (OSError, TypeError):
                salt.update(str(id(p.spec.func)).encode())
    out: List[Optional[bytes]] = []
    for scope in scopes:
        h = salt.copy()
        for i in scope._members:
            e = run._entries[i]
            if not e.digest:
                h = None
                break
            h.update(e.digest + (b"+" if e.record >= 0 else b"-"))
        out.append(b"run:" + h.digest() if h is not None else None)
    return out


def _cached(cache, keys: List[bytes]) -> Dict[bytes, Any]:
    out: Dict[bytes, Any] = {}
    for start in range(0, len(keys), 500):  # SQLite's limit of bound parameters
        out.update({k: v for k, (v, _) in cache.get_many(keys[start:start + 500]).items()})
    return out


# ------------------------------------------------------------------ the phase in a CLI run


class _Spool:
    """Pickled records in an anonymous temporary file, read back by offset:
    the run holds offsets, not findings or summaries."""

    def __init__(self) -> None:
        import tempfile

        self.fh = tempfile.TemporaryFile(prefix="lintgoals-")
        self.end = 0

    def put(self, blob: bytes) -> Tuple[int, int]:
        self.fh.seek(self.end)
        self.fh.write(blob)
        at, self.end = self.end, self.end + len(blob)
        return at, len(blob)

    def get(self, ref: Tuple[int, int]) -> bytes:
        self.fh.seek(ref[0])
        return self.fh.read(ref[1])

    def close(self) -> None:
        self.fh.close()


def with_run_checks(results: Iterable[Tuple], engine, config, previous: Iterable[Tuple] = (),
                    cache: Any = None) -> Iterator[Tuple]:
    """(file, findings, tables) as `runner.run(tables=True)` yields them, with
    each file's run findings merged into its list (sorted as usual), in the
    same order. The first pass spools every record and keeps only the index;
    the run checks run once it is over; the spool is then replayed. `previous`:
    the results of the --previous files, whose tables are only summarised."""
    records, summaries = _Spool(), _Spool()
    try:
        entries: List[Entry] = []
        index: List[Tuple[str, Tuple[int, int]]] = []
        dumps = pickle.dumps
        for _, _, tables in previous:
            _index_tables(tables, -1, entries, summaries)
        for p, found, tables in results:
            record = len(index)
            index.append((p, records.put(dumps((found, tables), protocol=pickle.HIGHEST_PROTOCOL))))
            _index_tables(tables, record, entries, summaries)
        run = Run(entries, lambda ref: _from_blob(summaries.get(ref)))
        extra = run_checks(engine, run, config, cache, spool=summaries)  # findings spooled after the summaries
        del run, entries
        report = None
        for record, (p, ref) in enumerate(index):
            found, tables = pickle.loads(records.get(ref))
            parts = extra.pop(record, None)
            more = [f for part in parts for f in pickle.loads(summaries.get(part))] if parts else []
            sups = [s for t in tables for s in getattr(t, "suppressions", ())]
            if sups:  # the file's `# lintgoals: disable=LG601 理由` comments
                from .suppress import apply_deferred

                report = engine.report_codes() if report is None else report
                more = apply_deferred(more, sups, tables[0].file if tables else p, report)
            if more:
                found = sorted(list(found) + more, key=Finding.sort_key)
            yield p, found, tables
    finally:
        records.close()
        summaries.close()


def _index_tables(tables, record: int, entries: List[Entry], spool: _Spool) -> None:
    for t in tables:
        s = getattr(t, "summary", None)
        if s is None:
            continue
        entries.append(Entry(_intern(s.unit_key), s.project_key, s.year, s.goals_hash, spool.put(s.blob), record,
                             hashlib.blake2b(s.blob, digest_size=16).digest()))


_interned: Dict[str, str] = {}


def _intern(text: str) -> str:
    """A unit's key once in memory for all its tables."""
    return _interned.setdefault(text, text)
