"""The knowledge of one transformers version, as rules ask for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from tf_lint.knowledge import store

# Pipeline classes whose code tests no model type (read in transformers 4.57.6 and 5.24.0;
# tests/test_knowledge.py checks the installed release): what they do with a model depends on its
# class alone. Others special-case types that their task's Auto classes do not list and that
# `pipeline()` loads through `config.architectures`: Dia and CSM in `TextToAudioPipeline`, Kyutai in
# speech recognition, Donut in document question answering.
MODEL_AGNOSTIC_PIPELINES = frozenset({
    "FillMaskPipeline", "QuestionAnsweringPipeline", "SummarizationPipeline", "TextClassificationPipeline",
    "TextGenerationPipeline", "Text2TextGenerationPipeline", "TokenClassificationPipeline",
    "TranslationPipeline", "ZeroShotClassificationPipeline",
})

_TRANSLATION = re.compile(r"^([a-zA-Z0-9-]+)_to_([a-zA-Z0-9-]+)$")


@dataclass(frozen=True)
class TaskLookup:
    """What ``pipeline(task)`` does with a task string in this version.

    ``status``: "ok" (a task, an alias, a redirected or parametrized task), "removed" (this version
    raises and names a replacement), "invalid" (malformed ``translation_XX_to_YY``) or "unknown".
    ``task`` is the task it runs as ("ok"); ``hint`` transformers' own advice for removed tasks.
    """

    status: str
    task: Optional[str] = None
    hint: Optional[str] = None


class Knowledge:
    def __init__(self, data: Dict[str, Any], origin: str = "installed", reason: str = "") -> None:
        self.data = data
        self.version: str = data.get("version") or "unknown"
        self.origin = origin  # "installed" | "snapshot"
        self.reason = reason
        self._exports: Optional[FrozenSet[str]] = None
        self._modules: Optional[FrozenSet[str]] = None

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Knowledge(transformers {self.version}, {self.origin})"

    @property
    def major(self) -> int:
        return store.version_tuple(self.version)[:1][0] if store.version_tuple(self.version) else 0

    # --- exported names ---------------------------------------------------------------------------
    @property
    def exports(self) -> FrozenSet[str]:
        """Objects ``from transformers import X`` gives (listed ones; see :meth:`has_name` for aliases)."""
        if self._exports is None:
            self._exports = frozenset(self.data.get("exports", ()))
        return self._exports

    @property
    def modules(self) -> FrozenSet[str]:
        if self._modules is None:
            self._modules = frozenset(self.data.get("modules", ()))
        return self._modules

    @property
    def lazy_aliases(self) -> Dict[str, str]:
        return self.data.get("lazy_aliases", {})

    def has_name(self, name: str) -> bool:
        """Whether ``from transformers import name`` / ``transformers.name`` works in this version."""
        return name in self.exports or name in self.modules or name in self.lazy_aliases

    def has_module(self, name: str) -> bool:
        return name in self.modules

    def backend_of(self, name: str) -> Optional[str]:
        """"tf" / "flax" for names of the TensorFlow / Flax backends of this version."""
        return self.data.get("backend_exports", {}).get(name)

    def alias_target(self, name: str) -> Optional[str]:
        """The name an alias resolves to (lazy or ``X = Y`` in the source), else None."""
        return self.lazy_aliases.get(name) or self.data.get("export_aliases", {}).get(name)

    def close_names(self, name: str, n: int = 1) -> List[str]:
        import difflib

        return difflib.get_close_matches(name, sorted(self.exports), n=n, cutoff=0.85)

    # --- model types and Auto classes -------------------------------------------------------------
    @property
    def config_mapping(self) -> Dict[str, str]:
        """model type -> config class (``CONFIG_MAPPING_NAMES``)."""
        return self.data.get("config_mapping", {})

    @property
    def model_types(self) -> FrozenSet[str]:
        return frozenset(self.config_mapping)

    @property
    def model_mappings(self) -> Dict[str, Dict[str, Any]]:
        """``MODEL_FOR_*_MAPPING_NAMES`` (and TF/Flax ones in 4.x): model type -> class name(s)."""
        return self.data.get("model_mappings", {})

    @property
    def auto_classes(self) -> Dict[str, str]:
        """Auto class -> the name of its mapping (``AutoModelForCausalLM`` -> ``MODEL_FOR_CAUSAL_LM_MAPPING_NAMES``)."""
        return self.data.get("auto_classes", {})

    def auto_class_mapping(self, auto_class: str) -> Optional[Dict[str, Any]]:
        mapping = self.auto_classes.get(auto_class)
        return self.model_mappings.get(mapping) if mapping else None

    def auto_classes_for(self, model_type: str) -> List[str]:
        """The Auto classes that can load ``model_type`` in this version."""
        return sorted(cls for cls, mapping in self.auto_classes.items()
                      if model_type in self.model_mappings.get(mapping, {}))

    @property
    def causal_classes(self) -> FrozenSet[str]:
        """PyTorch model classes whose forward is causal-masked throughout (``CLIPTextModel``, ``GPT2Model``):
        on a right-padded batch their real tokens never see the pads. Empty for data older than FORMAT 3."""
        found = self.__dict__.get("_causal")
        if found is None:
            found = self.__dict__["_causal"] = frozenset(self.data.get("causal_classes", ()))
        return found

    # --- how pipeline() loads a model -------------------------------------------------------------
    @property
    def pipeline_tries_architectures(self) -> bool:
        """Whether ``pipeline(task, model=name)`` also tries the classes of ``config.architectures`` after
        the task's Auto classes. True when the data does not say (older snapshots): the safe reading."""
        return bool(self.data.get("pipeline_loading", {}).get("tries_architectures", True))

    def pipeline_is_model_agnostic(self, task: str) -> bool:
        """Whether the pipeline class of ``task`` treats every model alike (see
        :data:`MODEL_AGNOSTIC_PIPELINES`)."""
        return self.tasks.get(task, {}).get("impl") in MODEL_AGNOSTIC_PIPELINES

    def type_class_may_be_among(self, model_type: str, classes: FrozenSet[str]) -> bool:
        """Whether a model class of ``model_type`` may be one of ``classes``: one the Auto mappings list
        under that type, or one named with its configuration class's stem (``GPT2Config`` -> ``GPT2...``,
        the naming of every class of a model folder). Used where a checkpoint's config was not read: its
        ``architectures`` are what ``save_pretrained`` wrote, the class of the model that saved it, and
        that class's config gave the checkpoint its model type. True (may be) when unsure."""
        config_class = self.config_mapping.get(model_type)
        if not config_class or not config_class.endswith("Config") or len(config_class) == len("Config"):
            return True
        stem = config_class[: -len("Config")]
        if any(c.startswith(stem) for c in classes):
            return True
        for mapping in self.model_mappings.values():
            listed = mapping.get(model_type) if isinstance(mapping, dict) else None
            if listed and any(c in classes for c in ([listed] if isinstance(listed, str) else listed)):
                return True
        return False

    def pipeline_extra_mappings(self, task: str) -> List[Dict[str, Any]]:
        """The model mappings ``pipeline()`` swaps in for ``task`` for the configs they hold (5.x: the
        ``decision`` task and ``MODEL_FOR_DECISION_MAPPING``)."""
        names = self.data.get("pipeline_loading", {}).get("task_mappings", {}).get(task, ())
        found = []
        for name in names:
            mapping = self.model_mappings.get(name) or self.model_mappings.get(f"{name}_NAMES")
            if mapping is not None:
                found.append(mapping)
        return found

    # --- pipeline tasks ---------------------------------------------------------------------------
    @property
    def tasks(self) -> Dict[str, Dict[str, Any]]:
        """task -> {"impl": pipeline class, "pt": [Auto classes], "tf": [...], "type": ...}."""
        return self.data.get("tasks", {})

    @property
    def task_aliases(self) -> Dict[str, str]:
        return self.data.get("task_aliases", {})

    def valid_task_names(self) -> List[str]:
        return sorted(set(self.tasks) | set(self.task_aliases) | set(self.data.get("task_redirects", {})))

    def lookup_task(self, task: str) -> TaskLookup:
        """Follows the order of transformers' own ``pipeline()``: redirects and removed tasks (5.x), then
        aliases and the task table, then the parametrized ``translation_XX_to_YY`` form (4.x)."""
        redirects = self.data.get("task_redirects", {})
        if task in redirects:
            return TaskLookup("ok", redirects[task])
        removed = self.data.get("removed_tasks", {})
        for prefix, removed_task in self.data.get("removed_task_prefixes", {}).items():
            if task.startswith(prefix) and removed_task in removed:
                return TaskLookup("removed", hint=removed[removed_task])
        if task in removed:
            return TaskLookup("removed", hint=removed[task])
        canonical = self.task_aliases.get(task, task)
        if canonical in self.tasks:
            return TaskLookup("ok", canonical)
        for prefix in self.data.get("parametrized_tasks", ()):
            if task.startswith(prefix):
                tokens = task.split("_")
                if len(tokens) == 4 and tokens[0] == prefix and tokens[2] == "to":
                    return TaskLookup("ok", prefix)
                return TaskLookup("invalid", hint=f"use the '{prefix}_XX_to_YY' form")
        return TaskLookup("unknown")

    def closest_task(self, task: str) -> Tuple[Optional[str], bool]:
        """The valid task the string most likely meant, and whether it is *evident*: the same words
        up to case and separators (``sentiment_analysis``, ``Text-Generation``)."""
        import difflib

        names = self.valid_task_names()
        key = _task_key(task)
        evident = [n for n in names if _task_key(n) == key]
        if len(evident) == 1:
            return evident[0], True
        close = difflib.get_close_matches(task.lower(), names, n=2, cutoff=0.75)
        if len(close) == 1 or (len(close) == 2 and difflib.SequenceMatcher(None, task.lower(), close[0]).ratio()
                               > difflib.SequenceMatcher(None, task.lower(), close[1]).ratio()):
            return close[0], False
        return None, False

    # --- TrainingArguments ------------------------------------------------------------------------
    def training_argument_fields(self, cls: str = "TrainingArguments") -> Dict[str, Dict[str, Any]]:
        """Dataclass fields of ``TrainingArguments`` / ``Seq2SeqTrainingArguments``, inherited ones included:
        name -> {"default": source text | "required": True, "init": False?, "deprecated": True?}."""
        classes = self.data.get("training_arguments", {})
        entry = classes.get(cls)
        if entry is None:
            return {}
        fields: Dict[str, Dict[str, Any]] = {}
        for base in entry.get("bases", ()):
            if base in classes and base != cls:
                fields.update(self.training_argument_fields(base))
        fields.update(entry.get("fields", {}))
        return fields


