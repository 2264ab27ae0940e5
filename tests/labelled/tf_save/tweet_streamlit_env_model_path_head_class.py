# provenance: search index id 65775069047
# target: 4.57
# label: positive
# note: MODEL_PATH is a directory (default '.../model_distilBERT', listed with os.listdir) loaded with the task-head class TFDistilBertForSequenceClassification in custom_objects (predict reads .logits): a whole-model Keras SavedModel of the Transformers model, without config; save_pretrained/from_pretrained is the way. The path comes from os.environ.get with that default
import os
import numpy as np
import tensorflow as tf
import streamlit as st
import pandas as pd
import plotly.express as px
from transformers import DistilBertTokenizer, TFDistilBertForSequenceClassification, pipeline

# Global variables
MODEL_PATH = os.environ.get('MODEL_PATH', '/Users/assietoudrame/Downloads/IAA/Analyseur_sentiment/tweet_sentiment_analysis/model_distilBERT')  # Absolute for local testing
# For deployment, use: MODEL_PATH = './tweet_sentiment_analysis/model_distilBERT'
MAX_LENGTH = 128
BATCH_SIZE = 16

@st.cache_resource
def load_model():
    """Load the model and tokenizer (cached to prevent reloading)"""
    try:
        st.write(f"Loading model from: {MODEL_PATH}")
        if not os.path.exists(MODEL_PATH):
            raise FileNotFoundError(f"Model path does not exist: {MODEL_PATH}")
        
        if os.path.isdir(MODEL_PATH):
            st.write(f"Directory contents: {os.listdir(MODEL_PATH)}")
        
        tokenizer = DistilBertTokenizer.from_pretrained('distilbert-base-uncased')
        model = tf.keras.models.load_model(  # expect: TFL202
            MODEL_PATH,
            custom_objects={'TFDistilBertForSequenceClassification': TFDistilBertForSequenceClassification},
            compile=False
        )
        st.write("✅ Model loaded successfully")
        return model, tokenizer
    except Exception as e:
        st.error(f"❌ Failed to load model: {str(e)}")
        import traceback
        st.code(traceback.format_exc())
        return None, None
