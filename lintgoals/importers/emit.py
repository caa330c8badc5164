"""An imported table as human-friendly format-1 YAML: keys in FORMAT.md
order (the optional keys of national forms included), Chinese as is, values
exactly as written in the form, and a comment naming the source cell of
every indicator row. The file is named after the project."""
from __future__ import annotations

import os
import re
from typing import Any, Dict, Iterable, List

from .. import __version__
from ..fix import render_scalar
from .grid import Table

ORDER = {
    (): ["lintgoals", "template", "kind", "year", "project", "budget", "schedule", "contracts", "goals", "indicators",
         "form"],
    ("project",): ["name", "unit", "department", "nature", "category", "funding_use", "performance_type", "procurement",
                   "start", "end", "overview", "basis", "necessity", "safeguards"],
    ("budget",): ["unit", "total", "current_year", "fiscal", "appropriation", "carryover", "other", "previous",
                  "execution", "items"],
    ("budget", "previous"): ["budget", "executed"],
    ("budget", "execution"): ["planned", "adjusted", "executed", "rate", "weight", "score"],
    ("goals",): ["overall", "midterm", "annual"],
    ("form",): ["layout", "source", "empty_categories"],
}
ROW_ORDER = {"indicators": ["level1", "level2", "name", "value", "unit", "direction", "weight", "explanation",
                            "midterm", "actual", "score", "deviation"],
             "schedule": ["task", "date", "funds_pct"], "items": ["name", "amount"],
             "empty_categories": ["level1", "level2"]}
HEADER = {"zh": "# 由 lintgoals {version} 从 {source} 导入；各值照表格原样保留。",
          "en": "# Imported by lintgoals {version} from {source}; values as written in the form."}
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_NAME = 80  # characters: file systems allow 255 bytes, a Chinese character takes 3


def file_name(table: Table, fallback: str) -> str:
    """`党员远教电教工作经费.yaml`: the project's name, made safe for every file system."""
    project = table.data.get("project") if isinstance(table.data, dict) else None
    name = str(project.get("name") or "").strip() if isinstance(project, dict) else ""
    name = _UNSAFE_NAME.sub("-", " ".join(name.split())).strip(" .-")[:MAX_NAME]
    return (name or fallback) + ".yaml"


def file_names(tables: Iterable[Table], source: str) -> List[str]:
    """One name per table, after its project; a repeated name gets -2, -3 …"""
    stem = os.path.splitext(source)[0]
    tables = list(tables)
    out: List[str] = []
    used = set()
    for i, table in enumerate(tables, 1):
        name = file_name(table, f"{stem}-{i}" if len(tables) > 1 else stem)
        base, n = name[:-5], 2
        while name.lower() in used:
            name, n = f"{base}-{n}.yaml", n + 1
        used.add(name.lower())
        out.append(name)
    return out


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if value is None:
        return '""'
    return render_scalar(str(value), None, "")


def _ordered(d: Dict[str, Any], path: tuple) -> List[str]:
    keys = ORDER.get(path, [])
    return [k for k in keys if k in d] + [k for k in d if k not in keys]


def to_yaml(table: Table, source: str, lang: str = "zh", source_file: str = "") -> str:
    """The YAML text: a header in `lang`, the schema modeline with the real path
    of the installed schema (what `lintgoals schema` prints), then the table.
    `form.source` records the file it came from unless the importer set it."""
    from ..schemas import FORMAT1

    data = table.data
    if source_file and isinstance(data, dict):
        form = data.get("form")
        if isinstance(form, dict):
            form.setdefault("source", source_file)
        elif form is None:
            data["form"] = {"source": source_file}
    lines = [HEADER.get(lang, HEADER["zh"]).format(version=__version__, source=source),
             f"# yaml-language-server: $schema={FORMAT1}"]
    _mapping(table, data, (), 0, lines)
    return "\n".join(lines) + "\n"


def _flow(value: Any, order: List[str] = ()) -> str:
    """A nested value inside a row, in flow style (`{level1: 效益指标, level2: …}`)."""
    if isinstance(value, dict):
        keys = [k for k in order if k in value] + [k for k in value if k not in order]
        return "{" + ", ".join(f"{k}: {_flow(value[k])}" for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def _comment(table: Table, path: tuple) -> str:
    cell = table.cells.get(path)
    return f"  # {cell.label}" if cell is not None else ""


def _mapping(table: Table, d: Dict[str, Any], path: tuple, indent: int, lines: List[str]) -> None:
    pad = "  " * indent
    for key in _ordered(d, path):
        value = d[key]
        here = path + (key,)
        if isinstance(value, (list, dict)) and not value:
            lines.append(f"{pad}{key}: {'[]' if isinstance(value, list) else '{}'}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            _mapping(table, value, here, indent + 1, lines)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}:")
            order = ROW_ORDER.get(key, [])
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    keys = [k for k in order if k in item] + [k for k in item if k not in order]
                    body = ", ".join(f"{k}: {_flow(item[k])}" for k in keys)
                    where = here + (i, "value") if (here + (i, "value")) in table.cells else here + (i,)
                    lines.append(f"{pad}  - {{{body}}}{_comment(table, where)}")
                else:
                    lines.append(f"{pad}  - {_flow(item)}")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}{_comment(table, here)}")
