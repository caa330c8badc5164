"""LG5 — text: narratives the form asks for, markup left over from the
budget system's export, sentences pasted twice."""
from __future__ import annotations

import datetime as _dt
import html
import re
from functools import lru_cache

from lintgoals import check
from lintgoals.values import MONTH, first_day, fold, last_day

from ._common import fold_words, has, is_placeholder
from .budget import label as budget_label
from .schedule import span

TEXT_PLACEHOLDERS = ["无", "略", "待定", "待填写", "请填写", "XX", "xxx", "*", "/", "同上"]
# The form's own instructions, left in a field (RULES.md LG501: 请简要说明…, 填写说明…).
FORM_INSTRUCTIONS = ["请简要说明", "请简要描述", "请简要概述", "请简述", "填写说明", "填报说明", "请在此填写", "请在此处填写"]

# The narratives by the label of each form generation (2026: 年度总体目标; 2018 and
# 2020: 年度绩效目标, 2020's overall goal is 总目标及阶段性目标; 2015, the national
# form of 财预〔2015〕88号: 总体目标 with 中期目标 and 年度目标).
_TEXT_LABELS = {
    "project.overview": ("项目概况", "project overview"), "project.basis": ("立项依据", "basis"),
    "project.necessity": ("项目设立的必要性", "necessity"), "project.safeguards": ("保证项目实施的制度、措施", "safeguards"),
    "goals.overall": ("项目总目标", "overall goal"), "goals.annual": ("年度总体目标", "annual goal"),
    "goals.midterm": ("中期目标", "mid-term goal"),
}
_TEXT_LABELS_BY_TEMPLATE = {
    "2018": {"goals.annual": ("年度绩效目标", "annual goal")},
    "2020": {"goals.overall": ("总目标及阶段性目标", "overall goal"), "goals.annual": ("年度绩效目标", "annual goal")},
    "2015": {"goals.overall": ("总体目标", "overall goal"), "goals.annual": ("年度目标", "annual goal")},
}
# What each narrative should say, for LG501's message.
_WHAT_TO_WRITE = {
    "goals.annual": ("写明本年度要完成的主要任务和要达到的效果，与下面的绩效指标相对应",
                     "state this year's main tasks and the effect to reach, matching the indicators below"),
    "goals.overall": ("写明项目整个实施期要达到的总体目标", "state what the project is to achieve over its whole period"),
    "project.overview": ("写明项目的内容、规模、实施方式和资金用途", "describe the project's content, scale, delivery and use of funds"),
    "project.basis": ("列明立项依据的文件名称和文号", "list the documents the project rests on, with their numbers"),
    "project.necessity": ("写明为什么需要这个项目、不实施会有什么问题", "say why the project is needed and what happens without it"),
    "project.safeguards": ("列明保证项目实施的制度和措施（管理办法、采购、验收安排等）",
                           "list the rules and measures that make sure it is delivered (management rules, procurement, acceptance)"),
}


_PLACEHOLDER_MAX = 20  # spaces around a placeholder; a longer text is never one (no fold of every narrative)


@lru_cache(maxsize=16)
def _first_chars(words: tuple) -> frozenset:
    return frozenset(fw[0] for _, fw in words)


def text_label(doc, dotted: str):
    """(zh, en) label of a narrative on the user's form, or None."""
    own = _TEXT_LABELS_BY_TEMPLATE.get(doc.template, {})
    return own.get(dotted) or _TEXT_LABELS.get(dotted)


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
       messages={"zh": "“{label}”一栏{state}：{what}",
                 "en": "the {label} is {state}: {what}"},
       options={"text_placeholders": {"type": "list", "schema": {"type": "string"}, "default": TEXT_PLACEHOLDERS},
                "form_instructions": {"type": "list", "schema": {"type": "string"}, "default": FORM_INSTRUCTIONS}})
