"""The tool's own configuration: `.lintgoals.yaml` or `[tool.lintgoals]` in
`pyproject.toml`, found upward from the checked paths, validated with
cerberus (unknown keys and bad values are errors that name the key)."""
from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional

import yaml

from .check import CheckSpec

CONFIG_NAMES = (".lintgoals.yaml", ".lintgoals.yml", "pyproject.toml")
SEVERITIES = ["error", "warning", "info"]

_TEMPLATE_SCHEMA = {
    "type": "dict",
    "schema": {
        "level1": {"type": "dict", "valuesrules": {"type": "list", "nullable": True, "schema": {"type": "string"}}},
        "required": {"type": "list", "schema": {"type": "string"}},
        "output": {"type": "string"},
        "output_dimensions": {"type": "list", "schema": {"type": "string"}},
        "cost": {"type": "string"},
        "satisfaction_placement": {"type": "boolean"},
        "no_input_category": {"type": "boolean"},
        "management": {"type": "string"},
        "texts": {"type": "list", "schema": {"type": "string"}},
    },
}

BASE_SCHEMA: Dict[str, Any] = {
    "select": {"type": "list", "schema": {"type": "string"}},
    "ignore": {"type": "list", "schema": {"type": "string"}},
    "extend-select": {"type": "list", "schema": {"type": "string"}},
    "severity": {"type": "dict", "keysrules": {"type": "string", "regex": "[A-Za-z]{2,4}[0-9]{3}"},
                 "valuesrules": {"type": "string", "allowed": SEVERITIES}},
    "per-file-ignores": {"type": "dict", "keysrules": {"type": "string"},
                         "valuesrules": {"type": "list", "schema": {"type": "string"}}},
    "lang": {"type": "string", "allowed": ["zh", "en"]},
    "fail-on": {"type": "string", "allowed": SEVERITIES + ["never"]},
    "templates": {"type": "dict", "keysrules": {"type": "string"}, "valuesrules": _TEMPLATE_SCHEMA},
    # category-name aliases (names.py): {name: means}, or a list of {name, means, under, source}
    "aliases": {"anyof": [
        {"type": "dict", "keysrules": {"type": "string", "empty": False}, "valuesrules": {"type": "string", "empty": False}},
        {"type": "list", "schema": {"type": "dict", "schema": {
            "name": {"type": "string", "required": True, "empty": False},
            "means": {"type": "string", "required": True, "empty": False},
            "under": {"type": "string"}, "source": {"type": "string"}}}}]},
    "rules": {"type": "dict", "keysrules": {"type": "string", "regex": "[A-Za-z]{2,4}[0-9]{3}"},
              "valuesrules": {"type": "dict"}},
    "max-file-size": {"type": "integer", "min": 1},
}


class ConfigError(Exception):
    """A config the tool cannot use (exit 2); the message names the key."""


@dataclass
class Config:
    select: List[str] = field(default_factory=list)
    ignore: List[str] = field(default_factory=list)
    extend_select: List[str] = field(default_factory=list)
    severity: Dict[str, str] = field(default_factory=dict)
    per_file_ignores: Dict[str, List[str]] = field(default_factory=dict)
    lang: Optional[str] = None
    fail_on: Optional[str] = None
    templates: Dict[str, Any] = field(default_factory=dict)
    aliases: Any = None  # category-name aliases added to the built-in ones (names.Aliases.extended)
    options: Dict[str, Any] = field(default_factory=dict)       # global options
    rules: Dict[str, Dict[str, Any]] = field(default_factory=dict)  # per-check options
    max_file_size: Optional[int] = None
    path: Optional[str] = None  # the file it came from

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path)) if self.path else os.getcwd()

    def ignored_for(self, file: str) -> List[str]:
        """Codes/prefixes that `per-file-ignores` turns off for this file."""
        if not self.per_file_ignores:
            return []
        rel = os.path.relpath(os.path.abspath(file), self.root).replace(os.sep, "/")
        out: List[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(file), pattern):
                out += [c.upper() for c in codes]
        return out

    def options_for(self, spec: CheckSpec) -> Dict[str, Any]:
        """Defaults < global option keys < `rules: {CODE: {...}}`."""
        opts = spec.option_defaults()
        for k in opts:
            if k in self.options:
                opts[k] = self.options[k]
        opts.update(self.rules.get(spec.code, {}))
        return opts


