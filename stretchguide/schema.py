"""The JSON Schemas of the content, and their verdicts in a contributor's words."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .characters import quoted, shown
from .names import slugify
from .suggestions import suggestion
from .yaml_mistakes import COLON_IN_TEXT
from .yamlstrict import Ambiguous, Path

if TYPE_CHECKING:  # jsonschema is imported when something is validated: a warm build from the cache never does
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = ("exercise.schema.json", "series.schema.json", "figure.schema.json", "image.schema.json")
_GUESS = re.compile(r"^unknown field; did you mean '([^']+)'\?$")


def schema_text(name: str) -> str:
    return resources.files("stretchguide").joinpath("schemas", name).read_text(encoding="utf-8")


@cache
def schema(name: str) -> dict:
    return json.loads(schema_text(name))


@cache
def _whole_numbers() -> type[Draft202012Validator]:
    # JSON Schema counts 5.0 as an integer; written with a decimal point it is not a whole
    # number as the contributor wrote it, and pages would show it as "5.0 reps".
    from jsonschema import Draft202012Validator, validators

    return validators.extend(
        Draft202012Validator,
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine(
            "integer", lambda _, instance: isinstance(instance, int) and not isinstance(instance, bool)
        ),
    )


@cache
def validator(name: str) -> Draft202012Validator:
    # Validate against the schema with every $ref written out in place: the
    # same rules, but some three times faster than resolving references for
    # each value, which a large catalog feels.
    return _whole_numbers()(_inlined(schema(name), name))


def dereferenced(node: dict, file: str) -> tuple[dict, str]:
    """The target of the node's `$ref` (in `file` or a sibling schema file) with the node's own keywords over it."""
    target, _, pointer = node["$ref"].partition("#")
    file = target or file
    found = schema(file)
    for part in filter(None, pointer.split("/")):
        found = found[part]
    return {**found, **{key: value for key, value in node.items() if key != "$ref"}}, file


def _inlined(node: Any, file: str) -> Any:
    """`node` with each `$ref` (within a file or to a sibling schema file) replaced by its target."""
    if isinstance(node, list):
        return [_inlined(item, file) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return _inlined(*dereferenced(node, file))
    return {key: _inlined(value, file) for key, value in node.items() if key != "$defs"}


def violations(name: str, data: Any) -> Iterator[tuple[Path, bool, str]]:
    """Yield (path, points_at_key, message) for each way `data` breaks schema `name`."""
    # dict.fromkeys: a schema can reach the same rule by several paths; say it once.
    found = list(dict.fromkeys(found for error in validator(name).iter_errors(data) for found in _explain(error)))
    # A misspelt field also shows up as the real one missing: say it once.
    misspelt = {(*path[:-1], guess) for path, _, message in found for guess in _GUESS.findall(message)}
    yield from (item for item in found if not (item[0] in misspelt and item[2].startswith("is missing")))


def _explain(error: ValidationError) -> Iterator[tuple[Path, bool, str]]:
    path = tuple(error.absolute_path)
    instance, expected = error.instance, error.validator_value
    kind = error.validator
    if kind == "required":
        missing = [name for name in expected if name not in instance]
        for name in missing:
            hint = _description(error.schema, name)
            yield (*path, name), False, "is missing" + (f": {hint}" if hint else "")
    elif kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        for name in instance:
            if name not in allowed:
                yield (*path, name), True, _unknown_field(name, allowed)
    elif kind == "type" and "integer" in expected and isinstance(instance, float) and instance.is_integer():
        yield path, False, f"write a whole number, e.g. {int(instance)}"
    elif kind == "anyOf" and all(set(option) == {"required"} for option in expected):
        names = [option["required"][0] for option in expected]
        if names == ["times_per_day", "days_per_week"]:
            yield (
                path,
                False,
                (
                    "says how much but not how often: add times_per_day (e.g. 2) or days_per_week "
                    "(e.g. 3, usual for strengthening moves)"
                ),
            )
        else:
            yield path, False, f"needs at least one of: {', '.join(names)}"
    else:
        yield path, False, _message(kind, instance, expected, error)


def _message(kind: str, instance: Any, expected: Any, error: ValidationError) -> str:
    if isinstance(instance, Ambiguous) and kind == "type" and expected == "boolean":
        return f"write true or false, not {instance.text}"
    if kind == "type" and expected == "string" and isinstance(instance, dict) and len(instance) == 1:
        return f"this text {COLON_IN_TEXT}"  # `- Sit tall: feet flat.` reads as one 'name: value'
    if isinstance(instance, Ambiguous) and kind in ("type", "enum", "pattern"):
        return (
            f"{shown(instance.text)} is read by YAML as {instance.reads_as}, not as written; "
            f'put it in quotes ("{shown(instance.text)}") or write what you mean'
        )
    if instance is None and kind in ("type", "enum"):
        choices = f": choose one of {', '.join(map(str, expected))}" if kind == "enum" else ""
        return f"is empty{choices}" if choices else f"is empty; {_type_message(instance, expected).split(',')[0]}"
    if kind == "type":
        return _type_message(instance, expected)
    if kind == "enum":
        options = ", ".join(str(option) for option in expected)
        field = next((part for part in reversed(error.absolute_path) if isinstance(part, str)), "")
        hint = suggestion(field, str(instance), [str(option) for option in expected])
        return f"{quoted(instance)} is not one of: {options}{hint}"
    if kind == "minProperties":
        return "must not be empty: add at least one 'name: value'"
    if kind == "minItems":
        return f"needs at least {expected} {'item' if expected == 1 else 'items'} (has {len(instance)})"
    if kind == "maxItems":
        return f"may have at most {expected} items (has {len(instance)})"
    if kind == "uniqueItems":
        seen, repeated = set(), None
        for item in instance:
            key = json.dumps(item, sort_keys=True, default=str)
            if key in seen:
                repeated = item
                break
            seen.add(key)
        return f"lists {quoted(repeated)} more than once"
    if kind == "minLength":
        return (
            "must not be empty" if expected <= 1 else f"is too short ({len(instance)} characters; at least {expected})"
        )
    if kind == "maxLength":
        return f"is too long ({len(instance)} characters; at most {expected}): shorten it"
    if kind == "minimum":
        return f"must be at least {expected} (is {instance})"
    if kind == "maximum":
        return f"must be at most {expected} (is {instance})"
    if kind == "pattern":
        return _pattern_message(instance, expected, error.schema.get("description", ""))
    return error.message


def _type_message(instance: Any, expected: str | list[str]) -> str:
    wanted = {
        "string": "text",
        "integer": "a whole number such as 30",
        "boolean": "true or false",
        "array": "a list (one '- item' per line, or [a, b])",
        "object": "a set of 'name: value' lines",
        "number": "a number",
    }
    expected_names = [expected] if isinstance(expected, str) else expected
    described = " or ".join(wanted.get(name, name) for name in expected_names)
    return f"must be {described}, not {_describe(instance)}"


def _describe(instance: Any) -> str:
    if instance is None:
        return "empty"
    if isinstance(instance, bool):
        return f"{str(instance).lower()}"
    if isinstance(instance, (int, float)):
        return f"the number {instance}"
    if isinstance(instance, str):
        return f"the text {quoted(instance)}"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, dict):
        return "a set of 'name: value' lines"
    return str(instance)


def _pattern_message(instance: str, pattern: str, description: str) -> str:
    if pattern == schema("exercise.schema.json")["$defs"]["slug"]["pattern"]:
        if slugify(instance):
            return not_a_slug(instance, slugify(instance))
        return f"{quoted(instance)} is not a valid slug: use lowercase letters a-z, digits and single hyphens, e.g. thread-the-needle"
    if pattern.startswith("^https://"):
        return f"{quoted(instance)} is not an https address: write the full address starting with https://"
    if pattern == "\\S":
        return "must not be blank"
    if description:
        return f"{quoted(instance)} is not in the expected form. {description}"
    return f"{quoted(instance)} is not in the expected form; see the field reference in CONTRIBUTING.md"


def not_a_slug(text: str, slug: str) -> str:
    """For a title or other name where a slug belongs."""
    return f"{quoted(text)} is not a slug; did you mean '{slug}'?"


def _unknown_field(name: str, allowed: list[str]) -> str:
    guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if guess:
        return f"unknown field; did you mean '{guess[0]}'?"
    return f"unknown field; the fields here are: {', '.join(allowed)}"


def _description(schema_: dict, name: str) -> str:
    return schema_.get("properties", {}).get(name, {}).get("description", "")
