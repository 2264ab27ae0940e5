"""Run one fixture as ``__main__`` and report whether each TF Transformers model it saved loads back.

Usage: python record_saves.py FIXTURE REPORT_JSON  (from the directory the fixture may write in)

Every ``.save(...)`` and ``.save_pretrained(...)`` of a ``TFPreTrainedModel`` is recorded with the model's
outputs on a fixed input just before saving. After the fixture ends, each saved path is loaded back the
Transformers way (``ModelClass.from_pretrained(path)``), and its config and outputs are compared.
"""

import inspect
import json
import os
import runpy
import sys
import traceback

import numpy as np
from transformers import TFPreTrainedModel

# Valid ids for every tiny model of the offline hub (vocabulary of 128), with [CLS]=2 ... [SEP]=3.
INPUT_IDS = np.array([[2, 7, 9, 11, 3]], dtype=np.int32)
# Bookkeeping that legitimately differs between a model and its reloaded copy.
CONFIG_BOOKKEEPING = {"_name_or_path", "transformers_version"}

_saves = []  # (entry for the report, model, outputs before saving)
_saving = False  # save_pretrained(saved_model=True) calls save() itself: record the outer call only


def _outputs(model):
    return model(INPUT_IDS, training=False)[0].numpy()


def _config(model):
    return {k: v for k, v in model.config.to_dict().items() if k not in CONFIG_BOOKKEEPING}


def _recording(method):
    original = getattr(TFPreTrainedModel, method)
    signature = inspect.signature(original)
    path_parameter = list(signature.parameters)[1]  # filepath / save_directory

    def save(self, *args, **kwargs):
        global _saving
        if _saving:
            return original(self, *args, **kwargs)
        path = signature.bind(self, *args, **kwargs).arguments[path_parameter]
        entry = {"method": method, "class": type(self).__name__, "path": os.path.abspath(os.fspath(path)),
                 "save_error": None}
        _saves.append((entry, self, _outputs(self)))
        _saving = True
        try:
            return original(self, *args, **kwargs)
        except Exception as exc:
            entry["save_error"] = repr(exc)
            raise
        finally:
            _saving = False

    return save


def _check_reload(entry, model, expected):
    entry.update(load_error=None, config_changed=[], same_outputs=False, max_abs_diff=None)
    try:
        loaded = type(model).from_pretrained(entry["path"])
    except Exception as exc:  # what a later job would hit
        entry["load_error"] = repr(exc)
        return
    before, after = _config(model), _config(loaded)
    entry["config_changed"] = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    actual = _outputs(loaded)
    entry["same_outputs"] = actual.shape == expected.shape and bool(np.allclose(actual, expected, atol=1e-5))
    if actual.shape == expected.shape:
        entry["max_abs_diff"] = float(np.max(np.abs(actual - expected)))


def main(fixture, report_path):
    for method in ("save", "save_pretrained"):
        setattr(TFPreTrainedModel, method, _recording(method))
    sys.argv = [fixture]
    sys.path[0] = os.path.dirname(fixture)  # as `python fixture.py` would have it
    report = {"error": None}
    try:
        runpy.run_path(fixture, run_name="__main__")
    except Exception:
        report["error"] = traceback.format_exc()
    for entry, model, expected in _saves:
        _check_reload(entry, model, expected)
    report["saves"] = [entry for entry, _, _ in _saves]
    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]), sys.argv[2])
