import pytest

from tests.review.factories import make_team


@pytest.fixture
def team(db):
    return make_team()
