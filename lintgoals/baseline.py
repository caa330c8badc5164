"""Baselines: record today's findings, hide them tomorrow, and say which
entries no longer match so the baseline shrinks as the team fixes things."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Sequence

from .fingerprint import rel_path
from .model import Finding

VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be read (exit 2)."""


def write(path: str, findings: Sequence[Finding], render) -> int:
    entries = [{"fingerprint": f.fingerprint, "code": f.code, "file": rel_path(f.file), "path": f.path,
                "message": render(f)} for f in findings if f.name != "internal-error"]
    entries.sort(key=lambda e: (e["file"], e["code"], e["path"], e["fingerprint"]))
    data = {"version": VERSION, "tool": "lintgoals", "entries": entries}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)
    return len(entries)


@dataclass
class Baseline:
    entries: List[dict] = field(default_factory=list)

    @classmethod
    def read(cls, path: str) -> "Baseline":
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError) as exc:
            from .i18n import t

            if isinstance(exc, OSError):
                error = exc.strerror or str(exc)
            else:  # JSON: where it stops being JSON
                error = t("baseline.not_json", line=getattr(exc, "lineno", "?"))
            raise BaselineError(t("baseline.unreadable", path=path, error=error)) from exc
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            from .i18n import t

            raise BaselineError(t("baseline.not_baseline", path=path))
        return cls([e for e in data["entries"] if isinstance(e, dict) and "fingerprint" in e])

    def __post_init__(self) -> None:
        self._left: Counter = Counter(e["fingerprint"] for e in self.entries)

    def take(self, findings: Iterable[Finding]) -> List[Finding]:
        """The findings the baseline does not record (each entry hides one finding)."""
        kept = []
        for f in findings:
            if f.name != "internal-error" and self._left[f.fingerprint] > 0:
                self._left[f.fingerprint] -= 1
            else:
                kept.append(f)
        return kept

    def stale(self, checked_files: Iterable[str]) -> List[dict]:
        """Entries of the files checked that matched nothing: fixed since."""
        checked = {rel_path(p) for p in checked_files}
        left: Dict[str, int] = dict(self._left)
        out: List[dict] = []
        for e in self.entries:
            if left.get(e["fingerprint"], 0) > 0 and e.get("file") in checked:
                left[e["fingerprint"]] -= 1
                out.append(e)
        return out
