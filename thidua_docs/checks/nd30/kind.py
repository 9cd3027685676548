"""Rule families of the document's kind: a kind the checker can tell, and the rules of one kind
(a quyết định's "QUYẾT ĐỊNH:", Điều and Căn cứ lines; a biên bản's closing sentence)."""

from __future__ import annotations

from thidua_docs.checks.nd30.common import check_format
from thidua_docs.checks.nd30.layout import Layout
from thidua_docs.checks.nd30.violation import END, Entry
from thidua_docs.checks.nd30.words import DIEU


def document_kind(layout: Layout) -> list[Entry]:
    """Without a requested kind, the text must name one (its tên loại, or "V/v …")."""
    if layout.kind is not None:
        return []
    return [
        layout.violation(
            "văn bản",
            "Loại văn bản",
            "không nhận ra tên loại văn bản hoặc dòng trích yếu “V/v”",
            "tên loại (KẾ HOẠCH, QUYẾT ĐỊNH…) hoặc dòng “V/v …” của công văn",
        )
    ]


def kind_rules(layout: Layout) -> list[Entry]:
    """What only a quyết định or a biên bản has."""
    if layout.kind == "quyet_dinh":
        return _decision(layout)
    if layout.kind == "bien_ban" and not any(
        p.key.startswith("Cuộc họp kết thúc") for p in layout.body
    ):
        return [
            layout.violation(
                "văn bản",
                "Kết thúc biên bản",
                "không có câu “Cuộc họp kết thúc vào …”",
                "“Cuộc họp kết thúc vào … giờ …, ngày … tháng … năm …./.”",
            )
        ]
    return []


def _decision(layout: Layout) -> list[Entry]:
    """ "QUYẾT ĐỊNH:" bold centred before Điều 1; the Căn cứ lines italic, ";" then "."."""
    out: list[Entry] = []
    body = layout.body
    decide = next((p for p in body if p.key.replace(" :", ":") == "QUYẾT ĐỊNH:"), None)
    if decide is None:
        out.append(
            layout.violation(
                "văn bản",
                "Quyết định",
                "không có dòng “QUYẾT ĐỊNH:” trước Điều 1",
                "“QUYẾT ĐỊNH:” đậm, căn giữa",
            )
        )
    else:
        out += check_format(
            layout, layout.whole(decide), "Quyết định", None, True, None, center=True
        )
    if not any(DIEU.match(p.key) for p in body):
        out.append(
            layout.violation(
                "văn bản",
                "Điều",
                "quyết định không có “Điều 1.”",
                "nội dung chia thành Điều 1., Điều 2., …",
            )
        )
    limit = decide.index if decide is not None else END
    preamble = [p for p in body if p.index < limit and p.key.startswith(("Căn cứ", "Theo đề nghị"))]
    for position, para in enumerate(preamble):
        out += check_format(layout, layout.whole(para), "Căn cứ", None, None, True)
        end = para.key[-1]
        if position == len(preamble) - 1 and end != ".":
            out.append(
                layout.violation(
                    para,
                    "Căn cứ",
                    f'dòng cuối kết thúc bằng "{end}"',
                    'dòng căn cứ cuối kết thúc bằng "."',
                )
            )
        elif position < len(preamble) - 1 and end != ";":
            out.append(
                layout.violation(
                    para,
                    "Căn cứ",
                    f'dòng kết thúc bằng "{end}"',
                    'mỗi dòng căn cứ kết thúc bằng ";"',
                )
            )
    return out
