"""Pages of the consultation centres: thin — parse input, ask ``access``, call one service or
selector, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.consultations import access, documents, exports, selectors, services
from edcluster.consultations.forms import (
    BookForm,
    CentreForm,
    ConsultationForm,
    DocumentForm,
    QuestionnaireForm,
    RequestForm,
    ScheduleForm,
    SpecialistForm,
    SurveyForm,
)
from edcluster.consultations.models import (
    Appointment,
    Centre,
    Consultation,
    ParentRequest,
    Questionnaire,
    ScheduleEntry,
    Specialist,
)
from edcluster.consultations.services import CENTRE_FIELDS, CONSULTATION_FIELDS, REQUEST_FIELDS
from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.core.services import consent_text_current
from edcluster.core.xlsx import XLSX_CONTENT_TYPE
from edcluster.organizations.models import Cluster, Organization

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")


# --- public ----------------------------------------------------------------------------------------


def centre_list(request: HttpRequest) -> HttpResponse:
    public = Centre.objects.filter(is_public=True).select_related("organization")
    own = access.readable_centres(request.user).select_related("organization") if request.user.is_authenticated else []
    return render(
        request,
        "consultations/centre_list.html",
        {
            "centres": public,
            "own": own,
            "can_create": access.can_create_any_centre(request.user),
            "can_reports": access.can_view_aggregate_reports(request.user),
        },
    )


def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk)
    specialists = centre.specialists.filter(is_active=True).prefetch_related("schedule")
    return render(
        request,
        "consultations/centre_detail.html",
        {
            "centre": centre,
            "specialists": specialists,
            "documents": services.document_checklist(centre),
            "questionnaires": centre.questionnaires.filter(is_open=True),
            "can_records": access.can_read_centre_records(request.user, centre),
            "can_manage": access.can_manage_centre(request.user, centre),
        },
    )


def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk)
    if not centre.is_public:
        raise NotFound()
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            req = services.request_create(
                centre=centre,
                data={k: form.cleaned_data[k] for k in REQUEST_FIELDS},
                consent=form.cleaned_data["consent"],
                ip=_ip(request),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Обращение № %(n)s принято. Мы свяжемся с вами и назначим время консультации.") % {"n": req.pk},
            )
            return redirect(centre)
    return render(
        request,
        "consultations/request_form.html",
        {"centre": centre, "form": form, "consent_text": consent_text_current(purpose=services.CONSULTATION_PURPOSE)},
    )


def appointment_cancel(request: HttpRequest, token: str) -> HttpResponse:
    appointment = Appointment.objects.select_related("centre", "specialist").filter(cancel_token=token).first()
    if appointment is None:
        raise NotFound(_("Запись не найдена: ссылка неверна."))
    if request.method == "POST":
        try:
            appointment = services.appointment_cancel(token=token)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Запись отменена."))
    return render(request, "consultations/appointment_cancel.html", {"a": appointment})


def survey(request: HttpRequest, token: str) -> HttpResponse:
    consultation = Consultation.objects.select_related("centre").filter(survey_token=token).first()
    if consultation is None:
        raise NotFound(_("Анкета не найдена: ссылка неверна."))
    answered = hasattr(consultation, "survey")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and not answered and form.is_valid():
        try:
            services.survey_answer(token=token, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            answered = True
            messages.success(request, _("Спасибо! Ваш ответ принят."))
    return render(request, "consultations/survey.html", {"c": consultation, "form": form, "answered": answered})


def questionnaire_answer(request: HttpRequest, pk: int) -> HttpResponse:
    q = Questionnaire.objects.select_related("centre").filter(pk=pk).first()
    if q is None or not access.can_view_centre(request.user, q.centre):
        raise NotFound()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            services.questionnaire_answer(
                questionnaire=q, answers={str(i): request.POST.get(f"q{i}", "") for i in range(len(q.questions))}
            )
        except DomainError as exc:
            errors = getattr(exc, "errors", {}) or {"__all__": [exc.message]}
        else:
            messages.success(request, _("Спасибо! Ваши ответы учтены."))
            return redirect(q.centre)
    questions = [
        {"i": i, "name": f"q{i}", **item, "errors": errors.get(f"q{i}", [])} for i, item in enumerate(q.questions)
    ]
    return render(request, "consultations/questionnaire.html", {"q": q, "questions": questions, "errors": errors})


# --- back office -----------------------------------------------------------------------------------


def _slot_choices(centre: Centre) -> list:
    return [
        (sp, t, f"{timezone.localtime(t):%d.%m.%Y %H:%M} — {sp.full_name} ({sp.get_kind_display()})")
        for sp, t in selectors.free_slots(centre)
    ]


@login_required
def office(request: HttpRequest, pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk, records=True)
    queue = selectors.request_queue(centre).exclude(
        status__in=[ParentRequest.Status.SERVED, ParentRequest.Status.CANCELLED]
    )
    can_work = access.can_work_in_centre(request.user, centre)
    book_form = BookForm(slots=_slot_choices(centre), requests=queue) if can_work else None
    return render(
        request,
        "consultations/office.html",
        {
            "centre": centre,
            "queue": queue,
            "appointments": selectors.upcoming_appointments(centre),
            "consultations": centre.consultations.select_related("specialist", "survey")[:30],
            "questionnaires": centre.questionnaires.all(),
            "book_form": book_form,
            "can_work": can_work,
            "can_manage": access.can_manage_centre(request.user, centre),
            "statuses": ParentRequest.Status.choices,
        },
    )


@login_required
@require_POST
def appointment_book(request: HttpRequest, pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk, work=True)
    queue = selectors.request_queue(centre)
    form = BookForm(request.POST, slots=_slot_choices(centre), requests=queue)
    if not form.is_valid():
        messages.error(request, _("Выберите свободное время и форму консультации."))
        return redirect("consultations:office", pk=centre.pk)
    sp_pk, when = form.cleaned_data["slot"].split("|", 1)
    specialist = centre.specialists.filter(pk=sp_pk).first()
    try:
        services.appointment_book(
            actor=request.user,
            centre=centre,
            specialist=specialist,
            starts_at=dt.datetime.fromisoformat(when),
            form=form.cleaned_data["form"],
            request=form.cleaned_data["request"],
            email=form.cleaned_data["email"] or "",
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Запись создана; родителю отправлено подтверждение."))
    return redirect("consultations:office", pk=centre.pk)


@login_required
@require_POST
def request_status(request: HttpRequest, pk: int, req_pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk, work=True)
    req = centre.requests.filter(pk=req_pk).first()
    if req is None:
        raise NotFound()
    try:
        services.request_set_status(actor=request.user, req=req, status=request.POST.get("status", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("consultations:office", pk=centre.pk)


@login_required
def consultation_create(request: HttpRequest, pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk, work=True)
    appointment = None
    if request.GET.get("appointment", "").isdigit():
        appointment = centre.appointments.filter(pk=request.GET["appointment"]).select_related("request").first()
    initial = {"date": timezone.localdate(), "duration": 45}
    if appointment is not None:
        initial.update(
            specialist=appointment.specialist_id,
            request=appointment.request_id,
            form=appointment.form,
            email=appointment.email,
            date=timezone.localtime(appointment.starts_at).date(),
            topic=appointment.request.topic if appointment.request else None,
        )
    form = ConsultationForm(request.POST or None, centre=centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_record(
                actor=request.user,
                centre=centre,
                data={k: form.cleaned_data[k] for k in CONSULTATION_FIELDS},
                appointment=appointment,
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Консультация записана."))
            return redirect("consultations:office", pk=centre.pk)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "title": _("Запись о консультации"), "centre": centre},
    )


# --- centre management -----------------------------------------------------------------------------


@login_required
def centre_create(request: HttpRequest) -> HttpResponse:
    require(access.can_create_any_centre(request.user))
    orgs = access.centre_organizations(request.user)
    form = CentreForm(request.POST or None, organizations=orgs, initial={"forms": ["in_person"]})
    if request.method == "POST" and form.is_valid():
        try:
            centre = services.centre_create(actor=request.user, data={k: form.cleaned_data[k] for k in CENTRE_FIELDS})
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Консультационный центр создан."))
            return redirect("consultations:manage", pk=centre.pk)
    return render(request, "consultations/form.html", {"form": form, "title": _("Новый консультационный центр")})


@login_required
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the centre, its specialists, weekly schedule and documents on one page."""
    centre = access.access_centre(request.user, pk, manage=True)
    which = request.POST.get("which") if request.method == "POST" else None
    data = request.POST or None
    forms_ = {
        "centre": CentreForm(
            data if which == "centre" else None,
            instance=Centre.objects.get(pk=centre.pk),
            organizations=Organization.objects.filter(pk=centre.organization_id),
            prefix="c",
        ),
        "specialist": SpecialistForm(data if which == "specialist" else None, prefix="s"),
        "schedule": ScheduleForm(data if which == "schedule" else None, centre=centre, prefix="h"),
        "document": DocumentForm(
            data if which == "document" else None, request.FILES if which == "document" else None, prefix="d"
        ),
        "questionnaire": QuestionnaireForm(data if which == "questionnaire" else None, prefix="q"),
    }
    form = forms_.get(which or "")
    if form is not None and form.is_valid():
        cd = form.cleaned_data
        try:
            if which == "centre":
                services.centre_update(actor=request.user, centre=centre, data={k: cd[k] for k in CENTRE_FIELDS})
            elif which == "specialist":
                services.specialist_create(actor=request.user, centre=centre, data=cd)
            elif which == "schedule":
                services.schedule_add(actor=request.user, **cd)
            elif which == "questionnaire":
                services.questionnaire_create(actor=request.user, centre=centre, **cd)
            else:
                services.document_add(actor=request.user, centre=centre, **cd)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Сохранено."))
            return redirect("consultations:manage", pk=centre.pk)
    return render(
        request,
        "consultations/manage.html",
        {
            "centre": centre,
            "forms": forms_,
            "specialists": centre.specialists.prefetch_related("schedule"),
            "documents": services.document_checklist(centre),
        },
    )


