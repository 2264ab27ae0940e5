"""Notebooks and Markdown: positions, masking, and fixes written back without touching anything else."""

import json
import os

import pytest

from lint_samples import run_cli
from tf_lint.config import Settings
from tf_lint.engine import Linter
from tf_lint.sources import read_source

TF_HEADER = "from transformers import TFAutoModel\nmodel = TFAutoModel.from_pretrained('google-bert/bert-base-cased')\n"
OLD_TARGET = Settings(target_transformers_version="4.57.6")


def _notebook(cells, **dump):
    nb = {"cells": [], "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
          "nbformat": 4, "nbformat_minor": 5}
    for kind, text in cells:
        cell = {"cell_type": kind, "metadata": {"tags": ["keep"]}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            cell.update(execution_count=3, outputs=[{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}])
        nb["cells"].append(cell)
    return nb, json.dumps(nb, **dump)


SYNTAX_SELECTED = Settings(target_transformers_version="4.57.6", extend_select=("TFL001",))


def _lint(path, data, fix=True, settings=OLD_TARGET):
    return Linter(settings, fix=fix, unsafe_fixes=True).process_source(read_source(path, data))


def _found(result):
    return [(d.cell, d.start.row, d.start.column, d.code) for d in result.diagnostics]


def test_notebook_positions_skip_magics_and_cells():
    nb, text = _notebook([("markdown", "# title\n"), ("code", "%pip install x\n!ls\n" + TF_HEADER),
                          ("code", "%%time\nx = 1\nmodel.save('out')\n")], indent=1)
    result = _lint("nb.ipynb", text.encode(), fix=False)
    assert [(d.cell, d.start.row, d.start.column, d.code) for d in result.diagnostics] == [(2, 3, 1, "TFL201")]


def test_notebook_fix_changes_only_the_fixed_line():
    for dump in ({"indent": 1}, {"indent": 2, "ensure_ascii": True}, {"indent": 4, "sort_keys": True}):
        nb, text = _notebook([("code", TF_HEADER), ("code", "# café\nmodel.save('out')\n")], **dump)
        text += "\n" if dump.get("indent") == 1 else ""
        result = _lint("nb.ipynb", text.encode())
        new_text = result.new_content.decode()
        assert new_text == text.replace("model.save(", "model.save_pretrained("), dump


def test_notebook_with_unreproducible_layout_is_left_alone():
    _, text = _notebook([("code", TF_HEADER + "model.save('out')\n")], indent=1)
    odd = text.replace('"cells": [', '"cells":   [')  # hand-edited spacing json.dumps never writes
    result = _lint("nb.ipynb", odd.encode())
    assert result.new_content is None
    assert any("layout" in m for m in result.messages)


def test_notebook_non_python_kernel_and_bash_cells_are_skipped():
    nb, _ = _notebook([("code", "model.save('x')\n")])
    nb["metadata"]["kernelspec"]["language"] = "R"
    assert _lint("r.ipynb", json.dumps(nb).encode(), fix=False).diagnostics == []
    _, text = _notebook([("code", TF_HEADER), ("code", "%%bash\nmodel.save('x')\n")])
    assert _lint("b.ipynb", text.encode(), fix=False).diagnostics == []


@pytest.mark.parametrize("metadata, linted", [
    # a python kernelspec, language_info.name empty (editors write it so before the kernel first runs)
    ({"kernelspec": {"name": "python3", "display_name": "Python 3"}, "language_info": {"name": ""}}, True),
    ({"kernelspec": {"name": "python3", "language": ""}, "language_info": {"name": ""}}, True),
    ({"kernelspec": {"name": "myproject-venv", "display_name": "myproject"}}, True),  # ipykernel's own name
    ({}, True),  # no metadata: Jupyter's default kernel
    ({"language_info": {"name": "python"}}, True),
    # another language's kernel stays skipped, stated or named
    ({"kernelspec": {"name": "ir", "display_name": "R"}, "language_info": {"name": ""}}, False),
    ({"kernelspec": {"name": "julia-1.10", "display_name": "Julia 1.10"}}, False),
    ({"kernelspec": {"name": "python3"}, "language_info": {"name": "R"}}, False),  # the kernel that ran says R
    ({"kernelspec": {"name": "xpython", "language": "julia"}}, False),
])
def test_notebook_language_from_kernelspec_when_language_info_is_empty(metadata, linted):
    nb, _ = _notebook([("code", TF_HEADER + "model.save('x')\n")])
    nb["metadata"] = metadata
    found = _found(_lint("k.ipynb", json.dumps(nb).encode(), fix=False))
    assert found == ([(0, 3, 1, "TFL201")] if linted else [])


CONSOLE_CELL = (">>> from transformers import TFAutoModel\n"
                ">>> model = TFAutoModel.from_pretrained(\n"
                "...     'google-bert/bert-base-cased'\n"
                "... )\n"
                ">>> print(type(model))\n"
                "<class 'transformers.models.bert.modeling_tf_bert.TFBertModel'>\n")


def test_console_prompts_are_stripped_as_ipython_does_and_positions_keep_their_columns():
    """IPython's classic-prompt transform strips ``>>> `` / ``... `` when the cell's first line has one;
    an output line is kept (here it makes the cell a syntax error in IPython too)."""
    code, output = CONSOLE_CELL.rsplit(">>> print", 1)
    _, text = _notebook([("code", code), ("code", ">>> x = 1; model.save('out')\n...\n"),
                         ("code", ">>> print" + output)], indent=1)
    found = _found(_lint("p.ipynb", text.encode(), fix=False, settings=SYNTAX_SELECTED))
    assert found == [(1, 1, 12, "TFL201"), (2, 2, 1, "TFL001")]


def test_console_prompts_are_written_back_by_fixes():
    cell = CONSOLE_CELL.rsplit("<class", 1)[0] + ">>> model.save('out')\n>>> print('saved')\nsaved\n"
    _, text = _notebook([("code", cell)], indent=1)
    result = _lint("p.ipynb", text.encode())
    assert json.loads(result.new_content)["cells"][0]["source"] == \
        cell.replace("model.save(", "model.save_pretrained(").splitlines(keepends=True)


def test_a_cell_without_a_leading_prompt_is_plain_python():
    """``...`` is Python's Ellipsis: a cell without ``>>>`` on its first two lines is not a console paste
    (IPython versions disagree on the others, so they are read as written)."""
    _, text = _notebook([("code", TF_HEADER + "...\nmodel.save('out')\n")], indent=1)
    assert _found(_lint("e.ipynb", text.encode(), fix=False, settings=SYNTAX_SELECTED)) == [(0, 4, 1, "TFL201")]
    # A prompt on the second line: both IPython 8 and 9 strip the cell's prompts.
    _, text = _notebook([("code", TF_HEADER), ("code", "\nprint('saving')\n>>> model.save('out')\n")], indent=1)
    assert _found(_lint("e.ipynb", text.encode(), fix=False, settings=SYNTAX_SELECTED)) == [(1, 3, 5, "TFL201")]


def test_prompts_of_a_fixed_cell_follow_its_statements():
    from tf_lint.sources.notebook import _with_prompts, _without_prompts

    source, prompts = _without_prompts(">>> a = f(\n...     1)\n>>> a\n2\n>>>")
    assert source == "a = f(\n    1)\na\n2\n" and prompts == [">>> ", "... ", ">>> ", "", ">>>"]
    old = source.split("\n")
    # a line inserted before the first statement, one changed, one added inside a call
    new = ["import os", "a = f(", "    1,", "    2)", "a", "2", ""]
    assert _with_prompts(old, prompts, new) == [">>> import os", ">>> a = f(", "...     1,", "...     2)",
                                                 ">>> a", "2", ">>>"]


def test_broken_notebook_gives_tfl001():
    result = Linter(Settings()).process_file(_write("broken.ipynb", b'{"cells": [', ))
    assert [d.code for d in result.diagnostics] == ["TFL001"]


PIPELINE_CELL = 'from transformers import pipeline\npipe = pipeline("text_generation")\n'


def test_notebook_with_an_automagic_cell_is_linted_in_full():
    """``pip install transformers`` without ``!`` is what IPython's automagic runs: masked, and the next
    cell's finding (an unknown pipeline task) is reported; before, the notebook was one TFL001."""
    nb, text = _notebook([("code", "pip install transformers"), ("code", PIPELINE_CELL)], indent=1)
    assert _found(_lint("nb.ipynb", text.encode(), fix=False)) == [(1, 2, 17, "TFL304")]
    assert _lint("nb.ipynb", text.encode()).new_content.decode() == text.replace('"text_generation', '"text-generation')


def test_notebook_automagic_is_masked_only_where_ipython_runs_it():
    """Automagic: one-line cells (after leading blank lines) starting with a line magic or shell
    alias (pip, cd, ls, pwd, conda, env) not bound by an earlier cell and not assigned to. Anything
    else that does not parse stays TFL001: IPython rejects it too."""
    runs = ["\npip install -q transformers\n", "cd my_dir", "ls", "pwd", "conda install -y faiss-cpu",
            "ls -la /content", "env HF_HOME=/tmp/hf"]
    for cell in runs:
        _, text = _notebook([("code", cell), ("code", PIPELINE_CELL)])
        assert [d.code for d in _lint("nb.ipynb", text.encode(), fix=False).diagnostics] == ["TFL304"], cell
    rejected = ["pip install x\nimport os\n",  # two lines: IPython applies automagic to one-line input only
                "pip install x\n\n",  # a trailing blank line is a second line too
                "pip3 install x",  # not a magic
                "curl https://x | bash"]
    for cell in rejected:
        _, text = _notebook([("code", cell), ("code", PIPELINE_CELL)])
        found = _found(_lint("nb.ipynb", text.encode(), fix=False))
        assert [code for *_, code in found] == ["TFL304", "TFL001"] and found[1][0] == 0, cell
    shadowed = _notebook([("code", "pip = 'x'"), ("code", "pip install x"), ("code", PIPELINE_CELL)])[1]
    assert [d.code for d in _lint("nb.ipynb", shadowed.encode(), fix=False).diagnostics] == ["TFL304", "TFL001"]
    _, python = _notebook([("code", "ls = 3\nls += 1\n"), ("code", PIPELINE_CELL)])  # Python, never masked
    assert [d.code for d in _lint("nb.ipynb", python.encode(), fix=False).diagnostics] == ["TFL304"]


def test_notebook_help_syntax_and_continued_shell_lines_are_masked():
    cells = [("code", "!pip install -q \\\n    transformers \\\n    datasets\n"),
             ("code", "for name in names:\n    !run-it \\\n        --name {name}\n    print(name)\n"),
             ("code", "pipeline?\n?pipeline\npipeline??"), ("code", PIPELINE_CELL)]
    nb, text = _notebook(cells, indent=1)
    assert _found(_lint("nb.ipynb", text.encode(), fix=False)) == [(3, 2, 17, "TFL304")]
    assert _lint("nb.ipynb", text.encode()).new_content.decode() == text.replace('"text_generation', '"text-generation')


def test_a_line_ending_in_a_question_mark_is_help_only_when_ipython_reads_it_so():
    """``model.save('out')  # why?`` is Python (the "?" is in a comment); so is a prompt's text in a
    string. Only a line that is ``obj?``, ``?obj``, ``obj.attr??`` is help."""
    cell = TF_HEADER + 'prompt = """\nIs it saved?\n"""\nmodel.save("out")  # or save_pretrained?\nmodel.save?\n'
    _, text = _notebook([("code", cell)])
    assert _found(_lint("nb.ipynb", text.encode(), fix=False)) == [(0, 6, 1, "TFL201")]


def test_a_broken_cell_hides_nothing_else():
    """A cell that does not parse is reported alone; the other cells remain one program (the third
    cell's pipeline comes from the first), positions and fixes go to their own cells."""
    cells = [("code", "from transformers import pipeline\n"), ("code", "x = (\n"),
             ("code", "pipe = pipeline('text_generation')\n"), ("markdown", "# end\n"),
             ("code", "save_directory \".\"\n")]
    nb, text = _notebook(cells, indent=1)
    found = sorted(_found(_lint("nb.ipynb", text.encode(), fix=False)))
    assert found == [(1, 1, 5, "TFL001"), (2, 1, 17, "TFL304"), (4, 1, 16, "TFL001")]
    assert _lint("nb.ipynb", text.encode()).new_content.decode() == text.replace("'text_generation", "'text-generation")


def test_a_cell_indented_as_a_whole_is_dedented_as_ipython_does():
    """IPython removes a cell's common indentation; positions and fixes keep the cell's own."""
    nb, text = _notebook([("code", TF_HEADER), ("code", "  x = 1\n\n  model.save('out')\n")], indent=1)
    assert _found(_lint("nb.ipynb", text.encode(), fix=False)) == [(1, 3, 3, "TFL201")]
    fixed = _lint("nb.ipynb", text.encode()).new_content.decode()
    assert fixed == text.replace("model.save(", "model.save_pretrained(")


def _write(name, data, tmp=[]):
    import tempfile

    if not tmp:
        tmp.append(tempfile.mkdtemp())
    path = os.path.join(tmp[0], name)
    with open(path, "wb") as f:
        f.write(data)
    return path


MARKDOWN = """# Title

  ```python
  from transformers import TFAutoModel
  model = TFAutoModel.from_pretrained("google-bert/bert-base-cased")
  ```

Some prose with model.save("x") inline.

```
>>> model.save(
...     "out")
'out'
>>> print(1)
1
```

```python
broken (
```
"""


def test_markdown_positions_prompts_and_broken_block():
    """A block that does not parse is silent by default (docs' pseudo-code) and reported as TFL001,
    at its own position, when TFL001 is selected by its full code."""
    assert _found(_lint("doc.md", MARKDOWN.encode(), fix=False)) == [(None, 11, 5, "TFL201")]
    result = _lint("doc.md", MARKDOWN.encode(), fix=False, settings=SYNTAX_SELECTED)
    assert _found(result) == [(None, 11, 5, "TFL201"), (None, 19, 8, "TFL001")]


PSEUDO_CODE_DOC = """Load an adapter:

```py
from transformers import TFAutoModel
model = TFAutoModel.from_pretrained("google-bert/bert-base-cased")
```
```py
model.load_adapter(<path-to-adapter>, adapter_name="x")
```

```py
trainer = Trainer(model=model, ...)
model.save("out")
```

```py
model.save("out")
```
"""


def test_markdown_pseudo_code_is_silent_unless_tfl001_is_selected_by_name(tmp_path):
    """Real docs' pseudo-code: the blocks that parse are still linted as one program (the last
    block's model comes from a block before the broken ones); TFL001 only on request, from the
    command line or the config file; a prefix selection (TFL, TFL0) is no request."""
    assert _found(_lint("doc.md", PSEUDO_CODE_DOC.encode(), fix=False)) == [(None, 17, 1, "TFL201")]
    asked = _found(_lint("doc.md", PSEUDO_CODE_DOC.encode(), fix=False, settings=SYNTAX_SELECTED))
    assert asked == [(None, 17, 1, "TFL201"), (None, 8, 20, "TFL001"), (None, 12, 35, "TFL001")]
    doc = tmp_path / "doc.md"
    doc.write_text(PSEUDO_CODE_DOC)
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n')
    assert "TFL001" not in run_cli(str(doc)).stdout
    assert "TFL001" not in run_cli(str(doc), "--select", "TFL0,TFL2").stdout
    assert run_cli(str(doc), "--select", "TFL001").stdout.count("TFL001") == 2
    assert run_cli(str(doc), "--extend-select", "TFL001").stdout.count("TFL001") == 2
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n'
                                             'extend-select = ["TFL001"]\n')
    assert run_cli(str(doc)).stdout.count("TFL001") == 2


