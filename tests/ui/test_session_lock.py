"""A lock writer-app cannot be sure of (another computer's) offers Open Anyway, with the reason, in the window."""

from __future__ import annotations

import json
import os

import pytest

from writer_app.core.storage import LOCK_FILE_NAME


@pytest.fixture
def locked_elsewhere(sample_project):
    (sample_project / LOCK_FILE_NAME).write_text(json.dumps(
        {"pid": 4242, "host": "another-laptop.invalid", "user": "x", "time": "2026-01-01T00:00:00+00:00"}))
    return sample_project


def test_a_lock_from_another_computer_can_be_opened_anyway(make_window, locked_elsewhere, prompt_log):
    prompt_log.anyway = "anyway"
    window = make_window(locked_elsewhere)
    (name, (message, explanation)), = prompt_log.asked
    assert name == "anyway"
    assert message == "The Porch Light is already open in writer-app on another-laptop.invalid."
    assert "another-laptop.invalid" in explanation and "open it anyway" in explanation
    assert window.project is not None and not window.project.read_only
    assert json.loads((locked_elsewhere / LOCK_FILE_NAME).read_text())["pid"] == os.getpid()


def test_a_lock_from_another_computer_can_still_be_opened_read_only(make_window, locked_elsewhere, prompt_log):
    prompt_log.anyway = "read_only"
    window = make_window(locked_elsewhere)
    assert window.project is not None and window.project.read_only
    assert json.loads((locked_elsewhere / LOCK_FILE_NAME).read_text())["pid"] == 4242


def test_cancelling_leaves_the_other_computers_lock(make_window, locked_elsewhere, prompt_log):
    window = make_window(locked_elsewhere)
    assert prompt_log.names() == ["anyway"] and window.project is None
    assert json.loads((locked_elsewhere / LOCK_FILE_NAME).read_text())["pid"] == 4242
