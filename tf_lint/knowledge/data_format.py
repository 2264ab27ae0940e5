"""The version of the shape of parsed knowledge, below both the parser that writes it
(:mod:`tf_lint.knowledge.source`) and the store that caches it (:mod:`tf_lint.knowledge.store`), so
that the store depends on the parser and never the other way round."""

# Bump when the parsed data changes shape or meaning: it keys the user cache.
# 2: names that the dummy-object modules of missing backends export; 3: causal_classes, pipeline_loading
FORMAT = 3
