"""Rendering a finding's message in the user's language.

A message argument may itself be bilingual ({"zh": ..., "en": ...}), so a
check can pass a reason or an example that reads right in both languages.
"""
from __future__ import annotations

import string
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Optional

from .check import CheckSpec
from .model import Finding

CRASH = {
    "zh": "检查 {code} 自身出错（不是表格的问题）：{error} {where}。其他检查照常运行；请把这条信息报告给该检查的维护者。",
    "en": "check {code} crashed (a bug in the check, not in the table): {error} {where}. The other checks still ran; please report this to the check's maintainer.",
}
UNKNOWN = {"zh": "{code}：{args}", "en": "{code}: {args}"}


MAX_ARG_CHARS = 200
_INVISIBLE = {c: f"⟨U+{c:04X}⟩" for c in [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F,
                                          *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def localize(value: Any, lang: str) -> Any:
    kind = type(value)
    if kind is str:  # the usual argument: first, without the abstract-class checks below
        return shown(value)
    if (kind is dict or isinstance(value, Mapping)) and ("zh" in value or "en" in value):
        value = value.get(lang, value.get("zh", value.get("en")))
    if isinstance(value, Decimal):
        return fmt_amount(value)
    if isinstance(value, str):
        return shown(value)
    return value


def shown(text: str) -> str:
    """A user's text as a message shows it: invisible characters made visible
    (they are ignored for matching, so the user must be able to find them),
    very long text cut."""
    if len(text) > MAX_ARG_CHARS:
        text = text[:MAX_ARG_CHARS] + "……"
    return text.translate(_INVISIBLE)


def fmt_amount(d: Decimal) -> str:
    """1139000 → 1,139,000; 0.5 → 0.5 (numbers as a finance reader writes them)."""
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return f"{d.normalize():,f}"


def render(finding: Finding, spec: Optional[CheckSpec], lang: str = "zh") -> str:
    args = {k: localize(v, lang) for k, v in finding.args.items()}
    if finding.name == "internal-error" or spec is None:
        template = (CRASH if finding.name == "internal-error" else UNKNOWN)[lang if lang in CRASH else "zh"]
        return template.format(code=finding.code, args=dict(args), **{k: v for k, v in args.items() if k != "code"})
    template = spec.messages.get(lang) or spec.messages.get("zh") or next(iter(spec.messages.values()))
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        return f"{template} {args}"  # a plugin's template that does not fit its arguments


def placeholders(template: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
