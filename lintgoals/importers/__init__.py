"""Real forms in: the xlsx, docx and text forms people actually have, read
into format-1 documents whose locations are the form's own cells.

Imported only when a form file is checked or imported, so that `lintgoals
check` on YAML never pays for openpyxl or python-docx.
"""
from __future__ import annotations

import os
import stat
from typing import Dict, List, Optional

from ..document import Document, LoadProblem
from ..load import FORM_SUFFIXES  # noqa: F401  (the suffixes the readers below take)
from ..model import Location
from .grid import Cell, Table


class FormError(Exception):
    """A form that cannot be read: what was expected and what was found (LG001)."""

    def __init__(self, kind: str, **args) -> None:
        super().__init__(kind)
        self.kind = kind
        self.args_ = args


def require_office_package(path: str, expected: str) -> None:
    """xlsx and docx are zip packages; an OLE file in their place is an encrypted
    (or pre-2007) Office file, anything else is damaged."""
    import zipfile

    if zipfile.is_zipfile(path):
        return
    with open(path, "rb") as fh:
        head = fh.read(8)
    raise FormError("encrypted" if head.startswith(b"\xd0\xcf\x11\xe0") else "corrupt", expected=expected)


# The words a form's text says in its first 4 KB: a target table (绩效目标), a
# self-evaluation (绩效自评) and the indicator tables of either (绩效指标).
FORM_TEXT_WORDS = ("绩效目标", "绩效自评", "绩效指标")
# traditional → simplified for those words only (a sniff does not load OpenCC)
_T2S = str.maketrans({"績": "绩", "標": "标", "評": "评"})


