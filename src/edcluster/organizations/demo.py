"""Demo registry built from the sample documents (../shared/samples/):

- council_protocol.txt — «Подосиновский образовательный кластер», its base school and the
  organisations and eight speakers of protocol № 1 of 26 February 2025;
- info_letter_conference.txt — the pedagogical cluster «Педагогический центр СТАРТ» with
  ГАПОУ «Волгоградский социально-педагогический колледж»;
- kindergarten_partners.txt — МАДОУ № 24 «Журавушка» (Искитим) and every partner it names.

Facts are only those the samples state; ИНН is given only where it is public and certain.
"""

from __future__ import annotations

from edcluster.core.demo_loader import DemoContext
from edcluster.organizations import services
from edcluster.organizations.models import Cluster, Membership, Organization, OrganizationKind, Person, RoleAssignment

K = OrganizationKind
R = Membership.Role

PODOSINOVETS = [
    # key, full name, short name, legal form, kind, municipality, role
    (
        "school",
        "Кировское областное государственное общеобразовательное бюджетное учреждение «Средняя школа пгт Подосиновец»",
        "КОГОБУ СШ пгт Подосиновец",
        "КОГОБУ",
        K.SCHOOL,
        "пгт Подосиновец",
        R.BASE,
    ),
    (
        "uo",
        "Управление образования администрации Подосиновского района",
        "Управление образования Подосиновского района",
        "",
        K.AUTHORITY,
        "Подосиновский район",
        R.MEMBER,
    ),
    (
        "ims",
        "Муниципальное казённое учреждение «Информационно-методическая служба» Администрации Подосиновского района",
        "МКУ ИМС Администрации Подосиновского района",
        "МКУ",
        K.METHODICAL,
        "Подосиновский район",
        R.MEMBER,
    ),
    (
        "crafts",
        "Муниципальное казённое учреждение культуры «Центр народной культуры «Подосиновский Дом ремёсел»",
        "МКУК ЦНК «Подосиновский Дом ремесел»",
        "МКУК",
        K.CULTURE,
        "пгт Подосиновец",
        R.PARTNER,
    ),
    (
        "ddt",
        "Муниципальное казённое учреждение дополнительного образования «Дом детского творчества «Ровесник»",
        "МКУ ДО ДДТ «Ровесник»",
        "МКУ ДО",
        K.ADDITIONAL,
        "пгт Подосиновец",
        R.MEMBER,
    ),
    # A kindergarten of the cluster the samples do not name (invented for the demo): it hosts the
    # second parents' consultation centre of the demo (section_results_template.txt).
    (
        "kindergarten",
        "Муниципальное казённое дошкольное образовательное учреждение детский сад «Солнышко» пгт Подосиновец",
        "МКДОУ д/с «Солнышко» пгт Подосиновец",
        "МКДОУ",
        K.KINDERGARTEN,
        "пгт Подосиновец",
        R.MEMBER,
    ),
    (
        "library",
        "Подосиновская центральная библиотека им. А.А. Филева",
        "Подосиновская центральная библиотека",
        "",
        K.LIBRARY,
        "пгт Подосиновец",
        R.PARTNER,
    ),
    (
        "bank",
        "Акционерное общество «Российский Сельскохозяйственный банк»",
        "АО «Россельхозбанк»",
        "АО",
        K.BUSINESS,
        "Москва",
        R.PARTNER,
    ),
]

PODOSINOVETS_PEOPLE = [
    # last, first, middle, organisation key, position
    ("Пономарева", "Оксана", "Александровна", "bank", "управляющий ДО №3349/2229"),
    ("Грязева", "Елена", "Борисовна", "school", "методист"),
    ("Залесова", "Светлана", "Владимировна", "ims", "методист сектора"),
    ("Мохина", "Елена", "Дмитриевна", "school", "заместитель директора по воспитательной работе"),
    ("Ачилова", "Екатерина", "Васильевна", "crafts", "директор"),
    ("Чебыкина", "Татьяна", "Валерьевна", "ddt", "заместитель директора по УВР"),
    ("Пахомовская", "Нина", "Владимировна", "library", "главный библиотекарь отдела обслуживания"),
    ("Гмызина", "Татьяна", "Николаевна", "crafts", "специалист"),
]

