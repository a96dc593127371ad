from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

CONSENT_TITLE = "Согласие на обработку персональных данных при обращении в консультационный центр"
CONSENT_TEXT = (
    "Я даю согласие организации, при которой работает консультационный центр, и оператору платформы "
    "edcluster на обработку моих персональных данных (имя, адрес электронной почты, телефон, сведения о "
    "возрасте ребёнка и теме обращения) в целях записи на консультацию, её проведения, направления "
    "анкеты удовлетворённости и обезличенного учёта оказанных услуг. Согласие действует до его отзыва; "
    "отозвать его можно по ссылке из письма платформы."
)


class ConsultationsConfig(AppConfig):
    name = "edcluster.consultations"
    label = "consultations"
    verbose_name = _("Консультационные центры")
    nav = [("consultations:centre_list", _("Консультационные центры"), 60, "all")]

    def ready(self) -> None:
        from edcluster.consultations import privacy

        privacy.register()
        from edcluster.consultations.documents import register_documents

        register_documents()
        from edcluster.core.services import DEFAULT_CONSENT_TEXTS

        DEFAULT_CONSENT_TEXTS.setdefault("consultations", (CONSENT_TITLE, CONSENT_TEXT))
