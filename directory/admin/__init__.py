"""The staff side of the directory: records, and the moderation of contributions."""

from . import duplicates, moderation, records  # noqa: F401 (registers the admin classes)
