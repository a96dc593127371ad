"""Speed and memory of document extraction (``edcluster.imports``), after model load.

Run ``python bench/extract.py [N]``. The documents are ~2 KB pieces of the five sample documents and
the held-out documents of ``tests/imports/gold`` (cut at paragraph boundaries), repeated to N
(default 300). ``docs_per_s`` empties the extractor's name caches before every document (the
documents repeat; a fresh document pays for its own names); ``warm_cache_docs_per_s`` keeps them.
The baseline, measured in the same run, is clean-up alone (``clean_text``) over the same documents:
``ratio_to_cleanup`` says how many times slower full extraction is than reading the text once.
natasha's NER (off in the pipeline, see ``USE_NER``) is timed on 100 documents for comparison.
``docs_per_cpu_s`` counts CPU seconds of this process: on a shared, loaded machine it is what one core gives.
The last line printed is one JSON object.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import django

SHARED = Path(__file__).resolve().parents[1] / "tests" / "data" / "shared"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def documents(n: int) -> list[str]:
    from edcluster.imports.readers import read_file

    files = sorted((SHARED / "samples").glob("*.txt"))
    files += sorted((ROOT / "tests/imports/gold").glob("heldout*/*.txt"))
    pieces: list[str] = []
    for path in files:
        text = read_file(path)
        chunk = ""
        for paragraph in text.split("\n"):
            chunk += paragraph + "\n"
            if len(chunk) >= 1900:
                pieces.append(chunk)
                chunk = ""
        if len(chunk) >= 1000:
            pieces.append(chunk)
    return [pieces[i % len(pieces)] for i in range(n)]


def main() -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    django.setup()
    from edcluster.imports.cleanup import clean_text
    from edcluster.imports.extract import extract_text, ner

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    docs = documents(n)
    chars = sum(len(d) for d in docs)
    extract_text(docs[0])  # load pymorphy3 dictionaries
    ner.load()  # natasha models (used when USE_NER is on), so peak RSS includes them

    started = time.perf_counter()
    for doc in docs:
        clean_text(doc)
    baseline = time.perf_counter() - started

    from edcluster.imports.extract import people, text

    caches = [
        people._nominative_cached,
        people._first_middle_nominative,
        people._is_common_word,
        people._first_name,
        text.nominative_head,
    ]
    # The documents repeat, so the extractor's name caches are emptied before each one: every
    # document pays for its own names as a fresh document would.
    started = time.perf_counter()
    cpu_started = time.process_time()
    for doc in docs:
        for cache in caches:
            cache.cache_clear()
        extract_text(doc)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    started = time.perf_counter()
    for doc in docs:
        extract_text(doc)
    warm = time.perf_counter() - started

    started = time.perf_counter()
    for doc in docs[:100]:
        ner.spans(clean_text(doc))
    ner_elapsed = time.perf_counter() - started

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "docs": n,
                "avg_chars": round(chars / n),
                "docs_per_s": round(n / elapsed, 1),
                # CPU seconds of this process: what one unshared core would give on a loaded machine.
                "docs_per_cpu_s": round(n / cpu, 1),
                "chars_per_s": round(chars / elapsed),
                "warm_cache_docs_per_s": round(n / warm, 1),
                "cleanup_docs_per_s": round(n / baseline, 1),
                "ratio_to_cleanup": round(elapsed / baseline, 1),
                "natasha_ner_docs_per_s": round(100 / ner_elapsed, 1),
                "peak_rss_mb": round(peak_kb / 1024),
            }
        )
    )


if __name__ == "__main__":
    main()
