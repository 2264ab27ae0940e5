"""The evidence behind TFL701/TFL702/TFL8xx, each kind with its positives and look-alikes:
token additions and the models used with a tokenizer (analysis.vocabulary), label counts
(analysis.labels), Hub downloads (analysis.downloads), and opt-in selection."""

import ast
import subprocess
import sys

from tf_lint.analysis import Facts, downloads, labels, vocabulary
from tf_lint.knowledge import vocabularies
from tf_lint.registry import is_selected


def _facts(code, path=None):
    tree = ast.parse(code)
    return Facts(tree, path), tree


def _calls(tree, attr):
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr == attr]


TOK = "from transformers import AutoTokenizer, AutoModelForCausalLM, Trainer, AddedToken\n" \
      "tok = AutoTokenizer.from_pretrained('gpt2')\n"


def test_token_addition_spells_out_tokens():
    facts, tree = _facts(TOK + "tok.add_tokens(['<a>', AddedToken('<b>')])\n"
                         "tok.add_special_tokens({'pad_token': tok.eos_token})\n"
                         "tok.add_tokens(words)\n")
    first = vocabulary.token_addition(facts, _calls(tree, "add_tokens")[0])
    second = vocabulary.token_addition(facts, _calls(tree, "add_special_tokens")[0])
    assert first.tokens == ("<a>", "<b>")
    assert second.tokens == ()  # the tokenizer's own token adds nothing
    assert vocabulary.token_addition(facts, _calls(tree, "add_tokens")[1]).tokens is None


def test_new_tokens_needs_vocabulary_evidence():
    facts, tree = _facts(TOK + "tok.add_special_tokens({'pad_token': '[PAD]'})\n"
                         "tok.add_tokens(['hello'])\ntok.add_tokens(['<|endoftext|>'])\n"
                         "b = AutoTokenizer.from_pretrained('acme/x')\nb.add_tokens(['<new>'])\n")
    special = vocabulary.token_addition(facts, _calls(tree, "add_special_tokens")[0])
    plain, existing, unknown = (vocabulary.token_addition(facts, c) for c in _calls(tree, "add_tokens"))
    assert vocabulary.new_tokens(facts, special) == ("[PAD]",)
    assert vocabulary.new_tokens(facts, plain) is None  # a plain word may be in GPT-2's vocabulary
    assert vocabulary.new_tokens(facts, existing) == ()
    assert vocabulary.new_tokens(facts, unknown) is None  # an unknown checkpoint


def test_vocabulary_from_tokenizer_files(tmp_path):
    folder = tmp_path / "tok"
    folder.mkdir()
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\nhello\n")
    assert vocabularies.holds_token(str(folder), "[PAD]") is True
    assert vocabularies.holds_token(str(folder), "<pad>") is False
    assert vocabularies.holds_token("acme/unknown", "<pad>") is None


def test_models_used_with_a_tokenizer():
    facts, tree = _facts(TOK + "m = AutoModelForCausalLM.from_pretrained('gpt2')\n"
                         "n = AutoModelForCausalLM.from_pretrained('other/model')\n"
                         "t = Trainer(model=n, processing_class=tok)\n"
                         "o = AutoModelForCausalLM.from_pretrained('third/model')\n"
                         "o.generate(**tok('hi', return_tensors='pt'))\n"
                         "p = AutoModelForCausalLM.from_pretrained('fourth/model')\n")
    tokenizer = facts.value(tree.body[1].value)
    shown = {n.lineno for _, n in vocabulary.models_used_with(facts, tokenizer)}
    assert shown == {3, 5, 7}  # same checkpoint, Trainer, generate; not line 8


def test_a_collator_built_on_the_tokenizer_pairs_it_with_the_model_beside_it():
    head = TOK.replace("Trainer, AddedToken", "Trainer, AddedToken, DataCollatorForLanguageModeling, "
                       "DataCollatorForSeq2Seq") + "m = AutoModelForCausalLM.from_pretrained('other/model')\n"
    tokenizer_of = lambda facts, tree: facts.value(tree.body[1].value)  # noqa: E731
    for uses, paired in [("Trainer(model=m, data_collator=DataCollatorForLanguageModeling(tok, mlm=False))", True),
                         ("c = DataCollatorForLanguageModeling(tokenizer=tok)\n"
                          "Trainer(model=m, data_collator=c)", True),
                         ("DataCollatorForSeq2Seq(tok, model=m)", True),
                         ("other = AutoTokenizer.from_pretrained('other/model')\n"
                          "Trainer(model=m, data_collator=DataCollatorForLanguageModeling(other))", False),
                         ("Trainer(model=m, data_collator=DataCollatorForLanguageModeling(tok2))", False),
                         ("DataCollatorForLanguageModeling(tok)\nTrainer(model=m)", False)]:
        facts, tree = _facts(head + uses + "\n")
        assert bool(vocabulary.models_used_with(facts, tokenizer_of(facts, tree))) is paired, uses


