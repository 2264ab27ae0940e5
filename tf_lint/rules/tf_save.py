"""TF save/load (TFL2xx): Keras saving applied to Transformers TensorFlow models."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterable, List, Optional

from tf_lint.analysis import Constant, Model
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix, Position
from tf_lint.knowledge.classes import model_framework
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
# Keras's whole-model loaders (not ``tf.saved_model.load``, which restores a SavedModel's serving
# signatures as a plain trackable and needs no Python class).
KERAS_MODEL_LOADERS = frozenset({
    "tensorflow.keras.models.load_model",
    "tensorflow.keras.saving.load_model",
    "keras.models.load_model",
    "keras.saving.load_model",
    "tf_keras.models.load_model",
    "tf_keras.saving.load_model",
})


@dataclass
class _Save:
    """A ``.save()`` or ``.save_pretrained()`` of a TF Transformers model in the document."""

    call: ast.Call
    method: str
    receiver: ast.expr
    model: Model
    path: Optional[ast.expr]


def _tf_model_saves(facts) -> List[_Save]:
    saves = []
    for node in facts.nodes(ast.Call):
        if (isinstance(node.func, ast.Attribute)
                and node.func.attr in ("save", "save_pretrained")):
            model = facts.model(node.func.value)
            if model is not None and model.framework == "tf":
                saves.append(_Save(node, node.func.attr, node.func.value, model, _path_argument(node)))
    saves.sort(key=lambda s: (s.call.lineno, s.call.col_offset))
    return saves


def _same_path(facts, a: Optional[ast.expr], b: Optional[ast.expr]) -> bool:
    """Whether two path expressions certainly name the same path: equal string constants, or the same
    variable bound once."""
    if a is None or b is None:
        return False
    va, vb = facts.value(a), facts.value(b)
    if isinstance(va, Constant) and isinstance(vb, Constant):
        return isinstance(va.value, str) and va.value == vb.value
    if isinstance(a, ast.Name) and isinstance(b, ast.Name) and a.id == b.id:
        # The same variable, bound by the one assignment that reaches both uses.
        bound = facts.assigned_expression(a)
        return bound is not None and bound is facts.assigned_expression(b)
    return False


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

    Keras models that are not Transformers models are not reported. Neither is a `.save()` that comes
    after `save_pretrained` of the same model in the same file: the Transformers save exists, and the
    Keras save next to it is a deliberate export — usually a SavedModel for TF Serving, which needs no
    Transformers to serve (`tf.saved_model.load` or a serving container read its signatures). Such users
    need no finding; `model.save_pretrained(directory, saved_model=True)` writes the same export under
    `directory/saved_model/1` in one call. Loading that export back with Keras's `load_model` is
    TFL202's concern, not this rule's.

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
    packages = ("transformers",)  # a TensorFlow Transformers model
    triggers = ("save",)  # the attribute, however it is spaced (``model . save(...)``)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._loaders: Optional[List[ast.Call]] = None
        self._saves: Optional[List[_Save]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "save"):
            return
        model = self.ctx.facts.model(func.value)
        if model is None or model.framework != "tf":
            return
        if self._exported_after_save_pretrained(node):
            return
        cls = (model.cls or "TF model").rsplit(".", 1)[-1]
        path = _path_argument(node)
        keras_file = self._keras_file_name(path)
        message = (f"`.save()` on a TensorFlow Transformers model ({cls}) writes a Keras save without its "
                   "config that `from_pretrained` cannot load; use `save_pretrained(directory)`")
        if keras_file:
            message += f" (or `save_weights({keras_file!r})` to keep an H5 file of weights)"
        yield self.diagnostic(node, message, self._fix(node, path, keras_file))

    def _exported_after_save_pretrained(self, node: ast.Call) -> bool:
        """A `.save()` after `save_pretrained` of the same model: the Transformers save exists, and the
        Keras save is an export (a SavedModel for TF Serving), not the model's only copy."""
        if self._saves is None:
            self._saves = _tf_model_saves(self.ctx.facts)
        receiver = node.func.value  # type: ignore[attr-defined]
        model = self.ctx.facts.model(receiver)
        for save in self._saves:
            if save.call is node:
                return False
            if (save.method == "save_pretrained" and ast.dump(save.receiver) == ast.dump(receiver)
                    and save.model == model):
                return True
        return False

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
                n for n in facts.nodes(ast.Call) if facts.qualified_name(n.func) in KERAS_LOADERS
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


