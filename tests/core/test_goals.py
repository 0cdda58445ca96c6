"""Goals: today's target derived from the deadline and writing days, pace, projected finish, streak."""

from __future__ import annotations

from datetime import date

from writer_app.core.goals import (
    Goals,
    average_pace,
    projected_finish,
    streak,
    today_target,
    writing_days_between,
)

MONDAY = date(2026, 12, 7)
WEEKDAYS = (0, 1, 2, 3, 4)


def test_writing_days_between_counts_only_the_chosen_weekdays() -> None:
    assert writing_days_between(MONDAY, date(2026, 12, 20), WEEKDAYS) == 10
    assert writing_days_between(MONDAY, MONDAY, (1,)) == 0
    assert writing_days_between(date(2026, 12, 8), MONDAY, WEEKDAYS) == 0


def test_today_target_spreads_the_remaining_words_over_the_writing_days_left() -> None:
    goals = Goals(manuscript_words=20_000, deadline=date(2026, 12, 18), writing_days=WEEKDAYS)
    # 10,000 written, 10 weekdays left from Monday 7 to Friday 18: 1,000 a day.
    assert today_target(goals, 10_000, 0, MONDAY) == 1000


def test_today_target_does_not_shrink_while_writing_today_and_follows_the_real_pace() -> None:
    goals = Goals(manuscript_words=20_000, deadline=date(2026, 12, 18), writing_days=WEEKDAYS)
    assert today_target(goals, 10_600, 600, MONDAY) == 1000  # measured from the start of the day
    # A slow week: on Monday 14 only 11,000 are written, 5 days left: 1,800 a day.
    assert today_target(goals, 11_000, 0, date(2026, 12, 14)) == 1800


def test_no_target_on_a_rest_day_and_the_daily_goal_without_a_deadline() -> None:
    goals = Goals(manuscript_words=20_000, deadline=date(2026, 12, 18), writing_days=WEEKDAYS)
    assert today_target(goals, 10_000, 0, date(2026, 12, 12)) == 0  # a Saturday
    assert today_target(Goals(daily_words=750), 10_000, 0, MONDAY) == 750


def test_past_the_deadline_everything_left_is_today() -> None:
    goals = Goals(manuscript_words=20_000, deadline=date(2026, 12, 1))
    assert today_target(goals, 19_000, 0, MONDAY) == 1000


def test_pace_and_projected_finish() -> None:
    net = {date(2026, 12, d): 500 for d in range(1, 8)}
    pace = average_pace(net, MONDAY, (0, 1, 2, 3, 4, 5, 6), window=7)
    assert pace == 500
    goals = Goals(manuscript_words=11_000)
    assert projected_finish(goals, 10_000, pace, MONDAY) == date(2026, 12, 8)
    assert projected_finish(goals, 12_000, pace, MONDAY) == MONDAY
    assert projected_finish(goals, 10_000, 0, MONDAY) is None
    assert projected_finish(Goals(), 10_000, pace, MONDAY) is None


def test_streak_counts_days_meeting_the_goal_and_skips_rest_days() -> None:
    net = {date(2026, 12, 3): 600, date(2026, 12, 4): 700, date(2026, 12, 7): 100}  # Thu, Fri, Mon (short)
    assert streak(net, 500, MONDAY, WEEKDAYS) == 2  # today not met yet: counted to yesterday, weekend skipped
    net[MONDAY] = 900
    assert streak(net, 500, MONDAY, WEEKDAYS) == 3
    net[date(2026, 12, 2)] = 10  # Wednesday missed
    assert streak(net, 500, MONDAY, WEEKDAYS) == 3


def test_broken_goals_fall_back_to_none_with_one_sentence_and_keep_other_keys() -> None:
    goals = Goals.from_json({"daily_words": "lots", "deadline": "soon", "session_minutes": 25, "colour": "teal"})
    assert (goals.daily_words, goals.deadline, goals.session_minutes) == (0, None, 25)
    assert goals.problems == ["project.json has goals that could not be read (daily_words, deadline); "
                              "they count as not set until you set them again."]
    goals.daily_words = 800
    data = goals.to_json()
    assert data["colour"] == "teal" and data["daily_words"] == 800
