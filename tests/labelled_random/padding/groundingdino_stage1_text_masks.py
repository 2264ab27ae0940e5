# provenance: search index id 27778270182 [imports, Stage1.forward]
# query: padding="longest"
# rank: 2
# label: negative
# note: the padded captions go to the BERT backbone with an attention mask (the sub-sentence mask or the tokenizer's)
import torch
import torch.nn as nn
from typing import List
from models.model_utils import load_model, safe_init
from detectron2.structures import ImageList
from models.groundingdino.util.misc import nested_tensor_from_tensor_list
from models.groundingdino.model.bertwarper import generate_masks_with_special_tokens_and_transfer_map
from models.groundingdino.util.box_ops import box_xyxy_to_cxcywh

class Stage1(nn.Module):
    def forward(self, batched_inputs):
        # process images
        images = self.preprocess_image(batched_inputs)
        assert isinstance(images, ImageList)
        samples = nested_tensor_from_tensor_list(images)

        captions = [x["captions"] for x in batched_inputs]
        names_list = [x["captions"][:-1].split(".") for x in batched_inputs]

        # encoder texts
        tokenized = self.tokenizer(captions, padding="longest", return_tensors="pt").to(
            samples.device
        )
        (
            text_self_attention_masks,
            position_ids,
            cate_to_token_mask_list,
        ) = generate_masks_with_special_tokens_and_transfer_map(
            tokenized, self.special_tokens, self.tokenizer
        )

        if text_self_attention_masks.shape[1] > self.max_text_len:
            text_self_attention_masks = text_self_attention_masks[
                                        :, : self.max_text_len, : self.max_text_len
                                        ]
            position_ids = position_ids[:, : self.max_text_len]
            tokenized["input_ids"] = tokenized["input_ids"][:, : self.max_text_len]
            tokenized["attention_mask"] = tokenized["attention_mask"][:, : self.max_text_len]
            tokenized["token_type_ids"] = tokenized["token_type_ids"][:, : self.max_text_len]

        # extract text embeddings
        if self.sub_sentence_present:
            tokenized_for_encoder = {k: v for k, v in tokenized.items() if k != "attention_mask"}
            tokenized_for_encoder["attention_mask"] = text_self_attention_masks
            tokenized_for_encoder["position_ids"] = position_ids
        else:
            # import ipdb; ipdb.set_trace()
            tokenized_for_encoder = tokenized

        bert_output = self.text_backbone(**tokenized_for_encoder)
        features, poss = self.image_backbone(samples)

        return