def test_markdown_output_blocks_are_not_code():
    """The HF doc-builder's output blocks (```python out, ```python output) are not code, even with
    TFL001 selected; other attributes (```py title="x.py"``) and ```{python}`` leave a block code."""
    text = ("```python out\ntensor([[-1.56, 1.61]], grad_fn=<AddmmBackward>)\n```\n\n"
            "```python output\nGPU memory: 42.5GB\n```\n\n"
            '```py title="save.py"\n' + TF_HEADER + "```\n\n"
            "```{python}\nmodel.save('out')\n```\n")
    result = _lint("doc.md", text.encode(), fix=False, settings=SYNTAX_SELECTED)
    assert _found(result) == [(None, 15, 1, "TFL201")]


def test_markdown_template_blocks_are_skipped_not_reported():
    """A model card template's block (Jinja placeholders) is no Python yet; a broken block without
    placeholders is still TFL001 (when asked for)."""
    card = ('```python\nmodel = SetFitModel.from_pretrained("{{ model_id | default(\'x\', true) }}")\n'
            'preds = model("{{ example | replace(\'"\', \'\\\\"\') }}")\n```\n\n'
            '```python\n{% if widget %}x = 1{% endif %}\n```\n\n```python\nbroken (\n```\n')
    result = _lint("card.md", card.encode(), fix=False, settings=SYNTAX_SELECTED)
    assert [(d.start.row, d.code) for d in result.diagnostics] == [(11, "TFL001")]


