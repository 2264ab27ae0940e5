# provenance: search index id 17520960
# label: positive
# note: both is_available() calls start the driver before CUDA_VISIBLE_DEVICES is set
import os

import torch

args = parser.parse_args()
device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
if torch.cuda.is_available():
    os.environ["CUDA_VISIBLE_DEVICES"] = args.GPU  # expect: TFL601
