"""Report formatters: each a small module with `render(findings, ctx) -> str`.
Imported by name only when used, so `lintgoals check` stays light."""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from typing import Callable, List, Mapping

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
    paths: List[str] = field(default_factory=list)  # every file checked, in order
    state: dict = field(default_factory=dict)       # a streaming formatter's own bookkeeping
    # runner.TableInfo of the tables this chunk's findings come from (streaming: one
    # file's; render: the run's): JSON `tables`, the text report's group headings
    tables: list = field(default_factory=list)
    width: int = 0        # text report columns; 0 = COLUMNS or the terminal's
    verbose: bool = False

    def message(self, f: Finding) -> str:
        return render_message(f, self.specs.get(f.code), self.lang)

    def repo_path(self, file: str) -> str:
        """The file relative to the repository root, forward slashes (CI annotations)."""
        from ..fingerprint import rel_path

        return rel_path(file, repository_root())


def repository_root() -> str:
    """GitHub's or GitLab's checkout, else the nearest folder holding .git, else the current folder."""
    for var in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        if os.environ.get(var):
            return os.environ[var]
    here = os.getcwd()
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return os.getcwd()
        here = parent


def load(name: str):
    """The formatter module: `render(findings, ctx)`, and for streaming formats
    also `start(ctx)`, `chunk(findings, ctx)` and `end(totals, ctx)`."""
    if name not in FORMATS:
        raise ValueError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(f"{__name__}.{name}_format")


def get(name: str) -> Callable:
    return load(name).render
