"""Events and registrations: every write of the app goes through here.

Capacity under concurrency: a registration locks the event row (the capacity of both modes) and,
when a site visit is chosen, the site-visit row, with ``select_for_update`` inside the
transaction, and counts confirmed registrations only after the lock is held (pretix's design).
On SQLite the transactions are IMMEDIATE (see settings), so they are serialised at BEGIN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.audit import audit_log, diff, snapshot
from edcluster.core.errors import Conflict, DomainError, NotFound, ValidationError
from edcluster.core.models import Consent, ConsentText
from edcluster.core.services import (
    consent_give,
    consent_text_version,
    full_clean,
    model_create,
    model_update,
    unknown_fields_check,
)
from edcluster.events.models import (
    HOLDING_STATUSES,
    Event,
    EventDay,
    EventFormat,
    EventStatus,
    ItemFormat,
    Mode,
    ParticipantRole,
    ProgrammeItem,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
    Section,
    SiteVisit,
    Speaker,
)
from edcluster.events.signals import event_held
from edcluster.organizations.models import Cluster, Organization, Person

CONSENT_PURPOSE = "registry"

EVENT_FIELDS = [
    "title",
    "kind",
    "format",
    "starts_on",
    "ends_on",
    "venue_organization",
    "address",
    "room",
    "theme",
    "goal",
    "tasks",
    "audience",
    "online_link",
    "online_instructions",
    "registration_opens_at",
    "registration_deadline",
    "capacity_in_person",
    "capacity_online",
    "reminder_days",
    "moderation",
]

# What may still change in each state: everything while a draft or published; after registration
# opened the facts people registered for (date, format, capacity downwards) are frozen except
# practical details; after the event only nothing but the status.
_PRACTICAL = {
    "room",
    "online_link",
    "online_instructions",
    "address",
    "registration_deadline",
    "theme",
    "reminder_days",
}
EDITABLE_IN_STATUS: dict[str, set[str]] = {
    EventStatus.DRAFT: set(EVENT_FIELDS),
    EventStatus.PUBLISHED: set(EVENT_FIELDS),
    EventStatus.REGISTRATION_OPEN: _PRACTICAL | {"capacity_in_person", "capacity_online", "goal", "tasks", "audience"},
    EventStatus.REGISTRATION_CLOSED: _PRACTICAL,
    EventStatus.HELD: set(),
    EventStatus.ARCHIVED: set(),
}

TRANSITIONS: dict[str, set[str]] = {
    EventStatus.DRAFT: {EventStatus.PUBLISHED},
    EventStatus.PUBLISHED: {EventStatus.DRAFT, EventStatus.REGISTRATION_OPEN},
    EventStatus.REGISTRATION_OPEN: {EventStatus.REGISTRATION_CLOSED},
    EventStatus.REGISTRATION_CLOSED: {EventStatus.REGISTRATION_OPEN, EventStatus.HELD},
    EventStatus.HELD: {EventStatus.ARCHIVED},
    EventStatus.ARCHIVED: set(),
}


def _event_rules(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.ends_on and event.ends_on < event.starts_on:
        errors["ends_on"] = [_("Дата окончания раньше даты начала.")]
    if (
        event.registration_opens_at
        and event.registration_deadline
        and event.registration_deadline < event.registration_opens_at
    ):
        errors["registration_deadline"] = [_("Регистрация заканчивается раньше, чем начинается.")]
    if event.format == EventFormat.IN_PERSON and event.capacity_online:
        errors["capacity_online"] = [_("У очного мероприятия нет онлайн-мест.")]
    if event.format == EventFormat.ONLINE and event.capacity_in_person:
        errors["capacity_in_person"] = [_("У онлайн-мероприятия нет очных мест.")]
    for name in ("tasks", "audience"):
        value = getattr(event, name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            errors[name] = [_("Ожидается список строк.")]
    if errors:
        raise ValidationError(errors=errors)


def event_create(
    *,
    actor: Any,
    cluster: Cluster,
    data: Mapping[str, Any],
    organizers: Sequence[Organization] = (),
) -> Event:  # type: ignore[assignment]
    with transaction.atomic():
        event = model_create(
            Event,
            actor=actor,
            action="events.event.created",
            data=data,
            fields=EVENT_FIELDS,
            clean_exclude=["cluster"],
            checks=_event_rules,
            extra={"cluster": cluster},
        )
        if organizers:
            event.organizers.set(organizers)
    return event


def event_update(*, actor: Any, event: Event, data: Mapping[str, Any]) -> Event:
    allowed = EDITABLE_IN_STATUS[event.status]
    frozen = {
        name: [_("В статусе «{status}» это поле изменить нельзя.").format(status=event.get_status_display())]
        for name in data
        if name in EVENT_FIELDS and name not in allowed and data[name] != getattr(event, name)
    }
    if frozen:
        raise ValidationError(errors=frozen)
    with transaction.atomic():
        event, changes = model_update(
            event, actor=actor, action="events.event.updated", data=data, fields=EVENT_FIELDS, checks=_event_rules
        )
        if changes and {"capacity_in_person", "capacity_online"} & set(changes):
            # More places: offer them, in order, to the people waiting.
            locked = Event.objects.select_for_update().get(pk=event.pk)
            for mode in Mode.values:
                while _offer_next(locked, mode) is not None:
                    pass
    return event


def event_set_status(*, actor: Any, event: Event, status: str) -> Event:
    if status not in TRANSITIONS.get(event.status, set()):
        raise Conflict(
            _("Нельзя перевести мероприятие из статуса «{old}» в статус «{new}».").format(
                old=event.get_status_display(),
                new=EventStatus(status).label if status in EventStatus.values else status,
            )
        )
    with transaction.atomic():
        old = event.status
        event.status = status
        event.save(update_fields=["status", "updated_at"])
        audit_log(actor=actor, action="events.event.status", target=event, changes={"status": [old, status]})
        if status == EventStatus.HELD:
            event_held.send(sender=Event, actor=actor, event=event)
    return event


def _require_editable_programme(event: Event) -> None:
    if event.status in (EventStatus.HELD, EventStatus.ARCHIVED):
        raise Conflict(_("Программу проведённого мероприятия изменить нельзя."))


def day_add(*, actor: Any, event: Event, date: Any, starts_at: Any = None, ends_at: Any = None) -> EventDay:
    _require_editable_programme(event)
    if EventDay.objects.filter(event=event, date=date).exists():
        raise ValidationError(errors={"date": [_("Этот день уже есть в программе.")]})
    return model_create(
        EventDay,
        actor=actor,
        action="events.day.created",
        data={"date": date, "starts_at": starts_at, "ends_at": ends_at},
        fields=["date", "starts_at", "ends_at"],
        clean_exclude=["event"],
        extra={"event": event},
    )


def section_add(*, actor: Any, event: Event, title: str, moderators: Sequence[Person] = ()) -> Section:
    _require_editable_programme(event)
    with transaction.atomic():
        section = model_create(
            Section,
            actor=actor,
            action="events.section.created",
            data={"title": title},
            fields=["title"],
            clean_exclude=["event"],
            extra={"event": event},
        )
        if moderators:
            section.moderators.set(moderators)
    return section


def _speaker_snapshot(person: Person, event: Event) -> dict[str, str]:
    position = person.positions.select_related("organization").order_by("-pk").first()
    return {
        "name": " ".join(p for p in (person.last_name, person.first_name, person.middle_name) if p),
        "position": position.title if position else "",
        "organization_name": position.organization.display_name if position and position.organization else "",
    }


def item_add(
    *,
    actor: Any,
    day: EventDay,
    title: str,
    format: str = ItemFormat.REPORT,
    starts_at: Any = None,
    ends_at: Any = None,
    section: Section | None = None,
    speakers: Sequence[Person] = (),
    speaker_names: Sequence[dict[str, str]] = (),
) -> ProgrammeItem:
    """A programme item; each speaker's position and organisation are copied as they are now."""
    _require_editable_programme(day.event)
    if section is not None and section.event_id != day.event_id:
        raise ValidationError(errors={"section": [_("Секция относится к другому мероприятию.")]})
    if starts_at and ends_at and ends_at < starts_at:
        raise ValidationError(errors={"ends_at": [_("Пункт заканчивается раньше, чем начинается.")]})
    with transaction.atomic():
        item = model_create(
            ProgrammeItem,
            actor=actor,
            action="events.item.created",
            data={"title": title, "format": format, "starts_at": starts_at, "ends_at": ends_at},
            fields=["title", "format", "starts_at", "ends_at"],
            clean_exclude=["day", "section"],
            extra={"day": day, "section": section},
        )
        for person in speakers:
            Speaker.objects.create(item=item, person=person, **_speaker_snapshot(person, day.event))
        for entry in speaker_names:
            Speaker.objects.create(item=item, **entry)
    return item


