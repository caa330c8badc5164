"""The LSP side of `lintgoals server` (pygls 2): documents in, diagnostics,
code actions and hovers out. Everything it says is computed by
`lintgoals.server.core`; here are only the protocol's shapes and timing.

Diagnostics: on open and save at once, on change after `debounce` ms of
quiet (the last text wins; an edit in between cancels the pending lint).
A lint that fails in lintgoals itself becomes a diagnostic on the first
line, never a dead server.
"""
from __future__ import annotations

import asyncio
import logging
import os
import threading
import traceback
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..model import Severity
from . import say
from .core import Item, Linter, Result, Settings, find_item, item_key, looks_like_table

log = logging.getLogger("lintgoals.server")

EXPLAIN = "lintgoals.explain"
FIX_ALL_KIND = "source.fixAll.lintgoals"
_SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
             Severity.INFO: types.DiagnosticSeverity.Information}
_LANGS = ("yaml", "json", "jsonc")
CONFIG_NAMES = (".lintgoals.yaml", ".lintgoals.yml", "pyproject.toml")


class LintgoalsServer(LanguageServer):
    def __init__(self, settings: Settings, debounce: float = 0.2) -> None:
        super().__init__("lintgoals", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linter = Linter(settings)
        self.settings = settings
        self.debounce = debounce
        self.results: Dict[str, Tuple[int, Result]] = {}   # uri → (version, its last lint)
        self.tables: Dict[str, bool] = {}                   # uri → a table (sticky while it is open)
        self.pending: Dict[str, asyncio.TimerHandle] = {}
        self.explain_links: Dict[Tuple[str, str], Optional[str]] = {}
        self.lints = 0   # lints done (tests, logs)

    # ---------------------------------------------------------------- documents
    def path_of(self, uri: str) -> str:
        path = to_fs_path(uri) if uri.startswith("file:") else None
        if path is None:  # untitled: named in the workspace, so its config applies
            path = os.path.join(self.linter.root, os.path.basename(uri.split(":", 1)[-1]) or "untitled.yaml")
        return path

    def is_table(self, uri: str) -> bool:
        if self.tables.get(uri):
            return True
        doc = self.workspace.get_text_document(uri)
        path = self.path_of(uri)
        low = path.lower()
        if not (low.endswith((".yaml", ".yml", ".json")) or (doc.language_id or "") in _LANGS):
            return False
        yes = looks_like_table(doc.source, path)
        if yes:
            self.tables[uri] = True
        return yes

    def lint_now(self, uri: str) -> Optional[Result]:
        """Lint the document as it is now and publish its diagnostics."""
        self.pending.pop(uri, None)
        if uri not in self.workspace.text_documents or not self.is_table(uri):
            return None  # closed meanwhile, or not a table
        doc = self.workspace.get_text_document(uri)
        version = doc.version or 0
        text = doc.source
        try:
            res = self.linter.lint(text, self.path_of(uri))
            diagnostics = [self.diagnostic(res, i) for i in res.items]
        except Exception as exc:  # lintgoals' own failure: said on the first line, the server goes on
            log.error("lint of %s failed:\n%s", uri, traceback.format_exc())
            lang = self.linter._lang(None)
            first = text.split("\n", 1)[0]
            diagnostics = [types.Diagnostic(
                range=types.Range(types.Position(0, 0), types.Position(0, self.units(first))),
                message=say("crashed", lang, error=f"{type(exc).__name__}: {exc}"),
                severity=types.DiagnosticSeverity.Error, source="lintgoals", code="internal-error")]
            res = None
        if res is not None:
            self.results[uri] = (version, res)
        self.lints += 1
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        return res

    def schedule(self, uri: str) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.lint_now, uri)

    def current(self, uri: str) -> Optional[Result]:
        """The lint of the document's current version (linted now if it changed since)."""
        if uri not in self.workspace.text_documents:
            return None
        doc = self.workspace.get_text_document(uri)
        got = self.results.get(uri)
        if got is not None and got[0] == (doc.version or 0) and got[1].text == doc.source:
            return got[1]
        return self.lint_now(uri)

    def relint_all(self) -> None:
        for uri in list(self.results):
            self.lint_now(uri)

    # ---------------------------------------------------------------- shapes
    def units(self, text: str) -> int:
        return self.workspace.position_codec.client_num_units(text)

    def position(self, res: Result, offset: int) -> types.Position:
        line, col = res.lines.position(offset)
        return types.Position(line=line, character=self.units(res.lines.line_text(line)[:col]))

    def range(self, res: Result, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(res, start), end=self.position(res, end))

    def offset(self, res: Result, pos: types.Position) -> int:
        text = res.lines.line_text(pos.line)
        col, units = 0, 0
        for c in text:  # client units → code points
            if units >= pos.character:
                break
            units += self.units(c)
            col += 1
        return res.lines.offset(pos.line, col)

    def explain_link(self, code: str, lang: str) -> Optional[str]:
        key = (code, lang)
        if key not in self.explain_links:
            try:
                target = self.linter.explain_file(code, lang)
            except OSError:
                target = None
            self.explain_links[key] = Path(target).as_uri() if target else None
        return self.explain_links[key]

    def diagnostic(self, res: Result, item: Item) -> types.Diagnostic:
        f = item.finding
        link = self.explain_link(f.code, res.profile.lang) if f.code != "LG000" else None
        related = []
        for file, loc, _path in f.related or ():
            if not loc.line:
                continue
            path = file if os.path.isabs(file) else os.path.join(self.linter.root, file)
            pos = types.Position(line=loc.line - 1, character=max(loc.column - 1, 0))
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=Path(path).as_uri(), range=types.Range(pos, pos)), message=file))
        return types.Diagnostic(
            range=self.range(res, item.start, item.end), message=item.message, severity=_SEVERITY[item.severity],
            code=f.code, source="lintgoals", code_description=types.CodeDescription(href=link) if link else None,
            related_information=related or None,
            data={"key": list(item_key(f)), "fixable": bool(f.fixable), "name": f.name})


