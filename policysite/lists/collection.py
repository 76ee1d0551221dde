"""The list of personal information collected (已收集个人信息清单), as its own document, from data/inventory.yml.

The table is the one the policy's appendix prints for `{{ inventory }}`
(assemble.inventory_table, which escapes every cell): one source, so the
list and the appendix can never disagree.
"""

from __future__ import annotations

from pathlib import Path

from ..assemble import inventory_table
from ..data import DataSet
from ..escape import markdown_inline
from ..findings import Finding
from ..localized import resolve
from .words import words

INVENTORY = "data/inventory.yml"


def collection_findings(data: DataSet) -> list[Finding]:
    """Why the collection list cannot be published: data/inventory.yml is missing (data.py checks its content)."""
    if data.get("inventory") is not None:
        return []
    return [Finding(INVENTORY, 1, "list.missing",
                    "the site publishes the list of personal information collected, but data/inventory.yml is missing",
                    "create data/inventory.yml with `columns:` and one row per collection scenario, or remove the "
                    "collection list from data/site.yml")]


def collection_markdown(data: DataSet, language: str, *, heading: bool = True,
                        data_dir: Path | None = None) -> str:
    """The list's page in ``language``: its title (unless ``heading`` is False), an intro line and the table.

    ``data`` must have loaded without findings (load_data) and hold an inventory (``collection_findings``).
    """
    said = words(language, data_dir)
    inventory = data["inventory"]
    table = inventory_table(resolve(inventory, language, data.languages))
    parts = [f"# {markdown_inline(said['collection_title'])}"] if heading else []
    parts += [markdown_inline(said["collection_intro"]), str(table)]
    return "\n\n".join(parts) + "\n"
