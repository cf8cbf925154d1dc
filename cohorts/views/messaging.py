"""A coordinator writes to participants: to one (from the participant's page) or to everyone
in one state of a gathering. Write, preview (exactly what one recipient gets, and how many
read which language), send; then see the outbox deliver it.

Recipients, language and the refusal of bad input are the service's
(`cohorts.services.messaging`); these views only carry the form between the steps. The
preview's form carries a token: sending the same form twice sends once.
"""

import uuid

from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from website import policy
from website.models import OutboxMessage

from .. import services
from ..messages import MESSAGE_KIND, gathering_message_preview
from ..models import Enrolment, Gathering, GatheringMessage

Limits = GatheringMessage


class MessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("To"), widget=forms.RadioSelect, required=False, choices=()
    )
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=Limits.SUBJECT_MAX_LENGTH,
        error_messages={"required": gettext_lazy("Write a subject.")},
    )
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=Limits.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": gettext_lazy("Write the message.")},
    )
    subject_en = forms.CharField(
        label=gettext_lazy("Subject in English"),
        max_length=Limits.SUBJECT_MAX_LENGTH,
        required=False,
    )
    body_en = forms.CharField(
        label=gettext_lazy("Message in English"),
        max_length=Limits.BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=gettext_lazy("Needed when a recipient reads English (their own choice)."),
    )
    token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, audiences=None, **kwargs):
        super().__init__(*args, **kwargs)
        if audiences is None:
            del self.fields["audience"]
        else:
            self.fields["audience"].choices = audiences
            self.fields["audience"].required = True
            self.fields["audience"].error_messages["required"] = _(
                "Choose whom the message is for."
            )


def _audience_choices(user, gathering):
    """The audiences with how many of the user's own members each reaches now."""
    counts = policy.visible(
        user, Enrolment.objects.filter(gathering=gathering), policy.DECIDE
    ).aggregate(**{state: Count("pk", filter=Q(state=state)) for state in services.AUDIENCES})
    return [(state, f"{label} ({counts[state]})") for state, label in services.AUDIENCES.items()]


def _flow(request, *, gathering, enrolment=None, back_url):
    """Write → preview → send, for one enrolment or an audience of the gathering."""
    audiences = None if enrolment is not None else _audience_choices(request.user, gathering)
    form = MessageForm(request.POST or None, audiences=audiences)
    context = {
        "gathering": gathering,
        "enrolment": enrolment,
        "back_url": back_url,
        "page_title": _("Write to participants")
        if enrolment is None
        else _("Write to a participant"),
        "page_subtitle": gathering.title
        if enrolment is None
        else f"{enrolment.participant.full_name} – {gathering.title}",
        "header_icon": "mail",
    }
    step = request.POST.get("step", "") if request.method == "POST" else ""
    if step in ("preview", "send") and form.is_valid():
        data = form.cleaned_data
        texts = {name: data[name] for name in ("subject", "body", "subject_en", "body_en")}
        audience = data.get("audience", "")
        try:
            if step == "send" and data["token"]:
                message, sent_now = services.message_send(
                    author=request.user,
                    gathering=gathering,
                    token=data["token"],
                    audience=audience,
                    enrolment=enrolment,
                    **texts,
                )
                if sent_now:
                    messages.success(request, _("The message is on its way."))
                else:
                    messages.info(
                        request, _("This message was already sent. It was not sent again.")
                    )
                return redirect("cohorts_admin_message", pk=message.pk)
            reached = services.message_audience(
                user=request.user, gathering=gathering, audience=audience, enrolment=enrolment
            )
            services.message_check(audience=reached, **texts)
        except services.MessageError as error:
            if error.field and error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                form.add_error(None, error.message)
        else:
            draft = services.message_draft(gathering=gathering, audience=audience, **texts)
            samples = _samples(draft, reached.enrolments)
            hidden = MessageForm(
                initial={**data, "token": data["token"] or uuid.uuid4()}, audiences=audiences
            )
            return render(
                request,
                "cohorts/admin/message_preview.html",
                {**context, "reached": reached, "samples": samples, "hidden": hidden},
            )
    return render(request, "cohorts/admin/message_form.html", {**context, "form": form})


