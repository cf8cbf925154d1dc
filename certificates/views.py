"""Public verification of a certificate by its code: `/bevis/` (a form to type one) and
`/bevis/<code>/` (the answer)."""

import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from website import policy

from .badges import documents
from .codes import display, is_well_formed, normalise
from .models import Certificate
from .services import certificate_pdf_download


def lookup(request):
    """`/bevis/`: a form to type a code. A well-formed code (in any case, with or without
    spaces and dashes) goes on to `/bevis/<code>/`, where look-ups are counted and rate-limited;
    a code that cannot be one is answered here, without a look-up. The empty form may be
    cached (issue 20: website/pagecache.py); an answer to a typed code is not."""
    if "kode" in request.GET:
        return _lookup_answer(request)
    return render(request, "certificates/lookup.html", {"typed": "", "error": ""})


@never_cache
def _lookup_answer(request):
    typed = request.GET.get("kode", "").strip()
    normalised = normalise(typed)
    if is_well_formed(normalised):
        return redirect("certificate_verify", code=display(normalised))
    error = (
        _("Type the code printed on the certificate.")
        if not typed
        else _(
            "That is not a certificate code. A code has 10 letters and digits, like K7QM-2XPA-9D."
        )
    )
    return render(
        request,
        "certificates/lookup.html",
        {"typed": typed, "error": error},
        status=400 if error else 200,
    )


def _certificate_by_code(code):
    normalised = normalise(code)
    if not is_well_formed(normalised):
        return None
    return (
        Certificate.objects.select_related("enrolment__gathering", "enrolment__organisation")
        .filter(code=normalised)
        .first()
    )


@never_cache
def verify(request, code):
    """Valid or revoked (with the date, never the reason), name, level, gathering and date,
    organisation — nothing else about the person. Unknown codes answer 404. Look-ups are
    rate-limited per client (scope `certificate_lookup`, website/ratelimit.py). Never cached
    (no-store): a shared cache would go on saying "valid" after a revocation.

    The page also checks the certificate's Open Badges credential as anyone holding it would:
    its signature against the published keys and its bit in the published status list."""
    certificate = _certificate_by_code(code)
    if certificate is None:
        return render(
            request, "certificates/verify.html", {"code": code, "not_found": True}, status=404
        )
    credential = documents.credential(certificate)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "check": documents.check(credential),
            "credential_url": documents.credential_url(certificate),
            "linkedin_url": _linkedin_url(certificate, credential),
        },
    )


def _linkedin_url(certificate, credential) -> str:
    """LinkedIn's "add to profile" link, filled in with the certificate's facts."""
    issued = timezone.localtime(certificate.issued_at)
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": credential["name"],
        "organizationName": documents.ISSUER_NAME,
        "issueYear": issued.year,
        "issueMonth": issued.month,
        "certUrl": documents.base_url() + certificate.get_absolute_url(),
        "certId": certificate.display_code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(query)


@never_cache
def credential(request, code):
    """`/bevis/<code>/credential.json`: the certificate as a signed Open Badges 3.0 credential,
    public like the verification page (and rate-limited with it). A revoked certificate still
    answers with its credential: the status list is what says it is revoked."""
    certificate = _certificate_by_code(code)
    if certificate is None:
        raise Http404
    response = HttpResponse(
        json.dumps(documents.credential(certificate), ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    filename = f"kursbevis-{certificate.display_code}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


CHECK_FILE_LIMIT = 64 * 1024  # a credential is about 4 KB


@never_cache
def check_file(request):
    """`/bevis/sjekk-fil/`: somebody who got a certificate as a file (say, an employer) checks
    it here, with the same check as the verification page: our signature, unchanged, and
    not revoked. Rate-limited with the code look-ups; nothing is stored."""
    context, status = {"error": "", "check": None}, 200
    if request.method == "POST":
        upload = request.FILES.get("fil")
        document, error = None, ""
        if upload is None:
            error = _("Choose the certificate file (.json).")
        elif upload.size > CHECK_FILE_LIMIT:
            error = _("The file is too large to be a certificate.")
        else:
            try:
                document = json.loads(upload.read().decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                error = _("The file is not a digital certificate (it must be a .json file).")
        if error:
            context["error"], status = error, 400
        else:
            context["check"] = documents.check(document)
            context["facts"] = documents.facts(document)
    return render(request, "certificates/check_file.html", context, status=status)


def _json_document(document, *, max_age):
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=max_age)
    return response


def status_list(request, number):
    """`/bevis/status/<n>`: revocation status list n (W3C Bitstring Status List), built from
    the certificates as they are and signed when asked. Cached for five minutes at most:
    a revocation shows within that time everywhere."""
    if number < 1 or number > documents.status_list_count():
        raise Http404
    return _json_document(documents.status_list_credential(number), max_age=300)


def did_document(request):
    """`/.well-known/did.json`: the issuer `did:web:<host>` and its public keys, every key
    still configured (the signing one and the older ones). Cached five minutes, like the
    status list: a key added for a rotation is seen everywhere within that time."""
    return _json_document(documents.did_document(), max_age=300)


@login_required
def download(request, pk):
    """The certificate's PDF, for its holder, coordinators of the holder's organisation and
    administrators (the access policy); anyone else, and everyone once it is revoked, gets 404.
    The file lives in the private storage, never under a URL: the app sends it, or, when
    PRIVATE_MEDIA_ACCEL_REDIRECT names nginx's internal location for that storage, nginx does."""
    certificate = policy.get_or_404(request.user, Certificate.objects.all(), policy.VIEW, pk=pk)
    certificate = certificate_pdf_download(certificate=certificate, actor=request.user)
    if certificate is None:
        raise Http404
    filename = f"kursbevis-{certificate.display_code}.pdf"
    if settings.PRIVATE_MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type="application/pdf")
        prefix = settings.PRIVATE_MEDIA_ACCEL_REDIRECT.rstrip("/")
        response["X-Accel-Redirect"] = f"{prefix}/{certificate.pdf.name}"
    else:
        response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
