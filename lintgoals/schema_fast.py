"""A yes/no validator compiled from the format-1 JSON Schema itself.

jsonschema gives the detailed errors LG002 reports, but building them costs
more than parsing the file. Almost every table is valid, so LG002 asks this
compiled predicate first and calls jsonschema only when it says no. It reads
the same schema file, so the schema stays the one definition of the format;
a keyword it does not know makes it step aside (always "maybe invalid").
"""
from __future__ import annotations

import re
from typing import Any, Callable, Dict, Optional

Predicate = Callable[[Any], bool]
_ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "examples", "$comment"}


class Unsupported(Exception):
    pass


def compile_schema(schema: Dict[str, Any]) -> Optional[Predicate]:
    """A predicate, or None when the schema uses a keyword not handled here."""
    try:
        return _compile(schema, schema)
    except Unsupported:
        return None


def _compile(node: Any, root: Dict[str, Any]) -> Predicate:
    if node is True or node == {}:
        return lambda x: True
    if node is False:
        return lambda x: False
    checks = []
    if "properties" in node and node.get("additionalProperties") is False and node.get("type") == "object":
        # the common shape, checked in one pass over the object's keys
        props = {k: _compile(v, root) for k, v in node["properties"].items()}
        required = tuple(node.get("required", ()))

        def closed_object(x, props=props, required=required):
            if not isinstance(x, dict):
                return False
            for k, v in x.items():
                p = props.get(k)
                if p is None or not p(v):
                    return False
            for k in required:
                if k not in x:
                    return False
            return True

        checks.append(closed_object)
        node = {k: v for k, v in node.items() if k not in ("properties", "additionalProperties", "type", "required")}
    for key, value in node.items():
        if key in _ANNOTATIONS or key == "$defs":
            continue
        if key == "$ref":
            if not value.startswith("#/"):
                raise Unsupported(value)
            target = root
            for part in value[2:].split("/"):
                target = target[part]
            checks.append(_compile(target, root))
        elif key == "type":
            checks.append(_type_check([value] if isinstance(value, str) else list(value)))
        elif key == "enum":
            options = list(value)  # JSON equality: true is not 1
            checks.append(lambda x, options=options: any(x == o and isinstance(x, bool) == isinstance(o, bool)
                                                         for o in options))
        elif key == "const":
            checks.append(lambda x, v=value: x == v)
        elif key == "pattern":
            rx = re.compile(value)
            checks.append(lambda x, rx=rx: not isinstance(x, str) or rx.search(x) is not None)
        elif key == "minItems":
            checks.append(lambda x, n=value: not isinstance(x, list) or len(x) >= n)
        elif key == "required":
            names = list(value)
            checks.append(lambda x, names=names: not isinstance(x, dict) or all(n in x for n in names))
        elif key == "properties":
            props = {k: _compile(v, root) for k, v in value.items()}
            def properties(x, props=props):
                if isinstance(x, dict):
                    for k, v in x.items():
                        p = props.get(k)
                        if p is not None and not p(v):
                            return False
                return True

            checks.append(properties)
        elif key == "additionalProperties":
            if value is not False:
                raise Unsupported(key)
            allowed = set(node.get("properties", {}))
            checks.append(lambda x, allowed=allowed: not isinstance(x, dict) or all(k in allowed for k in x))
        elif key == "items":
            item = _compile(value, root)
            def items(x, item=item):
                if isinstance(x, list):
                    for v in x:
                        if not item(v):
                            return False
                return True

            checks.append(items)
        elif key == "anyOf":
            options = [_compile(v, root) for v in value]
            checks.append(lambda x, options=options: any(o(x) for o in options))
        else:
            raise Unsupported(key)
    if len(checks) == 1:
        return checks[0]

    def every(x, checks=tuple(checks)):
        for c in checks:
            if not c(x):
                return False
        return True

    return every


_PY = {"string": (str,), "object": (dict,), "array": (list,), "boolean": (bool,), "null": (type(None),),
       "number": (int, float), "integer": (int,)}


def _type_check(types) -> Predicate:
    for t in types:
        if t not in _PY:
            raise Unsupported(t)
    py = tuple({c for t in types for c in _PY[t]})
    allow_bool = "boolean" in types
    integral_floats = "integer" in types and "number" not in types

    def check(x):
        if isinstance(x, bool):
            return allow_bool
        if isinstance(x, py):
            return True
        return integral_floats and isinstance(x, float) and x.is_integer()

    return check
