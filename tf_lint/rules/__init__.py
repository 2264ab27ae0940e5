"""Every rule family. Importing this package registers all rules."""

from tf_lint.rules import env, meta, tf_save  # noqa: F401