def find_config(start: str) -> Optional[str]:
    """The nearest `.lintgoals.yaml` or `pyproject.toml` with [tool.lintgoals], upward."""
    here = os.path.abspath(start)
    if not os.path.isdir(here):
        here = os.path.dirname(here)
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(here, name)
            if os.path.isfile(candidate):
                if name != "pyproject.toml" or _pyproject_section(candidate) is not None:
                    return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _toml():
    try:
        import tomllib  # Python 3.11+
    except ImportError:  # pragma: no cover
        import tomli as tomllib  # type: ignore
    return tomllib


def _pyproject_section(path: str) -> Optional[Dict[str, Any]]:
    try:
        with open(path, "rb") as fh:
            data = _toml().load(fh)
    except Exception as exc:
        raise ConfigError(f"{path}: cannot read TOML: {exc}") from exc
    section = data.get("tool", {}).get("lintgoals")
    return section if isinstance(section, dict) else None


def read_config(path: str) -> Dict[str, Any]:
    if os.path.basename(path) == "pyproject.toml":
        return _pyproject_section(path) or {}
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys, not {type(raw).__name__}")
    return raw


def option_schema(specs: Iterable[CheckSpec]) -> Dict[str, Any]:
    """Every option any check declares, as a global key (first declaration wins)."""
    out: Dict[str, Any] = {}
    for spec in specs:
        for key, rule in spec.options.items():
            out.setdefault(key, _without_default(rule))
    return out


def _without_default(rule: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in rule.items() if k not in ("default", "description")}


def _errors_text(errors: Mapping[str, Any], prefix: str = "") -> List[str]:
    out = []
    for key, errs in errors.items():
        name = f"{prefix}{key}"
        for e in errs:
            if isinstance(e, dict):
                out += _errors_text(e, name + ".")
            else:
                out.append(f"{name}: {e}")
    return out


def validate(raw: Mapping[str, Any], specs: Iterable[CheckSpec], source: str = "config") -> Config:
    import cerberus  # only when there is a config to validate

    specs = list(specs)
    schema = dict(BASE_SCHEMA)
    schema.update(option_schema(specs))
    v = cerberus.Validator(schema, allow_unknown=False)
    if not v.validate(dict(raw)):
        raise ConfigError(f"{source}: " + "; ".join(_errors_text(v.errors)))
    by_code = {s.code: s for s in specs}
    rules: Dict[str, Dict[str, Any]] = {}
    for code, opts in (raw.get("rules") or {}).items():
        spec = by_code.get(code.upper())
        if spec is None:
            raise ConfigError(f"{source}: rules.{code}: unknown rule code")
        rv = cerberus.Validator({k: _without_default(r) for k, r in spec.options.items()}, allow_unknown=False)
        if not rv.validate(dict(opts)):
            raise ConfigError(f"{source}: " + "; ".join(_errors_text(rv.errors, f"rules.{code}.")))
        rules[code.upper()] = dict(opts)
    for code in raw.get("severity") or {}:
        if code.upper() not in by_code:
            raise ConfigError(f"{source}: severity.{code}: unknown rule code")
    option_keys = set(option_schema(specs))
    return Config(
        select=list(raw.get("select") or []), ignore=list(raw.get("ignore") or []),
        extend_select=list(raw.get("extend-select") or []),
        severity={k.upper(): v for k, v in (raw.get("severity") or {}).items()},
        per_file_ignores=dict(raw.get("per-file-ignores") or {}),
        lang=raw.get("lang"), fail_on=raw.get("fail-on"),
        templates=dict(raw.get("templates") or {}),
        aliases=raw.get("aliases") or None,
        options={k: v for k, v in raw.items() if k in option_keys},
        rules=rules, max_file_size=raw.get("max-file-size"),
        path=source if os.path.exists(source) else None,
    )
