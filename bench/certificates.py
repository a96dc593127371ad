"""Certificates for a synthetic event of 10,000 participants into one merged PDF.

Run ``python bench/certificates.py [COUNT] [NAIVE_COUNT]`` (defaults 10000 and 1000).

Fast path (what ``edcluster.certificates.pdf`` does): numbers from the cluster's pattern
(``2025-СТАРТ-000001``…) and unguessable codes; the pages rendered in chunks by one process per
core, each chunk with the shared part of the page as one form XObject and the QR code as one
vector path (fixed mask); the chunks concatenated by ``pdf.merge_into`` straight into a file.
Baseline, measured in the same run on the first NAIVE_COUNT: one process, every page drawn from
scratch, segno choosing the best mask, one rectangle per dark module.

The last line is one JSON object: certificates, per_s, naive_per_s, ratio, peak_rss_mb (the
parent plus the largest worker).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import secrets
import sys
import tempfile
import time
from pathlib import Path

from edcluster.certificates import pdf

PATTERN = "{year}-{code}-{seq:06d}"  # certificates.models.DEFAULT_PATTERN (no Django needed here)

CHUNK = 500
LAST = ["Грязева", "Залесова", "Мохина", "Ачилова", "Чебыкина", "Пахомовская", "Гмызина", "Пономарева"]
FIRST = ["Елена", "Ольга", "Татьяна", "Наталья", "Светлана", "Ирина", "Оксана", "Мария"]
MIDDLE = ["Борисовна", "Николаевна", "Ивановна", "Владимировна", "Анатольевна", "Сергеевна", "Александровна"]
WORDING = (
    "принял(а) активное участие в обсуждении вопросов методической конференции «Модели взаимодействия "
    "колледжа и дошкольного учреждения в подготовке педагогических кадров», 14\u00a0ноября 2025\u00a0г."
)
DESIGN = pdf.DesignData(signer="Директор ГАПОУ «ВСПК»")
KINDS = {"active": pdf.KindText(title="СЕРТИФИКАТ АКТИВНОГО УЧАСТНИКА", lead="подтверждает, что")}


def pages(count: int) -> list[pdf.PageData]:
    result = []
    for seq in range(1, count + 1):
        number = PATTERN.format(year=2025, code="СТАРТ", seq=seq)
        name = f"{LAST[seq % len(LAST)]} {FIRST[seq % len(FIRST)]} {MIDDLE[seq % len(MIDDLE)]}"
        url = f"https://edcluster.example/verify/{secrets.token_urlsafe(18)}/"
        result.append(pdf.PageData("active", name, WORDING, f"№ {number} от 14\u00a0ноября 2025\u00a0г.", url))
    return result


def render_chunk(args: tuple[list[pdf.PageData], str]) -> tuple[str, int]:
    chunk, path = args
    Path(path).write_bytes(pdf.render(chunk, DESIGN, KINDS))
    return path, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    naive_count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    pdf.register_fonts()
    tmp = Path(tempfile.mkdtemp(prefix="edc-cert-bench-"))

    start = time.perf_counter()
    data = pages(count)
    assert len({p.number_line for p in data}) == count and len({p.url for p in data}) == count
    jobs = [(data[i : i + CHUNK], str(tmp / f"chunk-{i:06d}.pdf")) for i in range(0, count, CHUNK)]
    workers = os.cpu_count() or 2
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(render_chunk, jobs, chunksize=1)
    merged = tmp / "certificates.pdf"
    with merged.open("wb") as out:
        pages_written = pdf.merge_into(out, (Path(path).read_bytes() for path, _rss in results))
    fast = time.perf_counter() - start
    assert pages_written == count

    import pypdfium2

    document = pypdfium2.PdfDocument(str(merged))
    assert len(document) == count
    document.close()

    start = time.perf_counter()
    naive_file = tmp / "naive.pdf"
    naive_file.write_bytes(pdf.render_naive(data[:naive_count], DESIGN, KINDS))
    naive = time.perf_counter() - start

    parent_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = max(rss for _path, rss in results)
    per_s = count / fast
    naive_per_s = naive_count / naive
    print(
        f"fast: {count} in {fast:.1f} s with {workers} processes ({merged.stat().st_size / 1e6:.0f} MB); "
        f"naive: {naive_count} in {naive:.1f} s",
        file=sys.stderr,
    )
    for path in tmp.iterdir():
        path.unlink()
    tmp.rmdir()
    print(
        json.dumps(
            {
                "certificates": count,
                "per_s": round(per_s, 1),
                "naive_per_s": round(naive_per_s, 1),
                "ratio": round(per_s / naive_per_s, 2),
                "peak_rss_mb": round((parent_kb + child_kb) / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
