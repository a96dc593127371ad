"""Extraction quality measured with the shared scorer on hand-labelled documents.

Five sets: the five sample documents (the rules were written while reading them); ``heldout``,
documents of the same genres written for this test (other organisations, names and layouts:
letter-spaced heading, Windows-1251, "СЛУШАЛИ/ПОСТАНОВИЛИ", lettered decisions) and labelled before
the first run (first-run score 0.934; general fixes followed after reading its output, so it is no
longer unseen); ``heldout2``, written and labelled after the rules were frozen and scored once
(first run: orgs F1 0.82, score 0.901); ``heldout3``, written and labelled (committed) before its first run
(orgs F1 0.81, people F1 0.93, score 0.891), then the organisation rules were made general (legal forms
by how they are built, oblique cases, branches, spelled-out forms, territories, honorific names) measuring
all four sets — so heldout2 and heldout3 are no longer unseen either. ``heldout4``, five documents
(a methodical council protocol, an institute's information letter, a conference section's resolution, a
news item, a kindergarten's partners page in Windows-1251) written and labelled (committed) after those
rules were frozen and scored once, the extractor unchanged: the one unseen measurement (people F1 0.94,
positions 15/15, orgs F1 0.87, fields 16/20, nothing invented, score 0.867). Then the structure rules
(attendance lines, groups of participants added up, agenda headings with bulleted/lettered items, format in
prose, deadlines) and organisation rules (ИП, health-care forms, a letterhead in capitals, technoparks, one
organisation under its full and short names) were made general, measuring all five sets — so heldout4 is no
longer unseen either; the next unseen measurement is a set none of these rules was written against.
``heldout5``, eight documents written and labelled by someone who never saw the extractor, committed before
its one first run with the rules frozen (people F1 0.97, positions 26/27, orgs F1 0.81, dates 4/7, structure
fields 10/16, score 0.812); its misses then became general rules (letter heads, news publication lines, lines
wrapped as in a PDF, attendance by names, federal bodies, abbreviations made for the text …) measured on all six
sets, so heldout5 is no longer unseen either.
The thresholds are the figures reached, rounded down.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from pathlib import Path

from edcluster.imports.services import extract_file
from tests.shared import SHARED

SCORER = SHARED / "extraction" / "score.py"
SAMPLES = SHARED / "samples"
GOLD = Path(__file__).parent / "gold"


def _scorer():
    spec = importlib.util.spec_from_file_location("extraction_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(truth: Path, source: Path, out: Path) -> dict[str, float]:
    for item in json.loads(truth.read_text()):
        result = extract_file(source / item["file"])
        (out / (Path(item["file"]).stem + ".json")).write_text(json.dumps(result, ensure_ascii=False))
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        _scorer().main(str(truth), str(out))
    report = buffer.getvalue()
    figures = {
        "people_f1": float(re.search(r"people .*F1=([\d.]+)", report).group(1)),
        "orgs_f1": float(re.search(r"orgs .*F1=([\d.]+)", report).group(1)),
        "score": float(re.search(r"score ([\d.]+)", report).group(1)),
        "invented": sum(int(a) for a in re.findall(r"invented where text has none: (\d+)/", report)),
    }
    ok, n = map(int, re.search(r"positions right for matched people: (\d+)/(\d+)", report).groups())
    figures["positions"] = ok / n if n else 1.0
    return figures


def test_samples_score(tmp_path):
    """ "полсотни руководителей" is now counted (participants 2/2): score 0.954 → 0.975."""
    figures = score(GOLD / "samples.json", SAMPLES, tmp_path)
    assert figures["people_f1"] >= 0.95
    assert figures["positions"] >= 0.95
    assert figures["orgs_f1"] >= 0.93
    assert figures["invented"] == 0
    assert figures["score"] >= 0.97


def test_heldout_score(tmp_path):
    figures = score(GOLD / "heldout.json", GOLD / "heldout", tmp_path)
    assert figures["people_f1"] >= 0.95
    assert figures["positions"] >= 0.95
    assert figures["orgs_f1"] >= 0.94
    assert figures["invented"] == 0
    assert figures["score"] >= 0.98


def test_second_heldout_score(tmp_path):
    """First run orgs F1 0.82, score 0.901; the general organisation rules of heldout3's round lifted it, and
    heldout5's round its last misses (a surname that is also an ordinary word with two initials, a resolution's
    head date, a news item read as "other"): people F1 1.00, score 1.00."""
    figures = score(GOLD / "heldout2.json", GOLD / "heldout2", tmp_path)
    assert figures["people_f1"] >= 1.0
    assert figures["positions"] >= 1.0
    assert figures["orgs_f1"] >= 1.0
    assert figures["invented"] == 0
    assert figures["score"] >= 1.0


def test_third_heldout_score(tmp_path):
    """Labelled before its first run (orgs F1 0.81, people F1 0.93, positions 12/13, one invented
    registration deadline, score 0.891); the organisation, honorific-name, due-date and academic-degree
    rules came after."""
    figures = score(GOLD / "heldout3.json", GOLD / "heldout3", tmp_path)
    assert figures["people_f1"] >= 1.0
    assert figures["positions"] >= 1.0
    assert figures["orgs_f1"] >= 1.0
    assert figures["invented"] == 0
    assert figures["score"] >= 1.0  # the letter's "В программе семинара:" bullets read since the structure rules


def test_fourth_heldout_score(tmp_path):
    """Written and labelled after the rules were frozen and scored once with the extractor unchanged (people
    F1 0.94, orgs F1 0.87, structure fields 6/10, score 0.867). Its misses were then fixed by general rules
    (a spelled-out school name in capitals, an institution's short name beside its full name, an ``ИП`` read
    as a person, a man's surname in the accusative taken as a second person, a letter's "Вопросы для
    обсуждения", "Присутствовали: 17 чел.", "186 школьников … и 34 педагога", "очно"), so it is no longer
    unseen: people F1 1.00, orgs F1 0.97 (extras: a library's subdivision, the kindergarten's short name in
    the signature), structure fields 10/10, score 0.990."""
    figures = score(GOLD / "heldout4.json", GOLD / "heldout4", tmp_path)
    assert figures["people_f1"] >= 1.0
    assert figures["positions"] >= 1.0
    assert figures["orgs_f1"] >= 0.97
    assert figures["invented"] == 0
    assert figures["score"] >= 0.99


def test_fifth_heldout_score(tmp_path):
    """Eight documents (two protocols — one in Windows-1251 with CRLF line ends —, two information letters, a
    section's results, two news items, a kindergarten's partners page) written and labelled by someone who never
    saw the extractor, committed before the first run. FIRST RUN, rules frozen (main at fe2f134): people F1 0.97
    (P 1.00, R 0.94), positions 26/27, orgs F1 0.81 (P 0.77, R 0.86), genre 6/8, dates 4/7, doc_number 2/4,
    agenda 1/3, participants 3/5, format 2/2, deadline 2/2, end_date 1/2, invented 0, score 0.812 — orgs, dates
    and the structure fields (10/16) short of the goals on unseen text. Its misses were then made general rules
    (genre from a letter's heading line and a news publication line, dates from "Дата проведения:" and a news
    lead, numbers beside a letterhead date, "Вопросы повестки", attendance by names, names and dates across lines
    wrapped as in a PDF, federal bodies, region abbreviations, founders after a name, degrees after a comma,
    abbreviations made for the text), so heldout5 is NO LONGER UNSEEN: these figures are on text the rules were
    written against (all 1.00 here); the next unseen set tells whether they generalise."""
    figures = score(GOLD / "heldout5.json", GOLD / "heldout5", tmp_path)
    assert figures["people_f1"] >= 1.0
    assert figures["positions"] >= 1.0
    assert figures["orgs_f1"] >= 1.0
    assert figures["invented"] == 0
    assert figures["score"] >= 1.0


def test_sixth_heldout_score(tmp_path):
    """Ten documents (three protocols — one with CRLF line ends, one in Windows-1251, one with letter-spaced
    words and conversion artefacts —, three information letters, a round table's resolution, two news items, a
    college's partners page) written and labelled by someone who never saw the extractor, committed (01:24)
    before the fourth round's rules were frozen (01:43) and scored ONCE after them, the extractor unchanged: the
    unseen measurement. People F1 0.95 (P 0.97, R 0.93), positions 31/33, orgs F1 0.91 (P 0.86, R 0.98), genre
    10/10, dates 10/11 (date 9/9, end_date 1/2), structure fields 20/22 (doc_number 6/6, agenda 4/4,
    participants 5/6, format 2/3, deadline 3/3), invented 0, score 0.912. Misses: "в заочной форме …
    дистанционно" (labelled online) and a contest's closing date; a "Присутствовали" list of names under a
    heading line; "имени … Николая Григорьевича Столетовых" read as a person; a word hyphenated at a line end
    ("администра-/ции") cut off."""
    figures = score(GOLD / "heldout6.json", GOLD / "heldout6", tmp_path)
    assert figures["people_f1"] >= 0.95
    assert figures["positions"] >= 0.93
    assert figures["orgs_f1"] >= 0.91
    assert figures["invented"] == 0
    assert figures["score"] >= 0.91
