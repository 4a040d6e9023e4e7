"""Keys for names in every script: transliterated, stable, distinct, never empty."""

from __future__ import annotations

import pytest

from loaders import entities as ent
from loaders.claim_batches import document_batch
from loaders.claims import validate_document
from loaders.errors import InputError

LATIN = [
    "Rosoboronexport",
    "Baykar",
    "Lockheed Martin",
    "Rheinmetall",
    "Naval Group",
    "Saab",
    "Leonardo",
    "Hanwha Aerospace",
    "Elbit Systems",
    "Thales",
    "Nexter",
    "Embraer",
    "Denel",
    "Norinco Europe",
    "Mohammad Mokhber",
    "Ejército de Tierra",
    "Škoda Transportation",
]
CYRILLIC = [
    "Калашников",
    "Ростех",
    "Уралвагонзавод",
    "Алмаз-Антей",
    "Сухой",
    "Туполев",
    "Рособоронэкспорт",
    "Сергей Шойгу",
    "Андрей Белоусов",
    "Дмитрий Шугаев",
    "Мотор Сич",
    "Укроборонпром",
    "Антонов",
    "Камов",
    "Миль",
    "Ижмаш",
    "Тактическое ракетное вооружение",
]
ARABIC = [
    "محمد بن سلمان",
    "الحوثيون",
    "حزب الله",
    "الهيئة العامة للصناعات العسكرية",
    "شركة الإمارات",
    "إيدج",
    "القوات المسلحة",
    "وزارة الدفاع",
    "عبد الملك الحوثي",
    "حسن نصر الله",
    "الحرس الوطني",
    "مصنع القاهرة",
    "الهيئة العربية للتصنيع",
    "شركة نمر",
    "كراكال",
    "بركان",
    "صماد",
]
PERSIAN = [
    "سپاه پاسداران",
    "وزارت دفاع",
    "صنایع هوایی",
    "شاهد",
    "مهاجر",
    "فاتح",
    "قدس",
    "هسا",
    "صنایع موشکی",
    "محمد مخبر",
    "امیرعلی حاجی‌زاده",
    "حسین سلامی",
    "سازمان صنایع دفاع",
    "پهپاد",
    "قاسم سلیمانی",
    "ابابیل",
    "کرار",
]
CHINESE = [
    "中国兵器工业集团",
    "中国航空工业集团",
    "中国航天科工集团",
    "中国电子科技集团",
    "保利科技",
    "北方工业",
    "翼龙",
    "彩虹",
    "歼十",
    "红旗九",
    "东风",
    "长城工业",
    "中国船舶集团",
    "大疆",
    "成都飞机",
    "沈阳飞机",
]
KOREAN = [
    "김정은",
    "조선인민군",
    "한화에어로스페이스",
    "현대로템",
    "한국항공우주산업",
    "LIG넥스원",
    "풍산",
    "국방과학연구소",
    "화성",
    "북극성",
    "천궁",
    "현무",
    "김여정",
    "노동당",
    "제2경제위원회",
    "단군",
]
NAMES = LATIN + CYRILLIC + ARABIC + PERSIAN + CHINESE + KOREAN


def test_one_hundred_names_in_six_scripts_give_one_hundred_keys() -> None:
    assert len(NAMES) == 100 and len(set(NAMES)) == 100
    keys = {name: ent.slugify(name) for name in NAMES}
    assert len(set(keys.values())) == 100, sorted(keys.values())
    for name, key in keys.items():
        assert key and key.isascii() and key == key.lower() and " " not in key, (name, key)
        assert ent.resolve(name, "Organization").key == key or ent.country(name) is not None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Калашников", "kalasnikov"),
        ("Ростех", "rosteh"),
        # Latin keys are what they always were
        ("Shahed-136", "shahed-136"),
        ("Mohammad Mokhber", "mohammad-mokhber"),
        ("Kyiv Oblast", "kyiv-oblast"),
        ("Ejército", "ejercito"),
        ("M/41D 120mm", "m-41d-120mm"),
        ("AS-350/H-125", "as-350-h-125"),
        ("Houthi rebels (Yemen)", "houthi-rebels-yemen"),
    ],
)
def test_stable_keys(name: str, key: str) -> None:
    assert ent.slugify(name) == key


@pytest.mark.parametrize("name", ["", "---", "***", "!?", "\u200b"])
def test_a_name_with_no_key_is_an_error_not_a_shared_default(name: str) -> None:
    with pytest.raises(ent.EmptyKey):
        ent.slugify(name)


def test_two_cyrillic_organisations_are_two_nodes() -> None:
    doc = validate_document(
        {
            "id": "cyrillic",
            "published": "2024-01-01",
            "facts": [
                {
                    "subject": "Ростех",
                    "subject_type": "Organization",
                    "predicate": "SUPPLIES",
                    "object": "Калашников",
                    "object_type": "Organization",
                }
            ],
        },
        "cyrillic.json",
    )
    assert sorted(n.key for n in document_batch(doc).nodes) == ["kalasnikov", "rosteh"]


@pytest.mark.parametrize(
    ("fact", "field"),
    [
        ({"subject": "---"}, "facts.0.subject"),
        ({"object": "..."}, "facts.0.object"),
        ({"weapon_systems": ["Shahed-136", "***"]}, "facts.0.weapon_systems"),
    ],
)
def test_a_claims_name_with_no_key_is_refused_naming_the_field(fact: dict[str, object], field: str) -> None:
    base = {
        "subject": "Iran",
        "subject_type": "Country",
        "predicate": "SUPPLIES",
        "object": "Russia",
        "object_type": "Country",
    }
    with pytest.raises(InputError) as e:
        validate_document({"id": "x", "published": "2024-01-01", "facts": [{**base, **fact}]}, "x.json")
    assert field in str(e.value) and "empty key" in str(e.value)
