# provenance: search index id 54194613243
# label: positive
# note: the baseline gpt2 (decoder-only) has no masked-LM class, so AutoModelForMaskedLM raises; the scorer model comes from a config value
import logging
import torch
from transformers import AutoModelForMaskedLM, AutoTokenizer

logger = logging.getLogger(__name__)


def load_models(cfg):
    tokenizer_code = AutoTokenizer.from_pretrained(cfg.scorer_lm)
    model_code = AutoModelForMaskedLM.from_pretrained(cfg.scorer_lm)
    model_code.eval()

    logger.info("[ZS-23] Loading baseline model (gpt2)...")
    tokenizer_base = AutoTokenizer.from_pretrained("gpt2")
    model_base = AutoModelForMaskedLM.from_pretrained("gpt2")  # expect: TFL301
    model_base.eval()
    return model_code, model_base
