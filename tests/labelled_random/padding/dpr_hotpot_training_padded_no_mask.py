# provenance: search index id 299757487 [the encoders, QADataset and the training loop; the checkpoint saving trimmed]
# query: padding=True, truncation=True)["input_ids"]
# rank: 6
# label: positive
# note: each batch of questions and of evidence passages is padded to its longest and only the ids go to the DPR encoders, so the pooled embeddings of the shorter texts attend to their pads in every training step
import torch
from datasets import load_dataset
from transformers.optimization import Adafactor
from torch.utils.data import Dataset, DataLoader
from transformers import DPRQuestionEncoder, DPRQuestionEncoderTokenizer, DPRContextEncoder, DPRContextEncoderTokenizer

device = "cuda:2"

tokenizerq = DPRQuestionEncoderTokenizer.from_pretrained("facebook/dpr-question_encoder-single-nq-base")
modelq = DPRQuestionEncoder.from_pretrained("facebook/dpr-question_encoder-single-nq-base").to(device)
tokenizerc = DPRContextEncoderTokenizer.from_pretrained("facebook/dpr-ctx_encoder-single-nq-base")
modelc = DPRContextEncoder.from_pretrained("facebook/dpr-ctx_encoder-single-nq-base").to(device)


class CustomLoss(torch.nn.Module):
    def __init__(self):
        super(CustomLoss, self).__init__()

    def forward(self, m):
        m = torch.exp(m)
        pos = m[torch.arange(len(m)), torch.arange(len(m))]
        neg = torch.sum(m, 1)
        loss = torch.sum(-torch.log(pos/neg))
        return loss


modelq.train()
criterion = CustomLoss()
optim = Adafactor(params = modelq.parameters(), lr = 0.0003, relative_step=False)

dataset = load_dataset("hotpot_qa", "distractor")


class QADataset(Dataset):
    def __init__(self, dataset):
        self.data = dataset
    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        data = self.data[idx]

        q = data['question']

        context = data['context']
        title_context = context['title']
        sentences_context = context['sentences']

        evidence = data['supporting_facts']
        titles = evidence['title']
        sent_id = evidence['sent_id']

        title_index = {}

        for i in range(0, len(title_context)):
            title_index[title_context[i]] = i

        positive = ""

        for i in range(0, len(titles)):
            if(sent_id[i] >= len(sentences_context[title_index[titles[i]]])):
                continue
            positive += sentences_context[title_index[titles[i]]][sent_id[i]] + " "

        return q, positive


train_set = QADataset(dataset['train'])
train_dataloader = DataLoader(train_set, batch_size=16, shuffle=False)

for i in range(25):
    for q, p in train_dataloader:
        qembed = modelq(tokenizerq(q, return_tensors="pt", padding=True, truncation=True)["input_ids"].to(device)).pooler_output  # expect: TFL101
        cembed = modelc(tokenizerc(p, return_tensors="pt", padding=True, truncation=True)["input_ids"].to(device)).pooler_output  # expect: TFL101
        sim = qembed @ cembed.T
        optim.zero_grad()
        loss = criterion(sim)
