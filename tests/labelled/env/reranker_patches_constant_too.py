# provenance: search index id 66528626568
# label: negative
# note: huggingface_hub.constants is imported first, but the code patches hf_constants.HF_HUB_OFFLINE itself; the environment write only mirrors it, offline mode does take effect
import logging
import os

logger = logging.getLogger(__name__)


class Reranker:
    def _load_model(self):
        if self._model is not None:
            return self._model

        import huggingface_hub.constants as hf_constants

        forced_offline = os.getenv("RAG_HF_OFFLINE", "").casefold() in {"1", "true", "yes", "on"}
        previous_offline = hf_constants.HF_HUB_OFFLINE
        hf_constants.HF_HUB_OFFLINE = True
        os.environ["HF_HUB_OFFLINE"] = "1"

        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(self.model_name, device=self.device)
        except Exception:
            if forced_offline:
                raise
            hf_constants.HF_HUB_OFFLINE = previous_offline
            os.environ.pop("HF_HUB_OFFLINE", None)
        return self._model