def _task_key(task: str) -> str:
    return re.sub(r"[\s_\-]+", "-", task.strip().lower())


_BY_TARGET: Dict[Optional[str], Knowledge] = {}
_SNAPSHOTS: Dict[str, Knowledge] = {}


def knowledge_for(settings: Any = None) -> Knowledge:
    """The knowledge for a run's target version (``settings.target_transformers_version``), cached per
    process. Never imports transformers. With a declared requirement (``settings.declared``), the newest
    release it allows: what a fresh install gets (:func:`target_releases` gives them all)."""
    declared = getattr(settings, "declared", None) if settings is not None else None
    if declared is not None and declared.releases:
        k = snapshot(declared.releases[-1])
        return Knowledge(k.data, "snapshot", f"the newest release that {declared.said()} allows")
    target = getattr(settings, "target_transformers_version", None) if settings is not None else None
    cached = _BY_TARGET.get(target)
    if cached is None:
        cached = _BY_TARGET[target] = load_knowledge(target)
    return cached


def load_knowledge(target: Optional[str] = None) -> Knowledge:
    choice = store.choose(target)
    if choice.origin == "installed":
        data = store.load_installed(choice.root, choice.version)
        return Knowledge(data, "installed", choice.reason)
    knowledge = snapshot(choice.version)
    return Knowledge(knowledge.data, "snapshot", choice.reason)