def missing_text(doc, ctx):
    """表格要求的文字说明缺失、为空、是占位符，或还留着表格自带的填写说明。

    [zh]
    表格要求填写的文字说明缺失、为空、只写了占位符（无 略 待定 待填写 请填写 XX xxx * / 同上），
    或还留着表格自带的填写说明（请简要说明…、填写说明…）。各代表格要求的栏目：
    2026 年和全国通用（2015）的表 — 年度总体目标（年度目标）；2020 年的表 — 项目概况、
    立项依据、项目设立的必要性、保证项目实施的制度和措施、总目标及阶段性目标；2018 年的
    表 — 以上四项及项目总目标、年度绩效目标。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》规定绩效目标审核看完整性、
    相关性、适当性和可行性；没有年度目标和立项依据，指标就无从判断是否与任务相关。表格自带
    的说明文字是给填表人看的，留在表里说明这一栏并没有真正填写。

    反例（2026）：

        goals: {annual: 无}
        goals: {annual: 请简要说明项目年度绩效目标。}

    正例：

        goals: {annual: 全年完成直播录制50次以上、党建类远程教育课件12部以上，平台全年稳定运行。}

    选项：text_placeholders（占位符词表）、form_instructions（表格自带说明的开头语）；模板的
    texts 列出要求的栏目。

    [en]
    A narrative the form asks for is absent, empty, a placeholder (无 略 待定 待填写 请填写 XX
    xxx * / 同上), or still holds the form's own instructions (请简要说明…, 填写说明…). Asked
    for: 2026 and national (2015) forms — the annual goal (年度总体目标 / 年度目标); 2020 —
    项目概况, 立项依据, 项目设立的必要性, 保证项目实施的制度、措施, 总目标及阶段性目标; 2018 —
    those four and 项目总目标, 年度绩效目标.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 reviews targets for completeness,
    relevance, appropriateness and feasibility; without the annual goal and the basis the
    indicators cannot be judged for relevance. The form's instructions are for the person
    filling it in; left in the field, they show it was never filled.

    Bad (2026):

        goals: {annual: 无}
        goals: {annual: 请简要说明项目年度绩效目标。}

    Good:

        goals: {annual: 全年完成直播录制50次以上、党建类远程教育课件12部以上，平台全年稳定运行。}

    Options: text_placeholders (word list), form_instructions (how the form's own
    instructions begin); a template's texts list the fields asked for.
    """
    t = ctx.templates.get(doc.template)
    if t is None:
        return
    placeholders = ctx.options["text_placeholders"]
    instructions = fold_words(ctx.options["form_instructions"])
    starts = _first_chars(instructions)
    short = max(map(len, placeholders), default=0) + _PLACEHOLDER_MAX
    for dotted in t.texts:
        value = _get(doc, dotted)
        if value is None:
            state = {"zh": "没有填写", "en": "absent"}
        elif not isinstance(value, str):
            continue  # a wrong type is LG002's
        elif len(value) <= short and is_placeholder(value, placeholders):
            state = {"zh": f"只写了“{fold(value)}”" if fold(value) else "是空的",
                     "en": f"only '{fold(value)}'" if fold(value) else "empty"}
        else:
            text = fold(value)
            # most narratives hold none of the instructions' first characters (请, 填): two scans, not eight
            hit = has(text, instructions) if any(c in text for c in starts) else None
            if hit is None:
                continue
            state = {"zh": f"还留着表格自带的填写说明“{hit}…”", "en": f"still the form's own instruction '{hit}…'"}
        zh, en = text_label(doc, dotted) or (dotted, dotted)
        wz, we = _WHAT_TO_WRITE.get(dotted, ("写明这一栏的内容", "fill it in"))
        if "instruction" in state["en"]:
            wz, we = "删去说明文字，" + wz, "replace the instruction: " + we
        wz = "请" + wz
        yield ctx.finding("/" + dotted.replace(".", "/"), label={"zh": zh, "en": en}, state=state,
                          what={"zh": wz, "en": we})


_PROJECT_LABELS = {"name": ("项目名称", "project name"), "unit": ("申报单位", "unit"), "nature": ("项目性质", "nature"),
                   "category": ("项目类别", "category"), "funding_use": ("资金用途", "funding use")}
