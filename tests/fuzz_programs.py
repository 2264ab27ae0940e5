"""Hypothesis strategies for the fuzz tests (``tests/test_fuzz.py``) and the long fuzz run
(``bench/fuzz.py``): Python programs composed of Transformers-flavoured statements, so that the rules
actually fire and their fixes are exercised, in every layout a real file has (functions, classes,
``if __name__``, loops, multi-line calls, comments, tabs, CRLF, a BOM).

Imported by name, like ``lint_samples``.
"""

from __future__ import annotations

from hypothesis import strategies as st

CHECKPOINTS = (
    "gpt2", "openai-community/gpt2", "bert-base-uncased", "google-bert/bert-base-uncased",
    "meta-llama/Llama-2-7b-hf", "meta-llama/Meta-Llama-3-8B", "mistralai/Mistral-7B-v0.1",
    "EleutherAI/gpt-neo-125m", "t5-small", "facebook/bart-base", "distilbert-base-uncased",
    "FacebookAI/roberta-base", "./my-checkpoint", "someone/unknown-model",
)
TASKS = (
    "text-generation", "text_generation", "sentiment-analysis", "sentiment_analysis", "summarization",
    "summarisation", "question-answering", "text2text-generation", "translation_en_to_fr", "fill-mask",
    "token-classification", "feature-extraction", "zero-shot-classification", "image-to-text",
)
ENV_VARS = ("CUDA_VISIBLE_DEVICES", "CUDA_LAUNCH_BLOCKING", "PYTORCH_CUDA_ALLOC_CONF", "HF_HUB_OFFLINE",
            "HF_HOME", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT", "TOKENIZERS_PARALLELISM")

# Import statements; the names each one binds are what later statements may use.
IMPORTS = (
    ("import os", {"os"}),
    ("import torch", {"torch"}),
    ("import transformers", {"transformers"}),
    ("import transformers as tr", {"tr"}),
    ("from transformers import AutoTokenizer, AutoModelForCausalLM", {"AutoTokenizer", "AutoModelForCausalLM"}),
    ("from transformers import AutoModel, AutoModelForSequenceClassification",
     {"AutoModel", "AutoModelForSequenceClassification"}),
    ("from transformers import TFAutoModel, TFAutoModelForSequenceClassification",
     {"TFAutoModel", "TFAutoModelForSequenceClassification"}),
    ("from transformers import TFAutoModel as TFM", {"TFM"}),
    ("from transformers import AutoTokenizer as Tok", {"Tok"}),
    ("from transformers import pipeline", {"pipeline"}),
    ("from transformers import BertTokenizer, GPT2LMHeadModel", {"BertTokenizer", "GPT2LMHeadModel"}),
    ("from transformers import DataCollatorWithPadding", {"DataCollatorWithPadding"}),
    ("from transformers import AutoModelForVision2Seq", {"AutoModelForVision2Seq"}),
    ("from transformers.modeling_tf_utils import TFPreTrainedModel", {"TFPreTrainedModel"}),
    ("import tensorflow as tf", {"tf"}),
)

MODEL_CLASSES = ("AutoModelForCausalLM", "AutoModel", "AutoModelForSequenceClassification", "TFAutoModel",
                 "TFAutoModelForSequenceClassification", "TFM", "GPT2LMHeadModel", "AutoModelForVision2Seq",
                 "transformers.AutoModelForCausalLM", "tr.AutoModel", "transformers.TFAutoModel",
                 "tr.TFAutoModelForSequenceClassification")
TOKENIZER_CLASSES = ("AutoTokenizer", "Tok", "BertTokenizer", "transformers.AutoTokenizer", "tr.AutoTokenizer")


def _bound(expression: str, names: set) -> bool:
    return expression.split(".")[0] in names


@st.composite
def statement_templates(draw, model: str, tok: str, enc: str) -> str:
    """One statement (possibly spanning lines) about ``model``, ``tok`` and ``enc``."""
    ckpt = repr(draw(st.sampled_from(CHECKPOINTS)))
    var = draw(st.sampled_from(ENV_VARS))
    value = repr(draw(st.sampled_from(("0", "1", "0,1", "/tmp/hf", "expandable_segments:True"))))
    padding = draw(st.sampled_from(("True", '"longest"', '"max_length"', "False", '"do_not_pad"')))
    texts = draw(st.sampled_from(('["a", "b c"]', "texts", "batch", '"one text"', "prompts[:2]")))
    choices = [
        f"{model} = {draw(st.sampled_from(MODEL_CLASSES))}.from_pretrained({ckpt})",
        f"{tok} = {draw(st.sampled_from(TOKENIZER_CLASSES))}.from_pretrained({ckpt})",
        f'{tok} = AutoTokenizer.from_pretrained({ckpt}, padding_side="left")',
        f"{tok}.pad_token = {tok}.eos_token",
        f'{tok}.padding_side = {draw(st.sampled_from(("left", "right")))!r}',
        f'{enc} = {tok}({texts}, padding={padding}, return_tensors="pt")',
        f"{enc} = {tok}(\n    {texts},\n    padding={padding},\n    truncation=True,\n)",
        f'{enc} = {tok}.pad({{"input_ids": [[1, 2], [3]]}}, return_tensors="pt")',
        f'out = {model}({enc}["input_ids"])',
        f"out = {model}(input_ids={enc}.input_ids)",
        f"out = {model}(\n    {enc}['input_ids'],  # ids only\n)",
        f"out = {model}(**{enc})",
        f'out = {model}.generate({enc}["input_ids"], max_new_tokens=5)',
        f"out = {model}.generate(**{enc}, max_new_tokens=5)",
        f"{model}.generate(\n    {enc}.input_ids,\n    max_new_tokens=8,\n)",
        f'{model}.save("out")',
        f'{model}.save("out.h5")  # keras',
        f'{model}.save_pretrained("out")',
        f"{model}.to('cuda')",
        f"os.environ[{var!r}] = {value}",
        f"os.environ.setdefault({var!r}, {value})",
        f"os.environ.update({var}={value})",
        "torch.cuda.set_device(0)",
        "x = torch.zeros(2).cuda()",
        f"pipe = pipeline({draw(st.sampled_from(TASKS))!r}, model={ckpt})",
        f"pipe = transformers.pipeline(task={draw(st.sampled_from(TASKS))!r}, model={ckpt}, device=0)",
        f"collator = DataCollatorWithPadding({tok})",
        f"batch = collator([{enc}])",
        f"texts = {texts}",
        "prompts = ['hello there', 'a much longer prompt than the first one']",
        "pass",
    ]
    return draw(st.sampled_from(choices))


@st.composite
def env_statements(draw) -> str:
    var = draw(st.sampled_from(ENV_VARS))
    value = repr(draw(st.sampled_from(("0", "1", "/tmp/hf"))))
    return draw(st.sampled_from((f"os.environ[{var!r}] = {value}", f"os.environ.setdefault({var!r}, {value})")))


@st.composite
def _flat_body(draw, model: str, tok: str, enc: str) -> list:
    return draw(st.lists(statement_templates(model, tok, enc), min_size=1, max_size=8))


def _indent(lines: list, unit: str) -> list:
    return [unit + line if line.strip() else line for line in lines]


@st.composite
def programs(draw) -> str:
    """A whole program as text (newlines ``\\n``; see ``layouts`` for CRLF, tabs and a BOM)."""
    names = draw(st.sampled_from((("model", "tokenizer", "enc"), ("m", "tok", "batch"),
                                  ("self.model", "self.tokenizer", "inputs"))))
    model, tok, enc = names
    unit = draw(st.sampled_from(("    ", "\t", "  ")))
    header = []
    if draw(st.booleans()):
        header.append('"""A training script."""')
    env_first = draw(st.lists(env_statements(), max_size=2))
    imports = draw(st.lists(st.sampled_from(IMPORTS), min_size=1, max_size=6, unique_by=lambda i: i[0]))
    lines = header + (["import os"] + env_first if env_first else []) + [i[0] for i in imports]
    for _ in range(draw(st.integers(1, 4))):
        body = [s for s in draw(_flat_body(model, tok, enc))]
        body_lines = [line for s in body for line in s.split("\n")]
        body_lines = [line.replace("    ", unit) if line.startswith("    ") else line for line in body_lines]
        wrapper = draw(st.sampled_from(("none", "def", "class", "main", "for", "with", "try", "if")))
        uses_self = model.startswith("self.")
        if uses_self:
            wrapper = "class"
        if wrapper == "none":
            lines += body_lines
        elif wrapper == "def":
            lines += ["", "def run(texts, batch=None):"] + _indent(body_lines, unit) + [unit + "return out"]
        elif wrapper == "class":
            lines += ["", "class Runner:", unit + "def __init__(self, texts):"]
            lines += _indent(_indent(body_lines, unit), unit)
        elif wrapper == "main":
            lines += ["", 'if __name__ == "__main__":'] + _indent(body_lines, unit)
        elif wrapper == "for":
            lines += ["for texts in [['a', 'b']]:"] + _indent(body_lines, unit)
        elif wrapper == "with":
            lines += ["with open('log.txt') as log:"] + _indent(body_lines, unit)
        elif wrapper == "try":
            lines += ["try:"] + _indent(body_lines, unit) + ["except Exception:", unit + "raise"]
        elif wrapper == "if":
            lines += ["if texts:"] + _indent(body_lines, unit) + ["else:", unit + "pass"]
        if draw(st.booleans()):
            lines.append("")
    comment = draw(st.sampled_from(("", "  # noqa", "  # noqa: TFL201", "  # note")))
    if comment and lines:
        at = draw(st.integers(0, len(lines) - 1))
        if lines[at].strip() and not lines[at].rstrip().endswith((":", "(", ",")) and '"""' not in lines[at]:
            lines[at] += comment
    return "\n".join(lines) + ("\n" if draw(st.booleans()) else "")


@st.composite
def scripts(draw) -> str:
    """A program that tells a coherent story (imports, tokenizer, model, encode, call, save, env), so
    that the padding, save, pipeline, version and environment rules fire and their fixes run."""
    model, tok, enc = draw(st.sampled_from((("model", "tokenizer", "enc"), ("m", "tok", "batch"),
                                            ("self.model", "self.tokenizer", "inputs"))))
    unit = draw(st.sampled_from(("    ", "\t")))
    alias = draw(st.sampled_from(("plain", "module", "alias")))
    tf = draw(st.booleans())
    model_cls = draw(st.sampled_from(("TFAutoModel", "TFAutoModelForSequenceClassification") if tf else
                                     ("AutoModelForCausalLM", "AutoModel", "AutoModelForSequenceClassification")))
    if alias == "plain":
        imports = [f"from transformers import AutoTokenizer, {model_cls}"]
        tok_cls = "AutoTokenizer"
    elif alias == "module":
        imports = ["import transformers as tr"]
        tok_cls, model_cls = "tr.AutoTokenizer", "tr." + model_cls
    else:
        imports = [f"from transformers import AutoTokenizer as Tok, {model_cls} as ModelClass"]
        tok_cls, model_cls = "Tok", "ModelClass"
    imports += draw(st.lists(st.sampled_from(("import os", "import torch", "from transformers import pipeline",
                                              "import transformers")), max_size=4, unique=True))
    imports = [i for i in imports if i != "import os"]
    ckpt = repr(draw(st.sampled_from(CHECKPOINTS)))
    top = ["import os"] + draw(st.lists(env_statements(), max_size=2)) + imports
    body = [f"{tok} = {tok_cls}.from_pretrained({ckpt}"
            + draw(st.sampled_from(("", ', padding_side="left"', ', padding_side="right"'))) + ")"]
    if draw(st.booleans()):
        body.append(f"{tok}.pad_token = {tok}.eos_token")
    if draw(st.integers(0, 3)) == 0:
        body.append(f"{tok}.padding_side = {draw(st.sampled_from(('left', 'right')))!r}")
    body.append(f"{model} = {model_cls}.from_pretrained({ckpt})")
    texts = draw(st.sampled_from(('["a short one", "a somewhat longer second text"]', '"just one text"',
                                  "[line.strip() for line in open('data.txt')]")))
    padding = draw(st.sampled_from(("True", '"longest"', '"max_length", max_length=32', "False")))
    tensors = '"tf"' if tf else '"pt"'
    body.append(draw(st.sampled_from((
        f"{enc} = {tok}({texts}, padding={padding}, return_tensors={tensors})",
        f"{enc} = {tok}(\n{unit}{texts},\n{unit}padding={padding},\n{unit}return_tensors={tensors},\n)",
    ))))
    for _ in range(draw(st.integers(1, 3))):
        body.append(draw(st.sampled_from((
            f'out = {model}({enc}["input_ids"])',
            f"out = {model}(input_ids={enc}.input_ids)",
            f"logits = {model}({enc}['input_ids']).logits  # scores",
            f"out = {model}(**{enc})",
            f'out = {model}.generate({enc}["input_ids"], max_new_tokens=5)',
            f"out = {model}.generate(**{enc}, max_new_tokens=5)",
            f"out = {model}.generate(\n{unit}{enc}.input_ids,\n{unit}max_new_tokens=8,\n)",
            f'{model}.save("saved")',
            f'{model}.save(\n{unit}"saved"\n)',
            f"{model}.save_pretrained('saved')",
        ))))
    if draw(st.booleans()):
        body.append(draw(env_statements()))
    if draw(st.booleans()):
        body += ["import torch", "torch.cuda.set_device(0)", draw(env_statements())]
    if draw(st.booleans()):
        body.append(f"pipe = {'tr.pipeline' if alias == 'module' else 'transformers.pipeline'}"
                    f"({draw(st.sampled_from(TASKS))!r}, model={ckpt})")
        top.append("import transformers")
    body = [line for statement in body for line in statement.split("\n")]
    if model.startswith("self."):
        lines = top + ["", "", "class Runner:", f"{unit}def __init__(self):"] + _indent(_indent(body, unit), unit)
    else:
        wrapper = draw(st.sampled_from(("none", "def", "main")))
        if wrapper == "none":
            lines = top + [""] + body
        elif wrapper == "def":
            lines = top + ["", "", "def main():"] + _indent(body, unit) + ["", "", "main()"]
        else:
            lines = top + ["", 'if __name__ == "__main__":'] + _indent(body, unit)
    return "\n".join(lines) + "\n"


@st.composite
def layouts(draw, program: str) -> bytes:
    """``program`` as file bytes: LF, CRLF or mixed line endings, with or without a BOM."""
    ending = draw(st.sampled_from(("\n", "\r\n", "mixed")))
    if ending == "mixed":
        pieces = program.split("\n")
        text = "".join(p + ("\r\n" if draw(st.booleans()) else "\n") for p in pieces[:-1]) + pieces[-1]
    else:
        text = program.replace("\n", ending)
    bom = b"\xef\xbb\xbf" if draw(st.integers(0, 9)) == 0 else b""
    return bom + text.encode("utf-8")


def any_program():
    return st.one_of(scripts(), programs())


@st.composite
def program_files(draw) -> bytes:
    return draw(layouts(draw(any_program())))
