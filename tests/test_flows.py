"""Unit tests of the facts that follow values the file does not build in plain sight (``analysis.flows``):
each kind of evidence with its positives and its look-alikes."""

import ast
import textwrap

import pytest

from tf_lint.analysis import Facts
from tf_lint.analysis.flows import FlowFacts
from tf_lint.analysis.values import Encoding, EncodingField, HandPadded, Model, Record, Tokenizer, TupleValue


HEADER = """
from transformers import AutoModel, AutoTokenizer
"""


def facts_of(source):
    tree = ast.parse(source)
    return Facts(tree), tree


def used(source, name):
    """What the last load of ``name`` holds, in ``source`` after the imports of ``HEADER``."""
    facts, tree = facts_of(HEADER + textwrap.dedent(source))
    loads = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)]
    loads.sort(key=lambda n: (n.lineno, n.col_offset))
    return facts.value(loads[-1])


def first_call(source):
    return next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call))


# --- tokenizer_call_by_keywords -------------------------------------------------------------------
@pytest.mark.parametrize("source", [
    'tok(texts, padding=True, truncation=True)',
    'self.tokenizer(texts, padding="max_length", max_length=64)',
    'encode(batch, padding=True, return_tensors="pt")',
    'processor(text=texts, padding=True, return_tensors="pt")',
])
def test_tokenizer_call_by_keywords(source):
    assert FlowFacts.tokenizer_call_by_keywords(first_call(source))


@pytest.mark.parametrize("source", [
    'nn.Conv2d(3, 16, kernel_size=3, padding=1)',  # padding alone
    'tok(texts, truncation=True, return_tensors="pt")',  # no padding asked
    'tok(texts, padding=True, **kwargs)',  # **kwargs may change anything
    'tok(padding=True, max_length=8)',  # no text
    'F.pad(x, (0, 2), value=0)',
])
def test_not_a_tokenizer_call_by_keywords(source):
    assert not FlowFacts.tokenizer_call_by_keywords(first_call(source))


