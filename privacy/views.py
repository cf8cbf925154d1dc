"""A participant's own data pages: My data (page and JSON file), erasure from My page, and the
guardian's erasure link. Rules live in services; every page that shows personal data is
no-store (the middleware for logged-in users; `never_cache` on the guardian's link)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from people.models import Participant

from . import services
from .forms import ErasureForm
from .personal_data import personal_data


def _participant(request):
    return Participant.objects.filter(user=request.user).first()


@login_required
def my_data(request):
    """`/min-side/mine-data/`: everything we hold about you, readable; and as a JSON file
    (`?format=json`). Recorded in the audit log like any other export."""
    participant = _participant(request)
    as_json = request.GET.get("format") == "json"
    services.my_data_downloaded(
        user=request.user, participant=participant, file_format="JSON" if as_json else "HTML"
    )
    if as_json:
        response = JsonResponse(
            personal_data(request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        stamp = timezone.localtime().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="medvirk-mine-data-{stamp}.json"'
        return response
    return render(
        request,
        "privacy/my_data.html",
        {"data": personal_data(request.user, readable=True), "participant": participant},
    )


@login_required
def erase_my_data(request):
    """`/min-side/slett/`: delete my account and data. Asks for the password and whether my
    name stays on issued certificates."""
    participant = _participant(request)
    form = ErasureForm(request.POST or None, user=request.user)
    if participant is None:
        del form.fields["keep_name"]  # no certificates without a profile
    if request.method == "POST" and form.is_valid():
        try:
            if participant is not None:
                services.participant_erase(
                    participant=participant,
                    actor=request.user,
                    keep_name_on_certificates=form.cleaned_data["keep_name"],
                )
            else:
                services.account_erase(user=request.user)
        except services.ErasureError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Your account and your data have been deleted."))
            return redirect("/")
    return render(
        request,
        "privacy/erase.html",
        {"form": form, "participant": participant},
        status=400 if form.errors else 200,
    )


@never_cache
def guardian_erasure(request, token):
    """`/samlinger/foresatt/slett/<token>/`: a guardian asks for the data of a participant
    under 18 to be deleted (signed link from the guardian's e-mail; confirms on POST only)."""
    participant = services.guardian_erasure_participant(token)
    error = None if participant else services.ErasureError("link_invalid").message
    done = False
    if participant is not None and request.method == "POST":
        try:
            services.guardian_erase(token=token)
        except services.ErasureError as refusal:
            error = refusal.message
        else:
            done = True
    return render(
        request,
        "privacy/guardian_erasure.html",
        {"participant": participant, "error": error, "done": done},
        status=400 if error else 200,
    )
