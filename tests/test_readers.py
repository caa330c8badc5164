"""The docx, text and PDF readers on their own: merges as the recogniser
expects them, and hostile or huge inputs as findings in bounded time (issue 16)."""
import io
import json
import os
import time
import zipfile

import pytest

from conftest import FIXTURES, run_cli
from lintgoals.importers import FormError, load_form
from lintgoals.importers import docx as docx_reader
from lintgoals.importers.docx import docx_rows
from lintgoals.importers.text import read_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path, body, prolog=""):
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
           f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return str(path)


def p(text):
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(text="", span=None, vmerge=None):
    props = ""
    if span:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>"


def texts(rows):
    return [[(c.text, c.column) for c in row] for row in rows]


def test_merges_are_one_cell_across_and_empty_below(tmp_path):
    body = p("2025年项目支出绩效目标表") + "<w:tbl>" + \
        "<w:tr>" + tc("一级指标") + tc("二级指标") + tc("三级指标") + tc("指标值", span=2) + "</w:tr>" + \
        "<w:tr>" + tc("产出指标", vmerge="restart") + tc("数量指标") + tc("培训人数") + tc("≥") + tc("100人") + "</w:tr>" + \
        "<w:tr>" + tc(vmerge="continue") + tc("质量指标") + tc("合格率") + tc("≥") + tc("95%") + "</w:tr>" + \
        "</w:tbl>"
    rows = docx_rows(make_docx(tmp_path / "m.docx", body))
    assert texts(rows) == [
        [("2025年项目支出绩效目标表", 1)],
        [("一级指标", 1), ("二级指标", 2), ("三级指标", 3), ("指标值", 4)],
        [("产出指标", 1), ("数量指标", 2), ("培训人数", 3), ("≥", 4), ("100人", 5)],
        [("", 1), ("质量指标", 2), ("合格率", 3), ("≥", 4), ("95%", 5)],
    ]
    assert rows[2][4].label == "表1 第2行第5列" and rows[0][0].label == "段落1"


def test_grid_before_content_controls_breaks_and_nested_tables(tmp_path):
    inner = "<w:tbl><w:tr>" + tc("内表") + tc("格") + "</w:tr></w:tbl>"
    body = "<w:tbl>" + \
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + tc("右移") + "</w:tr>" + \
        "<w:tr><w:sdt><w:sdtContent>" + tc("控件里") + "</w:sdtContent></w:sdt>" + \
        '<w:tc><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' \
        '<w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/></w:r>' \
        '<w:ins><w:r><w:t>丁</w:t></w:r></w:ins><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p>' \
        "<w:p/>" + inner + "</w:tc></w:tr></w:tbl>" + p("表后")
    rows = docx_rows(make_docx(tmp_path / "n.docx", body))
    assert texts(rows) == [
        [("", 1), ("右移", 2)],
        [("控件里", 1), ("甲\t乙\n丙丁\n", 2)],
        [("内表", 1), ("格", 2)],
        [("表后", 1)],
    ]
    assert rows[2][0].label == "表2 第1行第1列"


def _python_docx_rows(path):
    """The grid the python-docx reader gave before the rewrite (its code, kept here as the reference)."""
    import docx

    document = docx.Document(path)
    rows, paragraph_no, table_no = [], 0, 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                rows.append([(text, paragraph_no, 1, f"段落{paragraph_no}", 0)])
        elif tag == "tbl":
            table_no += 1
            above = {}
            for r, row in enumerate(docx.table.Table(child, document).rows, 1):
                out, last = [], None
                for c, cell in enumerate(row.cells, 1):
                    if cell._tc is last:
                        continue
                    last = cell._tc
                    text = "" if above.get(c) is cell._tc else cell.text
                    above[c] = cell._tc
                    out.append((text, r, c, f"表{table_no} 第{r}行第{c}列", len(out)))
                rows.append(out)
    return rows


@pytest.mark.parametrize("name", ["2026-申报表.docx", "2018-申报表.docx"])
def test_the_shanghai_docx_forms_read_as_python_docx_read_them(name):
    path = os.path.join(FIXTURES, "forms", name)
    got = [[(c.text, c.line, c.column, c.label, c.index) for c in row] for row in docx_rows(path)]
    assert got == _python_docx_rows(path)


SECRET = "TOP-SECRET-7f3a9"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "gitlab", "junit"])
def test_an_entity_pointing_at_a_local_file_never_shows_its_content(tmp_path, fmt):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY a "{"x" * 50}">]>'
    body = p("2025年项目支出绩效目标表&xxe;&a;") + "<w:tbl><w:tr>" + tc("项目名称&xxe;") + tc("&xxe;") + "</w:tr></w:tbl>"
    form = make_docx(tmp_path / "xxe.docx", body, prolog)
    code, out, err = run_cli("check", "--no-cache", "--format", fmt, form)
    assert code == 1, err
    assert SECRET not in out and SECRET not in err
    assert "Traceback" not in err
    if fmt == "json":
        found = json.loads(out)["findings"]
        assert [f["code"] for f in found] == ["LG001"] and "DTD" in found[0]["message"]


def test_billion_laughs_is_refused_at_once(tmp_path):
    ents = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    form = make_docx(tmp_path / "bomb.docx", p("&l9;"), f"<!DOCTYPE w:document [{ents}]>")
    t = time.perf_counter()
    with pytest.raises(FormError) as exc:
        docx_rows(form)
    assert exc.value.kind == "xml-entities" and time.perf_counter() - t < 5


