from tests.awards.factories import ranking  # noqa: F401 - the fixture, for every awards test
