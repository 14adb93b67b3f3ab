"""The one place where classifier pipelines are built: training, CLI and notebooks use it."""
from __future__ import annotations

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .features import NavecMean, char_preprocessor, lemma_analyzer


def build_pipeline(*, C: float = 0.5, navec: bool = False, char_ngrams: tuple[int, int] = (2, 5),
                   char_min_df: int = 2, seed: int = 0) -> Pipeline:
    """Lemma uni/bigrams + character n-grams (+ optional Navec mean) → calibrated linear SVM."""
    features = [
        ("words", TfidfVectorizer(analyzer=lemma_analyzer, sublinear_tf=True, min_df=1)),
        ("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=char_preprocessor,
                                  ngram_range=char_ngrams, sublinear_tf=True, min_df=char_min_df)),
    ]
    if navec:
        features.append(("navec", NavecMean()))
    svm = LinearSVC(C=C, class_weight="balanced", random_state=seed)
    clf = CalibratedClassifierCV(svm, method="sigmoid", cv=5, ensemble=False)
    return Pipeline([("features", FeatureUnion(features)), ("clf", clf)])
