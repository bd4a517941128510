"""The annexwatch dashboard: a FastAPI app over one SQLite file, every page with a JSON twin.

`create_app(db_path)` builds it; `annexwatch serve` runs it. Read-only unless ingest is
switched on with a token; everything it serves (CSS, JS, icons) is in `static/`.
"""

from annexwatch.web.app import create_app

__all__ = ["create_app"]
