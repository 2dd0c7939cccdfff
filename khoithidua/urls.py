from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from khoithidua import views
from members import views as members_views

admin.site.site_header = _("khoithidua administration")
admin.site.site_title = _("khoithidua")

urlpatterns = [
    path("", members_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("pledges.urls")),
    path("", include("awards.urls")),
    path("", include("khoithidua.year_urls")),
    path("", include("audit.urls")),
]
# Uploaded evidence is never served from a public URL: views check access, then stream it.
