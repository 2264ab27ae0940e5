# provenance: search index id 3521396035 [excerpt around offset 1000]
# label: positive
# note: encode(..., pad_to_max_length=True) pads the query to the model's maximum length and DistilBERT gets the ids alone: the query embedding is mostly pads
import csv
import torch
from transformers import DistilBertTokenizer, DistilBertModel


def returnRelevant(researchPaper, query, numSnippets = 15):
    tokenizer = DistilBertTokenizer.from_pretrained('distilbert-base-cased')
    model = DistilBertModel.from_pretrained('distilbert-base-cased')
    relevantSnippets = []

    with open(researchPaper, encoding='utf8') as researchPaperCSV:
        researchPaperReader = csv.reader(researchPaperCSV)
        score_max_heap = []
        input_ids = torch.tensor(tokenizer.encode(query, add_special_tokens=True, pad_to_max_length=True)).unsqueeze(0)
        queryObj = model(input_ids)[0].squeeze()  # expect: TFL101
