"""How fast `lintgoals server` re-lints a table after an edit, and whether
memory stays flat over many edits.

1. In process (what each keystroke costs after the debounce): the server's
   Linter re-lints the edited text of each seed table — load, every table
   check, suppressions, LG6/LG7 against the other seed tables (the workspace
   is summarised first, as the server does on open), ranges and messages —
   and then the LSP diagnostics are built from it. Median and 95th percentile.
2. Memory: 2,000 re-lints of edited texts (every seventh one half-typed, an
   LG001), traced with tracemalloc; the heap after the first 100, after
   1,000 and after 2,000, and the process's RSS.
3. Over stdio (with --stdio): a real pygls client starts `lintgoals server
   --debounce 0`, sends a didChange, and waits for the publishDiagnostics of
   that version: the round trip an editor sees, minus the debounce.

    python benchmarks/bench_server.py            # prints the figures
    python benchmarks/bench_server.py --write    # and writes docs/benchmarks.md (server markers)

Timings depend on the machine: never asserted in tests.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import glob
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
SEEDS = os.path.join(ROOT, "fixtures", "seeds")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
START, END = "<!-- server:start -->", "<!-- server:end -->"

from lintgoals.server.core import Linter, Settings  # noqa: E402


def _edit(text: str, i: int) -> str:
    """The table with one value retyped (a different one each time)."""
    at = text.find("value:", text.find("indicators:"))
    line_end = text.find("\n", at)
    return text[:line_end] + f"  # {i}" + text[line_end:] if at >= 0 else text + f"\n# {i}\n"


def _server(linter_settings: Settings):
    from pygls.workspace import Workspace

    from lintgoals.server.lsp import LintgoalsServer

    server = LintgoalsServer(linter_settings)
    server.protocol._workspace = Workspace(None)
    return server


def in_process(n: int):
    os.chdir(ROOT)
    linter = Linter(Settings(), root=ROOT)
    t = time.perf_counter()
    tables = linter.scan([SEEDS])
    scan_ms = (time.perf_counter() - t) * 1000
    server = _server(Settings())
    server.linter = linter
    rows = []
    for path in sorted(glob.glob(os.path.join(SEEDS, "*.yaml"))):
        text = open(path, encoding="utf-8").read()
        linter.lint(text, path)  # warm: config, engine, explain links
        res = linter.lint(text, path)
        [server.diagnostic(res, i) for i in res.items]
        lint, full = [], []
        for i in range(n):
            edited = _edit(text, i)
            t0 = time.perf_counter()
            res = linter.lint(edited, path)
            t1 = time.perf_counter()
            [server.diagnostic(res, it) for it in res.items]
            t2 = time.perf_counter()
            lint.append((t1 - t0) * 1000)
            full.append((t2 - t0) * 1000)
        lint.sort()
        full.sort()
        rows.append((os.path.basename(path), len(text.splitlines()), len(res.items),
                     statistics.median(lint), statistics.median(full), full[int(0.95 * (n - 1))]))
        linter.closed(path)
    return tables, scan_ms, rows


def memory(n: int = 2000):
    os.chdir(ROOT)
    linter = Linter(Settings(), root=ROOT)
    linter.scan([SEEDS])
    server = _server(Settings())
    server.linter = linter
    path = os.path.join(SEEDS, "remote-education-2026.yaml")
    text = open(path, encoding="utf-8").read()
    cut = text.find("value:", text.find("indicators:"))
    tracemalloc.start()
    marks = {}
    for i in range(n):
        edited = text[:cut + 8] + '"≥9' if i % 7 == 3 else _edit(text, i)  # half-typed every seventh
        res = linter.lint(edited, path)
        [server.diagnostic(res, it) for it in res.items]
        if i + 1 in (100, 1000, n):
            gc.collect()
            marks[i + 1] = tracemalloc.get_traced_memory()[0] / 1024
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return marks, rss


async def _stdio(n: int):
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    path = os.path.join(SEEDS, "remote-education-2026.yaml")
    uri = "file://" + path
    text = open(path, encoding="utf-8").read()
    client = LanguageClient("bench", "1")
    waiting = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: types.PublishDiagnosticsParams):
        fut = waiting.pop(params.version, None)
        if fut is not None and not fut.done():
            fut.set_result(len(params.diagnostics))

    await client.start_io(sys.executable, "-m", "lintgoals", "server", "--debounce", "0", "--no-scan", "--previous", SEEDS)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri="file://" + ROOT))
    client.initialized(types.InitializedParams())
    loop = asyncio.get_running_loop()
    waiting[1] = loop.create_future()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await waiting[1] if 1 in waiting else None
    await asyncio.sleep(1.0)  # the --previous tables summarised
    times = []
    for v in range(2, n + 2):
        fut = waiting[v] = loop.create_future()
        t = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=_edit(text, v))]))
        await asyncio.wait_for(fut, 10)
        times.append((time.perf_counter() - t) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200, help="re-lints per table")
    ap.add_argument("--stdio", action="store_true", help="also the round trip over stdio")
    ap.add_argument("--write", action="store_true", help="write docs/benchmarks.md")
    args = ap.parse_args()
    tables, scan_ms, rows = in_process(args.n)
    marks, rss = memory()
    stdio = asyncio.run(_stdio(100)) if args.stdio else None
    out = [START, "## Language server (re-lint after an edit)", "",
           f"Written by `benchmarks/bench_server.py{' --stdio' if args.stdio else ''} --write` on "
           f"{platform.machine()}, Python {platform.python_version()}, {time.strftime('%Y-%m-%d')}. "
           f"The workspace ({tables} seed tables) summarised once first: {scan_ms:.0f} ms, in the background.",
           "", f"In process, {args.n} re-lints of each seed table after a one-line edit (all rules, LG6/LG7 against "
           "the other tables, ranges and messages; then the LSP diagnostics built):", "",
           "| table | lines | findings | lint ms (median) | + diagnostics ms (median) | p95 ms |",
           "|---|---:|---:|---:|---:|---:|"]
    for name, lines, found, lint, full, p95 in rows:
        out.append(f"| {name} | {lines} | {found} | {lint:.2f} | {full:.2f} | {p95:.2f} |")
    worst = max(r[5] for r in rows)
    out += ["", f"Slowest p95: {worst:.1f} ms (the target: under 30 ms).", "",
            f"Memory over 2,000 re-lints of one table (every seventh edit half-typed, an LG001): traced heap "
            f"{marks[100]:.0f} KiB after 100 (caches warming), {marks[1000]:.0f} KiB after 1,000, {marks[2000]:.0f} KiB "
            f"after 2,000; max RSS of the process {rss:.0f} MiB."]
    if stdio:
        out += ["", f"Over stdio (`lintgoals server --debounce 0`, a pygls client): didChange → publishDiagnostics "
                f"median {stdio[0]:.1f} ms, p95 {stdio[1]:.1f} ms (100 edits; an editor adds the 200 ms debounce)."]
    out.append(END)
    text = "\n".join(out)
    print(text)
    if args.write:
        doc = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else "# Benchmarks\n"
        if START in doc and END in doc:
            doc = doc[:doc.index(START)] + text + doc[doc.index(END) + len(END):]
        else:
            doc = doc.rstrip("\n") + "\n\n" + text + "\n"
        with open(DOC, "w", encoding="utf-8") as fh:
            fh.write(doc)


if __name__ == "__main__":
    main()
