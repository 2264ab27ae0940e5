"""Renamed and removed top-level names between transformers versions, each with its source.

Most of it is generated: the difference of two versions' exports (bundled snapshots or the installed
parse), the TensorFlow/Flax names of the older one (``backend_exports``), and its ``X = Y`` aliases of
names that survive. A small hand-written table adds what the source alone cannot tell: renames and
replacements announced in transformers' migration guide (``MIGRATION_GUIDE_V5.md`` in
huggingface/transformers, read at commit e416b2c7c64e), cited per entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from tf_lint.knowledge.versions import Knowledge, reference_versions

GUIDE = "transformers MIGRATION_GUIDE_V5.md"


@dataclass(frozen=True)
class Change:
    """Why ``name`` is missing from the target version, and what to use."""

    name: str
    kind: str  # "renamed" | "removed" | "backend-removed" | "added-later"
    replacement: Optional[str] = None  # a drop-in name in the target (only for "renamed")
    advice: str = ""  # what to use instead, in words
    since: str = ""  # the version that changed it, as far as tf-lint can tell
    source: str = ""
    backend: Optional[str] = None  # "TensorFlow" | "Flax", for "backend-removed"

    @property
    def safe_rename(self) -> bool:
        return self.kind == "renamed" and self.replacement is not None


# old name -> (new name or None, advice, source). A new name is a drop-in replacement (safe rename);
# None means there is no single replacement.
HAND_CHANGES: Dict[str, Tuple[Optional[str], str, str]] = {
    "AutoModelForVision2Seq": (
        "AutoModelForImageTextToText", "",
        f"{GUIDE}, section 'Auto-classes'"),
    "AutoModelWithLMHead": (
        None, "use `AutoModelForCausalLM` (decoder-only models), `AutoModelForMaskedLM` (encoders) or "
              "`AutoModelForSeq2SeqLM` (encoder-decoders)",
        f"{GUIDE}, section 'Auto-classes'"),
    "MistralCommonTokenizer": (
        "MistralCommonBackend", "",
        f"{GUIDE}, section 'Backend Architecture Changes' (MistralCommonBackend, previously known as "
        "MistralCommonTokenizer)"),
}

# Renames that follow a rule over a family of names: (old suffix, new suffix, source). Applied only
# when the old name is missing from the target and the new one is there.
SUFFIX_RENAMES: Tuple[Tuple[str, str, str], ...] = (
    ("FeatureExtractor", "ImageProcessor",
     f"{GUIDE}, section 'Processing classes': vision `XXXFeatureExtractor` classes removed in favour of "
     "`XXXImageProcessor` (huggingface/transformers#41174)"),
)

_BACKENDS = {"tf": "TensorFlow", "flax": "Flax"}


def explain_missing(name: str, target: Knowledge) -> Optional[Change]:
    """Why the target version has no top-level ``name``, when another known version has it: from the bundled
    minor releases, the last one before the target that had it (removed in the next), else the first one
    after it that has it (added later)."""
    if target.has_name(name):
        return None
    from tf_lint.knowledge import store
    from tf_lint.knowledge.versions import minor, snapshot

    have = store.version_tuple(target.version)
    bundled = store.bundled_versions()
    older = [v for v in bundled if store.version_tuple(v) < have]
    for i in range(len(older) - 1, -1, -1):
        if snapshot(older[i]).has_name(name):
            removed_in = older[i + 1] if i + 1 < len(older) else target.version
            return _removed(name, snapshot(older[i]), target, since=minor(removed_in))
    for v in bundled:
        if store.version_tuple(v) > have and snapshot(v).has_name(name):
            return Change(name, "added-later", since=f"after {target.version}",
                          advice=f"it exists in transformers {v}",
                          source=f"tf-lint's bundled knowledge of transformers {v}")
    for other in reference_versions(target):
        if not other.has_name(name):
            continue
        if other.major < target.major:
            return _removed(name, other, target)
        return Change(name, "added-later", since=f"after {target.version}",
                      advice=f"it exists in transformers {other.version}",
                      source=f"tf-lint's bundled knowledge of transformers {other.version}")
    return None


def _removed(name: str, old: Knowledge, target: Knowledge, since: Optional[str] = None) -> Change:
    since = since or f"{target.major}.0"
    hand = HAND_CHANGES.get(name)
    if hand is not None:
        new, advice, source = hand
        if new is not None and target.has_name(new):
            return Change(name, "renamed", new, f"use `{new}`", since, source)
        if new is None:
            return Change(name, "removed", None, advice, since, source)
    backend = old.backend_of(name) or (_module_backend(name) if old.has_module(name) else None)
    if backend is not None:
        counterpart = _pytorch_counterpart(name, target)
        advice = f"use the PyTorch class `{counterpart}`" if counterpart else "use the PyTorch API"
        return Change(name, "backend-removed", None, advice, since,
                      f"{GUIDE}, section 'Removal of TensorFlow and Jax' (huggingface/transformers#40760); "
                      f"`{name}` belongs to the {_BACKENDS[backend]} backend of transformers {old.version}",
                      _BACKENDS[backend])
    alias = old.alias_target(name)
    if alias is not None and target.has_name(alias):
        return Change(name, "renamed", alias, f"use `{alias}`", since,
                      f"`{name}` is an alias of `{alias}` in transformers {old.version}")
    for old_suffix, new_suffix, source in SUFFIX_RENAMES:
        if name.endswith(old_suffix):
            new = name[: -len(old_suffix)] + new_suffix
            if target.has_name(new):
                return Change(name, "renamed", new, f"use `{new}`", since, source)
    return Change(name, "removed", None, "", since,
                  f"exports of transformers {old.version} and {target.version} compared by tf-lint")


def _module_backend(name: str) -> Optional[str]:
    """"tf" / "flax" for the backend modules of 4.x (``modeling_tf_utils``, ``keras_callbacks``, ...)."""
    words = set(name.split("_"))
    if "flax" in words:
        return "flax"
    if words & {"tf", "keras"}:
        return "tf"
    return None


def _pytorch_counterpart(name: str, target: Knowledge) -> Optional[str]:
    for prefix in ("TF", "Flax"):
        if name.startswith(prefix) and target.has_name(name[len(prefix):]) and name[len(prefix):][:1].isupper():
            return name[len(prefix):]
    return None


def removed_names(old: Knowledge, new: Knowledge) -> List[str]:
    """Top-level names of ``old`` that ``new`` lacks (a generated table: ``changes_between``)."""
    return sorted(n for n in old.exports if not new.has_name(n))


def changes_between(old: Knowledge, new: Knowledge) -> Dict[str, Change]:
    """Every top-level name ``old`` has and ``new`` lacks, with its reason and source."""
    return {n: _removed(n, old, new) for n in removed_names(old, new)}
