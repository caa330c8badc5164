"""The values that flow through lintgoals: severities, locations, findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Mapping, Optional


class Severity(IntEnum):
    """Ordered so that `a >= b` reads "a is at least as serious as b"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[str(text).upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (error, warning or info)") from None

    def __str__(self) -> str:  # "error", as users write it
        return self.name.lower()


@dataclass(frozen=True)
class Location:
    line: int = 0  # 1-based; 0 = unknown
    column: int = 0
    cell: Optional[str] = None  # source cell of an imported form, e.g. "D17"


@dataclass(frozen=True)
class Finding:
    """One problem. Carries the message arguments, not rendered text: the
    formatter renders it in the user's language."""

    code: str
    name: str
    severity: Severity
    file: str
    path: str
    location: Location = field(default_factory=Location)
    args: Mapping[str, Any] = field(default_factory=dict)
    fixable: bool = False
    # code + file + path (list items named, not numbered) + the offending value;
    # no line numbers, so moving text does not change it (baselines, SARIF, GitLab)
    fingerprint: str = ""
    # other places the finding refers to (run checks: last year's row), each
    # (file, Location, path); SARIF relatedLocations
    related: tuple = ()

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def column(self) -> int:
        return self.location.column

    def sort_key(self):
        return (self.file, self.location.line, self.location.column, self.code, self.path)
