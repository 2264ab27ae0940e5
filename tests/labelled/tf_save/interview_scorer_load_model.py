# provenance: search index id 24515138709
# target: 4.57
# label: negative
# note: a SavedModel loaded with the base TFBertModel in custom_objects: a functional wrapper around the encoder, which loads (fixtures/TFL202/good_functional_wrapper_custom_objects.py, runtime-tested). Relabelled negative from the first labelling, which followed the guide's wording without a measurement
import streamlit as st
import joblib
from tensorflow.keras.models import load_model
from transformers import BertTokenizer, TFBertModel


@st.cache_resource
def load_ai_models():
    try:
        scoring_model = load_model("saved_model/bert_interview_scorer", custom_objects={"TFBertModel": TFBertModel})
        tokenizer = BertTokenizer.from_pretrained("bert-base-uncased")
        scaler = joblib.load("saved_model/scaler.pkl")
        return scoring_model, tokenizer, scaler
    except Exception as e:
        st.error(f"Error loading AI model: {e}")
        return None, None, None
