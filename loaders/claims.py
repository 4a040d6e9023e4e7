"""The claims document: one JSON/YAML shape for facts, shared by every loader.

``{"id", "title", "source_url", "published", "facts": [...], "entities": [...]}``, the same
shape as the gold files of the news corpus. The news extractor prints it, analysts write
and edit it by hand, and ``armsgraph load`` validates and writes it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from normality import slugify_text
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph.model import MODEL, EntityLabel, FactType, Status

from .errors import InputError

# The model's names, read from graph/model.yaml (fields keep the plain string: use_enum_values).
EntityType = EntityLabel
Predicate = FactType
StatusName = Status
MAX_NAME = 300
MAX_EVIDENCE = 2000


def check_source_url(value: str | None) -> str | None:
    """A source's address: an absolute ``http`` or ``https`` URL with a host, else ``ValueError``.

    The explorer page links it, so ``javascript:``, ``data:`` and any other scheme are refused
    where the address enters (claims files, reports, JSON Lines, the API). Empty is no address.

    >>> check_source_url("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    parts = urlsplit(value) if not any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in value) else None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{value[:80]!r} is not an http(s) URL (http://... or https://...)")
    return value


def _keyable(name: str) -> str:
    """A name must give a key (letters or digits in any script): ``"---"`` is refused, never a shared node."""
    if not slugify_text(name, sep="-"):
        raise ValueError(f"{name!r} gives an empty key: a name needs letters or digits")
    return name


class Fact(BaseModel):
    """One fact: ``subject -predicate-> object`` with weapons, date, status and a quote."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, use_enum_values=True)

    subject: str = Field(min_length=1, max_length=MAX_NAME)
    subject_type: EntityType
    predicate: Predicate
    object: str = Field(min_length=1, max_length=MAX_NAME)
    object_type: EntityType
    weapon_systems: list[str] = Field(default_factory=list, max_length=100)
    date: dt.date | None = None
    status: StatusName = Status("reported")
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    role: str | None = Field(default=None, max_length=MAX_NAME)

    @field_validator("subject", "object", "role")
    @classmethod
    def _check_key(cls, value: str | None) -> str | None:
        return _keyable(value) if value else value

    @field_validator("weapon_systems")
    @classmethod
    def _clean_weapons(cls, value: list[str]) -> list[str]:
        out: list[str] = []
        for w in value:
            w = w.strip()
            if not w or len(w) > MAX_NAME:
                raise ValueError("weapon names must be 1 to 300 characters")
            _keyable(w)
            if w not in out:
                out.append(w)
        return out

    @model_validator(mode="after")
    def _check_ends(self) -> Fact:
        if not MODEL.allows(self.predicate, self.subject_type, self.object_type):
            spec = MODEL.relationships[self.predicate]
            raise ValueError(
                f"{self.predicate} goes from {'|'.join(spec.sources)} to {'|'.join(spec.targets)}, "
                f"not from {self.subject_type} to {self.object_type}"
            )
        if self.predicate == "HOLDS_ROLE" and not self.role:
            raise ValueError("a HOLDS_ROLE fact needs a role")
        return self


class Entity(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, use_enum_values=True)

    name: str = Field(min_length=1, max_length=MAX_NAME)
    type: EntityType
    aliases: list[str] = Field(default_factory=list, max_length=200)

    @field_validator("name")
    @classmethod
    def _check_key(cls, value: str) -> str:
        return _keyable(value)

    @field_validator("aliases")
    @classmethod
    def _check_aliases(cls, value: list[str]) -> list[str]:
        for alias in value:
            _keyable(alias)
        return value


class ClaimsDocument(BaseModel):
    """A whole claims file. ``id`` and ``published`` give the provenance of every fact."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, use_enum_values=True)

    id: str | None = Field(default=None, max_length=MAX_NAME)
    title: str | None = Field(default=None, max_length=1000)
    source_url: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    curated: bool = True
    facts: list[Fact] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)

    @field_validator("source_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        return check_source_url(value)


def _describe(error: Any, doc: Any) -> str:
    loc = list(error["loc"])
    where = ".".join(str(p) for p in loc) or "document"
    if len(loc) >= 2 and loc[0] in ("facts", "entities") and isinstance(loc[1], int):
        try:
            item = doc[loc[0]][loc[1]]
            label = item.get("subject") or item.get("name")
            if label:
                where += f" ({label!s:.60})"
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    return f"{where}: {error['msg']}"


def validate_document(data: Any, source: str) -> ClaimsDocument:
    """Validate a parsed claims document; raise :class:`InputError` naming fact and field."""
    if not isinstance(data, dict):
        raise InputError(source, "a claims document must be an object with 'facts' and 'entities'")
    try:
        return ClaimsDocument.model_validate(data)
    except ValidationError as e:
        problems = [_describe(err, data) for err in e.errors()[:20]]
        more = len(e.errors()) - len(problems)
        if more > 0:
            problems.append(f"... and {more} more")
        raise InputError(source, "invalid claims document:\n  " + "\n  ".join(problems)) from None


def read_document(path: Path) -> ClaimsDocument:
    """Read a claims document from a ``.json``, ``.yaml`` or ``.yml`` file."""
    from .textio import read_text

    text = read_text(path)
    try:
        data = yaml.safe_load(text) if path.suffix.lower() in (".yaml", ".yml") else json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"not valid JSON: {e.msg}", line=e.lineno) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(str(path), f"not valid YAML: {getattr(e, 'problem', e)}", line=line) from None
    except RecursionError:
        raise InputError(str(path), "nested too deeply") from None
    except ValueError as e:  # a number too long to convert, and other values json/yaml refuse
        raise InputError(str(path), f"cannot read a value: {e}") from None
    doc = validate_document(data, str(path))
    if doc.id is None:
        doc.id = path.stem
    return doc
