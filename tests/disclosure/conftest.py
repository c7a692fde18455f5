"""Fixtures shared by the tests of this directory."""

import pytest

from tests.disclosure.backoffice import make_bureau


@pytest.fixture
def bureau():
    return make_bureau()
