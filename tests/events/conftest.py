import pytest

from tests.factories import make_venue


@pytest.fixture
def hall():
    return make_venue(name="Concert hall", slug="hall")
