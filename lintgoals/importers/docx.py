"""Word forms: word/document.xml read straight from the zip with lxml, no
python-docx (whose object model cost ~40 ms and 0.45 MB per file, loading
styles the forms never need).

The grid is what python-docx gave before: every body paragraph with text is a
one-cell row (a title), every table row a row; a cell spanning grid columns
(gridSpan) is one cell, a cell continuing a vertical merge (vMerge) is an
empty cell, so the recogniser forward-fills it. A cell's text is its
paragraphs joined by newlines. A table inside a cell is read as a table of
its own, after the row that holds it.

Bounded by design: the XML read is capped in bytes and the table cells are
counted before any is built; entities are never resolved, the network never
used, and a document XML declaring a DTD (entities: XXE, billion laughs) is
refused before any of its text is used.
"""
from __future__ import annotations

import zipfile
from typing import List, Optional

from . import FormError, require_office_package
from .grid import TITLE_2018, TITLE_2026, Cell, Row, Table, parse_grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 32 * 1024 * 1024   # ~1,000 pages of tables (a form is well under 1 MB); the tree is ~3× this
MAX_CELLS = 200_000                # table cells per document (a form has a few hundred)
MAX_SPAN = 64                      # Word tables have at most 63 columns

_TC = W + "tc"


def read_docx(path: str, layouts=None, max_bytes: Optional[int] = None) -> List[Table]:
    rows = docx_rows(path, max_bytes)
    tables = parse_grid(rows, layouts=layouts, by_column=True)  # Cell.column is the table's grid column
    if tables:
        return tables
    raise FormError("not-a-form", expected=f"{TITLE_2026} / {TITLE_2018} / 绩效目标表 / 绩效自评表",
                    found=_first_text(rows))


def _first_text(rows: List[Row]) -> str:
    first = next((c.text.strip() for row in rows for c in row if c.text.strip()), "")
    return f"“{first[:30]}”" if first else "an empty document"


def docx_rows(path: str, max_bytes: Optional[int] = None) -> List[Row]:
    """The document as grid rows (see the module docstring)."""
    from lxml import etree

    require_office_package(path, "docx")
    limit = max_bytes or MAX_XML_BYTES
    try:
        with zipfile.ZipFile(path) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise FormError("corrupt", expected="docx", error="no word/document.xml") from None
            if info.file_size > limit:
                raise FormError("xml-too-large", limit=limit, part="word/document.xml")
            with z.open(info) as fh:
                data = fh.read(limit + 1)  # the size in the zip's directory can lie, this cannot
        if len(data) > limit:
            raise FormError("xml-too-large", limit=limit, part="word/document.xml")
        root = etree.fromstring(data, _parser())
    except FormError:
        raise
    except etree.XMLSyntaxError as exc:
        if _declares_dtd(data):  # libxml2 stopped an entity loop or amplification: say why, not "damaged"
            raise FormError("xml-entities", part="word/document.xml") from exc
        raise FormError("corrupt", expected="docx", error=f"{type(exc).__name__}: {exc}") from exc
    except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        raise FormError("corrupt", expected="docx", error=f"{type(exc).__name__}: {exc}") from exc
    if root.getroottree().docinfo.internalDTD is not None:
        # Word never writes a DTD: entities here are an attack (XXE, billion laughs); never resolved, refused
        raise FormError("xml-entities", part="word/document.xml")
    cells = sum(1 for _ in root.iter(_TC))  # counted before any is built
    if cells > MAX_CELLS:
        raise FormError("too-many-cells", cells=cells, limit=MAX_CELLS)
    return _records(str(_transform()(root)))


