"""Findings the engine itself makes: files it cannot read as Python, rules that crashed."""

from tf_lint.registry import Rule


class SyntaxErrorRule(Rule):
    """## What it does
    Reports a file (or notebook cell, or Markdown code block) that tf-lint cannot parse as Python, or
    cannot decode, with the parser's message and position.

    A notebook cell is read as IPython reads it (magics, shell escapes, `obj?` help, one-line
    automagic cells such as `pip install x`, and `>>>`/`...` prompts of a cell pasted from a Python
    console are not errors); a cell that still does not parse is
    reported alone, and the notebook's other cells are checked as one program.

    In Markdown and MDX, a code block that does not parse is usually pseudo-code written to be read
    (`model.load_adapter(<path-to-adapter>)`, `Trainer(model=model, ...)`): it is left out of the
    file's program silently, and reported only when TFL001 is selected by its full code
    (`--select TFL001`, `--extend-select TFL001`, or `extend-select = ["TFL001"]` in the config; a
    prefix such as `TFL` or `TFL0` does not count). Output blocks (```` ```python out ````,
    ```` ```python output ````) are not code at all.

    Code valid under the Python the project declares (`requires-python`, `.python-version`) is never
    TFL001: where tf-lint runs on an older Python that cannot read it (a Python 3.12 f-string on 3.11),
    it is TFL003 instead, naming both versions.

    ## Why is this bad?
    Nothing in a document that does not parse can be checked, so every other rule is silent on it. The
    run goes on with the other files, and the other cells of a notebook.

    ## Example
    ```python
    model = AutoModel.from_pretrained("bert-base-uncased"
    ```

    ## Use instead
    ```python
    model = AutoModel.from_pretrained("bert-base-uncased")
    ```

    ## Fix safety
    There is no fix: only the author knows what was meant.
    """

    code = "TFL001"
    name = "syntax-error"
    summary = "File could not be parsed or decoded"


class RuleErrorRule(Rule):
    """## What it does
    Reports an internal error: a rule raised an exception while checking this document. The message
    names the rule and the exception; the other rules and files are still checked, and tf-lint exits
    with status 2.

    ## Why is this bad?
    It is a bug in tf-lint, not in your code: the rule that crashed could not check this document.
    Please report it with the file that triggers it.

    ## Example
    ```text
    train.py:12:1: TFL002 internal error in rule TFL201 (tf-model-save): KeyError: 'x' [tf_save.py:40]
    ```

    ## Use instead
    Upgrade tf-lint, or silence the crashing rule for that file with `per-file-ignores` until it is fixed.

    ## Fix safety
    There is no fix.
    """

    code = "TFL002"
    name = "rule-error"
    summary = "A rule crashed on this document (a tf-lint bug)"


class ResourceLimitRule(Rule):
    """## What it does
    Reports a file tf-lint did not check, or checked only in part, because it hit a limit: a file over
    8 MiB is not read at all; the analysis of one file (or notebook, or Markdown file) stops after
    30 seconds; a rule that cannot follow absurdly deep nesting skips that file; code written for a
    newer Python than tf-lint runs on, which the project declares (`requires-python` in
    `pyproject.toml`, else `.python-version`), cannot be read (a Python 3.12 f-string such as
    `f"{row["question"]}"` when tf-lint runs on 3.11): the message names the construct, both versions
    and where the project declares its Python.

    ## Why is this bad?
    Nothing is wrong with the code as far as tf-lint knows, but it was not (fully) checked. Generated
    files and data dumped into `.py` files are the usual cause, and code for a newer Python. The run
    goes on with the other files, and with a notebook's other cells.

    ## Example
    ```text
    weights_table.py:1:1: TFL003 file is 42.0 MiB, over the 8 MiB limit: not checked
    evaluate.py:16:39: TFL003 this file uses Python 3.12 syntax (an f-string that reuses its quotes inside {}, PEP 701) and the project requires Python >=3.13 (pyproject.toml:5); tf-lint runs on Python 3.11 and cannot check it: run tf-lint with Python 3.13+
    ```

    ## Use instead
    Exclude generated files (`extend-exclude` in `[tool.tf-lint]`), or ignore TFL003 for them with
    `per-file-ignores`. Run tf-lint with the project's Python to check code written for it.

    ## Fix safety
    There is no fix.
    """

    code = "TFL003"
    name = "resource-limit"
    summary = "File not checked fully: too large, too slow, or for a newer Python than tf-lint runs on"
