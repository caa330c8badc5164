"""lintgoals: lint performance target tables (财政项目支出绩效目标表) before submission.

Public API: `from lintgoals import check` (see CLI.md "Plugin API").
"""
from .check import check

__version__ = "0.1.0"
__all__ = ["check", "__version__"]
