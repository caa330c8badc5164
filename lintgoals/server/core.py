"""What the language server computes, without any LSP library: which open
documents are format-1 tables, their findings (the same path as `check`:
config discovery, presets, plugins, options, suppressions, per-file ignores,
and the run checks against the other tables of the workspace), the range of
each finding's node, the edits of `fix`, the suppression comment, the
explain page and how a value was read.

Positions here are code points: (line, column), both 0-based, and offsets
into the text. `lintgoals.server.lsp` turns them into the client's units.
"""
from __future__ import annotations

import os
import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ..config import Config, ConfigError, find_config, read_config, validate
from ..engine import INTERNAL, Engine, SelectionError
from ..i18n import choose, did_you_mean
from ..load import DEFAULT_MAX_BYTES, JSON_SUFFIXES, YAML_SUFFIXES, load_bytes
from ..messages import render
from ..model import Finding, Severity
from ..registry import Registry, RegistryError, load_registry
from . import say

TABLE_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES
# a format-1 table says so: its `lintgoals:` key, or the schema modeline ...
_FORMAT_KEY = re.compile(r'^(?:lintgoals[ \t]*:|[ \t]*"lintgoals"[ \t]*:)', re.M)
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=\S*format1", re.I)
# ... or, failing both, it has the top-level keys of one (at least two of these)
_TOP_KEYS = re.compile(r'^(year|project|indicators)[ \t]*:|^[ \t]{0,4}"(year|project|indicators)"[ \t]*:', re.M)
# the longest node a range covers whole; a longer one is marked on its first line
MAX_RANGE_LINES = 8


# ------------------------------------------------------------------ options


@dataclass
class Settings:
    """What `lintgoals server` was started with (the options `check` has)."""

    config: Optional[str] = None
    checks_dirs: Tuple[str, ...] = ()
    select: Tuple[str, ...] = ()
    ignore: Tuple[str, ...] = ()
    extend_select: Tuple[str, ...] = ()
    lang: Optional[str] = None        # --lang; else LINTGOALS_LANG, the config's lang:, the locale
    previous: Tuple[str, ...] = ()    # --previous: more last-year tables for LG6
    scan: bool = True                 # summarise the workspace's tables for the run checks


@dataclass
class Profile:
    """The engine and language for the documents under one config."""

    config: Config
    engine: Optional[Engine]
    lang: str
    error: Optional[str] = None       # why the config (or the selection, or a plugin) cannot be used
    stamp: Any = None                 # the config file's (mtime, size) when read


def looks_like_table(text: str, path: str = "") -> bool:
    """A format-1 table: the `lintgoals:` key, the schema modeline, or two of
    the top-level keys year/project/indicators (a half-typed table still has them)."""
    low = path.lower()
    if low.endswith((".lintgoals.yaml", ".lintgoals.yml")) or os.path.basename(low) in (".lintgoals.yaml", ".lintgoals.yml"):
        return False  # a form's exceptions file, or lintgoals' own config
    head = text[:4096]
    if _FORMAT_KEY.search(text) or _MODELINE.search(head):
        return True
    keys = {m.group(1) or m.group(2) for m in _TOP_KEYS.finditer(text)}
    return len(keys) >= 2


class Lines:
    """Offsets ↔ (line, column) of one text, in code points, 0-based."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> Tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        i = bisect_right(self.starts, offset) - 1
        return i, offset - self.starts[i]

    def offset(self, line: int, column: int) -> int:
        if line >= len(self.starts):
            return len(self.text)
        return min(self.starts[line] + max(column, 0), self.line_end(line))

    def line_end(self, line: int) -> int:
        """The offset of the end of `line`'s text (before its newline)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            return end - 1 if end > self.starts[line] and self.text[end - 1] == "\r" else end
        return len(self.text)

    def line_text(self, line: int) -> str:
        if line >= len(self.starts):
            return ""
        return self.text[self.starts[line]:self.line_end(line)]

    def __len__(self) -> int:
        return len(self.starts)


# ------------------------------------------------------------------ results


@dataclass
class Item:
    """One finding as the editor shows it."""

    finding: Finding
    start: int            # offsets into the text
    end: int
    message: str
    severity: Severity


