# provenance: search index id 197396010 [imports, TextGenerationPipeline less docstrings, _sanitize_parameters and run_multi]
# query: padding=True)["input_ids"]
# rank: 9
# label: negative
# note: MindSpore's MindFormers pipeline, not Transformers: its own tokenizer and network classes (whether their generate needs a mask is outside this family)
from typing import Union, Optional

import mindspore
from mindspore import Model, Tensor

from ..mindformer_book import MindFormerBook
from ..models import PreTrainedModel, PreTrainedTokenizer
from ..tools.register import MindFormerModuleType, MindFormerRegister
from .base_pipeline import Pipeline

__all__ = ['TextGenerationPipeline']


@MindFormerRegister.register(MindFormerModuleType.PIPELINE, alias="text_generation")
class TextGenerationPipeline(Pipeline):
    _support_list = MindFormerBook.get_pipeline_support_task_list()['text_generation'].keys()
    return_name = 'text_generation'

    def __init__(self, model: Union[PreTrainedModel, Model],
                 tokenizer: Optional[PreTrainedTokenizer] = None,
                 **kwargs):
        if tokenizer is None:
            raise ValueError(f"{self.__class__.__name__}"
                             " requires for a tokenizer.")

        super().__init__(model, tokenizer=tokenizer, **kwargs)
        self.model_name = kwargs.get("model_name", None)
        self.use_past = False
        if hasattr(self.network.config, "use_past"):
            self.use_past = self.network.config.use_past
        # only when incremental generate, set batch size as model config bs
        if self.use_past and hasattr(self.network.config, "batch_size") and self.network.config.batch_size is not None:
            self._batch_size = self.network.config.batch_size

    def preprocess(self, inputs: Union[str, dict, Tensor],
                   **preprocess_params):
        if (self.model_name is not None and self.model_name.startswith("glm32k")) or (
                hasattr(self.tokenizer, "name") and self.tokenizer.name == "ChatGLM3Tokenizer"):
            if isinstance(inputs, list):
                return self.tokenizer.build_batch_input(inputs)
            return self.tokenizer.build_chat_input(inputs)

        add_special_tokens = preprocess_params.get('add_special_tokens', True)
        if isinstance(inputs, dict):
            keys = preprocess_params.get('keys', None)
            default_src_language_name = 'text'
            feature_name = keys.get('src_language', default_src_language_name) if keys else default_src_language_name

            inputs = inputs[feature_name]
            if isinstance(inputs, mindspore.Tensor):
                inputs = inputs.asnumpy().tolist()
        # for batch inputs, pad to longest
        input_ids = self.tokenizer(inputs,
                                   return_tensors=None,
                                   add_special_tokens=add_special_tokens,
                                   padding=True)["input_ids"]
        return {"input_ids": input_ids}

    def _forward(self, model_inputs: dict,
                 **forward_params):
        forward_params.pop("None", None)
        input_ids = model_inputs["input_ids"]
        output_ids = self.network.generate(input_ids, **forward_params)
        return {"output_ids": output_ids}
