"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub and others)."""
from __future__ import annotations

from urllib.parse import quote

import json

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(spec, lang):
    page = spec.explain(lang)
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.one_line(lang)},
        "fullDescription": {"text": page.split("\n\n")[0]},
        "help": {"text": page, "markdown": page},
        "defaultConfiguration": {"level": _LEVEL[str(spec.severity)]},
        "properties": {"fixable": spec.fixable},
    }


def _uri(path: str) -> str:
    """A relative URI reference (RFC 3986): ':' '%' '#' '?', spaces, backslashes and
    non-ASCII letters percent-encoded; '/' kept. (A ':' before the first '/'
    would read as a scheme.)"""
    return quote(path, safe="/")


def _related(i, file, where, path, ctx):
    physical = {"artifactLocation": {"uri": ctx.repo_path(file), "uriBaseId": "%SRCROOT%"}}
    if where.line:
        physical["region"] = {"startLine": where.line, "startColumn": max(where.column, 1)}
    out = {"id": i, "physicalLocation": physical}
    if path:
        out["logicalLocations"] = [{"fullyQualifiedName": path, "kind": "member"}]
    if where.cell:
        out["properties"] = {"cell": where.cell}
    return out


def render(findings, ctx) -> str:
    codes = sorted({f.code for f in findings})
    rules = [_rule(ctx.specs[c], ctx.lang) for c in codes if c in ctx.specs]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        physical = {"artifactLocation": {"uri": _uri(ctx.repo_path(f.file)), "uriBaseId": "%SRCROOT%"}}
        if f.line:
            physical["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
        location = {"physicalLocation": physical}
        if f.path:
            location["logicalLocations"] = [{"fullyQualifiedName": f.path, "kind": "member"}]
        result = {"ruleId": f.code, "level": _LEVEL[str(f.severity)], "message": {"text": ctx.message(f)},
                  "locations": [location], "partialFingerprints": {"lintgoals/v1": f.fingerprint or f.code}}
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        if f.location.cell:
            result["properties"] = {"cell": f.location.cell}
        if f.related:  # run checks: last year's row, the other project's goal
            result["relatedLocations"] = [_related(i, file, where, path, ctx)
                                          for i, (file, where, path) in enumerate(f.related)]
        results.append(result)
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "lintgoals", "version": ctx.version, "informationUri": "https://pypi.org/project/lintgoals/",
                            "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
