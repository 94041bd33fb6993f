"""Helpers for tests that need a tool outside Python (Chromium, Java, npm packages)."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"


def in_ci():
    """True under CI=true, where every check must really run."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def missing(reason):
    """Skip with the reason when a tool is not installed; fail instead under CI."""
    if in_ci():
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)
