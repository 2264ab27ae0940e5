"""scripts/make_vocabulary_table.py and the bundled table of special-shaped vocabulary entries (issue 25):
the extraction, on tiny tokenizer files written here in each format the script reads; what every row of
the bundled table records; and the answers TFL701's knowledge gives for real hub ids with it."""

import base64
import json
import os
import struct
import sys

import pytest

from tf_lint.knowledge import vocabularies

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import make_vocabulary_table as mvt  # noqa: E402

# A WordPiece vocabulary shaped like BERT's: [PAD], reserved slots, the special tokens, then pieces
# (among them "<", "s", ">" and "[", "]" alone, and "##>", which are not special-shaped).
VOCAB = (["[PAD]"] + [f"[unused{i}]" for i in range(4)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
         + [f"[unused{i}]" for i in range(4, 7)] + ["<", ">", "[", "]", "s", "##>", "the", "<0x0A>", "[not a token]"])
SPECIALS = sorted(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"[unused{i}]" for i in range(7)])


def _wordpiece_folder(tmp_path):
    """A tokenizer.json built with the tokenizers library from VOCAB, one token added ("<ent>")."""
    from tokenizers import Tokenizer, models

    folder = tmp_path / "wordpiece"
    folder.mkdir()
    tok = Tokenizer(models.WordPiece({t: i for i, t in enumerate(VOCAB)}, unk_token="[UNK]"))
    tok.add_special_tokens(["<ent>"])
    tok.save(str(folder / "tokenizer.json"))
    return folder


def _row(name, size, copies=1, also_held=()):
    return mvt.Row(name, r"acme/tiny", size, tuple(mvt.Copy("test", f"file{i}") for i in range(copies)),
                   also_held=also_held)


def test_extraction_from_a_tokenizer_json(tmp_path):
    folder = _wordpiece_folder(tmp_path)
    entry = mvt.build_row(_row("tiny", len(VOCAB) + 1), [str(folder)])
    expanded = sorted(s for c in entry["specials"] for s in vocabularies.expand(c))
    assert expanded == sorted(SPECIALS + ["<ent>"])
    assert entry["specials"] == sorted(["<ent>", "[CLS]", "[MASK]", "[PAD]", "[SEP]", "[UNK]", "[unused{0..6}]"])
    (source,) = entry["sources"]
    assert source["tokens"] == len(VOCAB) + 1 and len(source["sha256"]) == 64 and source["bytes"] > 0


def test_the_released_size_is_checked(tmp_path):
    folder = _wordpiece_folder(tmp_path)
    with pytest.raises(ValueError, match="the released vocabulary"):
        mvt.build_row(_row("tiny", len(VOCAB)), [str(folder)])


def test_vocab_txt_and_a_second_copy_that_must_agree(tmp_path):
    txt = tmp_path / "vocab.txt"
    txt.write_text("".join(t + "\n" for t in VOCAB), encoding="utf-8")
    listed = tmp_path / "vocab.json"
    listed.write_text(json.dumps(VOCAB), encoding="utf-8")
    entry = mvt.build_row(_row("tiny", len(VOCAB), copies=2), [str(txt), str(listed)])
    assert sorted(s for c in entry["specials"] for s in vocabularies.expand(c)) == SPECIALS
    listed.write_text(json.dumps(VOCAB[:1] + ["▁"] + VOCAB[2:]), encoding="utf-8")  # id 1 rewritten
    with pytest.raises(ValueError, match="same tokens"):
        mvt.build_row(_row("tiny", len(VOCAB), copies=2), [str(txt), str(listed)])


def _piece(text):
    body = b"\x0a" + bytes([len(text.encode())]) + text.encode() + b"\x15" + struct.pack("<f", 0.0)
    return b"\x0a" + bytes([len(body)]) + body


def test_sentencepiece_model_and_tiktoken_files(tmp_path):
    model = tmp_path / "tokenizer.model"
    pieces = ["<unk>", "<s>", "</s>", "<0x0A>", "▁the", "<pad>"]
    model.write_bytes(b"".join(_piece(p) for p in pieces) + b"\x12\x02\x08\x01")  # pieces, then trainer_spec
    assert mvt.read_tokens(str(model)) == pieces
    assert mvt.special_shaped(pieces) == ["</s>", "<pad>", "<s>", "<unk>"]
    ranks = tmp_path / "tiny.tiktoken"
    ranks.write_text("".join(f"{base64.b64encode(t).decode()} {i}\n"
                             for i, t in enumerate([b"<", b"<br>", b" <b>", b"\n"])))
    # the byte-level alphabet of vocab.json: a space is written "\u0120", a newline "\u010a"
    assert mvt.read_tokens(str(ranks)) == ["<", "<br>", "\u0120<b>", "\u010a"]
    assert mvt.special_shaped(mvt.read_tokens(str(ranks))) == ["<br>"]


def test_a_module_embedding_the_encoder(tmp_path):
    module = tmp_path / "encodings.ts"
    module.write_text("const e = JSON.parse('{\"\\\\\"\":0,\"it\\\\u0027s\":1,\"\\'\":2,\"<|endoftext|>\":3}')\n")
    assert mvt.read_tokens(str(module)) == ['"', "it's", "'", "<|endoftext|>"]


def test_a_module_embedding_url_encoded_json(tmp_path):
    """A SentencePiece vocabulary as base64 of URL-encoded JSON, its word boundary written as a space."""
    import urllib.parse

    pieces = ["<unk>", "<s>", "</s>"] + [f" w{i}" for i in range(200)]
    encoded = base64.b64encode(urllib.parse.quote(json.dumps({p: i for i, p in enumerate(pieces)})).encode())
    module = tmp_path / "main.js"
    module.write_text(f'var v="{encoded.decode()}";\n')
    assert mvt.read_tokens(str(module)) == [p.replace(" ", "\u2581") for p in pieces]


