"""Where certificate PDFs live: the "private" storage (settings.STORAGES), outside MEDIA_ROOT
and under no URL. A PDF prints the holder's name and organisation (membership can reveal
health or family matters), so it leaves only through `views.download`, which asks the access
policy; the proxy that serves /media/ never sees it."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import storages


def private_storage():
    """The FileField's storage, looked up when used (tests and settings may replace it)."""
    return storages["private"]


def _inside(path, folder) -> bool:
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


@checks.register(checks.Tags.security, deploy=False)
def private_storage_is_private(app_configs=None, **kwargs):
    """Fail loudly when PRIVATE_MEDIA_ROOT lies where the web server hands files out."""
    location = getattr(private_storage(), "location", None)
    if location is None:
        return []
    public = [settings.MEDIA_ROOT, *([settings.STATIC_ROOT] if settings.STATIC_ROOT else [])]
    if any(_inside(location, folder) for folder in public):
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT kan ikke ligge i MEDIA_ROOT eller STATIC_ROOT (filene der "
                "deles ut til alle). / PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT or "
                "STATIC_ROOT (their files are served publicly).",
                id="certificates.E001",
            )
        ]
    return []


def pdfs_make_private(certificate_model, *, public=None, private=None, log=print) -> dict:
    """Move the PDFs stored by earlier versions under MEDIA_ROOT/certificates/ into the
    private storage, under the same name (the rows keep pointing at them). A PDF of a revoked
    certificate, or of a holder whose name was erased, is deleted instead: it says "valid" or
    prints a name that must go. A file no row mentions is moved too, not deleted (nothing is
    lost; it is no longer public). Safe to run again. Returns counts per outcome."""
    public = public or storages["default"]
    private = private or private_storage()
    counts = {"moved": 0, "deleted": 0, "unclaimed": 0}
    claimed = set()
    for certificate in certificate_model.objects.exclude(pdf="").iterator():
        name = certificate.pdf.name
        claimed.add(name)
        if not public.exists(name):
            continue
        if certificate.revoked_at is not None or not certificate.holder_name:
            public.delete(name)
            certificate_model.objects.filter(pk=certificate.pk).update(pdf="")
            counts["deleted"] += 1
            continue
        _move(public, private, name)
        counts["moved"] += 1
    try:
        _folders, files = public.listdir("certificates")
    except FileNotFoundError:
        files = []
    for filename in files:
        name = f"certificates/{filename}"
        if name not in claimed and filename.endswith(".pdf"):
            _move(public, private, name)
            counts["unclaimed"] += 1
    if any(counts.values()):
        log(
            "Kursbevis-PDF-er: {moved} flyttet til privat lagring, {deleted} slettet "
            "(tilbakekalt eller navn slettet), {unclaimed} uten kursbevis flyttet.".format(**counts)
        )
    return counts


def _move(public, private, name) -> None:
    if not private.exists(name):
        with public.open(name, "rb") as content:
            saved = private.save(name, content)
        if saved != name:  # (the storage never renames a name that is free)
            raise RuntimeError(f"could not move {name} to the private storage")
    public.delete(name)
