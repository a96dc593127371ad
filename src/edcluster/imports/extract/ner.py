"""Natasha's named-entity spans (models ship inside the PyPI packages; loaded once per process)."""

from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=1)
def _models() -> tuple[Any, Any]:
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def load() -> None:
    """Load the models now (a benchmark measures extraction after this)."""
    _models()


def spans(text: str) -> list[tuple[int, int, str]]:
    """(start, stop, type) of every PER, ORG and LOC span natasha finds in *text*."""
    from natasha import Doc

    segmenter, tagger = _models()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(span.start, span.stop, span.type) for span in doc.spans]
