# provenance: search index id 53373075356
# query: tokenizer.add_tokens(
# rank: 8
# label: negative
# note: a tokenizer trained from scratch with the tokenizers library gets brand tokens and is saved; no model is in the file
import json
from pathlib import Path

from datasets import load_dataset
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, decoders, processors
from tokenizers.trainers import BpeTrainer
from transformers import PreTrainedTokenizerFast

# Konfigurasi
DATASET_NAME = "AksaraLLM/aksara-pretrain-clean-v1.1"
OUTPUT_DIR = Path("./aurallm/aura_tokenizer_v3")
OUTPUT_DIR.mkdir(parents=True, exist_ok=True)

VOCAB_SIZE = 32773
MIN_FREQUENCY = 2
END_OF_WORD_SUFFIX = "</w>"

SPECIAL_TOKENS = [
    "[PAD]",
    "[EOS]",
    "[BOS]",
    "[UNK]",
    "[SEP]",
    "[MASK]",
]

BRAND_TOKENS = [
    "AuraLLM",
    "aurallm",
    "Indonesia",
]

dataset = load_dataset(DATASET_NAME, split="train")

def batch_iterator(batch_size=1000):
    for i in range(0, len(dataset), batch_size):
        batch = dataset[i:i + batch_size]["text"]
        batch = [x for x in batch if isinstance(x, str) and x.strip()]
        if batch:
            yield batch

tokenizer = Tokenizer(
    models.BPE(
        unk_token="[UNK]",
        end_of_word_suffix=END_OF_WORD_SUFFIX
    )
)

trainer = BpeTrainer(
    vocab_size=VOCAB_SIZE,
    min_frequency=MIN_FREQUENCY,
    special_tokens=SPECIAL_TOKENS,
    end_of_word_suffix=END_OF_WORD_SUFFIX,
    show_progress=True,
)

tokenizer.train_from_iterator(batch_iterator(), trainer=trainer)

added_count = tokenizer.add_tokens(BRAND_TOKENS)

tokenizer_json_path = OUTPUT_DIR / "tokenizer.json"
tokenizer.save(str(tokenizer_json_path))

fast_tokenizer = PreTrainedTokenizerFast(
    tokenizer_file=str(tokenizer_json_path),
    unk_token="[UNK]",
    pad_token="[PAD]",
    bos_token="[BOS]",
    eos_token="[EOS]",
    sep_token="[SEP]",
    mask_token="[MASK]",
)

# tambahkan brand tokens sebagai token biasa
fast_tokenizer.add_tokens(BRAND_TOKENS)

# simpan tokenizer HF
fast_tokenizer.save_pretrained(str(OUTPUT_DIR))
