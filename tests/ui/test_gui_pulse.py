"""Background work in the app's process steps aside while the GUI thread is busy, and never waits forever."""

from __future__ import annotations

import threading

from writer_app.ui.characters.workers import discovery_slices
from writer_app.ui.gui_pulse import GuiPulse


def test_work_waits_while_the_event_loop_does_not_turn_and_goes_on_at_its_next_beat(qtbot):
    pulse = GuiPulse(stale_s=0.0)  # every moment without a beat counts as busy
    pulse.start()
    passed = threading.Event()
    worker = threading.Thread(target=lambda: (pulse.wait_turn(cap_s=30), passed.set()))
    worker.start()
    assert not passed.wait(0.2)  # no beat: still waiting (far below its cap)
    pulse.beat()
    assert passed.wait(10)
    worker.join(10)


def test_a_responsive_gui_lets_work_through_and_a_closed_pulse_stops_the_slices(qtbot):
    pulse = GuiPulse()
    pulse.start()
    assert pulse.busy()  # queued while the GUI thread is busy: nothing runs before the event loop turns
    pulse.beat()
    text = ("A line of prose about nothing much at all.\n" * 5000)
    assert "".join(discovery_slices(text, pulse=pulse)) == text  # beaten just now: no wait
    pulse.close()
    assert not pulse.busy()
    assert len(list(discovery_slices(text, pulse=pulse))) == 0  # shutting down: discovery stops at once


def test_the_beat_runs_on_the_event_loop_while_work_is_pending(qtbot):
    pulse = GuiPulse(stale_s=0.0)
    pulse.start()
    beats: list[int] = []
    pulse._timer.timeout.connect(lambda: beats.append(1))
    qtbot.waitUntil(lambda: len(beats) >= 2, timeout=5000)
    pulse.stop()
    assert not pulse.busy()  # nothing beats while no work runs, and nothing waits either


def test_work_waits_while_the_writer_types(qtbot):
    pulse = GuiPulse(typing_quiet_s=60.0)
    pulse.start()
    pulse.note_typing()
    passed = threading.Event()
    worker = threading.Thread(target=lambda: (pulse.wait_turn(cap_s=30), passed.set()))
    worker.start()
    assert not passed.wait(0.2) and pulse.busy()  # the event loop turns, but a key was just pressed
    pulse.close()  # shutting down lets it go
    assert passed.wait(10)
    worker.join(10)


def test_mentions_found_in_slices_are_those_found_in_the_whole_chapter(qtbot):
    from writer_app.characters.cast import Character
    from writer_app.characters.mentions import ChapterMentions, MentionMatcher
    from writer_app.ui.characters.workers import scan_in_slices

    matcher = MentionMatcher([Character("Tamsin Vell", ["Tamsin"]), Character("Corwen Aske")])
    text = "\n".join(f"Day {n}: {'Tamsin Vell' if n % 2 else 'Corwen Aske'} rowed out, and Tamsin waved."
                     for n in range(4000))
    pulse = GuiPulse()
    pulse.start()
    pulse.beat()
    assert scan_in_slices(matcher, text, pulse) == ChapterMentions.scan(matcher, text)
