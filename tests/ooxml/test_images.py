"""ooxml.images: the emblem replaces only the picture named for it, in its box."""

from __future__ import annotations

from thidua_docs.ooxml.images import Picture, picture, replace_picture

from ..helpers import TEMPLATES

PICTURE = Picture(b"\x89PNG\r\n\x1a\nx", "png", "image/png", 2, 1)


def test_a_package_without_the_named_picture_is_returned_as_it_is() -> None:
    data = (TEMPLATES / "to_trinh.docx").read_bytes()
    assert replace_picture(data, "bieu_trung", PICTURE) is data
    certificate = (TEMPLATES / "bang_khen.docx").read_bytes()
    assert replace_picture(certificate, "khong_co", PICTURE) is certificate


def test_what_is_not_an_image_is_no_picture() -> None:
    assert picture(b"khong phai anh, chi la chu") is None
    assert picture(b"") is None
