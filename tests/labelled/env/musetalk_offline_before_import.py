# provenance: search index id 68695107873
# label: negative
# note: the worker sets the offline flags in main() before it imports the service that pulls in the Hugging Face stack; nothing at module level imports it
import argparse
import json
import os
from pathlib import Path
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--request", required=True)
    args = parser.parse_args()
    request = json.loads(Path(args.request).read_text(encoding="utf-8"))
    root = Path(request["root"]).resolve()
    sys.path.insert(0, str(root))
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from app import config
    from app.musetalk_service import MuseTalkService
    import torch
    torch.set_num_threads(2)
    service = MuseTalkService()
    return service


if __name__ == "__main__":
    main()