@login_required
def specialist_edit(request: HttpRequest, pk: int, sp_pk: int) -> HttpResponse:
    """Change a specialist's name or speciality, or mark them as no longer receiving."""
    centre = access.access_centre(request.user, pk, manage=True)
    specialist = Specialist.objects.filter(pk=sp_pk, centre=centre).first()
    if specialist is None:
        raise NotFound()
    # The form edits its own copy: a refused save must not leave the shown object half-changed.
    form = SpecialistForm(request.POST or None, instance=Specialist.objects.get(pk=specialist.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.specialist_update(actor=request.user, specialist=specialist, data=form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Сохранено."))
            return redirect("consultations:manage", pk=centre.pk)
    return render(
        request,
        "consultations/specialist_edit.html",
        {"centre": centre, "specialist": specialist, "form": form, "schedule": specialist.schedule.all()},
    )


@login_required
@require_POST
def schedule_remove(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    centre = access.access_centre(request.user, pk, manage=True)
    entry = (
        ScheduleEntry.objects.select_related("specialist__centre")
        .filter(pk=entry_pk, specialist__centre=centre)
        .first()
    )
    if entry is None:
        raise NotFound()
    try:
        services.schedule_remove(actor=request.user, entry=entry)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Часы приёма удалены."))
    return redirect("consultations:specialist_edit", pk=centre.pk, sp_pk=entry.specialist_id)


# --- reports ---------------------------------------------------------------------------------------


def _period(request: HttpRequest) -> selectors.Period:
    kind = request.GET.get("kind") or "month"
    default = selectors.Period.current(kind if kind in selectors.PERIOD_KINDS else "month")
    return selectors.Period.parse(kind, request.GET.get("year") or default.year, request.GET.get("n") or default.n)


def _chart_data(data: dict) -> dict:
    return {
        key: {"labels": [row[1] for row in data[key]], "values": [row[2] for row in data[key]]}
        for key in ("by_form", "by_category", "by_person", "by_specialist", "by_topic")
        if key in data
    }


def _render_report(
    request: HttpRequest, *, title: str, centres, fmt: str, extra: dict, by_area: bool = False, cluster=None
) -> HttpResponse:
    period = _period(request)
    # A centre's report names its specialists; aggregates over many centres stay by speciality.
    data = selectors.report(centres, period, named=not by_area)
    areas = selectors.report_by_municipality(centres, period) if by_area else None
    if fmt == "xlsx":
        response = HttpResponse(exports.report_xlsx(title, data, areas), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"otchet-kc-{period.start:%Y-%m}.xlsx")
        return response
    if fmt == "docx":
        response = HttpResponse(exports.report_docx(title, data, cluster=cluster), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"otchet-kc-{period.start:%Y-%m}.docx")
        return response
    return render(
        request,
        "consultations/report.html",
        {
            "title": title,
            "r": data,
            "period": period,
            "summary": exports.summary_rows(data),
            "charts": _chart_data(data),
            "kinds": [("month", _("месяц")), ("quarter", _("квартал")), ("year", _("год"))],
            "query": request.GET.urlencode(),
            "areas": exports.area_rows(areas) if areas is not None else None,
            "area_columns": exports.AREA_COLUMNS,
            **extra,
        },
    )


@login_required
def centre_report(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    centre = access.access_centre(request.user, pk, records=True)
    return _render_report(
        request,
        title=centre.name,
        centres=Centre.objects.filter(pk=centre.pk),
        fmt=fmt,
        extra={"centre": centre},
        cluster=documents.centre_cluster(centre),
    )


@login_required
def area_report(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """Aggregated over the centres the user may read, per cluster and/or municipality."""
    require(access.can_view_aggregate_reports(request.user))
    centres = access.readable_centres(request.user)
    cluster = None
    if request.GET.get("cluster"):
        cluster = Cluster.objects.filter(slug=request.GET["cluster"]).first()
        if cluster is None:
            raise NotFound()
        centres = centres.filter(organization__memberships__cluster=cluster).distinct()
    municipality = request.GET.get("municipality", "")
    if municipality:
        centres = centres.filter(organization__municipality=municipality)
    parts = [str(cluster) if cluster else "", municipality]
    title = ", ".join(p for p in parts if p) or _("Все доступные центры")
    all_readable = access.readable_centres(request.user).select_related("organization")
    return _render_report(
        request,
        title=title,
        centres=centres,
        fmt=fmt,
        by_area=True,
        cluster=cluster,
        extra={
            "area": True,
            "centres_in": centres.select_related("organization"),
            "municipalities": sorted(
                {c.organization.municipality for c in all_readable if c.organization.municipality}
            ),
            "clusters": Cluster.objects.filter(memberships__organization__centres__in=all_readable).distinct(),
            "cluster": cluster,
            "municipality": municipality,
        },
    )


@login_required
def questionnaire_results(request: HttpRequest, pk: int) -> HttpResponse:
    q = Questionnaire.objects.select_related("centre").filter(pk=pk).first()
    if q is None:
        raise NotFound()
    access.access_centre(request.user, q.centre_id, records=True)
    results = selectors.questionnaire_results(q)
    return render(request, "consultations/questionnaire_results.html", {"q": q, "results": results})
