"""Serve the front-end packages installed by npm (``node_modules``) under ``/static/vendor/``.

Only the files listed in ``settings.VENDOR_ASSETS`` are exposed, so ``collectstatic`` copies a
few files, not the whole of ``node_modules``; nothing is fetched from a CDN at run time.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFinder(BaseFinder):
    def _source(self, path: str) -> Path | None:
        rel = settings.VENDOR_ASSETS.get(path)
        return Path(settings.NODE_MODULES_DIR) / rel if rel else None

    def check(self, **kwargs):
        missing = [p for p in settings.VENDOR_ASSETS if not (self._source(p) or Path()).exists()]
        if missing:
            return [
                Error(f"Front-end packages are not installed ({missing[0]}); run `make install`.", id="edcluster.E001")
            ]
        return []

    def find(self, path, find_all=False, **kwargs):
        source = self._source(path)
        if source is not None and source.exists():
            return [str(source)] if find_all else str(source)
        return [] if find_all else None

    def list(self, ignore_patterns):
        for path in settings.VENDOR_ASSETS:
            source = self._source(path)
            if source is not None and source.exists():
                storage = FileSystemStorage(location=str(source.parent))
                storage.prefix = str(Path(path).parent)
                yield source.name, storage
