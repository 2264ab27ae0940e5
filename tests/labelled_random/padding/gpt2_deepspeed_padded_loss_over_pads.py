# provenance: search index id 39870791868 [GPT2Datset, train, ds_main; set-up and data reading shortened, the tokenization, data flow and model calls as in the file]
# query: padding='max_length')['input_ids']
# rank: 1
# label: positive
# note: each text is padded to 1024 with EOS as pad and fed to GPT-2 without a mask; the hand-written cross-entropy takes the same padded ids as targets, so the loss is mostly over pad positions (the decoder-only case of the rule: a loss over padded labels)
import torch
import torch.nn.functional as F
import pyarrow.parquet as pq
import deepspeed
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler
from transformers import GPT2Tokenizer, GPT2LMHeadModel, AutoConfig
from deepspeed.ops.adam import FusedAdam


class GPT2Datset(Dataset):
    def __init__(self) -> None:
        self.file = pq.read_table('./data/pretrain_lora.parquet', columns=['text']).to_pandas()
        self.tokenizer = GPT2Tokenizer.from_pretrained('./fake_model')
        self.tokenizer.pad_token = self.tokenizer.eos_token

    def __len__(self):
        return self.file.shape[0]

    def __getitem__(self, index):
        row = self.file.iloc[index].values[0]
        x = self.tokenizer(row, return_tensors='pt', max_length=1024, truncation=True, padding='max_length')['input_ids']
        return x, x


def train(model, data, target, rank, step):
    model.train()
    data, target = data.to(rank), target.to(rank)
    output = model(data, use_cache=False)  # expect: TFL101
    loss = F.cross_entropy(output.logits.view(-1, output.logits.size(-1)), target.view(-1))
    model.backward(loss)
    model.step()


def ds_main(args):
    rank = args.local_rank
    torch.cuda.set_device(rank)
    config = AutoConfig.from_pretrained('./fake_model/config.json')
    model = GPT2LMHeadModel._from_config(config)
    deepspeed.init_distributed(dist_backend="nccl")

    train_dataset = GPT2Datset()
    train_sampler = DistributedSampler(train_dataset, rank=rank)
    train_loader = DataLoader(train_dataset, batch_size=args.per_device_batch_size, sampler=train_sampler)
    optimizer = FusedAdam(model.parameters(), lr=args.lr)
    model, optimizer, _, _ = deepspeed.initialize(model=model, optimizer=optimizer, config={"train_batch_size": 32})

    step = 0
    for data, target in train_loader:
        train(model, data, target, rank, step)
        step += 1
