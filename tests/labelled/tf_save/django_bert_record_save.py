# provenance: search index id 38601310884
# target: 4.57
# label: negative
# note: BERTModel here is a Django ORM model (imported from the app's models in the original) describing a trained checkpoint; .save() writes a database row
from django.utils import timezone



def record(model_save_path, timestamp, X_train, epochs, best_accuracy, f1):
    if model_save_path:
        BERTModel.objects.filter(is_active=True).update(is_active=False)
        bert_model = BERTModel(
            name=f"BERT_Nepali_Sentiment_{timestamp}",
            description=f"Trained on {len(X_train)} samples, {epochs} epochs",
            model_path=model_save_path,
            accuracy=best_accuracy,
            f1_score=f1,
            training_completed=timezone.now(),
            is_active=True
        )
        bert_model.save()
