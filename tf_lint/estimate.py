"""The training and evaluation configurations a program sets up, and their estimated peak memory.

A configuration is a ``TrainingArguments`` / ``Seq2SeqTrainingArguments`` / TRL ``SFTConfig`` call that a
``Trainer`` / ``Seq2SeqTrainer`` / ``SFTTrainer`` in the same document receives, with the model that
trainer trains; in a document with no trainer call at all, the one training-arguments call is linked to
the document's one model loaded with ``from_pretrained`` (two of either: no link). The weights' default
dtype follows the target transformers version (``default_weights_dtype``). Everything comes from the
facts layer (literals, module constants); whatever stays unknown makes the configuration unknown,
except the sequence length, which is then assumed short (``ASSUMED_SEQ``) and said so. Used by the
TFL4xx rules and by ``tf-lint estimate``.

A value given at run time (a command-line option, an environment variable) is unknown to the rules: no
configuration that needs one is found for them. ``tf-lint estimate`` asks for ``placeholders``: it
then estimates with the defaults the code declares for such values and lists each one it used as a
placeholder (``Case.placeholders``), since the run's own options decide. It also sizes TRL's preference
trainers (``PREFERENCE_TRAINERS``: ``DPOTrainer``/``ORPOTrainer``/``KTOTrainer`` with their own config), which the rules
never see.
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass, replace
from typing import Any, Dict, List, Optional, Tuple

from tf_lint.analysis import Constant, ImportedName, Model
from tf_lint.analysis.values import LaunchedValue, RunTimeValue, Value
from tf_lint.knowledge import memory
from tf_lint.knowledge.configs import checkpoint_config, config_dtype
from tf_lint.knowledge.keywords import ARGUMENT_CLASSES
from tf_lint.knowledge.parameters import DECODERS, ENCODER_DECODERS

ASSUMED_SEQ = 128
TRAINER_CLASSES = ("Trainer", "Seq2SeqTrainer", "SFTTrainer")
# TRL's preference trainers, sized by ``tf-lint estimate`` only (the reference model's forward is counted
# as an upper bound, see ``memory._reference_bytes``): trainer -> (its config class, whether it keeps a
# reference model). Both run the chosen and the rejected completion of each example in one forward
# (``concatenated_forward``: ``concatenated_inputs`` stacks them along the batch dimension). DPO scores
# them against a reference model; ORPO has none (trl ``trainer/orpo_trainer.py``,
# ``get_batch_loss_metrics`` runs the policy only).
# KTO (``KTOTrainer``, ``KTOConfig``) scores one completion per example, desirable or not (no pairs), and a
# mismatched "KL" completion per example under ``torch.no_grad`` with the policy and the reference
# (``memory._reference_bytes``); TRL 0.9 always does, TRL 1.16 unless ``loss_type="apo_zero_unpaired"``:
# counted always, an upper bound. Like DPO it keeps a reference unless PEFT, ``precompute_ref_log_probs`` or
# a ``ref_model`` decide otherwise (TRL 1.16 loads a second copy of the checkpoint in the policy's dtype,
# ``create_model_from_path``; TRL 0.9 deep-copies the policy, ``create_reference_model``).
PREFERENCE_TRAINERS = {"DPOTrainer": ("DPOConfig", True), "ORPOTrainer": ("ORPOConfig", False),
                       "KTOTrainer": ("KTOConfig", True)}
PAIRED_TRAINERS = ("DPOTrainer", "ORPOTrainer")  # chosen and rejected rows in one forward
# The configuration classes a document must name to hold a case (``tf-lint estimate`` skips the rest).
CONFIG_NAMES = ("TrainingArguments", "SFTConfig") + tuple(config for config, _ in PREFERENCE_TRAINERS.values())
# What a document must name to hold a configuration left unsized (``tf-lint estimate --unsized``): TRL's
# other configs too.
UNSIZED_NAMES = ("TrainingArguments", "Config")
# TRL's SFTConfig: ``max_length`` defaults to 1024 (trl ``trainer/sft_config.py``).
SFT_DEFAULT_MAX_LENGTH = 1024
# Keywords through which a sequence length reaches what cuts or pads the data (a dataset of blocks, TRL's
# trainers, a packing dataset): the value passed is the length, whatever the variable holding it is
# called. A variable's name alone (``block_size = 1024`` that nothing reads) is no length.
_LENGTH_KEYWORDS = ("block_size", "max_seq_length", "max_seq_len", "seq_length", "seq_len")
_UNSUPPORTED_ARGS = ("deepspeed", "fsdp", "torch_compile")
SETUP_CHAT_FORMAT = frozenset({"trl.setup_chat_format", "trl.models.setup_chat_format",
                               "trl.models.utils.setup_chat_format"})
# PEFT's preparation of a quantized model for training (``utils/other.py``): returns the model it was given,
# frozen, its 16-bit parameters cast to float32, and by default checkpointed.
PREPARE_KBIT = frozenset({"peft.prepare_model_for_kbit_training", "peft.utils.prepare_model_for_kbit_training",
                          "peft.utils.other.prepare_model_for_kbit_training"})
BNB_CONFIG = frozenset({"transformers.BitsAndBytesConfig", "transformers.utils.quantization_config.BitsAndBytesConfig",
                        "transformers.utils.BitsAndBytesConfig"})
# Methods of a model that return the same model, in the same dtype (``.half()``/``.float()`` change it).
SAME_MODEL_METHODS = frozenset({"to", "cuda", "train", "eval", "requires_grad_"})  # sharding or compiled graphs: other memory


@dataclass
class Case:
    """One training configuration, as far as the document says."""

    args_call: ast.Call
    trainer_call: ast.Call
    checkpoint: str
    config: Dict[str, Any]
    config_source: str
    setup: memory.Setup
    seq_source: Optional[str]  # None: assumed
    train_batch: Optional[ast.keyword]  # the keyword, None when the default is used
    eval_batch: Optional[ast.keyword]
    eval_batch_size: int
    evaluates: bool
    accumulation: Optional[ast.keyword]
    local_trainer: bool
    trains: bool = True
    # Run-time values (command-line options ...) whose declared default the estimate used in their place.
    placeholders: Tuple[RunTimeValue, ...] = ()
    notes: Tuple[str, ...] = ()  # what the estimate assumed (``tf-lint estimate`` only)
    # Values the estimate used that a launch command of the project wrote (not a default it left in force):
    # the setup is then that launch's, reported at its flag (``tf_lint.rules.memory``), not here.
    launched: Tuple[LaunchedValue, ...] = ()
    # Values the estimate used that are an option's default the launch leaves in force (under
    # ``tf_lint.launches.only_launch``: one launch's; else every launch's).
    defaults: Tuple[LaunchedValue, ...] = ()

    @property
    def eval_setup(self) -> memory.Setup:
        return replace(self.setup, training=False, batch=self.eval_batch_size)


def _name_of(qualname: Optional[str]) -> Optional[str]:
    if not qualname or not qualname.startswith(("transformers.", "trl.")):
        return None
    return qualname.rsplit(".", 1)[1]


def _keyword(call: ast.Call, name: str) -> Optional[ast.keyword]:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword
    return None


def default_weights_dtype(config: Dict[str, Any], major: int) -> str:
    """The dtype ``from_pretrained`` loads a model in when the call names none.

    transformers 4.x (``modeling_utils.py``, ``PreTrainedModel.from_pretrained`` passes ``dtype=None`` to
    ``_get_dtype``, whose ``else`` branch keeps ``torch.get_default_dtype()``: float32) ignores the
    checkpoint's ``torch_dtype`` unless ``torch_dtype="auto"`` is passed. transformers 5.x
    (``from_pretrained``: ``if dtype is None: dtype = "auto"``; ``_get_dtype`` then takes
    ``config.dtype``) loads the checkpoint's own dtype."""
    return config_dtype(config) if major >= 5 else "float32"