_FIELD_NAMES = {"name": ("名称", "name"), "task": ("任务", "task"), "value": ("指标值", "value"),
                "level1": ("一级指标", "level1"), "level2": ("二级指标", "level2"), "supplier": ("供应商", "supplier")}
_ROW_LABELS = {"indicators": ("指标", "indicator"), "schedule": ("实施计划", "milestone"),
               "contracts": ("合同", "contract"), "items": ("子项目", "sub-item")}


def field_label(doc, path: tuple) -> dict:
    """A text field in the user's words: 项目概况, 指标“平台使用满意度”的指标值, …"""
    dotted = ".".join(str(p) for p in path)
    named = text_label(doc, dotted)
    if named:
        zh, en = named
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
       messages={"zh": "{field}含有网页标记 {markup}：这是从系统导出时残留的，请删除",
                 "en": "{field} holds markup {markup}, left over from an export: remove it"})
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
_END_PUNCT = "。！？；;!?，,、 \u3000"


@check(code="LG503", name="repeated-text", severity="info",
       messages={"zh": "{field}中这句话出现了 {count} 次：“{sentence}”。请只保留一处",
                 "en": "{field} holds this sentence {count} times: '{sentence}'. Keep it once"},
       options={"min_sentence_chars": {"type": "integer", "min": 1, "default": 6}})
def repeated_text(doc, ctx):
    """同一段文字里同一句话出现两次或更多。

    [zh]
    同一个文字栏目里，同一句话（以 。！？；; 或换行分句，去空白后至少 min_sentence_chars 个字，
    默认 6）出现两次或更多。每一句重复的话报告一次（不只报告第一句），消息写明出现的次数。

    为什么：重复的句子多是复制粘贴留下的；财预〔2015〕88号《中央部门预算绩效目标管理办法》
    要求绩效目标清晰、细化，重复的说明让评审看不出真正要做什么，也显得填报不认真。

    反例：

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。这四项预算数，为去年信息化预算批复数。}

    正例：每句只写一次：

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。}

    选项：min_sentence_chars（默认 6）。

    [en]
    One text field holds the same sentence twice or more (sentences end at 。！？；; or a
    line break; at least min_sentence_chars characters after trimming, default 6). Each
    repeated sentence is one finding (not only the first), with the number of times.

    Why: repeats are copy-and-paste leftovers; 财预〔2015〕88号《中央部门预算绩效目标管理办法》
    asks for clear, detailed targets, and a repeated text hides what is to be done and looks
    careless to a reviewer.

    Bad:

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。这四项预算数，为去年信息化预算批复数。}

    Good: each sentence once:

        project: {overview: 这四项预算数，为去年信息化预算批复数。今年改为非信息化项目。}

    Options: min_sentence_chars (default 6).
    """
    n = ctx.options["min_sentence_chars"]
    for where, k, text in doc.long_texts(2 * n):  # a repeat needs two sentences of n
        if not any(c in text for c in _SENTENCE_CHARS):  # one sentence (a long name): nothing to split
            continue
        sentences = _SENTENCE_END.split(text)
        if len(sentences) < 2:  # one sentence cannot repeat (most names and values)
            continue
        counts, first = {}, {}
        for sentence in sentences:
            s = _SPACE.sub("", fold(sentence))
            if len(s) < n:
                continue
            key = s.rstrip(_END_PUNCT)  # 批复数。 and 批复数； are the same sentence
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, sentence)
        repeated = [key for key, c in counts.items() if c > 1]
        if not repeated:
            continue
        path = where + (k,)
        field = field_label(doc, path)
        for key in repeated:  # in the order the text first says them
            shown = first[key].strip().rstrip(_END_PUNCT)
            yield ctx.finding("/" + "/".join(str(p) for p in path), field=field, count=counts[key],
                              sentence=shown[:60] + ("……" if len(shown) > 60 else ""))


