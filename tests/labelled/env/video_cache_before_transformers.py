# provenance: search index id 69451911959
# label: negative
# note: HF_HOME and the other cache settings are written at the top, before any Hugging Face import (the comment says so)
import argparse
import os
import sys

# Cấu hình lưu trữ và nạp Cache từ ổ D trước khi import transformers
os.environ["HF_HOME"] = "D:/huggingface_cache"
os.environ["TRANSFORMERS_CACHE"] = "D:/huggingface_cache/hub"
os.environ["HF_HUB_DISABLE_SYMLINKS_WARNING"] = "1"
os.environ["CURL_CA_BUNDLE"] = ""
os.environ["REQUESTS_CA_BUNDLE"] = ""

if hasattr(sys.stdout, "reconfigure"):
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
