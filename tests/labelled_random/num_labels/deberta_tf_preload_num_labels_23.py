# provenance: search index id 54492293050
# query: ForTokenClassification.from_pretrained(
# rank: 7
# label: negative
# note: a cache-preloading script: the TF head is built with num_labels=23 and the file defines no label set
# target: 4.57
import os
from pathlib import Path
from sentence_transformers import SentenceTransformer
from transformers import AutoTokenizer, TFAutoModelForTokenClassification

# Read environment variables
ner_base_model = os.getenv("NER_BASE_MODEL", "microsoft/deberta-v3-base")
hf_cache_dir = os.getenv("HF_CACHE_DIR", "/opt/hf-cache")

cache_dir = Path(hf_cache_dir)
cache_dir.mkdir(parents=True, exist_ok=True)

# 2. Preload, convert to TF, and cache native TF model
print("Loading TF Model for Token Classification...")
base_model = TFAutoModelForTokenClassification.from_pretrained(
    ner_base_model,
    from_pt=True,
    num_labels=23,
    ignore_mismatched_sizes=True,
    cache_dir=str(cache_dir),
)

# Save the pre-converted TF model weights to a dedicated directory so startup doesn't do from_pt=True conversion
tf_base_path = Path("/opt/deberta-tf-base")
base_model.save_pretrained(str(tf_base_path))