def site_visit_add(
    *, actor: Any, event: Event, title: str, organization: Organization | None = None, capacity: int | None = None
) -> SiteVisit:
    _require_editable_programme(event)
    return model_create(
        SiteVisit,
        actor=actor,
        action="events.site_visit.created",
        data={"title": title, "organization": organization, "capacity": capacity},
        fields=["title", "organization", "capacity"],
        clean_exclude=["event"],
        extra={"event": event},
    )


YES, NO = "да", "нет"


def question_add(
    *,
    actor: Any,
    event: Event,
    text: str,
    kind: str = QuestionKind.TEXT,
    choices: Sequence[str] = (),
    required: bool = False,
) -> Question:
    """Add the event's own question to its registration form."""
    _require_editable_programme(event)
    options = [c.strip() for c in choices if c.strip()]
    if kind == QuestionKind.CHOICE and len(options) < 2:
        raise ValidationError(errors={"choices": [_("Для выбора из списка нужны хотя бы два варианта.")]})
    if kind != QuestionKind.CHOICE:
        options = []
    return model_create(
        Question,
        actor=actor,
        action="events.question.created",
        data={"text": text.strip(), "kind": kind, "choices": options, "required": required},
        fields=["text", "kind", "choices", "required"],
        clean_exclude=["event"],
        extra={"event": event},
    )


