"""Documents: judged by content, limited in size, stored by hash, and served only to the request's parties."""

from __future__ import annotations

import hashlib

import pytest

from corridor_requests.adapters import tables

PROBLEM = "urn:green-corridor:problem:"


LIMIT = 4096


@pytest.fixture
def service_settings(service_settings):
    """A small size limit, so the tests can cross it cheaply."""
    return service_settings.model_copy(update={"max_document_bytes": LIMIT})


async def test_a_document_at_the_limit_is_taken_and_one_byte_more_is_413(service, cast) -> None:
    assert (await service.upload(cast.investor, b"a" * LIMIT, "limit.txt"))["size_bytes"] == LIMIT
    before = await service.snapshot()
    over = await service.client.post("/documents", headers=service.auth(cast.investor),
                                     files={"file": ("over.txt", b"a" * (LIMIT + 1))})
    assert over.status_code == 413 and over.json()["type"] == PROBLEM + "document-too-large"
    # Far over the limit, the declared length alone refuses it before the body is parsed.
    huge = await service.client.post("/documents", headers=service.auth(cast.investor),
                                     files={"file": ("huge.txt", b"a" * (LIMIT + 128 * 1024))})
    assert huge.status_code == 413 and huge.json()["max_bytes"] == LIMIT
    assert await service.snapshot() == before


async def test_the_type_is_sniffed_from_the_bytes_not_taken_from_the_client(service, cast, samples) -> None:
    pdf = await service.upload(cast.investor, samples["pdf"], "scan.exe", content_type="application/x-msdownload")
    assert pdf["content_type"] == "application/pdf" and pdf["file_name"] == "scan.exe"
    assert pdf["sha256"] == hashlib.sha256(samples["pdf"]).hexdigest() and pdf["size_bytes"] == len(samples["pdf"])
    for name, expected in [("docx", "wordprocessingml"), ("xlsx", "spreadsheetml"), ("odt", "opendocument.text"),
                           ("jpeg", "image/jpeg"), ("text", "text/plain")]:
        assert expected in (await service.upload(cast.investor, samples[name], f"file.{name}"))["content_type"]
    before = await service.snapshot()
    for name in ("exe", "docm", "zip", "gif"):
        refused = await service.client.post("/documents", headers=service.auth(cast.investor),
                                            files={"file": ("договор.pdf", samples[name], "application/pdf")})
        assert refused.status_code == 415 and refused.json()["type"] == PROBLEM + "unsupported-document-type"
    assert await service.snapshot() == before


async def test_the_same_content_is_stored_once_under_its_hash(service, cast, samples, tmp_path) -> None:
    first = await service.upload(cast.investor, samples["pdf"], "a.pdf")
    second = await service.upload(cast.investor, samples["pdf"], "b.pdf")
    assert first["document_id"] != second["document_id"] and first["sha256"] == second["sha256"]
    blobs = [p for p in (tmp_path / "requests-documents").rglob("*") if p.is_file()]
    assert [p.name for p in blobs] == [first["sha256"]] and blobs[0].read_bytes() == samples["pdf"]


async def test_uploads_without_a_file_a_length_or_a_token_or_with_a_bad_kind_are_refused(service, cast,
                                                                                          samples) -> None:
    before = await service.snapshot()
    headers = service.auth(cast.investor)
    missing = await service.client.post("/documents", headers=headers, data={"kind": "site-plan"},
                                        files={"other": ("x.pdf", samples["pdf"])})
    assert missing.status_code == 422 and missing.json()["errors"][0]["loc"] == ["body", "file"]
    bad_kind = await service.client.post("/documents", headers=headers, data={"kind": "План участка"},
                                         files={"file": ("x.pdf", samples["pdf"])})
    assert bad_kind.status_code == 422 and bad_kind.json()["type"] == PROBLEM + "validation-error"
    empty = await service.client.post("/documents", headers=headers, files={"file": ("x.pdf", b"")})
    assert empty.status_code == 422 and empty.json()["type"] == PROBLEM + "empty-document"
    anonymous = await service.client.post("/documents", files={"file": ("x.pdf", samples["pdf"])})
    assert anonymous.status_code == 401
    not_multipart = await service.client.post("/documents", headers=headers, json={"file": "JVBERi0="})
    assert not_multipart.status_code == 422

    async def chunks():
        yield b"--b\r\nContent-Disposition: form-data; name=file; filename=x.pdf\r\n\r\n"
        yield samples["pdf"] + b"\r\n--b--"

    unmeasured = await service.client.post("/documents", content=chunks(), headers={
        **headers, "Content-Type": "multipart/form-data; boundary=b"})
    assert unmeasured.status_code == 411 and unmeasured.json()["type"] == PROBLEM + "length-required"
    assert await service.snapshot() == before


async def test_download_is_for_the_investor_the_recipient_and_the_manager_only(service, cast, samples) -> None:
    request = await service.file(cast, samples)
    document_id = (await service.detail(cast.investor, request["request_id"]))["history"][0]["documents"][0][
        "document_id"]
    for person in (cast.investor, cast.official, cast.manager):
        response = await service.client.get(f"/documents/{document_id}/content", headers=service.auth(person))
        assert response.status_code == 200 and response.content == samples["pdf"]
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''title-document.pdf"
    for person in (cast.other_investor, cast.other_official, cast.other_manager, cast.supplier_system,
                   cast.agency_head):
        for path in (f"/documents/{document_id}", f"/documents/{document_id}/content"):
            response = await service.client.get(path, headers=service.auth(person))
            assert response.status_code == 404 and response.json()["type"] == PROBLEM + "not-found"
    # After a redirect the new recipient reads it and the previous one no longer does.
    await service.step(cast.official, request["request_id"], "redirect", {
        "organization_id": str(cast.other_municipality.organization_id), "reason": "не наш район"})
    assert (await service.client.get(f"/documents/{document_id}/content",
                                     headers=service.auth(cast.other_official))).status_code == 200
    assert (await service.client.get(f"/documents/{document_id}/content",
                                     headers=service.auth(cast.official))).status_code == 404


async def test_an_unattached_document_is_visible_to_its_uploaders_organisation_only(service, cast, samples) -> None:
    draft = await service.upload(cast.investor, samples["text"], "черновик.txt")
    mine = await service.client.get(f"/documents/{draft['document_id']}",
                                    headers=service.auth(cast.colleague(cast.investor)))
    assert mine.status_code == 200 and mine.json()["content_type"] == "text/plain"
    theirs = await service.client.get(f"/documents/{draft['document_id']}", headers=service.auth(cast.other_investor))
    assert theirs.status_code == 404
    # Nor can another organisation attach it to a request of its own.
    their_project = await service.accept_project(cast, cast.other_investor_org, cast.manager)
    stolen = await service.client.post("/requests", headers=service.auth(cast.other_investor), json={
        "project_id": str(their_project), "request_type_code": "general-question", "subject": "?",
        "document_ids": [draft["document_id"]]})
    assert stolen.status_code == 422 and stolen.json()["type"] == PROBLEM + "unusable-documents"
    assert stolen.json()["documents"] == [draft["document_id"]]
    assert await service.count(tables.requests) == 0
