from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from edcluster.core.models import AuditEntry, Consent, ConsentText, ImportJob, OutboxAttachment, OutboxMessage, User

admin.site.register(User, UserAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_repr"]
    list_filter = ["action"]
    search_fields = ["action", "target_repr"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OutboxAttachmentInline(admin.TabularInline):
    model = OutboxAttachment
    fields = ["filename", "content_type"]
    readonly_fields = fields
    extra = 0


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "subject", "status", "topic", "attempts"]
    list_filter = ["status", "topic"]
    search_fields = ["subject"]
    inlines = [OutboxAttachmentInline]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["purpose", "version", "title", "published_at"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["text", "given_at", "withdrawn_at"]
    list_filter = ["text__purpose"]
    readonly_fields = ["text", "email", "given_at", "ip", "withdrawn_at", "token", "subject_type", "subject_id"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "original_name", "status", "created_by"]
    list_filter = ["kind", "status"]


class ServiceAdminMixin:
    """Django admin pages that write through the app's services (validation, audit, derived
    fields) instead of saving models directly. Set ``create_service`` / ``update_service`` to
    callables ``(actor, obj, data)`` and ``service_fields`` to the fields they accept."""

    service_fields: list[str] = []
    create_service = None
    update_service = None
    delete_service = None

    def save_model(self, request, obj, form, change):
        from edcluster.core.errors import DomainError

        data = {k: form.cleaned_data[k] for k in self.service_fields if k in form.cleaned_data}
        try:
            if change:
                saved = type(self).update_service(request.user, obj.__class__.objects.get(pk=obj.pk), data)
            else:
                saved = type(self).create_service(request.user, obj, data)
        except DomainError as exc:
            from django.core.exceptions import ValidationError as DjangoValidationError

            raise DjangoValidationError(exc.message) from exc
        obj.pk = saved.pk
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        if type(self).delete_service is None:
            return super().delete_model(request, obj)
        type(self).delete_service(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # bulk delete would bypass the services
        return actions
