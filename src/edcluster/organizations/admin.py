"""The Django admin of the registry. Every save goes through ``services`` (audit, search text,
duplicate checks); memberships and posts are shown here and edited on the registry pages."""

from django.contrib import admin

from edcluster.core.admin import ServiceAdminMixin
from edcluster.organizations import services
from edcluster.organizations.models import Cluster, Membership, Organization, Person, Position, RoleAssignment


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ["organization", "cluster", "role", "since", "until"]
    readonly_fields = fields


class PositionInline(ReadOnlyInline):
    model = Position
    fields = ["organization", "title", "category", "since", "until"]
    readonly_fields = fields


@admin.register(Cluster)
class ClusterAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["name", "region", "base_organization", "is_public"]
    search_fields = ["name"]
    autocomplete_fields = ["base_organization"]
    inlines = [MembershipInline]
    service_fields = services.CLUSTER_FIELDS

    @staticmethod
    def create_service(actor, obj, data):
        return services.cluster_create(actor=actor, data=data)

    @staticmethod
    def update_service(actor, obj, data):
        return services.cluster_update(actor=actor, cluster=obj, data=data)


@admin.register(Organization)
class OrganizationAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["display_name", "kind", "region", "municipality", "inn", "is_confirmed"]
    list_filter = ["kind", "region", "is_confirmed"]
    search_fields = ["full_name", "short_name", "inn", "municipality"]
    fields = services.ORGANIZATION_FIELDS
    inlines = [MembershipInline, PositionInline]
    service_fields = services.ORGANIZATION_FIELDS

    @staticmethod
    def create_service(actor, obj, data):
        return services.organization_create(actor=actor, data=data)

    @staticmethod
    def update_service(actor, obj, data):
        return services.organization_update(actor=actor, organization=obj, data=data)

    @staticmethod
    def delete_service(actor, obj):
        services.organization_delete(actor=actor, organization=obj)


@admin.register(Person)
class PersonAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "middle_name"]
    search_fields = ["last_name", "first_name"]
    fields = services.PERSON_FIELDS
    inlines = [PositionInline]
    service_fields = services.PERSON_FIELDS

    @staticmethod
    def create_service(actor, obj, data):
        return services.person_create(actor=actor, data=data)

    @staticmethod
    def update_service(actor, obj, data):
        return services.person_update(actor=actor, person=obj, data=data)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["user", "role", "cluster", "organization"]
    list_filter = ["role"]
    autocomplete_fields = ["organization", "cluster"]
    service_fields = ["user", "role", "cluster", "organization"]

    @staticmethod
    def create_service(actor, obj, data):
        return services.role_grant(actor=actor, **data)

    @staticmethod
    def update_service(actor, obj, data):
        services.role_revoke(actor=actor, assignment=obj)
        return services.role_grant(actor=actor, **data)

    @staticmethod
    def delete_service(actor, obj):
        services.role_revoke(actor=actor, assignment=obj)