def test_tokens_added_as_the_tokenizer_loads():
    facts, tree = _facts("from transformers import AutoTokenizer\n"
                         "a = AutoTokenizer.from_pretrained('gpt2', additional_special_tokens=['<a>'],"
                         " pad_token='[PAD]')\n"
                         "b = AutoTokenizer.from_pretrained('gpt2', use_fast=True)\n"
                         "c = AutoTokenizer.from_pretrained('gpt2', pad_token=names)\n"
                         "d = AutoTokenizer.from_pretrained('gpt2', eos_token='<|endoftext|>')\n")
    loads = _calls(tree, "from_pretrained")
    a, b, c, d = (vocabulary.token_addition(facts, call) for call in loads)
    assert a.tokens == ("<a>", "[PAD]") and a.roles == (("pad_token", ("[PAD]",)),)
    assert vocabulary.new_tokens(facts, a) == ("<a>", "[PAD]")
    assert b is None  # no special-token keyword: nothing added
    assert c.tokens is None  # not spelled out
    assert vocabulary.new_tokens(facts, d) == ()  # GPT-2 already holds it


def test_a_role_given_to_another_token_later_supersedes_the_addition():
    code = TOK + "tok.add_special_tokens({'pad_token': '[PAD]', 'sep_token': '<sep>'})\n{after}\n"
    for after, expected in [("tok.pad_token_id = 0", ("<sep>",)), ("tok.pad_token = tok.eos_token", ("<sep>",)),
                            ("tok.sep_token_id = 3", ("[PAD]",)), ("other = 1", ("[PAD]", "<sep>"))]:
        facts, tree = _facts(code.replace("{after}", after))
        addition = vocabulary.token_addition(facts, _calls(tree, "add_special_tokens")[0])
        assert vocabulary.new_tokens(facts, addition) == expected, after
    # Reassigned before the addition: the addition is what stands.
    facts, tree = _facts(TOK + "tok.pad_token_id = 0\ntok.add_special_tokens({'pad_token': '[PAD]'})\n")
    addition = vocabulary.token_addition(facts, _calls(tree, "add_special_tokens")[0])
    assert vocabulary.new_tokens(facts, addition) == ("[PAD]",)


def test_a_model_paired_by_checkpoint_and_only_given_embeddings_is_not_used_with_the_ids():
    head = TOK + "m = AutoModelForCausalLM.from_pretrained('gpt2')\n"
    tokenizer_of = lambda facts, tree: facts.value(tree.body[1].value)  # noqa: E731
    for uses, paired in [("m(inputs_embeds=x)\nm.generate(inputs_embeds=x)", False),
                         ("m(inputs_embeds=x)\nm(input_ids=y)", True),
                         ("m(inputs_embeds=x)\nm(**batch)", True),
                         ("m(inputs_embeds=x)\nTrainer(model=m)", True),
                         ("m(inputs_embeds=x)\ntrain(m)", True),
                         ("", True)]:  # no call shown: the pairing by checkpoint stands
        facts, tree = _facts(head + uses + "\n")
        assert bool(vocabulary.models_used_with(facts, tokenizer_of(facts, tree))) is paired, uses


def test_resizes_embeddings():
    assert vocabulary.resizes_embeddings(_facts("m.resize_token_embeddings(10)")[0])
    assert not vocabulary.resizes_embeddings(_facts("m.forward(10)")[0])


def test_label_definitions():
    facts, _ = _facts("from datasets import ClassLabel\n"
                      "names = ['a', 'b', 'c']\n"
                      "id2label = {i: n for i, n in enumerate(names)}\n"
                      "label2id = {v: k for k, v in id2label.items()}\n"
                      "feature = ClassLabel(names=['a', 'b', 'c'])\n"
                      "num_classes = 3\n"
                      "labels = ['x', 'y']\n")
    found = sorted((d.kind, d.count, d.read) for d in labels.label_definitions(facts))
    assert found == [("ClassLabel", 3, True), ("count", 3, False), ("id2label", 3, True), ("label2id", 3, False)]
    assert labels.data_label_count(facts) == 3
    disagree, _ = _facts("id2label = {0: 'a', 1: 'b'}\nNUM_LABELS = 5\nprint(id2label, NUM_LABELS)\n")
    assert labels.data_label_count(disagree) is None
    # a map found by its name alone, that nothing reads, is no evidence
    unread, _ = _facts("id2label = {0: 'a', 1: 'b', 2: 'c'}\n")
    assert [d.read for d in labels.label_definitions(unread)] == [False]
    assert labels.data_label_count(unread) is None


