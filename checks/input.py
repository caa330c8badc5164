"""LG0 — input: files that cannot be read, documents that do not fit format 1,
amounts, dates and percentages that cannot be read."""
from __future__ import annotations

import difflib
from functools import lru_cache

from lintgoals import check
from lintgoals.document import pointer
from lintgoals.values import fold

# Why a file could not be read, by LoadProblem.kind.
_LOAD_REASONS = {
    "yaml-syntax": {"zh": "{problem}", "en": "{problem}"},  # explained by lintgoals.yaml_errors
    "json-syntax": {"zh": "JSON 语法错误：{problem}", "en": "JSON syntax error: {problem}"},
    "encoding": {"zh": "不是 UTF-8 编码（看起来是 {encoding}）。请另存为 UTF-8，例如：iconv -f {iconv} -t UTF-8 原文件 > 新文件，或在编辑器中“另存为 UTF-8”",
                 "en": "not UTF-8 (it looks like {encoding}). Save it as UTF-8, e.g. iconv -f {iconv} -t UTF-8 in > out, or 'save as UTF-8' in the editor"},
    "not-regular": {"zh": "不是普通文件（设备、管道或套接字），不予读取", "en": "not a regular file (a device, pipe or socket); not read"},
    "binary": {"zh": "这是二进制文件，不是 YAML/JSON 文本的目标表", "en": "a binary file, not a YAML/JSON target table"},
    "empty": {"zh": "文件为空：应为一张目标表（year、project、indicators……）",
              "en": "the file is empty: expected a target table (year, project, indicators, ...)"},
    "too-large": {"zh": "文件有 {size} 字节，超过上限 {limit} 字节（配置项 max-file-size）",
                  "en": "the file has {size} bytes, over the limit of {limit} (config key max-file-size)"},
    "too-many-rows": {"zh": "表中有 {rows} 行绩效指标，超过上限 {limit} 行（一张目标表通常只有几十行）：请检查是否把多张表或整本预算放进了一个文件；确需检查的，请在配置中调高 max-indicators",
                      "en": "the table has {rows} indicator rows, over the limit of {limit} (a target table has tens): check whether several tables or a whole budget went into one file; if it is one table, raise max-indicators in the config"},
    "too-deep": {"zh": "嵌套超过 {limit} 层（一张目标表只有四五层）：括号或缩进有误，或者这不是目标表",
                 "en": "nested deeper than {limit} levels (a target table has four or five): brackets or indentation are wrong, or this is not a target table"},
    "long-number": {"zh": "这里的数字有 {digits} 位，超过可读取的上限 {limit} 位：金额、年份和指标值请写实际的数字",
                    "en": "this number has {digits} digits, over the limit of {limit} that can be read: write the real amount, year or value"},
    "lone-surrogate": {"zh": "字符串里有无效的 Unicode 转义 {escape}（单独的代理码，不代表任何字符）：请删除它或写出实际的字",
                       "en": "a string holds the invalid Unicode escape {escape} (a lone surrogate, no character): delete it or write the real character"},
    "too-many-nodes": {"zh": "展开别名后超过 {limit} 个节点（可能是别名炸弹），不予读取",
                       "en": "more than {limit} nodes once aliases are expanded (an alias bomb?); not read"},
    "unsafe-tag": {"zh": "不支持的 YAML 标签 {tag}（不会被执行）：请删除该标签，只写普通值",
                   "en": "unsupported YAML tag {tag} (never executed): remove the tag and write a plain value"},
    "is-directory": {"zh": "这是一个文件夹，不是文件", "en": "this is a folder, not a file"},
    "not-found": {"zh": "文件不存在（或在运行中被删除）", "en": "the file does not exist (or vanished during the run)"},
    "os-error": {"zh": "无法打开：{error}", "en": "cannot open: {error}"},
}