def test_a_wordpiece_vocabulary_written_the_sentencepiece_way():
    marked = ["[PAD]", "[unused0]", "\u2581the", "s", "\u2581<", "]", "\u2581[", "[CLS]"]
    assert mvt.wordpiece_from_marked(marked) == ["[PAD]", "[unused0]", "the", "##s", "<", "##]", "[", "[CLS]"]


def test_compact_and_expand_round_trip():
    strings = ["<h1>", "<h2>", "<h3>", "<h5>", "<unused0>", "<unused1>", "<unused2>", "[PAD]", "<h10>"]
    compact = mvt.compact(strings)
    assert compact == ["<h10>", "<h5>", "<h{1..3}>", "<unused{0..2}>", "[PAD]"]
    assert sorted(s for c in compact for s in vocabularies.expand(c)) == sorted(strings)


def _bundled():
    with open(mvt.TABLE, encoding="utf-8") as f:
        return json.load(f)["vocabularies"]


def test_every_row_of_the_bundled_table_records_its_source():
    rows = {r.name: r for r in mvt.ROWS}
    bundled = _bundled()
    assert [e["name"] for e in bundled] == [r.name for r in mvt.ROWS]
    for entry in bundled:
        row = rows[entry["name"]]
        assert entry["checkpoints"] == row.checkpoints and entry["size"] == row.size
        assert entry["sources"] and len(entry["sources"]) == len(row.copies)
        for source, copy in zip(entry["sources"], row.copies):
            assert source["origin"] == copy.origin and source["path"] == copy.path
            assert len(source["sha256"]) == 64 and source["bytes"] > 0 and source["tokens"] > 0
        assert entry["sources"][0]["tokens"] == entry["size"]
        expanded = [s for c in entry["specials"] for s in vocabularies.expand(c)]
        assert expanded and all(vocabularies.is_special_shaped(s) for s in expanded)
        assert entry["read"] <= len(set(expanded)) <= entry["read"] + len(entry["also_held"])


@pytest.mark.parametrize("checkpoint,token,held", [
    ("bert-base-uncased", "[PAD]", True),
    ("google-bert/bert-base-uncased", "[unused993]", True),
    ("google-bert/bert-base-uncased", "<product>", False),
    ("google-bert/bert-base-uncased", "[E11]", False),
    ("gpt2", "<|endoftext|>", True),
    ("openai-community/gpt2-medium", "[PAD]", False),
    ("meta-llama/Llama-2-7b-chat-hf", "<pad>", False),
    ("meta-llama/Meta-Llama-3-8B-Instruct", "<|eot_id|>", True),
    ("meta-llama/Meta-Llama-3-8B-Instruct", "<|finetune_right_pad_id|>", False),
    ("meta-llama/Llama-3.1-8B-Instruct", "<|finetune_right_pad_id|>", True),
    ("meta-llama/Llama-3.2-1B", "<|reserved_special_token_250|>", True),
    ("meta-llama/Llama-3.2-1B", "[PAD]", False),
    ("mistralai/Mistral-7B-v0.1", "<s>", True),
    ("mistralai/Mistral-7B-Instruct-v0.1", "<pad>", False),
    ("Qwen/Qwen3-8B", "<s>", True),  # a plain byte-level BPE token of Qwen's vocabulary
    ("Qwen/Qwen3-0.6B-Base", "<|im_start|>", True),
    ("Qwen/Qwen3-8B", "<pad>", False),
    ("google/gemma-3-4b-it", "<start_of_turn>", True),
    ("google/gemma-3-1b-pt", "<table>", True),
    ("google/gemma-3-27b-it", "<unused6241>", True),
    ("google/gemma-3-27b-it", "<unused6242>", False),
    ("google/gemma-3-27b-it", "<product>", False),
    # vocabularies not in the table, and strings not special-shaped: unknown
    ("google-bert/bert-base-cased", "[PAD]", None),
    ("openai-gpt", "[CLS]", None),
    ("Qwen/Qwen2.5-7B", "<|im_start|>", None),
    ("google-bert/bert-base-uncased", "product", None),
])
def test_held_for_real_hub_ids(checkpoint, token, held, monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))  # no tokenizer files here: the table answers
    monkeypatch.chdir(tmp_path)
    assert vocabularies.holds_token(checkpoint, token) is held


def _bert_shaped(folder, extra=()):
    """A 30,522-line vocab.txt with BERT uncased's special-shaped entries at their ids, then pieces."""
    folder.mkdir()
    lines = (["[PAD]"] + [f"[unused{i}]" for i in range(99)] + ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
             + [f"[unused{i}]" for i in range(99, 994)] + list(extra))
    lines += [f"piece{i}" for i in range(30522 - len(lines))]
    (folder / "vocab.txt").write_text("".join(t + "\n" for t in lines), encoding="utf-8")
    return str(folder)


def test_check_a_row_against_local_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "cache"))  # the other rows: not checked
    assert mvt.main(["--check", "bert-uncased=" + _bert_shaped(tmp_path / "same")]) == 0
    assert "bert-uncased: same" in capsys.readouterr().out
    assert mvt.main(["--check", "bert-uncased=" + _bert_shaped(tmp_path / "other", ["<S>"])]) == 1
    assert "bert-uncased: differs" in capsys.readouterr().out
