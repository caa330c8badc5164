"""report.html: one self-contained file (styles, script, SVG charts inline;
no font, image or script is fetched — it opens from file:// offline and
prints on A4). Every text a user wrote is escaped."""
from __future__ import annotations

import re
from html import escape
from typing import Dict, List

from . import Cycle, TableRecord, family, family_name, sev_word, verdict_word, PASS, REVISE, RETURN
from .charts import heatmap, stacked_bars
from .review import ASPECT_QUESTIONS, aspect_word, points

W = {  # the report's own words: key → (zh, en)
    "title": ("绩效目标表评审报告", "Performance target tables: review report"),
    "overview": ("总览", "Overview"), "charts": ("图表", "Charts"), "list": ("表格清单", "Tables"),
    "details": ("各表问题与审核意见", "Findings and review comments per table"), "rules": ("规则说明", "Rules"),
    "tables": ("表格", "tables"), "units": ("单位", "units"), "findings": ("问题", "findings"),
    "by_rule": ("各规则的问题数", "Findings per rule"),
    "heat": ("单位 × 规则类别（问题数）", "Unit × rule family (findings)"),
    "by_template": ("各模板的审核结论", "Verdicts per template"),
    "lg6": ("本周期与上一周期对比（LG6）", "This cycle against the previous one (LG6)"),
    "lg6_note": ("与上年同名项目表比较得出的问题：", "Findings from comparing each table with last year's table of the same project:"),
    "dept": ("主管部门", "Department"), "unit": ("单位", "Unit"), "project": ("项目", "Project"),
    "amount": ("金额（当年预算）", "Amount (this year)"), "template": ("模板", "Template"),
    "verdict": ("结论", "Verdict"), "file": ("文件", "File"), "year": ("年度", "Year"),
    "sev": ("级别", "Severity"), "rule": ("规则", "Rule"), "indicator": ("指标", "Indicator"),
    "value": ("原值", "Value"), "problem": ("问题", "Problem"), "suggestion": ("建议", "Suggestion"),
    "basis": ("依据", "Basis"), "cell": ("单元格", "Cell"), "previous": ("上年表", "Last year's table"),
    "filter": ("筛选（项目、单位、部门……）", "Filter (project, unit, department…)"),
    "all": ("全部", "all"), "shown": ("显示", "shown"),
    "review": ("审核意见（草稿）", "Draft review comments"), "copy": ("复制", "Copy"),
    "copy_all": ("复制全部审核意见", "Copy all comments"), "copied": ("已复制", "Copied"),
    "none": ("未发现问题。", "No findings."), "no_review": ("没有需要写入审核意见的问题（只有提示）。", "Nothing for the review comments (infos only)."),
    "rule_text": ("结论规则", "Verdict rule"), "unreadable": ("（无法读取）", "(unreadable)"),
    "top": ("回到清单", "back to the list"), "no_unit": ("（未写单位）", "(no unit given)"),
    "sort_hint": ("点击表头排序", "click a heading to sort"),
}

