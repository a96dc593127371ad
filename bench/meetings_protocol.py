"""Time to generate the demo council protocol (docxtpl + typography), against a baseline.

Run ``python bench/meetings_protocol.py``. A temporary SQLite database gets the demo cluster;
the narrative and the ГОСТ protocol of protocol № 1 (26 February 2025) are rendered N times
each. The baseline, measured in the same run, writes a .docx of the same paragraphs with plain
python-docx (no template, no typography, no database). The last line is one JSON object: the
milliseconds per document and the ratio to the baseline.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

N = 20


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="edc-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from edcluster.core.demo_loader import load_demo
    from edcluster.documents.builder import build_docx, docx_to_text
    from edcluster.documents.services import document_render

    meeting = load_demo().objects["council_meeting"]
    document_render(kind="protocol", source=meeting)  # warm-up: templates built, dictionaries loaded
    timings = {}
    for kind in ("protocol", "protocol_gost"):
        start = time.perf_counter()
        for _ in range(N):
            _name, data = document_render(kind=kind, source=meeting)
        timings[kind] = (time.perf_counter() - start) / N * 1000
    paragraphs = docx_to_text(data).splitlines()
    start = time.perf_counter()
    for _ in range(N):
        build_docx(paragraphs)
    baseline = (time.perf_counter() - start) / N * 1000
    result = {
        "runs": N,
        "paragraphs": len(paragraphs),
        "protocol_ms": round(timings["protocol"], 1),
        "protocol_gost_ms": round(timings["protocol_gost"], 1),
        "baseline_python_docx_ms": round(baseline, 1),
        "ratio_gost_to_baseline": round(timings["protocol_gost"] / baseline, 2),
    }
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
