"""How fixes change code: small codemods that keep the code's own layout (libcst, imported lazily)."""
