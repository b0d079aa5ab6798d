"""Files on messages through the services, on both backends: stored, read back, refused."""

import pytest

from omnidesk.core.attachments import MAX_FILE_BYTES, MAX_TOTAL_BYTES, ReplyAttachment
from omnidesk.core.enums import Channel, Direction, IdentityKind, ReplyMode
from omnidesk.core.errors import InvalidInput, NotFound
from omnidesk.core.ids import AttachmentId
from omnidesk.services.attachments import attachment_bytes, attachment_file, raw_source
from omnidesk.services.cases import Incoming, case_detail, open_case, write_on_case
from omnidesk.store.messages import NewAttachment

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8


def test_inbound_attachment_reads_back_exactly(db, anna):
    number = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kim@example.net",
            customer_name="Kim",
            subject="Photo",
            text="See the photo.",
            raw=b"From: kim@example.net\r\n\r\nSee the photo.\r\n",
            attachments=(NewAttachment("router.png", "image/png", PHOTO, content_id="p@kim"),),
        ),
    )
    message = case_detail(db, number).messages[0]
    (attachment,) = message.attachments

    stored = attachment_file(db, attachment.id)
    assert stored.data == PHOTO
    assert (stored.filename, stored.content_type) == ("router.png", "image/png")
    assert attachment_bytes(db, [attachment.id, AttachmentId(999_999)]) == {attachment.id: PHOTO}
    assert raw_source(db, message.id).startswith(b"From: kim@example.net")


def test_missing_attachment_and_source_are_not_found(db, anna, case_number):
    with pytest.raises(NotFound, match="attachment 999999 no longer exists"):
        attachment_file(db, AttachmentId(999_999))
    note = write_on_case(db, case_number, agent=anna, text="Checked.", mode=ReplyMode.NOTE)
    with pytest.raises(NotFound, match="no stored mail source"):
        raw_source(db, note)


def test_a_note_keeps_its_files(db, anna, case_number):
    write_on_case(
        db,
        case_number,
        agent=anna,
        text="Screenshot of the billing page.",
        mode=ReplyMode.NOTE,
        attachments=[ReplyAttachment("billing.png", "image/png", PHOTO)],
    )
    note = case_detail(db, case_number).messages[-1]
    assert note.direction is Direction.INTERNAL
    (attachment,) = note.attachments
    assert attachment_file(db, attachment.id).data == PHOTO


def test_a_chat_reply_with_files_is_refused_and_nothing_changes(db, anna):
    number = open_case(
        db,
        Incoming(
            channel=Channel.CHAT,
            identity_kind=IdentityKind.CHAT,
            identity_value="visitor-1",
            customer_name="Visitor",
            subject="Chat",
            text="Can you send me the manual?",
        ),
    )
    with pytest.raises(InvalidInput, match="files cannot be sent in a chat"):
        write_on_case(
            db,
            number,
            agent=anna,
            text="Here it is.",
            mode=ReplyMode.REPLY,
            attachments=[ReplyAttachment("manual.pdf", "application/pdf", b"%PDF-1.4")],
        )
    detail = case_detail(db, number)
    assert len(detail.messages) == 1
    assert detail.owner is None  # the refused reply did not take the case either


def test_files_too_large_are_refused_before_anything_is_stored(db, anna, case_number):
    big = ReplyAttachment("video.mp4", "video/mp4", bytes(MAX_FILE_BYTES + 1))
    with pytest.raises(InvalidInput, match=r"video\.mp4 is too large to send"):
        write_on_case(
            db, case_number, agent=anna, text="Anbei.", mode=ReplyMode.REPLY, attachments=[big]
        )
    half = MAX_TOTAL_BYTES // 2 + 1
    pair = [
        ReplyAttachment(f"part{i}.bin", "application/octet-stream", bytes(half)) for i in (1, 2)
    ]
    with pytest.raises(InvalidInput, match="too large together"):
        write_on_case(
            db, case_number, agent=anna, text="Anbei.", mode=ReplyMode.REPLY, attachments=pair
        )
    assert len(case_detail(db, case_number).messages) == 1
