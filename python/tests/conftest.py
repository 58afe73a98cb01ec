"""Shared fixtures: the vector files of the repository (vectors/*.json)."""

import json
import pathlib

import pytest

VECTOR_DIR = pathlib.Path(__file__).resolve().parents[2] / "vectors"
VECTOR_FILES = sorted(VECTOR_DIR.glob("*.json"))


@pytest.fixture(scope="session")
def public_cases():
    """Cases of the shared golden file, grouped by kind."""
    data = json.loads((VECTOR_DIR / "eez-v1-public.json").read_text())
    by_kind = {}
    for case in data["cases"]:
        by_kind.setdefault(case["kind"], []).append(case)
    return by_kind
