"""Untrusted XML, read safely: feeds, OPML files and trend pages come from anywhere.

:class:`FeedRefused` is the one error for a document that is not read (too large, too slow,
unsafe, not a feed …). :func:`parse_xml_safely` parses with no DTD at all (so no entity can be
declared: no entity bomb, no external entity); :func:`refuse_entity_declarations` lets a plain
``<!DOCTYPE rss …>`` through (RSS 0.91 has one) and refuses entity declarations.

A small module of its own so that every reader of XML (:mod:`veille.feeds`, :mod:`veille.opml`,
:mod:`veille.trending`) uses it without importing the others.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any
from xml.parsers import expat

__all__ = ["FeedRefused", "parse_xml_safely", "refuse_entity_declarations"]


class FeedRefused(Exception):
    """A feed that is not read, with the reason (too large, too slow, unsafe, not a feed …)."""



class _StopScan(Exception):
    pass


_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)


def refuse_entity_declarations(data: bytes) -> None:
    """Raise :class:`FeedRefused` if the document's DTD declares entities (entity bombs).

    A plain ``<!DOCTYPE rss …>`` (RSS 0.91 has one) is allowed; only entity declarations are
    refused. The scan stops at the root element, so it costs nothing on normal feeds.
    """

    def on_entity(*_args: Any) -> None:
        raise FeedRefused("the document declares XML entities in its DTD (possible entity bomb): refused")

    def on_start(*_args: Any) -> None:
        raise _StopScan

    p = expat.ParserCreate()
    p.EntityDeclHandler = on_entity
    p.StartElementHandler = on_start
    try:
        p.Parse(data, True)
    except _StopScan:
        return
    except expat.ExpatError:
        # Malformed before the root, or an encoding expat does not know: fall back to a plain
        # byte search (ASCII-compatible encodings; UTF-16/32 with their NUL bytes removed).
        text = data.replace(b"\x00", b"") if b"\x00" in data[:1024] else data  # UTF-16/32, BOM or not
        if _ENTITY_DECL.search(text):
            raise FeedRefused("the document declares XML entities (possible entity bomb): refused") from None


def parse_xml_safely(data: bytes) -> ET.Element:
    """Parse untrusted XML into an ElementTree, refusing any DTD (so no entity can be declared).

    Element names are ``{namespace}local`` as in :mod:`xml.etree`. Raises :class:`FeedRefused`
    for a DTD and ``ValueError("line N: …")`` for malformed XML.
    """
    builder = ET.TreeBuilder()

    def qname(name: str) -> str:
        return "{" + name if "}" in name else name

    def on_doctype(*_args: Any) -> None:
        raise FeedRefused("the document carries a DTD (<!DOCTYPE …>): refused for safety")

    def on_entity(*_args: Any) -> None:
        raise FeedRefused("the document declares XML entities: refused for safety")

    p = expat.ParserCreate(namespace_separator="}")
    p.StartDoctypeDeclHandler = on_doctype
    p.EntityDeclHandler = on_entity
    p.StartElementHandler = lambda name, attrs: builder.start(
        qname(name), {qname(k): v for k, v in attrs.items()})
    p.EndElementHandler = lambda name: builder.end(qname(name))
    p.CharacterDataHandler = builder.data
    p.buffer_text = True
    try:
        p.Parse(data, True)
    except expat.ExpatError as exc:
        raise ValueError(f"line {exc.lineno}: not valid XML ({expat.errors.messages[exc.code]})") from exc
    return builder.close()
