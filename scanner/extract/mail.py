"""E-mail (RFC 822 / .eml): headers (metadata), text and HTML bodies, attachments (recursively,
as members with layer "attachment")."""

from __future__ import annotations

from collections.abc import Iterator
from email import policy
from email.parser import BytesParser

from scanner.extract._common import Ctx, Source, read_bytes
from scanner.extract.text import text_blocks
from scanner.model import Segment

_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Sender", "Subject", "Date", "Organization")


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    from scanner.extract import web
    from scanner.extract.archive import extract_member

    ctx.stats.pages += 1
    msg = BytesParser(policy=policy.default).parsebytes(read_bytes(src))
    for name in _HEADERS:
        for value in msg.get_all(name, []) or []:
            value = str(value).strip()
            if value:
                yield Segment(value, {"part": "email_header", "field": name}, "metadata")
    n_att = 0
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        disp = part.get_content_disposition()
        filename = part.get_filename()
        if disp == "attachment" or (filename and disp != "inline") or not ctype.startswith("text/"):
            payload = part.get_payload(decode=True) or b""
            if not payload:
                continue
            n_att += 1
            name = filename or f"attachment{n_att}"
            ctx.stats.uncompressed += len(payload)
            yield from extract_member(payload, name, ctx, layer="attachment")
            continue
        try:
            body = part.get_content()
        except (LookupError, UnicodeError):
            body = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
        if not isinstance(body, str) or not body.strip():
            continue
        if ctype == "text/html":
            for seg in web.extract(body.encode("utf-8"), ctx.child("body.html", "html")):
                yield Segment(
                    seg.text,
                    {**seg.location, "part": seg.location.get("part", "body"), "body": "html"},
                    seg.layer,
                    seg.parts,
                )
            ctx.stats.pages -= 1
        else:
            yield from text_blocks(body, {"part": "body"})
