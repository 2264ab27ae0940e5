# provenance: search index id 58527695882
# label: negative
# note: the vision-encoder-decoder checkpoint is loaded with VisionEncoderDecoderModel, lazily in a function
import numpy as np
from PIL import Image
from transformers import TrOCRProcessor, VisionEncoderDecoderModel

_processor = None
_model = None


def load_handwriting_model():
    global _processor, _model
    if _processor is None or _model is None:
        _processor = TrOCRProcessor.from_pretrained("microsoft/trocr-base-handwritten")
        _model = VisionEncoderDecoderModel.from_pretrained("microsoft/trocr-base-handwritten")
    return _processor, _model
