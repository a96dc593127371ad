"""Pages of practical training: thin — access, one service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from, form_errors_text
from edcluster.core.search import search_filter
from edcluster.organizations.access import access_organization, editable_organizations
from edcluster.organizations.models import Organization, OrganizationKind
from edcluster.training import access, exports, selectors, services
from edcluster.training.forms import (
    AssignForm,
    BaseEditForm,
    BaseForm,
    CommentForm,
    DiaryForm,
    EmploymentForm,
    EvaluationForm,
    FeedbackForm,
    GroupForm,
    MarkForm,
    MentorChangeForm,
    MentorForm,
    PeriodForm,
    PlacesForm,
    StudentForm,
)
from edcluster.training.models import (
    CRITERIA,
    BasePlaces,
    DiaryEntry,
    Employment,
    Feedback,
    PracticeBase,
    Student,
    StudentGroup,
)
from edcluster.web.pagination import paginate


def _managed_colleges(user) -> QuerySet[Organization]:
    return editable_organizations(user, Organization.objects.filter(kind=OrganizationKind.COLLEGE))


# the practice page lists the colleges a user manages up to this many; an administrator of a
# national platform manages thousands and finds theirs by name (``?college=``)
COLLEGES_SHOWN = 10


@login_required
def index(request: HttpRequest) -> HttpResponse:
    mine = access.student_records(request.user).values("pk")
    managed = _managed_colleges(request.user).order_by("short_name", "full_name", "pk")
    college_query = request.GET.get("college", "").strip()[:200]
    found = search_filter(managed, college_query) if college_query else managed
    colleges = list(found[: COLLEGES_SHOWN + 1])
    periods, query_string = paginate(request, selectors.periods_for(request.user))
    return render(
        request,
        "training/index.html",
        {
            "periods": periods,
            "query_string": query_string,
            "my_placements": access.visible_placements(request.user)
            .filter(student__in=mine)
            .select_related("period", "base__organization", "mentor"),
            "colleges": colleges[:COLLEGES_SHOWN],
            "more_colleges": len(colleges) > COLLEGES_SHOWN,
            "college_query": college_query,
            "find_college": college_query or len(colleges) > COLLEGES_SHOWN,
            "groups": StudentGroup.objects.filter(college__in=colleges[:COLLEGES_SHOWN]).select_related("college"),
        },
    )


@login_required
def period_create(request: HttpRequest, college_id: int) -> HttpResponse:
    college = access_organization(request.user, college_id)
    require(access.can_manage_college(request.user, college))
    form = PeriodForm(request.POST or None, college=college)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.period_create(actor=request.user, college=college, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Период практики создан."))
            return redirect(period)
    return render(request, "training/form.html", {"form": form, "title": _("Новый период практики"), "back": None})


@login_required
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.access_period(request.user, pk)
    manage = access.can_manage_college(request.user, period.college_id)
    student = access.student_records(request.user).filter(group_id=period.group_id).first()
    my_placement = (
        period.placements.filter(student=student).select_related("base__organization").first() if student else None
    )
    return render(
        request,
        "training/period_detail.html",
        {
            "period": period,
            "offers": selectors.period_offers(period),
            "placements": selectors.period_placements(request.user, period),
            "manage": manage,
            "can_choose": bool(student and access.can_choose(request.user, period, student) and not my_placement),
            "my_placement": my_placement,
            "places_form": PlacesForm(period=period) if manage else None,
            "assign_form": AssignForm(period=period) if manage else None,
        },
    )


@login_required
@require_POST
def places_set(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.access_period(request.user, pk, manage=True)
    form = PlacesForm(request.POST, period=period)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(period)
    try:
        services.places_set(
            actor=request.user, period=period, base=form.cleaned_data["base"], places=form.cleaned_data["places"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Места сохранены."))
    return redirect(period)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    period = access.access_period(request.user, pk, manage=True)
    form = AssignForm(request.POST, period=period)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(period)
    try:
        services.placement_create(actor=request.user, period=period, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Студент распределён."))
    return redirect(period)


@login_required
@require_POST
def choose(request: HttpRequest, pk: int, base_id: int) -> HttpResponse:
    period = access.access_period(request.user, pk)
    base = PracticeBase.objects.filter(pk=base_id, college_id=period.college_id).select_related("organization").first()
    if base is None:
        raise NotFound()
    student = access.student_records(request.user).filter(group_id=period.group_id).first()
    require(student is not None and access.can_choose(request.user, period, student))
    try:
        placement = services.placement_choose(actor=request.user, period=period, base=base)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(period)
    messages.success(request, _("Место закреплено за вами: %(base)s.") % {"base": base.organization.display_name})
    return redirect(placement)


@login_required
def placement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    evaluation = getattr(p, "evaluation", None) if hasattr(p, "evaluation") else None
    feedback = {f.kind: f for f in p.feedback.all()}
    u = request.user
    return render(
        request,
        "training/placement_detail.html",
        {
            "p": p,
            "diary": p.diary.all(),
            "evaluation": evaluation,
            "criteria": [(label, (evaluation.marks.get(code) if evaluation else None)) for code, label in CRITERIA],
            "can_write": access.can_write_diary(u, p),
            "can_mentor": access.can_mentor(u, p),
            "can_final": access.can_final_mark(u, p),
            "can_cancel": access.can_cancel_placement(u, p),
            "mentor_form": (
                MentorChangeForm(placement=p, initial={"mentor": p.mentor_id})
                if access.can_change_mentor(u, p)
                else None
            ),
            "diary_form": DiaryForm() if access.can_write_diary(u, p) else None,
            "mark_form": MarkForm(initial={"mark": p.final_mark}) if access.can_final_mark(u, p) else None,
            "feedback": feedback,
            "feedback_forms": {
                kind: FeedbackForm(prefix=kind)
                for kind in Feedback.Kind.values
                if access.can_give_feedback(u, p, kind) and kind not in feedback
            },
            "kinds": dict(Feedback.Kind.choices),
        },
    )


@login_required
@require_POST
def placement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    period = p.period
    require(access.can_cancel_placement(request.user, p))
    try:
        services.placement_cancel(actor=request.user, placement=p)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(p)
    messages.success(request, _("Распределение отменено."))
    return redirect(period)


@login_required
@require_POST
def diary_add(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    require(access.can_write_diary(request.user, p))
    form = DiaryForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(p)
    try:
        services.diary_add(actor=request.user, placement=p, data=form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Запись добавлена в дневник."))
    return redirect(p)


@login_required
@require_POST
def diary_comment(request: HttpRequest, pk: int) -> HttpResponse:
    entry = DiaryEntry.objects.filter(pk=pk).first()
    if entry is None:
        raise NotFound()
    p = access.access_placement(request.user, entry.placement_id)
    require(access.can_mentor(request.user, p))
    entry.placement = p
    form = CommentForm(request.POST)
    form.is_valid()
    services.diary_comment(
        actor=request.user,
        entry=entry,
        comment=form.cleaned_data.get("comment", ""),
        present=form.cleaned_data.get("present", False),
    )
    messages.success(request, _("Комментарий сохранён."))
    return redirect(p)


@login_required
def diary_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A diary material, only to those who may see the placement (never a public /media/ link)."""
    entry = DiaryEntry.objects.filter(pk=pk).first()
    if entry is None or not entry.attachment:
        raise NotFound()
    access.access_placement(request.user, entry.placement_id)
    return FileResponse(
        entry.attachment.open("rb"), as_attachment=True, filename=entry.attachment.name.rsplit("/", 1)[-1]
    )