def test_markdown_block_copied_from_a_notebook_is_masked_and_restored():
    """``!pip install`` / ``%env`` in a ```python block (docs copied from notebooks): masked as in
    notebooks, linted, and written back with the IPython lines as they were."""
    text = ("Install first:\n\n```python\n!pip install transformers\n%env HF_HUB_OFFLINE=1\n"
            + TF_HEADER + "model.save('out')\n```\n")
    result = _lint("doc.md", text.encode(), fix=False)
    assert [(d.start.row, d.code) for d in result.diagnostics] == [(8, "TFL201")]
    fixed = _lint("doc.md", text.encode()).new_content.decode()
    assert fixed == text.replace("model.save('out')", "model.save_pretrained('out')")


def test_markdown_fix_restores_prompts_and_keeps_the_rest():
    for newline in ("\n", "\r\n"):
        text = MARKDOWN.replace("\n", newline)
        result = _lint("doc.md", text.encode())
        assert result.new_content.decode() == text.replace('>>> model.save(', '>>> model.save_pretrained(')


def test_markdown_is_opt_in_for_directory_walks(tmp_path):
    (tmp_path / "doc.md").write_text(MARKDOWN)
    (tmp_path / "pyproject.toml").write_text('[tool.tf-lint]\ntarget-transformers-version = "4.57.6"\n')
    assert run_cli(str(tmp_path)).returncode == 0
    walked = run_cli(str(tmp_path), "--extend-include", "*.md")
    assert walked.returncode == 1 and "TFL201" in walked.stdout
    named = run_cli(str(tmp_path / "doc.md"))
    assert named.returncode == 1 and "TFL201" in named.stdout


