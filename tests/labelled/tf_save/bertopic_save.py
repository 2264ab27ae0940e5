# provenance: search index id 52590763001
# target: 4.57
# label: negative
# note: model is a BERTopic topic model; BERTopic.save is its own serialisation, not a Keras save of a Transformers model
from bertopic import BERTopic

model = BERTopic(verbose=True,
    embedding_model='paraphrase-MiniLM-L6-v2',  # Experiment with different models
    min_topic_size=20,  # Adjust based on dataset size and desired granularity
    n_gram_range=(1, 3),  # Consider unigrams, bigrams, and trigrams
    calculate_probabilities=True)  # Useful for understanding model confidence
topics, probabilities = model.fit_transform(df['content'])

# Save the BERT model
model.save("bert_model")
