"""What a call fetches from the Hugging Face Hub: which repository, at which revision, and whether it
runs the repository's code. The evidence of the supply-chain rules (TFL8xx).

A *download* is a call of a Transformers loader (``X.from_pretrained`` on a transformers class or a
local subclass of one, ``transformers.pipeline``) or of huggingface_hub's ``hf_hub_download`` /
``snapshot_download``. Where its repository lives is answered by :func:`repository_location`: the Hub
only for a known string shaped like a Hub id that is not a folder here, not a folder the same document
writes, and not a bare name that could be a folder (unless transformers itself names it as a
checkpoint); a local folder for a path-like string or expression; unknown otherwise.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, FrozenSet, Optional

from tf_lint.analysis.values import Constant, ImportedName, LocalClass
from tf_lint.knowledge import hub
from tf_lint.knowledge.checkpoints import is_named_checkpoint

if TYPE_CHECKING:  # pragma: no cover
    from tf_lint.analysis.facts import Facts

HUB_DOWNLOADS = {
    "huggingface_hub.hf_hub_download": "hf_hub_download",
    "huggingface_hub.file_download.hf_hub_download": "hf_hub_download",
    "huggingface_hub.snapshot_download": "snapshot_download",
    "huggingface_hub._snapshot_download.snapshot_download": "snapshot_download",
}
PIPELINES = frozenset({"transformers.pipeline", "transformers.pipelines.pipeline"})
# The packages of every loader ``download`` knows: a Transformers class's ``from_pretrained`` (or a
# local subclass of one), ``PIPELINES``, ``HUB_DOWNLOADS``.
LOADER_PACKAGES = ("transformers", "huggingface_hub")
# Calls whose path argument is a folder the program writes: a later load of that name is local.
_WRITERS = frozenset({"save_pretrained", "save_model", "save_checkpoint"})
_WRITTEN_KEYWORDS = frozenset({"output_dir", "save_directory", "local_dir", "cache_dir"})
_PATH_CALLS = ("os.path.", "pathlib.", "os.getcwd", "os.environ", "os.getenv", "tempfile.")
_TRAINER_CHECKPOINT = re.compile(r"(^|/)checkpoint[-_]\d+$")


@dataclass(frozen=True)
class Download:
    """One call that loads files of a repository. ``revision`` is the ``revision=`` expression (None when
    not passed); ``remote_code`` what ``trust_remote_code=`` holds (True / False, None when unknown or
    passed through ``**kwargs``); ``open_kwargs`` whether ``**kwargs`` may add any argument."""

    call: ast.Call
    loader: str  # "from_pretrained", "pipeline", "hf_hub_download", "snapshot_download"
    repo: Optional[ast.expr]
    revision: Optional[ast.expr]
    repo_type: Optional[str]  # "model", "dataset", "space"; None when unknown
    remote_code: Optional[bool]
    open_kwargs: bool


def download(facts: "Facts", call: ast.Call) -> Optional[Download]:
    """The download ``call`` makes, or None when it is not a known Hub loader."""
    func = call.func
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    open_kwargs = any(k.arg is None for k in call.keywords)
    loader = None
    repo: Optional[ast.expr] = None
    repo_type: Optional[str] = "model"
    if isinstance(func, ast.Attribute) and func.attr == "from_pretrained":
        owner = facts.value(func.value)
        if not (isinstance(owner, ImportedName) and owner.qualname.startswith("transformers.")
                or isinstance(owner, LocalClass) and facts.class_framework(owner) is not None):
            return None
        loader = "from_pretrained"
        repo = _argument(call, 0, "pretrained_model_name_or_path")
    else:
        qualname = facts.qualified_name(func)
        if qualname in PIPELINES:
            loader = "pipeline"
            repo = keywords.get("model")
            if repo is None and len(call.args) > 1 and not isinstance(call.args[1], ast.Starred):
                repo = call.args[1]
        elif qualname in HUB_DOWNLOADS:
            loader = HUB_DOWNLOADS[qualname]
            repo = _argument(call, 0, "repo_id")
            if "repo_type" in keywords:
                repo_type = facts.string(keywords["repo_type"])
                if repo_type is None and isinstance(facts.value(keywords["repo_type"]), Constant):
                    repo_type = "model"  # repo_type=None is the default
    if loader is None:
        return None
    remote = keywords.get("trust_remote_code")
    remote_code: Optional[bool] = False
    if remote is not None:
        value = facts.value(remote)
        remote_code = value.value if isinstance(value, Constant) and isinstance(value.value, bool) else None
    elif open_kwargs:
        remote_code = None
    return Download(call, loader, repo, keywords.get("revision"), repo_type, remote_code, open_kwargs)


def repository_location(facts: "Facts", expr: Optional[ast.expr]) -> Optional[str]:
    """"hub" or "local" for the repository named by ``expr``; None when the code does not tell."""
    if expr is None:
        return None
    if _is_path_expression(facts, expr):
        return "local"
    name = facts.string(expr)
    if name is None:
        return None
    if looks_like_path(name):
        return "local"
    base_dir = os.path.dirname(os.path.abspath(facts.path)) if facts.path else None
    _folder, where = hub.checkpoint_folder(name, base_dir)
    if where == "local" or name in written_folders(facts) or _TRAINER_CHECKPOINT.search(name):
        return "local"
    if not hub.is_repo_id(name):
        return None
    if "/" not in name and not (is_named_checkpoint(name) or where == "cache"):
        return None  # a bare name is as likely a folder the program writes (``my_model``)
    return "hub"


def looks_like_path(name: str) -> bool:
    """A string only a path can be: ``./out``, ``../m``, ``/data/m``, ``~/m``, ``C:\\m``, ``a/b/c``."""
    return (name.startswith((".", "/", "~", "\\")) or "\\" in name or name.count("/") > 1
            or bool(re.match(r"^[A-Za-z]:", name)))


def pinned(facts: "Facts", revision: Optional[ast.expr]) -> Optional[bool]:
    """Whether ``revision=`` pins a commit: True for a 40-hex commit id, False when absent, ``None``
    or a branch or tag name, None when the code does not tell. A revision read from the program's
    options (``revision=args.revision``) is the user's choice at run time: not told."""
    if revision is None:
        return False
    if not isinstance(revision, (ast.Constant, ast.Name)):
        return None
    value = facts.constant(revision)
    if isinstance(value, Constant):
        if value.value is None:
            return False
        if isinstance(value.value, str):
            return hub.is_commit_hash(value.value)
    return None


