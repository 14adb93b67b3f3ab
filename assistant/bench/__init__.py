"""`make bench`: measured figures of every area, each printed next to its target.

Quality figures come from held-out and external data; speed and memory
figures are printed, never asserted (they depend on the machine). Run
`python -m assistant.bench --help` for the options.
"""
from .baseline import KeywordSearch
from .measure import latency_ns, percentile, topk_accuracy

__all__ = ["KeywordSearch", "latency_ns", "percentile", "topk_accuracy"]
