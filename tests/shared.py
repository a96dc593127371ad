"""Where the suite finds the sample documents and the import scorer (copies of ``../shared``)."""

from pathlib import Path

SHARED = Path(__file__).parent / "data" / "shared"
OUTSIDE = Path(__file__).resolve().parents[2] / "shared"  # ../shared next to the checkout, when present
