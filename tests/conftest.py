"""Heavy objects are built once per test session."""
from __future__ import annotations

import pytest

from assistant import Assistant


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return Assistant()


@pytest.fixture(scope="session")
def checker(assistant):
    return assistant.checker