CSS = """
*{box-sizing:border-box}
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;
margin:0 auto;max-width:1200px;padding:16px 24px;color:#222;line-height:1.5;font-size:14px}
h1{font-size:24px;margin:8px 0}h2{font-size:19px;border-bottom:2px solid #345;padding-bottom:4px;margin-top:32px}
h3{font-size:16px;margin:22px 0 6px}h4{font-size:14px;margin:12px 0 4px}
nav a{margin-right:14px}a{color:#1556a0}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #ccd;border-radius:6px;padding:8px 14px;min-width:110px}
.card b{display:block;font-size:22px}.error{color:#c62828}.warning{color:#b36b00}.info{color:#1e6fb8}
.v{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;white-space:nowrap}
.v-return{background:#c62828}.v-revise{background:#d98200}.v-pass{background:#2e7d32}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d5d9e0;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#eef1f5}#tables th{cursor:pointer;user-select:none}#tables th[data-dir=asc]::after{content:" ▲"}#tables th[data-dir=desc]::after{content:" ▼"}
td.n{text-align:right;white-space:nowrap}.controls{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.controls input{flex:1;min-width:220px;padding:4px 8px}.meta{color:#555;margin:2px 0}
.review{background:#f7f9fc;border:1px solid #d5dbe6;border-radius:6px;padding:6px 12px;margin:8px 0}
.review ol{margin:2px 0 8px;padding-left:22px}.review li{margin:3px 0}.q{color:#667;font-weight:normal;font-size:12px}
button.copy{font-size:12px;padding:0 6px;margin-left:6px;cursor:pointer}
.chart{max-width:100%;height:auto;display:block;margin:6px 0 14px}.muted{color:#777}
.f td:nth-child(5),.f td:nth-child(6){min-width:180px}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0;font-size:10pt}nav,.controls,button.copy,.top{display:none}
h2{break-after:avoid}h3{break-after:avoid}tr,.review li,.chart{break-inside:avoid}section.t{break-before:page}
a{color:inherit;text-decoration:none}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.v{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

JS = r"""
(function(){
var q=document.getElementById('q'),fv=document.getElementById('fv'),fd=document.getElementById('fd'),
tb=document.querySelector('#tables tbody'),rows=[].slice.call(tb.rows),out=document.getElementById('shown');
function apply(){var s=q.value.trim().toLowerCase(),v=fv.value,d=fd.value,n=0;
rows.forEach(function(r){var ok=(!s||r.textContent.toLowerCase().indexOf(s)>=0)&&(!v||r.getAttribute('data-verdict')===v)&&(!d||r.getAttribute('data-dept')===d);
r.hidden=!ok;if(ok)n++;});out.textContent=n;document.body.setAttribute('data-shown',n);}
q.addEventListener('input',apply);fv.addEventListener('change',apply);fd.addEventListener('change',apply);
[].forEach.call(document.querySelectorAll('#tables thead th'),function(th,i){th.addEventListener('click',function(){
var dir=th.getAttribute('data-dir')==='asc'?'desc':'asc',num=th.hasAttribute('data-num'),k=dir==='asc'?1:-1;
[].forEach.call(th.parentNode.children,function(o){o.removeAttribute('data-dir');});th.setAttribute('data-dir',dir);
rows.sort(function(a,b){var x=a.cells[i].getAttribute('data-v'),y=b.cells[i].getAttribute('data-v');
if(x===null)x=a.cells[i].textContent;if(y===null)y=b.cells[i].textContent;
return (num?(+x)-(+y):x.localeCompare(y,'zh'))*k;});rows.forEach(function(r){tb.appendChild(r);});});});
var h=location.hash.slice(1);if(h.indexOf('=')>0){h.split('&').forEach(function(p){var kv=p.split('=');var v=decodeURIComponent(kv[1]||'');
if(kv[0]==='q')q.value=v;if(kv[0]==='verdict')fv.value=v;if(kv[0]==='dept')fd.value=v;});}
apply();
function copy(text,b){function done(){var o=b.textContent;b.textContent=b.getAttribute('data-done');setTimeout(function(){b.textContent=o;},1200);}
function old(){var t=document.createElement('textarea');t.value=text;document.body.appendChild(t);t.select();try{document.execCommand('copy');}catch(e){}document.body.removeChild(t);done();}
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(text).then(done,old);}else{old();}}
document.addEventListener('click',function(e){var b=e.target.closest?e.target.closest('button.copy'):null;if(!b)return;
if(b.hasAttribute('data-all')){var box=b.parentNode,lines=[];[].forEach.call(box.querySelectorAll('h4,li'),function(el){
lines.push(el.tagName==='H4'?el.getAttribute('data-head'):el.querySelector('.pt').textContent);});copy(lines.join('\n'),b);}
else{copy(b.parentNode.querySelector('.pt').textContent,b);}});
})();
"""

_DOC_NO = re.compile(r"^[^《；;]*?号|^《[^》]+》")


def w(key: str, lang: str) -> str:
    return W[key][lang == "en"]


def render(cycle: Cycle, version: str = "", generated: str = "") -> str:
    lang = cycle.lang
    e = escape
    out: List[str] = [f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">'
                      f'<meta name="viewport" content="width=device-width,initial-scale=1">'
                      f'<title>{e(cycle.title or w("title", lang))}</title><style>{CSS}</style></head><body>']
    out.append(f'<h1>{e(cycle.title or w("title", lang))}</h1>')
    out.append(f'<p class="meta">lintgoals {e(version)} · {e(generated)}</p>')
    out.append("<nav>" + "".join(f'<a href="#{k}">{w(k, lang)}</a>' for k in ("overview", "charts", "list", "details", "rules")) + "</nav>")
    _overview(cycle, out)
    _charts(cycle, out)
    _list(cycle, out)
    _details(cycle, out)
    _rules(cycle, out)
    out.append(f"<script>{JS}</script></body></html>")
    return "".join(out)


def _overview(cycle: Cycle, out: List[str]) -> None:
    lang = cycle.lang
    tot, ver = cycle.totals(), cycle.verdicts()
    cards = [(len(cycle.tables), w("tables", lang), ""), (len(cycle.units()), w("units", lang), "")]
    cards += [(tot[s], sev_word(s, lang), s) for s in ("error", "warning", "info")]
    cards += [(ver[v], verdict_word(v, lang), "v-" + v) for v in (RETURN, REVISE, PASS)]
    out.append(f'<section id="overview"><h2>{w("overview", lang)}</h2><div class="cards">')
    for n, label, cls in cards:
        out.append(f'<div class="card {cls if cls in ("error", "warning", "info") else ""}"><b>{n}</b>'
                   + (f'<span class="v {cls}">{escape(label)}</span>' if cls.startswith("v-") else escape(label)) + "</div>")
    out.append(f'</div><p class="meta">{w("rule_text", lang)}：{escape(cycle.rule.describe(lang))}</p></section>')


def _charts(cycle: Cycle, out: List[str]) -> None:
    lang = cycle.lang
    out.append(f'<section id="charts"><h2>{w("charts", lang)}</h2>')
    by_rule: Dict[str, Dict[str, int]] = {}
    names: Dict[str, str] = {}
    for r in cycle.rows:
        by_rule.setdefault(r.code, {}).setdefault(r.severity, 0)
        by_rule[r.code][r.severity] += 1
        names[r.code] = r.rule
    items = sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:30]
    bars = [(f"{code} {names[code]}", [(c.get(s, 0), s, sev_word(s, lang)) for s in ("error", "warning", "info")]) for code, c in items]
    out.append(f'<h3>{w("by_rule", lang)}</h3>' + (stacked_bars(bars, w("by_rule", lang)) or f'<p class="muted">{w("none", lang)}</p>'))
    # unit × family: the 40 units with most findings
    per_unit: Dict[str, int] = {}
    cell: Dict[tuple, int] = {}
    fams = set()
    for t in cycle.tables:
        unit = t.unit or w("no_unit", lang)
        for r in t.rows:
            fam = family(r.code)
            fams.add(fam)
            cell[(unit, fam)] = cell.get((unit, fam), 0) + 1
            per_unit[unit] = per_unit.get(unit, 0) + 1
    units = sorted(per_unit, key=lambda u: (-per_unit[u], u))[:40]
    cols = sorted(fams)
    if units:
        out.append(f'<h3>{w("heat", lang)}</h3>' + heatmap(units, cols, cell, w("heat", lang), [family_name(c, lang) for c in cols]))
    per_t: Dict[str, Dict[str, int]] = {}
    for t in cycle.tables:
        per_t.setdefault(t.template or "—", {}).setdefault(t.verdict, 0)
        per_t[t.template or "—"][t.verdict] += 1
    bars = [(k, [(c.get(v, 0), v, verdict_word(v, lang)) for v in (RETURN, REVISE, PASS)]) for k, c in sorted(per_t.items())]
    out.append(f'<h3>{w("by_template", lang)}</h3>' + stacked_bars(bars, w("by_template", lang)))
    if cycle.has_lg6():  # only when the run compared tables with last year's
        lg6 = [(t, r) for t in cycle.tables for r in t.rows if r.code.startswith("LG6")]
        counts: Dict[tuple, int] = {}
        for _, r in lg6:
            counts[(f"{r.code} {r.rule}", r.severity)] = counts.get((f"{r.code} {r.rule}", r.severity), 0) + 1
        bars = [(k, [(n, sev, sev_word(sev, lang))]) for (k, sev), n in sorted(counts.items())]
        out.append(f'<h3 id="lg6">{w("lg6", lang)}</h3>' + stacked_bars(bars, w("lg6", lang)))
        out.append(f'<p>{w("lg6_note", lang)}</p><table class="f"><thead><tr>'
                   + "".join(f"<th>{w(k, lang)}</th>" for k in ("project", "unit", "rule", "indicator", "problem", "previous"))
                   + "</tr></thead><tbody>")
        for t, r in lg6[:500]:
            out.append(f'<tr><td><a href="#t-{cycle.tables.index(t)}">{escape(t.project)}</a></td><td>{escape(t.unit)}</td>'
                       f'<td>{r.code} {escape(r.rule)}</td><td>{escape(r.indicator)}</td><td>{escape(r.problem)}</td>'
                       f'<td>{escape(r.related)}</td></tr>')
        out.append("</tbody></table>")
    out.append("</section>")


def _list(cycle: Cycle, out: List[str]) -> None:
    lang = cycle.lang
    depts = sorted({t.department for t in cycle.tables if t.department})
    out.append(f'<section id="list"><h2>{w("list", lang)}</h2><div class="controls">'
               f'<input id="q" type="search" placeholder="{escape(w("filter", lang))}">'
               f'<select id="fv"><option value="">{w("verdict", lang)}：{w("all", lang)}</option>'
               + "".join(f'<option value="{v}">{verdict_word(v, lang)}</option>' for v in (RETURN, REVISE, PASS))
               + f'</select><select id="fd"><option value="">{w("dept", lang)}：{w("all", lang)}</option>'
               + "".join(f'<option value="{escape(d)}">{escape(d)}</option>' for d in depts)
               + f'</select><span>{w("shown", lang)} <b id="shown">{len(cycle.tables)}</b> / {len(cycle.tables)}'
               f'（{w("sort_hint", lang)}）</span></div>')
    heads = [("dept", ""), ("unit", ""), ("project", ""), ("amount", "num"), ("template", ""),
             ("error", "num"), ("warning", "num"), ("info", "num"), ("verdict", "")]
    out.append('<table id="tables"><thead><tr>' + "".join(
        f'<th{" data-num" if n else ""}>{sev_word(k, lang) if k in ("error", "warning", "info") else w(k, lang)}</th>'
        for k, n in heads) + "</tr></thead><tbody>")
    rank = {RETURN: 0, REVISE: 1, PASS: 2}
    for i, t in enumerate(cycle.tables):
        out.append(f'<tr data-verdict="{t.verdict}" data-dept="{escape(t.department)}"><td>{escape(t.department)}</td>'
                   f'<td>{escape(t.unit)}</td><td><a href="#t-{i}">{escape(t.project)}</a></td>'
                   f'<td class="n" data-v="{t.amount_value:.2f}">{escape(t.amount)}</td><td>{escape(t.template)}</td>'
                   f'<td class="n">{t.count("error")}</td><td class="n">{t.count("warning")}</td><td class="n">{t.count("info")}</td>'
                   f'<td data-v="{rank[t.verdict]}"><span class="v v-{t.verdict}">{verdict_word(t.verdict, lang)}</span></td></tr>')
    out.append("</tbody></table></section>")


def _details(cycle: Cycle, out: List[str]) -> None:
    lang = cycle.lang
    e = escape
    out.append(f'<section id="details"><h2>{w("details", lang)}</h2>')
    heads = "".join(f"<th>{w(k, lang)}</th>" for k in ("sev", "rule", "indicator", "value", "problem", "suggestion", "basis", "cell"))
    copy, done = w("copy", lang), w("copied", lang)
    for i, t in enumerate(cycle.tables):
        meta = " · ".join(x for x in (t.department, t.unit, str(t.year or ""), t.template and f'{w("template", lang)} {t.template}', t.amount) if x)
        out.append(f'<section class="t" id="t-{i}"><h3>{e(t.project)} <span class="v v-{t.verdict}">{verdict_word(t.verdict, lang)}</span></h3>'
                   f'<p class="meta">{e(meta)}</p><p class="meta">{w("file", lang)}：{e(t.file)}</p>')
        if not t.rows:
            out.append(f'<p class="muted">{w("none", lang)}</p>')
        else:
            out.append(f'<table class="f"><thead><tr>{heads}</tr></thead><tbody>')
            for r in t.rows:
                short = _DOC_NO.match(r.basis)
                out.append(f'<tr><td class="{r.severity}">{sev_word(r.severity, lang)}</td><td><a href="#r-{r.code}">{r.code}</a> {e(r.rule)}</td>'
                           f'<td>{e(r.indicator)}</td><td>{e(r.value)}</td><td>{e(r.problem)}</td><td>{e(r.suggestion)}</td>'
                           f'<td>{e(short.group() if short else r.basis)}</td><td>{e(r.cell)}</td></tr>')
            out.append("</tbody></table>")
        pts = points(t, lang)
        out.append(f'<div class="review"><h4 class="rh">{w("review", lang)}'
                   f'<button class="copy" data-all data-done="{done}">{w("copy_all", lang)}</button></h4>')
        if not pts:
            out.append(f'<p class="muted">{w("no_review", lang)}</p>')
        numerals = "一二三四"
        for k, (aspect, items) in enumerate(pts.items()):
            head = f"{numerals[k]}、{aspect_word(aspect, lang)}" if lang != "en" else f"{k + 1}. {aspect_word(aspect, lang).capitalize()}"
            q = ASPECT_QUESTIONS[aspect][lang == "en"]
            out.append(f'<h4 data-head="{e(head)}">{e(head)} <span class="q">{e(q)}</span></h4><ol>')
            from .review import point_text

            for j, (text, basis) in enumerate(items, 1):
                out.append(f'<li><span class="pt">{e(point_text(j, text, basis, lang))}</span>'
                           f'<button class="copy" data-done="{done}">{copy}</button></li>')
            out.append("</ol>")
        out.append(f'</div><p class="top"><a href="#list">{w("top", lang)}</a></p></section>')
    out.append("</section>")


def _rules(cycle: Cycle, out: List[str]) -> None:
    lang = cycle.lang
    codes = sorted({r.code for r in cycle.rows})
    out.append(f'<section id="rules"><h2>{w("rules", lang)}</h2>')
    from . import basis

    for code in codes:
        spec = cycle.specs.get(code)
        if spec is None:
            continue
        b = basis(spec, lang)
        out.append(f'<h4 id="r-{code}">{code} {escape(spec.name)}（{escape(spec.short_name(lang))}）</h4>'
                   f'<p>{escape(spec.one_line(lang))}</p>' + (f'<p class="meta">{w("basis", lang)}：{escape(b)}</p>' if b else ""))
    out.append("</section>")
