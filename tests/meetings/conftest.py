from tests.meetings.fixtures import council, meeting  # noqa: F401 (fixtures)