def test_cells_are_counted_before_any_is_built(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_CELLS", 10)
    body = "<w:tbl>" + ("<w:tr>" + tc("x") * 4 + "</w:tr>") * 3 + "</w:tbl>"
    with pytest.raises(FormError) as exc:
        docx_rows(make_docx(tmp_path / "c.docx", body))
    assert exc.value.kind == "too-many-cells" and exc.value.args_ == {"cells": 12, "limit": 10}


def test_the_document_xml_is_read_within_its_limit(tmp_path):
    form = make_docx(tmp_path / "big.docx", p("表" * 5000))
    with pytest.raises(FormError) as exc:
        docx_rows(form, max_bytes=4000)
    assert exc.value.kind == "xml-too-large" and exc.value.args_["limit"] == 4000
    docs = load_form(form, "big.docx", max_bytes=4000)
    assert docs[0].problems[0].kind == "form-xml-too-large"


@pytest.mark.parametrize("name", ["old.doc", "old.wps", "OLD.DOC"])
def test_old_word_files_say_to_save_as_docx(tmp_path, name):
    f = tmp_path / name
    f.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    code, out, err = run_cli("check", "--no-cache", "--format", "json", str(f))
    found = json.loads(out)["findings"]
    assert code == 1 and [x["code"] for x in found] == ["LG001"]
    assert ".docx" in found[0]["message"] and "另存为" in found[0]["message"]


def test_a_huge_text_form_is_refused_before_it_is_read(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    t = time.perf_counter()
    docs = load_form(str(f), "huge.txt")
    assert docs[0].problems[0].kind == "form-too-large" and time.perf_counter() - t < 1
    assert docs[0].problems[0].args["limit"] == 5 * 1024 * 1024


@pytest.mark.parametrize("mark", ["☐x", "☑", "x"])
def test_a_ten_megabyte_line_is_a_finding_in_bounded_time(tmp_path, mark):
    f = tmp_path / "line.txt"
    f.write_text("上海市财政支出项目绩效目标申报表\n项目类型\t" + mark * (10_000_000 // len(mark)) + "\n", encoding="utf-8")
    t = time.perf_counter()
    with pytest.raises(FormError) as exc:
        read_text(str(f), max_bytes=64 * 1024 * 1024)  # the size limit raised: the line limit still holds
    assert exc.value.kind == "line-too-long" and exc.value.args_["line"] == 2
    assert time.perf_counter() - t < 5
    code, out, err = run_cli("check", "--no-cache", "--format", "json", str(f))
    found = json.loads(out)["findings"]
    assert [x["code"] for x in found] == ["LG001"] and "max-file-size" in found[0]["message"]


def test_pdf_that_is_damaged_encrypted_or_a_scan(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage")
    scan = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(scan), pagesize=A4)
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), pagesize=A4, encrypt="secret")
    c.drawString(100, 700, "x")
    c.save()
    kinds = {f.name: load_form(str(f), f.name)[0].problems[0].kind for f in (broken, scan, locked)}
    assert kinds == {"broken.pdf": "form-corrupt", "scan.pdf": "form-pdf-no-text", "locked.pdf": "form-pdf-encrypted"}


def test_not_a_pdf_at_all(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"GIF89a not a pdf")
    assert load_form(str(f), "x.pdf")[0].problems[0].kind == "form-corrupt"


def test_wingdings_checkboxes_read_as_marks(tmp_path):
    sym = '<w:r><w:sym w:font="Wingdings" w:char="{}"/><w:t>{}</w:t></w:r>'
    body = "<w:tbl><w:tr><w:tc><w:p>" + sym.format("F0FE", "经常性项目") + sym.format("f0a8", "一次性项目") + \
        "</w:p></w:tc></w:tr></w:tbl>"
    rows = docx_rows(make_docx(tmp_path / "s.docx", body))
    assert rows[0][0].text == "☑经常性项目□一次性项目"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.docx", "pipe.pdf"])
def test_a_pipe_named_as_a_form_is_not_waited_on(tmp_path, name):
    f = tmp_path / name
    os.mkfifo(f)
    t = time.perf_counter()
    docs = load_form(str(f), name)
    assert docs[0].problems[0].kind == "form-not-regular" and time.perf_counter() - t < 2


def test_a_pdf_table_over_pages_with_its_header_repeated_is_one_table(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from lintgoals.importers.pdf import read_pdf

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("c", fontName="STSong-Light", fontSize=9, leading=11)
    head = [["项目名称", "社区培训", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"]]
    body = [["产出指标", "数量指标", f"培训场次{i}", f"≥{i}场"] for i in range(1, 81)]
    data = [[Paragraph(x, style) if x else "" for x in r] for r in head + body]
    table = Table(data, repeatRows=2)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (1, 0), (3, 0))]))
    f = tmp_path / "long.pdf"
    SimpleDocTemplate(str(f), pagesize=A4).build([Paragraph("2025年项目支出绩效目标表", style), table])
    tables = read_pdf(str(f))
    assert len(tables) == 1
    names = [r["name"] for r in tables[0].data["indicators"]]
    assert names == [f"培训场次{i}" for i in range(1, 81)]
    pages = {tables[0].cells[("indicators", i, "name")].label.split(" ")[0] for i in range(80)}
    assert len(pages) >= 2
