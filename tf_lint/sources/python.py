"""Plain Python files: one document, decoded as Python itself decodes it (BOM, PEP 263 cookie)."""

from __future__ import annotations

import io
import tokenize
from typing import Dict

from tf_lint.sources.document import Document, SourceError, SourceFile


def decode_python(data: bytes) -> tuple[str, str]:
    """Return (text, encoding); the encoding is 'utf-8-sig' when the file starts with a BOM."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # unknown codec in the cookie, or a BOM that contradicts it
        raise SourceError(f"cannot decode: {exc}") from None
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError(f"cannot decode as {encoding}: {exc}") from None


def read_python(path: str, data: bytes) -> SourceFile:
    text, encoding = decode_python(data)

    def rebuild(new_texts: Dict[int, str]) -> bytes:
        return new_texts.get(0, text).encode(encoding)

    return SourceFile(path=path, documents=[Document(text=text, path=path)], rebuild=rebuild, original=data)
