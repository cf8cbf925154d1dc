"""Members find each other (issue 18 item 2): the members' page, writing to a member without
seeing their address, and answering a message on the site.

Only logged-in active members see these pages. A visitor is sent to log in; a logged-in person
who is not an active member gets a page that says the list is for members and how to join
(403), never the list. A member not listed for members, a member who has left, yourself, or
someone else's message: 404. Sending counts against the `network_message` rate limit
(website/ratelimit.py).
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_safe

from ..forms.directory import DirectoryFilterForm, MemberMessageForm
from ..models import MemberMessage, Membership
from ..selectors.directory import active_membership, directory_page, writable_member
from ..services.messages import MessageError, member_message_answer, member_message_send


def _not_member(request):
    """The refusal for a logged-in person who is not an active member: what the page is and
    how to join."""
    pending = Membership.objects.filter(
        participant__user=request.user, state=Membership.State.GUARDIAN_PENDING
    ).exists()
    return render(request, "network/members/not_member.html", {"pending": pending}, status=403)


def members_only(view):
    """Log in first; then active members only (the viewer's membership is passed on)."""

    @login_required
    def wrapped(request, *args, **kwargs):
        viewer = active_membership(request.user)
        if viewer is None:
            return _not_member(request)
        return view(request, viewer, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    wrapped.__module__ = view.__module__
    return wrapped


@require_safe
@members_only
def member_list(request, viewer):
    """`/nettverk/medlemmer/`: listed members, filterable by county, field and level."""
    form = DirectoryFilterForm(request.GET if _has_filters(request) else None)
    filters = form.filters() if form.is_bound else {}
    page, cards = directory_page(filters=filters, page_number=request.GET.get("side") or 1)
    query = urlencode(filters)
    return render(
        request,
        "network/members/list.html",
        {
            "viewer": viewer,
            "form": form,
            "filters": filters,
            "page": page,
            "cards": cards,
            "page_links": _page_links(page, query),
        },
        status=400 if form.errors else 200,
    )


def _has_filters(request) -> bool:
    return any(name in request.GET for name in DirectoryFilterForm.base_fields)


def _page_links(page, query: str) -> dict | None:
    """Designsystemet pagination: previous, each page (an ellipsis for a gap), next."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number):
        return "?" + "&".join(part for part in (query, f"side={number}") if part)

    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    return {
        "pages": [{"number": n, "href": href(n) if isinstance(n, int) else ""} for n in numbers],
        "previous": href(page.previous_page_number()) if page.has_previous() else "",
        "next": href(page.next_page_number()) if page.has_next() else "",
    }


def _recipient(viewer, pk) -> Membership:
    if viewer.pk == pk:
        raise Http404
    recipient = writable_member(pk)
    if recipient is None:
        raise Http404
    return recipient


@require_http_methods(["GET", "HEAD", "POST"])
@members_only
def message_write(request, viewer, pk):
    """`/nettverk/medlemmer/<id>/melding/`: write to a listed member; their address is never
    shown, and yours is not sent with the message."""
    recipient = _recipient(viewer, pk)
    form = MemberMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            member_message_send(sender=viewer, recipient_id=pk, body=form.cleaned_data["body"])
        except MessageError as error:
            if error.code == "not_writable":
                raise Http404 from None
            form.add_error(None, error.message)
        else:
            return redirect("network:message_sent", pk=pk)
    return render(
        request,
        "network/members/message_form.html",
        {"recipient": recipient, "form": form},
        status=400 if form.errors else 200,
    )


@require_safe
@members_only
def message_sent(request, viewer, pk):
    """`/nettverk/medlemmer/<id>/melding/sendt/`: the receipt, once you have written to them."""
    recipient = _recipient(viewer, pk)
    if not MemberMessage.objects.filter(sender=viewer, recipient=recipient).exists():
        return redirect("network:message_write", pk=pk)
    return render(request, "network/members/message_sent.html", {"recipient": recipient})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def message_answer(request, uuid):
    """`/nettverk/meldinger/<uuid>/svar/`: the recipient (no one else: 404) answers a message
    once; from then on the two write by e-mail."""
    viewer = active_membership(request.user)
    if viewer is None:
        raise Http404
    message = (
        MemberMessage.objects.select_related("sender__participant")
        .filter(uuid=uuid, recipient=viewer, in_reply_to__isnull=True)
        .first()
    )
    if message is None:
        raise Http404
    answer = message.replies.select_related("recipient__participant").first()
    form = MemberMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and answer is None and form.is_valid():
        try:
            member_message_answer(original=message, answerer=viewer, body=form.cleaned_data["body"])
        except MessageError as error:
            form.add_error(None, error.message)
        else:
            return redirect("network:message_answer", uuid=message.uuid)
    refusal = None
    if request.method == "POST" and answer is not None:
        refusal = MessageError("already_answered").message
    return render(
        request,
        "network/members/message_answer.html",
        {"message": message, "answer": answer, "form": form, "refusal": refusal},
        status=400 if form.errors or refusal else 200,
    )


urlpatterns = [
    path("nettverk/medlemmer/", member_list, name="member_list"),
    path("nettverk/medlemmer/<int:pk>/melding/", message_write, name="message_write"),
    path("nettverk/medlemmer/<int:pk>/melding/sendt/", message_sent, name="message_sent"),
    path("nettverk/meldinger/<uuid:uuid>/svar/", message_answer, name="message_answer"),
]
