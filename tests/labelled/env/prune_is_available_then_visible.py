# provenance: search index id 184482356
# label: positive
# note: torch.cuda.is_available() (cuInit) runs twice before CUDA_VISIBLE_DEVICES is set, so --GPU selects nothing and cuda:0 stays physical GPU 0
import torch
import torch.nn as nn

import os
import argparse

parser = argparse.ArgumentParser(description="PyTorch CIFAR10 Training")
parser.add_argument("--model", default="resnet18", help="VGG-16, ResNet-18, LeNet")
parser.add_argument("--GPU", default="0,1", type=str, help="GPU to use")
args = parser.parse_args()

device = torch.device("cuda:0" if torch.cuda.is_available() else "cpu")
if torch.cuda.is_available():
    os.environ["CUDA_VISIBLE_DEVICES"] = args.GPU  # expect: TFL601

model = build(args.model)

if torch.cuda.is_available():
    model = model.cuda()
    if torch.cuda.device_count() > 1:
        model = nn.DataParallel(model)
model.to(device)
