# provenance: search index id 47239716826 [TestModel reduced to its base and one head; set-up shortened, the tokenization, data flow and model calls as in the file]
# query: padding=True)['input_ids']
# rank: 8
# label: negative
# note: GPT-2's tokenizer pads the batch, but the ids are one-hot encoded for the project's own model; no Transformers model receives them
import torch as th
import torch.nn as nn
import torch.nn.functional as F
import torchtext as tt
from NLP import make_nlp_QIMIA
from torch.utils.data import DataLoader
from transformers import GPT2Tokenizer


class TestModel(nn.Module):
    def __init__(self, embed_dim, key_dim, num_layers):
        super(TestModel, self).__init__()
        self.base = make_nlp_QIMIA(50257, embed_dim, key_dim, num_layers)
        self.FF = nn.Linear(embed_dim, 4)

    def forward(self, x):
        keys, values = self.base(x)
        return self.FF(values.mean(1))


def experiment(epochs, batch_size, lr):
    auto_tokenize = GPT2Tokenizer.from_pretrained("gpt2")
    auto_tokenize.pad_token = auto_tokenize.eos_token
    dataset = tt.datasets.AG_NEWS()[0]
    dataloader = DataLoader(dataset, batch_size=batch_size, shuffle=True)
    test_model = TestModel(256, 256, 6)
    loss_fun = nn.CrossEntropyLoss()
    optimizer = th.optim.Adam(test_model.parameters(), lr)
    for epoch in range(epochs):
        for y, x in dataloader:
            optimizer.zero_grad()
            x = auto_tokenize(x, padding=True)['input_ids']
            x = th.LongTensor(x)
            x = F.one_hot(x, num_classes=50257)
            y = F.one_hot(y - th.ones_like(y), num_classes=4).float()
            y_hat = test_model(x.float())
            loss = loss_fun(y_hat, y)
            loss.backward()
            optimizer.step()


if __name__ == '__main__':
    experiment(10, 32, .001)
