"""Merging event mentions across documents: a pure function of the mentions and the pack.

Mentions are grouped by a key (type, actors, modality); within a group they are clustered
by date:

1. dated mentions, most precise first, join the cluster whose date they overlap (the
   narrowest such cluster), unless both name an agreement and the names differ;
2. a mention that overlaps none joins a cluster anyway, with a date conflict, when it is
   plainly the same event: a singular type (one recognition between two states) or the
   same named agreement, within the pack's conflict window;
3. undated mentions join the only cluster of their group that names their agreement, or,
   for a singular type, the only one that does not lie after their document was
   published; otherwise they stay together as one undated event, since nothing says
   which dated event they are (an undated "ceasefire between Georgia and South Ossetia"
   may be that of 1992 or of 2008).

The merged date is the intersection of the mentions' dates, the narrowest interval all
of them allow. With a conflict it is the intersection of the largest set of agreeing
documents, and every source's date is kept for the analyst.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from annexwatch.models import DateInterval
from annexwatch.pack import PACK_DIR, load_yaml


@dataclass(frozen=True)
class Mention:
    """One extracted event, as the merger sees it."""

    event_id: int
    document: str
    type: str
    source: str | None
    target: str | None
    parties: tuple[str, ...] | None
    modality: str
    date: DateInterval | None
    agreement: str | None = None
    persons: tuple[str, ...] = ()
    date_text: str | None = None
    # the latest day its document can have been published: an asserted event it reports
    # happened by then, which rules out joining an undated mention to a later event
    published_end: dt.date | None = None

    @property
    def key(self) -> str:
        return merge_key(self.type, self.source, self.target, self.parties, self.modality)


def merge_key(type_: str, source: str | None, target: str | None, parties: Any, modality: str) -> str:
    """The group an event merges within. Parties are a set: their order does not matter."""
    party_part = "+".join(sorted(parties)) if parties else ""
    return f"{type_}|{source or ''}|{target or ''}|{party_part}|{modality}"


@dataclass
class Joined:
    mention: Mention
    reason: str
    date_agrees: bool = True


@dataclass
class Cluster:
    """A merged event in the making."""

    members: list[Joined] = field(default_factory=list)
    date: DateInterval | None = None
    agreement_names: set[str] = field(default_factory=set)

    @property
    def mentions(self) -> list[Mention]:
        return [j.mention for j in self.members]

    @property
    def has_conflict(self) -> bool:
        return any(not j.date_agrees for j in self.members)


@dataclass(frozen=True)
class MergeRules:
    singular_types: frozenset[str]
    named_agreement_types: frozenset[str]
    conflict_window_days: int
    agreement_stopwords: frozenset[str]


@lru_cache(maxsize=2)
def load_merge_rules(pack_dir: Any = PACK_DIR) -> MergeRules:
    raw = load_yaml("knowledge.yaml", pack_dir)["merge"]
    return MergeRules(
        singular_types=frozenset(raw["singular_types"]),
        named_agreement_types=frozenset(raw["named_agreement_types"]),
        conflict_window_days=int(raw["conflict_window_days"]),
        agreement_stopwords=frozenset(raw["agreement_stopwords"]),
    )


def agreement_signature(name: str | None, rules: MergeRules) -> str | None:
    """An agreement name reduced to its content words, for comparison across articles."""
    if not name:
        return None
    words = [
        w
        for w in re.findall(r"[a-z0-9]+", name.lower().replace("’", "'"))
        if w not in rules.agreement_stopwords
    ]
    # "treaties" and "treaty" name the same kind of document
    words = [w[:-3] + "y" if w.endswith("ies") else w.rstrip("s") if len(w) > 3 else w for w in words]
    # a year in the name ("the 2015 treaty") is a date, compared as a date instead
    words = [w for w in words if not re.fullmatch(r"\d{4}", w)]
    return " ".join(sorted(set(words))) or None


def cluster_mentions(mentions: list[Mention], rules: MergeRules | None = None) -> list[Cluster]:
    """Cluster the mentions of one group (same key) into merged events."""
    rules = rules or load_merge_rules()
    dated = sorted(
        (m for m in mentions if m.date is not None),
        key=lambda m: (m.date.width_days, m.date.start, m.document, m.event_id),  # type: ignore[union-attr]
    )
    undated = sorted((m for m in mentions if m.date is None), key=lambda m: (m.document, m.event_id))
    clusters: list[Cluster] = []
    for mention in dated:
        _place_dated(mention, clusters, rules)
    for mention in undated:
        _place_undated(mention, clusters, rules)
    for cluster in clusters:
        _settle_date(cluster)
    return clusters


def _place_dated(mention: Mention, clusters: list[Cluster], rules: MergeRules) -> None:
    assert mention.date is not None
    signature = agreement_signature(mention.agreement, rules)
    compatible = [
        c
        for c in clusters
        if c.date is not None and c.date.overlaps(mention.date) and _names_agree(c, signature)
    ]
    if compatible:
        target = min(compatible, key=lambda c: (c.date.width_days, c.date.start))  # type: ignore[union-attr]
        reason = f"{_how_dates_agree(mention.date, target.date)}; same type and actors"
        if signature and signature in target.agreement_names:
            reason += "; same agreement"
        _join(target, Joined(mention, reason), signature)
        target.date = target.date.intersect(mention.date)  # type: ignore[union-attr]
        return
    conflicting = [c for c in clusters if _plainly_same(c, mention, signature, rules)]
    if conflicting:
        target = min(conflicting, key=lambda c: _gap_days(c.date, mention.date))  # type: ignore[arg-type]
        why = (
            "the same named agreement"
            if signature in target.agreement_names
            else (f"a {mention.type} happens once between the same actors")
        )
        reason = f"its date {mention.date} disagrees with {target.date}, but it is {why}"
        _join(target, Joined(mention, reason, date_agrees=False), signature)
        return
    cluster = Cluster(date=mention.date)
    _join(
        cluster,
        Joined(mention, "first mention" + (f"; agreement {mention.agreement!r}" if signature else "")),
        signature,
    )
    clusters.append(cluster)


def _place_undated(mention: Mention, clusters: list[Cluster], rules: MergeRules) -> None:
    signature = agreement_signature(mention.agreement, rules)
    possible = [c for c in clusters if _not_after_publication(c, mention)]
    if signature:
        named = [c for c in possible if signature in c.agreement_names]
        if len(named) == 1:
            _join(named[0], Joined(mention, "undated; it names the same agreement"), signature)
            return
    dated = [c for c in possible if c.date is not None and _names_agree(c, signature)]
    if mention.type in rules.singular_types and len(dated) == 1:
        reason = f"undated; the only {mention.type} between these actors"
        _join(dated[0], Joined(mention, reason), signature)
        return
    undated_cluster = next((c for c in clusters if c.date is None and _names_agree(c, signature)), None)
    if undated_cluster is None:
        undated_cluster = Cluster()
        clusters.append(undated_cluster)
        reason = "first undated mention"
        if dated:
            reason += (
                f"; {len(dated)} dated event(s) of this kind between these actors, nothing says which it is"
            )
    else:
        reason = "undated, like the other mentions of this event"
    _join(undated_cluster, Joined(mention, reason), signature)


def _not_after_publication(cluster: Cluster, mention: Mention) -> bool:
    """An asserted event reported by a document happened by its publication."""
    if cluster.date is None or mention.published_end is None or mention.modality != "asserted":
        return True
    return cluster.date.start <= mention.published_end


def _join(cluster: Cluster, joined: Joined, signature: str | None) -> None:
    cluster.members.append(joined)
    if signature:
        cluster.agreement_names.add(signature)


def _names_agree(cluster: Cluster, signature: str | None) -> bool:
    """Two named agreements with different names are different events."""
    return not signature or not cluster.agreement_names or signature in cluster.agreement_names


def _plainly_same(cluster: Cluster, mention: Mention, signature: str | None, rules: MergeRules) -> bool:
    if cluster.date is None or mention.date is None:
        return False
    if _gap_days(cluster.date, mention.date) > rules.conflict_window_days:
        return False
    if mention.type in rules.named_agreement_types:
        return bool(signature) and signature in cluster.agreement_names
    return mention.type in rules.singular_types and _names_agree(cluster, signature)


def _gap_days(a: DateInterval, b: DateInterval) -> int:
    if a.overlaps(b):
        return 0
    return (b.start - a.end).days if a.end < b.start else (a.start - b.end).days


def _settle_date(cluster: Cluster) -> None:
    """With a conflict, the date the most documents agree on (ties: the most precise)."""
    if not cluster.has_conflict:
        return
    groups: list[tuple[DateInterval, set[str]]] = []
    for joined in cluster.members:
        date = joined.mention.date
        if date is None:
            continue
        for i, (interval, documents) in enumerate(groups):
            common = interval.intersect(date)
            if common is not None:
                groups[i] = (common, documents | {joined.mention.document})
                break
        else:
            groups.append((date, {joined.mention.document}))
    best, _ = max(groups, key=lambda g: (len(g[1]), -g[0].width_days, -g[0].start.toordinal()))
    cluster.date = best
    for joined in cluster.members:
        date = joined.mention.date
        joined.date_agrees = date is None or date.overlaps(best)


def conflict_summary(cluster: Cluster) -> list[dict[str, Any]] | None:
    """Each source's date when the mentions disagree: what the analyst must reconcile."""
    if not cluster.has_conflict:
        return None
    return [
        {
            "document": j.mention.document,
            "event_id": j.mention.event_id,
            "date": j.mention.date.to_dict() if j.mention.date else None,
            "date_text": j.mention.date_text,
            "agrees": j.date_agrees,
        }
        for j in sorted(cluster.members, key=lambda j: (j.mention.document, j.mention.event_id))
        if j.mention.date is not None
    ]