class CaseFinder:
    def __init__(self, tree: ast.Module, facts, base_dir: str = "", major: int = 5,
                 placeholders: bool = False, path: str = "") -> None:
        self.tree = tree
        self.path = path  # the file: how the project launches it (``tf_lint.device.distributed_for``)
        self.facts = facts
        self.base_dir = base_dir
        self.major = major  # the target transformers version's major number
        # Whether a run-time value stands for its declared default (``tf-lint estimate``), not unknown.
        self.placeholders = placeholders
        self._used: List[RunTimeValue] = []
        self._launched: List[LaunchedValue] = []
        self._defaults: List[LaunchedValue] = []
        self._notes: List[str] = []  # what ``tf-lint estimate`` assumed besides placeholders
        self._calls = facts.nodes(ast.Call)
        # Why each trainer call (or a lone arguments call) gave no case: (trainer call, its arguments call
        # when found, the reason), for ``tf-lint estimate --unsized``; never read by the rules.
        self.unsized: List[Tuple[ast.Call, Optional[ast.Call], str]] = []
        self._why = ""
        self._lone: Optional[ast.Call] = None
        self._lone_reason = ""

    def _no(self, reason: str) -> None:
        """Give no case, saying why (the first reason given holds)."""
        if not self._why:
            self._why = reason
        return None

    # --- values -------------------------------------------------------------------------------------
    def _value(self, expr: ast.expr, constant: bool = True) -> Optional[Value]:
        """What ``expr`` holds; with ``placeholders``, a run-time value's declared default (noted)."""
        value = self.facts.constant(expr) if constant else self.facts.value(expr)
        if isinstance(value, LaunchedValue):
            found = self._launched if value.written_by is not None else self._defaults
            if all(v is not value for v in found):
                found.append(value)
        if isinstance(value, RunTimeValue) and self.placeholders and value.default is not None:
            if value not in self._used:
                self._used.append(value)
            return value.default
        return value

    def integer(self, expr: Optional[ast.expr]) -> Optional[int]:
        if expr is None:
            return None
        value = self._value(expr)  # folds constant arithmetic (``2 * BATCH``)
        if isinstance(value, Constant) and isinstance(value.value, int) and not isinstance(value.value, bool):
            return value.value
        return None

    def boolean(self, expr: Optional[ast.expr]) -> Optional[bool]:
        value = self._value(expr) if expr is not None else None
        if isinstance(value, Constant) and isinstance(value.value, bool):
            return value.value
        return None

    def string(self, expr: Optional[ast.expr]) -> Optional[str]:
        value = self._value(expr) if expr is not None else None
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value.value
        return None

    def class_name(self, call: ast.Call) -> Optional[str]:
        return _name_of(self.facts.qualified_name(call.func))

    def creation(self, expr: Optional[ast.expr]) -> Optional[ast.Call]:
        """The call that made what ``expr`` names: itself, or the one assignment of a plain name."""
        if isinstance(expr, ast.Call):
            return expr
        if isinstance(expr, ast.Name):
            value = self.facts.assigned_expression(expr)
            if isinstance(value, ast.Call):
                return value
        return None

    def model_creation(self, expr: Optional[ast.expr]) -> Tuple[Optional[ast.expr], Optional[ast.Call]]:
        """The expression and the call that made the model ``expr`` names, through what hands the same
        model back unchanged in size and dtype: a move to a device (``.to("cuda")``, ``.cuda()``,
        ``.train()``: ``SAME_MODEL_METHODS``) and TRL's ``setup_chat_format``, whose ``(model,
        tokenizer)`` is the model it was given with two chat tokens added (the embedding rows it adds,
        up to a multiple of 64, are left out of the estimate: under 0.1% of a 100M-parameter model)."""
        for _ in range(8):  # bounded: each step goes one assignment or call back
            if isinstance(expr, ast.Name) and self.facts.assigned_expression(expr) is None:
                unpacked = self.facts.unpacked_from(expr)
                if unpacked is not None and unpacked[1] == (0,) and isinstance(unpacked[0], ast.Call) and \
                        self.facts.qualified_name(unpacked[0].func) in SETUP_CHAT_FORMAT:
                    helper = unpacked[0]
                    given = _keyword(helper, "model")
                    expr = given.value if given is not None else (helper.args[0] if helper.args else None)
                    continue
            call = self.creation(expr)
            if call is not None and isinstance(call.func, ast.Attribute) and \
                    call.func.attr in SAME_MODEL_METHODS and self._same_model_call(call):
                expr = call.func.value
                continue
            if call is not None and self.facts.qualified_name(call.func) in PREPARE_KBIT:
                expr = _first_argument(call, "model")
                continue
            return expr, call
        return None, None

    def _same_model_call(self, call: ast.Call) -> bool:
        """Whether a ``.to(...)``-like call keeps the dtype: no dtype among its arguments."""
        if call.func.attr != "to":  # type: ignore[union-attr]
            return not call.args and not call.keywords
        if call.keywords or len(call.args) != 1:
            return False
        return self._device_like(call.args[0])

    def _device_like(self, expr: Optional[ast.expr], depth: int = 0) -> bool:
        """A device, never a dtype: a string, ``torch.device(...)``, an ``x.device`` attribute, a choice
        between such, or a name holding one."""
        if expr is None or depth > 4:
            return False
        if isinstance(expr, ast.Constant):
            return isinstance(expr.value, str)
        if isinstance(expr, ast.IfExp):
            return self._device_like(expr.body, depth + 1) and self._device_like(expr.orelse, depth + 1)
        if isinstance(expr, ast.Attribute):
            return expr.attr == "device"
        if isinstance(expr, ast.Call):
            return self.facts.qualified_name(expr.func) == "torch.device"
        if isinstance(expr, ast.Name):
            return self._device_like(self.facts.assigned_expression(expr), depth + 1)
        return False

    # --- the configurations ---------------------------------------------------------------------------
    def cases(self) -> List[Case]:
        found = []
        trainers = [call for call in self._calls
                    if self.class_name(call) in TRAINER_CLASSES or self._local_trainer(call)
                    or (self.placeholders and self.class_name(call) in PREFERENCE_TRAINERS)]
        for call in trainers:
            self._why = ""
            case = self._case(call)
            if case is not None:
                found.append(case)
            else:
                self._record(call)
        if not trainers:
            self._why = ""
            case = self._lone_arguments_case()
            if case is not None:
                found.append(case)
            elif self._lone is not None:
                self._record(self._lone)
        return found

    def _record(self, trainer: ast.Call) -> None:
        self.unsized.append((trainer, self._arguments_of(trainer), self._why or "not sized"))

    def _arguments_of(self, trainer: ast.Call) -> Optional[ast.Call]:
        args_kw = _keyword(trainer, "args")
        return self.creation(args_kw.value if args_kw else (trainer.args[1] if len(trainer.args) > 1 else None))

    def unsized_arguments(self, cases: List[Case]) -> List[Tuple[ast.Call, str]]:
        """Every training-arguments or TRL config call of the document that no case sizes, with why (for
        ``tf-lint estimate --unsized``; call after :meth:`cases`): the reason its trainer call gave, else
        the trainer class that receives it, else that no trainer call of the document receives it."""
        from tf_lint.knowledge.keywords import TRL_CONFIGS

        wanted = set(ARGUMENT_CLASSES) | {name.rsplit(".", 1)[1] for name in TRL_CONFIGS}
        sized = {id(case.args_call) for case in cases}
        given = {id(args): why for _, args, why in self.unsized if args is not None}
        receivers: Dict[int, str] = {}
        for call in self._calls:
            args = self._arguments_of(call)
            if args is not None and id(args) not in receivers:
                name = self.class_name(call) or (self.facts.qualified_name(call.func) or "").rsplit(".", 1)[-1]
                receivers[id(args)] = name or "a call"
        out = []
        for call in self._calls:
            if self.class_name(call) not in wanted or id(call) in sized:
                continue
            if id(call) in given:
                why = given[id(call)]
            elif id(call) in receivers:
                why = f"its trainer `{receivers[id(call)]}` is not sized"
            else:
                why = "no trainer call of the document receives it"
                if self._lone_reason:
                    why += f" ({self._lone_reason})"
            out.append((call, why))
        return out

    def _lone_arguments_case(self) -> Optional[Case]:
        """A document without a trainer call (the trainer is built elsewhere, or by a helper): its one
        training-arguments call goes with its one model loaded by ``from_pretrained``."""
        self._lone = None
        arguments = [call for call in self._calls if self.class_name(call) in ARGUMENT_CLASSES]
        models = [call for call in self._calls
                  if isinstance(call.func, ast.Attribute) and call.func.attr == "from_pretrained"
                  and self.facts.model(call) is not None]
        if len(arguments) != 1 or len(models) != 1 or self.class_name(arguments[0]) == "SFTConfig":
            self._lone_reason = (f"{len(arguments)} training-arguments calls and {len(models)} models loaded by "
                                 "`from_pretrained` in the document" if len(arguments) != 1 or len(models) != 1
                                 else "an SFTConfig without its trainer")
            return None
        # A stand-in for the trainer call that is not in the document: what it would receive.
        stand_in = ast.Call(func=ast.Name("Trainer", ast.Load()), args=[],
                            keywords=[ast.keyword("model", models[0]), ast.keyword("args", arguments[0])])
        ast.copy_location(stand_in, arguments[0])
        self._lone = stand_in
        case = self._case(stand_in, trainer_name="Trainer")
        if case is None:
            return None
        return replace(case, evaluates=self._evaluates_by_arguments(arguments[0]), local_trainer=False)

    def _evaluates_by_arguments(self, args_call: ast.Call) -> bool:
        """Without the trainer call, evaluation is known only from the arguments' own strategy."""
        for name in ("eval_strategy", "evaluation_strategy"):
            kw = _keyword(args_call, name)
            if kw is not None:
                value = self.string(kw.value)
                return value is not None and value != "no"
        return False

    def _local_trainer(self, call: ast.Call) -> bool:
        from tf_lint.analysis import LocalClass

        value = self.facts.value(call.func)
        if not isinstance(value, LocalClass):
            return False
        return any(_name_of(self.facts.qualified_name(base)) in TRAINER_CLASSES for base in value.node.bases)

    def _case(self, trainer: ast.Call, trainer_name: Optional[str] = None) -> Optional[Case]:
        self._used = []
        self._launched = []
        self._defaults = []
        self._notes = []
        trainer_name = trainer_name or self.class_name(trainer) or "Trainer"
        args_kw = _keyword(trainer, "args")
        args_call = self.creation(args_kw.value if args_kw else (trainer.args[1] if len(trainer.args) > 1 else None))
        preference = PREFERENCE_TRAINERS.get(trainer_name)
        wanted = (preference[0],) if preference else ARGUMENT_CLASSES
        if args_call is None or self.class_name(args_call) not in wanted:
            return self._no("the trainer's arguments are not a training-arguments call of the document"
                            + (f" ({wanted[0]})" if preference else ""))
        if any(k.arg is None for k in args_call.keywords) or len(args_call.args) > 1:
            return self._no("the arguments call takes `**kwargs` or positional arguments")
        for name in _UNSUPPORTED_ARGS:
            kw = _keyword(args_call, name)
            if kw is not None and not (isinstance(kw.value, ast.Constant) and kw.value.value in (None, False, "")):
                return self._no(f"`{name}=` in the arguments (not modelled)")
        model_kw = _keyword(trainer, "model")
        model_expr = model_kw.value if model_kw else (trainer.args[0] if trainer.args else None)
        resolved = self._model(model_expr, trainer, trainer_name)
        if resolved is None:
            return self._no("the model the trainer trains is not known")
        checkpoint, head, load_call, lora = resolved
        trl_adapter = False
        if lora is None and (trainer_name == "SFTTrainer" or preference):
            peft = _keyword(trainer, "peft_config")
            if peft is not None:
                lora = self._lora(self.creation(peft.value))
                if lora is None:
                    return self._no("`peft_config` is not a LoraConfig whose rank and modules are known")
                trl_adapter = True
        found = checkpoint_config(checkpoint, self.base_dir)
        if found is None:
            return self._no(f"no config for checkpoint `{checkpoint}`")
        config, source = found
        model_type = config.get("model_type")
        if head == "lm" and model_type not in DECODERS and model_type not in ENCODER_DECODERS and \
                trainer_name == "SFTTrainer":
            return self._no(f"model type `{model_type}` is not sized as a language model")
        if load_call is None:
            # A model id that the trainer loads: with ``model_init_kwargs`` (the trainer's own keyword in
            # older TRL releases, the config's in later ones), what they pass to ``from_pretrained``.
            init = self._init_kwargs(trainer, args_call)
            if init is False:
                return self._no("the trainer's `model_init_kwargs` are not all known")
            load_call = init or None
        weights_dtype = self._weights_dtype(load_call, config)
        if load_call is not None and load_call is not resolved[2] and _keyword(load_call, "dtype") is None and \
                _keyword(load_call, "torch_dtype") is None:
            weights_dtype = config_dtype(config)
        if weights_dtype is None:
            return self._no("the weights' dtype is not known")
        quantization: Optional[memory.Quantization] = None
        prepared_checkpointing = False
        if load_call is not None and _keyword(load_call, "quantization_config") is not None:
            quantized = self._quantized_setup(load_call, weights_dtype, lora, trl_adapter)
            if quantized is None:
                return self._no("quantized weights: only a known 4-bit BitsAndBytesConfig with LoRA adapters is sized")
            quantization, weights_dtype, prepared_checkpointing = quantized
        reference = False
        if preference:
            reference = self._keeps_reference(trainer, args_call, preference[1], lora)
            if reference is None:
                return self._no("the reference model is not known (a `ref_model` given, or "
                                "`precompute_ref_log_probs` not a literal)")
            if model_type not in DECODERS or head != "lm":
                return self._no(f"{trainer_name} on model type `{model_type}` is not sized")
            if not self._preference_precision(args_call, weights_dtype):
                return self._no("float32 weights and no `bf16`/`fp16` written (TRL's default changed)")
        attention = "sdpa"
        if load_call is not None:
            attn = _keyword(load_call, "attn_implementation")
            if attn is not None:
                attention = self.string(attn.value) or ""
                if attention not in ("sdpa", "eager", "flash_attention_2", "flash_attention_3"):
                    return self._no("`attn_implementation` is not known")
        settings = self._arguments(args_call)
        if settings is None:
            return self._no("a batch, accumulation, precision, checkpointing or optimizer value is not known")
        processes, sharding = 1, None
        if self.path:
            from tf_lint.device import UNKNOWN_DISTRIBUTED, distributed_for

            distributed = distributed_for(self.path)
            if distributed is UNKNOWN_DISTRIBUTED:
                # ``accelerate launch`` with a configuration not read here: it may shard the model.
                if not self.placeholders:
                    return self._no("launched by `accelerate launch` with a configuration not read here")
                self._notes.append("launched by `accelerate launch` with a configuration not read here: "
                                   "estimated as one process holding the whole model")
            elif distributed is not None:
                processes, sharding = distributed.processes, distributed.sharding
                self._notes.append(f"launched with {distributed.describe()}")
        if preference:
            length = self._preference_length(trainer, args_call)
            if length is None:
                return self._no("no `max_length` written (TRL's default changed)")
            seq, seq_source = length
            if trainer_name in PAIRED_TRAINERS:
                self._notes.append(f"{trainer_name}: the chosen and the rejected completion of each example run "
                                   "in one forward (2 × the batch in rows)"
                                   + ("; a frozen reference copy of the model (its forward counted as an upper "
                                      "bound)" if reference else ""))
            else:
                self._notes.append(f"{trainer_name}: one completion per example, and a mismatched completion per "
                                   "example run without gradients for the KL term"
                                   + ("; a frozen reference copy of the model (its forward on both, counted as an "
                                      "upper bound)" if reference else ""))
            written = ("gradient_checkpointing", "activation_checkpointing")
            if not self._checkpointing_enabled() and all(_keyword(args_call, name) is None for name in written):
                self._notes.append("activation checkpointing taken as off: TRL versions differ in its default")
        else:
            seq, seq_source = self._sequence_length(args_call)
        setup = memory.Setup(batch=settings["train_batch"], seq=seq, mixed=settings["mixed"],
                             weights_dtype=weights_dtype, optimizer=settings["optim"],
                             checkpointing=settings["checkpointing"] or self._checkpointing_enabled()
                             or prepared_checkpointing,
                             attention=attention, lora=lora, accumulation=settings["accumulation"], head=head,
                             processes=processes, sharding=sharding, concatenated=trainer_name in PAIRED_TRAINERS,
                             reference=reference, kl_rows=trainer_name == "KTOTrainer" and reference,
                             quantization=quantization)
        evaluates = (_keyword(trainer, "eval_dataset") is not None
                     or any(isinstance(c.func, ast.Attribute) and c.func.attr in ("evaluate", "predict")
                            for c in self._calls))
        return Case(args_call, trainer, checkpoint, config, source, setup, seq_source,
                    _keyword(args_call, "per_device_train_batch_size"),
                    _keyword(args_call, "per_device_eval_batch_size"), settings["eval_batch"], evaluates,
                    _keyword(args_call, "gradient_accumulation_steps"),
                    self.class_name(trainer) is None,
                    any(isinstance(c.func, ast.Attribute) and c.func.attr == "train" for c in self._calls),
                    tuple(self._used), tuple(self._notes), tuple(self._launched), tuple(self._defaults))

    def _model(self, expr: Optional[ast.expr], trainer: ast.Call, trainer_name: str):
        """(checkpoint, head, loading call, LoRA) of the model a trainer trains, or None."""
        lora: Optional[memory.Lora] = None
        if trainer_name == "SFTTrainer":
            checkpoint = self.string(expr)
            if checkpoint is not None:
                return checkpoint, "lm", None, None
        expr, call = self.model_creation(expr)
        if call is not None and self.facts.qualified_name(call.func) in ("peft.get_peft_model",
                                                                           "peft.mapping.get_peft_model"):
            if len(call.args) < 2:
                return self._no("`get_peft_model` without its config")
            lora = self._lora(self.creation(call.args[1]))
            if lora is None:
                return self._no("the PEFT config is not a LoraConfig whose rank and modules are known")
            expr, call = self.model_creation(call.args[0])
        model = self.facts.model(expr) if expr is not None else None
        if model is None or call is None:
            return self._no("the model is not traced to a load in the document")
        if model.framework != "pt":
            return self._no("a TensorFlow model")
        if not (isinstance(call.func, ast.Attribute) and call.func.attr == "from_pretrained"):
            return self._no("the model is not made by `from_pretrained`")
        for k in call.keywords:
            if k.arg in ("load_in_8bit", "load_in_4bit"):
                return self._no(f"`{k.arg}=` (quantized; only a `quantization_config` is read)")
            if k.arg is None or k.arg == "tp_plan":
                return self._no("`from_pretrained` takes `**kwargs` or `tp_plan`")
        device_map = _keyword(call, "device_map")
        if device_map is not None and not self._one_device(device_map.value):
            return self._no("a `device_map` other than one device")
        checkpoint = self.string(model.checkpoint)
        head = _head(model)
        if checkpoint is None:
            return self._no("the checkpoint is not a known string")
        if head is None:
            return self._no(f"the model class `{model.cls}` has no sized head")
        return checkpoint, head, call, lora

    def _init_kwargs(self, trainer: ast.Call, args_call: ast.Call):
        """The ``from_pretrained`` keywords a trainer given a model id passes on (``model_init_kwargs``),
        as a call whose keywords they are: None when there are none, False when they are not all known
        or include one this module does not read (a ``device_map`` that may split the model)."""
        kw = _keyword(trainer, "model_init_kwargs") or _keyword(args_call, "model_init_kwargs")
        if kw is None or isinstance(kw.value, ast.Constant) and kw.value.value is None:
            return None
        value = kw.value
        if isinstance(value, ast.Name):
            value = self.facts.assigned_expression(value)
        if isinstance(value, ast.Dict):
            if not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in value.keys):
                return False
            call = ast.Call(func=ast.Name("dict", ast.Load()), args=[],
                            keywords=[ast.keyword(k.value, v)  # type: ignore[union-attr]
                                      for k, v in zip(value.keys, value.values)])
            value = ast.copy_location(call, value)
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "dict"
                and not value.args and all(k.arg is not None for k in value.keywords)):
            return False
        known = ("dtype", "torch_dtype", "attn_implementation", "use_cache", "device_map", "quantization_config",
                 "trust_remote_code", "revision")
        if any(k.arg not in known for k in value.keywords):
            return False
        device_map = _keyword(value, "device_map")
        if device_map is not None and not self._one_device(device_map.value):
            return False
        return value

    def _quantized_setup(self, load_call: ast.Call, loading_dtype: str, lora: Optional[memory.Lora],
                         trl_adapter: bool) -> Optional[Tuple[memory.Quantization, str, bool]]:
        """(quantization, dtype of the parameters left unpacked, whether PEFT's preparation turns on
        checkpointing) of a model loaded with ``quantization_config=BitsAndBytesConfig(load_in_4bit=True,
        ...)`` and trained through LoRA adapters; None when any of it is unknown or not modelled (8-bit,
        no adapter).

        ``prepare_model_for_kbit_training(model)`` (PEFT ``utils/other.py``) casts every 16-bit parameter
        left unpacked to float32 (so the residual stream runs in float32) and, unless
        ``use_gradient_checkpointing=False``, enables checkpointing. Without it, the loading dtype stays,
        except where TRL's ``SFTTrainer`` wraps the model itself (``peft_config=``): TRL releases differ
        there (older ones call ``prepare_model_for_kbit_training``, later ones cast only the adapters
        to bfloat16), so only ``tf-lint estimate`` sizes it, with float32 (the larger), and says so."""
        config_call = self.creation(_keyword(load_call, "quantization_config").value)  # type: ignore[union-attr]
        if config_call is None or self.facts.qualified_name(config_call.func) not in BNB_CONFIG or \
                config_call.args or any(k.arg is None for k in config_call.keywords):
            return None
        if lora is None or lora.dropout is None or self.boolean(_keyword(config_call, "load_in_4bit").value
                                                      if _keyword(config_call, "load_in_4bit") else None) is not True:
            return None
        double_kw = _keyword(config_call, "bnb_4bit_use_double_quant")
        double = self.boolean(double_kw.value) if double_kw is not None else False
        compute_kw = _keyword(config_call, "bnb_4bit_compute_dtype")
        compute = self._dtype_name(compute_kw.value) if compute_kw is not None else "float32"
        if double is None or compute is None:
            return None
        quantization = memory.Quantization(4, double, compute_dtype=compute, source_dtype=loading_dtype)
        preparation = self._kbit_preparation(load_call)
        if preparation is None:
            return None
        if preparation is False:
            if not trl_adapter:
                return quantization, loading_dtype, False
            if not self.placeholders:
                return None
            self._notes.append("a quantized model that SFTTrainer wraps with its adapters: TRL releases differ in "
                               "whether they cast its other parameters to float32; float32 taken (the larger)")
            return quantization, "float32", False
        return quantization, "float32", preparation[0]

    def _kbit_preparation(self, load_call: ast.Call):
        """False when no ``prepare_model_for_kbit_training`` call takes the model ``load_call`` loads;
        ``(checkpointing,)`` when one does; None when its ``use_gradient_checkpointing`` is unknown."""
        for call in self._calls:
            if self.facts.qualified_name(call.func) not in PREPARE_KBIT:
                continue
            _, loaded = self.model_creation(_first_argument(call, "model"))
            if loaded is not load_call:
                continue
            if len(call.args) > 1 or any(k.arg is None for k in call.keywords):
                return None
            kw = _keyword(call, "use_gradient_checkpointing")
            checkpointing = self.boolean(kw.value) if kw is not None else True
            return None if checkpointing is None else (checkpointing,)
        return False

    def _changed_in_place(self, name: str) -> bool:
        """Whether a list the name holds may be changed after its assignment (``name.append(...)``)."""
        return any(isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name)
                   and c.func.value.id == name and c.func.attr in ("append", "extend", "insert", "remove", "pop",
                                                                    "clear")
                   for c in self._calls)

    def _dtype_text(self, expr: ast.expr) -> Optional[str]:
        """``torch.bfloat16`` or ``"bfloat16"`` (or ``"auto"``) as written, else None."""
        value = self._value(expr, constant=False)
        if isinstance(value, ImportedName) and value.qualname.startswith("torch."):
            return value.qualname[len("torch."):]
        if isinstance(value, Constant) and isinstance(value.value, str):
            return value.value
        return None

    def _dtype_name(self, expr: ast.expr) -> Optional[str]:
        """``torch.bfloat16`` or ``"bfloat16"`` as a dtype name this module knows, else None."""
        name = self._dtype_text(expr)
        return name if name is not None and memory.dtype_bytes(name) is not None else None

    def _keeps_reference(self, trainer: ast.Call, args_call: ast.Call, has_reference: bool,
                         lora: Optional[memory.Lora]) -> Optional[bool]:
        """Whether a preference trainer keeps a frozen copy of the model, None when unknown. TRL's
        ``DPOTrainer.__init__``: a ``ref_model`` given is used as it is (another model: not sized here);
        else a PEFT model (its adapter disabled) or ``precompute_ref_log_probs=True`` (the reference
        log-probabilities computed before training) need none; else ``create_reference_model(model)``."""
        if not has_reference:
            return False
        given = _keyword(trainer, "ref_model")
        if given is not None and not (isinstance(given.value, ast.Constant) and given.value.value is None):
            return None
        if lora is not None:
            return False
        precompute = _keyword(args_call, "precompute_ref_log_probs")
        if precompute is not None:
            value = self.boolean(precompute.value)
            return None if value is None else not value
        return True

    def _preference_precision(self, args_call: ast.Call, weights_dtype: str) -> bool:
        """Whether the mixed precision is known: on 32-bit weights, ``bf16``/``fp16`` written in the call
        (TRL's configs have changed the ``bf16`` default across versions)."""
        if memory.dtype_bytes(weights_dtype) != 4:
            return True
        return _keyword(args_call, "bf16") is not None or _keyword(args_call, "fp16") is not None

    def _preference_length(self, trainer: ast.Call, args_call: ast.Call) -> Optional[Tuple[int, str]]:
        """The rows' length for a preference trainer: ``max_length`` as written. TRL truncates the prompt
        and completion together to ``max_length`` (``concatenated_forward``, ``input_ids[:,
        -self.max_length:]``; older versions cut the prompt to ``max_prompt_length`` and prompt plus
        completion to ``max_length``); its default has changed across versions (``None`` and 512 in
        older DPO/ORPO configs, 1024 in later ones), so an absent one is unknown. Older ``DPOTrainer``
        releases also take ``max_length`` themselves, and it overrides the config's ("the value you
        passed will override the one in the `DPOConfig`")."""
        for call, where in ((trainer, "the trainer's"), (args_call, "the config's")):
            kw = _keyword(call, "max_length")
            if kw is not None:
                value = self.integer(kw.value)
                if value is None or value < 1:
                    return None
                return value, f"{where} `max_length={value}` (chosen and rejected rows each)"
        return None

    def _one_device(self, expr: ast.expr) -> bool:
        """Whether a ``device_map`` puts the whole model on one device: a device (``"cuda"``, ``0``,
        ``"cuda:0"``), or ``{"": device}``. ``"auto"`` splits a model across the visible GPUs (and
        offloads what does not fit): only ``tf-lint estimate`` sizes it, as one GPU holding all of it,
        and notes that; the rules stay silent."""
        if isinstance(expr, ast.Name) and isinstance(self.facts.assigned_expression(expr), ast.Dict):
            expr = self.facts.assigned_expression(expr)  # ``device_map = {"": 0}`` a line before
        if isinstance(expr, ast.Dict):
            return len(expr.keys) == 1 and isinstance(expr.keys[0], ast.Constant) and expr.keys[0].value == ""
        value = self._value(expr)
        if isinstance(value, Constant) and isinstance(value.value, int) and not isinstance(value.value, bool):
            return True
        if isinstance(value, Constant) and isinstance(value.value, str):
            if value.value == "auto":
                if self.placeholders:
                    self._notes.append('`device_map="auto"`: assumed one GPU holding the whole model')
                    return True
                return False
            return value.value == "cuda" or value.value.startswith("cuda:")
        return False

    def _lora(self, call: Optional[ast.Call]) -> Optional[memory.Lora]:
        qualname = self.facts.qualified_name(call.func) if call is not None else None
        if call is None or not qualname or not qualname.startswith("peft.") or not qualname.endswith(".LoraConfig"):
            return None
        if any(k.arg is None for k in call.keywords) or call.args:
            return None
        rank_kw = _keyword(call, "r")
        rank = self.integer(rank_kw.value) if rank_kw else 8
        if rank is None:
            return None
        targets_kw = _keyword(call, "target_modules")
        targets: Optional[Tuple[str, ...]] = None
        if targets_kw is not None:
            value = targets_kw.value
            assigned = self.facts.assigned_expression(value) if isinstance(value, ast.Name) else None
            if isinstance(assigned, (ast.List, ast.Tuple)) and not self._changed_in_place(value.id):
                value = assigned  # ``target_modules = [...]`` assigned once
            single = self.string(value)
            if single is not None:
                targets = (single,)
            elif isinstance(value, (ast.List, ast.Tuple, ast.Set)):
                names = [self.string(e) for e in value.elts]
                if any(n is None for n in names):
                    return None
                targets = tuple(names)  # type: ignore[arg-type]
            else:
                return None
        dropout_kw = _keyword(call, "lora_dropout")
        dropout: Optional[float] = 0.0  # ``LoraConfig``'s default
        if dropout_kw is not None:
            value = self._value(dropout_kw.value)
            known = isinstance(value, Constant) and isinstance(value.value, (int, float)) and \
                not isinstance(value.value, bool)
            dropout = float(value.value) if known else None  # type: ignore[union-attr]
        return memory.Lora(rank, targets, dropout)

    def _weights_dtype(self, call: Optional[ast.Call], config: Dict[str, Any]) -> Optional[str]:
        if call is None:
            return config_dtype(config)  # a model id given to SFTTrainer: TRL loads it (unchanged here)
        kw = _keyword(call, "dtype") or _keyword(call, "torch_dtype")
        if kw is None:
            return default_weights_dtype(config, self.major)
        if self._dtype_text(kw.value) == "auto":
            return config_dtype(config)
        return self._dtype_name(kw.value)

    def _arguments(self, call: ast.Call) -> Optional[Dict[str, Any]]:
        def number(name: str, default: int) -> Optional[int]:
            kw = _keyword(call, name)
            return default if kw is None else self.integer(kw.value)

        def flag(*names: str) -> Optional[bool]:
            result = False
            for name in names:
                kw = _keyword(call, name)
                if kw is not None:
                    value = self.boolean(kw.value)
                    if value is None:
                        return None
                    result = result or value
            return result

        train_batch = number("per_device_train_batch_size", 8)
        eval_batch = number("per_device_eval_batch_size", 8)
        accumulation = number("gradient_accumulation_steps", 1)
        bf16, fp16 = flag("bf16"), flag("fp16")
        checkpointing = flag("activation_checkpointing", "gradient_checkpointing")
        optim_kw = _keyword(call, "optim")
        optim = memory.DEFAULT_OPTIMIZER if optim_kw is None else self._optimizer(optim_kw.value)
        if None in (train_batch, eval_batch, accumulation, bf16, fp16, checkpointing, optim):
            return None
        if train_batch < 1 or eval_batch < 1:
            return None
        return {"train_batch": train_batch, "eval_batch": eval_batch, "accumulation": accumulation,
                "mixed": "bf16" if bf16 else ("fp16" if fp16 else None), "checkpointing": checkpointing,
                "optim": optim}

    def _optimizer(self, expr: ast.expr) -> Optional[str]:
        value = self._value(expr, constant=False)
        if isinstance(value, Constant) and isinstance(value.value, str):
            name = value.value
        elif isinstance(value, ImportedName) and ".OptimizerNames." in value.qualname:
            name = value.qualname.rsplit(".", 1)[1].lower()
            name = {"adamw_bnb": "adamw_bnb_8bit"}.get(name, name)
        else:
            return None
        return name if name in memory.OPTIMIZER_STATE else None

    def _checkpointing_enabled(self) -> bool:
        return any(isinstance(c.func, ast.Attribute)
                   and c.func.attr in ("gradient_checkpointing_enable", "activation_checkpointing_enable")
                   for c in self._calls)

    def _sequence_length(self, args_call: ast.Call) -> Tuple[int, Optional[str]]:
        """The longest sequence a batch can hold, and where that number comes from."""
        for name in ("max_length", "max_seq_length"):
            kw = _keyword(args_call, name)
            if kw is not None:
                value = self.integer(kw.value)
                if value is not None:
                    return value, f"`{name}={value}`"
        if self.class_name(args_call) == "SFTConfig":
            return SFT_DEFAULT_MAX_LENGTH, f"SFTConfig's default `max_length={SFT_DEFAULT_MAX_LENGTH}`"
        lengths: List[Tuple[int, str]] = []
        from tf_lint.analysis.values import Encoding

        for call in self._calls:
            kw = _keyword(call, "max_length")
            if kw is not None and isinstance(self.facts.value(call), Encoding):
                value = self.integer(kw.value)
                if value is not None:
                    lengths.append((value, f"the tokenizer's `max_length={value}` (line {call.lineno})"))
            for kw in call.keywords:
                if kw.arg in _LENGTH_KEYWORDS:
                    value = self.integer(kw.value)
                    if value is not None:
                        lengths.append((value, f"`{kw.arg}={value}` (line {call.lineno})"))
        if lengths:
            return max(lengths)
        return ASSUMED_SEQ, None


