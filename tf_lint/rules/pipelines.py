"""Task/checkpoint (TFL3xx): pipeline tasks that the target transformers version does not know."""

from __future__ import annotations

import ast
from typing import Iterable, Optional, Set, Tuple

from tf_lint.analysis import Constant
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix
from tf_lint.knowledge import Knowledge
from tf_lint.knowledge.versions import requirement_note, target_releases
from tf_lint.registry import Rule

PIPELINE_FACTORIES = frozenset({"transformers.pipeline", "transformers.pipelines.pipeline"})


class UnknownPipelineTask(Rule):
    """## What it does
    Finds `pipeline("task", ...)` and `pipeline(task="...")` — the task a string constant, written at
    the call or reaching it through a variable — where the target transformers version does not know the
    task, and names the closest valid task. Tasks that transformers removed are reported with
    transformers' own advice: 5.x removed `summarization`, `translation` (and every
    `translation_xx_to_yy`), `text2text-generation` and `question-answering` (use `text-generation` with
    a chat model), `visual-question-answering` / `vqa` (use `image-text-to-text`) and `image-to-image`.

    Aliases (`sentiment-analysis`, `ner`, `text-to-speech`) and tasks that the version redirects
    (`image-to-text` in 5.x) are valid. Calls that can name a custom task — with
    `trust_remote_code=True` or a `pipeline_class` — are not reported, nor are tasks registered in the
    file (`PIPELINE_REGISTRY.register_pipeline`) or named like a package the file imports, which may
    register them (`import span_marker` registers `span-marker`). The target version is chosen as for
    TFL501.

    A task given at run time (a command-line option of argparse, an `HfArgumentParser` or `TrlParser`
    dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown here: the
    default the code declares for it is a placeholder and never starts a finding or a fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    `pipeline()` raises `KeyError` ("Unknown task ..." or "The task ... has been removed from
    transformers") — in 5.x only after it has fetched the checkpoint's config, so on a cold cache the
    script downloads before failing.

    ## Example
    ```python
    from transformers import pipeline

    classifier = pipeline("sentiment_analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    summarizer = pipeline("summarization", model="facebook/bart-large-cnn")
    ```

    ## Use instead
    ```python
    classifier = pipeline("sentiment-analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
    summarizer = pipeline("text-generation", model="Qwen/Qwen2.5-0.5B-Instruct")  # prompt it to summarize
    ```

    ## Fix safety
    The fix rewrites a task string written at the call to the closest valid task. It is safe when the
    string is that task up to case and `_`/`-`/space separators (`sentiment_analysis`,
    `Text-Generation`): the call could never have worked, and no other task is meant. It is unsafe for
    other near misses (an edit-distance guess). Removed tasks get no fix: their replacement needs
    another model and another way of calling it.
    """

    code = "TFL304"
    name = "unknown-pipeline-task"
    summary = "`pipeline()` task that the target transformers version does not know"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("pipeline",)
    packages = ("transformers",)  # PIPELINE_FACTORIES

    _registered: Optional[Tuple[Set[str], Set[str]]] = None

    def _custom_tasks_may_include(self, task: str) -> bool:
        """Registered in this document, or named like a package it imports (which may register it when
        imported, as `span_marker` registers `span-marker`)."""
        if self._registered is None:
            self._registered = _registered_tasks(self.ctx.tree)
        tasks, packages = self._registered
        if task in tasks or "*" in tasks:
            return True
        stem = task.lower().replace("-", "_")
        return any(stem == p or stem.startswith(p + "_") for p in packages if len(p) > 2)

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        if self.ctx.facts.qualified_name(node.func) not in PIPELINE_FACTORIES:
            return
        task_node = _task_argument(node)
        if task_node is None or _may_name_custom_task(node):
            return
        value = self.ctx.facts.value(task_node)
        if not (isinstance(value, Constant) and isinstance(value.value, str)):
            return
        task = value.value
        # Every release the target allows (a declared range): the first that does not run the task speaks.
        releases = target_releases(self.ctx.settings)
        k = next((r for r in releases if r.lookup_task(task).status != "ok"), releases[-1])
        note = requirement_note(self.ctx.settings, k)
        found = k.lookup_task(task)
        if found.status not in ("ok", "removed") and self._custom_tasks_may_include(task):
            return
        target = f"transformers {k.version}"
        if found.status == "ok":
            return
        if found.status == "removed":
            yield self.diagnostic(task_node, f"pipeline task {task!r} was removed in transformers {k.major}.0 "
                                             f"(the target is {k.version}): {found.hint}{note}")
            return
        if found.status == "invalid":
            yield self.diagnostic(task_node, f"invalid pipeline task {task!r} for {target}: {found.hint}{note}")
            return
        later = _known_later(task, k)
        closest, evident = k.closest_task(task)
        message = f"unknown pipeline task {task!r} for {target}"
        if later is not None:
            message += f": only added later (transformers {later} has it)"
        elif closest is not None:
            message += f"; did you mean {closest!r}?"
        message += note
        fix = self._fix(task_node, task, closest, evident) if later is None else None
        if fix is not None and any(r.lookup_task(closest).status != "ok" for r in releases):
            fix = None  # a fix only when the task it writes runs on every release the target allows
        yield self.diagnostic(task_node, message, fix)

    def _fix(self, node: ast.expr, task: str, closest: Optional[str], evident: bool) -> Optional[Fix]:
        if closest is None or not (isinstance(node, ast.Constant) and node.value == task):
            return None
        doc = self.ctx.document
        start, end = doc.start_of(node), doc.end_of(node)
        literal = doc.segment(start, end)
        quote_at = next((i for i, ch in enumerate(literal) if ch in "'\""), -1)
        body = literal[quote_at:] if quote_at >= 0 else ""
        prefix = literal[:quote_at].lower()
        # Only a plain one-piece literal (no escapes, implicit concatenation or f-string) is rewritten.
        if quote_at < 0 or set(prefix) - {"u"} or body.count(body[0]) != 2 or body[1:-1] != task:
            return None
        applicability = Applicability.SAFE if evident else Applicability.UNSAFE
        return Fix(applicability, f"Use the task {closest!r}",
                   [Edit(start, end, literal[:quote_at + 1] + closest + body[-1])])


