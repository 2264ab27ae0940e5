# provenance: AyushABD-17/404-not-found-hackfest-2025 ai_model/base_sentiment.py 51079bb119997e04e393af2998d72efb48087571
# target: 4.57
# label: negative
# note: a TF Transformers model saved with save_pretrained, the format from_pretrained reads back
from transformers import AutoTokenizer, TFAutoModelForSequenceClassification

tokenizer = AutoTokenizer.from_pretrained("cardiffnlp/twitter-roberta-base-sentiment")
model = TFAutoModelForSequenceClassification.from_pretrained("cardiffnlp/twitter-roberta-base-sentiment")

model.save_pretrained("pretrained_sentiment")
tokenizer.save_pretrained("pretrained_sentiment")