def test_unknown_callee_with_tokenizer_keywords_gives_a_padded_encoding():
    value = used("""
    def embed(model, tokenizer, texts):
        ids = tokenizer(texts, padding=True, truncation=True, return_tensors="pt").input_ids
        return ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.field == "input_ids"
    assert value.encoding.padded and value.encoding.tokenizer is None and value.encoding.side is None


def test_batch_encode_plus_on_an_unknown_object_is_a_batch():
    value = used("""
    def prompts_to_ids(tok, prompts):
        ids = tok.batch_encode_plus(prompts, padding=True, return_tensors="pt")["input_ids"]
        return ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.encoding.batch is True and value.encoding.padded


# --- parameter_at_call_sites ----------------------------------------------------------------------


def test_parameter_holds_what_every_call_site_passes():
    value = used("""
    def embed(model, tokenizer, texts):
        return model, tokenizer
    embed(AutoModel.from_pretrained("bert-base-uncased"), AutoTokenizer.from_pretrained("bert-base-uncased"), ["a"])
    """, "model")
    assert isinstance(value, Model) and value.cls == "transformers.AutoModel"


def test_parameter_by_keyword_and_through_a_variable():
    value = used("""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    def encode(texts, tokenizer=None):
        return tokenizer
    encode(["a"], tokenizer=tok)
    encode(["b"], tokenizer=tok)
    """, "tokenizer")
    assert isinstance(value, Tokenizer)


def test_constructor_call_sites_give_init_parameters():
    value = used("""
    class Wrapper:
        def __init__(self, model):
            self.model = model
        def run(self, ids):
            return self.model(ids)
    Wrapper(AutoModel.from_pretrained("bert-base-uncased"))
    """, "model")
    assert isinstance(value, Model)


def test_method_called_through_self_shifts_its_arguments():
    value = used("""
    class Runner:
        def go(self):
            return self.step(AutoModel.from_pretrained("bert-base-uncased"))
        def step(self, model):
            return model
    """, "model")
    assert isinstance(value, Model)


@pytest.mark.parametrize("source", [
    # no call site in the file: unknown
    "def embed(model):\n    return model\n",
    # call sites disagree
    "def embed(model):\n    return model\n"
    "embed(AutoModel.from_pretrained('bert-base-uncased'))\nembed(other)\n",
    # passed as a callback: other callers unknown
    "def embed(model):\n    return model\n"
    "embed(AutoModel.from_pretrained('bert-base-uncased'))\nrun(embed)\n",
    # decorated: the decorator may call it with anything
    "@cache\ndef embed(model):\n    return model\n"
    "embed(AutoModel.from_pretrained('bert-base-uncased'))\n",
    # *args at a call site
    "def embed(model):\n    return model\n"
    "embed(*[AutoModel.from_pretrained('bert-base-uncased')])\n",
    # a method called on an object of unknown type
    "class A:\n    def embed(self, model):\n        return model\n"
    "    def go(self):\n        self.embed(AutoModel.from_pretrained('bert-base-uncased'))\n"
    "thing.embed(None)\n",
])
def test_parameter_look_alikes_stay_unknown(source):
    assert used(source, "model") is None


# --- datasets, collate functions, the default collation -------------------------------------------
DATASET = """
import torch
from torch.utils.data import DataLoader, Dataset
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")

class Texts(Dataset):
    def __init__(self, texts, tokenizer):
        self.texts, self.tokenizer = texts, tokenizer
    def __len__(self):
        return len(self.texts)
    def __getitem__(self, i):
        enc = self.tokenizer(self.texts[i], padding="max_length", truncation=True, max_length=16,
                             return_tensors="pt")
        return {RETURN}

loader = DataLoader(Texts(["a", "b"], tokenizer), batch_size=2)
for batch in loader:
    got = batch
"""


def test_dataset_item_tuple_flows_through_the_default_collation():
    value = used(DATASET.replace("{RETURN}", 'enc["input_ids"].squeeze(0), torch.tensor(1)'), "batch")
    assert isinstance(value, TupleValue) and isinstance(value.items[0], EncodingField)
    assert value.items[0].encoding.padded


def test_dataset_item_record_keeps_its_keys():
    value = used(DATASET.replace("{RETURN}", '{"input_ids": enc.input_ids[0], "labels": torch.tensor(1)}'),
                 "batch")
    assert isinstance(value, Record) and isinstance(value.get("input_ids"), EncodingField)


def test_dataset_item_unpadded_single_text_is_not_padded():
    source = DATASET.replace('padding="max_length"', "padding=True").replace(
        "{RETURN}", 'enc["input_ids"].squeeze(0), torch.tensor(1)')
    value = used(source, "batch")
    assert isinstance(value, TupleValue) and value.items[0] is None  # padded to itself: nothing known


def test_dataset_without_getitem_or_with_unknown_item_gives_no_batches():
    assert used(DATASET.replace("{RETURN}", "self.cache[i]"), "batch") is None
    source = DATASET.replace("def __getitem__", "def get").replace("{RETURN}", "enc")
    assert used(source, "batch") is None


def test_collate_function_return_is_the_batch():
    value = used("""
    from torch.utils.data import DataLoader
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    def collate(rows):
        enc = tokenizer([r["text"] for r in rows], padding=True, return_tensors="pt")
        return enc.input_ids, [r["label"] for r in rows]
    for ids, labels in DataLoader(rows, batch_size=4, collate_fn=collate):
        got = ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.encoding.padded


def test_collate_returning_the_whole_encoding_is_an_encoding():
    value = used("""
    from torch.utils.data import DataLoader
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    def collate(rows):
        return tokenizer([r["text"] for r in rows], padding=True, return_tensors="pt")
    for batch in DataLoader(rows, batch_size=4, collate_fn=collate):
        got = batch
    """, "batch")
    assert isinstance(value, Encoding)


def test_batch_pop_takes_a_field():
    value = used("""
    from torch.utils.data import DataLoader
    from transformers import DataCollatorWithPadding
    tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
    for batch in DataLoader(rows, batch_size=4, collate_fn=DataCollatorWithPadding(tokenizer)):
        ids = batch.pop("input_ids")
        got = ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.field == "input_ids"


# --- literal batches padded with the pad id written as a name -------------------------------------
LITERAL = """
import torch
tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")
ids = torch.tensor(ROWS)
got = ids
"""


@pytest.mark.parametrize("rows", [
    "[[200, 200, 200], [200, 200, tokenizer.pad_token_id]]",
    "[[5, 6, 7, 8], [5, 6, tokenizer.pad_token_id, tokenizer.pad_token_id]]",
])
def test_literal_padded_with_the_pad_id_name(rows):
    value = used(LITERAL.replace("ROWS", rows), "ids")
    assert isinstance(value, HandPadded) and value.how == "literal_named"


@pytest.mark.parametrize("rows", [
    "[[200, 200, tokenizer.pad_token_id], [200, 200, tokenizer.pad_token_id]]",  # every row: no shorter row
    "[[200, tokenizer.pad_token_id, 200], [200, 200, 200]]",  # the name inside a row is not padding
    "[[200, 200], [200, 200, tokenizer.pad_token_id]]",  # ragged rows
    "[[tokenizer.pad_token_id, 200], [200, 200]]",  # left of a real token
])
def test_literal_look_alikes_are_not_padded(rows):
    value = used(LITERAL.replace("ROWS", rows), "ids")
    assert not (isinstance(value, HandPadded) and value.how == "literal_named")


# --- a model class of the file that fills in the mask itself ---------------------------------------
LOCAL_MODEL = """
import torch
from transformers import PreTrainedModel, RobertaModel

class Encoder(PreTrainedModel):
    def forward(self, input_ids, attention_mask=None):
        BODY
        return self.roberta(input_ids=input_ids, attention_mask=attention_mask)

model = Encoder.from_pretrained("x")
got = model
"""


def test_forward_that_derives_the_mask():
    source = LOCAL_MODEL.replace("BODY", "if attention_mask is None:\n            attention_mask = input_ids != 1")
    facts, tree = facts_of(HEADER + source)
    model = used(source, "model")
    assert isinstance(model, Model) and facts.forward_fills_attention_mask(model)


@pytest.mark.parametrize("body", [
    "pass",  # takes the mask and passes it on as it came
    "mask = input_ids != 1",  # computes something else
])
def test_forward_look_alikes_do_not_fill_the_mask(body):
    source = LOCAL_MODEL.replace("BODY", body)
    facts, tree = facts_of(HEADER + source)
    assert not facts.forward_fills_attention_mask(used(source, "model"))


def test_an_imported_model_class_never_fills_the_mask():
    facts, tree = facts_of(HEADER + "model = AutoModel.from_pretrained('bert-base-uncased')\n")
    model = used("model = AutoModel.from_pretrained('bert-base-uncased')\ngot = model\n", "model")
    assert not facts.forward_fills_attention_mask(model)


def test_a_parallel_wrapper_holds_the_model_it_wraps():
    value = used("""
    import torch
    model = AutoModel.from_pretrained("bert-base-uncased")
    if torch.cuda.device_count() > 1:
        model = torch.nn.DataParallel(model)
    got = model
    """, "model")
    assert isinstance(value, Model) and value.cls == "transformers.AutoModel"


def test_dpr_encoders_are_models():
    value = used("""
    from transformers import DPRQuestionEncoder
    def encode(encoder: DPRQuestionEncoder):
        return encoder
    """, "encoder")
    assert isinstance(value, Model)


def test_encode_with_padding_gives_padded_ids():
    value = used("""
    import torch
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    ids = torch.tensor(tok.encode("one text", max_length=64, pad_to_max_length=True)).unsqueeze(0)
    got = ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.field == "input_ids" and value.encoding.padded


@pytest.mark.parametrize("call", [
    'tok.encode("one text", max_length=64, padding=True)',  # one text: padding=True pads nothing
    'tok.encode("one text")',
    'other.encode("one text")',  # not known to be a tokenizer, no tokenizer keywords
])
def test_encode_look_alikes_are_not_padded(call):
    value = used(f"""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    ids = {call}
    got = ids
    """, "ids")
    assert not (isinstance(value, EncodingField) and value.encoding.padded)


# --- pad_to_max_length= is a tokenizer's keyword -------------------------------------------------------
def test_pad_to_max_length_with_max_length_is_a_tokenizer_call():
    assert FlowFacts.tokenizer_call_by_keywords(first_call('self.tok.encode(x, max_length=40, pad_to_max_length=True)'))
    assert not FlowFacts.tokenizer_call_by_keywords(first_call('prepare(x, pad_to_max_length=True)'))


# --- filled_container: lists filled with append, dicts filled by key ------------------------------------
def test_rows_appended_and_stacked_make_a_padded_batch():
    value = used("""
    import torch
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    rows = []
    for text in texts:
        rows.append(tok.encode_plus(text, max_length=64, padding="max_length")["input_ids"])
    batch = torch.tensor(rows)
    batch[i:i + 8, :]
    """, "batch")
    assert isinstance(value, EncodingField) and value.encoding.padded


@pytest.mark.parametrize("source", [
    # rows padded to their own length pad nothing
    """
    rows = []
    for text in texts:
        rows.append(tok.encode_plus(text, padding=True)["input_ids"])
    batch = torch.cat(rows)
    """,
    # something else changes the list
    """
    rows = []
    for text in texts:
        rows.append(tok.encode_plus(text, max_length=64, padding="max_length")["input_ids"])
    rows.extend(more)
    batch = torch.cat(rows)
    """,
    # rows of two kinds
    """
    rows = []
    for text in texts:
        rows.append(tok.encode_plus(text, max_length=64, padding="max_length")["input_ids"])
        rows.append(other(text))
    batch = torch.cat(rows)
    """,
])
def test_stacked_rows_look_alikes(source):
    body = ("import torch\ntok = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
            + textwrap.dedent(source) + "batch\n")
    value = used(body, "batch")
    assert not (isinstance(value, EncodingField) and value.encoding.padded)


def test_a_list_filled_with_unknown_texts_is_not_one_text():
    # ``sentences = []`` filled in a loop is a batch of unknown size, not the empty literal
    value = used("""
    tok = AutoTokenizer.from_pretrained("t5-small")
    sentences = []
    for key, value in found.items():
        sentences.append(value)
    enc = tok(sentences, return_tensors="pt", padding=True)
    enc
    """, "enc")
    assert isinstance(value, Encoding) and value.padded and value.batch is None


def test_a_dict_of_models_filled_by_key():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    class Translator:
        def __init__(self):
            self.models = {}

        def load(self, pair, name):
            if pair not in self.models:
                self.models[pair] = AutoModel.from_pretrained(name)

        def run(self, pair, ids):
            return self.models[pair](ids)
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Subscript)][0]
    assert isinstance(facts.value(call.func), Model)


def test_a_dict_changed_otherwise_is_unknown():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    class Translator:
        def __init__(self):
            self.models = {}

        def load(self, pair, name):
            self.models[pair] = AutoModel.from_pretrained(name)
            self.models.update(extra)

        def run(self, pair, ids):
            return self.models[pair](ids)
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Subscript)][0]
    assert facts.value(call.func) is None


# --- literal_of_name -------------------------------------------------------------------------------
def test_a_literal_batch_through_a_name():
    value = used("""
    import torch
    tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
    batched_ids = [[200, 200, 200], [200, 200, tok.pad_token_id]]
    ids = torch.tensor(batched_ids)
    ids
    """, "ids")
    assert isinstance(value, HandPadded) and value.how == "literal_named"


def test_a_literal_changed_in_place_is_not_followed():
    value = used("""
    import torch
    tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
    batched_ids = [[200, 200, 200], [200, 200, tok.pad_token_id]]
    batched_ids[1][2] = 200
    ids = torch.tensor(batched_ids)
    ids
    """, "ids")
    assert value is None


# --- star_imported -----------------------------------------------------------------------------------
def test_from_transformers_import_star():
    facts, tree = facts_of("from transformers import *\nm = BertModel.from_pretrained('bert-base-uncased')\nm\n")
    load = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "m" and isinstance(n.ctx, ast.Load)][0]
    assert isinstance(facts.value(load), Model)


@pytest.mark.parametrize("source", [
    "from transformers import *\nfrom utils import *\nm = BertModel.from_pretrained('x')\nm\n",  # two star imports
    "from transformers import *\nBertModel = object\nm = BertModel.from_pretrained('x')\nm\n",  # bound in the file
    "from utils import *\nm = BertModel.from_pretrained('x')\nm\n",
])
def test_star_import_look_alikes(source):
    facts, tree = facts_of(source)
    load = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "m" and isinstance(n.ctx, ast.Load)][0]
    assert not isinstance(facts.value(load), Model)


# --- forward of a torch.nn.Module receives what its instances are called with ------------------------
WRAPPER = """
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

class Wrapper(nn.Module):
    def __init__(self, name):
        super(Wrapper, self).__init__()
        self.bert = AutoModel.from_pretrained(name)

    def forward(self, x):
        return self.bert(x)

model = Wrapper("bert-base-uncased").cuda()
ids = pad_sequence(rows, batch_first=True, padding_value=0)
"""


def test_forward_parameter_at_instance_call_sites():
    value = used(WRAPPER + "model(ids)\n", "x")
    assert isinstance(value, HandPadded)
    value = used(WRAPPER + "model.forward(ids)\n", "x")
    assert isinstance(value, HandPadded)


@pytest.mark.parametrize("tail", [
    "model(ids)\nmodel(other)\n",  # another call site passes something unknown
    "model(ids)\nrun(model.forward)\n",  # forward passed around
])
def test_forward_parameter_look_alikes(tail):
    assert used(WRAPPER + tail, "x") is None


def test_forward_of_a_class_that_is_not_a_module_is_not_followed():
    source = WRAPPER.replace("class Wrapper(nn.Module):", "class Wrapper(Base):") + "model(ids)\n"
    assert used(source, "x") is None


# --- bindings that read themselves: self.m = DataParallel(self.m), x = x.cuda() in a loop -----------
def test_self_attribute_wrapped_in_data_parallel():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    import torch
    class Encoder:
        def load(self):
            self.model = AutoModel.from_pretrained("bert-base-uncased")
            if torch.cuda.device_count() > 1:
                self.model = torch.nn.DataParallel(self.model)

        def encode(self, ids):
            return self.model(ids)
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.model"][0]
    assert isinstance(facts.value(call.func), Model)


def test_self_attribute_replaced_by_something_else_is_unknown():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    class Encoder:
        def load(self):
            self.model = AutoModel.from_pretrained("bert-base-uncased")
            self.model = compile_it(self.model)

        def encode(self, ids):
            return self.model(ids)
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.model"][0]
    assert facts.value(call.func) is None


def test_loop_rebinding_that_keeps_the_value():
    value = used("""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    enc = tok(texts, padding=True, return_tensors="pt")
    ids = enc.input_ids
    for step in range(3):
        ids = ids.cuda()
        ids
    """, "ids")
    assert isinstance(value, EncodingField)


def test_loop_rebinding_that_changes_the_value_is_unknown():
    value = used("""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    enc = tok(texts, padding=True, return_tensors="pt")
    ids = enc.input_ids
    for step in range(3):
        ids = shift(ids)
        ids
    """, "ids")
    assert value is None


# --- TensorDataset ------------------------------------------------------------------------------------
def test_tensor_dataset_rows_reach_the_loader_batches():
    value = used("""
    import torch
    from torch.utils.data import TensorDataset, DataLoader
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    enc = tok(texts, padding="max_length", max_length=64, return_tensors="pt")
    loader = DataLoader(TensorDataset(enc["input_ids"], labels), batch_size=8)
    for ids, y in loader:
        ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.encoding.padded


def test_two_padded_batches_join_to_padded_ids():
    value = used("""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    if flag:
        ids = tok(a, padding=True, return_tensors="pt").input_ids
    else:
        ids = tok(b, padding=True, return_tensors="pt").input_ids
    ids
    """, "ids")
    assert isinstance(value, EncodingField) and value.encoding.padded and value.encoding.origin is None
    value = used("""
    tok = AutoTokenizer.from_pretrained("bert-base-uncased")
    if flag:
        ids = tok(a, padding=True, return_tensors="pt").input_ids
    else:
        ids = tok(b, return_tensors="pt").input_ids
    ids
    """, "ids")
    assert value is None


def test_self_wrap_answers_the_same_whatever_is_asked_first():
    # The engine asks about every call in walk order: ``DataParallel(self.model)`` itself may be asked
    # before ``self.model(ids)``; the answer must not depend on that order.
    source = HEADER + textwrap.dedent("""
    import torch
    class Encoder:
        def __init__(self):
            self.model = AutoModel.from_pretrained("bert-base-uncased")
            if torch.cuda.device_count() > 1:
                self.model = torch.nn.DataParallel(self.model)

        def encode(self, ids):
            return self.model(ids)
    """)
    facts, tree = facts_of(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            facts.value(node)
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.model"][0]
    assert isinstance(facts.value(call.func), Model)
    wrap = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "torch.nn.DataParallel"][0]
    assert isinstance(facts.value(wrap), Model)


# --- self in a nested function; super(Cls, self) in __init__ -------------------------------------------
def test_self_inside_a_function_nested_in_a_method():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    class Pipeline:
        def __init__(self):
            self.model = AutoModel.from_pretrained("bert-base-uncased")

        def run(self, texts):
            def encode(x):
                return self.model(x)
            return [encode(t) for t in texts]
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.model"][0]
    assert isinstance(facts.value(call.func), Model)


def test_self_rebound_in_the_nested_function_is_not_the_method_s():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    class Pipeline:
        def __init__(self):
            self.model = AutoModel.from_pretrained("bert-base-uncased")

        def run(self, texts):
            def encode(self, x):
                return self.model(x)
            return encode
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.model"][0]
    assert facts.value(call.func) is None


def test_super_with_the_class_name_does_not_hide_the_constructor_call_sites():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    import torch.nn as nn
    class Head(nn.Module):
        def __init__(self, encoder):
            super(Head, self).__init__()
            self.encoder = encoder

        def forward(self, ids):
            return self.encoder(ids)

    head = Head(AutoModel.from_pretrained("bert-base-uncased"))
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.encoder"][0]
    assert isinstance(facts.value(call.func), Model)
    # the class passed around (here: to a registry) hides its call sites again
    facts, tree = facts_of(HEADER + textwrap.dedent("""
    import torch.nn as nn
    class Head(nn.Module):
        def __init__(self, encoder):
            super(Head, self).__init__()
            self.encoder = encoder

        def forward(self, ids):
            return self.encoder(ids)

    REGISTRY["head"] = Head
    head = Head(AutoModel.from_pretrained("bert-base-uncased"))
    """))
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "self.encoder"][0]
    assert facts.value(call.func) is None


# --- rows padded by hand in place, also when the row's own length decides (issue 25) --------------
PAD_IN_PLACE = """
tok = AutoTokenizer.from_pretrained("bert-base-uncased")
ids = tok.encode(text)
{body}
use(ids)
"""


@pytest.mark.parametrize("body", [
    "ids += [tok.pad_token_id] * (16 - len(ids))",
    "if len(ids) > 16:\n    ids = ids[:15] + [tok.sep_token_id]\nelse:\n    ids += [tok.pad_token_id] * (16 - len(ids))",
    "if len(ids) < 16:\n    ids += [0] * (16 - len(ids))",
])
def test_rows_padded_in_place(body):
    value = used(PAD_IN_PLACE.format(body=body), "ids")
    assert isinstance(value, HandPadded) and value.how == "list_right"


@pytest.mark.parametrize("body", [
    "ids += [tok.sep_token_id]",  # one token appended, no run of pads
    "ids += other_ids",
    "if use_padding:\n    ids += [tok.pad_token_id] * (16 - len(ids))",  # another condition decides
    "if len(ids) < 16:\n    ids += [tok.pad_token_id] * (16 - len(ids))\n    ids = tok.encode(other)",  # rebound
])
def test_rows_padded_in_place_look_alikes(body):
    assert not isinstance(used(PAD_IN_PLACE.format(body=body), "ids"), HandPadded)


# --- datasets handed to Trainer ----------------------------------------------------------------------
TRAINER = """
from datasets import Dataset
from transformers import Trainer, DataCollatorWithPadding, default_data_collator
from sklearn.model_selection import train_test_split
tok = AutoTokenizer.from_pretrained("bert-base-uncased")
encoded = [tok(t, padding="max_length", max_length=16) for t in texts]
ids = [e["input_ids"] for e in encoded]
train_ids, test_ids, y_train, y_test = train_test_split(ids, labels)
dataset = Dataset.from_dict({columns})
trainer = Trainer(model=model, train_dataset=dataset{extra})
"""


def trainer_batches(columns, extra=""):
    facts, tree = facts_of(HEADER + TRAINER.format(columns=columns, extra=extra))
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                and n.func.id == "Trainer")
    return facts.trainer_rows(call)


@pytest.mark.parametrize("extra", ["", ", data_collator=default_data_collator",
                                   ", data_collator=DataCollatorWithPadding(tok)"])
def test_trainer_batches_of_a_dict_dataset(extra):
    [(keyword, batch)] = trainer_batches('{"input_ids": train_ids, "labels": y_train}', extra)
    assert keyword == "train_dataset"
    ids = batch.get("input_ids")
    assert isinstance(ids, EncodingField) and ids.encoding.padded
    assert "attention_mask" not in {key for key, _ in batch.items}


def test_trainer_batches_keep_the_mask_column():
    [(_, batch)] = trainer_batches('{"input_ids": train_ids, "attention_mask": masks, "labels": y_train}')
    assert "attention_mask" in {key for key, _ in batch.items}


@pytest.mark.parametrize("extra", [", data_collator=collate", ", data_collator=lambda rows: rows"])
def test_trainer_with_a_collator_of_the_file_is_not_followed(extra):
    assert trainer_batches('{"input_ids": train_ids}', extra) == []


# --- tf.data datasets and Keras loops ----------------------------------------------------------------
KERAS = """
import tensorflow as tf
from transformers import TFBertMainLayer, TFBertPreTrainedModel
tok = AutoTokenizer.from_pretrained("bert-base-uncased")
ids = tok.batch_encode_plus(texts, max_length=16, pad_to_max_length=True)["input_ids"]
data = tf.data.Dataset.from_tensor_slices((tf.constant(ids), tf.constant(labels))).shuffle(8).batch(2)

class Classifier(TFBertPreTrainedModel):
    def __init__(self, config):
        super().__init__(config)
        self.bert = TFBertMainLayer(config)

    def call(self, inputs, training=False, **kwargs):
        {call}

model = Classifier.from_pretrained("bert-base-uncased")
model.fit(data)
"""


def keras_facts(call):
    facts, tree = facts_of(HEADER + KERAS.format(call=call))
    fit = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
               and n.func.attr == "fit")
    return facts, fit


