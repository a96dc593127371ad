"""The upload form and the parsing of the review form into a proposal."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from edcluster.core.forms import BootstrapFormMixin
from edcluster.imports.readers import EXTENSIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; cleans to a list."""

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        # Every file is judged by the reader (empty, too large, corrupt …) and reported next to
        # its name in the batch, so nothing is refused here.
        items = data if isinstance(data, list | tuple) else [data]
        return [f for f in items if f is not None and hasattr(f, "read")]


class UploadForm(BootstrapFormMixin, forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Организация"), queryset=None, required=False, empty_label=_("— кластер в целом —")
    )
    files = MultipleFileField(
        label=_("Документы"),
        widget=MultipleFileInput(attrs={"accept": ",".join(EXTENSIONS), "multiple": True}),
        required=False,
        help_text=_("DOCX, ODT, RTF, PDF с текстовым слоем или TXT; можно выбрать несколько файлов."),
    )

    def __init__(self, *args: Any, organizations: Any, organization_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        field.queryset = organizations  # type: ignore[attr-defined]
        field.required = organization_required


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def proposal_from_post(post: QueryDict, proposal: dict[str, Any]) -> dict[str, Any]:
    """The stored proposal with the reviewer's edits applied (an unedited POST keeps it)."""
    result = deepcopy(proposal)
    if post.get("edited") != "1":
        return result
    for i, row in enumerate(result.get("organizations") or []):
        row["name"] = post.get(f"org-{i}-name", row["name"])
        row["kind"] = post.get(f"org-{i}-kind", row.get("kind"))
        row["action"] = post.get(f"org-{i}-action", row["action"])
    for i, row in enumerate(result.get("people") or []):
        for key in ("name", "position", "organization", "action"):
            row[key] = post.get(f"person-{i}-{key}", row.get(key))
    for i, row in enumerate(result.get("partnerships") or []):
        row["title"] = post.get(f"partnership-{i}-title", row["title"])
        row["action"] = post.get(f"partnership-{i}-action", row["action"])
    if result.get("kind") == "meeting":
        meeting = result["meeting"]
        for key in ("number", "date", "theme", "place", "attended_count", "attended_org_count", "action"):
            meeting[key] = post.get(f"meeting-{key}", meeting.get(key))
        meeting["body"] = _int_or_none(post.get("meeting-body"))
        for i, row in enumerate(result.get("items") or []):
            row["title"] = post.get(f"item-{i}-title", row["title"])
            row["speakers"] = [s.strip() for s in post.get(f"item-{i}-speakers", "").splitlines() if s.strip()]
            row["accept"] = post.get(f"item-{i}-accept") == "on"
        for i, row in enumerate(result.get("decisions") or []):
            row["text"] = post.get(f"decision-{i}-text", row["text"])
            row["accept"] = post.get(f"decision-{i}-accept") == "on"
    elif result.get("kind") == "event":
        event = result["event"]
        for key in ("title", "starts_on", "ends_on", "format", "kind", "action"):
            event[key] = post.get(f"event-{key}", event.get(key))
    if result.get("recommendations") is not None:
        section = result.setdefault("section", {})
        section["title"] = post.get("section-title", section.get("title") or "")
        for i, row in enumerate(result["recommendations"]):
            row["text"] = post.get(f"rec-{i}-text", row["text"])
            row["addressee"] = post.get(f"rec-{i}-addressee", row.get("addressee") or "")
            row["accept"] = post.get(f"rec-{i}-accept") == "on"
    return result
