"""The pair and group scenarios run in-process now (tests/flows/test_pairs.py, test_group_life.py): no real
process is needed for them. `person` lives in tests/e2e/helpers.py; this name is kept for tests that still
import it from here."""

from tests.e2e.helpers import person

__all__ = ["person"]
