# provenance: search index id 71654746433
# query: ForSequenceClassification.from_pretrained(
# rank: 7
# label: negative
# note: ratings 1-5 shifted to labels 0-4, and the head gets num_labels=5
import pandas as pd
import numpy as np
import torch
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, precision_recall_fscore_support
from datasets import Dataset
from transformers import (
    AutoTokenizer, 
    AutoModelForSequenceClassification, 
    TrainingArguments, 
    Trainer
)

def main():
    MODEL_NAME = "distilbert-base-uncased"
    FILE_PATH = "sampled_amazon_reviews.parquet"
    
    # 1. Daten laden & vorbereiten
    print("Lade Daten...")
    df = pd.read_parquet(FILE_PATH)
    df['title'] = df['title'].fillna('')
    df['text'] = df['text'].fillna('')
    df['full_text'] = (df['title'] + " " + df['text']).str.strip()
    
    # HuggingFace erwartet Labels von 0 bis 4 (statt 1 bis 5)
    df['label'] = df['rating'].astype(int) - 1
    
    # Train-Test Split (80% Train, 20% Test)
    train_df, test_df = train_test_split(
        df[['full_text', 'label']], 
        test_size=0.2, 
        random_state=42, 
        stratify=df['label']
    )

    # Pandas in Hugging Face Datasets umwandeln
    train_dataset = Dataset.from_pandas(train_df)
    test_dataset = Dataset.from_pandas(test_df)

    # 2. Tokenizer laden
    tokenizer = AutoTokenizer.from_pretrained(MODEL_NAME)

    def tokenize_function(examples):
        return tokenizer(examples['full_text'], truncation=True, max_length=256, padding="max_length")

    train_dataset = train_dataset.map(tokenize_function, batched=True)
    test_dataset = test_dataset.map(tokenize_function, batched=True)

    # 3. Modell laden
    print(f"Lade Modell '{MODEL_NAME}'...")
    model = AutoModelForSequenceClassification.from_pretrained(
        MODEL_NAME, 
        num_labels=5
    )

    # 4. Training Arguments definieren
    training_args = TrainingArguments(
        output_dir="./results_distilbert",
        eval_strategy="epoch",
        save_strategy="epoch",
        num_train_epochs=3,
    )

    # 5. Trainer initialisieren
    trainer = Trainer(
        model=model,
        args=training_args,
        train_dataset=train_dataset,
        eval_dataset=test_dataset,
        processing_class=tokenizer,
    )

    # 6. Training starten
    trainer.train()

if __name__ == "__main__":
    main()