@dataclass
class Result:
    """One lint of one text."""

    path: str
    display: str
    text: str
    doc: Any
    profile: Profile
    items: List[Item] = field(default_factory=list)
    _lines: Optional[Lines] = None

    @property
    def lines(self) -> Lines:
        if self._lines is None:
            self._lines = Lines(self.text)
        return self._lines

    @property
    def json_mode(self) -> bool:
        return self.path.lower().endswith(JSON_SUFFIXES)

    def at(self, offset: int) -> List[Item]:
        return [i for i in self.items if i.start <= offset <= max(i.end, i.start)]


# ------------------------------------------------------------------ the linter


class Linter:
    """Lints texts of tables the way `check` lints their files. Thread-safe
    for the background scan: profiles and the index are guarded by a lock."""

    def __init__(self, settings: Optional[Settings] = None, root: Optional[str] = None) -> None:
        self.settings = settings or Settings()
        self.root = os.path.abspath(root or os.getcwd())
        self._lock = threading.RLock()
        self._registry: Optional[Registry] = None
        self._registry_error: Optional[RegistryError] = None
        self._profiles: Dict[Optional[str], Profile] = {}   # config path → profile
        self._config_of: Dict[str, Optional[str]] = {}      # folder → its config path
        # the run checks' index: absolute path → the summaries of its tables
        self.disk: Dict[str, tuple] = {}     # as saved (the workspace scan, --previous, saves)
        self.open: Dict[str, tuple] = {}     # as in the editor now
        self.scanned = False
        self._explain_dir: Optional[str] = None

    # ---- set-up
    @property
    def registry(self) -> Optional[Registry]:
        if self._registry is None and self._registry_error is None:
            try:
                self._registry = load_registry(self.settings.checks_dirs)
            except RegistryError as exc:
                self._registry_error = exc
        return self._registry

    def display(self, path: str) -> str:
        """The file's name in messages: relative to the workspace, as `check` run there names it."""
        try:
            rel = os.path.relpath(path, self.root)
        except ValueError:  # another drive
            return path
        return path if rel.startswith("..") else rel

    def forget_configs(self) -> None:
        """A config file changed or appeared: find and read them again."""
        with self._lock:
            self._profiles.clear()
            self._config_of.clear()

    def profile(self, path: str) -> Profile:
        """The config, engine and language for a document at `path`."""
        with self._lock:
            source = self.settings.config
            if source is None:
                folder = os.path.dirname(os.path.abspath(path))
                if folder not in self._config_of:
                    try:
                        self._config_of[folder] = find_config(folder)
                    except ConfigError as exc:  # an unreadable pyproject.toml on the way up
                        return self._broken(Config(), str(exc))
                source = self._config_of[folder]
            stamp = _stamp(source)
            cached = self._profiles.get(source)
            if cached is not None and cached.stamp == stamp:
                return cached
            prof = self._profiles[source] = self._make_profile(source, stamp)
            return prof

    def _broken(self, cfg: Config, message: str) -> Profile:
        return Profile(cfg, None, self._lang(cfg), message)

    def _lang(self, cfg: Optional[Config]) -> str:
        argv = ["--lang", self.settings.lang] if self.settings.lang else []
        return choose(argv, config_lang=cfg.lang if cfg is not None else None)

    def _make_profile(self, source: Optional[str], stamp: Any) -> Profile:
        registry = self.registry
        lang = self._lang(None)
        if registry is None:
            return Profile(Config(), None, lang, self._registry_error.message(lang), stamp)
        cfg = Config()
        if source is not None:
            if not os.path.isfile(source):
                return Profile(cfg, None, lang, say("config_missing", lang, path=source), stamp)
            try:
                cfg = validate(read_config(source), list(registry), source=source, lang=lang)
            except ConfigError as exc:
                return Profile(cfg, None, lang, str(exc), stamp)
            cfg.path = source
        from ..runner import Plan

        s = self.settings
        plan = Plan(config=cfg, checks_dirs=s.checks_dirs, select=s.select, ignore=s.ignore, extend_select=s.extend_select)
        lang = self._lang(cfg)
        try:
            engine = plan.engine(registry)
        except SelectionError as exc:
            code = exc.args[0]
            hint = did_you_mean(code, [sp.code for sp in registry], lang)
            return Profile(cfg, None, lang, say("unknown_code", lang, code=code, hint=hint), stamp)
        return Profile(cfg, engine, lang, None, stamp)

    # ---- linting
    def load(self, text: str, path: str, display: Optional[str] = None, limit: Optional[int] = None):
        data = text.encode("utf-8", "surrogatepass")
        display = display or self.display(path)
        if len(data) > (limit or DEFAULT_MAX_BYTES):
            from ..document import Document, LoadProblem

            return Document.failed(display, LoadProblem("too-large", {"size": len(data), "limit": limit or DEFAULT_MAX_BYTES}))
        return load_bytes(data, display, json_mode=path.lower().endswith(JSON_SUFFIXES))

    def lint(self, text: str, path: str) -> Result:
        """The findings of a table's text (as `check` finds them in its file)."""
        from ..runner import lint_document

        path = os.path.abspath(path)
        prof = self.profile(path)
        display = self.display(path)
        if prof.engine is None:
            doc = None
            res = Result(path, display, text, doc, prof)
            res.items.append(Item(Finding("LG000", "config", Severity.ERROR, display, ""), 0, len(res.lines.line_text(0)),
                                  say("config_error", prof.lang, error=prof.error), Severity.ERROR))
            return res
        cfg, engine = prof.config, prof.engine
        doc = self.load(text, path, display, cfg.max_file_size)
        found = lint_document(engine, cfg, doc)
        if engine.run_checks and doc.is_table:
            found = sorted(found + self._run_findings(doc, path, engine, cfg), key=Finding.sort_key)
        res = Result(path, display, text, doc, prof)
        specs = self.registry.specs
        for f in found:
            start, end = finding_span(res, f)
            res.items.append(Item(f, start, end, render(f, specs.get(f.code), prof.lang), f.severity))
        return res

    def _run_findings(self, doc, path: str, engine: Engine, cfg: Config) -> List[Finding]:
        """LG6/LG7 for this table against the other tables of the workspace
        (their summaries; the open ones as they are in the editor)."""
        from ..run_scope import Entry, Run, run_checks, summarize

        mine = summarize(doc, engine.templates)
        if mine is None:
            return []
        with self._lock:
            self.open[path] = (mine,)
            others = [(p, s) for p, s in {**self.disk, **self.open}.items() if p != path]
        entries = [Entry(mine.unit_key, mine.project_key, mine.year, mine.goals_hash, mine, 0)]
        for _, summaries in others:
            for s in summaries:
                if s.unit_key == mine.unit_key:  # every run check compares the tables of one unit
                    entries.append(Entry(s.unit_key, s.project_key, s.year, s.goals_hash, s, -1))
        if len(entries) < 2:
            return []
        return run_checks(engine, Run(entries, lambda s: s.load()), cfg).get(0, [])

    # ---- the workspace's tables, for the run checks
    def summarize_file(self, path: str) -> None:
        """Read a saved table and keep its summary (nothing is reported on it)."""
        from ..load import read_regular
        from ..run_scope import summarize

        path = os.path.abspath(path)
        prof = self.profile(path)
        if prof.engine is None or not prof.engine.run_checks:
            return
        data, problem = read_regular(path, prof.config.max_file_size or DEFAULT_MAX_BYTES)
        if problem is not None:
            return
        doc = load_bytes(data, self.display(path), json_mode=path.lower().endswith(JSON_SUFFIXES))
        s = summarize(doc, prof.engine.templates) if doc.is_table else None
        with self._lock:
            if s is None:
                self.disk.pop(path, None)
            else:
                self.disk[path] = (s,)

    def scan(self, folders: Iterable[str], limit: int = 20000) -> int:
        """Summarise the tables under `folders` and the --previous paths (once, in the background)."""
        from ..runner import iter_files

        n = 0
        paths = [f for f in list(folders) + list(self.settings.previous) if os.path.exists(f)]
        for f in iter_files(paths):
            if not f.lower().endswith(TABLE_SUFFIXES) or n >= limit:
                continue
            try:
                self.summarize_file(f)
            except Exception:  # a file the summary cannot read is the check's business, not the scan's
                continue
            n += 1
        self.scanned = True
        return n

    def closed(self, path: str) -> None:
        with self._lock:
            self.open.pop(os.path.abspath(path), None)

    # ---- fixes, suppressions
    def fix_edits(self, res: Result, item: Item) -> List[Tuple[int, int, str]]:
        """The edit `lintgoals fix` makes for this finding (its first pass)."""
        from ..fix import edits_for

        if res.doc is None or not item.finding.fixable:
            return []
        return [(e.start, e.end, e.text) for e in edits_for(res.doc, [item.finding])]

    def fix_all(self, res: Result) -> Optional[str]:
        """The text `lintgoals fix` writes for this one, or None when there is nothing to fix."""
        from ..fix import fix_text
        from ..runner import lint_document

        prof = res.profile
        if prof.engine is None or res.doc is None or not any(i.finding.fixable for i in res.items):
            return None
        new, n = fix_text(res.text, lambda d: lint_document(prof.engine, prof.config, d), res.display, res.json_mode)
        return new if n and new != res.text else None

    def suppression(self, res: Result, item: Item) -> Optional[Tuple[int, str]]:
        """(offset, text): `# lintgoals: disable=CODE 理由：` on its own line above
        the finding's line, indented like it (lintgoals.suppress); None for JSON
        (no comments: per-file-ignores) and for crashes (never suppressed)."""
        f = item.finding
        if res.json_mode or f.name == INTERNAL or res.doc is None or f.code == "LG000":
            return None
        line, _ = res.lines.position(item.start)
        if f.line:
            line = f.line - 1
        text = res.lines.line_text(line)
        indent = text[:len(text) - len(text.lstrip(" \t"))]  # a list item's: at its dash
        return res.lines.starts[line] if line < len(res.lines) else len(res.text), \
            f"{indent}# lintgoals: disable={f.code} 理由：\n"

    # ---- explain pages, readings
    def spec(self, code: str):
        reg = self.registry
        return reg.specs.get(code) if reg is not None else None

    def explain(self, code: str, lang: str) -> Optional[str]:
        spec = self.spec(code)
        return explain_markdown(spec, lang) if spec is not None else None

    def explain_file(self, code: str, lang: str) -> Optional[str]:
        """A Markdown file of the explain page (the diagnostics' link), written on first use."""
        page = self.explain(code, lang)
        if page is None:
            return None
        folder = self._explain_dir
        if folder is None:
            import tempfile

            from .. import __version__

            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            folder = os.path.join(base, "lintgoals", "explain", __version__)
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError:
                folder = os.path.join(tempfile.gettempdir(), f"lintgoals-explain-{os.getuid() if hasattr(os, 'getuid') else 0}")
                os.makedirs(folder, exist_ok=True)
            self._explain_dir = folder
        target = os.path.join(folder, f"{code}.{lang}.md")
        try:
            with open(target, encoding="utf-8") as fh:
                same = fh.read() == page
        except OSError:
            same = False
        if not same:
            tmp = f"{target}.{os.getpid()}.tmp"
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(page)
            os.replace(tmp, target)
        return target

    def reading(self, res: Result, offset: int) -> Optional[str]:
        """How lintgoals read the indicator value at `offset` (Markdown), or None."""
        doc = res.doc
        if doc is None or not doc.is_table:
            return None
        for row in doc.indicators:
            span = node_span(res, ("indicators", row.index, "value"))
            if span is not None and span[0] <= offset <= span[1]:
                return reading_markdown(doc, row, res.profile.lang)
        return None