def _samples(draft, enrolments):
    """One recipient's e-mail per language among the recipients, rendered as it will go."""
    samples, seen = [], set()
    for enrolment in sorted(enrolments, key=lambda e: e.participant.language != "nb"):
        language = enrolment.participant.language
        if language in seen:
            continue
        seen.add(language)
        email = gathering_message_preview(draft, enrolment)
        samples.append(
            {
                "language": language,
                "recipient": enrolment.participant.full_name,
                "subject": email.subject,
                "text": email.body,
                "reply_to": ", ".join(email.reply_to),
            }
        )
    return samples


@require_http_methods(["GET", "POST"])
def message_gathering(request, pk):
    policy.require_coordinator(request.user)
    gathering = policy.get_or_404(request.user, Gathering.objects.all(), policy.VIEW, pk=pk)
    return _flow(request, gathering=gathering, back_url=reverse("cohorts_admin_review", args=[pk]))


@require_http_methods(["GET", "POST"])
def message_participant(request, pk):
    policy.require_coordinator(request.user)
    enrolment = policy.get_or_404(
        request.user,
        Enrolment.objects.select_related("participant__user", "gathering", "organisation"),
        policy.DECIDE,
        pk=pk,
    )
    return _flow(
        request,
        gathering=enrolment.gathering,
        enrolment=enrolment,
        back_url=reverse("cohorts_admin_participant", args=[pk]),
    )


def _message_for(user, pk) -> GatheringMessage:
    """A sent message: its author's and administrators' (anyone else: 404)."""
    policy.require_coordinator(user)
    found = GatheringMessage.objects.select_related("gathering", "author").filter(pk=pk)
    if not user.is_superuser:
        found = found.filter(author=user)
    message = found.first()
    if message is None:
        raise Http404
    return message


def _delivery(message: GatheringMessage) -> dict:
    """How far the outbox has come with the message's e-mails, in the shape of a background
    job's state (`website.jobs.job_state`), so the one progress include and its script show
    it and keep it moving: the work is the outbox's, the bar is the jobs' bar."""
    states = dict(
        OutboxMessage.objects.filter(
            kind=MESSAGE_KIND, key__startswith=f"{MESSAGE_KIND}:{message.pk}:"
        )
        .values_list("state")
        .annotate(count=Count("pk"))
    )
    State = OutboxMessage.State
    total = sum(states.values())
    sent = states.get(State.SENT, 0)
    failed = states.get(State.FAILED, 0)
    waiting = states.get(State.PENDING, 0) + states.get(State.SENDING, 0)
    finished = waiting == 0
    text = _("%(sent)s of %(total)s e-mails sent.") % {"sent": sent, "total": total}
    if failed:
        text += " " + _(
            "%(failed)s could not be sent (an administrator sees them under Outgoing e-mail)."
        ) % {"failed": failed}
    done = total - waiting
    return {
        "id": f"message-{message.pk}",
        "label": _("Sent"),
        "finished": finished,
        "failed": bool(failed),
        "done": done,
        "total": total,
        "percent": 100 if finished else (done * 100 // total if total else 0),
        "text": text,
        "links": [
            {
                "text": _("Back to the applications"),
                "url": reverse("cohorts_admin_review", args=[message.gathering_id]),
            }
        ]
        if finished
        else [],
        "status_url": reverse("cohorts_admin_message_status", args=[message.pk]),
    }


def message_detail(request, pk):
    """What was written, to how many, and how far the outbox has come delivering it."""
    message = _message_for(request.user, pk)
    return render(
        request,
        "cohorts/admin/message_detail.html",
        {
            "message": message,
            "delivery": _delivery(message),
            "back_url": reverse("cohorts_admin_review", args=[message.gathering_id]),
            "page_title": message.subject,
            "page_subtitle": message.gathering.title,
            "header_icon": "mail",
        },
    )


@never_cache
def message_status(request, pk):
    """The delivery as JSON, for the progress script (same access as the page)."""
    return JsonResponse(_delivery(_message_for(request.user, pk)))
