"""The base of every workbook model: Dutch field names, a description on every field, no extras."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, str_strip_whitespace=True)


class LeerlingRij(Model):
    """A row that belongs to one pupil (every sheet but School and Leerlingen itself)."""
