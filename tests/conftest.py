import os

import pytest

from lint_samples import BAD_SAVE, FIXTURES, GOOD_SAVE, ROOT, TF_TARGET, run_cli  # noqa: F401  (re-exported)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def tf_lint(capsys):
    """Run ``tf-lint ARGS`` in this process; returns (exit status, stdout, stderr). Checks target
    transformers ``TF_TARGET`` unless the arguments say otherwise (the samples are TensorFlow code)."""
    from tf_lint.cli import main

    def run(*args):
        args = list(args)
        if (not args or args[0] not in ("rule", "rules")) and "--target-transformers-version" not in args:
            args += ["--target-transformers-version", TF_TARGET]
        capsys.readouterr()
        status = main(args)
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture(scope="session")
def tiny_hub_env(tmp_path_factory):
    """Environment variables for a tiny offline Hugging Face hub holding the checkpoints the runtime
    fixtures use (``tinyhub.PADDING_CHECKPOINTS``). Built once per session."""
    import tinyhub

    root = str(tmp_path_factory.mktemp("tinyhub"))
    tinyhub.build_hub(root, tinyhub.PADDING_CHECKPOINTS)
    return tinyhub.hub_environment(root)


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache(tmp_path_factory):
    """Knowledge parsed during the tests goes to a private cache, not the user's ~/.cache/tf-lint."""
    os.environ.setdefault("TF_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache")))
