"""Review in one click, in the admin: the change page's buttons by role, pending revisions of published
listings, the review page with its field-by-field difference, and the home page's "waiting for you" panel.

- A county editor (who may not publish) saves a draft or submits it for review. Their change to a published
  listing does not touch it: it is kept as its pending revision (editorial/review.py) while the published
  version stays live, and their page shows the revision when they open the listing again. The photos of a
  published listing are read-only for them (a note says so): a revision holds the listing's own fields.
- A publisher or a province editor publishes (the listing's publication problems are errors) or sends it back
  with a comment, from the change page, from the read-only page, or from the review page
  (…/<id>/review/), which shows what a pending revision changes, per field and language.
Every decision is checked on the server: a forged "publish" from someone who may not publish is refused.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext

from listings.models import PendingRevision, ReviewDecision, Status

from .. import review

MAX_COMMENT_LENGTH = 4000

SUBMIT_FOR_REVIEW = "_submit_for_review"
PUBLISH = "_publish"
SEND_BACK = "_send_back"


def posted_comment(request):
    """The comment typed with "send back" (the button row may be on the page twice: the box typed in counts)."""
    typed = [text.strip() for text in request.POST.getlist("review_comment") if text.strip()]
    comment = "\n".join(typed).replace("\x00", "")
    return comment[:MAX_COMMENT_LENGTH]


class ReviewWorkflowAdmin:
    """The review buttons, pending revisions and the review page of a listing's admin (see the module)."""

    # Pending revisions

    def stored_as_published(self, obj):
        return (
            obj is not None
            and obj.pk is not None
            and (type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists())
        )

    def keeps_revisions_for(self, request, obj):
        """Whether this person's save of `obj` is kept as a pending revision (a published listing, no right to
        publish)."""
        if getattr(obj, "_keeps_revision", None) is None and obj is not None:
            obj._keeps_revision = not self.has_publish_permission(request) and self.stored_as_published(obj)
        return bool(obj is not None and obj._keeps_revision)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and self.keeps_revisions_for(request, obj):
            revision = PendingRevision.objects.of(obj)
            if revision is not None:
                # The editor keeps editing their revision, not the live text.
                obj._revision_many = revision.apply_to(obj)
                obj._pending_revision = revision
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        many = getattr(obj, "_revision_many", None)
        if not many:
            return form

        class RevisionForm(form):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for name, ids in many.items():
                    if name in self.fields:
                        self.initial[name] = ids

        RevisionForm.__name__ = form.__name__
        return RevisionForm

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and self.keeps_revisions_for(request, obj):
            # A revision holds the listing's own fields: its photos stay as they are, shown but not editable.
            for inline in inlines:
                inline.has_add_permission = lambda request, obj=None: False
                inline.has_change_permission = lambda request, obj=None: False
                inline.has_delete_permission = lambda request, obj=None: False
        return inlines

    def save_model(self, request, obj, form, change):
        if change and self.keeps_revisions_for(request, obj):
            in_scope = getattr(self, "in_scope", None)
            if in_scope is not None and not in_scope(request, obj):
                raise PermissionDenied  # the form refuses other counties already; this holds for one that forgot
            obj._kept_as_revision = True
            obj._saved_revision = review.keep_as_revision(obj, form, request.user)
            return  # the published listing stays as it is
        if PUBLISH in request.POST:
            self.publish_from_form(request, obj)
        elif SUBMIT_FOR_REVIEW in request.POST and obj.status != Status.PUBLISHED:
            obj.status = Status.IN_REVIEW
        super().save_model(request, obj, form, change)
        if obj.status == Status.IN_REVIEW and SUBMIT_FOR_REVIEW in request.POST:
            review.close_sent_back(obj)
        if getattr(obj, "_published_by_form", False):
            review.close_sent_back(obj)
            ReviewDecision.objects.create(
                listing=obj, outcome=ReviewDecision.Outcome.PUBLISHED, reviewer=request.user, editor=request.user
            )

    def publish_from_form(self, request, obj):
        """ "Publish" pressed on the change page: the form is saved, and published when nothing stands in the way."""
        if not self.has_publish_permission(request):
            obj._publish_refused = True
            self.message_user(request, gettext("Only publishers and province editors publish."), messages.ERROR)
            return
        problems = obj.publication_problems()
        if problems:
            obj._publish_refused = True
            for problem in problems:
                self.message_user(request, gettext("Not published: %(problem)s") % {"problem": problem}, messages.ERROR)
            return
        obj._published_by_form = obj.status != Status.PUBLISHED
        obj.status = Status.PUBLISHED

    def save_related(self, request, form, formsets, change):
        if getattr(form.instance, "_kept_as_revision", False):
            return  # nothing of a published listing changes before review (its inlines were read-only)
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(form.instance, "_kept_as_revision", False):
            # The log says what happened: nothing of the listing changed, its revision was saved.
            return [{"changed": {"fields": [gettext("Saved as a revision waiting for review.")]}}]
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        opts = self.model._meta
        here = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        if getattr(obj, "_kept_as_revision", False):
            if obj._saved_revision is None:
                self.message_user(
                    request, gettext("Nothing differs from the published version: no revision is kept."), messages.INFO
                )
            else:
                self.message_user(
                    request,
                    gettext(
                        "Your changes are saved as a revision waiting for review; the published version stays on "
                        "the site."
                    ),
                    messages.SUCCESS,
                )
            if "_continue" in request.POST:
                return HttpResponseRedirect(here)
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        decided = self.response_to_decision(request, obj)
        if decided is not None:
            return decided
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        decided = self.response_to_decision(request, obj)
        return decided or super().response_add(request, obj, post_url_continue)

    def response_to_decision(self, request, obj):
        """The answer to "submit for review" or "publish" pressed on a new listing's page, else None."""
        opts = self.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if getattr(obj, "_publish_refused", False):
            self.message_user(
                request, gettext("The changes were saved; the listing is not published."), messages.WARNING
            )
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
            )
        if SUBMIT_FOR_REVIEW in request.POST and obj.status == Status.IN_REVIEW:
            self.message_user(
                request,
                gettext("“%(listing)s” is submitted for review: a publisher will read it.") % {"listing": obj},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(changelist)
        if getattr(obj, "_published_by_form", False):
            self.message_user(request, gettext("“%(listing)s” is published.") % {"listing": obj}, messages.SUCCESS)
            return HttpResponseRedirect(changelist)
        return None

    # The change page: the buttons by role, the notes at its top

    def review_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_review", args=[quote(obj.pk)])

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.review_context(request, obj, add))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def review_context(self, request, obj, add):
        may_publish = self.has_publish_permission(request)
        may_change = self.has_change_permission(request, obj) if not add else self.has_add_permission(request)
        keeps_revision = not add and self.keeps_revisions_for(request, obj)
        revision = None if add else getattr(obj, "_pending_revision", None) or PendingRevision.objects.of(obj)
        if may_change and keeps_revision:
            mode = "revision"
        elif may_change and not may_publish:
            mode = "editor"
        elif may_change:
            mode = "publisher"
        elif may_publish:
            mode = "reviewer"
        else:
            mode = ""
        return {
            "review_buttons": {
                "mode": mode,
                "may_publish": may_publish,
                "is_published": bool(obj is not None and obj.is_published),
                "in_review": bool(obj is not None and obj.status == Status.IN_REVIEW),
                "revision": revision,
                "review_url": self.review_url(obj) if obj is not None and obj.pk else "",
                "sent_back": review.open_sent_back(obj) if obj is not None and obj.pk else [],
                "keeps_revision": keeps_revision,
            }
        }

    # The review page

    def get_urls(self):
        opts = self.model._meta
        review_page = path(
            "<path:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name=f"{opts.app_label}_{opts.model_name}_review",
        )
        return [review_page, *super().get_urls()]

    def review_view(self, request, object_id):
        """The listing's review: its pending revision's difference from the live listing, and the decision."""
        if request.method not in ("GET", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        obj = super().get_object(request, unquote(object_id))  # the live listing, never a revision
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        revision = PendingRevision.objects.of(obj)
        if request.method == "POST":
            return self.decide(request, obj, revision)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "title": gettext("Review “%(listing)s”") % {"listing": obj},
            "subtitle": str(obj),
            "revision": revision,
            "differences": review.differences(obj, revision) if revision is not None else [],
            "may_publish": self.has_publish_permission(request),
            "sent_back": review.open_sent_back(obj),
            "change_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]),
            "status_label": Status(obj.status).label,
            "is_published": obj.is_published,
            "preview_url": obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "",
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/review.html", context)

    def decide(self, request, obj, revision):
        opts = self.model._meta
        change_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)])
        if not self.has_publish_permission(request):
            self.message_user(
                request, gettext("Only publishers and province editors publish or send back."), messages.ERROR
            )
            return HttpResponseRedirect(change_url)
        posted_revision = request.POST.get("revision", "")
        if posted_revision and (revision is None or posted_revision != str(revision.pk)):
            if not posted_revision.isdigit() or len(posted_revision) > 18:
                raise Http404
            if PendingRevision.objects.filter(pk=int(posted_revision)).exists():
                raise Http404  # another listing's revision: not found here
            self.message_user(request, gettext("This revision was already decided on."), messages.WARNING)
            return HttpResponseRedirect(change_url)
        if revision is not None and posted_revision != str(revision.pk):
            # A decision on the listing taken without seeing its revision: look at the difference first.
            self.message_user(request, gettext("This listing has a revision waiting: read it before deciding."))
            return HttpResponseRedirect(self.review_url(obj))
        if SEND_BACK in request.POST:
            comment = posted_comment(request)
            if not comment:
                self.message_user(
                    request, gettext("Write a comment to send it back: say what to change."), messages.ERROR
                )
                return HttpResponseRedirect(self.review_url(obj))
            if revision is None and obj.status != Status.IN_REVIEW:
                self.message_user(request, gettext("Only a listing in review is sent back."), messages.ERROR)
                return HttpResponseRedirect(change_url)
            review.send_back(obj, request.user, comment, revision)
            self.message_user(
                request, gettext("“%(listing)s” is sent back with your comment.") % {"listing": obj}, messages.SUCCESS
            )
            return HttpResponseRedirect(reverse("admin:index"))
        if PUBLISH in request.POST:
            if revision is None and obj.is_published:
                self.message_user(request, gettext("“%(listing)s” is already published.") % {"listing": obj})
                return HttpResponseRedirect(change_url)
            problems = review.publish(obj, request.user, revision)
            if problems:
                for problem in problems:
                    self.message_user(
                        request, gettext("Not published: %(problem)s") % {"problem": problem}, messages.ERROR
                    )
                return HttpResponseRedirect(self.review_url(obj) if revision is not None else change_url)
            self.message_user(request, gettext("“%(listing)s” is published.") % {"listing": obj}, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:index"))
        return HttpResponseRedirect(self.review_url(obj))


# The home page's two first sections


def reviewed_admins(request):
    """(model, its admin) of every listing admin with the review workflow the person may publish in."""
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ReviewWorkflowAdmin) and model_admin.has_publish_permission(request)
    ]


