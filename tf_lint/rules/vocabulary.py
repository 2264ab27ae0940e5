"""Vocabulary and labels (TFL7xx): the static causes of "device-side assert triggered"."""

from __future__ import annotations

import ast
from typing import Dict, Iterable, List, Optional, Tuple

from tf_lint.analysis import hub_datasets, labels, vocabulary
from tf_lint.analysis.values import Model
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix
from tf_lint.registry import Rule


def statement_of(tree: ast.Module, node: ast.AST) -> Optional[Tuple[ast.stmt, List[ast.stmt]]]:
    """The statement holding ``node`` and the statement list it sits in."""
    for parent in ast.walk(tree):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(parent, name, None)
            if not isinstance(block, list):
                continue
            for stmt in block:
                if isinstance(stmt, ast.stmt) and any(n is node for n in _own_nodes(stmt)):
                    return stmt, block
    return None


def _own_nodes(stmt: ast.stmt) -> Iterable[ast.AST]:
    """The nodes of ``stmt`` outside its nested statement blocks."""
    stack: List[ast.AST] = [stmt]
    while stack:
        current = stack.pop()
        yield current
        for name, value in ast.iter_fields(current):
            if current is not stmt or name not in ("body", "orelse", "finalbody", "handlers"):
                if isinstance(value, ast.AST):
                    stack.append(value)
                elif isinstance(value, list):
                    stack.extend(v for v in value if isinstance(v, ast.AST))