class KerasLoadTransformersModel(Rule):
    """## What it does
    Finds Keras's whole-model loaders — `tf.keras.models.load_model`, `keras.models.load_model`,
    `keras.saving.load_model`, `tf_keras.models.load_model` — used on a save of a TensorFlow
    Transformers model:

    * a path that the same file saved a TF Transformers model to with `.save(...)` (a SavedModel
      directory) or with `save_pretrained(...)`;
    * `custom_objects` naming a Transformers TF model class with a task head
      (`{"TFBertForSequenceClassification": TFBertForSequenceClassification}`) on a path known to be a
      SavedModel directory or a `.keras` file: the code loads a whole-model Keras save of a
      Transformers model.

    Not reported: a base model or layer in `custom_objects` (`TFBertModel`, `TFBertMainLayer`), the
    shape of a functional Keras model that wraps a Transformers encoder (measured: it loads and gives
    the same outputs in the SavedModel, H5 and `.keras` formats); a task-head class in
    `custom_objects` on an `.h5` file or on a path tf-lint cannot read: Keras cannot save a subclassed
    model to H5 (it raises `NotImplementedError`), so an H5 file holds a functional model wrapping the
    Transformers model — the common tutorial shape, which loads; a load after an `.h5` save of the
    model, which already fails at the save (TFL201).

    ## Why is this bad?
    This is the load side of the guide's "Unable to load a saved TensorFlow model". Measured with
    transformers 4.57.6 and TensorFlow 2.21 (tf-keras), on a `TFBertForSequenceClassification`:

    * `load_model` on a directory written by `model.save(dir)` returns a revived object whose call,
      `predict` and `fit` raise `ValueError`;
    * with the class in `custom_objects` it loads when the model was compiled with a Keras loss, and
      raises `Unknown loss function: 'dummy_loss'` when it was compiled the Transformers way
      (`model.compile(optimizer=...)`, the model computing its own loss);
    * a `.keras` file of a model made by `from_pretrained` (DistilBERT) fails to load with
      `ValueError: Layer 'pre_classifier' expected 0 variables, but received 2` (a model built by
      calling it before the save loads);
    * `load_model` on a directory written by `save_pretrained` raises `OSError: SavedModel file does not
      exist`;
    * in every case the Keras save has no `config.json`: `from_pretrained` cannot read it and the
      model cannot be shared on the Hub or loaded in PyTorch.

    `save_pretrained(directory)` and `<ModelClass>.from_pretrained(directory)` round-trip with the same
    config and identical outputs.

    ## Example
    ```python
    import tensorflow as tf
    from transformers import TFAutoModelForSequenceClassification

    model = TFAutoModelForSequenceClassification.from_pretrained("distilbert/distilbert-base-uncased")
    model.compile(optimizer="adam")
    model.fit(train_set, epochs=1)
    model.save("sentiment_model")
    reloaded = tf.keras.models.load_model("sentiment_model")
    ```

    ## Use instead
    ```python
    model.save_pretrained("sentiment_model")
    reloaded = TFAutoModelForSequenceClassification.from_pretrained("sentiment_model")
    ```

    ## Fix safety
    Only where the save is in the same file and its model class is imported there: the load becomes
    `<ModelClass>.from_pretrained(path)` and a `.save(path)` becomes `save_pretrained(path)` (when it
    passes only the path, and the path is not an `.h5` / `.keras` file name). It is unsafe: Keras-only
    arguments of the load (`compile=`, `custom_objects=`) are dropped, and the reloaded model is a
    Transformers model (its call returns a model output, not the Keras model's tensors), so code that
    used the revived model may need changes. A load whose save is elsewhere gets no fix.
    """

    code = "TFL202"
    name = "keras-load-transformers-model"
    summary = "Keras `load_model` on a save of a TensorFlow Transformers model"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("load_model",)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._saves: Optional[List[_Save]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        loader = facts.qualified_name(node.func)
        if loader not in KERAS_MODEL_LOADERS:
            return
        if self._saves is None:
            self._saves = _tf_model_saves(facts)
        path = _path_argument(node)
        saved = [s for s in self._saves if _same_path(facts, s.path, path) and not self._fails_at_save(s)]
        head_class = self._custom_object_model(node) if self._saved_model_path(path) else None
        if not saved and head_class is None:
            return
        where = ""
        if saved:
            save = saved[-1]
            cls = (save.model.cls or "TF model").rsplit(".", 1)[-1]
            where = (f"`{save.method}` wrote a {cls} there ({self.ctx.document.where(save.call.lineno)}); ")
            if save.method == "save_pretrained":
                why = "`load_model` cannot read a `save_pretrained` directory (no SavedModel in it)"
            else:
                why = ("a Keras save of a Transformers model loads as an object that cannot be called, or fails "
                       "to load (its variables, or the loss of a model compiled the Transformers way)")
        else:
            cls = head_class
            why = ("a whole-model Keras save of a Transformers model fails to load once the model was compiled "
                   "the Transformers way (`Unknown loss function: 'dummy_loss'`) and has no config")
        cure = f"load it with `{cls}.from_pretrained(directory)`"
        if not saved or saved[-1].method == "save":
            cure = f"save with `save_pretrained(directory)` and load with `{cls}.from_pretrained(directory)`"
        message = (f"Keras `load_model` on a save of a TensorFlow Transformers model ({cls}): "
                   f"{where}{why}; {cure}")
        yield self.diagnostic(node, message, self._fix(node, path, saved[-1] if saved else None))

    def _fails_at_save(self, save: _Save) -> bool:
        """`.save()` to an H5 file raises at the save itself for a subclassed model (TFL201 reports it):
        the load after it never runs."""
        if save.method != "save":
            return False
        value = self.ctx.facts.value(save.path)
        return isinstance(value, Constant) and isinstance(value.value, str) and \
            value.value.lower().endswith((".h5", ".hdf5"))

    def _saved_model_path(self, path: Optional[ast.expr]) -> bool:
        """A path known to hold no H5 file. A subclassed Transformers model cannot be saved to H5 (Keras
        raises at the save), so an H5 file loaded with the class in ``custom_objects`` holds a functional
        model wrapping it, which loads fine; an unknown path may be such a file."""
        value = self.ctx.facts.value(path) if path is not None else None
        return isinstance(value, Constant) and isinstance(value.value, str) and \
            not value.value.lower().endswith((".h5", ".hdf5"))

    def _custom_object_model(self, node: ast.Call) -> Optional[str]:
        """The Transformers TF model class with a task head named in ``custom_objects``, if any."""
        facts = self.ctx.facts
        objects = None
        for kw in node.keywords:
            if kw.arg == "custom_objects":
                objects = kw.value
        if isinstance(objects, ast.Name):
            objects = facts.assigned_expression(objects)
        if not isinstance(objects, ast.Dict):
            return None
        for key, value in zip(objects.keys, objects.values):
            names = []
            key_value = facts.value(key) if key is not None else None
            if isinstance(key_value, Constant) and isinstance(key_value.value, str):
                names.append("transformers." + key_value.value)
            names.append(facts.qualified_name(value))
            for name in names:
                if model_framework(name) == "tf" and "For" in name.rsplit(".", 1)[-1]:
                    return name.rsplit(".", 1)[-1]
        return None

    def _fix(self, node: ast.Call, path: Optional[ast.expr], save: Optional[_Save]) -> Optional[Fix]:
        if save is None or path is None or save.model.cls is None:
            return None
        reference = self._class_reference(save.model.cls)
        if reference is None:
            return None
        doc = self.ctx.document
        path_text = doc.segment(doc.start_of(path), doc.end_of(path))
        edits = [Edit(doc.start_of(node), doc.end_of(node), f"{reference}.from_pretrained({path_text})")]
        if save.method == "save":
            call = save.call
            if len(call.args) != 1 or isinstance(call.args[0], ast.Starred) or call.keywords:
                return None
            value = self.ctx.facts.value(save.path)
            if isinstance(value, Constant) and isinstance(value.value, str) and \
                    value.value.lower().endswith(_KERAS_FILE_SUFFIXES):
                return None  # a file name: a directory for save_pretrained is the author's choice (TFL201)
            end = doc.end_of(call.func)
            edits.append(Edit(Position(end.row, end.column - len("save")), end, "save_pretrained"))
        return Fix(Applicability.UNSAFE, f"Load with `{reference}.from_pretrained`", edits)

    def _class_reference(self, qualname: str) -> Optional[str]:
        """How this module refers to the class: its imported name, ``module_alias.Name``, or a local class."""
        name = qualname.rsplit(".", 1)[-1]
        tree = self.ctx.tree
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "transformers" and not stmt.level:
                for alias in stmt.names:
                    if alias.name == name and qualname == "transformers." + name:
                        return alias.asname or alias.name
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    if alias.name == "transformers" and qualname == "transformers." + name:
                        return f"{alias.asname or alias.name}.{name}"
            elif isinstance(stmt, ast.ClassDef) and stmt.name == name and "." not in qualname:
                return name
        return None
