"""A yes/no validator compiled from the format-1 JSON Schema itself.

jsonschema gives the detailed errors LG002 reports, but building them costs
more than parsing the file. Almost every table is valid, so LG002 asks this
compiled predicate first and calls jsonschema only when it says no. It reads
the same schema file, so the schema stays the one definition of the format;
a keyword it does not know makes it step aside (always "maybe invalid").

The schema becomes Python source (as fastjsonschema does): one function per
object or array, the checks of its members inlined, so that validating a
table is a few loops rather than a call per keyword per value.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, List, Optional

Predicate = Callable[[Any], bool]
_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "$comment", "$defs"}
_STRUCTURAL = {"properties", "additionalProperties", "required", "items"}


class Unsupported(Exception):
    pass


def compile_schema(schema: Dict[str, Any]) -> Optional[Predicate]:
    """A predicate, or None when the schema uses a keyword not handled here."""
    try:
        return _Generator(schema).predicate()
    except Unsupported:
        return None


def _enum(x, options) -> bool:
    """JSON equality: true is not 1."""
    return any(x == o and isinstance(x, bool) == isinstance(o, bool) for o in options)


class _Generator:
    def __init__(self, root: Dict[str, Any]) -> None:
        self.root = root
        self.functions: Dict[int, str] = {}  # id(schema node) → function name (nodes live in root)
        self.source: List[str] = []
        self.consts: Dict[str, Any] = {"_enum": _enum}

    def predicate(self) -> Predicate:
        name = self.function(self.root)
        namespace = dict(self.consts)
        exec(compile("\n".join(self.source), "<lintgoals format-1 schema>", "exec"), namespace)  # noqa: S102 - our own source
        return namespace[name]

    def const(self, value: Any) -> str:
        name = f"_c{len(self.consts)}"
        self.consts[name] = value
        return name

    def resolve(self, ref: str) -> Any:
        if not ref.startswith("#/"):
            raise Unsupported(ref)
        target = self.root
        for part in ref[2:].split("/"):
            target = target[part]
        return target

    # ------------------------------------------------------------ expressions
    def expr(self, node: Any, v: str) -> str:
        """A Python expression, true when `v` is valid against `node`."""
        if node is True or node == {}:
            return "True"
        if node is False:
            return "False"
        if not isinstance(node, dict):
            raise Unsupported(repr(node))
        if _STRUCTURAL & node.keys():
            return f"{self.function(node)}({v})"
        return self.simple(node, v)

    def simple(self, node: Dict[str, Any], v: str) -> str:
        parts = []
        for key, value in node.items():
            if key in _ANNOTATIONS or key in _STRUCTURAL:
                continue
            if key == "$ref":
                parts.append(self.expr(self.resolve(value), v))
            elif key == "type":
                parts.append(_type_expr([value] if isinstance(value, str) else list(value), v))
            elif key == "enum":
                parts.append(f"_enum({v}, {self.const(tuple(value))})")
            elif key == "const":
                parts.append(f"_enum({v}, {self.const((value,))})")
            elif key == "pattern":
                parts.append(f"(not isinstance({v}, str) or {self.const(re.compile(value))}.search({v}) is not None)")
            elif key == "minItems":
                parts.append(f"(not isinstance({v}, list) or len({v}) >= {int(value)})")
            elif key == "anyOf":
                parts.append("(" + " or ".join(self.expr(o, v) for o in value) + ")")
            else:
                raise Unsupported(key)
        return "(" + " and ".join(parts) + ")" if parts else "True"

    # ------------------------------------------------------------ functions
    def function(self, node: Dict[str, Any]) -> str:
        """A function validating objects or arrays against `node`; made once per node."""
        if id(node) in self.functions:
            return self.functions[id(node)]
        name = f"_v{len(self.functions)}"
        self.functions[id(node)] = name
        body: List[str] = []
        props = node.get("properties", {})
        closed = node.get("additionalProperties")
        if closed not in (None, False):
            raise Unsupported("additionalProperties")
        if props:
            body.append("if isinstance(x, dict):")
            body.append("    for k, v in x.items():")
            branch = "if"
            for key, sub in props.items():
                body.append(f"        {branch} k == {key!r}:")
                body.append(f"            if not {self.expr(sub, 'v')}:")
                body.append("                return False")
                branch = "elif"
            if closed is False:
                body.append("        else:")
                body.append("            return False")
        elif closed is False:  # no member allowed at all
            body.append("if isinstance(x, dict) and x:")
            body.append("    return False")
        if node.get("required"):
            names = " and ".join(f"{n!r} in x" for n in node["required"])
            body.append(f"if isinstance(x, dict) and not ({names}):")
            body.append("    return False")
        if "items" in node:
            body.append("if isinstance(x, list):")
            body.append("    for v in x:")
            body.append(f"        if not {self.expr(node['items'], 'v')}:")
            body.append("            return False")
        rest = self.simple(node, "x")
        self.source.append(f"def {name}(x):")
        self.source += ["    " + line for line in body]
        self.source.append(f"    return {rest}")
        self.source.append("")
        return name


_PY = {"string": "isinstance({v}, str)", "object": "isinstance({v}, dict)", "array": "isinstance({v}, list)",
       "boolean": "isinstance({v}, bool)", "null": "{v} is None",
       "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
       "integer": "(isinstance({v}, int) and not isinstance({v}, bool))"}


def _type_expr(types, v: str) -> str:
    for t in types:
        if t not in _PY:
            raise Unsupported(t)
    parts = [_PY[t].format(v=v) for t in types]
    if "integer" in types and "number" not in types:  # 1.0 is an integer in JSON Schema
        parts.append(f"(isinstance({v}, float) and {v}.is_integer())")
    return "(" + " or ".join(parts) + ")"
