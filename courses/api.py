"""The published curriculum through Wagtail's API v2 (issue 19): `/api/v2/pages/`, `/images/`,
`/documents/`.

The API answers everyone alike, as a visitor who is not logged in sees the site:

- **Pages**: live pages without any view restriction (private, password, group), nor below
  one — whoever asks, logged in or not (Wagtail's own viewset lets a logged-in person see
  the restricted pages they may open; this API is cached and copied onto other sites, so it
  never does). Each page type says which fields it publishes (`api_fields` on the models);
  a module's facilitator guide is not one of them, and facilitator notes are dropped from
  its body by `ModuleStreamBlock.get_api_representation` (courses/blocks.py).
- **Images and documents**: only those a live public page uses (Wagtail's reference index),
  and none in a collection with a view restriction — an editor's upload for a draft is not
  published by the API before the page is.
- JSON only (no browsable HTML API), no log-in of its own (a Basic header changes nothing and
  costs no password check), GET only.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField, Q
from django.db.models.functions import Cast
from django.http import Http404
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex

# The largest id PostgreSQL's integer key holds: a larger one names nothing (404), where the
# query would fail (500).
LARGEST_ID = 2**31 - 1


class SiteUser(BaseAuthentication):
    """The person the site's middleware found, or nobody: never a password check (DRF's
    default Basic authentication would check one on a public endpoint). The answers are the
    same for everyone; keeping `request.user` keeps a logged-in person's answer `no-store`
    (PersonalDataNoStoreMiddleware; DRF would otherwise set it to AnonymousUser)."""

    def authenticate(self, request):
        user = getattr(request._request, "user", None)
        return (user, None) if user is not None and user.is_authenticated else None


class PublicAPIMixin:
    """What every endpoint of the read API shares: JSON, read only, no log-in of its own."""

    renderer_classes = [JSONRenderer]
    authentication_classes = [SiteUser]
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]

    def get_object(self):
        if not 0 < int(self.kwargs["pk"]) <= LARGEST_ID:
            raise Http404
        return super().get_object()


def public_pages():
    """Live pages no view restriction covers (the restriction's page and everything below)."""
    return Page.objects.live().public()


class PublicPagesAPIViewSet(PublicAPIMixin, PagesAPIViewSet):
    def get_base_queryset(self):
        return super().get_base_queryset().public()

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        # Wagtail answers 404 to a locale it does not have; a wrong value is a bad request.
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
            languages = ", ".join(dict(settings.WAGTAIL_CONTENT_LANGUAGES))
            raise BadRequestError(f"locale must be one of: {languages}")


def restricted_collections():
    """Collections with a view restriction, and the collections below them."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection")
    ).values_list("path", flat=True)
    below = Q(pk__in=[])
    for path in paths:
        below |= Q(path__startswith=path)
    return Collection.objects.filter(below)


def used_by_public_pages(queryset):
    """The images or documents of `queryset` that a live public page refers to."""
    used = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(queryset.model),
            object_id__in=public_pages().annotate(key=Cast("pk", CharField())).values("key"),
        )
        .annotate(target=Cast("to_object_id", IntegerField()))
        .values("target")
    )
    return queryset.filter(pk__in=used).exclude(collection__in=restricted_collections())


class PublicImagesAPIViewSet(PublicAPIMixin, ImagesAPIViewSet):
    def get_queryset(self):
        return used_by_public_pages(self.model.objects.all()).order_by("id")


class PublicDocumentsAPIViewSet(PublicAPIMixin, DocumentsAPIViewSet):
    def get_queryset(self):
        return used_by_public_pages(self.model.objects.all()).order_by("id")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
