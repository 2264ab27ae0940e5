"""Unit tests of the facts layer: what each expression holds, through the flows real code uses."""

import ast
import textwrap

from tf_lint.analysis import Facts
from tf_lint.analysis.values import (
    Batches,
    Collator,
    Constant,
    Encoding,
    EncodingField,
    HandPadded,
    ImportedName,
    Model,
    Pipeline,
    RunTimeValue,
    Tokenizer,
)


def facts_of(source):
    tree = ast.parse(textwrap.dedent(source))
    return Facts(tree), tree


def value_of(source, name):
    """What the last assignment to ``name`` holds (its right-hand side's value)."""
    facts, tree = facts_of(source)
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)]
    assert found, name
    return facts, facts.value(found[-1].value)


def used(source, name):
    """What the last load of ``name`` holds."""
    facts, tree = facts_of(source)
    loads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    loads.sort(key=lambda n: (n.lineno, n.col_offset))
    return facts, facts.value(loads[-1])


GPT2 = """
import transformers as hf
tok = hf.AutoTokenizer.from_pretrained("gpt2")
model = hf.AutoModelForCausalLM.from_pretrained("gpt2").to("cpu")
"""


def test_tokenizer_model_and_kinds_through_module_alias():
    facts, tok = value_of(GPT2, "tok")
    assert isinstance(tok, Tokenizer) and facts.string(tok.checkpoint) == "gpt2"
    assert facts.has_pad_token(tok) is False and facts.padding_side(tok) == "right"
    facts, model = value_of(GPT2, "model")
    assert isinstance(model, Model) and facts.model_kind(model) == "decoder-only"
    assert facts.model_type(model) == "gpt2"


def test_pad_token_and_padding_side_set_in_file():
    facts, tok = value_of(GPT2 + "tok.pad_token = tok.eos_token\ntok.padding_side = 'left'\n", "tok")
    assert facts.has_pad_token(tok) is True and facts.padding_side(tok) == "left"
    facts, tok = value_of(GPT2 + "tok.add_special_tokens({'pad_token': '[PAD]'})\n", "tok")
    assert facts.has_pad_token(tok) is True


def test_setting_on_unknown_object_makes_pad_token_unknown():
    facts, tok = value_of(GPT2 + "def setup(t):\n    t.pad_token = t.eos_token\n", "tok")
    assert facts.has_pad_token(tok) is None
    # A model config's pad id is not the tokenizer's.
    facts, tok = value_of(GPT2 + "model.config.pad_token_id = tok.eos_token_id\n", "tok")
    assert facts.has_pad_token(tok) is False


def test_encoding_padding_batch_and_tensors():
    src = GPT2 + """
from transformers.utils import PaddingStrategy
a = tok(["x", "y z"], padding=True, return_tensors="pt")
b = tok("one text", padding=True)
c = tok(texts, padding="max_length", max_length=8)
d = tok(["x", "y"])
e = tok(texts, padding=PaddingStrategy.LONGEST, padding_side="left")
f = tok(texts, **options)
"""
    facts, a = value_of(src, "a")
    assert isinstance(a, Encoding) and (a.padded, a.batch, a.tensors, a.side) == (True, True, "pt", "right")
    assert value_of(src, "b")[1].padded is False and value_of(src, "b")[1].requested is True
    assert value_of(src, "c")[1].padded is True
    assert value_of(src, "d")[1].padded is False and value_of(src, "d")[1].requested is False
    e = value_of(src, "e")[1]
    assert e.padded is True and e.batch is None and e.side == "left"
    assert value_of(src, "f")[1].padded is None


def test_fields_through_subscripts_attributes_and_moves():
    src = GPT2 + """
enc = tok(["x", "y z"], padding=True, return_tensors="pt").to("cuda")
ids = enc["input_ids"].cuda()
mask = enc.attention_mask
first, second = ids, mask
"""
    ids = value_of(src, "ids")[1]
    assert isinstance(ids, EncodingField) and ids.field == "input_ids" and ids.encoding.padded
    assert value_of(src, "mask")[1].field == "attention_mask"
    assert used(src + "print(first)\n", "first")[1].field == "input_ids"


def test_loop_over_padding_collator_batches():
    src = """
from torch.utils.data import DataLoader
from tqdm.auto import tqdm
from transformers import AutoTokenizer, DataCollatorWithPadding
tok = AutoTokenizer.from_pretrained("bert-base-uncased")
collator = DataCollatorWithPadding(tok)
loader = DataLoader(ds, batch_size=8, collate_fn=collator)
for step, batch in enumerate(tqdm(loader)):
    batch = {k: v.to("cuda") for k, v in batch.items()}
    x = batch["input_ids"]
"""
    assert isinstance(value_of(src, "collator")[1], Collator)
    assert isinstance(value_of(src, "loader")[1], Batches)
    x = value_of(src, "x")[1]
    assert isinstance(x, EncodingField) and x.encoding.padded is True


