"""What is true of transformers, per version.

Rules ask through one entry point::

    from tf_lint.knowledge import knowledge_for
    k = knowledge_for(self.ctx.settings)      # cached per process; never imports transformers
    k.has_name("BertTokenizerFast"), k.lookup_task("summarization"), k.auto_classes_for("gpt2"),
    k.auto_class_mapping("AutoModelForCausalLM"), k.config_mapping, k.training_argument_fields()

and :mod:`tf_lint.knowledge.changes` explains the differences between versions (renamed and removed
names, each with its source).
"""

from tf_lint.knowledge.versions import Knowledge, TaskLookup, clear_cache, knowledge_for, load_knowledge, snapshot

__all__ = ["Knowledge", "TaskLookup", "clear_cache", "knowledge_for", "load_knowledge", "snapshot"]
