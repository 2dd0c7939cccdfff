from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control


class LanguageMiddleware:
    """Vietnamese first: the language is Vietnamese unless the user chose another one (the
    language cookie set by the switcher). Unlike Django's LocaleMiddleware we ignore the
    browser's Accept-Language, since office browsers are often installed in English."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        translation.activate(language)  # a cụm's words (members.kinds) end with its request
        response.headers.setdefault("Content-Language", language)
        return response


class PrivatePagesMiddleware:
    """Pages and downloads shown to a logged-in user hold the bloc's records (scores, votes,
    evidence): no shared cache may keep them and no browser may store them on disk, where the
    next user of an office computer would find them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            response.headers.pop("Expires", None)
        return response


class MethodNotAllowedPageMiddleware:
    """An action's address opened as a page (a bookmark, a pasted link) gets Django's empty 405:
    ours says in Vietnamese to use the button on its page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "405.html", status=405)
        page.headers["Allow"] = response.headers.get("Allow", "")
        return page


def csrf_failure(request, reason=""):
    """Django's CSRF page is English and technical; ours says in Vietnamese what to do."""
    return render(request, "403_csrf.html", status=403)
