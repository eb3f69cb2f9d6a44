"""What a document may be: its real type sniffed from its bytes, its size, a safe file name.

Why: the client's Content-Type and file extension are claims, and documents travel on to officials and
supplier systems, so the type is decided from the content against a short allow-list. Explicit
signatures plus a look inside ZIP containers (stdlib `zipfile`) are used rather than a sniffing
library: the list is eight types, the rules stay auditable, ZIP-based office files are told apart by
their parts rather than by guessing from the first bytes, and macro-enabled files can be refused.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from .errors import DocumentTooLarge, EmptyDocument, UnsupportedDocumentType

PDF, PNG, JPEG, TEXT = "application/pdf", "image/png", "image/jpeg", "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ALLOWED_TYPES = (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS, TEXT)

_SIGNATURES = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
_ZIP = b"PK\x03\x04"
_OOXML_MAIN_PART = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
_ODF_TYPES = {ODT, ODS}
# Text: printable characters and ordinary whitespace only; a NUL or an escape code means a binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_media_type(content: bytes) -> str | None:
    """The allowed media type the bytes really are, or None."""
    for signature, media_type in _SIGNATURES:
        if content.startswith(signature):
            return media_type
    if content.startswith(_ZIP):
        return _sniff_zip(content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return TEXT if not _CONTROL.search(text) else None


def _sniff_zip(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return declared if declared in _ODF_TYPES else None
            if "[Content_Types].xml" not in names or any(name.endswith("vbaProject.bin") for name in names):
                return None  # a plain ZIP, or an Office file carrying macros
            found = {media_type for part, media_type in _OOXML_MAIN_PART.items() if part in names}
            return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        return None


def check_document(content: bytes, *, max_bytes: int) -> str:
    """The sniffed media type if the document may be stored; else a DocumentRejected error."""
    if not content:
        raise EmptyDocument("the file has no content")
    if len(content) > max_bytes:
        raise DocumentTooLarge(f"the file is larger than {max_bytes} bytes", max_bytes=max_bytes)
    media_type = sniff_media_type(content)
    if media_type is None:
        raise UnsupportedDocumentType(
            "accepted: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS and UTF-8 text (decided from the content, "
            "not the name); macro-enabled office files are refused", allowed=list(ALLOWED_TYPES))
    return media_type


def safe_file_name(name: str | None) -> str:
    """A display name without directories or control characters, at most 255 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.strip().lstrip(".") or "document"
    return cleaned[:255]
