"""The text of a document that is not the privacy policy, by kind: ``render(document, data, language) -> Markdown``.

The privacy policy is assembled from its sections (policysite.load); a list is
rendered from data. Each kind has one renderer in `RENDERERS`. The two lists MIIT
requires come from policysite.lists: the collection list renders data/inventory.yml
with the same table code as the policy's appendix, so the two can never disagree.

What a renderer returns is Markdown under the document's `# title` (added by the
plan); every data value in it must already be escaped for Markdown and HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .data import DataSet
from .documents import Document
from .lists.collection import collection_markdown
from .lists.third_parties import third_parties_markdown


class Renderer(Protocol):
    # data_dir: the project's data/, whose words/<code>.yml may add a language's words.
    def __call__(self, document: Document, data: DataSet, language: str, data_dir: Path | None) -> str: ...


def _collection_list(document: Document, data: DataSet, language: str, data_dir: Path | None) -> str:
    # The plan writes the document's own `# title`; the list brings its intro and table.
    return collection_markdown(data, language, heading=False, data_dir=data_dir)


def _third_party_list(document: Document, data: DataSet, language: str, data_dir: Path | None) -> str:
    return third_parties_markdown(data, language, heading=False, data_dir=data_dir)


RENDERERS: dict[str, Renderer] = {"collection-list": _collection_list, "third-party-list": _third_party_list}


def renderer(kind: str) -> Renderer | None:
    return RENDERERS.get(kind)
