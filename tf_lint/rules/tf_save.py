"""TF save/load (TFL2xx): Keras saving applied to Transformers TensorFlow models."""

from __future__ import annotations

import ast
from typing import Iterable, List, Optional

from tf_lint.analysis import Constant
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.registry import Rule

# Calls that load a Keras save from a path: a file that uses one of them on the path it saved to
# relies on the Keras format, so rewriting the save is unsafe there.
KERAS_LOADERS = frozenset({
    "tensorflow.keras.models.load_model",
    "tensorflow.keras.saving.load_model",
    "tensorflow.saved_model.load",
    "keras.models.load_model",
    "keras.saving.load_model",
    "tf_keras.models.load_model",
    "tf_keras.saving.load_model",
})
_KERAS_FILE_SUFFIXES = (".h5", ".hdf5", ".keras")


class TfModelSave(Rule):
    """## What it does
    Finds `.save(...)` called on a TensorFlow Transformers model: an object made by `from_pretrained`,
    `from_config` or the constructor of a `transformers.TF*` model class (or a subclass of one),
    however it was imported (`from transformers import TFAutoModel`, an alias, `import transformers
    as tr`) and however it reached the call (assignments, `self.model`, function returns, annotated
    parameters).

    ## Why is this bad?
    `save` is Keras's own method. It writes a Keras SavedModel (or an H5 file) without the model's
    `config.json`, so `TFAutoModel.from_pretrained(path)` cannot load it back, and loading it with
    Keras needs the Transformers layer classes and often fails on the subclassed model. Transformers
    models are saved with `save_pretrained(directory)`, which writes the config and the weights that
    every Transformers loader (TensorFlow or PyTorch) understands.

    Measured with transformers 4.57.6 and TensorFlow 2.21 on the fixtures: after `model.save(dir)`,
    `TFAutoModel.from_pretrained(dir)` fails ("Unrecognized model", or no `tf_model.h5`), and
    `BertConfig.from_pretrained(dir)` silently returns a *default* config (hidden size 768, vocabulary
    30522) — the model's own configuration is lost. After `save_pretrained(dir)` the model loads back
    with the same config and identical outputs.

    Keras models that are not Transformers models are not reported.

    ## Example
    ```python
    from transformers import TFAutoModelForSequenceClassification

    model = TFAutoModelForSequenceClassification.from_pretrained("distilbert/distilbert-base-uncased")
    model.fit(train_set, epochs=1)
    model.save("my_classifier")
    ```

    ## Use instead
    ```python
    model.save_pretrained("my_classifier")
    reloaded = TFAutoModelForSequenceClassification.from_pretrained("my_classifier")
    ```
    To keep only the weights in one H5 file, use `model.save_weights("weights.h5")` and load them into
    a model built from the same config.

    ## Fix safety
    The fix renames `save` to `save_pretrained` when the call passes just the path. It is safe when
    nothing in the file loads that path back with Keras; it is unsafe when the file calls
    `keras.models.load_model` / `tf.saved_model.load` on the same path (or on a path tf-lint cannot
    tell apart from it), because that code relies on the Keras format. Calls with Keras-only options
    (`save_format=`, `include_optimizer=`, ...) or an `.h5` / `.keras` file name get no fix: the
    right replacement (`save_pretrained` to a directory, or `save_weights`) is the author's choice.
    """

    code = "TFL201"
    name = "tf-model-save"
    summary = "`.save()` on a TensorFlow Transformers model writes a save that Transformers cannot load"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = (".save",)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._loaders: Optional[List[ast.Call]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "save"):
            return
        model = self.ctx.facts.model(func.value)
        if model is None or model.framework != "tf":
            return
        cls = (model.cls or "TF model").rsplit(".", 1)[-1]
        path = _path_argument(node)
        keras_file = self._keras_file_name(path)
        message = (f"`.save()` on a TensorFlow Transformers model ({cls}) writes a Keras save without its "
                   "config that `from_pretrained` cannot load; use `save_pretrained(directory)`")
        if keras_file:
            message += f" (or `save_weights({keras_file!r})` to keep an H5 file of weights)"
        yield self.diagnostic(node, message, self._fix(node, path, keras_file))

    def _keras_file_name(self, path: Optional[ast.expr]) -> Optional[str]:
        value = self.ctx.facts.value(path) if path is not None else None
        if isinstance(value, Constant) and isinstance(value.value, str):
            if value.value.lower().endswith(_KERAS_FILE_SUFFIXES):
                return value.value
        return None

    def _fix(self, node: ast.Call, path: Optional[ast.expr], keras_file: Optional[str]) -> Optional[Fix]:
        only_path = (len(node.args) == 1 and not isinstance(node.args[0], ast.Starred) and not node.keywords)
        if not only_path or keras_file:
            return None
        doc = self.ctx.document
        end = doc.end_of(node.func)
        edit = Edit(Position(end.row, end.column - len("save")), end, "save_pretrained")
        applicability = Applicability.UNSAFE if self._loaded_with_keras(path) else Applicability.SAFE
        return Fix(applicability, "Use `save_pretrained`", [edit])

    def _loaded_with_keras(self, path: Optional[ast.expr]) -> bool:
        """Whether some Keras loader in the document may read the path this call saves to."""
        if self._loaders is None:
            facts = self.ctx.facts
            self._loaders = [
                n for n in ast.walk(self.ctx.tree)
                if isinstance(n, ast.Call) and facts.qualified_name(n.func) in KERAS_LOADERS
            ]
        saved = self.ctx.facts.value(path)
        for loader in self._loaders:
            loaded = self.ctx.facts.value(_path_argument(loader))
            if isinstance(saved, Constant) and isinstance(loaded, Constant) and saved != loaded:
                continue  # provably another path
            return True
        return False


def _path_argument(call: ast.Call) -> Optional[ast.expr]:
    if call.args and not isinstance(call.args[0], ast.Starred):
        return call.args[0]
    for kw in call.keywords:
        if kw.arg in ("filepath", "filepath_or_buffer", "export_dir", "path"):
            return kw.value
    return None
