"""Site-wide request handling: the chosen language, and no caching of personal pages."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class CookieLanguageMiddleware:
    """Norwegian unless the visitor chose English with the language switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language:
    many Norwegians run English browsers, and the programme is Norwegian first
    (design.md). URLs carry no language prefix, because e-mails, calendars and
    printed certificates link to fixed addresses.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class PersonalDataNoStoreMiddleware:
    """Design rule 9: a response to a logged-in person may show personal data, so no cache keeps it.

    Only anonymous responses may be cached (by the browser or a proxy).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
