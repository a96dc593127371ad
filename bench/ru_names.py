"""Score pytrovich and pymorphy3 on the gold table of Russian names, per name part and per case.

Run ``python bench/ru_names.py``. Each engine declines every non-empty name
part of every person of ``src/edcluster/core/ru/data/name_cases.tsv`` into the
five oblique cases (the nominative is the input) with the person's gender;
an answer counts when it equals the gold form exactly. Misses of the
combined declension go to stderr, the accuracy per engine, part and case to
a line of its own; the last line printed is one JSON object: the number of
(person, case) items, each engine's accuracy per part, the winner per part,
and the accuracy of ``edcluster.core.ru.decline_name`` on whole names (all
three parts right).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter

from edcluster.core.ru import decline_name
from edcluster.core.ru.declension import ENGINES, PARTS, gold_table

OBLIQUE_CASES = ("gent", "datv", "accs", "ablt", "loct")


def score() -> dict[str, object]:
    """Measure both engines and the combined declension; return the JSON-ready result.

    The per-case accuracy of each engine and part is returned under the
    extra key ``"by_case"``, which :func:`main` prints on its own line.
    """
    right: Counter[tuple[str, str, str]] = Counter()  # (engine, part, case)
    total: Counter[tuple[str, str]] = Counter()  # (part, case)
    misses: list[str] = []
    combined_right = items = 0
    for row in gold_table():
        nominative = row.forms["nomn"]
        for case in OBLIQUE_CASES:
            items += 1
            gold = row.forms[case]
            for index, part in enumerate(PARTS):
                if not nominative[index]:
                    continue
                total[part, case] += 1
                for name, engine in ENGINES.items():
                    if engine(part, nominative[index], case, row.gender) == gold[index]:
                        right[name, part, case] += 1
            declined = decline_name(*nominative, case=case, gender=row.gender)
            if (declined.last, declined.first, declined.middle) == gold:
                combined_right += 1
            else:
                misses.append(f"{case}: {' '.join(nominative)} -> {declined.full} (gold {' '.join(gold)})")
    for miss in misses:
        print("miss", miss, file=sys.stderr)
    accuracy = {
        name: {
            part: _ratio(sum(right[name, part, case] for case in OBLIQUE_CASES), _part_total(total, part))
            for part in PARTS
        }
        for name in ENGINES
    }
    by_case = {
        name: {
            part: {case: _ratio(right[name, part, case], total[part, case]) for case in OBLIQUE_CASES} for part in PARTS
        }
        for name in ENGINES
    }
    # On a tie pytrovich, the engine made for names, keeps the part.
    chosen = {
        part: max(ENGINES, key=lambda name, part=part: (accuracy[name][part], name == "pytrovich")) for part in PARTS
    }
    return {
        "cases": items,
        **accuracy,
        "chosen": chosen,
        "combined_accuracy": _ratio(combined_right, items),
        "by_case": by_case,
    }


def _part_total(total: Counter[tuple[str, str]], part: str) -> int:
    return sum(total[part, case] for case in OBLIQUE_CASES)


def _ratio(right: int, total: int) -> float:
    return round(right / total, 4) if total else 0.0


def main() -> None:
    started = time.perf_counter()
    result = score()
    by_case = result.pop("by_case")
    print(f"people: {len(gold_table())}, seconds: {time.perf_counter() - started:.2f}")
    print("accuracy by case:", json.dumps(by_case, ensure_ascii=False))
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
