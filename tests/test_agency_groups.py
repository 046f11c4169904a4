"""One node per agency group, however the plans spell it (ingest.agencies.group_name).

Every group spelling of the gold lead/coordinating lists (tests/gold/*.json) is listed
below by hand, under the group it names and with the scope words that are kept apart.
Judged by reading the cells:
- "sở, ban, ngành" with or without "Các", capitals, the comma before "ngành", "liên quan",
  "có liên quan", "cấp tỉnh", "thuộc UBND tỉnh": one group per province, the scope words are
  the task's business ("the concerned ones") or what the jurisdiction already says.
- "sở, ngành" lists no "ban": kept as its own group, as written (not guessed to be the same).
- "UBND các xã, phường" = "UBND cấp xã" (the communes' committees); "UBND các huyện, thành phố,
  thị xã" = "UBND cấp huyện"; "UBND cấp xã, UBND cấp huyện" = "UBND cấp huyện, cấp xã".
- Words that restrict the set stay in the name: "các đơn vị được kiểm tra", "các cơ quan chủ
  trì CCHC", "các cơ quan, đơn vị áp dụng ISO" are not "các đơn vị" / "các cơ quan".
- A group is scoped to its jurisdiction: Hà Tĩnh's "Các sở, ban, ngành" is not Sơn La's.
"""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from ingest.agencies import group_name, identify, parse_agency
from ingest.models import DocumentMeta

GOLD = Path(__file__).parent / "gold"

