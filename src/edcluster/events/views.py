"""Event pages: thin — parse input, ask ``access``, call one service or selector, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import Conflict, DomainError, NotFound
from edcluster.core.forms import form_errors_from
from edcluster.core.ratelimit import client_ip, rate_limit_request
from edcluster.core.services import consent_text_current
from edcluster.core.xlsx import xlsx_response
from edcluster.events import access, selectors, services
from edcluster.events.forms import (
    DayForm,
    EventForm,
    ItemForm,
    QuestionForm,
    RegistrationFilterForm,
    RegistrationForm,
    SectionForm,
    SiteVisitForm,
)
from edcluster.events.ics import event_ics, feed_ics
from edcluster.events.models import EventKind, EventStatus, Registration, RegistrationStatus
from edcluster.organizations.access import access_cluster
from edcluster.organizations.regions import REGION_NAMES
from edcluster.web.pagination import paginate

# past events shown under the upcoming ones; the rest behind «Все прошедшие»
RECENT_PAST = 10

# --- public ----------------------------------------------------------------------------------------


def cluster_events(request: HttpRequest, slug: str) -> HttpResponse:
    """A cluster's events: the upcoming ones a page at a time and the latest past ones below them
    (``?when=past``: every past event, a page at a time); ``?kind=`` filters both. A cluster of a
    national platform holds thousands of events: the page never lists them all."""
    cluster = access_cluster(request.user, slug)
    today = timezone.localdate()
    kind = request.GET.get("kind") or None
    if kind not in EventKind.values:
        kind = None
    visible = access.visible_events(request.user)
    past_only = request.GET.get("when") == "past"
    if past_only:
        page, query_string = paginate(
            request, selectors.event_list(visible, cluster=cluster, kind=kind, over_before=today)
        )
        recent_past: list = []
    else:
        page, query_string = paginate(
            request, selectors.event_list(visible, cluster=cluster, kind=kind, upcoming_from=today)
        )
        recent_past = list(
            selectors.event_list(visible, cluster=cluster, kind=kind, over_before=today)[: RECENT_PAST + 1]
        )
    return render(
        request,
        "events/event_list.html",
        {
            "cluster": cluster,
            "page": page,
            "query_string": query_string,
            "past_only": past_only,
            "recent_past": recent_past[:RECENT_PAST],
            "more_past": len(recent_past) > RECENT_PAST,
            "kind": kind or "",
            "kinds": EventKind.choices,
            "can_create": access.can_manage_cluster_events(request.user, cluster),
        },
    )


def cluster_feed(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    qs = selectors.event_list(
        access.visible_events(None).filter(status__in=selectors.PUBLIC_STATUSES), cluster=cluster
    ).prefetch_related("days")
    return HttpResponse(feed_ics(qs, cluster.name), content_type="text/calendar; charset=utf-8")


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk)
    can_manage = access.can_manage_event(request.user, event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "days": selectors.programme(event),
            "sections": event.sections.prefetch_related("moderators"),
            "site_visits": event.site_visits.all(),
            "organizers": event.organizers.all(),
            "can_manage": can_manage,
            "counts": selectors.registration_counts(event) if can_manage else None,
            "transitions": sorted(services.TRANSITIONS[event.status]) if can_manage else [],
            "status_labels": dict(EventStatus.choices),
        },
    )


def event_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk)
    response = HttpResponse(event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, queryset=selectors.events_for_registration())
    consent_text = consent_text_current(purpose=services.CONSENT_PURPOSE)
    form = RegistrationForm(request.POST or None, event=event, initial={"consent_version": consent_text.version})
    closed_reason = ""
    try:
        services.registration_window_check(event)
    except DomainError as exc:
        closed_reason = exc.message
    if request.method == "POST" and form.is_valid():
        rate_limit_request(
            request, "events.register", limit=settings.EDCLUSTER_EVENTS_REGISTER_LIMIT, email=form.cleaned_data["email"]
        )
        try:
            registration, _created = services.registration_submit(
                event=event,
                data=form.service_data(),
                consent=form.cleaned_data["consent"],
                consent_version=form.cleaned_data.get("consent_version"),
                ip=client_ip(request),
                consent_text=consent_text,
                questions=form.questions,
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("events:registration_status", secret=registration.secret)
    return render(
        request,
        "events/register.html",
        {"event": event, "form": form, "consent_text": consent_text, "closed_reason": closed_reason},
    )


def registration_status(request: HttpRequest, secret: str) -> HttpResponse:
    registration = Registration.objects.select_related("event").filter(secret=secret).first()
    if registration is None:
        raise NotFound()
    return render(
        request, "events/registration_status.html", {"registration": registration, "event": registration.event}
    )


def registration_cancel(request: HttpRequest, secret: str) -> HttpResponse:
    registration = Registration.objects.select_related("event").filter(secret=secret).first()
    if registration is None:
        raise NotFound()
    if request.method == "POST":
        services.registration_cancel(secret=registration.secret)
        messages.success(request, _("Регистрация отменена."))
        return redirect("events:registration_status", secret=registration.secret)
    return render(
        request, "events/registration_cancel.html", {"registration": registration, "event": registration.event}
    )


def registration_offer(request: HttpRequest, secret: str) -> HttpResponse:
    """The offered place behind the secret link: GET shows it (mail scanners follow links, so
    nothing changes on GET), POST with ``action`` accept/decline decides."""
    registration = Registration.objects.select_related("event").filter(secret=secret).first()
    if registration is None:
        raise NotFound()
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                registration = services.offer_accept(secret=registration.secret)
            elif action == "decline":
                registration = services.offer_decline(secret=registration.secret)
            else:
                raise Conflict(_("Выберите: принять место или отказаться."))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("Статус регистрации: {status}.").format(status=registration.get_status_display())
            )
            return redirect("events:registration_status", secret=registration.secret)
    elif registration.status != RegistrationStatus.OFFERED:
        error = _("Ссылка уже использована: регистрация сейчас в статусе «{status}».").format(
            status=registration.get_status_display()
        )
    elif registration.offer_expires_at and registration.offer_expires_at <= timezone.now():
        error = _("Срок предложения истёк: место передано следующему участнику из листа ожидания.")
    return render(
        request,
        "events/registration_offer.html",
        {
            "registration": registration,
            "event": registration.event,
            "error": error,
            "action": request.GET.get("action", ""),
        },
        status=409 if error else 200,
    )


# --- organisers ------------------------------------------------------------------------------------


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(access.can_manage_cluster_events(request.user, cluster))
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                actor=request.user, cluster=cluster, data={k: form.cleaned_data[k] for k in services.EVENT_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Мероприятие создано."))
            return redirect(event)
    return render(request, "organizations/form.html", {"form": form, "title": _("Новое мероприятие")})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    form = EventForm(request.POST or None, instance=type(event).objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                actor=request.user, event=event, data={k: form.cleaned_data[k] for k in services.EVENT_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Изменения сохранены."))
            return redirect(event)
    return render(request, "organizations/form.html", {"form": form, "title": event.title, "back": event})


PROGRAMME_FORMS = {
    "day": DayForm,
    "section": SectionForm,
    "item": ItemForm,
    "site_visit": SiteVisitForm,
    "question": QuestionForm,
}


@login_required
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """The organiser's programme editor: days, sections, items with their speakers, site visits."""
    event = access.access_event(request.user, pk, manage=True)
    which = request.POST.get("which", "") if request.method == "POST" else ""
    forms_ = {
        key: cls(request.POST if key == which else None, prefix=key, **({"event": event} if key == "item" else {}))
        for key, cls in PROGRAMME_FORMS.items()
    }
    form = forms_.get(which)
    if form is not None and form.is_valid():
        cd = form.cleaned_data
        try:
            if which == "day":
                services.day_add(actor=request.user, event=event, **cd)
            elif which == "section":
                services.section_add(actor=request.user, event=event, title=cd["title"])
            elif which == "item":
                services.item_add(
                    actor=request.user,
                    day=cd["day"],
                    title=cd["title"],
                    format=cd["format"],
                    starts_at=cd["starts_at"],
                    ends_at=cd["ends_at"],
                    section=cd["section"],
                    speaker_names=cd["speakers"],
                )
            elif which == "question":
                services.question_add(actor=request.user, event=event, **cd)
            else:
                services.site_visit_add(actor=request.user, event=event, title=cd["title"], capacity=cd["capacity"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Программа обновлена."))
            return redirect("events:programme", pk=event.pk)
    return render(
        request,
        "events/programme.html",
        {
            "event": event,
            "forms": forms_,
            "days": selectors.programme(event),
            "sections": event.sections.all(),
            "site_visits": event.site_visits.all(),
            "questions": event.questions.all(),
        },
    )


@login_required
@require_POST
def programme_remove(request: HttpRequest, pk: int, kind: str, item_pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    try:
        removed = services.programme_remove(actor=request.user, event=event, kind=kind, pk=item_pk)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Удалено: «{title}».").format(title=removed))
    return redirect("events:programme", pk=event.pk)


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    try:
        services.event_set_status(actor=request.user, event=event, status=request.POST.get("status", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Статус изменён: {status}.").format(status=event.get_status_display()))
    return redirect(event)


@login_required
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    form = RegistrationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.registration_list(event, **{k: v for k, v in filters.items() if v})
    if request.GET.get("export") == "xlsx":
        questions = list(event.questions.all())
        header = [
            _("Фамилия"),
            _("Имя"),
            _("Отчество"),
            _("Организация"),
            _("Должность"),
            _("Регион"),
            _("E-mail"),
            _("Телефон"),
            _("Форма участия"),
            _("Роль"),
            _("Тема доклада"),
            _("Площадка"),
            _("Статус"),
            _("Код"),
            _("Отмечен"),
            *(q.text for q in questions),
        ]
        rows = (
            [
                r.last_name,
                r.first_name,
                r.middle_name,
                r.organization_name,
                r.position,
                REGION_NAMES.get(r.region, r.region),
                r.email,
                r.phone,
                r.get_mode_display(),
                r.get_role_display(),
                r.talk_title,
                r.site_visit.title if r.site_visit else "",
                r.get_status_display(),
                r.code,
                timezone.localtime(r.checked_in_at) if r.checked_in_at else "",
                *(r.answers.get(str(q.pk), "") for q in questions),
            ]
            for r in qs
        )
        return xlsx_response(f"registrations-{event.pk}.xlsx", [(_("Регистрации"), header, rows)])
    page, query_string = paginate(request, qs, 100)
    return render(
        request,
        "events/registrations.html",
        {
            "event": event,
            "form": form,
            "page": page,
            "query_string": query_string,
            "counts": selectors.registration_counts(event),
            "region_names": REGION_NAMES,
        },
    )


@login_required
@require_POST
def moderate(request: HttpRequest, pk: int, registration_id: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    decision = request.POST.get("decision", "")
    try:
        if decision not in ("approve", "reject"):
            raise Conflict(_("Выберите решение: подтвердить или отклонить."))
        registration = services.registration_moderate(
            actor=request.user, event=event, registration_id=registration_id, approve=decision == "approve"
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("{name}: {status}.").format(name=registration.full_name, status=registration.get_status_display()),
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("events:registrations", pk=event.pk)


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    if request.method == "POST":
        try:
            registration = services.registration_check_in(
                actor=request.user, event=event, code=request.POST.get("code", "")
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Отмечен: {name}.").format(name=registration.full_name))
        target = request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            return redirect(target)
        return redirect("events:check_in", pk=event.pk)
    return render(request, "events/check_in.html", {"event": event, "counts": selectors.registration_counts(event)})


@login_required
@require_POST
def no_shows(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.access_event(request.user, pk, manage=True)
    count = services.registration_mark_no_shows(actor=request.user, event=event)
    messages.success(request, _("Отмечено неявившихся: {count}.").format(count=count))
    return redirect("events:registrations", pk=event.pk)
