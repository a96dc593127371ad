"""Pages of bodies, meetings, protocols and decisions: thin — access, one service, render."""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from edcluster.core.access import require
from edcluster.core.errors import DomainError, NotFound
from edcluster.core.forms import form_errors_from, form_errors_text
from edcluster.documents.registry import KINDS
from edcluster.documents.services import pdf_available
from edcluster.meetings import access, selectors, services
from edcluster.meetings.forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    BodyForm,
    DecisionFilterForm,
    DecisionForm,
    EvidenceForm,
    FollowUpEventForm,
    MeetingForm,
    MemberForm,
    ProgressForm,
    RecommendationForm,
    SectionResultForm,
)
from edcluster.meetings.models import BodyMember, SectionResult
from edcluster.meetings.services import BODY_FIELDS, DECISION_FIELDS, MEETING_FIELDS
from edcluster.organizations.access import access_cluster
from edcluster.web.pagination import paginate

# --- bodies ---------------------------------------------------------------------------------------


@login_required
def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    bodies = access.visible_bodies(request.user).filter(cluster=cluster)
    return render(
        request,
        "meetings/body_list.html",
        {"cluster": cluster, "bodies": bodies, "can_create": access.can_create_body(request.user, cluster)},
    )


@login_required
def body_create(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    require(access.can_create_body(request.user, cluster))
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(
                actor=request.user, cluster=cluster, data={k: form.cleaned_data[k] for k in BODY_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Орган создан."))
            return redirect(body)
    return render(
        request, "meetings/form.html", {"form": form, "title": _("Новый коллегиальный орган"), "back": cluster}
    )


@login_required
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.access_body(request.user, pk)
    can_edit = access.can_edit_body(request.user, body)
    members = body.members.select_related("person", "organization").order_by("role", "person__last_name")
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "members": members,
            "meetings": selectors.body_meetings(body, request.user),
            "can_edit": can_edit,
            "member_form": MemberForm() if can_edit else None,
        },
    )


@login_required
@require_POST
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.access_body(request.user, pk, edit=True)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            services.body_member_add(actor=request.user, body=body, data=form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Участник добавлен."))
    else:
        messages.error(request, _("Проверьте данные участника: %s") % form_errors_text(form))
    return redirect(body)


@login_required
@require_POST
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = BodyMember.objects.select_related("body").filter(pk=pk).first()
    if member is None:
        raise NotFound()
    body = access.access_body(request.user, member.body_id, edit=True)
    services.body_member_remove(actor=request.user, member=member)
    messages.success(request, _("Участник исключён из состава."))
    return redirect(body)


# --- meetings -------------------------------------------------------------------------------------


@login_required
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.access_body(request.user, pk, edit=True)
    form = MeetingForm(request.POST or None, body=body)
    members = body.members.select_related("person", "organization").order_by("person__last_name")
    if request.method == "POST" and form.is_valid():
        present = {int(x) for x in request.POST.getlist("present") if x.isdigit()}
        people = [m.person for m in members if m.person_id in present]
        try:
            meeting = services.meeting_create(
                actor=request.user,
                body=body,
                data={k: form.cleaned_data[k] for k in MEETING_FIELDS if form.cleaned_data.get(k) not in (None, "")},
                attendees=people,
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Заседание создано."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "body": body, "members": members, "title": _("Новое заседание")},
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    # the form's own copy: a ModelForm writes into its instance, the service diffs the stored one
    form = MeetingForm(request.POST or None, instance=copy.copy(meeting), body=meeting.body)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(
                actor=request.user, meeting=meeting, data={k: form.cleaned_data[k] for k in MEETING_FIELDS}
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Заседание сохранено."))
            return redirect(meeting)
    return render(request, "meetings/form.html", {"form": form, "title": _("Заседание"), "back": meeting})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk)
    can_edit = access.can_edit_meeting(request.user, meeting) and not meeting.is_frozen
    members = meeting.body.members.select_related("person", "organization").order_by("person__last_name")
    attendees = list(meeting.attendees.select_related("person", "organization"))
    present = {a.person_id for a in attendees if not a.is_guest}
    items = meeting.items.prefetch_related("speakers", "statements", "attachments")
    decisions = meeting.decisions.select_related(
        "item", "responsible", "addressee_organization", "addressee_person"
    ).order_by("item__order", "order")
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "members": members,
            "present": present,
            "guests": [a for a in attendees if a.is_guest],
            "attendance": services.attendance_text(meeting),
            "items": items,
            "decisions": decisions,
            "can_edit": can_edit,
            "can_manage": access.can_edit_meeting(request.user, meeting),
            "item_form": AgendaItemForm(meeting=meeting) if can_edit else None,
            "decision_form": DecisionForm(meeting=meeting) if can_edit else None,
            "document_kinds": [KINDS[k] for k in ("protocol", "protocol_gost") if k in KINDS],
            "pdf_available": pdf_available(),
        },
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    present = {int(x) for x in request.POST.getlist("present") if x.isdigit()}
    people = [m.person for m in meeting.body.members.select_related("person") if m.person_id in present]
    try:
        services.attendance_set(actor=request.user, meeting=meeting, people=people)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Присутствующие отмечены."))
    return redirect(meeting)


@login_required
@require_POST
def attendance_from_event(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    try:
        services.meeting_attendance_from_event(actor=request.user, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Присутствующие подсчитаны по отметкам мероприятия."))
    return redirect(meeting)


@login_required
@require_POST
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    try:
        services.guest_add(actor=request.user, meeting=meeting, name=request.POST.get("name", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(meeting)


@login_required
@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    form = AgendaItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.agenda_item_create(
                actor=request.user,
                meeting=meeting,
                data={"title": form.cleaned_data["title"], "heard": form.cleaned_data["heard"]},
                speakers=form.speakers(),
                statements=form.statement_rows(),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Вопрос добавлен в повестку."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(meeting)


@login_required
@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    form = DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.decision_create(actor=request.user, meeting=meeting, data=form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Решение добавлено."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(meeting)


@login_required
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_item(request.user, pk, edit=True)
    meeting = item.meeting
    title = _("Вопрос повестки № %s") % item.order
    form = AgendaItemEditForm.for_item(item, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_update(
                actor=request.user,
                item=item,
                data={k: form.cleaned_data[k] for k in ("order", "title", "heard")},
                speakers=form.speaker_rows(item),
                statements=form.statement_rows(),
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Вопрос повестки сохранён."))
            return redirect(meeting)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": title, "back": meeting},
    )


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_item(request.user, pk, edit=True)
    meeting = item.meeting
    try:
        services.agenda_item_delete(actor=request.user, item=item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Вопрос удалён из повестки."))
    return redirect(meeting)


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_item(request.user, pk, edit=True)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Выберите файл."))
        return redirect(item.meeting)
    if upload.size > settings.EDCLUSTER_MAX_UPLOAD_BYTES:  # do not read a huge file into memory
        messages.error(
            request,
            _("Файл «%(name)s» больше допустимых %(limit)s.")
            % {"name": upload.name, "limit": filesizeformat(settings.EDCLUSTER_MAX_UPLOAD_BYTES)},
        )
        return redirect(item.meeting)
    try:
        services.agenda_attachment_add(actor=request.user, item=item, name=upload.name, data=upload.read())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Файл приложен к вопросу."))
    return redirect(item.meeting)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access.access_attachment(request.user, pk)
    return FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type or "application/octet-stream",
        as_attachment=True,
        filename=attachment.name,
    )


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = access.access_attachment(request.user, pk, edit=True)
    meeting = attachment.item.meeting
    try:
        services.agenda_attachment_delete(actor=request.user, attachment=attachment)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Файл удалён."))
    return redirect(meeting)


@login_required
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk, edit=True)
    title = _("Решение %s") % decision.number
    # The form gets its own copy: a ModelForm writes cleaned values into its instance, and the
    # service must see the stored values to validate and audit the change.
    form = DecisionForm(request.POST or None, instance=copy.copy(decision), meeting=decision.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(
                actor=request.user,
                decision=decision,
                data={k: form.cleaned_data[k] for k in DECISION_FIELDS if k in form.cleaned_data},
            )
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Решение сохранено."))
            return redirect(decision)
    return render(
        request,
        "meetings/form.html",
        {"form": form, "title": title, "back": decision},
    )


@login_required
@require_POST
def decision_delete(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk, edit=True)
    back = decision.meeting or decision.body or decision.cluster
    try:
        services.decision_delete(actor=request.user, decision=decision)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(decision)
    messages.success(request, _("Решение удалено."))
    return redirect(back)


WORKFLOW = {
    "remarks": (services.protocol_send_for_remarks, _("Протокол направлен членам на замечания.")),
    "approve": (services.protocol_approve, _("Протокол утверждён.")),
    "draft": (services.protocol_return_to_draft, _("Протокол возвращён в черновик.")),
}


@login_required
@require_POST
def protocol_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    if action not in WORKFLOW:
        raise NotFound()
    service, done = WORKFLOW[action]
    try:
        service(actor=request.user, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(meeting)


@login_required
@require_POST
def amendment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = access.access_meeting(request.user, pk, edit=True)
    try:
        services.amendment_add(actor=request.user, meeting=meeting, text=request.POST.get("text", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Изменение внесено в протокол."))
    return redirect(meeting)


# --- decisions ------------------------------------------------------------------------------------


def _board(request: HttpRequest, *, title: str, back, **scope) -> HttpResponse:
    form = DecisionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.decision_board(request.user, **scope, **{k: v for k, v in filters.items() if v})
    page, query_string = paginate(request, qs, per_page=50)
    return render(
        request,
        "meetings/decision_board.html",
        {"title": title, "back": back, "form": form, "page": page, "query_string": query_string},
    )


@login_required
def cluster_decisions(request: HttpRequest, slug: str) -> HttpResponse:
    cluster = access_cluster(request.user, slug)
    return _board(request, title=_("Решения и рекомендации"), back=cluster, cluster=cluster)


@login_required
def body_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    body = access.access_body(request.user, pk)
    return _board(request, title=_("Решения органа"), back=body, body=body)


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk)
    can_report = access.can_report_decision(request.user, decision)
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "due": services.decision_due_text(decision),
            "can_report": can_report,
            "can_edit": access.can_edit_decision(request.user, decision)
            and not (decision.meeting is not None and decision.meeting.is_frozen),
            "progress_form": ProgressForm(initial={"status": decision.status, "progress": decision.progress})
            if can_report
            else None,
            "evidence_form": EvidenceForm() if can_report else None,
            "event_form": FollowUpEventForm(initial={"title": "Методический поезд", "starts_on": decision.due_date})
            if access.can_create_decision_event(request.user, decision) and decision.status not in ("done", "cancelled")
            else None,
            "milestones": decision.milestones.all(),
            "evidence": decision.evidence.all(),
        },
    )


@login_required
@require_POST
def decision_progress(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk, report=True)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.decision_progress(actor=request.user, decision=decision, data=form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Ход исполнения сохранён."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(decision)


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk, report=True)
    form = EvidenceForm(request.POST)
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, decision=decision, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Подтверждение прикреплено."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect(decision)


@login_required
@require_POST
def decision_event_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the event that fulfils the decision, in one step, and open it."""
    decision = access.access_decision(request.user, pk)
    require(access.can_create_decision_event(request.user, decision))
    form = FollowUpEventForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
        return redirect(decision)
    try:
        event = services.decision_create_event(actor=request.user, decision=decision, data=form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(decision)
    messages.success(request, _("Мероприятие создано и прикреплено к решению как подтверждение."))
    return redirect(event)


@login_required
@require_POST
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    decision = access.access_decision(request.user, pk, report=True)
    try:
        services.milestone_add(actor=request.user, decision=decision, title=request.POST.get("title", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(decision)


# --- section results ------------------------------------------------------------------------------


@login_required
def section_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The results of a section: counts from registrations, outputs, recommendations by addressee."""
    section = access.access_section(request.user, pk)
    can_edit = access.can_edit_section(request.user, section)
    result = SectionResult.objects.filter(section=section).first()
    form = None
    if can_edit:
        form = SectionResultForm(request.POST or None, instance=copy.copy(result) if result else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.section_result_save(actor=request.user, section=section, data=form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Итоги секции сохранены."))
                return redirect("meetings:section_results", pk=section.pk)
    elif request.method == "POST":
        access.access_section(request.user, pk, edit=True)
    counts = services.section_counts(section)
    return render(
        request,
        "meetings/section_results.html",
        {
            "section": section,
            "event": section.event,
            "result": result,
            "counts": counts,
            "participants": services.section_participants_text(section, result, counts=counts),
            "participants_verb": services.section_participants_verb(counts["people"]),
            "groups": services.section_recommendations(section),
            "form": form,
            "recommendation_form": RecommendationForm() if can_edit else None,
            "pdf_available": pdf_available(),
        },
    )


@login_required
@require_POST
def section_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    section = access.access_section(request.user, pk, edit=True)
    form = RecommendationForm(request.POST)
    if form.is_valid():
        try:
            services.section_recommendation_add(
                actor=request.user, section=section, data=form.decision_data(), steps=form.step_lines()
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Рекомендация добавлена."))
    else:
        messages.error(request, form_errors_text(form))
    return redirect("meetings:section_results", pk=section.pk)


def organization_panel(request: HttpRequest, organization):
    """ "Решения, адресованные организации" on the organisation page."""
    from edcluster.web.panels import Panel

    if not request.user.is_authenticated:
        return None
    decisions = list(selectors.decision_board(request.user, organization=organization)[:20])
    if not decisions:
        return None
    return Panel(_("Решения, адресованные организации"), "meetings/_org_decisions.html", {"decisions": decisions})


def cluster_panel(request: HttpRequest, cluster):
    """Links to the cluster's bodies, decisions and document templates on the cluster page."""
    from edcluster.organizations.access import can_edit_cluster
    from edcluster.web.panels import Panel

    if not request.user.is_authenticated:
        return None
    bodies = list(access.visible_bodies(request.user).filter(cluster=cluster))
    if not bodies and not access.can_create_body(request.user, cluster):
        return None
    return Panel(
        _("Советы и решения"),
        "meetings/_cluster_panel.html",
        {"cluster": cluster, "bodies": bodies, "can_templates": can_edit_cluster(request.user, cluster)},
    )
