"""Every rule family. Importing this package registers all rules."""

from tf_lint.rules import checkpoints, env, keywords, memory, meta, padding, pipelines, tf_save, version  # noqa: F401
