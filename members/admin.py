from django.contrib import admin

from members.access import blocs_for_user
from members.graph import foreign_key_path
from members.models import (
    Bloc,
    BlocRole,
    BlocYear,
    Membership,
    Organization,
    Province,
    ProvinceRole,
)


def _bloc_lookup(model) -> str | None:
    """The lookup from `model` to its bloc's primary key ("bloc_year__bloc__in"), or None for
    a model that belongs to no bloc (award types, provinces)."""
    path = foreign_key_path(model, Bloc)
    if path is None:
        return None
    return "__".join((*path, "in")) if path else "pk__in"


def scoped(queryset, user):
    """Only the rows of the user's own blocs, for anyone but a superuser."""
    if user.is_superuser:
        return queryset
    lookup = _bloc_lookup(queryset.model)
    if lookup is None:
        return queryset
    return queryset.filter(**{lookup: blocs_for_user(user).values("pk")})


class ScopedAdmin(admin.ModelAdmin):
    """The admin is for superusers' repairs. Anyone else with staff access sees only their own
    blocs' rows, and only their own blocs' choices in every select; `superuser_only` models
    (provinces and their roles) not at all."""

    superuser_only = False

    def _allowed(self, request) -> bool:
        return request.user.is_superuser or not self.superuser_only

    def has_module_permission(self, request):
        return self._allowed(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, *args):
        return self._allowed(request) and super().has_add_permission(request, *args)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request) and super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scoped(field.queryset, request.user)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = scoped(field.queryset, request.user)
        return field


class ClosedYearReadOnly:
    """A closed year is read-only in the admin too, except for superusers (who reopen years).
    `year_path` leads from the object to its BlocYear, as a lookup ("sheet__bloc_year"; "" when
    the object is the year)."""

    year_path = "bloc_year"
    # Fields a service moves with its checks (a year's phase, a sheet's status): read-only here
    # except for superusers, or staff could close a year without its checks and documents.
    state_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        return fields + tuple(f for f in self.state_fields if f not in fields)

    def _closed(self, obj) -> bool:
        if obj is None:
            return False
        bloc_year = obj
        for name in filter(None, self.year_path.split("__")):
            bloc_year = getattr(bloc_year, name)
        return bloc_year.is_closed

    def has_change_permission(self, request, obj=None):
        if self._closed(obj) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._closed(obj) and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Province)
class ProvinceAdmin(ScopedAdmin):
    superuser_only = True
    list_display = ["name", "merged_into", "merged_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProvinceRole)
class ProvinceRoleAdmin(ScopedAdmin):
    superuser_only = True
    list_display = ["user", "province", "kind", "is_active"]
    list_filter = ["province", "kind"]
    list_select_related = ["user", "province"]


@admin.register(Bloc)
class BlocAdmin(ScopedAdmin):
    list_display = ["name", "short_name", "kind", "province"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin):
    list_display = ["name", "abbreviation", "bloc"]
    list_filter = ["bloc"]
    list_select_related = ["bloc"]
    search_fields = ["name", "short_name", "abbreviation"]
    autocomplete_fields = ["predecessors"]


class MembershipInline(ClosedYearReadOnly, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]
    year_path = ""  # an inline is asked about its parent, the year

    def has_add_permission(self, request, obj=None):
        if self._closed(obj) and not request.user.is_superuser:
            return False
        return super().has_add_permission(request, obj)


@admin.register(BlocYear)
class BlocYearAdmin(ClosedYearReadOnly, ScopedAdmin):
    year_path = ""
    state_fields = ("phase", "closed_at")
    list_display = ["bloc", "year", "phase", "head", "deputy"]
    list_filter = ["bloc", "phase"]
    list_select_related = ["bloc", "head", "deputy"]
    inlines = [MembershipInline]
    autocomplete_fields = ["head", "deputy"]

    def get_readonly_fields(self, request, obj=None):
        # The phase changes through the year's actions and their checks, not a field; only a
        # superuser repairing data may touch it here.
        fields = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return fields
        return [*fields, "phase", "closed_at", "entered_afterwards"]


@admin.register(BlocRole)
class BlocRoleAdmin(ScopedAdmin):
    list_display = ["user", "bloc", "kind", "organization"]
    list_filter = ["bloc", "kind"]
    list_select_related = ["user", "bloc", "organization"]
    autocomplete_fields = ["organization"]


@admin.register(Membership)
class MembershipAdmin(ClosedYearReadOnly, ScopedAdmin):
    list_display = ["organization", "bloc_year", "position", "nomination_blocked"]
    list_filter = ["bloc_year__bloc", "bloc_year__year", "nomination_blocked"]
    list_select_related = ["organization", "bloc_year__bloc"]
    autocomplete_fields = ["organization"]