def test_keras_fit_feeds_the_batches_x_to_the_file_s_model():
    facts, fit = keras_facts("return self.bert(inputs, training=training, **kwargs)[0]")
    inputs = facts.keras_inputs(fit)
    assert isinstance(inputs, EncodingField) and inputs.encoding.padded
    assert facts.keras_call_runs_transformer(facts.model(fit.func.value))


@pytest.mark.parametrize("call", [
    "return self.bert(inputs, attention_mask=tf.cast(inputs != 0, tf.int32))[0]",  # builds the mask
    "return self.bert(inputs[:, 1:])[0]",  # not the inputs as they are
    "return tf.reduce_mean(inputs)",  # no Transformers layer runs
])
def test_keras_model_classes_that_do_not_run_a_transformer_on_the_inputs(call):
    facts, fit = keras_facts(call)
    assert not facts.keras_call_runs_transformer(facts.model(fit.func.value))


# --- masks of one value, texts that are one string ---------------------------------------------------
@pytest.mark.parametrize("mask, expected", [
    ("torch.ones_like(ids)", True),
    ("torch.zeros_like(ids).to(device)", True),
    ("torch.ones(ids.shape, dtype=torch.long)", True),
    ("(ids != tok.pad_token_id).long()", False),
    ("enc['attention_mask']", False),
])
def test_masks_of_one_value(mask, expected):
    facts, tree = facts_of("import torch\nm = " + mask + "\nmodel(ids, attention_mask=m)\n")
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id == "model"][0]
    assert facts.masks_nothing(call.keywords[0].value) is expected


