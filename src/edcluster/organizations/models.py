"""The registry: clusters, organisations, their memberships, people, positions and roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from edcluster.core import ru
from edcluster.core.links import detail_url
from edcluster.core.models import TimeStampedModel
from edcluster.organizations.regions import REGIONS
from edcluster.organizations.validators import validate_inn, validate_ogrn


class OrganizationKind(models.TextChoices):
    KINDERGARTEN = "kindergarten", _("Детский сад")
    SCHOOL = "school", _("Школа")
    COLLEGE = "college", _("Колледж, техникум")
    UNIVERSITY = "university", _("Вуз, научный институт")
    ADDITIONAL = "additional", _("Дополнительное образование")
    METHODICAL = "methodical", _("Методическая служба, институт развития образования")
    LIBRARY = "library", _("Библиотека")
    MUSEUM = "museum", _("Музей")
    CULTURE = "culture", _("Учреждение культуры")
    AUTHORITY = "authority", _("Орган власти, управление образования")
    BUSINESS = "business", _("Предприятие, бизнес")
    NONPROFIT = "nonprofit", _("Некоммерческая организация")
    SOCIAL = "social", _("Социальное обслуживание")
    PARENTS = "parents", _("Родительская общественность")
    OTHER = "other", _("Другое")


# The parents of an organisation's children as one party of its partnerships (the kindergarten
# sample's first partner, «родители»). Not an organisation of the registry in its own right: it is
# never a cluster member and is left out of the registry's and the dashboards' organisation counts.
PSEUDO_KINDS = {OrganizationKind.PARENTS}

EDUCATIONAL_KINDS = {
    OrganizationKind.KINDERGARTEN,
    OrganizationKind.SCHOOL,
    OrganizationKind.COLLEGE,
    OrganizationKind.UNIVERSITY,
    OrganizationKind.ADDITIONAL,
}


class KindergartenOrientation(models.TextChoices):
    GENERAL = "general", _("общеразвивающего вида")
    COMPENSATING = "compensating", _("компенсирующего вида (коррекционной направленности)")
    COMBINED = "combined", _("комбинированного вида")
    HEALTH = "health", _("оздоровительного вида")
    DEVELOPMENT = "development", _("центр развития ребёнка")
    CARE = "care", _("присмотра и оздоровления")


# Legal forms seen in the cluster's documents; the field accepts any other form too.
LEGAL_FORMS = [
    "МАДОУ",
    "МБДОУ",
    "МКДОУ",
    "МДОУ",
    "МАОУ",
    "МБОУ",
    "МКОУ",
    "МОУ",
    "ГБОУ",
    "ГАОУ",
    "КОГОБУ",
    "ГАПОУ",
    "ГБПОУ",
    "ГПОУ",
    "ФГБОУ ВО",
    "ФГБНУ",
    "МАУ ДО",
    "МБУ ДО",
    "МКУ ДО",
    "МКУК",
    "МБУК",
    "МКУ",
    "МБУ",
    "ГАУ ДПО",
    "НОЧУ ДПО",
    "АНО",
    "АО",
    "ПАО",
    "ООО",
    "ИП",
]


class Cluster(TimeStampedModel):
    """A network of organisations working together (e.g. «Подосиновский образовательный кластер»)."""

    name = models.CharField(_("название"), max_length=300, unique=True)
    short_name = models.CharField(_("краткое название"), max_length=100, blank=True)
    slug = models.SlugField(_("адрес страницы"), max_length=100, unique=True, allow_unicode=False)
    description = models.TextField(_("описание"), blank=True)
    region = models.CharField(_("регион"), max_length=2, choices=REGIONS, blank=True)
    municipality = models.CharField(_("муниципалитет"), max_length=200, blank=True)
    base_organization = models.ForeignKey(
        "Organization",
        verbose_name=_("опорная организация"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("сайт"), blank=True)
    is_public = models.BooleanField(_("показывать на главной"), default=True)

    class Meta:
        verbose_name = _("кластер")
        verbose_name_plural = _("кластеры")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("organizations:cluster_detail", self.slug)


class Organization(TimeStampedModel):
    full_name = models.CharField(_("полное наименование"), max_length=500)
    short_name = models.CharField(_("краткое наименование"), max_length=255, blank=True)
    legal_form = models.CharField(_("организационно-правовая форма"), max_length=30, blank=True)
    kind = models.CharField(_("тип"), max_length=20, choices=OrganizationKind.choices, db_index=True)
    kindergarten_orientation = models.CharField(
        _("направленность детского сада"), max_length=20, choices=KindergartenOrientation.choices, blank=True
    )
    region = models.CharField(_("регион"), max_length=2, choices=REGIONS, blank=True, db_index=True)
    municipality = models.CharField(_("муниципалитет"), max_length=200, blank=True, db_index=True)
    address = models.CharField(_("адрес"), max_length=500, blank=True)
    inn = models.CharField(_("ИНН"), max_length=12, blank=True, validators=[validate_inn])
    ogrn = models.CharField(_("ОГРН"), max_length=15, blank=True, validators=[validate_ogrn])
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("сайт"), blank=True)
    description = models.TextField(_("об организации"), blank=True)
    is_confirmed = models.BooleanField(
        _("подтверждена"),
        default=True,
        help_text=_("Организации, введённые участниками при регистрации, ждут подтверждения координатором."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL keeps this column's text vector beside it (core.search.StoredSearchVector)
    stored_search_vector = True
    parents_of = models.OneToOneField(
        "self",
        verbose_name=_("родители воспитанников (обучающихся) организации"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="parents_community",
    )

    class Meta:
        verbose_name = _("организация")
        verbose_name_plural = _("организации")
        ordering = ["short_name", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="parents", parents_of__isnull=False)
                | (~Q(kind="parents") & Q(parents_of__isnull=True)),
                name="organization_parents_of_kind",
                violation_error_message=_(
                    "Родительская общественность создаётся со страницы организации, чьи это родители."
                ),
            ),
            models.UniqueConstraint(
                fields=["inn"],
                condition=~Q(inn=""),
                name="organization_inn_uniq",
                violation_error_message=_("Организация с таким ИНН уже есть в реестре."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.short_name or self.full_name

    @property
    def kind_label(self) -> str:
        """«Детский сад, комбинированного вида»: the kind, with a kindergarten's orientation."""
        if not self.kindergarten_orientation:
            return self.get_kind_display()
        return f"{self.get_kind_display()}, {self.get_kindergarten_orientation_display()}"

    def get_absolute_url(self) -> str:
        return detail_url("organizations:organization_detail", self.pk)


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        BASE = "base", _("Опорная организация")
        RESOURCE_CENTRE = "resource_centre", _("Ресурсный центр")
        MEMBER = "member", _("Участник")
        PARTNER = "partner", _("Социальный партнёр")

    cluster = models.ForeignKey(
        Cluster, verbose_name=_("кластер"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("роль в кластере"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("с"), null=True, blank=True)
    until = models.DateField(_("по"), null=True, blank=True)
    note = models.CharField(_("примечание"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("участие в кластере")
        verbose_name_plural = _("участие в кластерах")
        ordering = ["cluster", "role", "organization__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "organization"], name="membership_cluster_org_uniq"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_dates_order",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.cluster} ({self.get_role_display()})"


class Gender(models.TextChoices):
    MALE = "male", _("мужской")
    FEMALE = "female", _("женский")


class Person(TimeStampedModel):
    last_name = models.CharField(_("фамилия"), max_length=100)
    first_name = models.CharField(_("имя"), max_length=100)
    middle_name = models.CharField(_("отчество"), max_length=100, blank=True)
    gender = models.CharField(
        _("пол"),
        max_length=6,
        choices=Gender.choices,
        blank=True,
        help_text=_("Определяется по отчеству; можно исправить."),
    )
    email = models.EmailField(_("e-mail"), blank=True, db_index=True)
    phone = models.CharField(_("телефон"), max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("учётная запись"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    # PostgreSQL keeps this column's text vector beside it (core.search.StoredSearchVector)
    stored_search_vector = True

    class Meta:
        verbose_name = _("человек")
        verbose_name_plural = _("люди")
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [models.Index(fields=["last_name", "first_name"], name="person_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def name(self) -> ru.FullName:
        gender = ru.Gender(self.gender) if self.gender else None
        return ru.FullName(last=self.last_name, first=self.first_name, middle=self.middle_name, gender=gender)

    @property
    def full_name(self) -> str:
        return self.name.full

    @property
    def short_name(self) -> str:
        return self.name.short

    def get_absolute_url(self) -> str:
        return detail_url("organizations:person_detail", self.pk)


class Position(TimeStampedModel):
    """A post a person holds in an organisation ("методист", "заместитель директора по ВР")."""

    class Category(models.TextChoices):
        HEAD = "head", _("руководитель")
        DEPUTY = "deputy", _("заместитель руководителя")
        METHODOLOGIST = "methodologist", _("методист")
        TEACHER = "teacher", _("педагог")
        SPECIALIST = "specialist", _("специалист")
        STUDENT = "student", _("студент")
        OTHER = "other", _("другое")

    person = models.ForeignKey(Person, verbose_name=_("человек"), on_delete=models.CASCADE, related_name="positions")
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField(_("должность"), max_length=300)
    category = models.CharField(_("категория"), max_length=20, choices=Category.choices, default=Category.OTHER)
    since = models.DateField(_("с"), null=True, blank=True)
    until = models.DateField(_("по"), null=True, blank=True)

    class Meta:
        verbose_name = _("должность")
        verbose_name_plural = _("должности")
        ordering = ["person__last_name", "organization__short_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="position_dates_order",
                violation_error_message=_("Дата окончания раньше даты начала."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.short_name}, {self.title}, {self.organization}"


class RoleAssignment(TimeStampedModel):
    """What a user may do: coordinate a cluster, edit an organisation, or read (a cluster or all).
    The platform administrator is ``User.is_superuser``."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Координатор кластера")
        EDITOR = "editor", _("Редактор организации")
        VIEWER = "viewer", _("Наблюдатель")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("пользователь"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("роль"), max_length=20, choices=Role.choices)
    cluster = models.ForeignKey(Cluster, verbose_name=_("кластер"), null=True, blank=True, on_delete=models.CASCADE)
    organization = models.ForeignKey(
        Organization, verbose_name=_("организация"), null=True, blank=True, on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("роль пользователя")
        verbose_name_plural = _("роли пользователей")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role="coordinator", cluster__isnull=False, organization__isnull=True)
                    | Q(role="editor", organization__isnull=False, cluster__isnull=True)
                    | Q(role="viewer", organization__isnull=True)
                ),
                name="role_scope_matches_role",
                violation_error_message=_(
                    "Координатору нужен кластер, редактору — организация, наблюдателю — кластер или ничего."
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.cluster or self.organization or _("вся платформа")
        return f"{self.user}: {self.get_role_display()} — {scope}"
