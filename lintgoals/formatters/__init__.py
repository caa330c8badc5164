"""Report formatters: each a small module with `render(findings, ctx) -> str`.
Imported by name only when used, so `lintgoals check` stays light."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable, Mapping, Optional

from ..check import CheckSpec
from ..messages import render as render_message
from ..model import Finding

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


@dataclass
class ReportContext:
    specs: Mapping[str, CheckSpec]
    lang: str = "zh"
    files: int = 0
    color: bool = False
    version: str = ""

    def message(self, f: Finding) -> str:
        return render_message(f, self.specs.get(f.code), self.lang)


def get(name: str) -> Callable:
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"{__name__}.{name}_format")
    return module.render