def _one_year_later(d: _dt.date) -> _dt.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def _multi_year(doc):
    """Why the project spans more than one year, or None (RULES.md LG504)."""
    total, current = doc.amounts["total"], doc.amounts["current_year"]
    if total.ok and current.ok and total.value is not None and current.value is not None and total.value > current.value:
        t, c = budget_label(doc, "total"), budget_label(doc, "current_year")
        return {"zh": f"{t['zh']} {doc.money(total.value)['zh']}大于{c['zh']} {doc.money(current.value)['zh']}",
                "en": f"the {t['en']} of {doc.money(total.value)['en']} is above the {c['en']} of {doc.money(current.value)['en']}"}
    start, end = first_day(doc.start), last_day(doc.end)
    if start is not None and end is not None and end >= _one_year_later(start):
        p = span(start, end, doc.start.hint == MONTH, doc.end.hint == MONTH)
        return {"zh": f"项目期间{p['zh']}超过一年", "en": f"the project runs {p['en']}, more than a year"}
    return None


def _same_text(text: str) -> str:
    return _SPACE.sub("", fold(text)).rstrip(_END_PUNCT)


@check(code="LG504", name="copied-overall-goal", severity="info",
       messages={"zh": "这是跨年项目（{why}），但“{overall}”与“{annual}”写得完全相同：“{overall}”应写整个实施期要达到的目标，“{annual}”写本年度要完成的部分",
                 "en": "this is a multi-year project ({why}), but the {overall} is the same text as the {annual}: the {overall} states what the whole period is to achieve, the {annual} this year's share"})
def copied_overall_goal(doc, ctx):
    """跨年项目的总目标（中期目标）与年度目标完全相同。

    [zh]
    跨年项目（项目总预算大于当年预算，或项目期间超过一年）的项目总目标（总目标及阶段性
    目标、中期目标）与年度目标一字不差（忽略空白和句末标点）。占位符和空白由 LG501 报告，
    不在此比较。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》区分中长期目标与年度目标：
    年度目标是总目标在本年度的部分，要与当年的任务数和预算资金量相匹配。两者相同，说明
    总目标照抄了年度目标（或反过来），看不出整个实施期要达到什么、本年度完成多少。

    反例：

        budget: {total: 14454000, current_year: 4818000}
        goals: {overall: 建成全市远程教育直播网络。, annual: 建成全市远程教育直播网络。}

    正例：

        goals: {overall: 三年内建成覆盖全市街镇的远程教育直播网络。, annual: 本年度完成8个区的直播点建设。}

    选项：无。

    [en]
    A multi-year project (the project total above the current-year budget, or a period
    longer than a year) whose overall goal (项目总目标 / 总目标及阶段性目标 / 中期目标) is the
    same text as its annual goal (ignoring spaces and final punctuation). Placeholders and
    blanks are LG501's and are not compared.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 distinguishes the medium-term goal
    from the annual one: the annual goal is this year's share of the whole, matched to this
    year's tasks and funds. The same text in both says the one was copied into the other.

    Bad:

        budget: {total: 14454000, current_year: 4818000}
        goals: {overall: 建成全市远程教育直播网络。, annual: 建成全市远程教育直播网络。}

    Good:

        goals: {overall: 三年内建成覆盖全市街镇的远程教育直播网络。, annual: 本年度完成8个区的直播点建设。}

    Options: none.
    """
    goals = doc.goals
    annual = goals.get("annual")
    others = [k for k in ("overall", "midterm") if isinstance(goals.get(k), str)]
    if not others or not isinstance(annual, str) or is_placeholder(annual, TEXT_PLACEHOLDERS):
        return  # most tables: no overall goal to compare
    same = _same_text(annual)
    copies = [k for k in others if _same_text(goals[k]) == same]
    if not copies:
        return
    why = _multi_year(doc)
    if why is None:
        return
    an = text_label(doc, "goals.annual")
    for k in copies:
        ov = text_label(doc, f"goals.{k}")
        yield ctx.finding(f"/goals/{k}", why=why, overall={"zh": ov[0], "en": ov[1]}, annual={"zh": an[0], "en": an[1]})
