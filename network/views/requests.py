"""A service asks for a representative (issue 18 item 3): the public form, the thank-you, the
confirmation of the address (a button, never on GET: mail scanners open links), and the
request's own page at its capability link, with a way to withdraw it.

The form's posts count against the `network_request` limit of the one rate limiter (per client
and per typed-in address, website/ratelimit.py), the form has a honeypot field, and nothing
reaches the coordinators before the address is confirmed; there is no third-party CAPTCHA.
Every page is `never_cache`: the link's pages show a person's contact.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from ..forms.requests import ServiceRequestForm
from ..models import ServiceRequest
from ..selectors.requests import request_for_service, request_shared_contacts
from ..services.requests import (
    WITHDRAWABLE,
    RequestError,
    request_submit,
    request_verify,
    request_withdraw,
)

State = ServiceRequest.State


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    form = ServiceRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_spam():
            # Answered as bad input: nothing saved, and nothing that tells a program why.
            form.add_error(
                None, _("The request could not be sent. Check the fields and try again.")
            )
        elif form.is_valid():
            try:
                request_submit(**form.details(), language=translation.get_language() or "")
            except RequestError as error:
                form.add_refusal(error)
            else:
                return redirect("network:request_thanks")
    return render(
        request,
        "network/requests/form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@never_cache
@require_safe
def request_thanks(request):
    """The same page whoever submitted what: it never tells whether an address was seen
    before, and it holds no link to the request (that comes by e-mail)."""
    return render(request, "network/requests/thanks.html")


def _request_or_404(token) -> ServiceRequest:
    service_request = request_for_service(token)
    if service_request is None:
        raise Http404
    return service_request


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_verify_page(request, token):
    service_request = _request_or_404(token)
    if request.method == "POST":
        service_request = request_verify(token=token)
        if service_request is None:
            raise Http404
        if service_request.state != State.CLOSED:
            messages.success(
                request,
                _(
                    "Thank you. Your e-mail address is confirmed and the request has gone to "
                    "the coordinators."
                ),
            )
        return redirect("network:request_page", token=token)
    return render(request, "network/requests/verify.html", {"service_request": service_request})


@never_cache
@require_safe
def request_page(request, token):
    return _page(request, _request_or_404(token))


def _page(request, service_request, *, withdraw_error="", reason="", status=200):
    contacts = request_shared_contacts(service_request)
    feedback_url = ""
    if service_request.state == State.COMPLETED and any(c.confirmed for c in contacts):
        feedback_url = reverse("network:service_feedback", args=[service_request.token])
    return render(
        request,
        "network/requests/page.html",
        {
            "service_request": service_request,
            "contacts": contacts,
            "feedback_url": feedback_url,
            "can_withdraw": service_request.state in WITHDRAWABLE,
            "withdraw_error": withdraw_error,
            "reason": reason,
            "State": State,
        },
        status=status,
    )


@never_cache
def request_withdraw_page(request, token):
    service_request = _request_or_404(token)  # an unknown link is a 404 whatever the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    reason = request.POST.get("reason", "")
    try:
        request_withdraw(token=token, reason=reason)
    except RequestError as error:
        return _page(
            request, service_request, withdraw_error=error.message, reason=reason, status=400
        )
    messages.success(request, _("The request is withdrawn. Thank you for letting us know."))
    return redirect("network:request_page", token=token)


urlpatterns = [
    path("nettverk/foresporsel/", request_form, name="request_form"),
    path("nettverk/foresporsel/takk/", request_thanks, name="request_thanks"),
    path("nettverk/foresporsel/<str:token>/", request_page, name="request_page"),
    path("nettverk/foresporsel/<str:token>/bekreft/", request_verify_page, name="request_verify"),
    path(
        "nettverk/foresporsel/<str:token>/trekk-tilbake/",
        request_withdraw_page,
        name="request_withdraw",
    ),
]
