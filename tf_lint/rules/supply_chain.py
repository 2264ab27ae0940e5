"""Supply chain (TFL8xx): files and code fetched from the Hugging Face Hub without a pinned commit."""

from __future__ import annotations

import ast
from typing import Iterable, Optional

from tf_lint.analysis import downloads
from tf_lint.diagnostics import Applicability, Diagnostic, Edit, Fix
from tf_lint.knowledge import hub
from tf_lint.registry import Rule

_REMOTE_CODE_LOADERS = ("from_pretrained", "pipeline")


def _unpinned_hub_download(rule: Rule, node: ast.Call) -> Optional[downloads.Download]:
    """The download ``node`` makes when it reads a Hub repository at a revision that can move."""
    facts = rule.ctx.facts
    found = downloads.download(facts, node)
    if found is None or found.open_kwargs and found.revision is None:
        return None  # ``**kwargs`` may carry the revision
    if downloads.pinned(facts, found.revision) is not False:
        return None
    if downloads.repository_location(facts, found.repo) != "hub":
        return None
    return found


def _revision_text(rule: Rule, found: downloads.Download) -> str:
    if found.revision is None:
        return "no `revision=`"
    name = rule.ctx.facts.string(found.revision)
    return f"`revision={name!r}`, a branch or tag that can move" if name else "`revision=None`"


class UnpinnedRemoteCode(Rule):
    """## What it does
    Finds a Transformers loader (`from_pretrained` of any model, tokenizer, config or processor class,
    `pipeline`) called with `trust_remote_code=True` on a Hugging Face Hub repository, with no
    `revision=` or with a `revision=` that names a branch or a tag instead of a 40-hex commit id.

    A repository is a Hub one only when the code names it with a string shaped like a Hub id
    (`org/name`, or a legacy name that transformers itself uses such as `gpt2`). Local folders are
    exempt: a path that exists, a string only a path can be (`./model`, `/data/model`, `~/model`,
    `a/b/c`), a folder the same file saves into (`save_pretrained`, `output_dir=`), a Trainer
    `checkpoint-500` folder, and paths built with `os.path` or `pathlib`. A name the code does not
    tell (a parameter, a command-line argument) is not reported.

    A repository or revision given at run time (a command-line option of argparse, an `HfArgumentParser`
    or `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is the
    user's choice: the default the code declares for it is a placeholder and never starts a finding.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    `trust_remote_code=True` imports and runs the Python files of the model repository
    (`modeling_*.py`, `configuration_*.py`, `tokenization_*.py`, named by `auto_map` in its
    `config.json`) in your process, with your permissions, when the model loads. Without a pinned
    commit, what runs is whatever the repository's `main` branch (or the named branch or tag) holds on
    the day the program runs: a later push by its owner, or by anyone who takes over the account, runs
    on your machine the next time. Transformers' security policy recommends pinning `revision` when
    trusting remote code; a commit id cannot be moved, a branch or tag can.

    ## Example
    ```python
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained("microsoft/phi-1_5", trust_remote_code=True)
    ```

    ## Use instead
    Read the repository's code at a commit, then pin that commit:
    ```python
    model = AutoModelForCausalLM.from_pretrained(
        "microsoft/phi-1_5",
        trust_remote_code=True,
        revision="<the 40-hex commit id you reviewed>",
    )
    ```
    The commit ids are on the repository's "Files and versions" page, or in the local cache
    (`~/.cache/huggingface/hub/models--ORG--NAME/refs/main`). When the installed transformers supports
    the architecture natively, drop `trust_remote_code=True` instead.

    ## Fix safety
    There is no fix: which commit to trust is the author's decision, made by reading its code.
    """

    code = "TFL801"
    name = "unpinned-remote-code"
    summary = "`trust_remote_code=True` on a Hub repository without a `revision=` pinned to a commit"
    node_types = (ast.Call,)
    triggers = ("trust_remote_code",)
    packages = downloads.LOADER_PACKAGES

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        found = _unpinned_hub_download(self, node)
        if found is None or found.remote_code is not True or found.loader not in _REMOTE_CODE_LOADERS:
            return
        repo = self.ctx.facts.string(found.repo)
        yield self.diagnostic(node, (
            f"`trust_remote_code=True` runs the Python code of the Hub repository {repo!r} as it is when the "
            f"program runs ({_revision_text(self, found)}); pin the commit you reviewed with "
            "`revision=\"<40-hex commit id>\"`"))


