"""Knowledge across articles: merged events, contested figures, the integration scorecard.

Everything here is derived from the stored extractions; `refresh` keeps it current after
an ingest and `rebuild` recomputes it from scratch with the same result.
"""

from annexwatch.knowledge.refresh import RefreshReport, rebuild, refresh

__all__ = ["RefreshReport", "rebuild", "refresh"]