def looks_like_form_text(path: str) -> bool:
    """For folder walks: a .txt is a form only if it says so in its first lines
    (after width folding and traditional → simplified; UTF-8 or GB18030)."""
    import unicodedata

    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    if any(w.encode("utf-8") in head for w in FORM_TEXT_WORDS):  # the usual case, no decoding
        return True
    for encoding in ("utf-8", "gb18030", "utf-16"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # a cut at 4096 bytes can split the last character
            text = head[:-3].decode(encoding, errors="ignore") if encoding == "utf-8" else None
        if text:
            text = unicodedata.normalize("NFKC", text).translate(_T2S).replace(" ", "").replace("\u3000", "")
            if any(w in text for w in FORM_TEXT_WORDS):
                return True
    return False


# What the readers take and why other form-like files are skipped: in a light
# module (a folder walk asks about README.md without loading the readers).
from ..skipped import SKIPPED_SUFFIXES, readable_suffixes, skip_reason  # noqa: E402,F401


# What a FormError means, by kind: the loader's own words (LG001 and `import`
# show them). Arguments are filled in; a person never sees a Python dict.
FORM_REASONS = {
    "unsupported": {"zh": "不支持的文件类型 {suffix}：可读取 .yaml/.yml/.json 和 {forms} 表格",
                    "en": "unsupported file type {suffix}: lintgoals reads .yaml/.yml/.json and {forms} forms"},
    "encoding": {"zh": "文本不是 UTF-8（看起来是 {encoding}）：请另存为 UTF-8",
                 "en": "the text is not UTF-8 (it looks like {encoding}): save it as UTF-8"},
    "unknown-layout": {"zh": "没有认出绩效目标表或绩效自评表：应有含“绩效目标”或“绩效自评”的标题，以及“一级指标、二级指标、三级指标、指标值”这样的表头，第一行是“{found}”",
                       "en": "no target or self-evaluation table recognised: expected a title holding 绩效目标 or 绩效自评 and a header such as 一级指标, 二级指标, 三级指标, 指标值; the first line is '{found}'"},
    "not-a-form": {"zh": "不是绩效目标表：应有标题“{expected}”，实际是 {found}",
                   "en": "not a target table: expected the title '{expected}', found {found}"},
    "encrypted": {"zh": "文件已加密或是旧版 Office 格式（应为 {expected}）：请去掉密码并另存为 .{expected}",
                  "en": "the file is encrypted or an old Office format (expected {expected}): remove the password and save as .{expected}"},
    "corrupt": {"zh": "文件已损坏，无法作为 {expected} 打开", "en": "the file is damaged and cannot be opened as {expected}"},
    "no-table": {"zh": "文件里没有找到目标表", "en": "no target table found in the file"},
    # grid.recognise: a table with a form's title or labels but no indicator read from it
    "no-indicators": {"zh": "“{title}”像是绩效目标表，但没有读到任何绩效指标：应有表头“{looked_for}”（或其同义词，见 lintgoals/data/layouts.yaml），实际找到“{found}”",
                      "en": "'{title}' looks like a target table, but no indicator was read from it: expected the header '{looked_for}' (or a synonym in lintgoals/data/layouts.yaml), found '{found}'"},
    "missing-library": {"zh": "读取该格式需要安装 {library}", "en": "reading this format needs {library} installed"},
    # the bounds of the readers (docx.py, text.py, pdf.py) and the formats they refuse
    "too-large": {"zh": "表格文件有 {size} 字节，超过上限 {limit} 字节：若确是一张表格，请在配置中调高 max-file-size",
                  "en": "the form has {size} bytes, over the limit of {limit}: if it is a form, raise max-file-size in the config"},
    "line-too-long": {"zh": "第 {line} 行有 {length} 个字符，超过每行上限 {limit}（max-file-size 的 1/{share}），表格文本的一行不会这么长；若确是表格，请调高 max-file-size",
                      "en": "line {line} has {length} characters, over the limit of {limit} per line (1/{share} of max-file-size); no form has such a line; if this is one, raise max-file-size"},
    "xml-too-large": {"zh": "{part} 解压后超过 {limit} 字节：若确是一张表格，请在配置中调高 max-file-size",
                      "en": "{part} unpacks to more than {limit} bytes: if it is a form, raise max-file-size in the config"},
    "too-many-rows": {"zh": "表格有 {rows} 行有内容，超过每张工作表 {limit} 行的上限（一张目标表通常只有几十行）：请只保留目标表所在的工作表或页，或把它另存为单独的文件",
                      "en": "the sheet has {rows} rows with content, over the limit of {limit} per sheet (a target table has tens): keep only the sheet or pages of the target table, or save it as a file of its own"},
    "too-many-cells": {"zh": "表格有 {cells} 个单元格，超过每个文件 {limit} 个的上限：不像一张目标表，请拆分文件",
                       "en": "the tables have {cells} cells, over the limit of {limit} per file: not like a target table; split the file"},
    "xml-entities": {"zh": "{part} 声明了 DTD（实体），Word 和 WPS 从不这样写，可能是恶意文件：未读取其内容。请用 Word 或 WPS 重新另存为 .docx",
                     "en": "{part} declares a DTD (entities), which Word and WPS never write; it may be hostile: not read. Save it again as .docx in Word or WPS"},
    "old-word": {"zh": "{suffix} 是 Word 97-2003/WPS 的旧二进制格式，无法读取：请在 Word 或 WPS 中“另存为” .docx 后再检查",
                 "en": "{suffix} is the old binary Word 97-2003/WPS format and cannot be read: 'save as' .docx in Word or WPS, then check that"},
    "not-regular": {"zh": "不是普通文件（设备、管道或套接字），不予读取", "en": "not a regular file (a device, pipe or socket); not read"},
    "pdf-encrypted": {"zh": "PDF 已加密（有打开密码）：请去掉密码后另存", "en": "the PDF is encrypted (it has a password): save it without one"},
    "pdf-no-text": {"zh": "PDF 的 {pages} 页中没有文字（可能是扫描件）：请用原始的 .xlsx/.docx 表格，或先做文字识别（OCR）",
                    "en": "the PDF's {pages} pages hold no text (a scan?): use the original .xlsx/.docx form, or run text recognition (OCR) first"},
    "pdf-too-many-pages": {"zh": "PDF 有 {pages} 页，超过上限 {limit} 页：请只保留含绩效目标表的页",
                           "en": "the PDF has {pages} pages, over the limit of {limit}: keep only the pages with the target tables"},
}


def form_reason(kind: str, args, lang: str = "zh") -> str:
    """A FormError as a sentence in `lang`; an unknown kind names its arguments plainly."""
    forms = "/".join(readable_suffixes())
    texts = FORM_REASONS.get(kind)
    if texts is None:
        detail = "，".join(f"{k} {v}" for k, v in dict(args).items())
        return f"{kind}（{detail}）" if detail and lang == "zh" else (f"{kind} ({detail})" if detail else kind)
    try:
        return texts[lang].format(forms=forms, **dict(args))
    except (KeyError, IndexError):
        return texts[lang].replace("{forms}", forms)


# Word 97-2003 and WPS documents: binary formats read by no well-kept Python
# library (LibreOffice would be a 300 MB dependency): say how to convert.
OLD_WORD = (".doc", ".wps")


def read_tables(path: str, max_bytes: Optional[int] = None, layouts: Optional[dict] = None) -> List[Table]:
    """`max_bytes`: the size limit of a form (config max-file-size), None for
    each reader's default; `layouts`: the config's additions to layouts.yaml.
    Every table of a recognised layout records its file in form.source."""
    from .grid import use_layouts

    use_layouts(layouts)
    tables = _read_tables(path, max_bytes)
    if tables and all(t.problem is not None for t in tables):
        # no table gave an indicator: the file cannot be read (`import` writes nothing)
        raise FormError(tables[0].problem[0], **tables[0].problem[1])
    source = os.path.basename(path)
    for t in tables:
        form = t.data.get("form")
        if isinstance(form, dict) and "source" not in form:
            form["source"] = source
    return tables


def _read_tables(path: str, max_bytes: Optional[int]) -> List[Table]:
    suffix = os.path.splitext(path)[1].lower()
    st = os.stat(path)  # never blocks (an open() of a FIFO would wait for a writer)
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(path)
    if not stat.S_ISREG(st.st_mode):
        raise FormError("not-regular")
    if suffix == ".xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if suffix in (".xls", ".et"):
        from .xls import read_xls

        return read_xls(path)
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(path, max_bytes=max_bytes)
    if suffix == ".txt":
        from .text import read_text

        return read_text(path, max_bytes=max_bytes)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path, max_bytes=max_bytes)
    if suffix in OLD_WORD:
        raise FormError("old-word", suffix=suffix)
    raise FormError("unsupported", suffix=suffix)


