"""The geometry of the server-drawn charts."""

import datetime

from dashboard import charts


def test_axes_end_at_round_numbers():
    assert [charts.nice_ceiling(v) for v in (0, 1, 3, 7, 12, 48, 51, 999)] == [1, 1, 5, 10, 20, 50, 100, 1000]


def test_bars_are_as_long_as_their_values_and_the_longest_leaves_room_for_its_number():
    chart = charts.horizontal_bars("Beds", ["now", "a year ago"], [("Ji'an", [40, 20]), ("Hunchun", [10, 0])])
    widths = [[segment.width for bar in row.bars for segment in bar.segments] for row in chart.rows]
    longest = charts.WIDTH - charts.VALUE_ROOM
    assert widths == [[longest, longest / 2], [longest / 4, 0]]
    assert all(bar.text_x <= charts.WIDTH - charts.VALUE_ROOM + 4 for row in chart.rows for bar in row.bars)
    # Rows do not overlap: each starts below the previous one's last bar.
    tops = [row.bars[0].segments[0].y for row in chart.rows]
    assert tops[1] > chart.rows[0].bars[-1].segments[0].y + charts.BAR_HEIGHT
    assert chart.height >= chart.rows[-1].bars[-1].segments[0].y + charts.BAR_HEIGHT


def test_stacked_bars_put_the_segments_end_to_end():
    chart = charts.horizontal_bars("Categories", ["published", "draft"], [("Red", [3, 1])], stacked=True)
    (bar,) = chart.rows[0].bars
    first, second = bar.segments
    assert second.x == first.width and bar.total == 4
    assert first.width + second.width == charts.WIDTH - charts.VALUE_ROOM


def test_nothing_to_draw_draws_empty_bars_not_an_error():
    chart = charts.horizontal_bars("Beds", ["now"], [("Ji'an", [0]), ("Hunchun", [None])])
    assert all(segment.width == 0 for row in chart.rows for bar in row.bars for segment in bar.segments)
    assert charts.columns_over_time("Views", []).columns == []
    assert charts.sparkline([]).points == ""


def test_views_over_time_label_today_and_each_week_before():
    start = datetime.date(2026, 5, 1)
    points = [(start + datetime.timedelta(n), n) for n in range(30)]
    chart = charts.columns_over_time("Views", points)
    assert [label.text for label in chart.labels] == ["5/2", "5/9", "5/16", "5/23", "5/30"]
    plot_height = chart.plot_bottom - 8
    assert [tick.value for tick in chart.ticks] == [0, 25, 50]  # 29 at most: the axis ends at 50
    assert chart.columns[-1].height == round(29 / 50 * plot_height, 1)
    assert chart.columns[0].height == 0
