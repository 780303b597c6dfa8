"""Review in one click, apart from the admin's pages: what a pending revision holds and how it differs from the
live listing, publishing it, sending a listing back with a comment, and the home page's "waiting for you"
sections (another app adds its own with `register_waiting_section()`, e.g. travellers' reports).

The admin's side (buttons, the review page, the home panel's two first sections) is editorial/admin/review.py.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from listings.models import PendingRevision, PublishableModel, ReviewDecision, Status

from .admin.languages import LANGUAGE_AUTONYMS

# Never part of a revision: publishing is the reviewer's decision, and the dates are the portal's.
NOT_REVISED = {"status", "first_published_at", "created_at", "updated_at"}


def revised_fields(model, form):
    """The model's fields a posted form edits, as a revision keeps them."""
    fields = []
    for name in form.fields:
        if name in NOT_REVISED:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field (the position map…)
            continue
        if field.many_to_many or (field.concrete and field.editable):
            fields.append(field)
    return fields


def field_text(listing, field):
    """A field's value as a revision keeps it: text (None for no value); many-to-many as a sorted list of ids."""
    if field.many_to_many:
        return sorted(item.pk for item in getattr(listing, field.name).all())
    value = field.value_from_object(listing)
    return None if value is None else field.value_to_string(listing)


def revision_values(listing, form):
    """{field name: value as text} of what `form` (valid, applied to `listing` in memory) changes in the live
    listing; many-to-many fields as lists of ids. Only the changes: publishing the revision later must not write
    back the fields others changed on the live listing meanwhile. A text saved empty where none was (None) is no
    change."""
    live = type(listing)._default_manager.get(pk=listing.pk)
    values = {}
    for field in revised_fields(type(listing), form):
        if field.many_to_many:
            new = sorted(item.pk for item in form.cleaned_data.get(field.name) or [])
        else:
            value = field.value_from_object(listing)
            new = None if value is None else field.value_to_string(listing)
        if (new or None) != (field_text(live, field) or None):
            values[field.name] = new
    return values


def keep_as_revision(listing, form, author):
    """Store the form's changes to a published listing as its pending revision (one per listing, updated);
    None, and no revision kept, when nothing differs from the published version."""
    content_type = ContentType.objects.get_for_model(listing)
    values = revision_values(listing, form)
    # Saving again is acting on a comment: the revision awaits review once more.
    close_sent_back(listing)
    if not values:
        PendingRevision.objects.filter(content_type=content_type, object_id=listing.pk).delete()
        return None
    revision, _created = PendingRevision.objects.update_or_create(
        content_type=content_type, object_id=listing.pk, defaults={"values": values, "author": author}
    )
    return revision


def forget_deleted_listing(sender, instance, **kwargs):
    """post_delete: the pending revision and review decisions of a deleted listing go with it."""
    if not isinstance(instance, PublishableModel):
        return
    PendingRevision.objects.for_listing(instance).delete()
    ReviewDecision.objects.for_listing(instance).delete()


def close_sent_back(listing):
    ReviewDecision.objects.for_listing(listing).filter(outcome=ReviewDecision.Outcome.SENT_BACK, is_open=True).update(
        is_open=False
    )


def open_sent_back(listing):
    """The comments of reviewers the listing's editors have not acted on yet, newest first."""
    return list(
        ReviewDecision.objects.for_listing(listing)
        .filter(outcome=ReviewDecision.Outcome.SENT_BACK, is_open=True)
        .select_related("reviewer")
    )


def last_editor(listing):
    """Who changed the listing last, from its history; None when nobody is recorded."""
    history = getattr(listing, "history", None)
    record = history.select_related("history_user").first() if history is not None else None
    return getattr(record, "history_user", None)


