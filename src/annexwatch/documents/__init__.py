"""Reading and cleaning articles: the `Document` every other module works on.

    paths = iter_document_paths(["articles/"])
    document = load_document(paths[0])   # document.text is the cleaned text offsets point into

Problems raise `annexwatch.errors.DocumentError` with a code (E001...E014, see `readers`).
"""

from annexwatch.documents.cleaning import clean_text, prepare_pdf_pages
from annexwatch.documents.frontmatter import find_sidecar, parse_published, split_front_matter
from annexwatch.documents.readers import (
    DEFAULT_MAX_BYTES,
    FORMAT_BY_SUFFIX,
    SUPPORTED_SUFFIXES,
    decode_text,
    iter_document_paths,
    load_document,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_BY_SUFFIX",
    "SUPPORTED_SUFFIXES",
    "clean_text",
    "decode_text",
    "find_sidecar",
    "iter_document_paths",
    "load_document",
    "parse_published",
    "prepare_pdf_pages",
    "split_front_matter",
]