def _reason(kind, args):
    if kind.startswith("form-") and kind not in _LOAD_REASONS:
        # a form reader's own reason, worded once in lintgoals.importers (imported only when a form failed)
        from lintgoals.importers import form_reason

        plain = {k: (v.get("zh") if isinstance(v, dict) else v) for k, v in args.items()}
        return {lang: form_reason(kind[5:], plain if lang == "zh" else
                                  {k: (v.get("en", v.get("zh")) if isinstance(v, dict) else v) for k, v in args.items()},
                                  lang).strip() for lang in ("zh", "en")}
    texts = _LOAD_REASONS.get(kind) or {"zh": kind, "en": kind}
    out = {}
    for lang in ("zh", "en"):
        a = {k: (v.get(lang, v.get("zh")) if isinstance(v, dict) else v) for k, v in args.items()}
        try:
            out[lang] = texts[lang].format(**a).strip()
        except (KeyError, IndexError):
            out[lang] = texts[lang]
    return out


@check(code="LG001", name="unreadable-file", severity="error", scope="file",
       messages={"zh": "无法读取：{reason}", "en": "cannot read: {reason}"})
def unreadable_file(doc, ctx):
    """文件无法读取、解码或解析。

    [zh]
    文件无法读取、解码或解析：YAML/JSON 语法错误（给出行列）、非 UTF-8 编码、空文件、
    二进制文件、不支持的标签、超过大小上限、导入器读不懂的表格。

    为什么：读不了的表格无法审核，也会让后面的检查全部落空；把它当作发现报告，而不是让工具崩溃。

    反例（制表符缩进）：

        project:
        <TAB>name: 党员远教电教工作经费

    正例：

        project:
          name: 党员远教电教工作经费

    选项：无（文件大小上限见配置项 max-file-size）。

    [en]
    The file cannot be read, decoded or parsed: a YAML/JSON syntax error (with line and
    column), bytes that are not UTF-8, an empty or binary file, an unsupported tag, a file
    over the size limit, a form the importer cannot read.

    Why: a table that cannot be read cannot be reviewed, and every other check would be
    silent on it; it is reported as a finding instead of crashing the tool.

    Bad (tab indentation):

        project:
        <TAB>name: 党员远教电教工作经费

    Good:

        project:
          name: 党员远教电教工作经费

    Options: none (the size limit is the config key max-file-size).
    """
    for p in doc.problems:
        extra = {"parser": p.args["parser"]} if "parser" in p.args else {}  # the parser's words, for --verbose
        yield ctx.finding("", location=p.location, reason=_reason(p.kind, p.args), **extra)


@lru_cache(maxsize=1)
def _schema():
    import json

    from lintgoals.schema_fast import compile_schema
    from lintgoals.schemas import FORMAT1

    with open(FORMAT1, encoding="utf-8") as fh:
        schema = json.load(fh)
    return schema, compile_schema(schema)


@lru_cache(maxsize=1)
def _detailed():
    """jsonschema, imported only for a document that is not valid (it is slow to import)."""
    import jsonschema

    schema, _ = _schema()
    return jsonschema.validators.validator_for(schema)(schema)


# Above this many rows, the rows are validated one by one and jsonschema sees
# only those the compiled predicate rejects: jsonschema costs ~300 µs a row,
# so a 100,000-row table with one missing key took 35 s (issue 16).
ROWWISE_ROWS = 50


def _errors(data, rowwise_rows: int = ROWWISE_ROWS):
    """jsonschema's errors for an invalid document (none for a valid one)."""
    schema, valid = _schema()
    if valid is not None and valid(data):
        return ()
    rows = data.get("indicators") if isinstance(data, dict) else None
    row_valid = _row_predicate()
    if not isinstance(rows, list) or len(rows) <= rowwise_rows or row_valid is None:
        return list(_detailed().iter_errors(data))
    validator, items = _detailed(), schema["properties"]["indicators"]["items"]
    head = dict(data)
    head["indicators"] = []  # the document without its rows (minItems holds: there are rows)
    out = [e for e in validator.iter_errors(head) if tuple(e.absolute_path) != ("indicators",)]
    for i, row in enumerate(rows):
        if not row_valid(row):
            for e in validator.descend(row, items, path=i):
                e.path.appendleft("indicators")
                out.append(e)
    return out