class EmbeddingsNotResized(Rule):
    """## What it does
    Finds tokens added to a tokenizer (`tokenizer.add_tokens([...])`, `tokenizer.add_special_tokens({...})`,
    or as it loads: `AutoTokenizer.from_pretrained(checkpoint, additional_special_tokens=[...])`,
    `pad_token="[PAD]"` and the other special-token keywords) that its vocabulary does not hold yet,
    when a model used with that tokenizer — loaded from the same checkpoint, given to the same `Trainer`
    or `pipeline`, given beside a data collator built on the tokenizer (`Trainer(model=m,
    data_collator=DataCollatorForLanguageModeling(tokenizer))`, `DataCollatorForSeq2Seq(tokenizer,
    model=m)`), or called (or `generate`d) with its encodings — is never resized with
    `model.resize_token_embeddings(...)`.

    A token counts as new only with evidence: the tokenizer's files in a local folder or the Hugging
    Face cache (read offline) do not hold it, or the token is shaped like a special token (`[PAD]`,
    `<product>`, `<|im_start|>`) and the checkpoint is one of the well-known vocabularies whose every
    such entry tf-lint bundles, read from the released tokenizer files (GPT-2 and GPT-Neo, Llama 2,
    Llama 3 and 3.1-3.3, Mistral 7B v0.1, Qwen3, Gemma 3, BERT uncased).
    Additions that add nothing are not reported: the tokenizer's own
    tokens (`add_special_tokens({"pad_token": tokenizer.eos_token})`, `pad_token = eos_token`), a
    `[PAD]` that BERT's vocabulary already has, and token lists the code does not spell out. A file that
    resizes any embeddings, or a model whose `from_pretrained` call sets `vocab_size=` or passes a
    `config=`, is left alone. So are additions whose ids never reach an embedding lookup: a token added
    for a role that the code then gives to another token (`add_special_tokens({"pad_token": "[PAD]"})`
    followed by `tokenizer.pad_token_id = 0`), and a model paired only by its checkpoint that the code
    only ever calls with `inputs_embeds=` (a frozen encoder of features).

    A checkpoint or token given at run time (a command-line option of argparse, an `HfArgumentParser` or
    `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is unknown
    here: the default the code declares for it is a placeholder, not what runs, and never starts a
    finding or a fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    The new tokens get ids past the end of the model's embedding matrix. The first batch that contains
    one fails: on CPU with `IndexError: index out of range in self`, on a GPU with
    `RuntimeError: CUDA error: device-side assert triggered`, an error that points nowhere near its
    cause (and leaves the CUDA context unusable). A padding token added this way reaches every padded
    batch.

    ## Example
    ```python
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained("openai-community/gpt2")
    tokenizer.add_special_tokens({"pad_token": "[PAD]"})
    model = AutoModelForCausalLM.from_pretrained("openai-community/gpt2")
    batch = tokenizer(["short", "a longer text"], padding=True, return_tensors="pt")
    model(**batch)
    ```

    ## Use instead
    ```python
    tokenizer.add_special_tokens({"pad_token": "[PAD]"})
    model = AutoModelForCausalLM.from_pretrained("openai-community/gpt2")
    model.resize_token_embeddings(len(tokenizer))
    ```
    Or add nothing: `tokenizer.pad_token = tokenizer.eos_token`.

    ## Fix safety
    The fix inserts `model.resize_token_embeddings(len(tokenizer))` after the later of the addition and
    the model's `from_pretrained` statement, when both sit in the same block and name the model and the
    tokenizer with plain variables. It is unsafe: resizing changes the model (new, freshly initialised
    embedding rows, and a saved checkpoint of another shape), and a model whose embedding matrix is
    already larger than its tokenizer (vocabularies padded to a multiple of 64 or 128) would be shrunk
    to `len(tokenizer)`, where the author may want `pad_to_multiple_of=` or no resize at all.
    """

    code = "TFL701"
    name = "embeddings-not-resized"
    summary = "Tokens added to a tokenizer whose model's embeddings are never resized"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = vocabulary.ADDITION_WORDS
    packages = ("transformers",)  # the tokenizer, a name of the package

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        addition = vocabulary.token_addition(facts, node)
        if addition is None:
            return
        new = vocabulary.new_tokens(facts, addition)
        if not new or vocabulary.resizes_embeddings(facts):
            return
        loads = self._loads()
        models = [(m, shown) for m, shown in vocabulary.models_used_with(facts, addition.tokenizer)
                  if _unchanged_vocabulary(m, loads)]
        if not models:
            return
        model, shown = models[0]
        listed = ", ".join(repr(t) for t in new[:3]) + (", ..." if len(new) > 3 else "")
        method = node.func.attr  # type: ignore[union-attr]
        if method == "from_pretrained":  # added as it loads
            method = "from_pretrained(" + ", ".join(
                f"{k.arg}=..." for k in node.keywords if k.arg in vocabulary.LOAD_TIME_TOKENS) + ")"
        message = (f"`{method}` adds {listed}, which the tokenizer's vocabulary lacks, but the model used "
                   f"with it (line {shown.lineno}) is never resized: those ids fall outside its embedding matrix "
                   "(`IndexError: index out of range in self`, on GPU a device-side assert); call "
                   "`model.resize_token_embeddings(len(tokenizer))`")
        yield self.diagnostic(node, message, self._fix(node, model, loads))

    def _loads(self) -> Dict[int, ast.Call]:
        """The ``from_pretrained`` call of each checkpoint expression (how a model was loaded)."""
        found: Dict[int, ast.Call] = {}
        for call in self.ctx.facts.nodes(ast.Call):
            if isinstance(call.func, ast.Attribute) and call.func.attr == "from_pretrained":
                for arg in list(call.args[:1]) + [k.value for k in call.keywords]:
                    found[id(arg)] = call
        return found

    def _fix(self, node: ast.Call, model: Model, loads: Dict[int, ast.Call]) -> Optional[Fix]:
        tree = self.ctx.tree
        tokenizer = node.func.value  # type: ignore[union-attr]
        if node.func.attr == "from_pretrained":  # type: ignore[union-attr]  # added as it loads: its target
            loading = statement_of(tree, node)
            statement = loading[0] if loading else None
            tokenizer = (statement.targets[0] if isinstance(statement, ast.Assign) and len(statement.targets) == 1
                         and statement.value is node else None)
        load = loads.get(id(model.checkpoint))
        if not isinstance(tokenizer, ast.Name) or load is None:
            return None
        added, loaded = statement_of(tree, node), statement_of(tree, load)
        if added is None or loaded is None or added[1] is not loaded[1]:
            return None
        statement = loaded[0]
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name) and statement.value is load):
            return None
        after = max(added[0], statement, key=lambda s: s.lineno)
        code = f"{statement.targets[0].id}.resize_token_embeddings(len({tokenizer.id}))"
        from tf_lint.fixes.statements import insert_after

        edit: Edit = insert_after(self.ctx.document, after, code)
        return Fix(Applicability.UNSAFE, "Resize the model's embeddings to the tokenizer", [edit])


def _unchanged_vocabulary(model: Model, loads: Dict[int, ast.Call]) -> bool:
    """A model loaded with ``from_pretrained`` that keeps the checkpoint's vocabulary size."""
    if model.factory != "from_pretrained":
        return False
    load = loads.get(id(model.checkpoint))
    if load is None:
        return False
    return not any(k.arg in (None, "vocab_size", "config") for k in load.keywords)