ISKITIM = [
    (
        "zhuravushka",
        "Муниципальное автономное дошкольное образовательное учреждение детский сад № 24 «Журавушка»",
        "МАДОУ № 24 «Журавушка»",
        "МАДОУ",
        K.KINDERGARTEN,
        "Искитим",
        R.BASE,
    ),
    ("admin", "Администрация города Искитима", "Администрация г. Искитима", "", K.AUTHORITY, "Искитим", R.PARTNER),
    (
        "uo",
        "Муниципальное казённое учреждение «Управление образования» города Искитима",
        "МКУ «Управление образования» г. Искитима",
        "МКУ",
        K.AUTHORITY,
        "Искитим",
        R.PARTNER,
    ),
    ("school11", "Школа № 11 города Искитима", "Школа № 11 г. Искитима", "", K.SCHOOL, "Искитим", R.PARTNER),
    ("school9", "Школа № 9 города Искитима", "Школа № 9 г. Искитима", "", K.SCHOOL, "Искитим", R.PARTNER),
    (
        "cdo",
        "Центр дополнительного образования города Искитима",
        "ЦДО г. Искитима",
        "",
        K.ADDITIONAL,
        "Искитим",
        R.PARTNER,
    ),
    (
        "iidsv",
        "Институт изучения детства, семьи и воспитания Российской академии образования",
        "Институт изучения детства, семьи и воспитания РАО",
        "",
        K.UNIVERSITY,
        "Москва",
        R.PARTNER,
    ),
    (
        "npk1",
        "Новосибирский педагогический колледж № 1 им. А.С. Макаренко",
        "Новосибирский педагогический колледж № 1",
        "",
        K.COLLEGE,
        "Новосибирск",
        R.RESOURCE_CENTRE,
    ),
    ("hyundai", "Hyundai Motor", "Hyundai Motor", "", K.BUSINESS, "", R.PARTNER),
    (
        "ppiv",
        "Негосударственное образовательное частное учреждение дополнительного профессионального образования "
        "«Психолого-педагогический институт воспитания»",
        "НОЧУ ДПО «Психолого-педагогический институт воспитания»",
        "НОЧУ ДПО",
        K.NONPROFIT,
        "",
        R.PARTNER,
    ),
    (
        "rsl",
        "Общество с ограниченной ответственностью «Русское слово – учебник»",
        "ООО «Русское слово – учебник»",
        "ООО",
        K.BUSINESS,
        "Москва",
        R.PARTNER,
    ),
    ("ud", "Университет детства", "Университет детства", "", K.NONPROFIT, "", R.PARTNER),
]

REGION_OF = {"Москва": "77", "Новосибирск": "54", "Искитим": "54"}


def _org(
    ctx: DemoContext,
    *,
    full: str,
    short: str,
    form: str,
    kind: str,
    municipality: str,
    region: str,
    cluster: Cluster,
    role: str,
    **extra,
) -> Organization:
    org = Organization.objects.filter(full_name=full).first()
    if org is None:
        data = {
            "full_name": full,
            "short_name": short,
            "legal_form": form,
            "kind": kind,
            "municipality": municipality,
            "region": REGION_OF.get(municipality, region),
            **extra,
        }
        org = services.organization_create(actor=ctx.admin, data=data, cluster=cluster, membership_role=role)
    elif not Membership.objects.filter(cluster=cluster, organization=org).exists():
        services.membership_set(actor=ctx.admin, cluster=cluster, organization=org, role=role)
    return org


def _cluster(ctx: DemoContext, *, slug: str, **data) -> Cluster:
    return Cluster.objects.filter(slug=slug).first() or services.cluster_create(
        actor=ctx.admin, data={"slug": slug, **data}
    )


def _person(
    ctx: DemoContext, last: str, first: str, middle: str, org: Organization, title: str, email: str = ""
) -> Person:
    person = Person.objects.filter(
        last_name=last, first_name=first, middle_name=middle, positions__organization=org
    ).first()
    if person is None:
        person = services.person_create(
            actor=ctx.admin,
            data={"last_name": last, "first_name": first, "middle_name": middle, "email": email},
            organization=org,
            position_title=title,
        )
    return person


