"""The data-driven case runner, shipped so that plugin authors test their
checks the way the built-ins are tested.

A case file (`tests/cases/LG201.yaml`) holds:

    code: LG201                 # the rule under test
    cases:
      - name: vague 及时
        table:                  # merged over a clean base table ("2026" by default)
          indicators: [...]     # replaces the base rows; `add_indicators:` appends
        options: {LG201: {...}} # per-check options (config `rules:`), optional
        config: {...}           # any other config keys, optional
        expect:                 # compared only on the keys each entry names
          - {code: LG201, path: /indicators/0/value}
      - name: exact lines
        doc: |                  # or the file text itself (YAML or JSON), for lines
          year: 2026
          ...
        expect: [{code: LG201, path: /indicators/0/value, line: 7, column: 12}]

`expect` is compared with the findings of `code` (or of `codes:` when a case
lists several, e.g. to prove a precedence).

A case across tables (run checks: LG6, LG7, a bureau's own) holds several
inputs, each with its `file` and a `table:` (over `base:`) or a `doc:`;
`previous:` inputs are only summarised, as `--previous` does, never reported on:

      - name: target lowered
        tables:
          - {file: 2025/a.yaml, table: {year: 2025}}
          - file: 2026/a.yaml
            table: {indicators: [...]}
        previous: [{file: old/2024.yaml, table: {year: 2024}}]
        expect: [{code: LG601, file: 2026/a.yaml, path: /indicators/1/value}]
"""
from __future__ import annotations

import copy
import os
from functools import lru_cache
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

import yaml

from .config import validate
from .engine import Engine
from .load import load_bytes
from .messages import render
from .model import Finding
from .registry import Registry, load_registry
from .runner import lint_document
from .taxonomy import load_templates

BASES = os.path.join(os.path.dirname(__file__), "data", "bases.yaml")


@lru_cache(maxsize=1)
def _bases() -> Dict[str, Any]:
    with open(BASES, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def base_table(name: str = "2026") -> Dict[str, Any]:
    """A clean table of a template, as data (a fresh copy)."""
    return copy.deepcopy(_bases()[str(name)])


def build_table(table: Optional[Mapping[str, Any]], base: Optional[str] = "2026",
                add_indicators: Sequence[Mapping[str, Any]] = ()) -> Dict[str, Any]:
    """Merge a case's `table` over a base: top-level keys replace, and the
    mappings project/budget/goals merge key by key (a None value deletes)."""
    out = base_table(base) if base else {}
    for key, value in (table or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = dict(out[key])
            for k, v in value.items():
                if v is None:
                    merged.pop(k, None)
                else:
                    merged[k] = v
            out[key] = merged
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    if add_indicators:
        out["indicators"] = list(out.get("indicators") or []) + [dict(r) for r in add_indicators]
    return out


def case_text(case: Mapping[str, Any]) -> str:
    if "doc" in case:
        return case["doc"]
    data = build_table(case.get("table"), case.get("base", "2026"), case.get("add_indicators") or ())
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def run_case(case: Mapping[str, Any], registry: Optional[Registry] = None) -> List[Finding]:
    """All findings of the whole catalogue on one case."""
    registry = registry or _default_registry()
    raw = dict(case.get("config") or {})
    if case.get("options"):
        raw["rules"] = dict(case["options"])
    cfg = validate(raw, list(registry), source="case")
    engine = Engine(list(registry), options_for=cfg.options_for, severity_overrides=cfg.severity,
                    config=cfg, templates=load_templates(cfg.templates, cfg.aliases))
    if "tables" in case:
        return _run_tables(case, engine, cfg)
    text = case_text(case)
    doc = load_bytes(text.encode("utf-8"), display=case.get("file", "case.yaml"),
                     json_mode=case.get("format") == "json")
    return lint_document(engine, cfg, doc)


def _run_tables(case: Mapping[str, Any], engine: Engine, cfg) -> List[Finding]:
    """Several inputs: each linted as the CLI lints a file, then the run checks
    on their summaries; the findings of the checked inputs, in file order."""
    from .run_scope import Entry, Run, run_checks
    from .runner import table_info

    found: List[List[Finding]] = []
    deferred: List[tuple] = []  # per record: the suppressions of run codes (as the CLI carries them)
    entries = []
    inputs = [(t, True) for t in case.get("tables") or []] + [(t, False) for t in case.get("previous") or []]
    for i, (item, checked) in enumerate(inputs):
        text = case_text(item)
        name = item.get("file", f"case{i}.yaml")
        doc = load_bytes(text.encode("utf-8"), display=name, json_mode=str(name).endswith(".json"))
        findings = lint_document(engine, cfg, doc)
        info = table_info(doc, findings, engine)
        summary = info.summary
        record = len(found) if checked else -1
        if checked:
            found.append(findings)
            deferred.append((doc.file, info.suppressions))
        if summary is not None:
            entries.append(Entry(summary.unit_key, summary.project_key, summary.year, summary.goals_hash,
                                 summary, record))
    extra = run_checks(engine, Run(entries, lambda s: s.load()), cfg)
    out: List[Finding] = []
    from .suppress import apply_deferred

    for record, findings in enumerate(found):
        more = extra.get(record, [])
        file, sups = deferred[record]
        if sups:
            more = apply_deferred(more, sups, file, engine.report_codes())
        out += sorted(findings + more, key=Finding.sort_key)
    return out


@lru_cache(maxsize=1)
def _default_registry() -> Registry:
    return load_registry()


def finding_dict(f: Finding, registry: Optional[Registry] = None, lang: str = "zh") -> Dict[str, Any]:
    registry = registry or _default_registry()
    return {"code": f.code, "name": f.name, "severity": str(f.severity), "file": f.file, "path": f.path,
            "line": f.line, "column": f.column, "message": render(f, registry.get(f.code), lang)}


def compare(case: Mapping[str, Any], findings: Iterable[Finding], code: str,
            registry: Optional[Registry] = None) -> Optional[str]:
    """None when the findings match `expect`, else a readable difference."""
    codes = set(case.get("codes") or [code])
    got = [finding_dict(f, registry) for f in findings if f.code in codes]
    expected = list(case.get("expect") or [])
    problems = []
    if len(got) != len(expected):
        problems.append(f"expected {len(expected)} finding(s) of {sorted(codes)}, got {len(got)}")
    else:
        for want, have in zip(sorted(expected, key=_order), sorted(got, key=_order)):
            diff = {k: (v, have.get(k)) for k, v in want.items() if have.get(k) != v and k != "message_contains"}
            if "message_contains" in want and want["message_contains"] not in have["message"]:
                diff["message_contains"] = (want["message_contains"], have["message"])
            if diff:
                problems.append(f"mismatch {diff}")
    if not problems:
        return None
    shown = "\n".join(f"  {g}" for g in got)
    return "; ".join(problems) + f"\nfindings:\n{shown}"


def _order(d: Mapping[str, Any]):
    # an expectation names only some keys: order by the ones a case spells out first
    return (d.get("file", ""), d.get("path", ""), d.get("code", ""), d.get("line", 0))


def load_cases(folder: str) -> List[Dict[str, Any]]:
    """Every case of every `*.yaml` in a folder, with its file's `code`."""
    out = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        for i, case in enumerate(data.get("cases") or []):
            case = dict(case)
            case.setdefault("name", f"case {i}")
            case["_code"] = data["code"]
            case["_file"] = name
            out.append(case)
    return out