def test_loader_without_collator_is_unknown():
    src = "from torch.utils.data import DataLoader\nloader = DataLoader(ds)\nfor b in loader:\n    x = b['input_ids']\n"
    assert value_of(src, "x")[1] is None


def test_self_attributes_annotated_params_and_function_returns():
    src = """
from transformers import AutoModel, AutoTokenizer, PreTrainedTokenizerBase

def load(name):
    return AutoTokenizer.from_pretrained(name), AutoModel.from_pretrained(name)

class Encoder:
    def __init__(self):
        self.tok, self.model = load("bert-base-uncased")

    def run(self, texts):
        enc = self.tok(texts, padding=True)
        return self.model

def helper(t: PreTrainedTokenizerBase):
    enc2 = t(["a", "b"], padding=True)
"""
    assert isinstance(value_of(src, "enc")[1], Encoding)
    assert isinstance(value_of(src, "enc2")[1], Encoding)


def test_argparse_and_hf_dataclass_options_are_run_time_values():
    src = """
import argparse
from dataclasses import dataclass, field
from transformers import HfArgumentParser

@dataclass
class Args:
    model_name: str = field(default="gpt2")
    other: str = "bert-base-uncased"

parser = argparse.ArgumentParser()
parser.add_argument("--model-name-or-path", default="distilgpt2")
args = parser.parse_args()
a = args.model_name_or_path
(hf_args,) = HfArgumentParser(Args).parse_args_into_dataclasses()
b = hf_args.model_name
c = hf_args.other
"""
    # Options given at run time: their defaults are placeholders, never the value (tests/test_facts_runtime.py).
    for name, default in (("a", "distilgpt2"), ("b", "gpt2"), ("c", "bert-base-uncased")):
        found = value_of(src, name)[1]
        assert isinstance(found, RunTimeValue) and found.default == Constant(default), name
    # The code setting the attribute before the read gives it its value.
    assert value_of(src + "args.model_name_or_path = 'x'\nd = args.model_name_or_path\n", "d")[1] == Constant("x")


def test_hand_padding():
    src = """
import torch
from torch.nn.utils.rnn import pad_sequence
literal = torch.tensor([[101, 7592, 102, 0, 0], [101, 7592, 2088, 999, 102]])
same_length = torch.tensor([[101, 7592, 102], [101, 2088, 102]])
padded = torch.tensor([ids + [0] * (n - len(ids)) for ids in rows])
seq = pad_sequence(rows, batch_first=True, padding_value=0)
one_column = torch.tensor([[10], [20], [30]])
"""
    literal = value_of(src, "literal")[1]
    assert isinstance(literal, HandPadded) and literal.pad_value == 0
    assert value_of(src, "same_length")[1] is None
    assert value_of(src, "padded")[1].how == "list_right"
    assert value_of(src, "seq")[1].how == "pad_sequence"
    assert value_of(src, "one_column")[1] is None  # one token a row: nothing padded (gliner's tests crashed it)


def test_pipeline_and_kinds_from_classes():
    src = """
from transformers import pipeline, T5ForConditionalGeneration, BertModel, AutoModel
pipe = pipeline("text-generation", model="gpt2")
t5 = T5ForConditionalGeneration.from_pretrained(path)
bert = BertModel.from_pretrained(path)
unknown = AutoModel.from_pretrained(path)
"""
    pipe = value_of(src, "pipe")[1]
    assert isinstance(pipe, Pipeline) and pipe.task == "text-generation"
    facts, t5 = value_of(src, "t5")
    assert facts.model_kind(t5) == "encoder-decoder"
    assert value_of(src, "bert")[0].model_kind(value_of(src, "bert")[1]) == "encoder-only"
    assert value_of(src, "unknown")[0].model_kind(value_of(src, "unknown")[1]) is None


def test_conditional_rebinding_is_unknown():
    src = """
from transformers import AutoTokenizer
tok = AutoTokenizer.from_pretrained("gpt2")
if flag:
    enc = tok(["a", "b"], padding=True)
else:
    enc = something_else()
x = enc
"""
    assert value_of(src, "x")[1] is None


def test_names_are_not_evidence():
    src = "tokenizer = load()\nenc = tokenizer(['a', 'b'], padding=True)\n"
    assert value_of(src, "enc")[1] is None


