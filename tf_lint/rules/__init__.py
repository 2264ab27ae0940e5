"""Every rule family, and the table that lets a run import only the families a document can concern.

``RULE_MODULES`` lists each module of this package: the codes its rules register, and the words a
document must contain for any of them to run (covering its rules' ``triggers``: each trigger contains
one of them; ``None``: any document can concern it; ``()``: its rules never run on documents, they only
carry documentation). The registry imports a module for a document only when one of its words occurs
in the text; ``tf-lint rules``, ``tf-lint rule``, the docs and code validation import all of them.

Registering a new rule module is one line here. A module of this package missing from the table is
still found and imported for every document (correct, only slower), and tests/test_registry.py fails
until it is listed, or when a line no longer matches its module.
"""

from typing import Dict, Optional, Tuple

RULE_MODULES: Dict[str, Tuple[Tuple[str, ...], Optional[Tuple[str, ...]]]] = {
    "meta": (("TFL001", "TFL002", "TFL003"), ()),
    "padding": (("TFL101", "TFL102", "TFL103", "TFL104"), ("transformers",)),
    "tf_save": (("TFL201", "TFL202"), ("save", "load_model")),
    "checkpoints": (("TFL301", "TFL302", "TFL303"), ("AutoModel", "AutoBackbone", "from_pretrained", "pipeline")),
    "pipelines": (("TFL304",), ("pipeline",)),
    "memory": (("TFL401", "TFL402"), ("Arguments", "SFTConfig")),
    "device": (("TFL403",), ("attn_implementation",)),
    "version": (("TFL501",), ("transformers", "trl", "peft")),
    "keywords": (("TFL502",), ("Arguments", "Config", "Trainer", "from_pretrained", "trl", "peft")),
    "env": (("TFL601", "TFL602"), ("CUDA_", "PYTORCH_", "environ", "putenv")),
    "vocabulary": (("TFL701", "TFL702"), ("add_tokens", "add_special_tokens", "from_pretrained")),
    "supply_chain": (("TFL801", "TFL802"), ("trust_remote_code", "from_pretrained", "pipeline", "hf_hub_download",
                                            "snapshot_download")),
}

# The modules whose rules also check launch documents (shell commands, YAML recipes: ``Rule.checks_launches``).
LAUNCH_RULE_MODULES: Tuple[str, ...] = ("keywords", "memory")

# Rules not selected by default (``default_enabled = False``), known without importing their modules.
OPT_IN_CODES: Tuple[str, ...] = ("TFL802",)