def target_releases(settings: Any = None) -> List[Knowledge]:
    """Every release the code must work on, oldest first: those a declared requirement allows (a range),
    else the one target."""
    declared = getattr(settings, "declared", None) if settings is not None else None
    if declared is not None and declared.releases:
        return [snapshot(v) for v in declared.releases]
    return [knowledge_for(settings)]


def requirement_note(settings: Any, release: Knowledge) -> str:
    """``; your requirement `transformers>=4.38,<5` (requirements.txt:1) allows 4.38.2``."""
    declared = getattr(settings, "declared", None)
    if declared is None:
        return ""
    if len(declared.releases) < 2:
        # One release: a project pin needs no word (the version is in the message); a notebook's own
        # install does, since it overrides the project's files.
        return f"; {declared.said()}" if declared.installed_by else ""
    return f"; {declared.said()} allows {release.version}"


def first_release_with(predicate, after: Optional[str] = None) -> Optional[Knowledge]:
    """The oldest bundled release (newer than ``after``) for which ``predicate(knowledge)`` holds."""
    floor = store.version_tuple(after) if after else ()
    for v in store.bundled_versions():
        if store.version_tuple(v) > floor and predicate(snapshot(v)):
            return snapshot(v)
    return None


def minor(version: str) -> str:
    return ".".join(map(str, store.version_tuple(version)[:2]))


def snapshot(version: str) -> Knowledge:
    """A bundled snapshot, cached per process."""
    cached = _SNAPSHOTS.get(version)
    if cached is None:
        cached = _SNAPSHOTS[version] = Knowledge(store.load_snapshot(version), "snapshot")
    return cached


def reference_versions(knowledge: Knowledge) -> List[Knowledge]:
    """Bundled snapshots of other major versions than ``knowledge``'s, nearest first: what a rule compares
    against to say *why* a name is missing (removed in 5.0, only added later)."""
    own = knowledge.major
    # Of each other major version, the newest bundled release.
    best: Dict[int, str] = {}
    for v in store.bundled_versions():
        major = store.version_tuple(v)[0]
        if major != own:
            best[major] = v
    return [snapshot(best[m]) for m in sorted(best, key=lambda m: abs(m - own))]


def clear_cache() -> None:
    """Forget the per-process knowledge (tests that change the cache directory or the target)."""
    _BY_TARGET.clear()
    _SNAPSHOTS.clear()
