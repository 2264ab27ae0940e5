"""Change-to-diagnostics latency of ``tf-lint server`` on a 1,000-line file, p50 and p95.

    python bench/server_latency.py [--edits 60] [--file PATH]

A pygls client starts ``tf-lint server`` over stdio, opens the file, then makes one small edit at a time
(a comment typed at the end of a line, as a user would) and measures from sending ``didChange`` to
receiving the ``publishDiagnostics`` for that version. Files measured by default: a real 1,000-line
training script from ../shared/corpus (when present) and a synthetic worst case, 1,000 lines of the
bundled examples, where nearly every line is something the rules look at. Needs the server extra.
It is a benchmark, not a test: compare medians on the same machine, never assert them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from typing import List, Tuple

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REAL = os.path.join(ROOT, "..", "shared", "corpus", "huggingface+diffusers", "examples", "research_projects",
                    "multi_token_textual_inversion", "textual_inversion.py")


def synthetic(lines: int = 1000) -> str:
    examples = os.path.join(ROOT, "examples")
    parts = [open(os.path.join(examples, name), encoding="utf-8").read()
             for name in sorted(os.listdir(examples)) if name.endswith(".py")]
    text = ""
    while text.count("\n") < lines:
        text += "".join(parts)
    return "".join(text.splitlines(keepends=True)[:lines])


async def measure(path: str, text: str, edits: int) -> List[float]:
    client = LanguageClient("tf-lint-bench", "1")
    published: "asyncio.Queue[types.PublishDiagnosticsParams]" = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    await client.start_io(sys.executable, "-m", "tf_lint", "server")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=f"file://{os.path.dirname(path)}"))
    client.initialized(types.InitializedParams())
    uri = f"file://{path}"
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    await published.get()  # the first lint loads the knowledge: not a change
    lines = text.splitlines()
    timings = []
    for version in range(2, edits + 2):
        row = (version * 37) % len(lines)
        column = len(lines[row])
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangePartial(
                range=types.Range(types.Position(row, column), types.Position(row, column)), text=" #")]))
        lines[row] += " #"
        while True:
            params = await published.get()
            if params.version == version:
                break
        timings.append((time.perf_counter() - start) * 1000)
        await asyncio.sleep(0.05)  # a pause between keystrokes, so that each edit is measured alone
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return timings


def report(name: str, lines: int, timings: List[float]) -> Tuple[float, float]:
    ordered = sorted(timings)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    print(f"{name:<48} {lines:>6} lines  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({len(timings)} edits)")
    return p50, p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=60)
    parser.add_argument("--file", help="measure this file instead of the default two")
    opts = parser.parse_args()
    cases = []
    if opts.file:
        cases.append((os.path.abspath(opts.file), open(opts.file, encoding="utf-8").read()))
    else:
        if os.path.exists(REAL):
            cases.append((os.path.abspath(REAL), open(REAL, encoding="utf-8").read()))
        else:
            print("../shared/corpus is absent: measuring the synthetic file only")
        cases.append((os.path.join(ROOT, "bench", "synthetic_1000.py"), synthetic()))
    for path, text in cases:
        timings = asyncio.run(measure(path, text, opts.edits))
        report(os.path.relpath(path, ROOT) if path.startswith(ROOT) else os.path.basename(path),
               text.count("\n"), timings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