def _clean_answers(
    event: Event, answers: Mapping[str, Any], questions: Sequence[Question] | None = None
) -> dict[str, str]:
    """Answers keyed by question id; errors keyed by the form field (``q_<id>``). ``questions``:
    the event's questions when the caller has them already."""
    cleaned: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for q in event.questions.all() if questions is None else questions:
        value = str(answers.get(str(q.pk), answers.get(q.field_name, "")) or "").strip()
        if not value:
            if q.required:
                errors[q.field_name] = [_("Ответьте на вопрос «{question}».").format(question=q.text)]
            continue
        if q.kind == QuestionKind.CHOICE and value not in q.choices:
            errors[q.field_name] = [_("Выберите один из предложенных вариантов.")]
        elif q.kind == QuestionKind.YES_NO and value not in (YES, NO):
            errors[q.field_name] = [_("Ответьте «да» или «нет».")]
        else:
            cleaned[str(q.pk)] = value[:2000]
    if errors:
        raise ValidationError(errors=errors)
    return cleaned


def programme_remove(*, actor: Any, event: Event, kind: str, pk: int) -> str:
    """Remove a day, section, item or site visit of ``event``; returns what was removed, for the
    message. A day with items, or a site visit someone registered for, is refused with a Russian
    message: the organiser moves those first, nobody loses a place silently."""
    _require_editable_programme(event)
    target: Any
    if kind == "day":
        target = EventDay.objects.filter(event=event, pk=pk).first()
        if target is not None and target.items.exists():
            raise Conflict(_("В этом дне есть пункты программы: сначала удалите или перенесите их."))
    elif kind == "section":
        target = Section.objects.filter(event=event, pk=pk).first()
    elif kind == "item":
        target = ProgrammeItem.objects.filter(day__event=event, pk=pk).first()
    elif kind == "question":
        target = Question.objects.filter(event=event, pk=pk).first()
        if target is not None:
            answered = Registration.objects.filter(event=event, answers__has_key=str(target.pk)).count()
            if answered:
                raise Conflict(
                    _("На вопрос уже ответили участники ({count}): его нельзя удалить.").format(count=answered)
                )
    elif kind == "site_visit":
        target = SiteVisit.objects.filter(event=event, pk=pk).first()
        if target is not None:
            booked = Registration.objects.filter(site_visit=target).exclude(status=RegistrationStatus.CANCELLED)
            if booked.exists():
                raise Conflict(
                    _("На эту площадку записаны участники ({count}): сначала перенесите их на другую.").format(
                        count=booked.count()
                    )
                )
    else:
        target = None
    if target is None:
        raise NotFound(_("Такого пункта программы нет."))
    described = ru.format_date(target.date) if kind == "day" else str(target)
    with transaction.atomic():
        target.delete()
        audit_log(actor=actor, action=f"events.{kind}.removed", target=event, changes={kind: [described, ""]})
    return described


