# provenance: search index id 55518912923
# query: ForSequenceClassification.from_pretrained(
# rank: 9
# label: negative
# note: a cross-encoder checkpoint the project trained is evaluated; only logits[:, 1] is read, and the file defines no label set
from contextlib import nullcontext
from pathlib import Path
from typing import Dict, List, Tuple

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from part_one.experiment.config import PartOneConfig
from part_one.experiment.dataset import RankingDataset
from part_one.utils.io_utils import write_json
from part_one.utils.metrics import compute_ranking_metrics, rank_of_label
from part_one.utils.predict import save_error_examples, save_predictions


def evaluate_checkpoint(
    config: PartOneConfig,
    checkpoint_dir: Path,
    data_path: Path,
    save_outputs: bool = False,
) -> Dict[str, float]:
    tokenizer = AutoTokenizer.from_pretrained(str(checkpoint_dir))
    model = AutoModelForSequenceClassification.from_pretrained(str(checkpoint_dir))
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)

    metrics, prediction_rows = evaluate_model(model, tokenizer, config, data_path, device)
    return metrics
