"""LG5 — text: narratives the form asks for, markup left over from the
budget system's export, sentences pasted twice."""
from __future__ import annotations

import html
import re

from lintgoals import check
from lintgoals.values import fold

from ._common import is_placeholder

TEXT_PLACEHOLDERS = ["无", "略", "待定", "待填写", "请填写", "XX", "xxx", "*", "/", "同上"]
_LABELS = {
    "project.overview": ("项目概况", "project overview"), "project.basis": ("立项依据", "basis"),
    "project.necessity": ("项目设立的必要性", "necessity"), "project.safeguards": ("保证项目实施的制度、措施", "safeguards"),
    "goals.overall": ("项目总目标", "overall goal"), "goals.annual": ("年度绩效目标", "annual goal"),
}
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
_ENTITY = re.compile(r"&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
_CHECKBOX = re.compile(r"[☐☑☒□■]")
_MAYBE_MARKUP = "<&\\☐☑☒□■"  # one substring search each: faster over a whole file than a class pattern


def _get(doc, dotted):
    obj = doc.root
    for part in dotted.split("."):
        obj = obj.get(part) if isinstance(obj, dict) else None
    return obj


@check(code="LG501", name="missing-text", severity="warning",
       messages={"zh": "{template} 模板要求填写“{label}”，但它{state}：请写明{label}",
                 "en": "the {template} template asks for the {label}, but it is {state}: write it"},
       options={"text_placeholders": {"type": "list", "schema": {"type": "string"}, "default": TEXT_PLACEHOLDERS}})
def missing_text(doc, ctx):
    """模板要求的文字说明缺失、为空或是占位符。

    [zh]
    模板要求的文字说明缺失、为空或是占位符（无 略 待定 待填写 请填写 XX xxx * / 同上）：
    2026 — 年度总体目标 goals.annual；2020 — 项目概况、立项依据、项目设立的必要性、
    保证项目实施的制度措施、总目标（goals.overall）；2018 — 以上四项及项目总目标、
    年度绩效目标。

    为什么：财预〔2015〕88号 审核看完整性；没有目标和依据，指标就无从判断相关性。

    反例（2026）：

        goals: {annual: 无}

    正例：

        goals: {annual: 打造与城市基层党建相匹配的党群服务阵地体系。}

    选项：text_placeholders（占位符词表）；模板的 texts 列出要求的字段。

    [en]
    A narrative the template asks for is absent, empty or a placeholder (无 略 待定 待填写
    请填写 XX xxx * / 同上): 2026 — goals.annual; 2020 — project.overview, project.basis,
    project.necessity, project.safeguards, goals.overall; 2018 — those four and
    goals.overall, goals.annual.

    Why: 财预〔2015〕88号 reviews completeness; without goals and basis the indicators
    cannot be judged for relevance.

    Bad (2026):

        goals: {annual: 无}

    Good:

        goals: {annual: 打造与城市基层党建相匹配的党群服务阵地体系。}

    Options: text_placeholders (word list); a template's texts list the fields asked for.
    """
    t = ctx.templates.get(doc.template)
    if t is None:
        return
    placeholders = ctx.options["text_placeholders"]
    for dotted in t.texts:
        value = _get(doc, dotted)
        if value is None:
            state = {"zh": "没有填写", "en": "absent"}
        elif not isinstance(value, str):
            continue  # a wrong type is LG002's
        elif is_placeholder(value, placeholders):
            state = {"zh": f"只写了“{fold(value)}”" if fold(value) else "是空的",
                     "en": f"only '{fold(value)}'" if fold(value) else "empty"}
        else:
            continue
        zh, en = _LABELS.get(dotted, (dotted, dotted))
        yield ctx.finding("/" + dotted.replace(".", "/"), template=t.name, label={"zh": zh, "en": en}, state=state)


_PROJECT_LABELS = {"name": ("项目名称", "project name"), "unit": ("申报单位", "unit"), "nature": ("项目性质", "nature"),
                   "category": ("项目类别", "category"), "funding_use": ("资金用途", "funding use")}
_FIELD_NAMES = {"name": ("名称", "name"), "task": ("任务", "task"), "value": ("指标值", "value"),
                "level1": ("一级指标", "level1"), "level2": ("二级指标", "level2"), "supplier": ("供应商", "supplier")}
_ROW_LABELS = {"indicators": ("指标", "indicator"), "schedule": ("实施计划", "milestone"),
               "contracts": ("合同", "contract"), "items": ("子项目", "sub-item")}


def field_label(doc, path: tuple) -> dict:
    """A text field in the user's words: 项目概况, 指标“平台使用满意度”的指标值, …"""
    dotted = ".".join(str(p) for p in path)
    if dotted in _LABELS:
        zh, en = _LABELS[dotted]
        return {"zh": f"“{zh}”", "en": f"the {en}"}
    if len(path) == 2 and path[0] == "project" and path[1] in _PROJECT_LABELS:
        zh, en = _PROJECT_LABELS[path[1]]
        return {"zh": f"“{zh}”", "en": f"the {en}"}
    parent = path[-3] if len(path) >= 3 and isinstance(path[-2], int) else None
    row = None
    if parent in _ROW_LABELS:
        row = doc.root
        for p in path[:-1]:
            row = row[p]
    if isinstance(row, dict):  # a row's field; not a list nested deeper (items/0/0 inside a name)
        zh, en = _ROW_LABELS[parent]
        key = path[-1]
        fz, fe = _FIELD_NAMES.get(key, (key, key))
        label = row.get("name") or row.get("task")
        if key in ("name", "task") or not isinstance(label, str):  # the label is the field itself
            return {"zh": f"{zh}第 {path[-2] + 1} 项的{fz}", "en": f"the {fe} of {en} #{path[-2] + 1}"}
        return {"zh": f"{zh}“{label}”的{fz}", "en": f"the {fe} of {en} '{label}'"}
    shown = "/".join(str(p) for p in path)
    return {"zh": f"“{shown}”", "en": f"'{shown}'"}


def strip_markup(text: str) -> str:
    """Remove tags, entities and checkbox glyphs; keep the words. `<p>` ends a paragraph."""
    out = re.sub(r"</p\s*>\s*<p(?:\s[^<>]*)?>", "\n", text, flags=re.I)
    out = re.sub(r"<br\s*/?>", "\n", out, flags=re.I)
    out = _TAG.sub("", out)
    out = _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), out)
    out = _CHECKBOX.sub("", out)
    return re.sub(r"[ \t]+\n", "\n", out).strip()