# --- registration ----------------------------------------------------------------------------------

REGISTRATION_FIELDS = [
    "last_name",
    "first_name",
    "middle_name",
    "organization",
    "organization_name",
    "position",
    "region",
    "email",
    "phone",
    "mode",
    "role",
    "talk_title",
    "site_visit",
    "answers",
]


def registration_window_check(event: Event, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if event.status != EventStatus.REGISTRATION_OPEN:
        raise Conflict(_("Регистрация на это мероприятие не открыта."))
    if event.registration_opens_at and now < event.registration_opens_at:
        raise Conflict(_("Регистрация ещё не началась."))
    if event.registration_deadline and now > event.registration_deadline:
        raise Conflict(_("Регистрация закончилась."))


def _registration_rules(event: Event, data: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    mode = data.get("mode")
    if mode == Mode.ONLINE and not event.has_online:
        errors["mode"] = [_("На это мероприятие нельзя зарегистрироваться онлайн.")]
    if mode == Mode.IN_PERSON and not event.has_in_person:
        errors["mode"] = [_("Это мероприятие проходит только онлайн.")]
    if data.get("role") == ParticipantRole.SPEAKER and not (data.get("talk_title") or "").strip():
        errors["talk_title"] = [_("Укажите тему доклада.")]
    visit = data.get("site_visit")
    if visit is not None and visit.event_id != event.pk:
        errors["site_visit"] = [_("Эта площадка не относится к мероприятию.")]
    if visit is not None and mode == Mode.ONLINE:
        errors["site_visit"] = [_("Посещение площадки возможно только при очном участии.")]
    org = data.get("organization")
    if org is not None and not data.get("organization_name"):
        data["organization_name"] = org.display_name
    if errors:
        raise ValidationError(errors=errors)


class _Duplicate(Exception):
    """Control flow: roll the transaction back and return the existing registration."""

    def __init__(self, registration: Registration) -> None:
        self.registration = registration


def _active_registration(event: Event, email: str) -> Registration | None:
    return Registration.objects.filter(event=event, email=email).exclude(status=RegistrationStatus.CANCELLED).first()


def _counts(registrations: QuerySet[Registration], email: str, mode: str) -> dict[str, int]:
    """One query over an event's registrations: active ones with ``email`` (``same_email``) and
    the places held in ``mode`` (``taken``)."""
    return registrations.exclude(status=RegistrationStatus.CANCELLED).aggregate(
        same_email=Count("pk", filter=Q(email=email)),
        taken=Count("pk", filter=Q(mode=mode, status__in=HOLDING_STATUSES)),
    )


def _status_for(event: Event, mode: str, visit: SiteVisit | None, *, taken: int | None = None) -> str:
    """The status a new registration gets. Decides only under the lock; called without it, it is
    the expectation the e-mail is rendered for ahead of the lock."""
    if not _has_place(event, mode, visit, taken=taken):
        return RegistrationStatus.WAITLISTED
    return RegistrationStatus.PENDING if event.moderation else RegistrationStatus.CONFIRMED


def registration_submit(
    *,
    event: Event,
    data: Mapping[str, Any],
    consent: bool,
    consent_version: int | None = None,
    ip: str | None = None,
    now: datetime | None = None,
    consent_text: ConsentText | None = None,
    questions: Sequence[Question] | None = None,
) -> tuple[Registration, bool]:
    """Register a person; returns ``(registration, created)``.

    The same e-mail a second time (double click, retry) returns the existing active
    registration. A full mode or site visit puts the person on the waiting list.

    Everything that does not depend on the places left is done before the capacity lock:
    validation, the organisation, the e-mail (rendered for the status expected from an unlocked
    count, rendered again in the rare case the locked count differs) and the consent row. The
    locked section is: lock, re-check (window, same e-mail, places), insert, audit, queue, commit.
    ``consent_text`` and ``questions``: already loaded by the caller (the page), saving queries.
    """
    from edcluster.events.mail import queue_registration_mail, registration_mail

    if not consent:
        raise ValidationError(
            errors={"consent": [_("Без согласия на обработку персональных данных регистрация невозможна.")]}
        )
    data = dict(data)
    data["email"] = (data.get("email") or "").strip().lower()
    _registration_rules(event, data)
    data["answers"] = _clean_answers(event, data.get("answers") or {}, questions)
    if consent_text is None or (consent_version is not None and consent_text.version != consent_version):
        consent_text = consent_text_version(purpose=CONSENT_PURPOSE, version=consent_version)
    registration_window_check(event, now)
    # Unlocked, in one query: the same e-mail already registered (a double click: no lock
    # needed) and the places taken in the mode (the status the e-mail is rendered for).
    before = _counts(Registration.objects.filter(event=event), data["email"], data["mode"])
    if before["same_email"]:
        found = _active_registration(event, data["email"])
        if found is not None:
            return found, False
    new_organization = ""
    if data.get("organization") is None and data.get("organization_name"):
        data["organization"] = _organization_found(data["organization_name"])
        # A name not in the registry becomes an entry under the lock, so that two people typing
        # the same new name at once make one entry, not two.
        new_organization = data["organization_name"] if data["organization"] is None else ""
    unknown_fields_check(data, REGISTRATION_FIELDS)
    registration = Registration(**data, event=event)
    visit = data.get("site_visit")
    registration.status = _status_for(event, data["mode"], visit, taken=before["taken"])  # decided under the lock
    # The organisation and site visit are rows just read; the code and secret are random (the
    # database's unique constraints still hold): no query for any of them here.
    full_clean(registration, exclude=["event", "status", "code", "secret", "consent", "organization", "site_visit"])
    prepared = registration_mail(registration)
    try:
        with transaction.atomic():
            given = consent_give(
                purpose=CONSENT_PURPOSE, email=data["email"], ip=ip, text=consent_text
            )  # its subject is set below, once the registration has its id
            locked = Event.objects.select_for_update().get(pk=event.pk)
            registration_window_check(locked, now)
            # The same e-mail and the places taken, counted again now that the lock is held.
            active = Registration.objects.filter(event=locked)
            counts = _counts(active, data["email"], data["mode"])
            if counts["same_email"]:
                found = active.exclude(status=RegistrationStatus.CANCELLED).get(email=data["email"])
                raise _Duplicate(found)  # rolls the consent back
            if visit is not None:
                visit = SiteVisit.objects.select_for_update().get(pk=visit.pk)
                registration.site_visit = visit
            registration.event = locked
            registration.status = _status_for(locked, data["mode"], visit, taken=counts["taken"])
            if new_organization:
                registration.organization = _organization_for(new_organization, data.get("region", ""))
            registration.consent = given
            registration.save(force_insert=True)
            Consent.objects.filter(pk=given.pk).update(
                subject_type=ContentType.objects.get_for_model(Registration), subject_id=str(registration.pk)
            )
            audit_log(
                actor=None,
                action="events.registration.created",
                target=registration,
                changes=diff({}, snapshot(registration, REGISTRATION_FIELDS)),
            )
            queue_registration_mail(registration, prepared, created=True)
    except _Duplicate as duplicate:
        return duplicate.registration, False
    except IntegrityError:
        # A concurrent request with the same e-mail won the race: return its registration.
        found = _active_registration(event, data["email"])
        if found is None:
            raise
        return found, False
    return registration, True


def _organization_found(name: str) -> Organization | None:
    name = name.strip()
    return Organization.objects.filter(Q(full_name__iexact=name) | Q(short_name__iexact=name)).first()


def _organization_for(name: str, region: str) -> Organization | None:
    """A typed organisation: the registry's one with that exact name, or a new unconfirmed entry
    that waits for a coordinator's confirmation (``organizations.services``)."""
    from edcluster.organizations import services as org_services

    name = name.strip()
    found = _organization_found(name)
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return org_services.organization_create(
                actor=None, data={"full_name": name, "kind": "other", "region": region}, confirmed=False
            )
    except DomainError:  # a near-duplicate name: keep the typed name only
        return None


def _taken(event: Event, mode: str, exclude: int | None = None) -> int:
    """Places held in a mode: confirmed, offered (kept for the person) and pending (awaiting the
    organiser) registrations all count."""
    qs = Registration.objects.filter(event=event, mode=mode, status__in=HOLDING_STATUSES)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.count()


def _has_place(
    event: Event, mode: str, visit: SiteVisit | None, exclude: int | None = None, *, taken: int | None = None
) -> bool:
    """Call only with the event (and the visit) locked. ``exclude``: a registration whose own
    held place is being re-checked (an accepted offer). ``taken``: the places held in ``mode``,
    when the caller counted them already under the lock."""
    capacity = event.capacity_in_person if mode == Mode.IN_PERSON else event.capacity_online
    if capacity is not None and (taken if taken is not None else _taken(event, mode, exclude)) >= capacity:
        return False
    if visit is not None and visit.capacity is not None:
        qs = Registration.objects.filter(site_visit=visit, status__in=HOLDING_STATUSES)
        if exclude is not None:
            qs = qs.exclude(pk=exclude)
        if qs.count() >= visit.capacity:
            return False
    return True


def _queue_confirmation(registration: Registration) -> None:
    from edcluster.events.mail import queue_registration_mail

    queue_registration_mail(registration)


def registration_cancel(*, secret: Any) -> Registration:
    """Cancel through the secret link; the freed place goes to the first person waiting."""
    with transaction.atomic():
        registration = Registration.objects.select_related("event").filter(secret=secret).first()
        if registration is None:
            raise NotFound(_("Регистрация не найдена."))
        if registration.status == RegistrationStatus.CANCELLED:
            return registration
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration.refresh_from_db(fields=["status"])
        if registration.status in (RegistrationStatus.CANCELLED, RegistrationStatus.REJECTED):
            return registration
        held = registration.status in HOLDING_STATUSES
        registration.status = RegistrationStatus.CANCELLED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        audit_log(actor=None, action="events.registration.cancelled", target=registration)
        if held:
            _offer_next(event, registration.mode)
    return registration


def offer_hours() -> int:
    return int(getattr(settings, "EDCLUSTER_EVENTS_OFFER_HOURS", 48))


def _offer_next(event: Event, mode: str, now: datetime | None = None) -> Registration | None:
    """A place freed in ``mode``: offer it to the first person waiting (call with the event locked).

    The place is held for that person (``offered`` counts against capacity) until the offer
    expires; ``offers_expire`` then passes it on."""
    candidate = (
        Registration.objects.filter(event=event, mode=mode, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if candidate is None:
        return None
    visit = SiteVisit.objects.select_for_update().get(pk=candidate.site_visit_id) if candidate.site_visit_id else None
    if not _has_place(event, mode, visit):
        return None
    candidate.status = RegistrationStatus.OFFERED
    candidate.offer_expires_at = (now or timezone.now()) + timedelta(hours=offer_hours())
    candidate.save(update_fields=["status", "offer_expires_at"])
    audit_log(actor=None, action="events.registration.offered", target=candidate)
    from edcluster.events.mail import queue_offer_mail

    queue_offer_mail(candidate)
    return candidate


def _offer_for(secret: Any, now: datetime) -> tuple[Registration, Event]:
    """The offered registration behind a secret link, with its event locked; Russian messages for
    a link that is unknown, already used or expired."""
    registration = Registration.objects.filter(secret=secret).first()
    if registration is None:
        raise NotFound(_("Регистрация не найдена."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    if registration.status != RegistrationStatus.OFFERED:
        raise Conflict(
            _("Ссылка уже использована: регистрация сейчас в статусе «{status}».").format(
                status=registration.get_status_display()
            )
        )
    if registration.offer_expires_at and registration.offer_expires_at <= now:
        raise Conflict(_("Срок предложения истёк: место передано следующему участнику из листа ожидания."))
    return registration, event


def offer_accept(*, secret: Any, now: datetime | None = None) -> Registration:
    """Accept an offered place within its time. Capacity is re-checked under the event lock (the
    same as ``registration_submit``); on a moderated event the person then waits for approval."""
    now = now or timezone.now()
    with transaction.atomic():
        registration, event = _offer_for(secret, now)
        visit = (
            SiteVisit.objects.select_for_update().get(pk=registration.site_visit_id)
            if registration.site_visit_id
            else None
        )
        if not _has_place(event, registration.mode, visit, exclude=registration.pk):
            # Capacity was lowered since the offer: back to the waiting list, place not taken.
            registration.status = RegistrationStatus.WAITLISTED
            registration.offer_expires_at = None
            registration.save(update_fields=["status", "offer_expires_at"])
            audit_log(actor=None, action="events.registration.offer_lost", target=registration)
            return registration
        registration.status = RegistrationStatus.PENDING if event.moderation else RegistrationStatus.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        audit_log(actor=None, action="events.registration.offer_accepted", target=registration)
        _queue_confirmation(registration)
    return registration


def offer_decline(*, secret: Any, now: datetime | None = None) -> Registration:
    """Decline an offered place: the registration is cancelled and the place goes to the next."""
    now = now or timezone.now()
    with transaction.atomic():
        registration, event = _offer_for(secret, now)
        registration.status = RegistrationStatus.CANCELLED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
        audit_log(actor=None, action="events.registration.offer_declined", target=registration)
        _offer_next(event, registration.mode, now)
    return registration


def offers_expire(*, now: datetime | None = None) -> int:
    """Expire overdue offers (the beat task): each one is cancelled and its place offered to the
    next person waiting. Idempotent."""
    now = now or timezone.now()
    count = 0
    overdue = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    for pk, event_id in overdue.values_list("pk", "event_id").order_by("offer_expires_at", "pk"):
        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=event_id)
            registration = Registration.objects.filter(
                pk=pk, status=RegistrationStatus.OFFERED, offer_expires_at__lte=now
            ).first()
            if registration is None:  # accepted or declined meanwhile
                continue
            registration.status = RegistrationStatus.CANCELLED
            registration.offer_expires_at = None
            registration.save(update_fields=["status", "offer_expires_at"])
            audit_log(actor=None, action="events.registration.offer_expired", target=registration)
            _offer_next(event, registration.mode, now)
            count += 1
    return count


def registration_moderate(*, actor: Any, event: Event, registration_id: int, approve: bool) -> Registration:
    """The organiser decides on a pending registration (moderated events). Its place was held
    since submission, so approval never overbooks; a rejection frees it for the next person
    waiting. The person is told by e-mail either way."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        registration = Registration.objects.select_related("event").filter(event=locked, pk=registration_id).first()
        if registration is None:
            raise NotFound(_("Регистрация не найдена."))
        if registration.status != RegistrationStatus.PENDING:
            raise Conflict(
                _("Решение уже принято: регистрация в статусе «{status}».").format(
                    status=registration.get_status_display()
                )
            )
        registration.status = RegistrationStatus.CONFIRMED if approve else RegistrationStatus.REJECTED
        registration.save(update_fields=["status"])
        audit_log(
            actor=actor,
            action="events.registration.approved" if approve else "events.registration.rejected",
            target=registration,
        )
        _queue_confirmation(registration)
        if not approve:
            _offer_next(locked, registration.mode)
    return registration


def registration_check_in(*, actor: Any, event: Event, code: str) -> Registration:
    code = (code or "").strip().upper()
    with transaction.atomic():
        registration = Registration.objects.select_for_update().filter(event=event, code=code).first()
        if registration is None:
            raise NotFound(_("Участник с таким кодом на этом мероприятии не найден."))
        if registration.status != RegistrationStatus.CONFIRMED:
            raise Conflict(_("Регистрация не подтверждена: {status}.").format(status=registration.get_status_display()))
        if registration.checked_in_at is None:
            registration.checked_in_at = timezone.now()
            registration.no_show = False
            registration.save(update_fields=["checked_in_at", "no_show"])
            audit_log(actor=actor, action="events.registration.checked_in", target=registration)
    return registration


def registration_mark_no_shows(*, actor: Any, event: Event) -> int:
    """Mark every confirmed participant who was not checked in as a no-show."""
    with transaction.atomic():
        count = Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, checked_in_at__isnull=True
        ).update(no_show=True)
        audit_log(actor=actor, action="events.registration.no_shows", target=event, changes={"no_show": [0, count]})
    return count
