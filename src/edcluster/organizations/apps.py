from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "edcluster.organizations"
    label = "organizations"
    verbose_name = _("Реестр")
    # Navigation entries: (url name, label, order, who sees it: "all" | "staff" | "admin").
    nav = [
        ("organizations:organization_list", _("Организации"), 10, "all"),
        ("organizations:person_list", _("Люди"), 20, "staff"),
    ]

    def ready(self) -> None:
        from edcluster.organizations import (
            importers,  # noqa: F401 - registers the XLSX importers
            privacy,
        )

        privacy.register()

        from django.db.models.signals import post_delete, post_save

        from edcluster.organizations.models import Organization
        from edcluster.organizations.selectors import forget_municipalities

        post_save.connect(forget_municipalities, sender=Organization, dispatch_uid="forget_municipalities_save")
        post_delete.connect(forget_municipalities, sender=Organization, dispatch_uid="forget_municipalities_delete")
