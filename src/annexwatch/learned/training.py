"""Training the event models from a gold corpus, and scoring them without touching a store.

    python -m annexwatch.learned.training --corpus corpus/train --out src/annexwatch/models
    python -m annexwatch.learned.training --corpus corpus/train --leave-one-territory-out

Everything is deterministic for a seed: documents are taken in sorted order, and the solvers
are seeded. Thresholds of the type detector are chosen by cross-validation over documents (the
out-of-fold probabilities of every sentence), never on the data being scored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annexwatch.evaluate import EvalReport, GoldEvent, score
from annexwatch.learned.corpus import PreparedDocument, prepare_corpus
from annexwatch.learned.events import (
    MODALITIES,
    MODELS_DIR,
    PAIR_CLASS,
    EventModels,
    candidate_pairs,
    extract_learned_events,
    rule_events_in,
)
from annexwatch.learned.features import (
    candidates,
    focus_territory,
    pair_features,
    role_features,
    sentence_features,
)
from annexwatch.learned.linear import LinearModel, fit
from annexwatch.learned.triggers import (
    candidate_triggers,
    mention_token_kinds,
    modality_features,
    trigger_features,
)
from annexwatch.models import ActorMention, Event

THRESHOLD_GRID = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)
DEFAULT_THRESHOLD = 0.4
FOLDS = 4


@dataclass
class Samples:
    """Feature bags and labels for the three event models, with the document each came from."""

    type_bags: list[list[str]] = field(default_factory=list)
    type_labels: list[list[str]] = field(default_factory=list)
    type_docs: list[int] = field(default_factory=list)
    sentence_bags: list[list[str]] = field(default_factory=list)
    sentence_labels: list[list[str]] = field(default_factory=list)
    sentence_docs: list[int] = field(default_factory=list)
    modality_bags: list[list[str]] = field(default_factory=list)
    modality_labels: list[str] = field(default_factory=list)
    pair_bags: list[list[str]] = field(default_factory=list)
    pair_labels: list[list[str]] = field(default_factory=list)


def _true_pairs(events: Sequence[GoldEvent], codes: set[str]) -> set[tuple[str, str | None]]:
    """The (first, second) pairs of candidates that gold events of one type make.

    A side the candidates cannot supply leaves the other alone: (source, None) is then the
    best a system can do, and is what the model should learn to say.
    """
    pairs: set[tuple[str, str | None]] = set()
    for ev in events:
        if ev.symmetric:
            sides = sorted(p for p in ev.parties if p in codes)
            if len(sides) == 1:
                pairs.add((sides[0], None))
            for i, a in enumerate(sides):
                for b in sides[i + 1 :]:
                    pairs.add((a, b))
                    pairs.add((b, a))
        elif ev.source in codes:
            pairs.add((ev.source, ev.target if ev.target in codes else None))
    return pairs


def _modality_of(events: Sequence[GoldEvent]) -> str:
    modalities = [str(ev.raw.get("modality") or "asserted") for ev in events]
    return "asserted" if "asserted" in modalities else modalities[0]


def samples_of(docs: Sequence[PreparedDocument]) -> Samples:
    """Trigger, modality and actor-pair samples of gold documents.

    Every candidate word of every sentence is a trigger sample (labelled with the types of the
    gold events whose key it heads, often none); every gold trigger gives a modality sample and
    one pair sample for each way two candidate actors could be its sides.
    """
    out = Samples()
    for doc_index, doc in enumerate(docs):
        ctx = doc.ctx
        focus = focus_territory(ctx)
        previous: list[ActorMention] = []
        for sent in ctx.doc.sents:
            mentions = ctx.mentions_in(sent.start_char, sent.end_char)
            rules_here = rule_events_in(doc.rule_events, sent.start_char, sent.end_char)
            masked = mention_token_kinds(ctx.doc, mentions)
            triggers = {t.i: t for t in candidate_triggers(sent, set(masked))}
            for i in doc.events_by_trigger:
                if sent.start <= i < sent.end:
                    triggers.setdefault(i, ctx.doc[i])
            cands = candidates(ctx, sent, previous, focus)
            out.sentence_bags.append(sentence_features(sent, mentions, rules_here))
            out.sentence_labels.append(
                sorted(
                    {
                        ev.type
                        for i, evs in doc.events_by_trigger.items()
                        if sent.start <= i < sent.end
                        for ev in evs
                    }
                )
            )
            out.sentence_docs.append(doc_index)
            for i in sorted(triggers):
                tok = triggers[i]
                gold_here = doc.events_by_trigger.get(i, [])
                out.type_bags.append(trigger_features(tok, sent, masked, rules_here))
                out.type_labels.append(sorted({ev.type for ev in gold_here}))
                out.type_docs.append(doc_index)
                for event_type in sorted({ev.type for ev in gold_here}):
                    of_type = [ev for ev in gold_here if ev.type == event_type]
                    out.modality_bags.append(modality_features(tok, event_type, rules_here))
                    out.modality_labels.append(_modality_of(of_type))
                    codes = [c.code for c in cands]
                    truth = _true_pairs(of_type, set(codes))
                    own = {
                        c.code: role_features(ctx, sent, event_type, c, cands, rules_here, focus, tok)
                        for c in cands
                    }
                    by_code = {c.code: c for c in cands}
                    for a, b in candidate_pairs(event_type, codes):
                        second = by_code.get(b) if b else None
                        out.pair_bags.append(
                            pair_features(event_type, by_code[a], own[a], second, own[b] if b else [])
                        )
                        out.pair_labels.append([PAIR_CLASS] if (a, b) in truth else [])
            if mentions:
                previous = mentions
    return out


def event_types() -> list[str]:
    from annexwatch.pack import load_vocabulary

    return sorted(load_vocabulary().event_types)


def _best_threshold(probs: Sequence[float], truth: Sequence[bool]) -> float:
    positives = sum(truth)
    if positives < 5:
        return DEFAULT_THRESHOLD
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for threshold in THRESHOLD_GRID:
        tp = sum(1 for p, t in zip(probs, truth, strict=True) if p >= threshold and t)
        fp = sum(1 for p, t in zip(probs, truth, strict=True) if p >= threshold and not t)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = threshold, f1
    return best


def tune_thresholds(
    bags: Sequence[Sequence[Any]],
    labels: Sequence[Sequence[str]],
    docs: Sequence[int],
    types: list[str],
    seed: int,
) -> tuple[dict[str, float], dict[str, float]]:
    """Per-type thresholds from out-of-fold probabilities (folds by document), and the F1 at them."""
    doc_ids = sorted(set(docs))
    rng = random.Random(seed)
    rng.shuffle(doc_ids)
    fold_of = {d: i % FOLDS for i, d in enumerate(doc_ids)}
    oof: list[dict[str, float]] = [{} for _ in bags]
    for fold in range(FOLDS):
        train = [i for i, d in enumerate(docs) if fold_of[d] != fold]
        test = [i for i, d in enumerate(docs) if fold_of[d] == fold]
        if not train or not test:
            continue
        model = fit(
            [bags[i] for i in train], [labels[i] for i in train], classes=types, binary=True, seed=seed
        )
        for i in test:
            oof[i] = model.probabilities(bags[i])
    thresholds, f1s = {}, {}
    for t in types:
        probs = [o.get(t, 0.0) for o in oof]
        truth = [t in gold for gold in labels]
        thresholds[t] = _best_threshold(probs, truth)
        tp = sum(1 for p, g in zip(probs, truth, strict=True) if p >= thresholds[t] and g)
        fp = sum(1 for p, g in zip(probs, truth, strict=True) if p >= thresholds[t] and not g)
        fn = sum(truth) - tp
        f1s[t] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return thresholds, f1s


def train_models(
    docs: Sequence[PreparedDocument], *, seed: int = 11, tune: bool = True, version: str | None = None
) -> tuple[EventModels, dict[str, Any]]:
    """The three event models from prepared gold documents, and figures for the model card."""
    samples = samples_of(docs)
    types = event_types()
    default = {t: DEFAULT_THRESHOLD for t in types}
    thresholds, trigger_f1 = (
        tune_thresholds(samples.type_bags, samples.type_labels, samples.type_docs, types, seed)
        if tune
        else (default, {})
    )
    sentence_thresholds, sentence_f1 = (
        tune_thresholds(samples.sentence_bags, samples.sentence_labels, samples.sentence_docs, types, seed)
        if tune
        else (default, {})
    )
    type_model = fit(samples.type_bags, samples.type_labels, classes=types, binary=True, seed=seed)
    sentence_model = fit(
        samples.sentence_bags, samples.sentence_labels, classes=types, binary=True, seed=seed
    )
    modality_model = fit(samples.modality_bags, samples.modality_labels, classes=list(MODALITIES), seed=seed)
    pair_model = fit(
        samples.pair_bags, samples.pair_labels, classes=[PAIR_CLASS], binary=True, seed=seed, c=0.5
    )
    models = EventModels(
        types=type_model,
        sentence_types=sentence_model,
        sentence_thresholds=sentence_thresholds,
        modality=modality_model,
        pairs=pair_model,
        thresholds=thresholds,
        version=version or dt.date.today().isoformat(),
    )
    figures = {
        "documents": len(docs),
        "sentences": len(samples.type_bags),
        "gold_events": sum(len(d.gold.events) + len(d.gold.non_asserted) for d in docs),
        "unaligned_keys": sum(len(d.unaligned) for d in docs),
        "type_samples_positive": sum(1 for labels in samples.type_labels if labels),
        "modality_samples": len(samples.modality_bags),
        "pair_samples": len(samples.pair_bags),
        "trigger_f1_cv": trigger_f1,
        "sentence_f1_cv": sentence_f1,
    }
    return models, figures


# --------------------------------------------------------------------------------------
# Scoring prepared documents (no store): the records a user would export
# --------------------------------------------------------------------------------------


def _evidence(spans: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"start": e.start, "end": e.end, "text": e.text} for e in spans]


def _date(interval: Any) -> dict[str, str] | None:
    return interval.to_dict() if interval is not None else None


def records_of(doc: PreparedDocument, events: Sequence[Event]) -> list[dict[str, Any]]:
    """Export-format records of one document: learned events, rule claims, quotes and indicators."""
    name = doc.name
    out: list[dict[str, Any]] = [
        {"kind": "document", "document": name, "published": _date(doc.document.published)}
    ]
    for ev in events:
        out.append(
            {
                "kind": "event",
                "document": name,
                "type": ev.type,
                "source": ev.source,
                "target": ev.target,
                "parties": ev.parties,
                "date": _date(ev.date),
                "modality": ev.modality,
                "evidence": _evidence(ev.evidence),
            }
        )
    for c in doc.claims:
        out.append(
            {
                "kind": "claim",
                "document": name,
                "subject": c.subject,
                "attribute": c.attribute,
                "value": c.value,
                "low": c.low,
                "high": c.high,
                "unit": c.unit,
                "currency": c.currency,
                "qualifier": c.qualifier,
                "evidence": _evidence(c.evidence),
            }
        )
    for q in doc.quotes:
        out.append(
            {
                "kind": "quote",
                "document": name,
                "speaker": q.speaker,
                "actor": q.actor,
                "text": q.text,
                "evidence": _evidence(q.evidence),
            }
        )
    for ind in doc.indicators:
        out.append(
            {
                "kind": "indicator",
                "document": name,
                "territory": ind.territory,
                "patron": ind.patron,
                "dimension": ind.dimension,
                "level": ind.level,
                "evidence": _evidence(ind.evidence),
            }
        )
    return out


def score_documents(docs: Sequence[PreparedDocument], models: EventModels | None) -> EvalReport:
    """Score learned events (or, with no models, the rules' events) against the documents' gold."""
    records: list[dict[str, Any]] = []
    for doc in docs:
        events = extract_learned_events(doc.ctx, doc.rule_events, models) if models else doc.rule_events
        records += records_of(doc, events)
    return score({d.name: d.gold for d in docs}, records, {d.name: d.ctx.text for d in docs})


def cross_validate(docs: Sequence[PreparedDocument], folds: int = FOLDS, seed: int = 11) -> EvalReport:
    """Every document scored by models trained on the other folds (folds by document)."""
    order = list(range(len(docs)))
    random.Random(seed).shuffle(order)
    fold_of = {i: rank % folds for rank, i in enumerate(order)}
    records: list[dict[str, Any]] = []
    for fold in range(folds):
        held = [d for i, d in enumerate(docs) if fold_of[i] == fold]
        rest = [d for i, d in enumerate(docs) if fold_of[i] != fold]
        models, _ = train_models(rest, seed=seed)
        for doc in held:
            records += records_of(doc, extract_learned_events(doc.ctx, doc.rule_events, models))
    return score({d.name: d.gold for d in docs}, records, {d.name: d.ctx.text for d in docs})


def leave_one_territory_out(
    docs: Sequence[PreparedDocument], seed: int = 11, tune: bool = False
) -> Iterator[tuple[str, int, EvalReport]]:
    """For each territory: train on every other territory's documents, score on its own.

    Thresholds stay at DEFAULT_THRESHOLD unless `tune`: tuning costs four extra trainings a
    territory (fifteen territories), and must not see the territory held out either way.
    """
    for territory in sorted({d.territory for d in docs if d.territory}):
        held = [d for d in docs if d.territory == territory]
        rest = [d for d in docs if d.territory != territory]
        models, _ = train_models(rest, seed=seed, tune=tune)
        yield territory, len(held), score_documents(held, models)


# --------------------------------------------------------------------------------------
# The model card
# --------------------------------------------------------------------------------------


def model_card(models: EventModels, figures: dict[str, Any], corpus: Path, seed: int, seconds: float) -> str:
    import sklearn

    lines = [
        "# Model card: learned event extraction",
        "",
        f"- version: `{models.version}`; seed {seed}; trained in {seconds:.0f} s on this machine's CPU;"
        f" scikit-learn {sklearn.__version__} (training only; inference is numpy).",
        f"- data: `{corpus}`: {figures['documents']} documents, {figures['sentences']} sentences,"
        f" {figures['gold_events']} gold events"
        f" ({figures['unaligned_keys']} with no text key found in the text).",
        "- models: logistic regression over named sparse features (annexwatch/learned/features.py):"
        " event types (one binary model a type, over sentence words with actors masked by kind, verb-object"
        " and noun-head pairs, negation and the hand rules' types as features), modality (4 classes)"
        " and actor roles (none/source/target/party, over the mention's dependency, preposition, governing"
        " verb, position, kind, the pack's parent/patron relations and the rules' roles).",
        f"- samples: {figures['type_samples_positive']} sentences stating an event,"
        f" {figures['modality_samples']}"
        f" modality samples, {figures['pair_samples']} actor-pair samples.",
        "- thresholds of the type detector: chosen per type on out-of-fold probabilities"
        " (4 folds by document).",
        "",
        "## Sentence-level type detection, cross-validated on the training corpus",
        "",
        "| type | threshold | F1 (out of fold) |",
        "|---|---|---|",
    ]
    for t in sorted(models.thresholds):
        f1 = figures["sentence_f1_cv"].get(t)
        lines.append(f"| {t} | {models.thresholds[t]:.2f} | {'' if f1 is None else f'{f1:.2f}'} |")
    lines += ["", "## What each type leans on (strongest features)", ""]
    for t in sorted(models.thresholds):
        top = ", ".join(f"`{name}`" for name, _ in models.types.strongest(t, 6))
        lines.append(f"- {t}: {top}")
    lines += [
        "",
        "Blind figures (first runs on fresh fixtures) are in benchmarks/blind-ledger.md, not here:"
        " a figure on the training corpus says little about unseen text.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train annexwatch's event models from a gold corpus.")
    parser.add_argument("--corpus", type=Path, default=Path("corpus/train"))
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--version", default=None, help="the version recorded on every learned record")
    parser.add_argument(
        "--leave-one-territory-out", action="store_true", help="print LOTO scores instead of training"
    )
    parser.add_argument("--cross-validate", action="store_true", help="print 4-fold and rules-only scores")
    parser.add_argument("--tune", action="store_true", help="LOTO: tune thresholds inside each fold (slower)")
    args = parser.parse_args(argv)
    started = time.time()
    docs = prepare_corpus(args.corpus, progress=True)
    if not docs:
        print(f"{args.corpus}: no gold documents found", file=sys.stderr)
        return 2
    print(f"prepared {len(docs)} documents in {time.time() - started:.0f} s", flush=True)
    if args.cross_validate:
        print(f"rules alone:            {score_documents(docs, None).summary_line()}")
        print(f"learned, 4-fold by doc: {cross_validate(docs, seed=args.seed).summary_line()}")
        return 0
    if args.leave_one_territory_out:
        print("| territory | documents | events P | R | F1 | strict F1 |")
        print("|---|---|---|---|---|---|")
        scores: dict[str, float] = {}
        for territory, count, report in leave_one_territory_out(docs, args.seed, tune=args.tune):
            ev = report.events
            scores[territory] = ev.f1
            print(
                f"| {territory} | {count} | {ev.precision:.2f} | {ev.recall:.2f} | {ev.f1:.2f}"
                f" | {report.events_strict.f1:.2f} |",
                flush=True,
            )
        worst = min(scores, key=scores.__getitem__)
        mean = sum(scores.values()) / len(scores)
        print(f"lowest events F1: {scores[worst]:.2f} ({worst}); mean {mean:.2f}")
        return 0
    models, figures = train_models(docs, seed=args.seed, version=args.version)
    models.save(args.out)
    seconds = time.time() - started
    (args.out / "MODEL_CARD.md").write_text(
        model_card(models, figures, args.corpus, args.seed, seconds), encoding="utf-8"
    )
    print(f"trained on {figures['documents']} documents in {seconds:.0f} s -> {args.out}")
    return 0


__all__ = ["LinearModel", "leave_one_territory_out", "main", "records_of", "score_documents", "train_models"]

if __name__ == "__main__":
    sys.exit(main())
