# provenance: search index id 6751992666 [the model set-up, preprocess, get_embeddings and its uses; clustering, ranking and evaluation shortened]
# query: padding=True, truncation=True)["input_ids"]
# rank: 10
# label: negative
# note: every call joins its tokens into one text, so padding=True pads nothing; the model gets one unpadded row
import pandas as pd
from nltk.tokenize import word_tokenize
from nltk.stem import WordNetLemmatizer
from transformers import AutoModel, AutoTokenizer

lemmatizer = WordNetLemmatizer()
tokenizer = AutoTokenizer.from_pretrained("sentence-transformers/distilbert-base-nli-mean-tokens")
bert_model = AutoModel.from_pretrained("sentence-transformers/distilbert-base-nli-mean-tokens")


def preprocess(text):
    tokens = word_tokenize(str(text).lower())
    return [lemmatizer.lemmatize(token) for token in tokens]


def get_embeddings(tokens):
    text = " ".join(tokens)
    input_ids = tokenizer(text, return_tensors="pt", padding=True, truncation=True)["input_ids"]
    outputs = bert_model(input_ids)
    embeddings = outputs.last_hidden_state[:, 0, :].detach().numpy()
    return embeddings[:, :128]


movies_data = pd.read_csv("./Datasets/NetflixDataset/titles.csv")
movies_data["tokens"] = movies_data["description"].apply(preprocess)
movies_data["embeddings"] = movies_data["tokens"].apply(get_embeddings)
