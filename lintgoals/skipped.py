"""Files a folder walk passes over that a person may have meant as forms:
why each is not read and what to do, in both languages. Light on purpose:
the CLI asks about every skipped file without loading the form readers
(`lintgoals.importers` re-exports these names for its readers to extend).
"""
from __future__ import annotations

import os


def readable_suffixes() -> tuple:
    """The form suffixes lintgoals.importers reads (its readers extend load.FORM_SUFFIXES)."""
    from .load import FORM_SUFFIXES

    return FORM_SUFFIXES


# Files a folder walk skips that a person may have meant as forms: why, and
# what to do. Bilingual, like every text a person reads.
_SKIP = {
    ".xls": {"zh": "Excel 97-2003 格式（.xls）暂不能读取：请在 Excel 或 WPS 中另存为 .xlsx",
             "en": "Excel 97-2003 (.xls) cannot be read yet: save it as .xlsx in Excel or WPS"},
    ".et": {"zh": "WPS 表格格式（.et）不能读取：请在 WPS 中另存为 .xlsx",
            "en": "a WPS spreadsheet (.et) cannot be read: save it as .xlsx in WPS"},
    ".doc": {"zh": "Word 97-2003 格式（.doc）不能读取：请在 Word 或 WPS 中另存为 .docx",
             "en": "Word 97-2003 (.doc) cannot be read: save it as .docx in Word or WPS"},
    ".wps": {"zh": "WPS 文字格式（.wps）不能读取：请在 WPS 中另存为 .docx",
             "en": "a WPS document (.wps) cannot be read: save it as .docx in WPS"},
    ".pdf": {"zh": "PDF 暂不能读取：请用原始的 .xlsx/.docx 表格，或把 PDF 中的文字复制到 UTF-8 的 .txt 文件",
             "en": "PDF cannot be read yet: use the original .xlsx/.docx form, or copy the PDF's text into a UTF-8 .txt file"},
    ".xlsm": {"zh": "带宏的 Excel 文件（.xlsm）不能读取：请另存为 .xlsx", "en": "a macro workbook (.xlsm) cannot be read: save it as .xlsx"},
    ".ods": {"zh": "OpenDocument 表格（.ods）不能读取：请另存为 .xlsx", "en": "an OpenDocument sheet (.ods) cannot be read: save it as .xlsx"},
    ".odt": {"zh": "OpenDocument 文档（.odt）不能读取：请另存为 .docx", "en": "an OpenDocument text (.odt) cannot be read: save it as .docx"},
    ".txt": {"zh": "不是表格文本：前 4 KB 中没有“绩效目标”“绩效自评”或“绩效指标”；若确是表格，请在命令行直接写出该文件",
             "en": "not the text of a form: its first 4 KB hold no title of a target or self-evaluation table; if it is a form, name the file on the command line"},
}
SKIPPED_SUFFIXES = tuple(_SKIP)


def skip_reason(path: str):
    """Why a file that looks like a form is not read ({"zh", "en"}), or None:
    None for what the readers take and for files that are no form at all
    (README.md). A .txt is asked about only once the walk found it is no form."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".txt":
        return _SKIP[".txt"]
    if suffix in readable_suffixes():
        return None
    return _SKIP.get(suffix)