def test_markdown_block_that_does_not_parse_forgets_what_its_names_held():
    """A block with a placeholder (``from_pretrained(<your-model-id>)``) rebinds ``tokenizer`` to a
    tokenizer nobody knows: GPT-2's from an earlier block no longer answers for it (no TFL104), the
    broken block is still TFL001, and a fix elsewhere leaves the broken block as written."""
    page = ('```python\nfrom transformers import AutoTokenizer, TFAutoModel\n\n'
            'tokenizer = AutoTokenizer.from_pretrained("openai-community/gpt2")\n```\n\n'
            '```python\ntokenizer, other = AutoTokenizer.from_pretrained(<your-model-id>), 1\n```\n\n'
            '```python\nbatch = tokenizer(["a", "b c"], padding=True, return_tensors="pt")\n'
            'model = TFAutoModel.from_pretrained("bert-base-uncased")\nmodel.save("out")\n```\n')
    result = _lint("page.md", page.encode(), fix=False)
    assert sorted((d.start.row, d.code) for d in result.diagnostics) == [(14, "TFL201")]  # the broken block is illustrative: silent unless TFL001 is selected
    fixed = _lint("page.md", page.encode()).new_content.decode()
    assert fixed == page.replace('model.save("out")', 'model.save_pretrained("out")')
    # Without the rebinding block, GPT-2's tokenizer is still the one padding: the guard above is real.
    without = page.replace('tokenizer, other = AutoTokenizer.from_pretrained(<your-model-id>), 1\n', 'pass\n')
    assert "TFL104" in [d.code for d in _lint("page.md", without.encode(), fix=False).diagnostics]