@lru_cache(maxsize=1)
def _row_predicate():
    """The compiled predicate of one indicator row (the schema's items, with its $defs)."""
    from lintgoals.schema_fast import compile_schema

    schema, _ = _schema()
    return compile_schema(dict(schema["properties"]["indicators"]["items"], **{"$defs": schema.get("$defs", {})}))


_TYPES = {"string": ("文本", "text"), "number": ("数字", "a number"), "integer": ("整数", "an integer"),
          "object": ("键值映射", "a mapping"), "array": ("列表", "a list"), "boolean": ("是/否 (true/false)", "true/false"),
          "null": ("空", "empty")}


def _type_name(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _expected(types):
    types = [t for t in ([types] if isinstance(types, str) else list(types)) if t != "null"]
    return {"zh": "或".join(_TYPES.get(t, (t, t))[0] for t in types),
            "en": " or ".join(_TYPES.get(t, (t, t))[1] for t in types)}


def _describe(error):
    """jsonschema error → (path parts, bilingual reason)."""
    path = tuple(error.absolute_path)
    v = error.validator
    if v == "required":
        key = error.message.split("'")[1] if "'" in error.message else error.message
        return path, {"zh": f"缺少必填键“{key}”", "en": f"required key '{key}' is missing"}
    if v == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else []
        out = []
        for n, key in enumerate(extras):
            # did-you-mean for the keys that are reported (a typo is one key, not thousands)
            close = difflib.get_close_matches(key, allowed, n=1) if n < MAX_SHAPE_FINDINGS else []
            hint_zh = f"，是否想写“{close[0]}”？" if close else f"；可用的键：{', '.join(allowed)}"
            hint_en = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(allowed)}"
            out.append((path + (key,), {"zh": f"未知的键“{key}”{hint_zh}", "en": f"unknown key '{key}'{hint_en}"}))
        return out
    if v == "type":
        exp = _expected(error.validator_value)
        got = _type_name(error.instance)
        shown = repr(error.instance)[:40]
        return path, {"zh": f"应为{exp['zh']}，实际是{_TYPES.get(got, (got,))[0]} {shown}",
                      "en": f"expected {exp['en']}, found {_TYPES.get(got, (got, got))[1]} {shown}"}
    if v == "minItems":
        return path, {"zh": "至少需要一行", "en": "needs at least one row"}
    if v in ("enum", "const"):
        return path, {"zh": f"值 {error.instance!r} 不在允许的取值 {error.validator_value} 之中",
                      "en": f"{error.instance!r} is not one of {error.validator_value}"}
    if v in ("anyOf", "oneOf", "pattern"):
        if path == ("year",):
            return path, {"zh": f"年度应为四位数字，如 2026，实际是 {error.instance!r}",
                          "en": f"year should be four digits such as 2026, found {error.instance!r}"}
    return path, {"zh": error.message, "en": error.message}


@check(code="LG002", name="schema-violation", severity="error", scope="file",
       messages={"zh": "不符合格式 1：{reason}", "en": "does not fit format 1: {reason}"})
def schema_violation(doc, ctx):
    """文档不符合格式 1：缺少必填键、类型错误、未知键、重复键。

    [zh]
    文档不符合目标表文件格式 1：缺少必填键（year、project.name、indicators 及每行的
    name、value）、类型错误、未知的键（常见于拼写错误）、同一映射里重复的键、未知的模板。
    每处违规一条发现，指向出错的位置。

    为什么：格式是表格库与工具之间的约定；拼错的键会让相应的检查悄悄失效。

    反例：

        year: 2026
        project: {nmae: 党员远教电教工作经费}

    正例：

        year: 2026
        project: {name: 党员远教电教工作经费}

    选项：无。编辑器可用 `# yaml-language-server: $schema=` 指向 `lintgoals schema` 给出的路径。

    [en]
    The document does not fit format 1 of the target-table file: a required key missing (year,
    project.name, indicators, and name and value in each row), a wrong type, an unknown key
    (usually a typo), a key repeated in one mapping, an unknown template. One finding per
    violation, at the offending path.

    Why: the format is the contract between the forms repository and the tool; a misspelt
    key silently turns the checks that read it off.

    Bad:

        year: 2026
        project: {nmae: 党员远教电教工作经费}

    Good:

        year: 2026
        project: {name: 党员远教电教工作经费}

    Options: none. Editors can use `# yaml-language-server: $schema=` with the path
    that `lintgoals schema` prints.
    """
    if not doc.readable:
        return
    # a file with 100,000 unknown or repeated keys is one problem, not 100,000 lines of report
    shown = 0
    for path, loc, reason in _violations(doc, ctx):
        shown += 1
        if shown <= MAX_SHAPE_FINDINGS:  # only these are located and made findings
            yield ctx.finding(path, location=loc, reason=reason)
    if shown > MAX_SHAPE_FINDINGS:
        more = shown - MAX_SHAPE_FINDINGS
        yield ctx.finding("", reason={
            "zh": f"还有 {more} 处格式问题未列出（共 {shown} 处）：请先改正已列出的 {MAX_SHAPE_FINDINGS} 处，或检查文件是否确实是一张目标表",
            "en": f"{more} more format problems not listed ({shown} in all): fix the {MAX_SHAPE_FINDINGS} listed first, or check that the file really is a target table"})


