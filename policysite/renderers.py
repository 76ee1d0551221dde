"""The text of a document that is not the privacy policy, by kind: ``render(document, data, language) -> Markdown``.

The privacy policy is assembled from its sections (policysite.load); a list is
rendered from data. Each kind has one renderer in `RENDERERS`. The two lists MIIT
requires come from policysite.lists (collection_markdown, third_parties_markdown)
when that package is present; until then the collection list renders
data/inventory.yml with the same table code as the policy's appendix
(policysite.assemble.inventory_table), so the two can never disagree.

What a renderer returns is Markdown under the document's `# title` (added by the
plan); every data value in it must already be escaped for Markdown and HTML.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Callable, Protocol

from .assemble import inventory_table
from .data import DataSet
from .documents import Document
from .localized import resolve


class Renderer(Protocol):
    def __call__(self, document: Document, data: DataSet, language: str) -> str: ...


def collection_list(document: Document, data: DataSet, language: str) -> str:
    """data/inventory.yml as one table in ``language`` (empty when there is no inventory)."""
    inventory = data.get("inventory")
    if not inventory:
        return ""
    return str(inventory_table(resolve(inventory, language, data.languages))) + "\n"


RENDERERS: dict[str, Renderer] = {"collection-list": collection_list}


def _from_lists(kind: str, module: str, function: str) -> None:
    """Use the lists package's renderer for ``kind`` once it is part of the project (no failure is hidden:
    a present module that does not import fails the build as any other bug)."""
    if importlib.util.find_spec("policysite.lists") is None or importlib.util.find_spec(module) is None:
        return
    render: Callable[[DataSet, str], str] = getattr(importlib.import_module(module), function)
    RENDERERS[kind] = lambda document, data, language: render(data, language)


_from_lists("collection-list", "policysite.lists.collection", "collection_markdown")
_from_lists("third-party-list", "policysite.lists.third_parties", "third_parties_markdown")


def renderer(kind: str) -> Renderer | None:
    return RENDERERS.get(kind)
