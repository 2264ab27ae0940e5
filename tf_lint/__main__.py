import os
import sys

# `python -m tf_lint` puts the current directory first on sys.path, where the code being linted would
# shadow the standard library and tf-lint's dependencies: a project's `random.py` ran when tf-lint
# imported `tempfile`. tf-lint imports nothing from there (its own package is already imported).
if sys.path and not sys.flags.safe_path and sys.path[0] in ("", os.getcwd()):
    del sys.path[0]

from tf_lint.cli import main  # noqa: E402

sys.exit(main())