MAX_SHAPE_FINDINGS = 200


def _violations(doc, ctx):
    for path, loc, first_line in doc.duplicates:
        key = path[-1]
        yield pointer(path), loc, ({
            "zh": f"键“{key}”重复（第 {first_line} 行已出现），后一个会覆盖前一个：请合并或删除一处",
            "en": f"key '{key}' repeats (first on line {first_line}); the later one overrides it: merge or remove one"})
    # the compiled yes/no first: jsonschema's detailed errors only for documents that need them
    errors = _errors(doc.data)
    for error in sorted(errors, key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path]):
        described = _describe(error)
        for path, reason in (described if isinstance(described, list) else [described]):
            yield pointer(path), None, reason
    if isinstance(doc.data, dict) and "template" in doc.data and ctx.templates:
        t = doc.template
        if t not in ctx.templates:
            known = "、".join(sorted(ctx.templates))
            yield "/template", None, ({
                "zh": f"未知的模板“{t}”（已知：{known}；配置的 templates 可以添加）",
                "en": f"unknown template '{t}' (known: {', '.join(sorted(ctx.templates))}; a config's templates can add one)"})


_FIELD_LABELS = {
    "total": ("项目总预算", "project total"), "current_year": ("当年预算", "current-year budget"),
    "fiscal": ("财政资金", "fiscal funds"), "appropriation": ("当年财政拨款", "appropriation"),
    "carryover": ("上年结转资金", "carry-over"), "other": ("其他资金", "other funds"),
    "start": ("计划开始日期", "planned start"), "end": ("计划完成日期", "planned end"),
}
_KINDS = {
    "amount": {"zh": "金额", "en": "an amount",
               "ex_zh": "以元为单位的数字，如 1139000 或 \"1,139,000.00\"", "ex_en": "a figure in 元 such as 1139000 or \"1,139,000.00\""},
    "date": {"zh": "日期", "en": "a date",
             "ex_zh": "具体日期，如 2026-01-01、2026/1/1 或 2026年1月1日", "ex_en": "a calendar date such as 2026-01-01, 2026/1/1 or 2026年1月1日"},
    "pct": {"zh": "百分比", "en": "a percentage",
            "ex_zh": "0 到 100 的数字，如 30 或 \"30%\"", "ex_en": "a number from 0 to 100 such as 30 or \"30%\""},
}


