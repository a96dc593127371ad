from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "edcluster.certificates"
    label = "certificates"
    verbose_name = _("Сертификаты")
    nav: list = []

    def ready(self) -> None:
        from edcluster.certificates import privacy

        privacy.register()
