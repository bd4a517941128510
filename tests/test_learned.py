"""The learned extractor: its model shape, its training, and what a user sees of it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annexwatch.errors import PackError
from annexwatch.extract import choose_event_extractor, extract_text
from annexwatch.learned.corpus import prepare_corpus
from annexwatch.learned.events import EventModels, extract_learned_events, models_available
from annexwatch.learned.linear import LinearModel, fit
from annexwatch.learned.training import score_documents, train_models
from annexwatch.models import DateInterval


def test_a_saved_model_loads_without_pickles_and_scores_the_same(tmp_path: Path) -> None:
    model = LinearModel(
        ["none", "source"], ["a", "b"], np.array([[1.0, -1.0], [0.5, 2.0]]), np.array([0.0, 0.1])
    )
    model.save(tmp_path / "m.npz")
    loaded = LinearModel.load(tmp_path / "m.npz")
    assert loaded.classes == ["none", "source"]
    for bag in (["a"], ["b"], ["a", "b", "unknown"], []):
        assert loaded.probabilities(bag) == pytest.approx(model.probabilities(bag), abs=1e-3)


def test_scoring_many_bags_at_once_equals_one_at_a_time() -> None:
    model = LinearModel(
        ["recognize", "annex"], ["a", "b", "c"], np.array([[1.0, -1.0], [0.5, 2.0], [-0.3, 0.1]]),
        np.array([0.2, -0.1]), binary=True,
    )  # fmt: skip
    bags = [[], ["a"], ["zzz"], ["b", "c", "b"], [], ["a", "c"], []]  # empty bags first, between, last
    alone = [model.probabilities(b) for b in bags]
    for together, one in zip(model.probabilities_many(bags), alone, strict=True):
        assert together == pytest.approx(one, abs=1e-6)


def test_fit_learns_which_words_mark_a_class() -> None:
    bags = [["w:recognise", "w:state"], ["w:sign", "w:treaty"], ["w:recognise"], ["w:treaty"]] * 5
    labels = [["recognize"], ["sign_agreement"], ["recognize"], ["sign_agreement"]] * 5
    model = fit(bags, labels, classes=["recognize", "sign_agreement"], binary=True, min_count=1, c=10.0)
    probs = model.probabilities(["w:recognise"])
    assert probs["recognize"] > 0.5 > probs["sign_agreement"]
    assert model.strongest("recognize", 1)[0][0] == "w:recognise"
    exclusive = fit(bags, ["a", "b", "a", "b"] * 5, classes=["a", "b", "c"], min_count=1, c=10.0)
    assert max(exclusive.probabilities(["w:sign"]).items(), key=lambda kv: kv[1])[0] == "b"


def test_an_unknown_event_extractor_is_an_error_naming_the_file() -> None:
    assert choose_event_extractor({"events": "rules"}, "pipeline.yaml") == "rules"
    with pytest.raises(PackError, match=r"pipeline.yaml: events: unknown extractor 'magic'"):
        choose_event_extractor({"events": "magic"}, "pipeline.yaml")


def test_shipped_models_mark_every_event_with_their_version() -> None:
    if not models_available():
        pytest.skip("no trained models in this checkout")
    extraction = extract_text(
        "Russia recognised the independence of Abkhazia on 26 August 2008, "
        "and Georgia condemned the decision.",
        published=DateInterval.day(2008, 8, 27),
    )
    assert extraction.events, "the shipped models found nothing in a plain recognition sentence"
    assert all(ev.rule.startswith("learned.events@") for ev in extraction.events)
    recognitions = [ev for ev in extraction.events if ev.type == "recognize" and ev.modality == "asserted"]
    assert [(ev.source, ev.target) for ev in recognitions] == [("RUS", "XAB")]
    assert recognitions[0].date == DateInterval.day(2008, 8, 26)


# A tiny corpus written for this test: enough for the models to learn the constructions,
# scored only on a document that did not train them.
TINY = {
    "one.txt": (
        "Russia recognised South Ossetia on 26 August 2008. "
        "Georgia condemned the recognition on 27 August 2008. "
        "Russia and Abkhazia signed a treaty on 24 November 2014.",
        [
            ("recognize", "RUS", "XSO", None, "2008-08-26", "Russia recognised South Ossetia"),
            ("condemn", "GEO", "RUS", None, "2008-08-27", "Georgia condemned the recognition"),
            ("sign_agreement", None, None, ["RUS", "XAB"], "2014-11-24", "signed a treaty"),
        ],
    ),
    "two.txt": (
        "Nicaragua recognised Abkhazia on 5 September 2008. Ukraine condemned the move on 6 September 2008. "
        "Russia and South Ossetia signed a treaty on 18 March 2015.",
        [
            ("recognize", "NIC", "XAB", None, "2008-09-05", "Nicaragua recognised Abkhazia"),
            ("condemn", "UKR", "NIC", None, "2008-09-06", "Ukraine condemned the move"),
            ("sign_agreement", None, None, ["RUS", "XSO"], "2015-03-18", "signed a treaty"),
        ],
    ),
    "three.txt": (
        "Venezuela recognised South Ossetia on 10 September 2009. "
        "Moldova condemned the recognition on 11 September 2009. "
        "Armenia and Nagorno-Karabakh signed a treaty on 2 May 2010.",
        [
            ("recognize", "VEN", "XSO", None, "2009-09-10", "Venezuela recognised South Ossetia"),
            ("condemn", "MDA", "VEN", None, "2009-09-11", "Moldova condemned the recognition"),
            ("sign_agreement", None, None, ["ARM", "XNK"], "2010-05-02", "signed a treaty"),
        ],
    ),
}


def _write_corpus(root: Path, docs: dict) -> None:
    import yaml

    (root / "docs").mkdir(parents=True)
    (root / "gold").mkdir()
    for name, (text, events) in docs.items():
        (root / "docs" / name).write_text(text + "\n", encoding="utf-8")
        gold_events = []
        for kind, source, target, parties, date, key in events:
            entry = {"type": kind, "date": date, "text": key}
            if parties:
                entry["parties"] = parties
            else:
                entry.update(source=source, target=target)
            gold_events.append(entry)
        gold = {"document": name, "published": "2020-01-01", "events": gold_events}
        (root / "gold" / (Path(name).stem + ".yaml")).write_text(yaml.safe_dump(gold), encoding="utf-8")


def test_models_trained_on_a_corpus_find_events_in_a_document_they_never_saw(tmp_path: Path) -> None:
    _write_corpus(tmp_path / "train", TINY)
    _write_corpus(
        tmp_path / "unseen",
        {
            "four.txt": (
                "Nauru recognised Abkhazia on 15 December 2009. "
                "Georgia condemned the recognition on 16 December 2009.",
                [
                    ("recognize", "NRU", "XAB", None, "2009-12-15", "Nauru recognised Abkhazia"),
                    ("condemn", "GEO", "NRU", None, "2009-12-16", "Georgia condemned the recognition"),
                ],
            )
        },
    )
    models, figures = train_models(prepare_corpus(tmp_path / "train"), tune=False)
    assert figures["documents"] == 3 and figures["unaligned_keys"] == 0
    unseen = prepare_corpus(tmp_path / "unseen")
    events = extract_learned_events(unseen[0].ctx, unseen[0].rule_events, models)
    found = {(ev.type, ev.source, ev.target) for ev in events if ev.modality == "asserted"}
    assert ("recognize", "NRU", "XAB") in found
    assert score_documents(unseen, models).events.recall == 1.0
    # what `make train` writes is what ingest loads: the same events from the saved models
    models.save(tmp_path / "models")
    loaded = EventModels.load(tmp_path / "models")
    again = extract_learned_events(unseen[0].ctx, unseen[0].rule_events, loaded)
    assert [(e.type, e.source, e.target, e.parties, e.date) for e in again] == [
        (e.type, e.source, e.target, e.parties, e.date) for e in events
    ]


def test_an_undated_reaction_runs_from_the_story_s_last_date_to_publication() -> None:
    from annexwatch.extract import build_context
    from annexwatch.learned.events import bounded_by_story

    text = "Russia recognised Abkhazia on 26 August 2008. Georgia condemned the decision."
    ctx = build_context(text, DateInterval.day(2008, 8, 30))
    first, second = list(ctx.doc.sents)
    assert bounded_by_story(ctx, second) == DateInterval.between(
        DateInterval.day(2008, 8, 26).start, DateInterval.day(2008, 8, 30).end
    )
    assert bounded_by_story(ctx, first) is None  # nothing earlier bounds the first act


def test_an_act_in_the_soviet_period_is_the_soviet_union_s() -> None:
    from annexwatch.learned.events import as_predecessor
    from annexwatch.models import Event

    def event(year: int) -> Event:
        return Event("recognize", "RUS", "XTU", None, DateInterval.year(year), "asserted", None, None, [])

    old, new = event(1926), event(2008)
    as_predecessor(old)
    as_predecessor(new)
    assert (old.source, new.source) == ("SUN", "RUS")


def test_pairs_scored_by_parts_equal_the_whole_pair_score() -> None:
    from annexwatch.learned.events import PAIR_CLASS, score_pairs
    from annexwatch.learned.features import Candidate, pair_features

    features = ["a.dep:nsubj", "b.dep:dobj", "a.kind:name", "b.kind:adjective", "bias", "type:recognize",
                "b.none", "recognize|b.none", "cats:state-territory"]  # fmt: skip
    weights = np.linspace(-1.0, 1.2, len(features)).reshape(-1, 1)
    model = LinearModel([PAIR_CLASS], features, weights, np.array([0.3]), binary=True)
    by_code = {"RUS": Candidate("RUS", "here"), "XAB": Candidate("XAB", "here")}
    own = {"RUS": ["dep:nsubj", "kind:name", "kind:name"], "XAB": ["dep:dobj", "kind:adjective"]}
    fast = score_pairs(model, "recognize", by_code, own)
    for (a, b), p in fast.items():
        second = by_code.get(b) if b else None
        whole = pair_features("recognize", by_code[a], own[a], second, own[b] if b else [])
        slow = model.probabilities(whole)[PAIR_CLASS]
        assert p == pytest.approx(slow, abs=1e-3)


@pytest.mark.parametrize(
    ("sentence", "word", "present"),
    [
        ("Some 3,500 Russian troops are based in Tskhinvali.", "based", True),
        ("Moscow pays for most of the budget.", "pays", True),
        ("Russia deployed troops to Tskhinvali.", "deployed", False),
        ("Syria has recognised Abkhazia.", "recognised", False),
    ],
)
def test_a_state_told_in_the_present_is_no_dated_act(sentence: str, word: str, present: bool) -> None:
    from annexwatch.extract import build_context
    from annexwatch.learned.events import _told_in_present

    doc = build_context(sentence, None).doc
    trigger = next(t for t in doc if t.text == word)
    assert _told_in_present(trigger) is present
