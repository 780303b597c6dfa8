"""How an event's dates read: "12–15 June 2026", "Usually in May; dates not yet announced", "Last held in 2019"."""

from django import template
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext

register = template.Library()


def date_range_text(starts_on, ends_on=None, start_time=None, end_time=None):
    """Dates (and times) in the page's language."""
    text = date_format(starts_on, "DATE_FORMAT")
    if ends_on and ends_on != starts_on:
        text = gettext("%(start)s to %(end)s") % {"start": text, "end": date_format(ends_on, "DATE_FORMAT")}
    if start_time:
        times = time_format(start_time, "TIME_FORMAT")
        if end_time:
            times = f"{times}–{time_format(end_time, 'TIME_FORMAT')}"
        text = f"{text}, {times}"
    return text


@register.filter
def schedule_text(event, schedule):
    """When `event` takes place, as `schedule` (Event.when(today)) says, in words."""
    if schedule.state in ("dated", "past"):
        return date_range_text(event.starts_on, event.ends_on, event.start_time, event.end_time)
    if schedule.state == "usual":
        if schedule.month_end is None:
            return gettext("Usually starts in %(month)s; dates not yet announced") % {
                "month": schedule.month_start_label
            }
        if schedule.is_single_month:
            return gettext("Usually in %(month)s; dates not yet announced") % {"month": schedule.month_start_label}
        return gettext("Usually from %(start)s to %(end)s; dates not yet announced") % {
            "start": schedule.month_start_label,
            "end": schedule.month_end_label,
        }
    if schedule.state == "unconfirmed":
        if schedule.month_end is None:
            return gettext("Started in %(month)s in past editions; recurrence not confirmed") % {
                "month": schedule.month_start_label
            }
        if schedule.is_single_month:
            return gettext("Held in %(month)s in past editions; recurrence not confirmed") % {
                "month": schedule.month_start_label
            }
        return gettext("Held from %(start)s to %(end)s in past editions; recurrence not confirmed") % {
            "start": schedule.month_start_label,
            "end": schedule.month_end_label,
        }
    return gettext("Dates not known yet")


@register.filter
def lapsed_text(schedule):
    """The warning of a lapsed event (Schedule.lapsed_year): "Last held in 2019 — may no longer take place"."""
    if schedule.lapsed_year is None:
        return ""
    return gettext("Last held in %(year)s — may no longer take place") % {"year": schedule.lapsed_year}


@register.simple_tag
def event_schedule(event, today):
    """Event.when(today) for a template."""
    return event.when(today)
