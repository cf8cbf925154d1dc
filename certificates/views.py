"""Public verification of a certificate by its code: `/bevis/` (a form to type one) and
`/bevis/<code>/` (the answer)."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from website import policy

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


@never_cache
def verify(request, code):
    """Valid or revoked (with the date, never the reason), name, level, gathering and date,
    organisation — nothing else about the person. Unknown codes answer 404. Look-ups are
    rate-limited per client (scope `certificate_lookup`, website/ratelimit.py). Never cached
    (no-store): a shared cache would go on saying "valid" after a revocation."""
    normalised = normalise(code)
    certificate = (
        Certificate.objects.select_related("enrolment__gathering", "enrolment__organisation")
        .filter(code=normalised)
        .first()
        if is_well_formed(normalised)
        else None
    )
    if certificate is None:
        return render(
            request, "certificates/verify.html", {"code": code, "not_found": True}, status=404
        )
    return render(request, "certificates/verify.html", {"certificate": certificate})


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