HEAD = ("import torch\nfrom transformers import AutoModelForSequenceClassification as A\n"
        "model = A.from_pretrained('bert-base-uncased')\n")


def test_fed_labels_are_constant_ids_a_model_call_passes():
    cases = {
        "model(**batch, labels=torch.tensor([3]))\n": (3,),
        "N = 5\nmodel(ids, labels=torch.tensor([N - 1, 0]))\n": (4, 0),
        "m = {'a': 0, 'b': 7}\nmodel(ids, labels=torch.LongTensor([m['b']]))\n": (7,),
        "names = ['x', 'y', 'z']\nm = {n: i for i, n in enumerate(names)}\ny = torch.tensor([m['z']])\n"
        "model.forward(ids, labels=y)\n": (2,),
        "d = {0: 'x', 1: 'y'}\ninv = {v: k for k, v in d.items()}\nmodel(ids, labels=torch.tensor([inv['y']]))\n": (1,),
    }
    for code, ids in cases.items():
        facts, _ = _facts(HEAD + code)
        found = labels.fed_labels(facts)
        assert [f.ids for f in found] == [ids], code
        assert found[0].model.checkpoint is not None


def test_fed_labels_look_alikes():
    for code in (
        "model(ids, labels=torch.tensor(y))\n",  # ids unknown
        "model(ids, labels=torch.tensor([i for i in range(3)]))\n",
        "loss_fn(logits, labels=torch.tensor([3]))\n",  # not a model call
        "model(ids, labels=torch.tensor([-100, 1]))\n",  # -100: ignored by the loss, no id
        "model(ids, labels=[3])\n",  # no tensor made
        "m = {'a': 0}\nmodel(ids, labels=torch.tensor([m['b']]))\n",  # not a key of the map
    ):
        facts, _ = _facts(HEAD + code)
        assert labels.fed_labels(facts) == [], code


def test_fed_labels_looked_up_in_a_label_map():
    """Ids looked up in a map the file spells out, whatever its name: every id of the map."""
    cases = {
        "q = {'a': 0, 'b': 1, 'c': 2}\nmodel(ids, labels=torch.tensor([q[t] for t in tags]))\n": (0, 1, 2),
        "names = ['x', 'y', 'z', 'w']\nenc = {n: i for i, n in enumerate(names)}\nys = [enc[t] for _, t in rows]\n"
        "model(ids, labels=torch.tensor(ys))\n": (0, 1, 2, 3),
        "m = {'a': 0, 'b': 5}\nmodel(ids, labels=torch.tensor(m[tag]))\n": (0, 5),
    }
    for code, ids in cases.items():
        facts, _ = _facts(HEAD + code)
        found = labels.fed_labels(facts)
        assert [(f.ids, f.mapped) for f in found] == [(ids, True)], code


def test_fed_labels_looked_up_look_alikes():
    for code in (
        "q = {'a': 'x', 'b': 'y'}\nmodel(ids, labels=torch.tensor([q[t] for t in tags]))\n",  # not ids
        "model(ids, labels=torch.tensor([table[t] for t in tags]))\n",  # a map the file does not spell out
        "q = {'a': 0, 'b': -1}\nmodel(ids, labels=torch.tensor([q[t] for t in tags]))\n",  # not all ids
        "q = {'a': 0, 'b': 1}\nmodel(ids, labels=torch.tensor([q[t] + 3 for t in tags]))\n",  # computed on
        "q = {'a': 0, 'b': 1}\nloss_fn(logits, torch.tensor([q[t] for t in tags]))\n",  # no model call
    ):
        facts, _ = _facts(HEAD + code)
        assert labels.fed_labels(facts) == [], code