@login_required
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    require(access.can_mentor(request.user, p))
    existing = getattr(p, "evaluation", None) if hasattr(p, "evaluation") else None
    initial = (
        {**{k: str(v) for k, v in existing.marks.items()}, "characteristic": existing.characteristic}
        if existing
        else None
    )
    form = EvaluationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.evaluation_save(
                actor=request.user, placement=p, marks=data, characteristic=data.pop("characteristic")
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Оценка наставника сохранена."))
            return redirect(p)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("Оценка наставника: %(s)s") % {"s": p.student.person.full_name}, "back": p},
    )


@login_required
@require_POST
def final_mark(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    require(access.can_final_mark(request.user, p))
    form = MarkForm(request.POST)
    if form.is_valid():
        services.final_mark_set(actor=request.user, placement=p, mark=form.cleaned_data["mark"])
        messages.success(request, _("Итоговая оценка сохранена."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(p)


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    if kind not in Feedback.Kind.values:
        raise NotFound()
    require(access.can_give_feedback(request.user, p, kind))
    form = FeedbackForm(request.POST, prefix=kind)
    if form.is_valid():
        services.feedback_give(actor=request.user, placement=p, kind=kind, **form.cleaned_data)
        messages.success(request, _("Спасибо, анкета сохранена."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(p)


@login_required
def by_base(request: HttpRequest) -> HttpResponse:
    """Students by base — what a kindergarten sees of the practice it hosts."""
    return render(request, "training/by_base.html", {"groups": selectors.placements_by_base(request.user)})


@login_required
def base_detail(request: HttpRequest, pk: int) -> HttpResponse:
    base = access.access_base(request.user, pk)
    placements = access.visible_placements(request.user, base.placements.all()).select_related(
        "student__person", "period", "mentor"
    )
    return render(
        request,
        "training/base_detail.html",
        {
            "base": base,
            "mentors": base.mentors.all(),
            "placements": placements,
            "edit": access.can_edit_base(request.user, base),
            "can_delete": access.can_delete_base(request.user, base),
            "offers": (
                BasePlaces.objects.filter(base=base).select_related("period__group").order_by("-period__starts_on")
                if access.can_list_base_students(request.user, base)
                else []
            ),
        },
    )


@login_required
def outcomes(request: HttpRequest) -> HttpResponse:
    return render(request, "training/outcomes.html", {"o": selectors.outcomes(request.user)})


def home_panel(request: HttpRequest, _obj) -> object | None:
    """The practice outcomes in one line on the home page, for whoever has placements to see."""
    from edcluster.web.panels import Panel

    if not request.user.is_authenticated or not access.visible_placements(request.user).exists():
        return None
    o = selectors.outcomes(request.user)
    return Panel(_("Практика студентов"), "training/_home_panel.html", {"o": o})


# --- setup pages: bases and mentors, groups and students, graduates' employment ---------------------


def _managed_college(request: HttpRequest, college_id: int) -> Organization:
    college = access_organization(request.user, college_id)
    require(access.can_manage_college(request.user, college))
    return college


@login_required
def base_create(request: HttpRequest, college_id: int) -> HttpResponse:
    college = _managed_college(request, college_id)
    form = BaseForm(request.POST or None, college=college)
    if request.method == "POST" and form.is_valid():
        try:
            base = services.base_create(actor=request.user, college=college, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("База практики добавлена: %(org)s.") % {"org": base.organization.display_name})
            return redirect(base)
    return render(request, "training/form.html", {"form": form, "title": _("Новая база практики"), "back": None})


@login_required
def mentor_add(request: HttpRequest, pk: int) -> HttpResponse:
    base = access.access_base(request.user, pk, edit=True)
    form = MentorForm(request.POST or None, base=base)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            services.base_mentor_add(actor=request.user, base=base, person=person)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Наставник добавлен: %(name)s.") % {"name": person.short_name})
            return redirect(base)
    return render(request, "training/form.html", {"form": form, "title": _("Новый наставник"), "back": base})


@login_required
@require_POST
def mentor_remove(request: HttpRequest, pk: int, person_id: int) -> HttpResponse:
    base = access.access_base(request.user, pk, edit=True)
    person = base.mentors.filter(pk=person_id).first()
    if person is None:
        raise NotFound()
    services.base_mentor_remove(actor=request.user, base=base, person=person)
    messages.success(request, _("Наставник больше не прикреплён к базе: %(name)s.") % {"name": person.short_name})
    return redirect(base)


@login_required
def group_create(request: HttpRequest, college_id: int) -> HttpResponse:
    college = _managed_college(request, college_id)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, college=college, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Группа создана: %(name)s.") % {"name": group.name})
            return redirect("training:group_detail", group.pk)
    return render(request, "training/form.html", {"form": form, "title": _("Новая учебная группа"), "back": None})


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The group's students; the college's editors add one — from the registry or a new person."""
    group = access.access_group(request.user, pk, manage=request.method == "POST")
    manage = access.can_manage_college(request.user, group.college_id)
    form = StudentForm(request.POST or None, user=request.user, group=group) if manage else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            student = services.student_enrol(actor=request.user, group=group, person=data["person"], data=data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Студент добавлен в группу: %(name)s.") % {"name": student.person.short_name})
            return redirect("training:group_detail", group.pk)
    return render(
        request,
        "training/group_detail.html",
        {"group": group, "students": group.students.select_related("person"), "form": form},
    )


@login_required
def employment(request: HttpRequest, college_id: int) -> HttpResponse:
    """Where the college's graduates work — the share employed in the cluster on the outcomes page."""
    college = _managed_college(request, college_id)
    form = EmploymentForm(request.POST or None, user=request.user, college=college)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employment_set(
                actor=request.user, student=data["student"], organization=data["organization"], year=data["year"]
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("Трудоустройство сохранено: %(name)s.") % {"name": data["student"].person.short_name}
            )
            return redirect("training:employment", college.pk)
    records = Employment.objects.filter(student__group__college=college).select_related(
        "student__person", "student__group", "organization"
    )
    return render(request, "training/employment.html", {"college": college, "form": form, "records": records})


# --- changing the setup: edit or remove a base, remove a student, change a mentor; lists by base ------


@login_required
def base_edit(request: HttpRequest, pk: int) -> HttpResponse:
    base = access.access_base(request.user, pk, edit=True)
    initial = {k: getattr(base, k) for k in services.BASE_FIELDS}
    form = BaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.base_update(actor=request.user, base=base, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("База практики сохранена."))
            return redirect(base)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": _("База практики: %(org)s") % {"org": base.organization.display_name}, "back": base},
    )


@login_required
@require_POST
def base_delete(request: HttpRequest, pk: int) -> HttpResponse:
    base = access.access_base(request.user, pk)
    require(access.can_delete_base(request.user, base))
    try:
        services.base_delete(actor=request.user, base=base)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(base)
    messages.success(request, _("База практики удалена: %(org)s.") % {"org": base.organization.display_name})
    return redirect("training:by_base")


@login_required
@require_POST
def student_remove(request: HttpRequest, pk: int) -> HttpResponse:
    student = Student.objects.select_related("person", "group").filter(pk=pk).first()
    if student is None:
        raise NotFound()
    access.access_group(request.user, student.group_id, manage=True)
    try:
        services.student_remove(actor=request.user, student=student)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Студент исключён из группы: %(name)s.") % {"name": student.person.short_name})
    return redirect("training:group_detail", student.group_id)


@login_required
@require_POST
def placement_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    p = access.access_placement(request.user, pk)
    require(access.can_change_mentor(request.user, p))
    form = MentorChangeForm(request.POST, placement=p)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(p)
    try:
        services.placement_mentor_set(actor=request.user, placement=p, mentor=form.cleaned_data["mentor"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Наставник сохранён."))
    return redirect(p)


@login_required
def base_list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The base's students in one period as a spreadsheet — for the kindergarten and the college."""
    return exports.base_list_xlsx(exports.access_offer_list(request.user, pk))