def _stamp(path: Optional[str]):
    if path is None:
        return None
    try:
        st = os.stat(path)
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return "missing"


# ------------------------------------------------------------------ ranges


def node_span(res: Result, parts: tuple) -> Optional[Tuple[int, int]]:
    """(start, end) offsets of the node at `parts`, or None if there is none."""
    doc = res.doc
    locator = getattr(doc, "_locator", None)
    if locator is None:
        return None
    if hasattr(locator, "node"):  # YAML: the composed node's marks
        node, found = locator.node(parts)
        if not found:
            return None
        return node.start_mark.index, node.end_mark.index
    offsets = locator._scan()  # JSON: the offsets the locator scanned
    if parts in offsets:
        return offsets[parts], locator._ends.get(parts, offsets[parts])
    return None


def finding_span(res: Result, f: Finding) -> Tuple[int, int]:
    """The offsets a finding covers: its node (a scalar whole, a collection
    whole up to MAX_RANGE_LINES lines, else its first line); where the node
    is not where the finding is (a missing key, a comment, a duplicate key),
    from the finding's place to the end of its line."""
    lines = res.lines
    loc = f.location
    if not loc.line:  # unknown place (a crash, a config error): the first line
        return 0, lines.line_end(0)
    start = lines.offset(loc.line - 1, loc.column - 1 if loc.column else 0)
    span = None
    if res.doc is not None and f.path and res.doc.readable:
        from ..document import pointer_parts

        try:
            span = node_span(res, pointer_parts(f.path))
        except Exception:  # a locator that cannot answer loses only precision
            span = None
    if span is not None and span[0] == start:
        end = _trim(res.text, start, span[1])
        first, last = lines.position(start)[0], lines.position(end)[0]
        if last - first < MAX_RANGE_LINES:
            return start, max(end, start + 1 if start < len(res.text) else start)
    end = _trim(res.text, start, lines.line_end(lines.position(start)[0]))
    if end <= start:  # the place is at the end of its line: mark the word before it
        return max(0, start - 1) if start >= len(res.text) else start, min(len(res.text), start + 1)
    return start, end


