from django.contrib import admin

from members.models import (
    Bloc,
    BlocRole,
    BlocYear,
    Membership,
    Organization,
    Province,
    ProvinceRole,
)


class ClosedYearReadOnly:
    """A closed year is read-only in the admin too, except for superusers (who reopen years).
    `year_path` leads from the object to its BlocYear, as a lookup ("sheet__bloc_year"; "" when
    the object is the year)."""

    year_path = "bloc_year"

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
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "merged_into", "merged_on"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProvinceRole)
class ProvinceRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "province", "kind", "is_active"]
    list_filter = ["province", "kind"]
    list_select_related = ["user", "province"]


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "province"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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
class BlocYearAdmin(ClosedYearReadOnly, admin.ModelAdmin):
    year_path = ""
    list_display = ["bloc", "year", "phase", "head", "deputy"]
    list_filter = ["bloc", "phase"]
    list_select_related = ["bloc", "head", "deputy"]
    inlines = [MembershipInline]
    autocomplete_fields = ["head", "deputy"]


@admin.register(BlocRole)
class BlocRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "bloc", "kind", "organization"]
    list_filter = ["bloc", "kind"]
    list_select_related = ["user", "bloc", "organization"]
    autocomplete_fields = ["organization"]


@admin.register(Membership)
class MembershipAdmin(ClosedYearReadOnly, admin.ModelAdmin):
    list_display = ["organization", "bloc_year", "position", "nomination_blocked"]
    list_filter = ["bloc_year__bloc", "bloc_year__year", "nomination_blocked"]
    list_select_related = ["organization", "bloc_year__bloc"]
    autocomplete_fields = ["organization"]
