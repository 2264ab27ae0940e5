# provenance: search index id 38805648971
# query: num_labels
# rank: 5
# label: negative
# note: jiant's own heads (not a Transformers classification head) are sized with num_labels=len(task.LABELS), the task's own label list
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn as nn
import transformers as ptt

import pyutils.strings as strings

import nlpr.shared.model_setup as model_setup
import nlpr.proj.jiant.modeling.primary as primary
import nlpr.proj.jiant.modeling.submodels as submodels
import nlpr.proj.jiant.modeling.heads as heads
from nlpr.shared.model_setup import ModelArchitectures
from nlpr.tasks import TaskTypes


def create_submodel(task, model_arch, encoder) -> submodels.Submodel:
    if task.TASK_TYPE == TaskTypes.CLASSIFICATION:
        classification_head = heads.ClassificationHead(
            hidden_size=encoder.config.hidden_size,
            hidden_dropout_prob=encoder.config.hidden_dropout_prob,
            num_labels=len(task.LABELS),
        )
        submodel = submodels.ClassificationModel(
            encoder=encoder,
            classification_head=classification_head,
        )
    elif task.TASK_TYPE == TaskTypes.TAGGING:
        token_classification_head = heads.TokenClassificationHead(
            hidden_size=encoder.config.hidden_size,
            hidden_dropout_prob=encoder.config.hidden_dropout_prob,
            num_labels=len(task.LABELS),
        )
        submodel = submodels.TokenClassificationModel(
            encoder=encoder,
            token_classification_head=token_classification_head,
        )
    else:
        raise KeyError(task.TASK_TYPE)
    return submodel


def get_ancestor_model(ptt_class_spec, model_config_path):
    config = ptt_class_spec.config_class.from_json_file(model_config_path)
    model = ptt_class_spec.model_class(config)
    return model
