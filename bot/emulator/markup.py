"""Telegram's HTML parse mode, checked the way the real server checks it: unknown tags, unbalanced tags
and stray '&' are a 400 "can't parse entities". The result is what a client receives: the plain text and
its entities (bold, links…), with offsets and lengths in UTF-16 code units as in the Bot API.

Like Telegram, the emulator also finds links and /commands in plain text (`detect_entities`)."""

import re
from html.parser import HTMLParser
from typing import Any

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}  # fmt: skip
ENTITY_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "code": "code", "pre": "pre",
    "tg-spoiler": "spoiler", "span": "spoiler", "blockquote": "blockquote", "tg-emoji": "custom_emoji",
}  # fmt: skip
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?>")
# What Telegram turns into a link by itself: http(s)://…, t.me/…, www.…; trailing punctuation is not part of it.
_URL_RE = re.compile(r"(?:\bhttps?://|\bt\.me/|\bwww\.)[^\s<>\"«»]+", re.IGNORECASE)
_URL_TAIL = ".,;:!?)]}'"
_COMMAND_RE = re.compile(r"(?<![\w/@])/[a-zA-Z][a-zA-Z0-9_]{0,31}(?:@[a-zA-Z0-9_]{3,32})?(?![\w/])")

Entity = dict[str, Any]


class EntityError(ValueError):
    pass


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.position = 0  # in UTF-16 code units
        self.stack: list[tuple[str, int, Entity | None]] = []
        self.entities: list[Entity] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise EntityError(f'Unsupported start tag "{tag}"')
        values = dict(attrs)
        entity: Entity | None = {"type": ENTITY_TYPES.get(tag, tag)}
        if tag == "a":
            href = (values.get("href") or "").strip()
            entity = {"type": "text_link", "url": href} if href else None
        elif tag == "span" and values.get("class") != "tg-spoiler":
            entity = None
        elif tag == "blockquote" and "expandable" in values:
            entity = {"type": "expandable_blockquote"}
        elif tag == "tg-emoji":
            entity = {"type": "custom_emoji", "custom_emoji_id": values.get("emoji-id") or ""}
        elif tag == "code" and self.stack and self.stack[-1][0] == "pre":
            # <pre><code class="language-python"> is one pre entity with a language
            outer = self.stack[-1][2]
            language = (values.get("class") or "").removeprefix("language-")
            if outer is not None and language:
                outer["language"] = language
            entity = None
        self.stack.append((tag, self.position, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            raise EntityError(f'Unmatched end tag "{tag}"')
        _, start, entity = self.stack.pop()
        if entity is not None and self.position > start:
            self.entities.append({**entity, "offset": start, "length": self.position - start})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.position += utf16_len(data)


def _sorted(entities: list[Entity]) -> list[Entity]:
    """Telegram's order: by offset, an enclosing entity before the ones inside it."""
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def parse_html(text: str) -> tuple[str, list[Entity]]:
    """The plain text a client displays and the entities of `text` sent with parse_mode=HTML."""
    for index, char in enumerate(text):
        if char == "&" and not _ENTITY_RE.match(text, index):
            raise EntityError(f"Can't find end of the entity starting at byte offset {index}")
    for index, char in enumerate(text):
        if char == "<" and not _TAG_RE.match(text, index):
            raise EntityError(f"Unexpected character '<' at byte offset {index}")
    parser = _Parser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{parser.stack[-1][0]}"')
    return "".join(parser.parts), _sorted(parser.entities)


def html_to_plain(text: str) -> str:
    return parse_html(text)[0]


def detect_entities(text: str, entities: list[Entity] | None = None) -> list[Entity]:
    """`entities` plus the links and /commands Telegram finds in plain text by itself. Nothing is found
    inside code, pre or a link, nor where it would cut across an entity."""
    known = list(entities or [])
    found: list[Entity] = []
    for kind, pattern in (("url", _URL_RE), ("bot_command", _COMMAND_RE)):
        for match in pattern.finditer(text):
            value = match.group(0).rstrip(_URL_TAIL) if kind == "url" else match.group(0)
            start = utf16_len(text[: match.start()])
            end = start + utf16_len(value)
            if not _fits(start, end, known + found):
                continue
            found.append({"type": kind, "offset": start, "length": end - start})
    return _sorted(known + found)


def _fits(start: int, end: int, entities: list[Entity]) -> bool:
    for entity in entities:
        e_start, e_end = entity["offset"], entity["offset"] + entity["length"]
        if end <= e_start or start >= e_end:
            continue  # apart
        if entity["type"] in {"code", "pre", "text_link", "url", "bot_command", "custom_emoji"}:
            return False
        if not (e_start <= start and end <= e_end):
            return False  # would cut across a bold or italic piece
    return True
