"""Which learner detects event types best: the comparison behind docs/decisions/0001.

    .venv/bin/python benchmarks/learners.py [--corpus corpus/train] [--folds 4] [--limit N]

Sentence-level event-type detection (does this sentence state an event of type T?), scored by
micro F1 over types on folds by document, so no document is scored by a model it trained:

- rules: the hand rules' events in the sentence (nlp/events.py), no learning;
- linear: logistic regression over annexwatch's named parse features (learned/features.py),
  thresholds at 0.4;
- spacy-bow: spaCy's textcat_multilabel, bag-of-words architecture, trained on CPU;
- spacy-cnn: spaCy's textcat_multilabel, its default ensemble (a tok2vec CNN and bag of
  words), trained on CPU.

Prints one table (learner, P, R, F1, seconds to train and predict every fold). Skips cleanly
when the corpus is absent.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _folds(docs: list, folds: int, seed: int) -> list[int]:
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    fold_of = [0] * len(docs)
    for rank, i in enumerate(order):
        fold_of[i] = rank % folds
    return fold_of


def _micro(predicted: list[set[str]], truth: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(p & t) for p, t in zip(predicted, truth, strict=True))
    fp = sum(len(p - t) for p, t in zip(predicted, truth, strict=True))
    fn = sum(len(t - p) for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _spacy_textcat(
    train: list[tuple[str, set[str]]], test: list[str], labels: list[str], architecture: str, seed: int
):
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    if architecture == "bow":
        config = {
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        }
    else:
        config = {}
    textcat = nlp.add_pipe("textcat_multilabel", config=config)
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {lb: float(lb in gold) for lb in labels}})
        for text, gold in train
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(8):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return [{lb for lb, p in doc.cats.items() if p >= 0.4} for doc in nlp.pipe(test)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "train")
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    parser.add_argument("--skip", default="", help="comma-separated learners to leave out")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; skipping")
        return 0
    from annexwatch.learned.corpus import prepare_corpus
    from annexwatch.learned.linear import fit
    from annexwatch.learned.training import event_types, samples_of

    docs = prepare_corpus(args.corpus)
    if args.limit:
        docs = docs[: args.limit]
    samples = samples_of(docs)
    texts = [str(s.text) for d in docs for s in d.ctx.doc.sents]
    rule_types = []
    for d in docs:
        for s in d.ctx.doc.sents:
            rule_types.append(
                {
                    ev.type
                    for ev in d.rule_events
                    if any(s.start_char <= e.start < s.end_char for e in ev.evidence)
                }
            )
    truth = [set(labels) for labels in samples.type_labels]
    fold_of_doc = _folds(docs, args.folds, args.seed)
    fold = [fold_of_doc[d] for d in samples.type_docs]
    types = event_types()
    rows = []
    skip = set(args.skip.split(","))

    started = time.time()
    rows.append(("rules (no learning)", *_micro(rule_types, truth), time.time() - started))

    started = time.time()
    predicted: list[set[str]] = [set() for _ in truth]
    for k in range(args.folds):
        train = [i for i, f in enumerate(fold) if f != k]
        model = fit(
            [samples.type_bags[i] for i in train],
            [samples.type_labels[i] for i in train],
            classes=types,
            binary=True,
            seed=args.seed,
        )
        for i, f in enumerate(fold):
            if f == k:
                predicted[i] = {t for t, p in model.probabilities(samples.type_bags[i]).items() if p >= 0.4}
    rows.append(("linear over parse features", *_micro(predicted, truth), time.time() - started))

    for name, architecture in (("spacy-bow", "bow"), ("spacy-cnn", "ensemble")):
        if name in skip:
            continue
        started = time.time()
        predicted = [set() for _ in truth]
        for k in range(args.folds):
            train = [(texts[i], truth[i]) for i, f in enumerate(fold) if f != k]
            test_index = [i for i, f in enumerate(fold) if f == k]
            for i, labels in zip(
                test_index,
                _spacy_textcat(train, [texts[i] for i in test_index], types, architecture, args.seed),
                strict=True,
            ):
                predicted[i] = labels
        rows.append((f"{name} textcat_multilabel", *_micro(predicted, truth), time.time() - started))

    print(
        f"sentence-level event-type detection, {len(docs)} documents, {len(truth)} sentences,"
        f" {args.folds} folds by document"
    )
    print("| learner | P | R | F1 | seconds |")
    print("|---|---|---|---|---|")
    for name, p, r, f1, seconds in rows:
        print(f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {seconds:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
