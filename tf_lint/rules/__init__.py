"""Every rule family. Importing this package registers all rules."""

from tf_lint.rules import meta, tf_save  # noqa: F401
