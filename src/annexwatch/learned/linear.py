"""A linear classifier over named sparse features: the one model shape the learned extractor uses.

Why a linear model over parse features (docs/decisions/0001-learned-extractor.md): it trains on
this 2-core machine in seconds, runs at parse speed, needs nothing at run time but numpy, and
its weights can be read (a model card lists the strongest features of each class).

A model is saved as one `.npz` holding the feature names (an exact vocabulary, not a hash, so
that a weight can be traced to the feature it belongs to), the class names, the weight
matrix (float16: the models ship in the repository) and the biases. Loading uses numpy
with pickles disabled: a model file is data, never code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# A feature is a name (value 1) or a (name, value) pair: dense vectors enter as named dimensions.
Feature = str | tuple[str, float]


def _values(features: Iterable[Feature], index: dict[str, int]) -> dict[int, float]:
    """Column -> value for the known features of a bag; a name given twice counts once."""
    if isinstance(features, list | tuple) and all(isinstance(f, str) for f in features):
        return dict.fromkeys((index[f] for f in features if f in index), 1.0)  # the common case, fast
    out: dict[int, float] = {}
    for feature in features:
        name, value = (feature, 1.0) if isinstance(feature, str) else feature
        column = index.get(name)
        if column is not None:
            out[column] = value
    return out


@dataclass
class LinearModel:
    """Scores of `classes` for a bag of feature names.

    `binary` models score one class against its absence with a sigmoid each (multi-label);
    otherwise the classes are exclusive and a softmax spreads one unit of probability over them.
    """

    classes: list[str]
    features: list[str]
    weights: np.ndarray  # (len(features), len(classes)) or (len(features), 1) for one binary class
    bias: np.ndarray  # (len(classes),)
    binary: bool = False
    index: dict[str, int] = field(init=False, repr=False)
    _weight_of: dict[str, float] | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.features)}
        self.weights = np.asarray(self.weights, dtype=np.float32)
        self.bias = np.asarray(self.bias, dtype=np.float32)

    def scores(self, features: Iterable[Feature]) -> np.ndarray:
        """Raw margins for one bag of features (unknown features are ignored)."""
        return self.partial(features) + self.bias

    def partial(self, features: Iterable[Feature]) -> np.ndarray:
        """The weights' sum over a bag, without the bias: one part of an additive score."""
        values = _values(features, self.index)
        if not values:
            return np.zeros_like(self.bias)
        rows = np.fromiter(values.keys(), dtype=np.int64)
        weights = np.fromiter(values.values(), dtype=np.float32)
        return weights @ self.weights[rows]

    def probabilities_many(self, bags: Sequence[Sequence[str]]) -> list[dict[str, float]]:
        """`probabilities` of many bags of plain names with one numpy pass, not one a bag:
        a sentence's candidate words are scored together."""
        if not bags:
            return []
        rows: list[int] = []
        starts: list[int] = []
        for bag in bags:
            starts.append(len(rows))
            rows.extend(dict.fromkeys(self.index[f] for f in bag if f in self.index))
        margins = np.tile(self.bias, (len(bags), 1))
        ends = [*starts[1:], len(rows)]
        filled = [i for i, (start, end) in enumerate(zip(starts, ends, strict=True)) if end > start]
        if filled:
            # consecutive non-empty bags: each reduceat slice is exactly one bag's rows
            picked = self.weights[np.asarray(rows, dtype=np.int64)]
            summed = np.add.reduceat(picked, [starts[i] for i in filled])
            margins[filled] += summed
        if self.binary:
            probs = 1.0 / (1.0 + np.exp(-margins))
        else:
            shifted = np.exp(margins - margins.max(axis=1, keepdims=True))
            probs = shifted / shifted.sum(axis=1, keepdims=True)
        return [dict(zip(self.classes, row.tolist(), strict=True)) for row in probs]

    def weight_of(self) -> dict[str, float]:
        """Feature -> weight of a one-class model, as plain floats: summing a few of them in
        Python is far cheaper than a numpy call (the pair model sums a few per pair)."""
        if self._weight_of is None:
            column = self.weights[:, 0].astype(float).tolist()
            self._weight_of = dict(zip(self.features, column, strict=True))
        return self._weight_of

    def partial_one(self, features: Iterable[str]) -> float:
        """`partial` of a one-class model over plain feature names (each name counted once)."""
        weights = self.weight_of()
        return sum(weights.get(f, 0.0) for f in dict.fromkeys(features))

    def probabilities_of_margins(self, margins: np.ndarray) -> dict[str, float]:
        if self.binary:
            probs = 1.0 / (1.0 + np.exp(-margins))
        else:
            shifted = np.exp(margins - margins.max())
            probs = shifted / shifted.sum()
        return {name: float(p) for name, p in zip(self.classes, probs, strict=True)}

    def probabilities(self, features: Iterable[Feature]) -> dict[str, float]:
        return self.probabilities_of_margins(self.scores(features))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            classes=np.array(self.classes, dtype=np.str_),
            features=np.array(self.features, dtype=np.str_),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
            binary=np.array([self.binary]),
        )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                classes=[str(c) for c in data["classes"]],
                features=[str(f) for f in data["features"]],
                weights=data["weights"],
                bias=data["bias"],
                binary=bool(data["binary"][0]),
            )

    def strongest(self, class_name: str, count: int = 12) -> list[tuple[str, float]]:
        """The features that push hardest towards `class_name`: what the model card shows."""
        column = self.weights[:, self.classes.index(class_name)]
        order = np.argsort(-column)[:count]
        return [(self.features[i], float(column[i])) for i in order if column[i] > 0]


