"""Background work of the library: the monthly digest and the previews of materials."""

from __future__ import annotations

from celery import shared_task

from edcluster.practices import digest


@shared_task(acks_late=True)
def send_digest() -> int:
    return digest.digest_send()


@shared_task(acks_late=True)
def material_preview(material_id: int) -> bool:
    """Make the preview of one material (idempotent: an existing preview is kept)."""
    from edcluster.practices import services
    from edcluster.practices.models import Material

    material = Material.objects.filter(pk=material_id).first()
    if material is None:
        return False
    return services.material_make_preview(material=material)
