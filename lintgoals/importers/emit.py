"""An imported table as human-friendly format-1 YAML: keys in FORMAT.md
order, Chinese as is, values exactly as written in the form, and a comment
naming the source cell of every indicator row."""
from __future__ import annotations

from typing import Any, Dict, List

from .. import __version__
from ..fix import render_scalar
from .grid import Table

ORDER = {
    (): ["lintgoals", "template", "year", "project", "budget", "schedule", "contracts", "goals", "indicators"],
    ("project",): ["name", "unit", "department", "nature", "category", "funding_use", "performance_type", "procurement",
                   "start", "end", "overview", "basis", "necessity", "safeguards"],
    ("budget",): ["total", "current_year", "fiscal", "appropriation", "carryover", "other", "previous", "items"],
    ("budget", "previous"): ["budget", "executed"],
    ("goals",): ["overall", "annual"],
}
ROW_ORDER = {"indicators": ["level1", "level2", "name", "value"], "schedule": ["task", "date", "funds_pct"],
             "items": ["name", "amount"]}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value is None:
        return '""'
    return render_scalar(str(value), None, "")


def _ordered(d: Dict[str, Any], path: tuple) -> List[str]:
    keys = ORDER.get(path, [])
    return [k for k in keys if k in d] + [k for k in d if k not in keys]


def to_yaml(table: Table, source: str) -> str:
    lines = [f"# Imported by lintgoals {__version__} from {source}; values as written in the form.",
             "# yaml-language-server: $schema=https://lintgoals.invalid/schemas/format1.schema.json"]
    _mapping(table, table.data, (), 0, lines)
    return "\n".join(lines) + "\n"


def _comment(table: Table, path: tuple) -> str:
    cell = table.cells.get(path)
    return f"  # {cell.label}" if cell is not None else ""


def _mapping(table: Table, d: Dict[str, Any], path: tuple, indent: int, lines: List[str]) -> None:
    pad = "  " * indent
    for key in _ordered(d, path):
        value = d[key]
        here = path + (key,)
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _mapping(table, value, here, indent + 1, lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            order = ROW_ORDER.get(key, [])
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    keys = [k for k in order if k in item] + [k for k in item if k not in order]
                    body = ", ".join(f"{k}: {scalar(item[k])}" for k in keys)
                    where = here + (i, "value") if (here + (i, "value")) in table.cells else here + (i,)
                    lines.append(f"{pad}  - {{{body}}}{_comment(table, where)}")
                else:
                    lines.append(f"{pad}  - {scalar(item)}")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}{_comment(table, here)}")