# (jurisdiction, canonical name) -> {(gold file, spelling): qualifier kept apart}
GROUPS: dict[tuple[str, str], dict[tuple[str, str], str | None]] = {
    ("Hà Tĩnh", "Các sở, ban, ngành"): {
        ("000", "Các Sở, ban ngành"): None,
        ("000", "Các Sở, ban, ngành"): None,
        ("000", "Các sở, ban ngành"): None,
        ("000", "Sở, ban, ngành"): None,
        ("000", "Các Sở, ban ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "Các sở, ban ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "Các sở, ban, ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "Sở, ban, ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "các Sở, ban ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "Các Sở, ban, ngành có liên quan"): "có liên quan",
        ("000", "Sở, ban, ngành có liên quan"): "có liên quan",
        ("000", "sở, ban ngành có liên quan"): "có liên quan",
        ("000", "Các Sở, ban, ngành liên quan"): "liên quan",
        ("000", "Các sở, ban ngành liên quan"): "liên quan",
        ("000", "các Sở, ban ngành liên quan"): "liên quan",
        ("000", "các sở, ban ngành liên quan"): "liên quan",
        ("002", "Các sở, ban, ngành"): None,
        ("002", "Sở, ban, ngành"): None,
        ("002", "các Sở, ban, ngành"): None,
        ("002", "các sở, ban, ngành"): None,
    },
    ("Sơn La", "Các sở, ban, ngành"): {
        ("003", "Các sở, ban, ngành"): None,
        ("003", "các sở, ban, ngành"): None,
        ("003", "Các sở, ban, ngành thuộc UBND tỉnh"): "thuộc UBND tỉnh",
    },
    ("Hà Tĩnh", "Các sở, ngành"): {
        ("000", "Các sở, ngành cấp tỉnh"): "cấp tỉnh",
        ("000", "sở, ngành có liên quan"): "có liên quan",
        ("002", "Các Sở, ngành có liên quan"): "có liên quan",
    },
    ("Hà Tĩnh", "Các sở, ngành, đơn vị"): {
        ("000", "Các Sở, ngành, đơn vị"): None,
        ("000", "Các sở, ngành, đơn vị"): None,
        ("000", "Các Sở, ngành, đơn vị liên quan"): "liên quan",
        ("000", "Các sở, ngành, đơn vị liên quan"): "liên quan",
    },
    ("Hà Tĩnh", "Các sở, ngành, đơn vị, UBND cấp xã"): {
        ("000", "Các sở, ngành, đơn vị, UBND cấp xã (cơ quan được giao quản lý, sử dụng vốn NSNN)"):
            "cơ quan được giao quản lý, sử dụng vốn NSNN",
    },
    ("Hà Tĩnh", "Các cơ quan"): {
        ("000", "các cơ quan liên quan"): "liên quan",
        ("000", "các cơ quan liên quan khác"): "liên quan khác",
        ("002", "Các cơ quan liên quan"): "liên quan",
        ("002", "các cơ quan liên quan"): "liên quan",
    },
    ("Hà Tĩnh", "Các cơ quan chủ trì CCHC"): {("000", "Các cơ quan chủ trì CCHC của tỉnh"): "của tỉnh"},
    ("Hà Tĩnh", "Các cơ quan chủ trì các lĩnh vực CCHC"): {
        ("000", "Các cơ quan chủ trì các lĩnh vực CCHC tỉnh"): "tỉnh"},
    ("Hà Tĩnh", "Các cơ quan, đơn vị"): {
        ("000", "Các cơ quan, đơn vị"): None,
        ("000", "Cơ quan, đơn vị liên quan"): "liên quan",
        ("000", "các cơ quan, đơn vị liên quan"): "liên quan",
    },
    ("Sơn La", "Các cơ quan, đơn vị"): {
        ("003", "Các cơ quan, đơn vị"): None,
        ("003", "các cơ quan, đơn vị có liên quan"): "có liên quan",
    },
    ("Hoằng Sơn", "Các cơ quan, đơn vị"): {("001", "Các cơ quan, đơn vị có liên quan"): "có liên quan"},
    ("Hà Tĩnh", "Các cơ quan, đơn vị áp dụng ISO"): {("000", "Các cơ quan, đơn vị áp dụng ISO"): None},
    ("Hà Tĩnh", "Các cơ quan, đơn vị áp dụng"): {("000", "Các cơ quan, đơn vị áp dụng"): None},
    ("Hà Tĩnh", "Các cơ quan, đơn vị, địa phương"): {
        ("000", "Các cơ quan, đơn vị, địa phương"): None,
        ("000", "cơ quan, đơn vị, địa phương"): None,
    },
    ("Hà Tĩnh", "Các địa phương"): {("000", "Địa phương"): None, ("000", "địa phương"): None},
    ("Hà Tĩnh", "Các đơn vị"): {("000", "các đơn vị liên quan"): "liên quan"},
    ("Sơn La", "Các đơn vị"): {("003", "Các đơn vị"): None},
    ("Hà Tĩnh", "Các đơn vị được kiểm tra"): {("000", "các đơn vị được kiểm tra"): None},
    ("Hà Tĩnh", "Các đơn vị được lựa chọn thí điểm"): {("002", "Các đơn vị được lựa chọn thí điểm"): None},
    ("Hà Tĩnh", "Các đơn vị sự nghiệp"): {("000", "đơn vị sự nghiệp"): None, ("002", "các đơn vị sự nghiệp"): None},
    ("Hà Tĩnh", "Các đơn vị tư vấn"): {("000", "đơn vị tư vấn"): None},
    ("Hà Tĩnh", "Các tổ chức đào tạo, chứng nhận hệ thống"): {("000", "tổ chức đào tạo, chứng nhận hệ thống"): None},
    ("Hà Tĩnh", "Các trung tâm"): {("000", "Các trung tâm"): None},
    ("Hà Tĩnh", "Các bệnh viện"): {("002", "các Bệnh viện"): None},
    ("Hà Tĩnh", "Các trường"): {("002", "các trường"): None},
    ("Hà Tĩnh", "Các xã, phường"): {("000", "Các xã, phường"): None},
    ("Hà Tĩnh", "Thành viên Đoàn kiểm tra CCHC tỉnh"): {("000", "Thành viên Đoàn kiểm tra CCHC tỉnh"): None},
    ("Hà Tĩnh", "UBND cấp xã"): {
        ("000", "UBND các xã, phường"): None,
        ("000", "UBND cấp xã"): None,
        ("002", "UBND cấp xã"): None,
    },
    ("Sơn La", "UBND cấp xã"): {("003", "UBND các xã, phường"): None, ("003", "UBND cấp xã"): None},
    ("Hà Tĩnh", "UBND cấp huyện"): {
        ("002", "UBND cấp huyện"): None,
        ("002", "UBND các huyện, thành phố, thị xã"): None,
        ("002", "UBND các huyện, thành phố, thị xã chủ trì triển khai đối với các trường THCS, Tiểu học"):
            "chủ trì triển khai đối với các trường THCS, Tiểu học",
    },
    ("Sơn La", "UBND cấp huyện"): {("003", "UBND cấp huyện"): None},
    ("Hà Tĩnh", "UBND cấp huyện, cấp xã"): {
        ("002", "UBND cấp huyện, cấp xã"): None,
        ("002", "UBND cấp xã, UBND cấp huyện đạt chuẩn nông thôn mới"): "đạt chuẩn nông thôn mới",
    },
    ("Sơn La", "Các phòng, ban, đơn vị"): {("003", "Các phòng, ban, đơn vị"): None},
    # the gold cell itself is cut off ("đơn" for "đơn vị"): not a list of generic nouns, kept as written
    ("Sơn La", "Các phòng, ban, đơn"): {("003", "Các phòng, ban, đơn"): None},
    ("Hoằng Sơn", "Các phòng, trung tâm, đơn vị"): {
        ("001", "Các phòng, Trung tâm, đơn vị"): None,
        ("001", "Các phòng, đơn vị, trung tâm"): None,
        ("001", "các phòng, đơn vị, trung tâm"): None,
    },
    ("Sơn La", "Các công chức, viên chức"): {("003", "Công chức, viên chức có liên quan"): "có liên quan"},
}
EXPECTED = {spelling: (place, name, qualifier) for (place, name), spellings in GROUPS.items()
            for spelling, qualifier in spellings.items()}


def _metas() -> dict[str, DocumentMeta]:
    out = {}
    for path in sorted(GOLD.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))["document"]
        out[path.stem[:3]] = DocumentMeta(**{k: v for k, v in doc.items() if k in DocumentMeta.model_fields})
    return out


