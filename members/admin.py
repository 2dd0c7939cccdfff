from django.contrib import admin

from members.models import Bloc, BlocRole, BlocYear, Membership, Organization


@admin.register(Bloc)
class BlocAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "province"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "bloc", "leader_name"]
    list_filter = ["bloc"]
    list_select_related = ["bloc"]
    search_fields = ["name", "short_name", "abbreviation"]
    autocomplete_fields = ["predecessor"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(BlocYear)
class BlocYearAdmin(admin.ModelAdmin):
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
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "bloc_year", "position", "nomination_blocked"]
    list_filter = ["bloc_year__bloc", "bloc_year__year", "nomination_blocked"]
    list_select_related = ["organization", "bloc_year__bloc"]
    autocomplete_fields = ["organization"]
