"""The checking feature's fixtures, for the test that Fix all like this takes a snapshot."""

from tests.ui.checking.test_feature import feature, project  # noqa: F401