def build(settings: Settings, debounce: float = 0.2) -> LintgoalsServer:
    server = LintgoalsServer(settings, debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: LintgoalsServer, params: types.InitializeParams) -> None:
        root = None
        if params.workspace_folders:
            root = to_fs_path(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = to_fs_path(params.root_uri)
        elif params.root_path:
            root = params.root_path
        if root and os.path.isdir(root):
            os.chdir(root)  # file names in messages and per-file-ignores as `check` run there sees them
            ls.linter.root = os.path.abspath(root)

    @server.feature(types.INITIALIZED)
    def initialized(ls: LintgoalsServer, params: types.InitializedParams) -> None:
        if not ls.settings.scan and not ls.settings.previous:
            ls.linter.scanned = True
            return
        folders = [to_fs_path(f.uri) for f in (ls.workspace.folders or {}).values()] or [ls.linter.root]
        folders = folders if ls.settings.scan else []
        loop = asyncio.get_running_loop()

        def scan() -> None:
            try:
                n = ls.linter.scan([f for f in folders if f])
                log.info("summarised %d tables for the run checks", n)
            except Exception:
                log.error("workspace scan failed:\n%s", traceback.format_exc())
            loop.call_soon_threadsafe(ls.relint_all)  # LG6 pairs now that last year's tables are known

        threading.Thread(target=scan, name="lintgoals-scan", daemon=True).start()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LintgoalsServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LintgoalsServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.is_table(params.text_document.uri):
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LintgoalsServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = ls.path_of(uri)
        if os.path.basename(path) in CONFIG_NAMES:
            ls.linter.forget_configs()
            ls.relint_all()
            return
        if ls.is_table(uri):
            try:
                ls.linter.summarize_file(path)
            except Exception:
                log.error("summary of %s failed:\n%s", path, traceback.format_exc())
            ls.lint_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LintgoalsServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls.pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        if ls.results.pop(uri, None) is not None or ls.tables.pop(uri, None):
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        ls.linter.closed(ls.path_of(uri))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: LintgoalsServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(os.path.basename(to_fs_path(c.uri) or "") in CONFIG_NAMES for c in params.changes):
            ls.linter.forget_configs()
            ls.relint_all()

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False))
    def code_action(ls: LintgoalsServer, params: types.CodeActionParams) -> Optional[List[types.CodeAction]]:
        uri = params.text_document.uri
        res = ls.current(uri)
        if res is None:
            return None
        lang = res.profile.lang
        only = params.context.only
        # kinds as the client asks for them: "quickfix", or "source" / "source.fixAll" (fix on save)
        want_quick = not only or any(k == "quickfix" or k.startswith("quickfix.") for k in only)
        want_all = not only or any(FIX_ALL_KIND == k or FIX_ALL_KIND.startswith(k + ".") for k in only)
        start, end = ls.offset(res, params.range.start), ls.offset(res, params.range.end)
        version = ls.workspace.get_text_document(uri).version
        items = [i for i in res.items if i.start <= end and start <= max(i.end, i.start)]
        for d in params.context.diagnostics:  # the diagnostics the client names, also outside the range
            key = (d.data or {}).get("key") if isinstance(d.data, dict) else None
            hit = find_item(res, key) if key else None
            if hit is not None and hit not in items:
                items.append(hit)
        actions: List[types.CodeAction] = []

        def edit(edits: List[Tuple[int, int, str]]) -> types.WorkspaceEdit:
            text_edits = [types.TextEdit(range=ls.range(res, a, b), new_text=t) for a, b, t in edits]
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                edits=text_edits)])

        if want_quick:
            for item in items:
                f = item.finding
                diag = [ls.diagnostic(res, item)]
                fixes = ls.linter.fix_edits(res, item)
                if fixes:
                    actions.append(types.CodeAction(
                        title=say("action.fix", lang, code=f.code, text=fixes[0][2]), kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, edit=edit(fixes), is_preferred=True))
                sup = ls.linter.suppression(res, item)
                if sup is not None:
                    actions.append(types.CodeAction(
                        title=say("action.suppress", lang, code=f.code), kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, edit=edit([(sup[0], sup[0], sup[1])])))
                if ls.linter.spec(f.code) is not None:
                    actions.append(types.CodeAction(
                        title=say("action.explain", lang, code=f.code), kind=types.CodeActionKind.QuickFix,
                        diagnostics=diag, command=types.Command(title=say("action.explain", lang, code=f.code),
                                                                command=EXPLAIN, arguments=[f.code, lang])))
        if want_all and (only or any(i.finding.fixable for i in items)):  # at the cursor: only beside a fixable one
            new = ls.linter.fix_all(res)
            if new is not None:
                a, b, t = minimal_edit(res.text, new)
                actions.append(types.CodeAction(title=say("action.fix_all", lang), kind=FIX_ALL_KIND, edit=edit([(a, b, t)])))
        # one action per (title, kind): several findings of one code on one line share their explain action
        seen, out = set(), []
        for a in actions:
            key = (a.title, a.kind, repr(a.edit))
            if key not in seen:
                seen.add(key)
                out.append(a)
        return out

    @server.command(EXPLAIN)
    def explain(ls: LintgoalsServer, code: str, lang: Optional[str] = None) -> Optional[str]:
        lang = lang or ls.linter._lang(None)
        page = ls.linter.explain(str(code).upper(), lang)
        if page is None:
            return None
        link = ls.explain_link(str(code).upper(), lang)
        window = getattr(ls.client_capabilities, "window", None)
        if link and window is not None and getattr(window, "show_document", None) is not None \
                and window.show_document.support:
            ls.window_show_document(types.ShowDocumentParams(uri=link, take_focus=True))
        else:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info, message=page))
        return page

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: LintgoalsServer, params: types.HoverParams) -> Optional[types.Hover]:
        res = ls.current(params.text_document.uri)
        if res is None:
            return None
        at = ls.offset(res, params.position)
        lang = res.profile.lang
        parts, span = [], None
        seen = set()
        for item in res.at(at):
            f = item.finding
            head = f"**{f.code}** {item.message}"
            page = ls.linter.explain(f.code, lang) if f.code not in seen else None
            seen.add(f.code)
            parts.append(head + ("\n\n" + page if page else ""))
            span = (item.start, item.end) if span is None else (min(span[0], item.start), max(span[1], item.end))
        reading = ls.linter.reading(res, at)
        if reading:
            parts.append(reading)
        if not parts:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                           range=ls.range(res, *span) if span else None)

    return server


def minimal_edit(old: str, new: str) -> Tuple[int, int, str]:
    """One replacement turning `old` into `new`: the differing middle, on whole lines."""
    a = 0
    n = min(len(old), len(new))
    while a < n and old[a] == new[a]:
        a += 1
    a = old.rfind("\n", 0, a) + 1  # from the start of the first changed line
    b = 0
    while b < n - a and old[len(old) - 1 - b] == new[len(new) - 1 - b]:
        b += 1
    return a, len(old) - b, new[a:len(new) - b]


def serve(settings: Settings, debounce_ms: int = 200) -> None:
    logging.basicConfig(level=logging.WARNING if not os.environ.get("LINTGOALS_DEBUG") else logging.DEBUG)
    build(settings, debounce_ms / 1000.0).start_io()