def load(ctx: DemoContext) -> None:
    # Подосиновский образовательный кластер (council_protocol.txt)
    podos = _cluster(
        ctx,
        slug="podosinovets",
        name="Подосиновский образовательный кластер",
        short_name="Подосиновский кластер",
        region="43",
        municipality="Подосиновский район",
        description="Образовательный кластер образовательных организаций Подосиновского района "
        "Кировской области. Опорная школа — КОГОБУ СШ пгт Подосиновец.",
    )
    orgs = {}
    for key, full, short, form, kind, municipality, role in PODOSINOVETS:
        extra = {"inn": "7725114488"} if key == "bank" else {}
        orgs[key] = _org(
            ctx,
            full=full,
            short=short,
            form=form,
            kind=kind,
            municipality=municipality,
            region="43",
            cluster=podos,
            role=role,
            **extra,
        )
    if podos.base_organization_id != orgs["school"].pk:
        services.cluster_update(actor=ctx.admin, cluster=podos, data={"base_organization": orgs["school"]})
    people = {}
    for last, first, middle, org_key, title in PODOSINOVETS_PEOPLE:
        people[last] = _person(
            ctx, last, first, middle, orgs[org_key], title, email=f"{_latin(last)}@demo.edcluster.local"
        )
    ctx.objects.update(podosinovets=podos, podosinovets_orgs=orgs, podosinovets_people=people)

    # Педагогический центр СТАРТ (info_letter_conference.txt)
    start = _cluster(
        ctx,
        slug="start",
        name="Педагогический центр СТАРТ",
        short_name="СТАРТ",
        region="34",
        municipality="Волгоград",
        description="Педагогический кластер: колледж и дошкольные "
        "учреждения в подготовке педагогических кадров (технология «Профессионалитет»).",
    )
    college = _org(
        ctx,
        full="Государственное автономное профессиональное образовательное учреждение "
        "«Волгоградский социально-педагогический колледж»",
        short="ГАПОУ «Волгоградский социально-педагогический колледж»",
        form="ГАПОУ",
        kind=K.COLLEGE,
        municipality="Волгоград",
        region="34",
        cluster=start,
        role=R.BASE,
    )
    if start.base_organization_id != college.pk:
        services.cluster_update(actor=ctx.admin, cluster=start, data={"base_organization": college})
    ctx.objects.update(start=start, start_college=college)

    # МАДОУ № 24 «Журавушка» and its partners (kindergarten_partners.txt)
    iskitim = _cluster(
        ctx,
        slug="iskitim",
        name="Сеть социальных партнёров МАДОУ № 24 «Журавушка»",
        short_name="Партнёры «Журавушки»",
        region="54",
        municipality="Искитим",
        description="Социальное партнёрство детского сада № 24 «Журавушка» города Искитима.",
    )
    iskitim_orgs = {}
    for key, full, short, form, kind, municipality, role in ISKITIM:
        iskitim_orgs[key] = _org(
            ctx,
            full=full,
            short=short,
            form=form,
            kind=kind,
            municipality=municipality,
            region="54",
            cluster=iskitim,
            role=role,
        )
    if iskitim.base_organization_id != iskitim_orgs["zhuravushka"].pk:
        services.cluster_update(
            actor=ctx.admin, cluster=iskitim, data={"base_organization": iskitim_orgs["zhuravushka"]}
        )
    ctx.objects.update(iskitim=iskitim, iskitim_orgs=iskitim_orgs)

    # Demo logins, one per role.
    coordinator = ctx.user(
        "coordinator",
        first_name="Елена",
        last_name="Грязева",
        who="координатор Подосиновского образовательного кластера",
    )
    services.role_grant(actor=ctx.admin, user=coordinator, role=RoleAssignment.Role.COORDINATOR, cluster=podos)
    editor = ctx.user(
        "editor", first_name="Елена", last_name="Мохина", who="редактор организации КОГОБУ СШ пгт Подосиновец"
    )
    services.role_grant(actor=ctx.admin, user=editor, role=RoleAssignment.Role.EDITOR, organization=orgs["school"])
    viewer = ctx.user(
        "viewer",
        first_name="Светлана",
        last_name="Залесова",
        who="наблюдатель Подосиновского образовательного кластера",
    )
    services.role_grant(actor=ctx.admin, user=viewer, role=RoleAssignment.Role.VIEWER, cluster=podos)
    start_coordinator = ctx.user(
        "start", first_name="Координатор", last_name="СТАРТ", who="координатор педагогического кластера «СТАРТ»"
    )
    services.role_grant(actor=ctx.admin, user=start_coordinator, role=RoleAssignment.Role.COORDINATOR, cluster=start)
    kindergarten = ctx.user(
        "zhuravushka", first_name="Редактор", last_name="Журавушки", who="редактор МАДОУ № 24 «Журавушка»"
    )
    services.role_grant(
        actor=ctx.admin, user=kindergarten, role=RoleAssignment.Role.EDITOR, organization=iskitim_orgs["zhuravushka"]
    )
    ctx.objects.update(coordinator=coordinator, editor=editor, viewer=viewer, start_coordinator=start_coordinator)


TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def _latin(word: str) -> str:
    return "".join(TRANSLIT.get(ch, ch) for ch in word.lower())