def _declares_dtd(data: bytes) -> bool:
    head = data[:65536]
    return any(mark in head for mark in (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be")))


_cache = {}


def _parser():
    from lxml import etree

    p = _cache.get("parser")
    if p is None:  # one per process: a parser is reusable
        p = _cache["parser"] = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                               huge_tree=False, remove_comments=True, remove_pis=True)
    return p


def _transform():
    from lxml import etree

    x = _cache.get("xslt")
    if x is None:  # no file, network or output access from the stylesheet
        x = _cache["xslt"] = etree.XSLT(etree.fromstring(_XSLT.encode("utf-8")),
                                        access_control=etree.XSLTAccessControl.DENY_ALL)
    return x


# The walk is one XSLT pass in C (libxslt): ~2.5 ms for the 2026 form, where
# a Python walk over lxml elements took ~9 ms (a proxy object per element).
# It writes records ending in U+FDD0, fields split by U+FDD1 (noncharacters,
# removed from the text): "P|text" a body paragraph, "T" a table starts, "E" it
# ends, "R|gridBefore|span|vMerge|text|span|vMerge|text…" a row. A table inside
# a cell follows the row that holds it.
_XSLT = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">
  <xsl:output method="text" encoding="UTF-8"/>
  <xsl:template match="text()"/>
  <xsl:template match="w:p">P&#xFDD1;<xsl:apply-templates mode="t"/>&#xFDD0;</xsl:template>
  <xsl:template match="w:tbl">T&#xFDD0;<xsl:apply-templates select="w:tr | w:sdt/w:sdtContent/w:tr"/>E&#xFDD0;</xsl:template>
  <xsl:template match="w:tr">R&#xFDD1;<xsl:value-of select="w:trPr/w:gridBefore/@w:val"/>
    <xsl:apply-templates select="w:tc | w:sdt/w:sdtContent/w:tc"/>&#xFDD0;<xsl:apply-templates
      select="w:tc/w:tbl | w:sdt/w:sdtContent/w:tc/w:tbl"/></xsl:template>
  <xsl:template match="w:tc">&#xFDD1;<xsl:value-of select="w:tcPr/w:gridSpan/@w:val"/>&#xFDD1;<xsl:if
      test="w:tcPr/w:vMerge">m<xsl:value-of select="w:tcPr/w:vMerge/@w:val"/></xsl:if>&#xFDD1;<xsl:apply-templates
      select="w:p | w:sdt/w:sdtContent/w:p" mode="cell"/></xsl:template>
  <xsl:template match="w:p" mode="cell"><xsl:if test="position() &gt; 1"><xsl:text>&#10;</xsl:text></xsl:if><xsl:apply-templates
      mode="t"/></xsl:template>
  <!-- a paragraph's text as python-docx reads it: runs' text, tabs, line breaks; not text boxes, deletions, field codes -->
  <xsl:template match="text()" mode="t"/>
  <xsl:template match="w:t" mode="t"><xsl:value-of select="translate(., '&#xFDD0;&#xFDD1;', '')"/></xsl:template>
  <xsl:template match="w:r/w:tab | w:r/w:ptab" mode="t"><xsl:text>&#9;</xsl:text></xsl:template>
  <xsl:template match="w:r/w:cr | w:r/w:br[not(@w:type) or @w:type='textWrapping']" mode="t"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="w:r/w:noBreakHyphen" mode="t">-</xsl:template>
  <!-- checkboxes drawn as Wingdings symbols (2018-style 项目类型 rows): as the marks a text export has -->
  <xsl:template match="w:r/w:sym" mode="t"><xsl:choose>
      <xsl:when test="contains('|F0FE|F052|F0FD|F054|F053|F078|', concat('|', translate(@w:char, 'abcdef', 'ABCDEF'), '|'))">☑</xsl:when>
      <xsl:when test="contains('|F0A8|F0A3|F06F|F071|F0A1|', concat('|', translate(@w:char, 'abcdef', 'ABCDEF'), '|'))">□</xsl:when>
    </xsl:choose></xsl:template>
  <xsl:template match="w:pPr | w:rPr | w:txbxContent | mc:Fallback | w:del | w:instrText | w:delText" mode="t"/>
</xsl:stylesheet>"""
END, SEP = "\ufdd0", "\ufdd1"


def _records(out: str) -> List[Row]:
    rows: List[Row] = []
    stack: List[list] = []  # open tables: [number, rows so far]
    paragraph_no = table_no = 0
    for rec in out.split(END):
        kind = rec[:1]
        if kind == "R" and stack:
            t = stack[-1]
            t[1] += 1
            no, r = t
            f = rec.split(SEP)
            row: Row = []
            col = 1
            for _ in range(_span(f[1], 0)):  # a row starting further right: its first grid columns are empty
                row.append(Cell("", r, col, f"表{no} 第{r}行第{col}列", len(row)))
                col += 1
            for i in range(2, len(f) - 2, 3):
                merge = f[i + 1]
                # below the first row of a vertical merge: empty, the recogniser fills it down
                text = "" if merge == "m" or merge == "mcontinue" else f[i + 2]
                row.append(Cell(text, r, col, f"表{no} 第{r}行第{col}列", len(row)))
                col += _span(f[i], 1)
            rows.append(row)
        elif kind == "P":
            paragraph_no += 1
            text = rec[2:]
            if text.strip():
                rows.append([Cell(text, paragraph_no, 1, f"段落{paragraph_no}", 0)])
        elif kind == "T":
            table_no += 1
            stack.append([table_no, 0])
        elif kind == "E" and stack:
            stack.pop()
    return rows


def _span(value: Optional[str], default: int) -> int:
    if not value:
        return default
    if value.isdigit():  # str.isdigit also takes "²": int() refuses it
        try:
            return min(int(value), MAX_SPAN)
        except ValueError:
            return default
    return default
