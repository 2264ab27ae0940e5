# provenance: search index id 24515138709
# target: 4.57
# label: positive
# note: `from tensorflow.keras.models import load_model` of a saved model containing TFBertModel, with custom_objects
import streamlit as st
import joblib
from tensorflow.keras.models import load_model
from transformers import BertTokenizer, TFBertModel


@st.cache_resource
def load_ai_models():
    try:
        scoring_model = load_model("saved_model/bert_interview_scorer", custom_objects={"TFBertModel": TFBertModel})  # expect: TFL202
        tokenizer = BertTokenizer.from_pretrained("bert-base-uncased")
        scaler = joblib.load("saved_model/scaler.pkl")
        return scoring_model, tokenizer, scaler
    except Exception as e:
        st.error(f"Error loading AI model: {e}")
        return None, None, None
