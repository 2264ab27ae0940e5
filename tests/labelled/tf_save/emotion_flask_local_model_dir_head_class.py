# provenance: search index id 21691544436
# target: 4.57
# label: positive
# note: the directory 'local_model' is loaded with Keras load_model and the task-head class TFBertForSequenceClassification in custom_objects (the tokenizer is read from the same folder): a whole-model Keras SavedModel of the Transformers model, without config; save_pretrained/from_pretrained is the way
import json
import numpy as np
from flask import Flask, request, jsonify
from transformers import BertTokenizer, TFBertForSequenceClassification, TFBertModel
import tensorflow as tf
import pandas as pd
import random
import os
import uuid
from auth import auth, token_required
from google.cloud import firestore
import requests

app = Flask(__name__)

# Load the model and tokenizer from the local directory
local_model_dir = 'local_model'
model = tf.keras.models.load_model(local_model_dir, custom_objects={"TFBertForSequenceClassification": TFBertForSequenceClassification, "TFBertModel": TFBertModel})  # expect: TFL202
tokenizer = BertTokenizer.from_pretrained(local_model_dir)


def analyze_text(text):
    inputs = tokenizer(text, return_tensors='tf', truncation=True, padding='max_length', max_length=53)
    outputs = model([inputs['input_ids'], inputs['attention_mask']])
    if hasattr(outputs, 'logits'):
        probabilities = tf.nn.softmax(outputs.logits, axis=-1)
    else:
        probabilities = tf.nn.softmax(outputs, axis=-1)
    scores = probabilities.numpy()[0]
