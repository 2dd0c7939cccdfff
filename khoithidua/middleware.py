from django.conf import settings
from django.utils import translation


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
        response.headers.setdefault("Content-Language", language)
        return response
