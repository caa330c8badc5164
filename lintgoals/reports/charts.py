"""Charts as SVG written here, on the server side.

Chosen over a vendored charting script (measured: Chart.js 4.6.1's UMD build
is 210,082 bytes, frappe-charts 1.6.2's 68,812 bytes, and neither draws a
unit × rule matrix without a plugin): SVG text costs nothing when the report
has no chart, draws without JavaScript, prints as vectors on A4, and its
labels are real text (searchable, copyable). Each chart is a few KB.
"""
from __future__ import annotations

from html import escape
from typing import List, Sequence, Tuple

COLORS = {"error": "#c62828", "warning": "#ef8f00", "info": "#1e6fb8",
          "return": "#c62828", "revise": "#ef8f00", "pass": "#2e7d32"}
FONT = 12
ROW = 20


def _w(label: str) -> int:
    """A label's width in px: CJK characters are about twice as wide."""
    return sum(FONT if ord(c) > 0x2E80 else FONT * 0.6 for c in label)


def stacked_bars(items: Sequence[Tuple[str, Sequence[Tuple[int, str, str]]]], title: str, width: int = 640) -> str:
    """One horizontal bar per item, stacked by parts (value, colour key, part name)."""
    if not items:
        return ""
    label_w = min(260, int(max(_w(lbl) for lbl, _ in items)) + 10)
    top = max(sum(v for v, _, _ in parts) for _, parts in items) or 1
    plot = width - label_w - 50
    h = ROW * len(items) + 10
    out = [f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {h}" '
           f'width="{width}" height="{h}" font-size="{FONT}">']
    for i, (label, parts) in enumerate(items):
        y = 5 + i * ROW
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(_cut(label))}</text>')
        x = label_w
        total = 0
        for v, key, name in parts:
            if v <= 0:
                continue
            w = max(1.0, plot * v / top)
            out.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{ROW - 5}" fill="{COLORS.get(key, "#777")}">'
                       f'<title>{escape(label)} · {escape(name)}: {v}</title></rect>')
            x += w
            total += v
        out.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{total}</text>')
    out.append("</svg>")
    return "".join(out)


def heatmap(rows: List[str], cols: List[str], cell: dict, title: str, col_titles: Sequence[str] = ()) -> str:
    """rows × cols, shade by count (`cell[(row, col)]`), the count written in each cell."""
    if not rows or not cols:
        return ""
    label_w = min(260, int(max(_w(r) for r in rows)) + 10)
    cw, chh, head = 54, ROW, 34
    width = label_w + cw * len(cols) + 10
    h = head + chh * len(rows) + 6
    top = max(cell.values() or [1]) or 1
    out = [f'<svg class="chart heat" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {h}" '
           f'width="{width}" height="{h}" font-size="{FONT}">']
    for j, c in enumerate(cols):
        x = label_w + j * cw + cw / 2
        sub = col_titles[j] if j < len(col_titles) else ""
        out.append(f'<text x="{x}" y="14" text-anchor="middle" font-weight="bold">{escape(c)}</text>')
        if sub:
            out.append(f'<text x="{x}" y="28" text-anchor="middle" font-size="10">{escape(_cut(sub, 5))}</text>')
    for i, r in enumerate(rows):
        y = head + i * chh
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(_cut(r))}</text>')
        for j, c in enumerate(cols):
            n = cell.get((r, c), 0)
            x = label_w + j * cw
            shade = 0.08 + 0.92 * (n / top) if n else 0
            fill = f"rgba(198,40,40,{shade:.2f})" if n else "#f4f4f4"
            ink = "#fff" if shade > 0.55 else "#222"
            out.append(f'<rect x="{x + 1}" y="{y + 1}" width="{cw - 2}" height="{chh - 2}" fill="{fill}">'
                       f'<title>{escape(r)} · {escape(c)}: {n}</title></rect>')
            if n:
                out.append(f'<text x="{x + cw / 2}" y="{y + 14}" text-anchor="middle" fill="{ink}">{n}</text>')
    out.append("</svg>")
    return "".join(out)


def _cut(text: str, n: int = 20) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
