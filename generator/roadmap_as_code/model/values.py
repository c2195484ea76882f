"""The value types of front-matter fields: text, ids, dates, numbers, quarters and lists, normalised on input.

The validators raise ValueError because that is pydantic's protocol; reading/field_problems.py turns each
into a located problem, so none ever leaves the reading stage.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
QUARTERS = ("Q1", "Q2", "Q3", "Q4")


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
        return f"the number {value}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


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


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = unicodedata.normalize("NFC", value).strip()
        if not value:
            raise ValueError("expected text, got an empty value")
    return value


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
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"expected a number, got {describe(value)}{number_hint(value)}")


def _quarter(value: Any) -> int:
    if isinstance(value, str) and value in QUARTERS:
        return int(value[1])
    raise ValueError(f"expected one of {', '.join(QUARTERS)}, got {describe(value)}")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "customer-success"
        raise ValueError(f"expected a lower-case id like '{suggestion}', got {value!r}")
    return value


def _one_or_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Text = Annotated[str, AfterValidator(_text)]
Id = Annotated[str, AfterValidator(_slug)]
Day = Annotated[date, BeforeValidator(_date)]
Number = Annotated[int | float, BeforeValidator(_number)]
# Written Q1-Q4, held as 1-4, exported as written.
Quarter = Annotated[
    int,
    BeforeValidator(_quarter, json_schema_input_type=Literal["Q1", "Q2", "Q3", "Q4"]),
    PlainSerializer(lambda quarter: f"Q{quarter}", return_type=Literal["Q1", "Q2", "Q3", "Q4"]),
]
# A single value is read as a one-item list; the JSON Schema says so too, so editors agree with the check.
_ONE_OR_LIST = str | list[str]
_ONE_OR_SOME = str | Annotated[list[str], Field(min_length=1)]
TextList = Annotated[tuple[Text, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_LIST)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_LIST)]
SomeText = Annotated[
    tuple[Text, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)
]
SomeIds = Annotated[
    tuple[Id, ...], BeforeValidator(_one_or_list, json_schema_input_type=_ONE_OR_SOME), Field(min_length=1)
]
