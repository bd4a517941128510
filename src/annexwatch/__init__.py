"""annexwatch: cited facts about de facto states and their patrons, from articles."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("annexwatch")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
