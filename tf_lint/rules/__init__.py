"""Every rule family. Importing this package registers all rules."""

from tf_lint.rules import (  # noqa: F401
    checkpoints, env, keywords, memory, meta, padding, pipelines, supply_chain, tf_save, version, vocabulary,
)
