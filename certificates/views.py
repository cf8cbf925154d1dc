"""Public verification of a certificate by its code: `/bevis/<code>/`."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from website import policy

from .codes import is_well_formed, normalise
from .models import Certificate
from .services import certificate_pdf_ensure


def verify(request, code):
    """Valid or revoked (with the date, never the reason), name, level, gathering and date,
    organisation — nothing else about the person. Unknown codes answer 404. Look-ups are
    rate-limited per client (scope `certificate_lookup`, website/ratelimit.py)."""
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
    """The certificate's PDF; anyone else gets 404."""
    certificate = policy.get_or_404(request.user, Certificate.objects.all(), policy.VIEW, pk=pk)
    # A revoked certificate has no PDF any more (the verification page says it is revoked).
    certificate = certificate_pdf_ensure(certificate_id=certificate.pk)
    if certificate is None:
        raise Http404
    response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kursbevis-{certificate.display_code}.pdf"'
    return response
