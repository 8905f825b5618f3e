"""A small synthetic dataset that follows data_pipeline/schemas.py, for dashboard tests.

Three articles from two outlets; Kim Jong Un appears under three spellings
(كيم يونغ أون، كيم جونغ أون، لكيم) so the actor filter can be checked against
spelling variation; one passage carries hostile HTML to check escaping.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from data_pipeline.schemas import TABLES

REPO = Path(__file__).resolve().parents[2]
SEED_TABLES = REPO / "data" / "seeds"

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><style>body{display:none}</style>'

ARTICLES = [
    {
        "doc_id": "d1",
        "title": "بوتين يزور كوريا الشمالية",
        "source": "الإيطالية نيوز",
        "published": "2024-06-18",
        "category": "سياسة",
        "passages": [
            ("بدأ الرئيس الروسي فلاديمير بوتين اليوم زيارة لكوريا الشمالية تستغرق يومين.", ["politics"]),
            ("في سبتمبر 2023، ذهب الزعيم الكوري الشمالي كيم يونغ أون إلى روسيا.", ["politics", "military"]),
            ("وقال بوتين إن التعاون العسكري سيتعزز، فيما نفى الكرملين إرسال 11 ألف حاوية ذخيرة.", ["military"]),
        ],
    },
    {
        "doc_id": "d2",
        "title": "سيول تراقب القمة",
        "source": "وكالة الأنباء",
        "published": "2024-06-19",
        "category": "دولي",
        "passages": [
            ("أكدت سيول أن كيم جونغ أون استقبل الضيف الروسي في بيونغ يانغ عام 2024.", ["politics"]),
            ("وهطلت أمطار بلغت 50 ملم على العاصمة.", ["weather"]),
        ],
    },
    {
        "doc_id": "d3",
        "title": "مقال " + HOSTILE,
        "source": "الإيطالية نيوز",
        "published": "2023-01-05",
        "category": None,
        "passages": [
            ("نصٌّ مُشَكَّلٌ عن كُورِيَا " + HOSTILE + " ورسالة لكيم من المعارضة.", ["politics"]),
        ],
    },
]

ENTITIES = {
    "kim_jong_un": ("PERSON", "كيم جونغ أون", "Kim Jong Un", ["كيم يونغ أون", "كيم جونغ أون", "كيم"]),
    "vladimir_putin": ("PERSON", "فلاديمير بوتين", "Vladimir Putin", ["فلاديمير بوتين", "بوتين"]),
    "north_korea": ("GPE", "كوريا الشمالية", "North Korea", ["كوريا الشمالية"]),
    "russia": ("GPE", "روسيا", "Russia", ["روسيا"]),
    "kremlin": ("ORG", "الكرملين", "Kremlin <b>Moscow</b>", ["الكرملين"]),
    "seoul": ("GPE", "سيول", "Seoul", ["سيول"]),
}

# (doc, passage index, surface text, entity id)
MENTIONS = [
    ("d1", 0, "فلاديمير بوتين", "vladimir_putin"),
    ("d1", 0, "كوريا الشمالية", "north_korea"),
    ("d1", 1, "كيم يونغ أون", "kim_jong_un"),
    ("d1", 1, "روسيا", "russia"),
    ("d1", 2, "بوتين", "vladimir_putin"),
    ("d1", 2, "الكرملين", "kremlin"),
    ("d2", 0, "سيول", "seoul"),
    ("d2", 0, "كيم جونغ أون", "kim_jong_un"),
    ("d3", 0, "كيم", "kim_jong_un"),
]
QUANTITIES = [
    ("d1", 2, "11 ألف حاوية", 11000.0, "container", "ذخيرة", False),
    ("d2", 1, "50 ملم", 50.0, "mm", "أمطار", False),
]
TIMELINE = [
    ("d1", 0, "اليوم", "2024-06-18", "day", ["vladimir_putin", "north_korea"], True),
    ("d1", 1, "سبتمبر 2023", "2023-09", "month", ["kim_jong_un", "russia"], False),
    ("d2", 0, "عام 2024", "2024", "year", ["seoul", "kim_jong_un"], False),
]
# (doc, passage index, speaker, cue, content, hedged, stance, speaker entity)
CLAIMS = [
    ("d1", 2, "بوتين", "وقال", "التعاون العسكري سيتعزز", False, "assert", "vladimir_putin"),
    ("d1", 2, "الكرملين", "نفى", "إرسال 11 ألف حاوية ذخيرة", False, "deny", "kremlin"),
    ("d2", 0, "سيول", "أكدت", "كيم جونغ أون استقبل الضيف الروسي", True, "assert", "seoul"),
]


def build_fixture_frames() -> dict[str, pd.DataFrame]:
    docs, passages, pstarts = [], [], {}
    for art in ARTICLES:
        text = art["title"] + "\n\n"
        for i, (ptext, topics) in enumerate(art["passages"]):
            start = len(text)
            text += ptext
            pstarts[(art["doc_id"], i)] = (start, ptext)
            passages.append(
                {
                    "doc_id": art["doc_id"],
                    "passage_id": f"{art['doc_id']}:p{i}",
                    "start": start,
                    "end": start + len(ptext),
                    "text": ptext,
                    "topics": topics,
                }
            )
            text += "\n\n"
        docs.append(
            {
                "doc_id": art["doc_id"],
                "title": art["title"],
                "source": art["source"],
                "published": art["published"],
                "url": f"https://example.org/{art['doc_id']}",
                "category": art["category"],
                "author": None,
                "text": text,
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "input_path": f"fixture/{art['doc_id']}.txt",
                "story_id": art["doc_id"],
                "story_minhash": b"",
                "story_figures": [],
                "story_actors": [],
            }
        )

    def locate(doc, pi, surface, after=0):
        start, ptext = pstarts[(doc, pi)]
        at = ptext.index(surface, after)
        return start + at, start + at + len(surface)

    mentions = []
    for doc, pi, surface, eid in MENTIONS:
        a, b = locate(doc, pi, surface)
        etype, name_ar, name_en, _ = ENTITIES[eid]
        mentions.append(
            dict(doc_id=doc, entity_id=eid, type=etype, text=surface, start=a, end=b, name_ar=name_ar,
                 name_en=name_en, method="gazetteer", rule="entities.gazetteer_alias", passage_id=f"{doc}:p{pi}")
        )
    mdf = pd.DataFrame(mentions)
    entities = []
    for eid, (etype, name_ar, name_en, aliases) in ENTITIES.items():
        sub = mdf[mdf.entity_id == eid]
        entities.append(dict(entity_id=eid, type=etype, name_ar=name_ar, name_en=name_en, aliases=aliases,
                             mentions=len(sub), documents=sub.doc_id.nunique(), known=True))
    quantities = []
    for doc, pi, surface, value, unit, what, approx in QUANTITIES:
        a, b = locate(doc, pi, surface)
        quantities.append(dict(doc_id=doc, value=value, unit=unit, what=what, text=surface, start=a, end=b,
                               approximate=approx, rule="quantities.number_then_unit", passage_id=f"{doc}:p{pi}"))
    timeline = []
    for doc, pi, surface, date, precision, actors, relative in TIMELINE:
        a, b = locate(doc, pi, surface)
        timeline.append(dict(doc_id=doc, date=date, precision=precision, text=surface, start=a, end=b,
                             event=pstarts[(doc, pi)][1], actors=actors, relative=relative, calendar="gregorian",
                             rule="timeline.relative_day" if relative else "timeline.day_month_year", passage_id=f"{doc}:p{pi}"))
    claims = []
    for n, (doc, pi, speaker, cue, content, hedged, stance, seid) in enumerate(CLAIMS):
        a, _ = locate(doc, pi, cue)
        _, b = locate(doc, pi, content)
        full = next(d for d in docs if d["doc_id"] == doc)["text"]
        claims.append(dict(doc_id=doc, claim_id=f"{doc}:c{n}", speaker=speaker, speaker_entity_id=seid, cue=cue,
                           content=content, text=full[a:b], start=a, end=b, hedged=hedged, stance=stance,
                           rule="claims.verb_then_clause", passage_id=f"{doc}:p{pi}",
                           frame="deny" if stance == "deny" else "say", target="", target_entity_id=None, via=""))
    frames = {
        "documents": pd.DataFrame(docs),
        "passages": pd.DataFrame(passages),
        "mentions": mdf,
        "entities": pd.DataFrame(entities),
        "quantities": pd.DataFrame(quantities),
        "timeline": pd.DataFrame(timeline),
        "claims": pd.DataFrame(claims),
    }
    return {name: df[TABLES[name].names] for name, df in frames.items()}


def write_fixture(out_dir: Path) -> Path:
    """Write the fixture as ``<table>.parquet`` files with the schemas' Arrow types."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, df in build_fixture_frames().items():
        table = pa.Table.from_pandas(df, schema=TABLES[name].arrow(), preserve_index=False)
        pq.write_table(table, out_dir / f"{name}.parquet")
    return out_dir


@pytest.fixture
def fixture_dir(tmp_path) -> Path:
    return write_fixture(tmp_path / "tables")


@pytest.fixture
def fixture_tables(fixture_dir):
    from tests.dashboard.oracle import read_tables

    return read_tables(fixture_dir)