def publish(listing, reviewer, revision=None):
    """Publish the listing, or its pending revision onto it (the live listing then takes the revision's values,
    validated as a form would be). Returns the sentences that stopped it; empty when it is published."""
    live = type(listing)._default_manager.get(pk=listing.pk)
    many = revision.apply_to(live) if revision is not None else {}
    live.status = Status.PUBLISHED
    try:
        live.full_clean()
    except ValidationError as error:
        return [
            f"{field_label(type(live), name)}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        ]
    problems = [str(problem) for problem in live.publication_problems()]
    if problems:
        return problems
    editor = revision.author if revision is not None else last_editor(live)
    with transaction.atomic():
        live._change_reason = gettext("Published by review")
        live.save()
        for name, ids in many.items():
            getattr(live, name).set(ids)
        if revision is not None:
            revision.delete()
        close_sent_back(live)
        ReviewDecision.objects.create(
            listing=live,
            outcome=ReviewDecision.Outcome.PUBLISHED,
            reviewer=reviewer,
            editor=editor,
            of_revision=revision is not None,
        )
    return []


def send_back(listing, reviewer, comment, revision=None):
    """Back to its editor with a comment: a listing in review goes back to draft; a pending revision stays for
    its author to keep editing while the published version stays live."""
    with transaction.atomic():
        editor = revision.author if revision is not None else last_editor(listing)
        if revision is None and listing.status == Status.IN_REVIEW:
            listing.status = Status.DRAFT
            listing._change_reason = gettext("Sent back with a comment")
            listing.save()
        close_sent_back(listing)
        return ReviewDecision.objects.create(
            listing=listing,
            outcome=ReviewDecision.Outcome.SENT_BACK,
            comment=comment,
            reviewer=reviewer,
            editor=editor,
            of_revision=revision is not None,
        )


# The difference a reviewer reads


def field_label(model, name):
    """A field's label as the form shows it: "名称 [中文]"."""
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field since removed
        return name
    for code, autonym in LANGUAGE_AUTONYMS.items():
        label = label.replace(f"[{code}]", f"[{autonym}]")
    return label[:1].upper() + label[1:]


def shown_value(listing, field):
    """A field's value as an editor reads it: the choice's label, the related row's name, the text."""
    if field.many_to_many:
        return ", ".join(str(item) for item in getattr(listing, field.name).all()) if listing.pk else ""
    value = getattr(listing, field.name, None)
    if value is None or value == "":
        return ""
    if field.choices:
        labels = dict(field.flatchoices)
        if isinstance(value, list | tuple):
            return ", ".join(str(labels.get(item, item)) for item in value)
        return str(labels.get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        labels = dict(getattr(getattr(field, "base_field", None), "flatchoices", []) or [])
        return ", ".join(str(labels.get(item, item)) for item in value)
    return str(value)


def marked_difference(old, new):
    """Two HTML fragments: `old` with what was taken out in <del>, `new` with what was put in in <ins> (letter by
    letter: Chinese has no spaces between words)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    before, after = [], []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            before.append(("{}", old[a_start:a_end]))
            after.append(("{}", new[b_start:b_end]))
            continue
        if a_end > a_start:
            before.append(("<del>{}</del>", old[a_start:a_end]))
        if b_end > b_start:
            after.append(("<ins>{}</ins>", new[b_start:b_end]))

    def join(parts):
        return format_html_join("", "{}", ((format_html(template, text),) for template, text in parts))

    return join(before), join(after)


@dataclass(frozen=True)
class Difference:
    label: str
    old: str  # HTML, changes marked
    new: str
    old_empty: bool
    new_empty: bool


def differences(listing, revision):
    """Field by field (each language its own row), what publishing `revision` would change on the live
    listing; unchanged fields are left out."""
    live = type(listing)._default_manager.get(pk=listing.pk)
    revised = type(listing)._default_manager.get(pk=listing.pk)
    many = revision.apply_to(revised)
    rows = []
    for name in revision.values:
        try:
            field = live._meta.get_field(name)
        except FieldDoesNotExist:  # a field since removed
            continue
        old = shown_value(live, field)
        if field.many_to_many:
            chosen = field.related_model._default_manager.filter(pk__in=many.get(name, []))
            new = ", ".join(str(item) for item in chosen)
        else:
            new = shown_value(revised, field)
        if old == new:
            continue
        marked_old, marked_new = marked_difference(old, new)
        rows.append(Difference(field_label(type(live), name), marked_old, marked_new, not old, not new))
    return rows


# The home page's "waiting for you" panel


@dataclass(frozen=True)
class WaitingItem:
    """One thing waiting for someone: a link straight to its page, and what to know before opening it."""

    label: str
    url: str
    note: str = ""
    comment: str = ""


@dataclass(frozen=True)
class WaitingSection:
    name: str
    title: Callable  # () -> the heading (the count is added to it)
    items: Callable  # (request) -> [WaitingItem]; empty when the section does not concern them
    applies_to: Callable  # (request) -> whether the person sees this section at all
    empty: Callable  # () -> what the section says when nothing waits


_waiting_sections = []


def register_waiting_section(name, title, items, applies_to, empty):
    """Add a section to the admin home's "waiting for you" panel; called from an app's ready()."""
    if any(section.name == name for section in _waiting_sections):
        return
    _waiting_sections.append(WaitingSection(name, title, items, applies_to, empty))


def waiting_sections():
    return list(_waiting_sections)


def waiting_for(request):
    """[(section, items)] of the sections that concern the person signed in."""
    return [(section, section.items(request)) for section in _waiting_sections if section.applies_to(request)]