def _trim(text: str, start: int, end: int) -> int:
    """`end` moved back over trailing white space and comments of a block node."""
    end = min(end, len(text))
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


# ------------------------------------------------------------------ pages


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def unwrap(text: str) -> str:
    """The explain page's hard-wrapped paragraphs as single lines (Markdown
    would put a space between two Chinese characters); indented examples kept."""
    out: List[str] = []
    for line in text.splitlines():
        prev = out[-1] if out else ""
        joinable = (line.strip() and prev.strip() and not line.startswith((" ", "\t", "-", "*", "#"))
                    and not prev.startswith((" ", "\t")))
        if joinable:
            sep = "" if _CJK.match(prev.rstrip()[-1:]) else " "  # Chinese runs on; after Latin text, a space
            out[-1] = prev.rstrip() + sep + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def explain_markdown(spec, lang: str) -> str:
    """The page `lintgoals explain CODE` prints, as Markdown."""
    sev = say(f"sev.{spec.severity}", lang)
    fix = say("fixable", lang) if spec.fixable else ""
    head = f"### {spec.code} {spec.name} [{sev}]{fix}\n\n"
    body = unwrap(spec.explain(lang))
    if spec.options:
        body += f"\n\n{say('defaults', lang)}:\n\n" + "\n".join(f"    {k}: {v!r}" for k, v in spec.option_defaults().items())
    return head + body + "\n"