@pytest.mark.parametrize("text, expected", [
    ('" ".join(words)', True),
    ('f"{title}: {body}"', True),
    ('str(row).lower()', True),
    ('"summarize: " + article', True),
    ("words", False),
    ("[a, b]", False),
    ("df['text'].tolist()", False),
])
def test_one_text_evidence(text, expected):
    facts, tree = facts_of("t = " + text + "\nuse(t)\n")
    use = [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "t" and isinstance(n.ctx, ast.Load)][0]
    assert facts.is_one_text(use) is expected


# --- a fallback in ``except``, rows rebound as arrays, ``attention_mask=None`` (issue 25) ------------
def test_a_model_loaded_in_try_holds_the_try_body_s_model_past_an_unknown_fallback():
    value = used("""
        import torch
        try:
            model = AutoModel.from_pretrained("bert-base-uncased")
        except OSError:
            model = torch.load("model.bin")
        model
    """, "model")
    assert isinstance(value, Model) and value.cls == "transformers.AutoModel"


@pytest.mark.parametrize("fallback, expected", [
    ("model = None", None),  # known and different: the join is unknown
    ('model = AutoModel.from_pretrained("roberta-base")', Model("pt", "transformers.AutoModel")),  # no checkpoint
])
def test_a_known_fallback_still_joins(fallback, expected):
    value = used(f"""
        try:
            model = AutoModel.from_pretrained("bert-base-uncased")
        except OSError:
            {fallback}
        model
    """, "model")
    assert value == expected


