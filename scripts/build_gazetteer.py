"""Generate the country, region and city gazetteers from babel's CLDR data.

Writes (committed as data, re-run only to refresh from a newer babel):
- data_pipeline/resources/gazetteer_countries.jsonl: every ISO 3166 country or
  territory (GPE) and the CLDR continents and regions (LOC), Arabic and English names;
- data_pipeline/resources/gazetteer_cities.jsonl: the time-zone exemplar cities (GPE).

Hand-written variants (الولايات المتحدة الأمريكية, أمريكا, بيونغيانغ ...) live in
gazetteer_places.jsonl under the same ids; data_pipeline.entities merges entries by id.

Usage: python3 scripts/build_gazetteer.py
"""

from __future__ import annotations

import json
import re
import sys
import zoneinfo
from pathlib import Path

from babel import Locale
from babel.dates import get_timezone_location

OUT = Path(__file__).resolve().parents[1] / "data_pipeline" / "resources"

# Codes that are not places an article names (unknown region, pseudo-locales, the world,
# groupings better written by hand).
SKIP_CODES = {"ZZ", "XA", "XB", "QO", "EU", "EZ", "UN", "001", "019", "021", "053", "054", "057", "061"}
SKIP_ZONE_AREAS = {"Etc", "Antarctica", "SystemV", "US", "Canada", "Brazil", "Chile", "Mexico"}


def slug(text: str) -> str:
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def split_variants(name: str) -> list[str]:
    """'ميانمار (بورما)' -> ['ميانمار', 'بورما']; 'الكونغو - كينشاسا' -> whole and parts."""
    out = []
    main = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
    out.append(main)
    out += [p.strip() for p in re.findall(r"\((.*?)\)", name)]
    if " - " in main:
        out += [p.strip() for p in main.split(" - ")]
    return [o for o in dict.fromkeys(out) if o and "منطقة إدارية" not in o]


def english(name: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", name).replace(" SAR China", "").strip()


def countries() -> list[dict]:
    ar, en = Locale("ar"), Locale("en")
    rows = []
    for code, name_ar in sorted(ar.territories.items()):
        if code in SKIP_CODES or "-" in code:
            continue
        name_en = en.territories.get(code)
        if not name_en:
            continue
        is_region = code.isdigit()
        etype = "LOC" if is_region else "GPE"
        variants = split_variants(name_ar)
        rows.append(
            {
                "id": f"{'loc' if is_region else 'gpe'}:{slug(english(name_en))}",
                "type": etype,
                "name_ar": variants[0],
                "name_en": english(name_en),
                "aliases": variants,
                "source": f"babel CLDR territory {code}",
            }
        )
    return rows


def cities(country_names: set[str]) -> list[dict]:
    rows: dict[str, dict] = {}
    for zone in sorted(zoneinfo.available_timezones()):
        area = zone.split("/")[0]
        if "/" not in zone or area in SKIP_ZONE_AREAS:
            continue
        try:
            name_ar = get_timezone_location(zone, locale="ar", return_city=True)
            name_en = get_timezone_location(zone, locale="en", return_city=True)
        except Exception:  # zones babel does not know
            continue
        if not name_ar or not name_en or name_ar in country_names or re.search(r"[A-Za-z]", name_ar):
            continue
        if len(name_ar.replace(" ", "")) < 4:
            continue  # too short to be told from a word
        cid = f"gpe:{slug(name_en)}"
        if cid in rows or any(r["name_ar"] == name_ar for r in rows.values()):
            continue
        rows[cid] = {
            "id": cid,
            "type": "GPE",
            "name_ar": name_ar,
            "name_en": name_en,
            "aliases": [name_ar],
            "source": f"babel CLDR time zone {zone}",
        }
    return list(rows.values())


def write(name: str, rows: list[dict]) -> None:
    path = OUT / name
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{path}: {len(rows)} entries", file=sys.stderr)


def main() -> None:
    country_rows = countries()
    names = {a for r in country_rows for a in r["aliases"]}
    write("gazetteer_countries.jsonl", country_rows)
    write("gazetteer_cities.jsonl", cities(names))


if __name__ == "__main__":
    main()