def _unreadable(doc):
    """(path, field label zh/en, raw text, kind, hint) for every value that cannot be read."""
    b = doc.budget_data
    for key, parsed in doc.amounts.items():
        if not parsed.ok:
            zh, en = _FIELD_LABELS[key]
            yield f"/budget/{key}", zh, en, b.get(key), "amount", parsed.hint
    prev = b.get("previous") if isinstance(b.get("previous"), dict) else {}
    for key, parsed in doc.previous.items():
        if not parsed.ok:
            label = ("上年预算额", "previous budget") if key == "budget" else ("上年预算执行数", "previous executed")
            yield f"/budget/previous/{key}", label[0], label[1], prev.get(key), "amount", parsed.hint
    for it in doc.items:
        if not it.amount.ok:
            yield (f"/budget/items/{it.index}/amount", f"子项目“{it.name}”的金额", f"amount of sub-item '{it.name}'",
                   b["items"][it.index].get("amount"), "amount", it.amount.hint)
    for key in ("start", "end"):
        parsed = getattr(doc, key)
        if not parsed.ok:
            zh, en = _FIELD_LABELS[key]
            yield f"/project/{key}", zh, en, doc.project.get(key), "date", ""
    raw_schedule = doc.root.get("schedule")
    for m in doc.schedule:
        raw = raw_schedule[m.index]
        if not m.date.ok:
            yield f"/schedule/{m.index}/date", f"实施计划“{m.task}”的日期", f"date of milestone '{m.task}'", raw.get("date"), "date", ""
        if not m.funds_pct.ok:
            yield (f"/schedule/{m.index}/funds_pct", f"实施计划“{m.task}”的资金使用比例", f"fund use of milestone '{m.task}'",
                   raw.get("funds_pct"), "pct", "")
    raw_contracts = doc.root.get("contracts")
    for c in doc.contracts:
        if c.signed.ok and c.service_start.ok and c.service_end.ok and c.amount.ok:
            continue
        raw = raw_contracts[c.index]
        for key, (zh, en) in _CONTRACT_LABELS.items():
            if not getattr(c, key).ok:
                yield (f"/contracts/{c.index}/{key}", f"合同“{c.label}”的{zh}", f"{en} of contract '{c.label}'",
                       raw.get(key), "amount" if key == "amount" else "date", getattr(c, key).hint)


_CONTRACT_LABELS = {"signed": ("签订日期", "signing date"), "service_start": ("服务开始日期", "service start"),
                    "service_end": ("服务结束日期", "service end"), "amount": ("金额", "amount")}


@check(code="LG003", name="unreadable-value", severity="error",
       messages={"zh": "{field}“{text}”无法读取为{kind}：请写{example}",
                 "en": "{field} '{text}' cannot be read as {kind}: write {example}"})
def unreadable_value(doc, ctx):
    """金额、日期或百分比无法读取（约100万、2018年底、三成）。

    [zh]
    金额、日期或资金使用百分比写成了无法计算的文字，如“约100万”“2018年底”“三成”。

    为什么：预算合计（LG301/LG302）、合同与实施计划的时间先后（LG403/LG408）都要用这些数；
    读不出来，这些检查就无法进行，审核人员也无法核对。金额按表上的金额单位写数字（未注明单位时为元）。

    反例：

        budget: {current_year: 约100万}
        project: {start: 2018年底}

    正例：

        budget: {current_year: 1000000}
        project: {start: 2018-12-01}

    选项：无。

    [en]
    An amount, date or fund-use percentage written as words that cannot be computed with:
    `约100万`, `2018年底`, `三成`.

    Why: the budget sums (LG301/LG302) and the order of contracts and milestones
    (LG403/LG408) need these figures; a reviewer cannot check them either. Amounts are figures in
    the table's money unit (元 when it names none).

    Bad:

        budget: {current_year: 约100万}
        project: {start: 2018年底}

    Good:

        budget: {current_year: 1000000}
        project: {start: 2018-12-01}

    Options: none.
    """
    unit = doc.money_unit  # a 万元 table is told to write 万元 figures, not 元
    for path, zh, en, raw, kind, hint in _unreadable(doc):
        k = _KINDS[kind]
        ex_zh, ex_en = k["ex_zh"], k["ex_en"]
        if kind == "amount" and unit == "万元":
            ex_zh, ex_en = "以万元为单位的数字，如 113.9 或 \"113.90\"", "a figure in 万元 such as 113.9 or \"113.90\""
        if hint:
            ex_zh, ex_en = f"以元为单位的数字：{hint}", f"the figure in 元: {hint}"  # only 元 tables get a hint
        yield ctx.finding(path, field={"zh": zh, "en": en}, text=fold(str(raw)),
                          kind={"zh": k["zh"], "en": k["en"]}, example={"zh": ex_zh, "en": ex_en})
