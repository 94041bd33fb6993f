"""The editors' admin: every page writes through talks.services."""

from . import catalogue, people, reader, tags  # noqa: F401 - they register the admins
