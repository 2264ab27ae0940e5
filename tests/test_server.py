"""``tf-lint server`` end to end: a real LSP client (pytest-lsp) drives the server over stdio.

Diagnostics on open and change, cleared on the fixed text and on close; code actions whose edits are
the CLI's fixes; hover; settings from pyproject.toml, initialization options and
didChangeConfiguration; notebooks through notebook document sync; UTF-16 columns; shutdown and exit.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

import pytest

pytest.importorskip("pygls", reason="the server extra (pygls) is not installed")
pytest.importorskip("pytest_lsp", reason="pytest-lsp is not installed")

import pytest_lsp  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from lint_samples import BAD_SAVE, GOOD_SAVE, ROOT, TF_TARGET, run_cli  # noqa: E402

SERVER = [sys.executable, "-m", "tf_lint", "server"]
ENV = dict(os.environ, PYTHONPATH=ROOT)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, server_env=ENV))
async def client(lsp_client: LanguageClient, tmp_path):
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    capabilities.notebook_document = types.NotebookDocumentClientCapabilities(
        synchronization=types.NotebookDocumentSyncClientCapabilities())
    lsp_client.init_result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities,
        root_uri=tmp_path.as_uri(), workspace_folders=[types.WorkspaceFolder(tmp_path.as_uri(), "ws")],
        initialization_options={"targetTransformersVersion": TF_TARGET}))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, server_env=ENV))
async def plain_client(lsp_client: LanguageClient, tmp_path):
    """A client that gives no settings: the server judges against the installed transformers."""
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def open_and_wait(client: LanguageClient, path, text: str, language="python", version=1):
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri, await diagnostics_for(client, uri)


async def diagnostics_for(client: LanguageClient, uri: str):
    """The next diagnostics published for ``uri`` (the caller pops the previous ones before acting)."""
    while uri not in client.diagnostics:
        await asyncio.sleep(0.005)
    return list(client.diagnostics.pop(uri))


async def change(client: LanguageClient, uri: str, version: int, text: str):
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [types.TextDocumentContentChangeWholeDocument(text=text)]))
    return await diagnostics_for(client, uri)


def apply_text_edits(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, as an editor would."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(pos: types.Position) -> int:
        if pos.line >= len(lines):
            return len(text)
        before = sum(len(line) for line in lines[:pos.line])
        units, chars = 0, 0
        for ch in lines[pos.line]:
            if units >= pos.character:
                break
            units += 2 if ord(ch) > 0xFFFF else 1
            chars += 1
        return before + chars

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def edits_of(action: types.CodeAction, uri: str):
    return [e for change in action.edit.document_changes if change.text_document.uri == uri for e in change.edits]


def cli_findings(path, *extra):
    proc = run_cli("--no-cache", "--format", "json", "--target-transformers-version", TF_TARGET, *extra, str(path))
    return json.loads(proc.stdout)


@pytest.mark.asyncio
async def test_diagnostics_match_the_cli_and_carry_code_link_and_source(client: LanguageClient, tmp_path):
    path = tmp_path / "train.py"
    path.write_text(BAD_SAVE)
    uri, found = await open_and_wait(client, path, BAD_SAVE)
    expected = cli_findings(path)
    assert [d.code for d in found] == [f["code"] for f in expected] == ["TFL201"]
    diag, want = found[0], expected[0]
    assert (diag.range.start.line + 1, diag.range.start.character + 1) == (want["location"]["row"],
                                                                         want["location"]["column"])
    assert (diag.range.end.line + 1, diag.range.end.character + 1) == (want["end_location"]["row"],
                                                                     want["end_location"]["column"])
    assert diag.source == "tf-lint" and diag.message == want["message"]
    assert diag.code_description.href.endswith("/docs/rules/TFL201.md")
    assert diag.severity == types.DiagnosticSeverity.Warning


@pytest.mark.asyncio
async def test_a_quickfix_is_the_cli_fix_and_the_fixed_text_clears(client: LanguageClient, tmp_path):
    path = tmp_path / "train.py"
    path.write_text(BAD_SAVE)
    uri, found = await open_and_wait(client, path, BAD_SAVE)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found[0].range, types.CodeActionContext(diagnostics=found)))
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and "noqa" not in a.title]
    assert len(fixes) == 1 and fixes[0].title.startswith("TFL201")
    fixed = apply_text_edits(BAD_SAVE, edits_of(fixes[0], uri))
    run_cli("--fix", "--no-cache", "--target-transformers-version", TF_TARGET, str(path))
    assert fixed == path.read_text() == GOOD_SAVE
    assert await change(client, uri, 2, fixed) == []


@pytest.mark.asyncio
async def test_noqa_action_fix_all_and_hover(client: LanguageClient, tmp_path):
    path = tmp_path / "train.py"
    uri, found = await open_and_wait(client, path, BAD_SAVE)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found[0].range, types.CodeActionContext(diagnostics=found)))
    noqa = [a for a in actions if "noqa" in a.title]
    assert len(noqa) == 1
    silenced = apply_text_edits(BAD_SAVE, edits_of(noqa[0], uri))
    assert silenced.splitlines()[3] == 'model.save("out")  # noqa: TFL201'

    fix_all = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found[0].range,
        types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert [a.kind for a in fix_all] == ["source.fixAll.tf-lint"]
    assert apply_text_edits(BAD_SAVE, edits_of(fix_all[0], uri)) == GOOD_SAVE

    hover = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), found[0].range.start))
    assert hover is not None and "## Why is this bad?" in hover.contents.value and "TFL201" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(1, 0)))
    assert nothing is None

    assert await silenced_diagnostics(client, uri, silenced) == []
    client.diagnostics.pop(uri, None)
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert await diagnostics_for(client, uri) == []


async def silenced_diagnostics(client, uri, text):
    return await change(client, uri, 2, text)


@pytest.mark.asyncio
async def test_columns_are_utf16_code_units(client: LanguageClient, tmp_path):
    text = BAD_SAVE.replace('model.save("out")', 'model.save("😀ü")')  # the finding is at the call
    text = text.replace('model = TFAutoModel', 'model = TFAutoModel')
    text += 'x = "😀😀"; model.save("out")\n'
    path = tmp_path / "emoji.py"
    path.write_text(text, encoding="utf-8")
    uri, found = await open_and_wait(client, path, text)
    last = [d for d in found if d.range.start.line == 4]
    assert len(last) == 1
    # 'x = "😀😀"; ' is 10 characters but 12 UTF-16 code units
    assert last[0].range.start.character == 12


@pytest.mark.asyncio
async def test_latest_version_wins(client: LanguageClient, tmp_path):
    """A burst of edits: whatever is published in between, the last publication is for the last text,
    and nothing older follows it."""
    path = tmp_path / "train.py"
    uri, found = await open_and_wait(client, path, GOOD_SAVE)
    assert found == []
    texts = [GOOD_SAVE + f"# edit {version}\n" for version in range(2, 12)] + [BAD_SAVE]
    for version, text in enumerate(texts, start=2):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
    while [d.code for d in await diagnostics_for(client, uri)] != ["TFL201"]:
        pass
    await asyncio.sleep(0.5)
    assert uri not in client.diagnostics  # no stale result published after the newest


@pytest.mark.asyncio
async def test_pyproject_settings_are_read_and_reread(client: LanguageClient, tmp_path):
    path = tmp_path / "train.py"
    uri, found = await open_and_wait(client, path, BAD_SAVE)
    assert [d.code for d in found] == ["TFL201"]
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\nignore = ["TFL201"]\n')
    client.diagnostics.pop(uri, None)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri=(tmp_path / "pyproject.toml").as_uri(), type=types.FileChangeType.Created)]))
    assert await diagnostics_for(client, uri) == []
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\nignore = []\n')
    # No notification this time: the next lint sees the changed file by itself.
    assert [d.code for d in await change(client, uri, 2, BAD_SAVE + "\n")] == ["TFL201"]


@pytest.mark.asyncio
async def test_configuration_changes_the_target_version(plain_client: LanguageClient, tmp_path):
    pytest.importorskip("transformers")
    path = tmp_path / "train.py"
    uri, found = await open_and_wait(plain_client, path, BAD_SAVE)
    assert "TFL501" in [d.code for d in found]  # TFAutoModel is gone in the installed 5.x
    plain_client.diagnostics.pop(uri, None)
    plain_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"tf-lint": {"targetTransformersVersion": TF_TARGET}}))
    assert [d.code for d in await diagnostics_for(plain_client, uri)] == ["TFL201"]


@pytest.mark.asyncio
async def test_markdown_blocks(client: LanguageClient, tmp_path):
    text = "# Saving\n\n```python\n" + BAD_SAVE + "```\n"
    path = tmp_path / "guide.md"
    uri, found = await open_and_wait(client, path, text, language="markdown")
    assert [(d.code, d.range.start.line) for d in found] == [("TFL201", 6)]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found[0].range, types.CodeActionContext(diagnostics=found)))
    fix = next(a for a in actions if "noqa" not in a.title)
    assert apply_text_edits(text, edits_of(fix, uri)) == text.replace(".save(", ".save_pretrained(")


@pytest.mark.asyncio
async def test_notebook_cells_form_one_program(client: LanguageClient, tmp_path):
    assert client.init_result.capabilities.notebook_document_sync is not None
    nb_uri = (tmp_path / "train.ipynb").as_uri()
    first = "from transformers import TFAutoModel\nmodel = TFAutoModel.from_pretrained('bert-base-uncased')\n"
    second = "model.save('out')\n"
    cells = [types.TextDocumentItem(uri=f"{nb_uri}#cell{i}", language_id="python", version=1, text=text)
             for i, text in enumerate([first, "Some *markdown*", second])]
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(
            uri=nb_uri, notebook_type="jupyter-notebook", version=1,
            cells=[types.NotebookCell(kind=types.NotebookCellKind.Code, document=cells[0].uri),
                   types.NotebookCell(kind=types.NotebookCellKind.Markup, document=cells[1].uri),
                   types.NotebookCell(kind=types.NotebookCellKind.Code, document=cells[2].uri)]),
        cell_text_documents=cells))
    found = await diagnostics_for(client, cells[2].uri)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [("TFL201", 0, 0)]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(cells[2].uri), found[0].range, types.CodeActionContext(diagnostics=found)))
    fix = next(a for a in actions if "noqa" not in a.title)
    assert [c.text_document.uri for c in fix.edit.document_changes] == [cells[2].uri]
    assert apply_text_edits(second, edits_of(fix, cells[2].uri)) == "model.save_pretrained('out')\n"


def test_without_pygls_the_command_says_how_to_install(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_pygls(name, *args, **kwargs):
        if name.startswith(("pygls", "lsprotocol", "tf_lint.server")):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pygls)
    monkeypatch.delitem(sys.modules, "tf_lint.server", raising=False)
    from tf_lint.cli import main

    assert main(["server"]) == 2
    assert "pip install 'tf-lint[server]'" in capsys.readouterr().err


@pytest.mark.asyncio
async def test_a_slow_document_does_not_hold_up_another(client: LanguageClient, tmp_path):
    slow_text = ("from transformers import AutoModelForCausalLM, AutoTokenizer\n"
                 "tok = AutoTokenizer.from_pretrained('gpt2')\n"
                 "model = AutoModelForCausalLM.from_pretrained('gpt2')\n"
                 + "".join(f"enc{i} = tok(['a', 'b c'], padding=True, return_tensors='pt')\n"
                           f"out{i} = model(enc{i}['input_ids'])\n" for i in range(3000)))
    slow, fast = (tmp_path / "slow.py").as_uri(), (tmp_path / "fast.py").as_uri()
    for uri, text in ((slow, slow_text), (fast, BAD_SAVE)):
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))
    assert [d.code for d in await diagnostics_for(client, fast)] == ["TFL201"]
    assert slow not in client.diagnostics  # still being linted when the small file's findings came
    assert len(await diagnostics_for(client, slow)) > 1000


PINNED_PAGE = ("# Fine-tuning\n\n```bash\npip install transformers==4.38.2\n```\n\n```python\n"
               "from transformers import TrainingArguments\n"
               'args = TrainingArguments("out", eval_strategy="epoch")\n```\n')


@pytest.mark.asyncio
async def test_page_judged_by_its_install_block(plain_client: LanguageClient, tmp_path):
    """A page's install block sets the release it is checked against; the message and the hover say so."""
    uri, found = await open_and_wait(plain_client, tmp_path / "guide.md", PINNED_PAGE, language="markdown")
    assert [d.code for d in found] == ["TFL502"]
    assert "your page installs `transformers==4.38.2` (line 4)" in found[0].message
    hover = await plain_client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), found[0].range.start))
    assert hover is not None and hover.contents.value.startswith(
        "Checked against transformers 4.38.2 (your page installs `transformers==4.38.2` (line 4)")
    plain_client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
