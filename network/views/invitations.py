"""A member answers an invitation (issue 18 item 4):
`/min-side/nettverk/foresporsler/<invitation id>/` shows the request and takes the answer.

Only the invited member reaches it (the access policy's OWN: everyone else, administrators
included, gets 404). The service's contact person is shown once the member has accepted:
before that the member needs to know what and where, not whom to call.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from website import policy

from ..models import RequestInvitation
from ..services import matching

ANSWERS = {"accept": matching.invitation_accept, "decline": matching.invitation_decline}


def _invitation_for(user, pk) -> RequestInvitation:
    return policy.get_or_404(
        user,
        RequestInvitation.objects.select_related("request", "membership__participant"),
        policy.OWN,
        pk=pk,
    )


@login_required
def invitation_detail(request, pk):
    """GET: the request and the two buttons. POST `answer=accept|decline`: the answer."""
    invitation = _invitation_for(request.user, pk)
    error = None
    if request.method == "POST":
        answer = ANSWERS.get(request.POST.get("answer", ""))
        if answer is None:
            error = _("Choose yes or no.")
        else:
            try:
                answer(actor=request.user, invitation=invitation)
            except matching.MatchingError as refusal:
                error = refusal.message
            else:
                if request.POST["answer"] == "accept":
                    messages.success(
                        request,
                        _("Thank you! The service has your contact details and will get in touch."),
                    )
                else:
                    messages.success(request, _("You have declined. Thank you for answering."))
                return redirect("network:invitation", invitation.pk)
        invitation.refresh_from_db()
    return render(
        request,
        "network/invitation.html",
        {
            "invitation": invitation,
            "service_request": invitation.request,
            "error": error,
            "can_answer": invitation.state == RequestInvitation.State.INVITED
            and invitation.request.state not in matching.ENDED,
            "shows_contact": invitation.state
            in (RequestInvitation.State.ACCEPTED, RequestInvitation.State.CONFIRMED),
        },
        status=400 if error else 200,
    )


urlpatterns = [
    path("min-side/nettverk/foresporsler/<int:pk>/", invitation_detail, name="invitation"),
]
