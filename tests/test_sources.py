"""Notebooks and Markdown: positions, masking, and fixes written back without touching anything else."""

import json
import os

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


def _lint(path, data, fix=True):
    return Linter(OLD_TARGET, fix=fix, unsafe_fixes=True).process_source(read_source(path, data))


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


def test_broken_notebook_gives_tfl001():
    result = Linter(Settings()).process_file(_write("broken.ipynb", b'{"cells": [', ))
    assert [d.code for d in result.diagnostics] == ["TFL001"]


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
    result = _lint("doc.md", MARKDOWN.encode(), fix=False)
    found = [(d.cell, d.start.row, d.start.column, d.code) for d in result.diagnostics]
    assert found == [(None, 11, 5, "TFL201"), (None, 19, 8, "TFL001")]


def test_markdown_template_blocks_are_skipped_not_reported():
    """A model card template's block (Jinja placeholders) is no Python yet; a broken block without
    placeholders is still TFL001."""
    card = ('```python\nmodel = SetFitModel.from_pretrained("{{ model_id | default(\'x\', true) }}")\n'
            'preds = model("{{ example | replace(\'"\', \'\\\\"\') }}")\n```\n\n'
            '```python\n{% if widget %}x = 1{% endif %}\n```\n\n```python\nbroken (\n```\n')
    result = _lint("card.md", card.encode(), fix=False)
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
    assert sorted((d.start.row, d.code) for d in result.diagnostics) == [(8, "TFL001"), (14, "TFL201")]
    fixed = _lint("page.md", page.encode()).new_content.decode()
    assert fixed == page.replace('model.save("out")', 'model.save_pretrained("out")')
    # Without the rebinding block, GPT-2's tokenizer is still the one padding: the guard above is real.
    without = page.replace('tokenizer, other = AutoTokenizer.from_pretrained(<your-model-id>), 1\n', 'pass\n')
    assert "TFL104" in [d.code for d in _lint("page.md", without.encode(), fix=False).diagnostics]
