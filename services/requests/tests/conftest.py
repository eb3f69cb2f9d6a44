"""Sample files of every kind the document rules decide on, built in memory."""

from __future__ import annotations

import io
import zipfile

import pytest


def _zip(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(zipfile.ZipInfo(stored_first), entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, content in entries.items():
            if name != stored_first:
                archive.writestr(name, content)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def make_samples() -> dict[str, bytes]:
    return {
        "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "png": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17),
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32) + b"\xff\xd9",
        "docx": _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>"}),
        "xlsx": _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": b"<workbook/>"}),
        "odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"},
                    stored_first="mimetype"),
        "text": "Прошу выдать технические условия на 150 кВт.\r\nТел.: +7 812 000-00-00\n".encode(),
        "docm": _zip({"[Content_Types].xml": CONTENT_TYPES, "word/document.xml": b"<w:document/>",
                      "word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        "zip": _zip({"readme.txt": b"just a zip"}),
        "odp": _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation"}, stored_first="mimetype"),
        "exe": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        "html-as-text": b"<script>alert(1)</script>\x00",
        "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    }


@pytest.fixture(scope="session")
def samples() -> dict[str, bytes]:
    return make_samples()