class NumLabelsMismatch(Rule):
    """## What it does
    Finds a classification head (`AutoModelForSequenceClassification`, `...ForTokenClassification`,
    `...ForImageClassification`, `...ForAudioClassification`, or a concrete class) loaded with fewer
    labels than the data of the same file defines.

    The file's label count comes from what it spells out, and all of it must agree: an `id2label` /
    `label2id` dict (a literal, or a comprehension over `enumerate` of a list of label names), a
    `datasets.ClassLabel(names=[...])` or `ClassLabel(num_classes=N)`, a `num_labels` / `num_classes`
    constant; a mapping or constant known by its variable's name counts only when the code reads that
    variable (one nothing reads may still give a finding its fix). The labels the code feeds the model
    are evidence too, whatever its names: a call of the
    loaded model with `labels=torch.tensor([...])` whose ids are constants (literals, constant arithmetic,
    keys of a label map the file spells out), or ids looked up one by one in such a map
    (`torch.tensor([queue_ids[q] for q in tags])`: every id the map holds), reaching the head's count;
    and a `Trainer` (or a loop feeding the batches of a `DataLoader` to the model) that trains the
    loaded model on a dataset loaded from the Hub by name (`load_dataset("emotion")`, through splits,
    `shuffle`, `select(range(...))`, `rename_column` and `map`; a `filter` or a `select` of computed
    indices may keep only some classes, so it leaves the count unknown) whose label column holds more
    classes: the
    dataset's own `label` column, or the one `ClassLabel` column a `map` copies into `labels` (the NER
    tags aligned to sub-words). The number of classes comes from a small table of Hub datasets, each
    entry read from the dataset's `dataset_infos.json` with its source recorded; a dataset not in it, a
    `map` that computes its labels (a comparison, arithmetic, a call) and any step tf-lint does not know
    leave the count unknown. Reading predictions counts too: the argmax of the model's logits used as an
    index into a list of label names the file spells out (`SENTIMENTS[logits.argmax(-1).item()]`), or
    into a dict keyed 0..n-1, says the code expects as many classes as the list holds, whatever its
    name. The head's count comes from the
    `from_pretrained` call: `num_labels=`, `id2label=`, or
    else the checkpoint's own: its `config.json` in a local folder or the Hugging Face cache (read
    offline), or, for pretrained-only checkpoints such as `bert-base-uncased` whose config names no
    labels, transformers' default of 2. A call with `config=` or `**kwargs`, and a file that changes
    a head after loading (`model.config.num_labels = ...`, `model.classifier = ...`), are left alone.

    A checkpoint or `num_labels` given at run time (a command-line option of argparse, an
    `HfArgumentParser` or `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment
    variable) is unknown here: the default the code declares for it is a placeholder, not what runs, and
    never starts a finding or a fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    The head has one logit per label. A label id at or past that number makes the loss index out of
    range: on CPU `IndexError: Target 5 is out of bounds.`, on a GPU
    `RuntimeError: CUDA error: device-side assert triggered`, far from its cause. `num_labels` left at
    its default of 2 for a six-class dataset is the common case; the model also cannot predict the
    labels it has no logit for.

    ## Example
    ```python
    from transformers import AutoModelForSequenceClassification

    id2label = {0: "sadness", 1: "joy", 2: "love", 3: "anger", 4: "fear", 5: "surprise"}
    label2id = {v: k for k, v in id2label.items()}
    model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased")
    ```

    ## Use instead
    ```python
    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert-base-uncased", num_labels=len(id2label), id2label=id2label, label2id=label2id
    )
    ```

    ## Fix safety
    The fix passes `num_labels=len(<mapping>)` (replacing a wrong `num_labels=` value), and `id2label=` /
    `label2id=` when the file binds both, when the label mapping is a variable defined before the call
    in the same block or at module level; `num_labels=<n>` when the count comes from a Hub dataset's
    classes, from ids looked up in a map of ids 0..n-1, or from n label names read as predictions. It
    is safe when the checkpoint is known to carry no labels of its own (a pretrained-only checkpoint gets a new head either way); otherwise it is unsafe: a
    checkpoint with a trained head of another size then fails to load unless
    `ignore_mismatched_sizes=True` is added, which discards that head.
    """

    code = "TFL702"
    name = "num-labels-mismatch"
    summary = "A classification head with fewer labels than the labels the code defines"
    fix_availability = "sometimes"
    node_types = (ast.Call,)
    triggers = ("from_pretrained",)
    packages = ("transformers",)  # the model class whose head is counted

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._data: Optional[Tuple[Optional[int], List[labels.LabelDefinition]]] = None
        self._fed: Optional[List[labels.FedLabels]] = None
        self._trained: Optional[List[hub_datasets.TrainedDataset]] = None
        self._predicted: Optional[List[labels.PredictedLabels]] = None

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        facts = self.ctx.facts
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "from_pretrained"):
            return
        head = labels.classification_head(facts, node)
        if head is None:
            return
        count, definitions = self._data_labels()
        if labels.head_changed_after_loading(facts):
            return
        if count is None or head.count >= count:
            fed = self._fed_past(node, head.count)
            if fed is not None:
                top = max(fed.ids)
                fed_what = (f"label ids looked up in a map whose ids go up to {top}" if fed.mapped
                            else f"label id {top}")
                message = (f"the classification head gets {head.count} labels ({head.how}) but the code feeds it "
                           f"{fed_what} (line {fed.call.lineno}): label ids from {head.count} on make the loss "
                           f"fail (`IndexError: Target {top} is out of bounds`, on GPU a device-side assert); pass "
                           f"`num_labels={top + 1}` or more")
                # A label map nothing reads cannot start a finding, but may give this one its fix.
                unread = {d.count for d in definitions if not d.read}
                fix = (self._fix(node, head, [d for d in definitions if not d.read])
                       if len(unread) == 1 and unread.pop() > top and count is None else None)
                if fix is None and fed.mapped and fed.ids == tuple(range(top + 1)):
                    fix = self._count_fix(node, head, top + 1)  # the map encodes exactly top + 1 classes
                yield self.diagnostic(node, message, fix)
                return
            trained = self._trained_past(node, head.count)
            if trained is not None:
                message = (f"the classification head gets {head.count} labels ({head.how}) but the code trains it "
                           f"(line {trained.call.lineno}) on `{trained.dataset}`, whose `{trained.column}` holds "
                           f"{trained.count} classes ({trained.source}): label ids from {head.count} on make the loss "
                           f"fail (`IndexError: Target {trained.count - 1} is out of bounds`, on GPU a device-side "
                           f"assert); pass `num_labels={trained.count}`")
                yield self.diagnostic(node, message, self._count_fix(node, head, trained.count))
                return
            predicted = self._predicted_past(node, head.count)
            if predicted is not None:
                message = (f"the classification head gets {head.count} labels ({head.how}) but the code reads its "
                           f"predictions as indices into {predicted.count} label names (line "
                           f"{predicted.node.lineno}): the head can never predict the names from index {head.count} "
                           f"on, and training it on their ids fails (`IndexError: Target {predicted.count - 1} is out "
                           f"of bounds`); pass `num_labels={predicted.count}`")
                yield self.diagnostic(node, message, self._count_fix(node, head, predicted.count))
            return
        where = next(d for d in definitions if d.read)
        what = {"id2label": "`id2label`", "label2id": "`label2id`", "ClassLabel": "`ClassLabel`",
                "count": "a label count"}[where.kind]
        message = (f"the classification head gets {head.count} labels ({head.how}) but the code defines {count} "
                   f"({what}, line {where.node.lineno}): label ids from {head.count} on make the loss fail "
                   f"(`IndexError: Target {count - 1} is out of bounds`, on GPU a device-side assert); pass "
                   f"`num_labels={count}` (and `id2label` / `label2id`)")
        yield self.diagnostic(node, message, self._fix(node, head, [d for d in definitions if d.count == count]))

    def _fed_past(self, node: ast.Call, count: int) -> Optional[labels.FedLabels]:
        """A call feeding the model this ``from_pretrained`` loads a label id at or past ``count``."""
        if self._fed is None:
            self._fed = labels.fed_labels(self.ctx.facts)
        checkpoint = _checkpoint_argument(node)
        for fed in self._fed:
            if fed.model.checkpoint is checkpoint and fed.model.factory == "from_pretrained" and max(fed.ids) >= count:
                return fed
        return None

    def _trained_past(self, node: ast.Call, count: int) -> Optional[hub_datasets.TrainedDataset]:
        """A ``Trainer`` that trains the model this ``from_pretrained`` loads on a Hub dataset with more
        classes than ``count``."""
        if self._trained is None:
            self._trained = hub_datasets.trained_datasets(self.ctx.facts)
        checkpoint = _checkpoint_argument(node)
        for trained in self._trained:
            if (trained.model.checkpoint is checkpoint and trained.model.factory == "from_pretrained"
                    and trained.count > count):
                return trained
        return None

    def _predicted_past(self, node: ast.Call, count: int) -> Optional[labels.PredictedLabels]:
        """Predictions of the model this ``from_pretrained`` loads read into more label names than ``count``."""
        if self._predicted is None:
            self._predicted = labels.predicted_labels(self.ctx.facts)
        checkpoint = _checkpoint_argument(node)
        for predicted in self._predicted:
            if (predicted.model.checkpoint is checkpoint and predicted.model.factory == "from_pretrained"
                    and predicted.count > count):
                return predicted
        return None

    def _count_fix(self, node: ast.Call, head: labels.ClassificationHead, count: int) -> Optional[Fix]:
        """``num_labels=<count>`` (added, or replacing a wrong value); none when the call passes a label
        mapping, whose size would then disagree."""
        keywords = {k.arg: k for k in node.keywords}
        if "id2label" in keywords or "label2id" in keywords:
            return None
        applicability = Applicability.SAFE if head.carries_labels is False else Applicability.UNSAFE
        doc = self.ctx.document
        replaced = keywords.get("num_labels")

        def edits() -> List[Edit]:  # libcst, only when fixing
            from tf_lint.fixes.calls import add_keywords

            if replaced is not None:
                return [Edit(doc.start_of(replaced.value), doc.end_of(replaced.value), str(count))]
            added = add_keywords(doc, node, [("num_labels", str(count))])
            return [added] if added is not None else []

        return Fix(applicability, f"Give the head {count} labels", edits)

    def _data_labels(self) -> Tuple[Optional[int], List[labels.LabelDefinition]]:
        if self._data is None:
            definitions = labels.label_definitions(self.ctx.facts)
            counts = {d.count for d in definitions if d.read}
            self._data = (counts.pop() if len(counts) == 1 else None, definitions)
        return self._data

    def _fix(self, node: ast.Call, head: labels.ClassificationHead,
             definitions: List[labels.LabelDefinition]) -> Optional[Fix]:
        visible = {d.kind: d.name for d in definitions if d.name and self._visible_at(d.node, node)}
        mapping = visible.get("id2label") or visible.get("label2id")
        if not mapping:
            return None
        keywords = {k.arg: k for k in node.keywords}
        if "id2label" in keywords or "label2id" in keywords:
            return None
        pairs = [] if "num_labels" in keywords else [("num_labels", f"len({mapping})")]
        if "id2label" in visible and "label2id" in visible:
            pairs += [("id2label", visible["id2label"]), ("label2id", visible["label2id"])]
        applicability = Applicability.SAFE if head.carries_labels is False else Applicability.UNSAFE
        doc = self.ctx.document
        replaced = keywords.get("num_labels")

        def edits() -> List[Edit]:  # libcst, only when fixing
            from tf_lint.fixes.calls import add_keywords

            result: List[Edit] = []
            if replaced is not None:
                result.append(Edit(doc.start_of(replaced.value), doc.end_of(replaced.value), f"len({mapping})"))
            if pairs:
                added = add_keywords(doc, node, pairs)
                if added is None:
                    return []
                if replaced is not None:  # one edit of the whole call: apply the replacement inside it
                    text = added.content
                    old = doc.segment(doc.start_of(replaced.value), doc.end_of(replaced.value))
                    added = Edit(added.start, added.end, text.replace(f"num_labels={old}", f"num_labels=len({mapping})", 1))
                    result = []
                result.append(added)
            return result

        return Fix(applicability, f"Give the head the {mapping} labels", edits)

    def _visible_at(self, definition: ast.AST, call: ast.Call) -> bool:
        """Whether a name bound by ``definition`` is bound when ``call`` runs: a module-level statement
        before it, or an earlier statement of the same block."""
        tree = self.ctx.tree
        if any(definition is stmt for stmt in tree.body) and definition.lineno < call.lineno:
            return True
        here, there = statement_of(tree, call), statement_of(tree, definition)
        return bool(here and there and here[1] is there[1] and there[0].lineno < here[0].lineno)


def _checkpoint_argument(call: ast.Call) -> Optional[ast.expr]:
    """The expression naming the checkpoint of a ``from_pretrained`` call (the node a model's
    ``checkpoint`` is)."""
    return call.args[0] if call.args else next(
        (k.value for k in call.keywords if k.arg == "pretrained_model_name_or_path"), None)