def load_form(path: str, display: str, max_bytes: Optional[int] = None,
              layouts: Optional[dict] = None) -> List[Document]:
    """One document per table in the form; a form that cannot be read is one
    failed document (LG001), and so is a table that looks like a form but
    gave no indicator (never a document with zero indicators)."""
    try:
        tables = read_tables(path, max_bytes, layouts)
    except FormError as exc:
        return [Document.failed(display, LoadProblem(f"form-{exc.kind}", exc.args_))]
    except FileNotFoundError:
        return [Document.failed(display, LoadProblem("not-found", {}))]
    except IsADirectoryError:
        return [Document.failed(display, LoadProblem("is-directory", {}))]
    except OSError as exc:
        return [Document.failed(display, LoadProblem("os-error", {"error": exc.strerror or str(exc)}))]
    if not tables:
        return [Document.failed(display, LoadProblem("form-no-table", {}))]
    many = len(tables) > 1
    return [to_document(t, f"{display}#{i}" if many else display) if t.problem is None else
            Document.failed(f"{display}#{i}" if many else display, LoadProblem(f"form-{t.problem[0]}", t.problem[1]))
            for i, t in enumerate(tables, 1)]


def to_document(table: Table, display: str) -> Document:
    cells: Dict[tuple, Cell] = table.cells

    def locate(parts: tuple) -> Location:
        p = parts
        while p and p not in cells:
            p = p[:-1]
        c = cells.get(p)
        return Location(c.line, c.column, c.label) if c else Location(1, 1)

    doc = Document(display, table.data, locator=locate)
    doc.cells = {k: c.label for k, c in cells.items()}
    return doc
