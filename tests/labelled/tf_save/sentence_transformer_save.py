# provenance: search index id 41446012927
# target: 4.57
# label: negative
# note: bert_model is a PyTorch SentenceTransformer; its .save() writes a folder SentenceTransformer() loads back
import pickle
from sklearn.linear_model import LogisticRegression
from sentence_transformers import SentenceTransformer

bert_model = SentenceTransformer('all-MiniLM-L6-v2')

X_train_bert = bert_model.encode(X_train.tolist(), convert_to_numpy=True, show_progress_bar=True)

clf = LogisticRegression(class_weight='balanced', max_iter=1000, random_state=42)

model_path = "classifier_model.pkl"
with open(model_path, 'wb') as f:
    pickle.dump(clf, f)
bert_model.save("bert_model")