def _first_argument(call: ast.Call, name: str) -> Optional[ast.expr]:
    kw = _keyword(call, name)
    return kw.value if kw is not None else (call.args[0] if call.args else None)


def _head(model: Model) -> Optional[str]:
    name = (model.cls or "").rsplit(".", 1)[-1]
    if not name:
        return None
    if name.endswith(("ForCausalLM", "LMHeadModel", "ForMaskedLM", "ForSeq2SeqLM", "ForConditionalGeneration")):
        return "lm"
    if name.endswith("ForSequenceClassification"):
        return "seq-cls"
    if name.endswith("ForTokenClassification"):
        return "token-cls"
    if name in ("AutoModel",) or name.endswith("Model") and not name.endswith("PreTrainedModel"):
        return "base"
    return None


def find_cases(tree: ast.Module, facts, path: str = "", major: int = 5, placeholders: bool = False) -> List[Case]:
    """The configurations of a document; ``major``: the target transformers version's major number;
    ``placeholders``: estimate with the declared defaults of run-time values (``tf-lint estimate``)."""
    return _finder(tree, facts, path, major, placeholders).cases()


def explain(tree: ast.Module, facts, path: str = "", major: int = 5,
            placeholders: bool = True) -> Tuple[List[Case], List[Tuple[ast.Call, str]]]:
    """:func:`find_cases`, and every training-arguments / TRL config call left unsized with the first
    reason the estimate met (``tf-lint estimate --unsized``, ``bench/estimate_reach.py``)."""
    finder = _finder(tree, facts, path, major, placeholders)
    cases = finder.cases()
    return cases, finder.unsized_arguments(cases)