def to_review(request):
    from django.contrib.contenttypes.models import ContentType

    items = []
    for model, model_admin in reviewed_admins(request):
        listings = model_admin.get_queryset(request)
        kind = model._meta.verbose_name
        for listing in listings.filter(status=Status.IN_REVIEW).order_by("updated_at"):
            items.append(
                review.WaitingItem(
                    label=f"{listing} ({kind})",
                    url=model_admin.review_url(listing),
                    note=gettext("submitted for review"),
                )
            )
        revisions = PendingRevision.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=listings.values("pk")
        ).select_related("author")
        by_pk = {listing.pk: listing for listing in listings.filter(pk__in=[r.object_id for r in revisions])}
        for revision in revisions:
            listing = by_pk.get(revision.object_id)
            if listing is None:
                continue
            author = revision.author.get_username() if revision.author else gettext("unknown")
            items.append(
                review.WaitingItem(
                    label=f"{listing} ({kind})",
                    url=model_admin.review_url(listing),
                    note=gettext("revision of the published listing, by %(author)s") % {"author": author},
                )
            )
    return items


def sent_back_to_me(request):
    decisions = ReviewDecision.objects.filter(
        editor=request.user, outcome=ReviewDecision.Outcome.SENT_BACK, is_open=True
    ).select_related("content_type", "reviewer")
    items = []
    for decision in decisions:
        model = decision.content_type.model_class()
        model_admin = admin.site._registry.get(model)
        listing = decision.listing
        if listing is None or model_admin is None or not model_admin.has_view_permission(request, listing):
            continue
        opts = model._meta
        reviewer = decision.reviewer.get_username() if decision.reviewer else gettext("unknown")
        items.append(
            review.WaitingItem(
                label=f"{listing} ({opts.verbose_name})",
                url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(listing.pk)]),
                note=gettext("sent back by %(reviewer)s") % {"reviewer": reviewer},
                comment=decision.comment,
            )
        )
    return items


def register_waiting_sections():
    review.register_waiting_section(
        "to_review",
        title=lambda: gettext("To review"),
        items=to_review,
        applies_to=lambda request: bool(reviewed_admins(request)),
        empty=lambda: gettext("Nothing waits for review."),
    )
    review.register_waiting_section(
        "sent_back",
        title=lambda: gettext("Sent back to you"),
        items=sent_back_to_me,
        applies_to=lambda request: request.user.is_authenticated,
        empty=lambda: gettext("Nothing was sent back to you."),
    )
