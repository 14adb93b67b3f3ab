"""The one Navec embedding of the process (natasha's news vectors, shipped in its wheel): ~75 MB, load once."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def navec():
    """natasha's NewsEmbedding, shared by the NER tagger, the Navec features and the relevance checks."""
    from natasha import NewsEmbedding
    return NewsEmbedding()
