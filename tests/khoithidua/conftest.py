import pytest


@pytest.fixture
def url(bloc_year):
    def build(suffix=""):
        return f"/b/{bloc_year.bloc.slug}/{bloc_year.year}/{suffix}"

    return build
