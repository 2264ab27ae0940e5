"""What is true of transformers, per version."""
