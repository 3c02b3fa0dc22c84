"""Text files: UTF-8 (with or without BOM) is read; text typed with the legacy Vietnamese
encodings (TCVN3/ABC with .Vn fonts, VNI with VNI- fonts), common in older state
documents, is recognised and refused with a message saying how to convert it, since a
wrong guess would change words silently."""

from __future__ import annotations

import re

TCVN3_SIGNS = frozenset(chr(c) for c in range(0xA1, 0xC0))  # µ ¸ · ¶ ¹ ª « ¬ ® §: TCVN3 letters
VNI_LETTERS = frozenset("äåëöøûïñüÿ÷")
LEGACY_SHARE = 0.05  # this share of words with such letters is not Vietnamese Unicode
WORDS = re.compile(r"\S+")


class LegacyEncoding(Exception):
    """The text is not Unicode; the message says what to do (Vietnamese)."""


def decode_text(data: bytes, name: str) -> str:
    """The text of a .txt/.md original, or LegacyEncoding with a message."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        kind = legacy_kind(text)
        if kind:
            raise _refusal(name, kind) from None
        raise LegacyEncoding(
            f"{name}: tệp không phải văn bản UTF-8 — mở bằng trình soạn thảo, lưu lại với "
            "bảng mã UTF-8 rồi nhập lại"
        ) from None
    kind = legacy_kind(text)
    if kind:
        raise _refusal(name, kind)
    return text


def legacy_kind(text: str) -> str:
    """ "TCVN3" or "VNI" when the text's letters are those of a legacy encoding."""
    words = WORDS.findall(text)
    if len(words) < 20:
        return ""
    tcvn = sum(any(c in TCVN3_SIGNS for c in w) for w in words)
    if tcvn / len(words) >= LEGACY_SHARE:
        return "TCVN3"
    vni = sum(any(c in VNI_LETTERS for c in w) for w in words)
    return "VNI" if vni / len(words) >= LEGACY_SHARE else ""


def _refusal(name: str, kind: str) -> LegacyEncoding:
    return LegacyEncoding(
        f"{name}: văn bản gõ bằng bảng mã cũ {kind}, không phải Unicode — mở bằng Unikey "
        f"(Công cụ chuyển mã: nguồn {kind}, đích Unicode), lưu lại dạng UTF-8 rồi nhập "
        "lại; không nhập bản lỗi phông vì chữ sẽ sai"
    )