def written_folders(facts: "Facts") -> FrozenSet[str]:
    """Strings the document saves a model or checkpoints into (``save_pretrained("out")``,
    ``output_dir="out"``): a load of the same name (or below it) is a local folder."""
    cached = getattr(facts, "_written_folders", None)
    if cached is not None:
        return cached
    found = set()
    for node in facts.nodes(ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in _WRITERS and node.args:
            found.add(facts.string(node.args[0]))
        for keyword in node.keywords:
            if keyword.arg in _WRITTEN_KEYWORDS:
                found.add(facts.string(keyword.value))
    found.discard(None)
    facts._written_folders = _Folders(found)  # type: ignore[attr-defined]  (asked once per document)
    return facts._written_folders  # type: ignore[attr-defined]


class _Folders(frozenset):
    """Folders; ``in`` also holds for every path below one of them."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(
            name == f or name.startswith(f.rstrip("/") + "/") for f in frozenset.__iter__(self))


def _is_path_expression(facts: "Facts", expr: ast.expr) -> bool:
    """``os.path.join(...)``, ``Path(...)``, ``base / "model"``, ``str(path)``, an f-string starting
    with a path: expressions that build a file-system path."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        return True
    if isinstance(expr, ast.JoinedStr) and expr.values:
        first = expr.values[0]
        return isinstance(first, ast.Constant) and isinstance(first.value, str) and looks_like_path(first.value)
    if isinstance(expr, ast.Call):
        qualname = facts.qualified_name(expr.func) or ""
        if qualname.startswith(_PATH_CALLS):
            return True
        if isinstance(expr.func, ast.Name) and expr.func.id == "str" and expr.args:
            return _is_path_expression(facts, expr.args[0])
    if isinstance(expr, ast.Name):
        assigned = facts.assigned_expression(expr)
        return assigned is not None and assigned is not expr and _is_path_expression(facts, assigned)
    return False


def _argument(call: ast.Call, index: int, name: str) -> Optional[ast.expr]:
    if len(call.args) > index and not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
        return call.args[index]
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None