def _finder(tree: ast.Module, facts, path: str, major: int, placeholders: bool) -> CaseFinder:
    return CaseFinder(tree, facts, os.path.dirname(os.path.abspath(path)) if path else "", major,
                      placeholders, path if path.endswith(".py") else "")


# --- reports --------------------------------------------------------------------------------------------
def report(case: Case, device_bytes: int, device: str = "") -> Dict[str, Any]:
    """The estimate of a case's training step (and evaluation step) as plain data; ``device``: which
    device that is and where it was read."""
    out: Dict[str, Any] = {
        "device": device,
        "model": case.checkpoint,
        "config_source": case.config_source,
        "line": case.args_call.lineno,
        "sequence_length": case.setup.seq,
        "sequence_length_source": case.seq_source or f"unknown: assumed {ASSUMED_SEQ}",
        "device_memory_bytes": device_bytes,
        "placeholders": [p.describe() for p in case.placeholders],
        "notes": list(case.notes),
    }
    steps = [("train", case.setup)] if case.trains else []
    if case.evaluates:
        steps.append(("eval", case.eval_setup))
    for kind, setup in steps:
        step = step_report(case.config, setup, device_bytes, kind)
        if step is not None:
            out["parameters"], out[kind] = step
    return out


def step_report(config: Dict[str, Any], setup: memory.Setup, device_bytes: int,
                kind: str) -> Optional[Tuple[int, Dict[str, Any]]]:
    """(parameters, the step's estimate as plain data) of one step, for Python and launch cases alike."""
    result = memory.estimate(config, setup)
    if result is None:
        return None
    return result.parameters, {
        "batch": setup.batch,
        "precision": setup.mixed or setup.weights_dtype,
        "optimizer": setup.optimizer if kind == "train" else None,
        "trainable_parameters": result.trainable if kind == "train" else 0,
        "terms": dict(result.terms),
        "total": result.total,
        "fits": result.total <= device_bytes,
        "largest_batch": memory.largest_batch(config, setup, device_bytes),
    }