def test_a_model_chosen_by_if_is_not_a_fallback():
    value = used("""
        import torch
        if flag:
            model = torch.load("model.bin")
        else:
            model = AutoModel.from_pretrained("bert-base-uncased")
        model
    """, "model")
    assert value is None


def test_rows_rebound_as_arrays_by_map_keep_their_rows():
    value = used("""
        import numpy as np
        tok = AutoTokenizer.from_pretrained("bert-base-uncased")
        rows, labels = [], []
        for text in texts:
            rows.append(tok(text, padding="max_length", max_length=32, return_tensors="pt")["input_ids"][0])
            labels.append(1)
        rows, labels = map(np.array, [rows, labels])
        row = rows[i]
        row
    """, "row")
    assert isinstance(value, EncodingField) and value.field == "input_ids"


@pytest.mark.parametrize("source, expected", [
    ("model(ids, attention_mask=None)", True),
    ("model(ids, attention_mask=mask)", False),
])
def test_a_mask_of_none(source, expected):
    facts, tree = facts_of(HEADER + "mask = None if flag else ids > 0\n" + source)
    call = [n for n in ast.walk(tree) if isinstance(n, ast.Call)][-1]
    assert facts.passes_no_mask(call.keywords[0].value) is expected


def test_a_parameter_left_at_its_none_default_is_no_mask():
    facts, tree = facts_of(HEADER + textwrap.dedent("""
        def run(model, ids, attention_mask=None):
            return model(ids, attention_mask=attention_mask)
        run(m, x)
        run(m, y, attention_mask=None)
    """))
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.keywords and n.keywords[0].arg == "attention_mask"
                and isinstance(n.keywords[0].value, ast.Name))
    assert facts.passes_no_mask(call.keywords[0].value)
