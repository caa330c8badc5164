"""LG004/LG005 — the inline suppressions themselves. Whether a suppression
suppressed anything is known only after every check ran, so the suppression
stage (lintgoals/suppress.py) produces these findings; the checks here carry
their metadata, messages and explain pages and find nothing on their own."""
from __future__ import annotations

from lintgoals import check


@check(code="LG004", name="unused-suppression", severity="info", scope="file",
       messages={"zh": "这条 lintgoals: disable 注释没有屏蔽任何发现（{codes}）：问题已经改正，请删除这条注释",
                 "en": "this lintgoals: disable comment suppresses nothing ({codes}): the problem is gone, remove the comment"})
def unused_suppression(doc, ctx):
    """屏蔽注释没有屏蔽任何发现。

    [zh]
    `# lintgoals: disable=…` 或 `disable-file=…` 注释中列出的规则在该处没有任何发现。
    由屏蔽阶段在全部检查之后判断。

    为什么：多余的屏蔽会在以后悄悄盖住新的问题；问题改正后应删除注释。

    反例：

        value: "≥90.00(%)"  # lintgoals: disable=LG201 历史表述

    正例：删除这条注释。

    选项：无。

    [en]
    A `# lintgoals: disable=…` or `disable-file=…` comment whose rules found nothing
    there. Decided by the suppression stage, after all checks ran.

    Why: a stale suppression would later hide a new problem silently.

    Bad:

        value: "≥90.00(%)"  # lintgoals: disable=LG201 old wording

    Good: remove the comment.

    Options: none.
    """
    return iter(())


@check(code="LG005", name="suppression-without-reason", severity="warning", scope="file",
       messages={"zh": "屏蔽注释（{codes}）没有写理由，因此不生效：请在规则代码后写明理由，如“# lintgoals: disable=LG201 上级文件规定的表述”",
                 "en": "the suppression ({codes}) gives no reason, so it does not apply: write one after the codes, e.g. '# lintgoals: disable=LG201 wording set by the bureau'"})
def suppression_without_reason(doc, ctx):
    """屏蔽注释没有写理由（不生效）。

    [zh]
    `# lintgoals: disable=LG201` 之后没有理由。没有理由的屏蔽不生效，原来的发现照常报告。

    为什么：审核时要能看到为什么这一处可以例外；没有理由的屏蔽无法复核。

    反例：

        value: 满足  # lintgoals: disable=LG201

    正例：

        value: 满足  # lintgoals: disable=LG201 上级文件规定的表述，不可改

    选项：无。

    [en]
    `# lintgoals: disable=LG201` with no reason after the codes. Such a suppression does not
    apply: the finding is still reported.

    Why: a reviewer must see why this place is an exception; a bare suppression cannot be
    reviewed.

    Bad:

        value: 满足  # lintgoals: disable=LG201

    Good:

        value: 满足  # lintgoals: disable=LG201 wording set by the bureau

    Options: none.
    """
    return iter(())