def reading_markdown(doc, row, lang: str) -> str:
    from ..values import format_number

    v = row.value
    zh = lang != "en"
    lines = [f"**{say('read_as', lang, name=row.name or '?')}**", ""]
    if v.empty:
        lines.append("- " + say("empty_value", lang))
    elif v.number is None:
        lines.append("- " + say("qualitative", lang, text=v.text))
    else:
        op = v.op or "="
        written = say("op_written", lang, text=v.op_text) if v.op_text and v.op_text != op else \
            ("" if v.op_text else say("op_implicit", lang))
        lines.append(f"- {say('operator', lang)}：{op}{written}" if zh else f"- {say('operator', lang)}: {op}{written}")
        lines.append(f"- {say('number', lang)}：{format_number(v.number)}" if zh else f"- {say('number', lang)}: {format_number(v.number)}")
        unit = v.unit
        if not unit and row.unit:  # the row's unit column (2020/national forms)
            unit = f"{row.unit}（{say('unit_column', lang)}）" if zh else f"{row.unit} ({say('unit_column', lang)})"
        lines.append((f"- {say('unit', lang)}：" if zh else f"- {say('unit', lang)}: ") + (unit or say("no_unit", lang)))
        if v.prefix:
            lines.append((f"- {say('prefix', lang)}：" if zh else f"- {say('prefix', lang)}: ") + v.prefix)
    cat = " / ".join(x for x in (row.level1, row.level2) if x)
    if cat:
        lines.append((f"- {say('category', lang)}：" if zh else f"- {say('category', lang)}: ") + cat)
    reason = doc.template_reason
    if isinstance(reason, dict):
        reason = reason.get(lang) or reason.get("zh", "")
    tmpl = f"{doc.template}" + (f"（{reason}）" if zh and reason else f" ({reason})" if reason else "")
    lines.append((f"- {say('template', lang)}：" if zh else f"- {say('template', lang)}: ") + tmpl)
    return "\n".join(lines) + "\n"


def item_key(f: Finding) -> tuple:
    """What identifies a finding across a request (a diagnostic's `data`)."""
    return (f.code, f.path, f.location.line, f.location.column, f.fingerprint)


def find_item(res: Result, key: Sequence[Any]) -> Optional[Item]:
    key = tuple(key)
    return next((i for i in res.items if item_key(i.finding) == key), None)
