"""The value types of front-matter fields: text, ids, dates, numbers, quarters and lists, normalised on input.

The validators raise ValueError because that is pydantic's protocol; reading/field_problems.py turns each
into a located problem, so none ever leaves the reading stage.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, Strict

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
NUMBER_BOUND = 10**15
"""The largest magnitude of a number in the files: 100,000 of them still add up exactly enough, far from overflow."""
_BOUND_TEXT = "-1e15 and 1e15"
# Text a number field refuses as out of range rather than as text: what YAML reads as a number, signed or not.
_NUMERIC_TEXT = re.compile(r"[-+]?(?:\.(?:inf|nan)|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?)\Z", re.IGNORECASE)
# C0 and C1 controls, line and paragraph separators, bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {
    0: "NUL",
    7: "BEL",
    8: "backspace",
    9: "tab",
    10: "line break",
    13: "carriage return",
    27: "ESC",
    127: "DEL",
}


def fold(text: str) -> str:
    """Compare-key for names and ids: NFC, trimmed, case-folded, so look-alikes collide."""
    return unicodedata.normalize("NFC", text).strip().casefold()


def describe(value: Any) -> str:
    """Say what a YAML value is, the way an author wrote it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {show_number(value)}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str) and len(value) > 60:
        return f"{value[:40]!r}… ({len(value)} characters)"
    return repr(value)


def show_number(value: int | float | str) -> str:
    """A number as short text: a huge one by its length, never by its digits (str() of a huge int raises)."""
    if isinstance(value, int) and value.bit_length() > 80:
        if value.bit_length() > 14_000:
            return f"a number of about {round(value.bit_length() * math.log10(2))} digits"
        value = str(value)
    if isinstance(value, str):
        unit = "digits" if value.lstrip("+-").isdigit() else "characters"
        return value if len(value) <= 24 else f"{value[:16]}… ({len(value.lstrip('+-'))} {unit})"
    return f"{value:g}" if isinstance(value, float) and abs(value) >= 1e16 else str(value)


def out_of_range(value: int | float | str) -> bool:
    """Whether a number, or text that spells one, is non-finite or beyond NUMBER_BOUND."""
    if isinstance(value, str):
        if not _NUMERIC_TEXT.match(value):
            return False
        if value.lstrip("+-").lower() in (".inf", ".nan"):
            return True
        value = float(value)  # linear in the length, never raises on what the pattern lets through
    if isinstance(value, int):
        return abs(value) > NUMBER_BOUND  # math.isfinite would overflow on a huge int
    return not math.isfinite(value) or abs(value) > NUMBER_BOUND


def bound_error(value: int | float | str) -> ValueError:
    """The one message for a number out of range."""
    return ValueError(f"expected a finite number between {_BOUND_TEXT}, got {show_number(value)}")


def number_hint(value: Any) -> str:
    """Explain why text that looks numeric is not read as a number (YAML 1.1 habits)."""
    if not isinstance(value, str):
        return ""
    if re.fullmatch(r"[-+]?0[0-9]+(\.[0-9]*)?", value):
        return f" (leading zeros are not read as numbers; write {value.lstrip('+-0') or '0'})"
    if re.fullmatch(r"[-+]?0[xXoObB][0-9a-fA-F_]+", value):
        return " (hexadecimal, octal and binary are not read as numbers; write it in decimal)"
    if re.fullmatch(r"[-+]?[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?", value):
        return " (YAML 1.1 would read this as a base-60 number; write the number in decimal)"
    if re.fullmatch(r"[-+]?[0-9]+(\.[0-9]+)?", value):
        return " (a quoted number is text; remove the quotes)"
    if re.fullmatch(r"[-+]?[0-9][0-9_,]*(\.[0-9]+)?", value):
        return " (write the number without separators, e.g. 1200000)"
    return ""


def _text(value: Any, one_line: bool = True) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise ValueError("expected text, got an empty value")
        # isprintable() is False for every character refused, so most text skips the search.
        found = None if value.isprintable() else (_CONTROL if one_line else _CONTROL_IN_BLOCK).search(value)
        if found:
            raise ValueError(_control_message(found.group(), found.start() + 1, one_line))
    return value


def _text_block(value: Any) -> Any:
    return _text(value, one_line=False)


def _control_message(char: str, position: int, one_line: bool) -> str:
    """Name an invisible character and where it is: control characters fool spreadsheets, terminals and readers."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "control character")
    if one_line and char in "\n\t\r\u2028\u2029":
        return f"expected one line of text, got U+{code:04X} ({name}) at position {position}; write it on one line"
    return f"expected text without control characters, got U+{code:04X} ({name}) at position {position}; remove it"


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"expected a date written YYYY-MM-DD, got {describe(value)}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"expected a real calendar date, got {value!r} ({exc})") from None


def _number(value: Any) -> Any:
    if isinstance(value, (int, float, str)) and not isinstance(value, bool) and out_of_range(value):
        raise bound_error(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected a number, got {describe(value)}{number_hint(value)}")


def _whole(value: int) -> int:
    if out_of_range(value):
        raise bound_error(value)
    return value


def _quarter(value: Any) -> int:
    if isinstance(value, str) and value in QUARTERS:
        return int(value[1])
    raise ValueError(f"expected one of {', '.join(QUARTERS)}, got {describe(value)}")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value[:40].lower()).strip("-") or "customer-success"
        raise ValueError(f"expected a lower-case id like '{suggestion}', got {describe(value)}")
    return value


def _one_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# One line: titles, names, owners, units. List items (criteria, tasks, risks) may keep line breaks and tabs.
Text = Annotated[str, AfterValidator(_text)]
TextBlock = Annotated[str, AfterValidator(_text_block)]
Id = Annotated[str, AfterValidator(_slug)]
Day = Annotated[date, BeforeValidator(_date)]
Number = Annotated[
    int | float,
    BeforeValidator(_number),
    Field(json_schema_extra={"minimum": -NUMBER_BOUND, "maximum": NUMBER_BOUND}),
]
Count = Annotated[int, Strict(), AfterValidator(_whole), Field(json_schema_extra={"maximum": NUMBER_BOUND})]
# Written Q1-Q4, held as 1-4, exported as written.
Quarter = Annotated[
    int,
    BeforeValidator(_quarter, json_schema_input_type=Literal["Q1", "Q2", "Q3", "Q4"]),
    PlainSerializer(lambda quarter: f"Q{quarter}", return_type=Literal["Q1", "Q2", "Q3", "Q4"]),
]
# A single value is read as a one-item list; the JSON Schema says so too, so editors agree with the check.
_ONE_OR_LIST = str | list[str]
_ONE_OR_SOME = str | Annotated[list[str], Field(min_length=1)]
TextList = Annotated[tuple[TextBlock, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_LIST)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_LIST)]
SomeText = Annotated[
    tuple[TextBlock, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)
]
SomeIds = Annotated[
    tuple[Id, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)
]