class UnpinnedDownload(Rule):
    """## What it does
    Finds a download from the Hugging Face Hub that is not pinned to a commit: `from_pretrained` of a
    Transformers class, `pipeline(model=...)`, `huggingface_hub.hf_hub_download` and
    `snapshot_download`, on a Hub repository, with no `revision=` or with a branch or tag name as the
    revision. Hub repositories and local folders are told apart as for TFL801. Calls with
    `trust_remote_code=True` are left to TFL801.

    This rule is **not selected by default** (like bandit's B615): opt in with
    `extend-select = ["TFL802"]` in `[tool.tf-lint]`, `--extend-select TFL802` on the command line,
    or `flake8 --extend-select TFL802`. Selecting all of `TFL` (or `ALL`) does not turn it on; `TFL8`
    does.

    A repository or revision given at run time (a command-line option of argparse, an `HfArgumentParser`
    or `TrlParser` dataclass field, click, typer or fire; `sys.argv`; an environment variable) is the
    user's choice: the default the code declares for it is a placeholder and never starts a finding or a
    fix.
    A launch command of the project decides it (README, "Launch commands"): a shell script, a Markdown shell
    block or a notebook `!` line that runs this script without the option makes the default the value, one
    that passes the option gives it the value written there, and the message names that command ("run by
    `train.sh:3` without `--model_name_or_path`").

    ## Why is this bad?
    Without a commit, each run downloads what the repository's branch holds that day: weights, config
    and tokenizer files can change under the program (a re-upload, a changed `config.json`, a new
    tokenizer), so results are not reproducible, and a compromised repository reaches every run. A
    40-hex commit id names one immutable state of the repository.

    ## Example
    ```python
    from transformers import AutoModel

    model = AutoModel.from_pretrained("google-bert/bert-base-uncased")
    ```

    ## Use instead
    ```python
    model = AutoModel.from_pretrained(
        "google-bert/bert-base-uncased", revision="86b5e0934494bd15c9632b12f734a8a67f723594"
    )
    ```

    ## Fix safety
    When the local Hugging Face cache already holds the repository (read offline from
    `models--ORG--NAME/refs/<revision>` under `$HF_HUB_CACHE`, `$HF_HOME/hub` or
    `~/.cache/huggingface/hub`), the fix pins the commit the cache holds for the requested branch or
    tag (`main` when none is given): the files this machine already uses. It is unsafe: the cached
    commit may be older than the branch is now, and pinning freezes the program on it. Without a cached
    ref there is no fix; nothing is ever asked of the Hub.
    """

    code = "TFL802"
    name = "unpinned-download"
    summary = "A Hugging Face Hub download without a `revision=` pinned to a commit (opt-in)"
    fix_availability = "sometimes"
    default_enabled = False
    node_types = (ast.Call,)
    triggers = ("from_pretrained", "pipeline", "hf_hub_download", "snapshot_download")
    packages = downloads.LOADER_PACKAGES

    def visit(self, node: ast.Call) -> Iterable[Diagnostic]:
        found = _unpinned_hub_download(self, node)
        if found is None:
            return
        if found.remote_code is not False and found.loader in _REMOTE_CODE_LOADERS:
            return  # TFL801's finding (or trust_remote_code unknown)
        repo = self.ctx.facts.string(found.repo)
        message = (f"{found.loader} of the Hub repository {repo!r} is not pinned to a commit "
                   f"({_revision_text(self, found)}); pass `revision=\"<40-hex commit id>\"`")
        yield self.diagnostic(node, message, self._fix(found, repo))

    def _fix(self, found: downloads.Download, repo: Optional[str]) -> Optional[Fix]:
        facts = self.ctx.facts
        branch = "main" if found.revision is None else facts.string(found.revision)
        if not repo or not branch or not found.repo_type:
            return None
        if found.revision is not None and not isinstance(found.revision, ast.Constant):
            return None  # ``revision=REV``: the name is the author's, not ours to replace
        commit = hub.cached_commit(repo, branch, found.repo_type)
        if commit is None:
            return None
        doc = self.ctx.document
        if found.revision is not None:
            edit = Edit(doc.start_of(found.revision), doc.end_of(found.revision), f'"{commit}"')
            return Fix(Applicability.UNSAFE, f"Pin the commit the local cache holds for `{branch}`", [edit])

        def add_revision():  # libcst, only when fixing
            from tf_lint.fixes.calls import add_keyword

            edit = add_keyword(doc, found.call, "revision", f'"{commit}"')
            return [edit] if edit is not None else []

        return Fix(Applicability.UNSAFE, f"Pin the commit the local cache holds for `{branch}`", add_revision)