def document_place(document, node: ast.AST) -> str:
    """Where a node of a document is in its file: "line 12", or "cell 3, line 2" in a notebook."""
    return document.where(node.lineno)


def render_text(path: str, reports: List[Dict[str, Any]]) -> str:
    lines: List[str] = []
    for rep in reports:
        if "unsized" in rep:
            where = f"{path}, {rep['line']}" if rep["line"].startswith(("line ", "cell ")) else rep["line"]
            lines.append(f"{where}: not sized: {rep['unsized']}")
            continue
        where = rep["line"] if isinstance(rep["line"], str) else f"{path}:{rep['line']}"
        lines.append(f"{where}: {rep['model']} ({memory.format_count(rep.get('parameters', 0))} "
                     f"parameters; config from {rep['config_source']})")
        lines.append(f"  sequence length {rep['sequence_length']} ({rep['sequence_length_source']})")
        if rep.get("device"):
            lines.append(f"  device {rep['device']}")
        for placeholder in rep.get("placeholders", ()):
            lines.append(f"  placeholder: {placeholder}; estimated with the default, the run decides")
        for note in rep.get("notes", ()):
            lines.append(f"  note: {note}")
        for kind in ("train", "eval"):
            step = rep.get(kind)
            if step is None:
                continue
            title = "training step" if kind == "train" else "evaluation step"
            extra = f", optimizer {step['optimizer']}" if step["optimizer"] else ""
            lines.append(f"  {title}: batch {step['batch']}, {step['precision']}{extra}")
            for name, value in step["terms"].items():
                lines.append(f"    {name.replace('_', ' '):<24}{memory.format_bytes(value):>12}")
            device = rep["device_memory_bytes"]
            verdict = "fits" if step["fits"] else "DOES NOT FIT"
            lines.append(f"    {'total':<24}{memory.format_bytes(step['total']):>12}  of "
                         f"{memory.format_bytes(device)}: {verdict}; largest batch that fits: {step['largest_batch']}")
    return "\n".join(lines)