@check(code="LG502", name="markup-in-text", severity="warning", fixable=True,
       messages={"zh": "{field}含有网页标记 {markup}：这是从系统导出时残留的，请删除（lintgoals fix 可自动删除）",
                 "en": "{field} holds markup {markup}, left over from an export: remove it (lintgoals fix does)"})
def markup_in_text(doc, ctx):
    """文字中残留 HTML 标签、实体或复选框标记。

    [zh]
    任何文字中残留 HTML 标签或实体、复选框标记：<p>…</p>、&nbsp;、
    <input type="checkbox"/>、☐☑。修复会删除这些标记，保留文字（段落之间换行）。

    为什么：预算系统导出的文本常带网页标记；交上去的表里出现 <p> 显得粗糙，也妨碍阅读。

    反例：

        goals: {annual: "<p>为各级党组织提供服务支撑。</p>"}

    正例：

        goals: {annual: 为各级党组织提供服务支撑。}

    选项：无。可自动修复。

    [en]
    HTML tags or entities, or checkbox markup, left in any text: <p>…</p>, &nbsp;,
    <input type="checkbox"/>, ☐☑. The fix strips them and keeps the words (paragraphs
    become line breaks).

    Why: exports from the budget system carry web markup; <p> in a submitted table reads
    as careless and gets in the way.

    Bad:

        goals: {annual: "<p>为各级党组织提供服务支撑。</p>"}

    Good:

        goals: {annual: 为各级党组织提供服务支撑。}

    Options: none. Fixable.
    """
    if doc.text is not None and not any(c in doc.text for c in _MAYBE_MARKUP):
        return  # nothing in the source can be markup (escapes like \u003c keep the walk)
    for where, k, text in doc.texts:
        if "<" not in text and "&" not in text and not _CHECKBOX.search(text):
            continue
        m = _TAG.search(text) or _ENTITY.search(text) or _CHECKBOX.search(text)
        if m:
            path = where + (k,)
            field = "/".join(str(p) for p in path)
            yield ctx.finding("/" + field, field=field_label(doc, path),
                              markup=m.group(0)[:40], replacement=strip_markup(text))


_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])|\n")
_SENTENCE_CHARS = "。！？；;!?\n"
_SPACE = re.compile(r"\s+")


@check(code="LG503", name="repeated-text", severity="info",
       messages={"zh": "{field}中同一句话出现了两次：“{sentence}”。请删除重复的一句",
                 "en": "{field} holds the same sentence twice: '{sentence}'. Remove the repeat"},
       options={"min_sentence_chars": {"type": "integer", "min": 1, "default": 6}})
def repeated_text(doc, ctx):
    """同一段文字里同一句话出现两次。

    [zh]
    同一个文字字段里，同一句话（以 。！？；; 或换行分句，去空白后至少 min_sentence_chars 个字，
    默认 6）出现两次。

    为什么：重复的句子多是复制粘贴留下的，评审会认为填报不认真。

    反例：

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。这四项预算数，为去年信息化预算批复数。}

    正例：每句只写一次。

    选项：min_sentence_chars（默认 6）。

    [en]
    One text field holds the same sentence twice (sentences end at 。！？；; or a line
    break; at least min_sentence_chars characters after trimming, default 6).

    Why: repeats are copy-and-paste leftovers and look careless to a reviewer.

    Bad:

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。这四项预算数，为去年信息化预算批复数。}

    Good: each sentence once.

    Options: min_sentence_chars (default 6).
    """
    n = ctx.options["min_sentence_chars"]
    for where, k, text in doc.long_texts(2 * n):  # a repeat needs two sentences of n
        if not any(c in text for c in _SENTENCE_CHARS):  # one sentence (a long name): nothing to split
            continue
        sentences = _SENTENCE_END.split(text)
        if len(sentences) < 2:  # one sentence cannot repeat (most names and values)
            continue
        seen = set()
        for sentence in sentences:
            s = _SPACE.sub("", fold(sentence))
            if len(s) < n:
                continue
            if s in seen:
                path = where + (k,)
                field = "/".join(str(p) for p in path)
                yield ctx.finding("/" + field, field=field_label(doc, path), sentence=sentence.strip()[:60])
                break
            seen.add(s)