def conflict_text(conflict: list[dict[str, Any]] | None) -> str | None:
    """'2008-08-26 (7 documents) vs 2008-08-27 (so-2018-syria-recognition.txt)'."""
    if not conflict:
        return None
    by_date: dict[str, list[str]] = {}
    for entry in conflict:
        interval = DateInterval.from_dict(entry["date"])
        by_date.setdefault(str(interval), []).append(entry["document"])
    parts = []
    for date, documents in sorted(by_date.items(), key=lambda kv: -len(kv[1])):
        unique = sorted(set(documents))
        who = unique[0] if len(unique) == 1 else f"{len(unique)} documents"
        parts.append(f"{date} ({who})")
    return " vs ".join(parts)


def merged_persons(cluster: Cluster) -> list[str]:
    return sorted({p for m in cluster.mentions for p in m.persons})


def _how_dates_agree(mine: DateInterval, theirs: DateInterval) -> str:
    """'its date 2015 contains 2015-03-18': which way the coarser date holds the finer one."""
    if mine == theirs:
        return f"same date {mine}"
    if mine.contains(theirs):
        return f"its date {mine} contains {theirs}"
    if theirs.contains(mine):
        return f"its date {mine} lies within {theirs}"
    return f"its date {mine} overlaps {theirs}"


def merged_agreement(cluster: Cluster) -> str | None:
    """The name most mentions give the agreement (the longest spelling on a tie)."""
    names = Counter(m.agreement for m in cluster.mentions if m.agreement)
    if not names:
        return None
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
