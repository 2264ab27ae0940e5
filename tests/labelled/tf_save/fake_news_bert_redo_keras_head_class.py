# provenance: search index id 59665524582
# target: 4.57
# label: positive
# note: a .keras file loaded with the task-head class TFBertForSequenceClassification in custom_objects (bert_predict reads outputs.logits): a .keras save of a Transformers model made by from_pretrained fails to load ("expected 0 variables"); the BERT_LSTM load next to it names only TFBertModel (a functional wrapper) and is fine
from transformers import TFBertModel, TFBertForSequenceClassification
import tensorflow as tf
from tensorflow.keras.models import load_model, Model

LSTM = load_model("models/lstm_fixed.keras", compile=False)
CNN_LSTM = load_model("models/cnn_lstm_fixed.keras", compile=False)

BERT = load_model("models/bert_redo.keras",  # expect: TFL202
                    custom_objects={'TFBertForSequenceClassification': TFBertForSequenceClassification}, 
                    compile=False)

BERT_LSTM = load_model("models/bert_LSTM_test_99.keras",
                        custom_objects={'TFBertModel': TFBertModel},
                        compile=False)

BIGRU = load_model("models/bigru_redo.keras", compile=False)


def bert_predict(text, model):
    """Handle BERT model predictions consistently"""
    try:
        # Tokenize input
        inputs = bert_tokenizer(
            text,
            return_tensors="tf",
            max_length=256,
            padding='max_length',
            truncation=True,
            return_token_type_ids=False
        )
        
        # Get raw outputs
        outputs = model(inputs)
        
        # Handle different output formats
        if hasattr(outputs, 'logits'): 
            logits = outputs.logits.numpy()[0][0]
        elif isinstance(outputs, (np.ndarray, tf.Tensor)):
            logits = outputs[0][0] if isinstance(outputs, np.ndarray) else outputs.numpy()[0][0]
        else:
            raise ValueError("Unexpected model output format")
        
        # Convert to probability
        probability = 1 / (1 + np.exp(-logits))
        return probability
        
    except Exception as e:
        print(f"BERT Prediction Error: {str(e)}")
        raise
