# provenance: search index id 51992478479
# label: positive
# note: is_available() starts the CUDA driver before CUDA_VISIBLE_DEVICES is set from --gpu
import os

import torch

args = parser.parse_args()
device = torch.device('cpu')
if args.gpu != '-1' and torch.cuda.is_available():
    os.environ['CUDA_VISIBLE_DEVICES'] = args.gpu  # expect: TFL601
    device = torch.device('cuda')
