"""The `@check(...)` decorator: all of a rule's metadata in one record.

It attaches a `CheckSpec` to the function and registers nothing globally
(the registry discovers decorated functions in modules it is told about).
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

from .model import Severity

CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class CheckSpec:
    code: str
    name: str
    severity: Severity
    messages: Mapping[str, str]
    func: Callable
    options: Mapping[str, Any] = field(default_factory=dict)  # cerberus schema
    fixable: bool = False
    scope: str = "table"   # "table": runs on loaded mappings; "file": on every document;
    #                        "run": once per run, on the tables' summaries (lintgoals.run_scope)
    summary: Mapping[str, str] = field(default_factory=dict)
    # precedence, applied by the engine after the checks ran on a table:
    # (code, scope) pairs this rule's findings silence — scope "path" is the
    # finding's own path, "row" any path under the same parent (one indicator row)
    silences: Tuple[Tuple[str, str], ...] = ()
    # this rule is silent where a finding of this severity or above is on the same path
    yields_to: Optional[Severity] = None

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def explain(self, lang: str = "zh") -> str:
        """The explain page in one language. A docstring may hold `[zh]` and
        `[en]` sections; without them the whole docstring serves both."""
        pages = split_languages(self.doc)
        return pages.get(lang) or pages.get("zh", "")

    def one_line(self, lang: str = "zh") -> str:
        if lang in self.summary:
            return self.summary[lang]
        head = self.doc.split("[zh]")[0].strip()
        if lang == "zh" and head:  # the docstring's first line is the Chinese summary
            return head.splitlines()[0].strip().rstrip("。")
        paragraph = " ".join(self.explain(lang).strip().split("\n\n")[0].split())
        # the page's whole first sentence (a colon inside it, or inside `code`, does not end it)
        return _first_sentence(paragraph)

    def short_name(self, lang: str = "zh") -> str:
        """The rule's name in a report column: a short Chinese name in a Chinese
        report (`summary={"zh-short": …}` or lintgoals.rulenames), `name` in English."""
        from .rulenames import short_name

        return short_name(self, lang)

    def option_defaults(self) -> Dict[str, Any]:
        return {k: v.get("default") for k, v in self.options.items() if isinstance(v, dict)}


def _first_sentence(text: str) -> str:
    quoted = False
    for i, c in enumerate(text):
        if c == "`":
            quoted = not quoted
        elif not quoted and (c == "。" or (c == "." and (i + 1 == len(text) or text[i + 1] == " "))):
            return text[:i].strip()
    return text.strip().rstrip(".")


def split_languages(doc: str) -> Dict[str, str]:
    parts: Dict[str, list] = {}
    current = None
    for line in doc.splitlines():
        m = re.match(r"^\[(zh|en)\]\s*$", line.strip())
        if m:
            current = m.group(1)
            parts[current] = []
        elif current is not None:
            parts[current].append(line)
    if not parts:
        return {"zh": doc, "en": doc}
    return {k: "\n".join(v).strip() for k, v in parts.items()}


SCOPES = ("path", "row")


def ladder(*codes: str) -> Dict[str, Tuple[str, ...]]:
    """A precedence ladder declared once: each code silences every code after
    it on the same path (`ladder("LG210", "LG202")["LG210"] == ("LG202",)`)."""
    return {c: codes[i + 1:] for i, c in enumerate(codes)}


def _silences(code: str, given: Union[None, Sequence[str], Mapping[str, str]]) -> Tuple[Tuple[str, str], ...]:
    """`("LG203", "LG206")` (same path) or `{"LG206": "path", "LG214": "row"}`."""
    if not given:
        return ()
    pairs: Iterable = given.items() if isinstance(given, Mapping) else ((c, "path") for c in given)
    out = []
    for c, scope in pairs:
        if not isinstance(c, str) or not CODE_RE.match(c) or scope not in SCOPES:
            raise ValueError(f"check {code}: silences takes codes (LG203) with scope 'path' or 'row', not {c!r}: {scope!r}")
        out.append((c, scope))
    return tuple(out)


def check(*, code: str, name: str, severity: str = "warning", messages: Mapping[str, str],
          options: Optional[Mapping[str, Any]] = None, fixable: bool = False,
          scope: str = "table", summary: Optional[Mapping[str, str]] = None,
          silences: Union[None, Sequence[str], Mapping[str, str]] = None,
          yields_to: Optional[str] = None):
    """Mark a generator function `(doc, ctx)` as a lintgoals check
    (`scope="run"`: `(run, ctx)`, once per run over every table's summary;
    see lintgoals.run_scope).

    `messages` maps a language to a `str.format` template over the keyword
    arguments the check passes to `ctx.finding`. `options` is a cerberus
    schema of the check's options, each with a default.

    Precedence is metadata, applied by the engine (a rule never reads another
    rule's options or calls its code to stay quiet): `silences` names the
    codes a finding of this rule drops on the same path (or, scope "row", on
    the same indicator row); `yields_to="warning"` makes this rule silent
    where any finding of that severity or above is on the same path.
    """
    if not CODE_RE.match(code or ""):
        raise ValueError(f"check code {code!r} must look like LG101 (2-4 capitals, 3 digits)")
    if not NAME_RE.match(name or ""):
        raise ValueError(f"check name {name!r} must be lower-case words joined by '-'")
    if not isinstance(messages, Mapping) or not messages:
        raise ValueError(f"check {code} needs messages, e.g. {{'zh': ..., 'en': ...}}")
    if scope not in ("table", "file", "run"):
        raise ValueError(f"check {code}: scope must be 'table', 'file' or 'run'")
    sev = Severity.parse(severity)

    def decorate(func: Callable) -> Callable:
        func.__lintgoals_check__ = CheckSpec(
            code=code, name=name, severity=sev, messages=dict(messages), func=func,
            options=dict(options or {}), fixable=fixable, scope=scope,
            summary=dict(summary or {}), silences=_silences(code, silences),
            yields_to=Severity.parse(yields_to) if yields_to else None)
        return func

    return decorate
