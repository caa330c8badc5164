"""The `@check(...)` decorator: all of a rule's metadata in one record.

It attaches a `CheckSpec` to the function and registers nothing globally
(the registry discovers decorated functions in modules it is told about).
"""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional

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
    scope: str = "table"   # "table": runs on loaded mappings; "file": runs on every document
    summary: Mapping[str, str] = field(default_factory=dict)

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
        # the first clause of the page: up to a colon or the end of the sentence
        return re.split(r"：|。|: |\. ", paragraph, maxsplit=1)[0].rstrip(".")

    def option_defaults(self) -> Dict[str, Any]:
        return {k: v.get("default") for k, v in self.options.items() if isinstance(v, dict)}


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


def check(*, code: str, name: str, severity: str = "warning", messages: Mapping[str, str],
          options: Optional[Mapping[str, Any]] = None, fixable: bool = False,
          scope: str = "table", summary: Optional[Mapping[str, str]] = None):
    """Mark a generator function `(doc, ctx)` as a lintgoals check.

    `messages` maps a language to a `str.format` template over the keyword
    arguments the check passes to `ctx.finding`. `options` is a cerberus
    schema of the check's options, each with a default.
    """
    if not CODE_RE.match(code or ""):
        raise ValueError(f"check code {code!r} must look like LG101 (2-4 capitals, 3 digits)")
    if not NAME_RE.match(name or ""):
        raise ValueError(f"check name {name!r} must be lower-case words joined by '-'")
    if not isinstance(messages, Mapping) or not messages:
        raise ValueError(f"check {code} needs messages, e.g. {{'zh': ..., 'en': ...}}")
    if scope not in ("table", "file"):
        raise ValueError(f"check {code}: scope must be 'table' or 'file'")
    sev = Severity.parse(severity)

    def decorate(func: Callable) -> Callable:
        func.__lintgoals_check__ = CheckSpec(
            code=code, name=name, severity=sev, messages=dict(messages), func=func,
            options=dict(options or {}), fixable=fixable, scope=scope,
            summary=dict(summary or {}))
        return func

    return decorate
