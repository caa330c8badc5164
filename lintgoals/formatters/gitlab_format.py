"""`--format gitlab`: a GitLab Code Quality report (JSON array)."""
from __future__ import annotations

import hashlib
import json
from collections import Counter

_SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


def render(findings, ctx) -> str:
    seen: Counter = Counter()
    out = []
    for f in findings:
        base = f.fingerprint or f"{f.code}:{f.file}:{f.path}:{f.line}"
        seen[base] += 1  # the same problem twice in a file still needs two fingerprints
        fp = hashlib.md5(f"{base}:{seen[base]}".encode("utf-8")).hexdigest()
        out.append({
            "description": f"{f.code} {ctx.message(f)}",
            "check_name": f"{f.code} {f.name}",
            "fingerprint": fp,
            "severity": "critical" if f.name == "internal-error" else _SEVERITY[str(f.severity)],
            "location": {"path": ctx.repo_path(f.file), "lines": {"begin": max(f.line, 1)}},
        })
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
