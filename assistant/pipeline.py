"""The one place where classifier pipelines are built: training, CLI and notebooks use it."""
from __future__ import annotations

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .features import NavecMean, char_preprocessor, lemma_analyzer


def build_features(*, navec: bool = False, char_ngrams: tuple[int, int] = (2, 5), char_min_df: int = 2) -> FeatureUnion:
    """Lemma uni/bigrams + character n-grams (+ optional Navec mean), TF-IDF weighted."""
    features = [
        ("words", TfidfVectorizer(analyzer=lemma_analyzer, sublinear_tf=True, min_df=1)),
        ("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=char_preprocessor,
                                  ngram_range=char_ngrams, sublinear_tf=True, min_df=char_min_df)),
    ]
    if navec:
        features.append(("navec", NavecMean()))
    return FeatureUnion(features)


def build_classifier(*, C: float = 0.5, seed: int = 0) -> CalibratedClassifierCV:
    """A linear SVM with sigmoid-calibrated probabilities."""
    svm = LinearSVC(C=C, class_weight="balanced", random_state=seed)
    return CalibratedClassifierCV(svm, method="sigmoid", cv=5, ensemble=False)


def build_pipeline(*, C: float = 0.5, navec: bool = False, char_ngrams: tuple[int, int] = (2, 5),
                   char_min_df: int = 2, seed: int = 0) -> Pipeline:
    """Lemma uni/bigrams + character n-grams (+ optional Navec mean) → calibrated linear SVM."""
    features = build_features(navec=navec, char_ngrams=char_ngrams, char_min_df=char_min_df)
    return Pipeline([("features", features), ("clf", build_classifier(C=C, seed=seed))])


def fit_on_shared_features(features: FeatureUnion, X, y, *, C: float = 0.5, seed: int = 0) -> Pipeline:
    """A pipeline whose features were fitted beforehand (several models over one vocabulary: the fast path
    then computes a text's features once for all of them); only the classifier is fitted here."""
    clf = build_classifier(C=C, seed=seed).fit(features.transform(X), y)
    return Pipeline([("features", features), ("clf", clf)])
