# provenance: search index id 46232261726
# label: positive
# note: the module-level GradScaler() calls torch.cuda.is_available() (cuInit) at import, so CUDA_VISIBLE_DEVICES="6" set in main() selects nothing
import time
import torch
import random
import numpy as np
import os
from torch.cuda.amp import GradScaler, autocast

scaler = GradScaler()


def set_random_seed(seed=0):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed(seed)


def main():
    os.environ["CUDA_VISIBLE_DEVICES"] = "6"  # expect: TFL601
    parser = get_parser()
    args = parser.parse_args()
    setattr(args, "device", torch.device('cuda' if torch.cuda.is_available() else 'cpu'))
    set_random_seed(args.seed)


if __name__ == "__main__":
    main()
