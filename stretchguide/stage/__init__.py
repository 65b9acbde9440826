"""Staging: the whole guide as a plain source tree that an engine without our plugin (Zensical, ProperDocs) builds."""

from .engines import ENGINES, Engine
from .finish import finish_site
from .tree import stage

__all__ = ["ENGINES", "Engine", "finish_site", "stage"]
