from django.contrib import admin

from edcluster.api.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "scope", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "key_hash", "scope", "created_at", "last_used_at"]

    def has_add_permission(self, request):
        return False