def _task_argument(call: ast.Call) -> Optional[ast.expr]:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    for kw in call.keywords:
        if kw.arg == "task":
            return kw.value
    return None


def _registered_tasks(tree: ast.Module) -> Tuple[Set[str], Set[str]]:
    """Tasks registered in the document (``PIPELINE_REGISTRY.register_pipeline("pair-classification",
    ...)``) and the top-level packages it imports (``import span_marker`` registers ``span-marker``)."""
    tasks: Set[str] = set()
    packages: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "register_pipeline":
            task = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "task"), None)
            if isinstance(task, ast.Constant) and isinstance(task.value, str):
                tasks.add(task.value)
            else:
                tasks.add("*")  # a task computed at run time: any unknown task may be it
        elif isinstance(node, ast.Import):
            packages.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            packages.add(node.module.split(".")[0])
    return tasks, packages - {"transformers"}


def _may_name_custom_task(call: ast.Call) -> bool:
    """A checkpoint's config may declare custom pipeline tasks; loading one needs ``trust_remote_code`` or
    an explicit ``pipeline_class``, so such calls are left alone (as are ``**kwargs`` that may carry them)."""
    for kw in call.keywords:
        if kw.arg is None or kw.arg == "pipeline_class":
            return True
        if kw.arg == "trust_remote_code" and not (isinstance(kw.value, ast.Constant) and kw.value.value in (False, None)):
            return True
    return False


def _known_later(task: str, target: Knowledge) -> Optional[str]:
    """The first bundled release after the target that runs ``task``."""
    from tf_lint.knowledge.versions import first_release_with

    later = first_release_with(lambda r: r.lookup_task(task).status == "ok", after=target.version)
    return later.version if later is not None else None
