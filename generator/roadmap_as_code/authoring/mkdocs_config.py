"""Add the plugin to an existing mkdocs.yml by inserting one line, so its comments, tags and layout stay.

The file is parsed only to find where `plugins` is (PyYAML's composer: nodes with their positions,
no values constructed, so MkDocs' `!ENV`, `!relative` and `!!python/name:` tags need no constructor),
then the text is edited at that position. Re-dumping the parsed file would drop every comment and
turn the tags into errors.
"""

from __future__ import annotations

import yaml

from ..errors import UsageError
from ..reading.locating import PLUGIN

_BY_HAND = f"add `- {PLUGIN}` under `plugins:` by hand"


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise UsageError(f"mkdocs.yml:{line}: expected valid YAML, got {exc.problem}; fix it and run again") from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise UsageError(f"mkdocs.yml: expected valid YAML, got {type(exc).__name__}; fix it and run again") from None


def _plugins(root: yaml.Node | None) -> tuple[yaml.Node, yaml.Node] | None:
    """The `plugins` key and value nodes of the top-level mapping, if it has one."""
    if not isinstance(root, yaml.MappingNode):
        raise UsageError(f"mkdocs.yml: expected a mapping of settings, got {'nothing' if root is None else 'a list'}")
    return next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "plugins"), None)


def _names(value: yaml.Node) -> list[str]:
    """The plugin names a `plugins` list or mapping holds."""
    if isinstance(value, yaml.MappingNode):
        return [str(k.value) for k, _ in value.value]
    if isinstance(value, yaml.SequenceNode):
        names = []
        for item in value.value:
            if isinstance(item, yaml.ScalarNode):
                names.append(str(item.value))
            elif isinstance(item, yaml.MappingNode):
                names += [str(k.value) for k, _ in item.value]
        return names
    return []


def _line_after(text: str, index: int) -> int:
    """The start of the line after the last line with content up to index (the end of a node).

    A block collection ends where the next key starts, after any blank or comment lines between them;
    those stay below the inserted line.
    """
    while index > 0 and text[index - 1] == "\n":
        start = text.rfind("\n", 0, index - 1) + 1
        line = text[start : index - 1].strip()
        if line and not line.startswith("#"):
            return index
        index = start
    found = text.find("\n", index)
    return len(text) if found < 0 else found + 1


def _insert_line(text: str, at: int, line: str, newline: str) -> str:
    prefix = text[:at] if at == 0 or text[at - 1] == "\n" else text[:at] + newline
    return prefix + line + newline + text[at:]


def _added(text: str, value: yaml.CollectionNode, newline: str) -> str:
    """The text with the plugin added to a block or flow `plugins` list or mapping."""
    items = value.value
    entry = PLUGIN if isinstance(value, yaml.SequenceNode) else f"{PLUGIN}: {{}}"
    if value.flow_style:
        close = value.end_mark.index - 1
        if text[close : close + 1] not in ("]", "}"):
            raise UsageError(f"mkdocs.yml: cannot read where `plugins` ends; {_BY_HAND}")
        return text[:close] + (", " if items else "") + entry + text[close:]
    if isinstance(value, yaml.SequenceNode):
        indent = " " * value.start_mark.column + "- "
        last = items[-1]
    elif isinstance(value, yaml.MappingNode) and items:
        indent = " " * items[0][0].start_mark.column
        last = items[-1][1]
    else:
        raise UsageError(f"mkdocs.yml: expected `plugins` to be a list, got something else; {_BY_HAND}")
    return _insert_line(text, _line_after(text, last.end_mark.index), indent + entry, newline)


def with_plugin(text: str) -> str | None:
    """mkdocs.yml's text with the plugin added, or None when it already uses it."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    found = _plugins(_compose(body))
    if found is None:
        # Without a `plugins` key MkDocs runs `search`; naming plugins replaces that default, so keep it.
        tail = "" if not body or body.endswith(("\n", "\r")) else newline
        added = body + tail + newline.join(["plugins:", "  - search", f"  - {PLUGIN}", ""])
    elif PLUGIN in _names(found[1]):
        return None
    elif isinstance(found[1], yaml.CollectionNode):
        added = _added(body, found[1], newline)
    else:
        raise UsageError(f"mkdocs.yml:{found[1].start_mark.line + 1}: expected `plugins` to be a list; {_BY_HAND}")
    after = _plugins(_compose(added))
    if after is None or PLUGIN not in _names(after[1]):
        raise UsageError(f"mkdocs.yml: the plugin could not be added safely; {_BY_HAND}")
    return bom + added