# --- constants from the project's other modules (astroid, lazily) ---------------------------------
def _project_tree(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def test_constants_imported_from_project_modules(tmp_path):
    root = _project_tree(tmp_path, {
        "app/__init__.py": "",
        "app/settings.py": """
            ORG = "openai-community"
            MODEL_NAME = ORG + "/gpt2"
            BATCH = 4 * 8
            TWICE = "a"
            TWICE = "b"
            SWITCHED = "big-model"
            if __import__("os").environ.get("DEBUG"):
                SWITCHED = "tiny-model"
            LOOPED = "a"
            for LOOPED in ("b", "c"):
                pass
            CHANGED = "a"
            def change():
                global CHANGED
                CHANGED = "b"
            FROM_ENV = __import__("os").environ.get("MODEL", "x")
            def helper():
                return 1
        """,
        "app/train.py": """
            from .settings import MODEL_NAME, BATCH, TWICE, FROM_ENV, helper, SWITCHED, LOOPED, CHANGED
            from app.settings import MODEL_NAME as ABSOLUTE
            from transformers import AutoModel
            print(MODEL_NAME, BATCH, TWICE, FROM_ENV, helper, ABSOLUTE, SWITCHED, LOOPED, CHANGED)
        """,
        "script.py": """
            from app.settings import BATCH
            print(BATCH)
        """,
    })
    path = str(root / "app" / "train.py")
    tree = ast.parse((root / "app" / "train.py").read_text())
    facts = Facts(tree, path)
    args = {n.id: n for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            and n.id != "print"}
    assert isinstance(facts.value(args["MODEL_NAME"]), ImportedName)  # value() reads this file only
    assert facts.constant(args["MODEL_NAME"]) == Constant("openai-community/gpt2")
    assert facts.string(args["MODEL_NAME"]) == "openai-community/gpt2"
    assert facts.constant(args["ABSOLUTE"]) == Constant("openai-community/gpt2")  # beside the top package
    assert facts.constant(args["BATCH"]) == Constant(32)
    assert not isinstance(facts.constant(args["TWICE"]), Constant)  # assigned twice: which one is unknown
    for name in ("SWITCHED", "LOOPED", "CHANGED"):  # bound again under an if, by a loop, through global
        assert not isinstance(facts.constant(args[name]), Constant), name
    assert not isinstance(facts.constant(args["FROM_ENV"]), Constant)  # a call: never inferred
    assert not isinstance(facts.constant(args["helper"]), Constant)
    script = str(root / "script.py")
    tree = ast.parse((root / "script.py").read_text())
    name = next(n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "BATCH")
    assert Facts(tree, script).constant(name) == Constant(32)  # a script's own folder is on sys.path
    assert Facts(tree).constant(name) != Constant(32)  # no path, no other module


def test_a_cached_result_is_dropped_when_the_imported_module_changes(tmp_path):
    import json
    import os
    import subprocess
    import sys

    root = _project_tree(tmp_path, {
        "conf.py": 'CHECKPOINT = "openai-community/gpt2"\n',
        "train.py": """
            from transformers import AutoModelForImageClassification
            from conf import CHECKPOINT
            model = AutoModelForImageClassification.from_pretrained(CHECKPOINT)
        """,
    })

    def codes():
        out = subprocess.run([sys.executable, "-m", "tf_lint", "--format", "json", "--exit-zero",
                              "--cache-dir", str(root / ".cache"), "train.py"], cwd=root,
                             capture_output=True, text=True, check=True).stdout
        return [d["code"] for d in json.loads(out)]

    assert codes() == ["TFL301"]
    (root / "conf.py").write_text('CHECKPOINT = "google/vit-base-patch16-224"\n')
    os.utime(root / "conf.py", ns=(1, 1))  # a different stamp whatever the clock's resolution
    assert codes() == []


def test_inner_loop_target_rebinds_for_the_outer_loop_too():
    # ``ids = ids.to(device)`` later in the inner loop never reaches the next use: every way back
    # goes through the inner loop's header, which rebinds ``ids``.
    facts, value = used("""
    import torch
    from torch.utils.data import DataLoader
    from transformers import AutoTokenizer, DataCollatorWithPadding
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    loader = DataLoader(rows, batch_size=4, collate_fn=DataCollatorWithPadding(tok))
    for epoch in range(3):
        for batch in loader:
            batch = batch.to("cpu")
            got = batch
    """, "batch")
    assert isinstance(value, Encoding)


def test_nodes_are_the_walk_of_the_document_by_type():
    tree = ast.parse("import os\nx = f(g(1))\nclass A:\n    y: int = h()\n")
    facts = Facts(tree)
    assert facts.nodes() == list(ast.walk(tree))
    assert facts.nodes(ast.Call) == [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    both = (ast.Assign, ast.AnnAssign)
    assert facts.nodes(both) == [n for n in ast.walk(tree) if isinstance(n, both)]
    assert facts.nodes(ast.Call) is facts.nodes(ast.Call)  # one walk, shared by the questions