METAS = _metas()


def _gold_group_spellings() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(GOLD.glob("*.json")):
        meta = METAS[path.stem[:3]]
        for row in json.loads(path.read_text(encoding="utf-8"))["table_tasks"]:
            for written in row.get("lead", []) + row.get("coordinating", []):
                if parse_agency(written, meta).kind == "group":
                    found.add((path.stem[:3], written))
    return found


def test_every_group_spelling_of_the_gold_files_is_listed_by_hand():
    assert _gold_group_spellings() == set(EXPECTED)


@pytest.mark.parametrize("spelling", sorted(EXPECTED), ids=lambda s: f"{s[0]}:{s[1]}")
def test_group_name_and_scope(spelling):
    source, written = spelling
    place, name, qualifier = EXPECTED[spelling]
    agency = parse_agency(written, METAS[source])
    assert (agency.kind, agency.jurisdiction, agency.name, agency.qualifier) == ("group", place, name, qualifier)
    assert agency.text == written             # the spelling itself is kept (the graph's altLabel)


def test_spellings_of_one_group_share_one_key_and_groups_do_not():
    keys = defaultdict(set)
    for (source, written), (place, name, _) in EXPECTED.items():
        keys[place, name].add(identify(parse_agency(written, METAS[source]), METAS[source]).key)
    assert all(len(k) == 1 for k in keys.values()), {g: k for g, k in keys.items() if len(k) > 1}
    assert len({next(iter(k)) for k in keys.values()}) == len(GROUPS)


def test_group_name_rules():
    assert group_name("Các Sở, ban ngành liên quan") == ("Các sở, ban, ngành", "liên quan")
    assert group_name("UBND các xã, phường, thị trấn") == ("UBND cấp xã", None)
    assert group_name("Các cơ quan, đơn vị trên địa bàn tỉnh") == ("Các cơ quan, đơn vị", "trên địa bàn tỉnh")
    assert group_name("Các sở, ban, ngành tỉnh Hà Tĩnh") == ("Các sở, ban, ngành", "tỉnh Hà Tĩnh")
    # another province's departments are no scope of this one; a restriction stays in the name
    assert group_name("Các sở, ngành tỉnh khác") == ("Các sở, ngành tỉnh khác", None)
    # in a commune plan, the commune's own "cấp xã" is its scope
    assert group_name("Các phòng, đơn vị cấp xã", "commune") == ("Các phòng, đơn vị", "cấp xã")
    assert group_name("Các sở, ban, ngành UBND tỉnh") == ("Các sở, ban, ngành", "UBND tỉnh")
    # not a list of generic nouns: a proper name, a cut-off word, text of another cell
    for name in ("Sở Nội vụ", "Sở Y tế", "Sở, ban, Sở Khoa học và Công nghệ hoàn", "Các cơ quan, đơn vị, địa",
                 "Các đơn vị Theo hướng dẫn của Sở Tài chính", "Các cơ quan Trung ương", "Thành viên Đoàn"):
        assert group_name(name) is None, name
