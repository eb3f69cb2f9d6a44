"""Documents are judged by their bytes: allowed kinds, size limits, and safe names."""

from __future__ import annotations

import pytest

from corridor_requests.domain.documents import (
    DOCX, JPEG, ODT, PDF, PNG, TEXT, XLSX, check_document, safe_file_name, sniff_media_type,
)
from corridor_requests.domain.errors import DocumentTooLarge, EmptyDocument, UnsupportedDocumentType


@pytest.mark.parametrize(("name", "media_type"), [
    ("pdf", PDF), ("png", PNG), ("jpeg", JPEG), ("docx", DOCX), ("xlsx", XLSX), ("odt", ODT), ("text", TEXT),
])
def test_allowed_kinds_are_recognised_from_their_content(samples, name, media_type) -> None:
    assert sniff_media_type(samples[name]) == media_type
    assert check_document(samples[name], max_bytes=1024 * 1024) == media_type


@pytest.mark.parametrize("name", ["docm", "zip", "odp", "exe", "html-as-text", "gif"])
def test_other_kinds_are_refused_whatever_they_are_called(samples, name) -> None:
    assert sniff_media_type(samples[name]) is None
    with pytest.raises(UnsupportedDocumentType):
        check_document(samples[name], max_bytes=1024 * 1024)


def test_a_pdf_signature_is_needed_at_the_start_not_a_name(samples) -> None:
    assert sniff_media_type(b"\xff\xfe" + samples["pdf"]) is None
    assert sniff_media_type(b"PK\x03\x04 broken zip") is None


def test_size_is_limited_and_empty_files_are_refused(samples) -> None:
    assert check_document(b"x" * 100, max_bytes=100) == TEXT
    with pytest.raises(DocumentTooLarge):
        check_document(b"x" * 101, max_bytes=100)
    with pytest.raises(EmptyDocument):
        check_document(b"", max_bytes=100)


@pytest.mark.parametrize(("given", "kept"), [
    ("Ситуационный план.pdf", "Ситуационный план.pdf"),
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\ivan\\ТУ.docx", "ТУ.docx"),
    ("evil\x00name\r\n.pdf", "evilname.pdf"),
    (".hidden", "hidden"),
    ("", "document"),
    (None, "document"),
    ("я" * 300 + ".pdf", "я" * 255),
])
def test_file_names_lose_directories_and_control_characters(given, kept) -> None:
    assert safe_file_name(given) == kept