def fit(
    bags: Sequence[Sequence[Feature]],
    labels: Sequence[str] | Sequence[Sequence[str]],
    *,
    classes: Sequence[str],
    binary: bool = False,
    min_count: int = 2,
    c: float = 1.0,
    seed: int = 11,
) -> LinearModel:
    """Train a logistic-regression model (scikit-learn, a training-only dependency).

    `labels` are one class a bag (exclusive classes) or, with `binary`, a set of classes a bag
    (multi-label: one independent logistic regression a class). Features seen fewer than
    `min_count` times are dropped: they cannot generalise and would only grow the file.
    """
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for bag in bags:
        for name in {f if isinstance(f, str) else f[0] for f in bag}:
            counts[name] = counts.get(name, 0) + 1
    features = sorted(name for name, n in counts.items() if n >= min_count)
    index = {name: i for i, name in enumerate(features)}
    rows, cols, data = [], [], []
    for r, bag in enumerate(bags):
        for col, value in sorted(_values(bag, index).items()):
            rows.append(r)
            cols.append(col)
            data.append(value)
    matrix = csr_matrix((np.array(data, dtype=np.float32), (rows, cols)), shape=(len(bags), len(features)))
    class_list = list(classes)
    if binary:
        weights = np.zeros((len(features), len(class_list)), dtype=np.float32)
        bias = np.zeros(len(class_list), dtype=np.float32)
        for j, name in enumerate(class_list):
            target = np.array([name in set(label) for label in labels], dtype=int)
            if target.sum() in (0, len(target)):  # one value only: a constant, nothing to learn
                bias[j] = 10.0 if target.sum() else -10.0
                continue
            model = LogisticRegression(C=c, solver="liblinear", random_state=seed, max_iter=200)
            model.fit(matrix, target)
            weights[:, j] = model.coef_[0]
            bias[j] = model.intercept_[0]
        return LinearModel(class_list, features, weights, bias, binary=True)
    target_index = np.array([class_list.index(str(label)) for label in labels])
    present = sorted(set(target_index.tolist()))
    if len(present) == 1:  # one class seen: it is always the answer
        bias = np.full(len(class_list), -10.0, dtype=np.float32)
        bias[present[0]] = 10.0
        return LinearModel(
            class_list, features, np.zeros((len(features), len(class_list)), dtype=np.float32), bias
        )
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=1000, random_state=seed)
    model.fit(matrix, target_index)
    weights = np.zeros((len(features), len(class_list)), dtype=np.float32)
    bias = np.full(len(class_list), -10.0, dtype=np.float32)
    coef = model.coef_
    intercept = model.intercept_
    if len(present) == 2:  # scikit-learn gives one column for two classes: the second's margin
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    for k, class_id in enumerate(present):
        weights[:, class_id] = coef[k]
        bias[class_id] = intercept[k]
    return LinearModel(class_list, features, weights, bias, binary=False)