def test_predictions_read_into_label_names():
    """The argmax of a model's logits indexing label names the file spells out, whatever their name."""
    run = "out = model(**batch)\n"
    cases = {
        "N = ['a', 'b', 'c']\nN[out.logits.argmax(-1).item()]\n": 3,
        "N = ('a', 'b', 'c', 'd')\np = int(torch.argmax(out[0], dim=-1)[0])\nN[p]\n": 4,
        "m = {0: 'a', 1: 'b', 2: 'c'}\n[m[i] for i in out.logits.softmax(-1).argmax(-1).tolist()]\n": 3,
        "N = ['a', 'b', 'c']\nscores = model.forward(**batch).logits.detach().cpu()\nN[scores[0].argmax()]\n": 3,
    }
    for code, count in cases.items():
        facts, _ = _facts(HEAD + run + code)
        found = labels.predicted_labels(facts)
        assert [p.count for p in found] == [count], code
        assert found[0].model.checkpoint is not None


def test_predictions_read_look_alikes():
    run = "out = model(**batch)\n"
    for code in (
        "N = ['a', 'b', 'c']\nN[0]\n",  # no argmax
        "N = ['a', 'b', 'c']\nN[scores.argmax()]\n",  # scores of no known model
        "N = ['a', 'b', 'c']\nN[out.hidden_states[-1].argmax()]\n",  # not the logits
        "m = {1: 'a', 2: 'b'}\nm[out.logits.argmax().item()]\n",  # keys are not the ids 0..n-1
        "N = names_from_file()\nN[out.logits.argmax().item()]\n",  # names unknown
    ):
        facts, _ = _facts(HEAD + run + code)
        assert labels.predicted_labels(facts) == [], code


def test_classification_head_counts():
    facts, tree = _facts("from transformers import AutoModelForSequenceClassification as A, AutoModel\n"
                         "A.from_pretrained('bert-base-uncased')\n"
                         "A.from_pretrained('bert-base-uncased', num_labels=4)\n"
                         "A.from_pretrained('bert-base-uncased', config=c)\n"
                         "A.from_pretrained('acme/fine-tuned')\n"
                         "AutoModel.from_pretrained('bert-base-uncased')\n")
    heads = [labels.classification_head(facts, c) for c in _calls(tree, "from_pretrained")]
    assert [h.count if h else None for h in heads] == [2, 4, None, None, None]


def test_repository_location(tmp_path):
    (tmp_path / "here").mkdir()
    facts, tree = _facts("import os\nfrom transformers import AutoModel\n"
                         "AutoModel.from_pretrained('org/name')\n"
                         "AutoModel.from_pretrained('./m')\n"
                         "AutoModel.from_pretrained(os.path.join('a', 'b'))\n"
                         "AutoModel.from_pretrained('gpt2')\n"
                         "AutoModel.from_pretrained('my_model')\n"
                         "AutoModel.from_pretrained('here')\n"
                         "AutoModel.from_pretrained(name)\n"
                         "AutoModel.from_pretrained('out/checkpoint-10')\n",
                         path=str(tmp_path / "prog.py"))
    found = [downloads.repository_location(facts, downloads.download(facts, c).repo)
             for c in _calls(tree, "from_pretrained")]
    assert found == ["hub", "local", "local", "hub", None, "local", None, "local"]


def test_pinned():
    facts, tree = _facts("x('a', revision='0123456789abcdef0123456789abcdef01234567')\nx('a', revision='main')\n"
                         "x('a')\nx('a', revision=args.rev)\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    calls.sort(key=lambda c: c.lineno)
    revisions = [next((k.value for k in c.keywords if k.arg == "revision"), None) for c in calls]
    assert [downloads.pinned(facts, r) for r in revisions] == [True, False, False, None]


def test_opt_in_rule_needs_a_specific_selector():
    assert not is_selected("TFL802", ("TFL",), ())
    assert is_selected("TFL802", ("TFL", "TFL802"), ())
    assert is_selected("TFL802", ("TFL8",), ())
    assert is_selected("TFL801", ("TFL",), ())


def _flake8(path, *args):
    proc = subprocess.run([sys.executable, "-m", "flake8", "--isolated", *args, str(path)],
                          capture_output=True, text=True)
    return [line.split()[1] for line in proc.stdout.splitlines()]


def test_flake8_reports_the_opt_in_rule_only_when_asked(tmp_path):
    program = tmp_path / "load.py"
    program.write_text("from transformers import AutoModel\n\nmodel = AutoModel.from_pretrained('gpt2')\n")
    assert "TFL802" not in _flake8(program)
    assert "TFL802" not in _flake8(program, "--select", "TFL")
    assert _flake8(program, "--extend-select", "TFL802") == ["TFL802"]
