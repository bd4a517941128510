"""`python -m annexwatch`: the same commands as the `annexwatch` script."""

from annexwatch.cli import app

app()
