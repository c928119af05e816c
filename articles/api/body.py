"""StreamField bodies as typed JSON: `{"type", "id", "value"}` per block.

Each block renders itself (articles.blocks: `collect_references`, then
`get_api_representation` from the stored value and the loaded References), so
a body costs the same few queries whatever its length. A block whose image or
document is gone or hidden is left out; a citation of an unpublished document
keeps its text with `directive: null`.
"""

from collections.abc import Iterator

from wagtail.blocks import Block, StreamValue

from articles.api.references import References


def stored_blocks(body: StreamValue | None) -> Iterator[tuple[str, str, Block, object]]:
    """(type, id, block, stored value) of each block the body's definition still knows."""
    if body is None:
        return
    child_blocks = body.stream_block.child_blocks
    for stored in body.raw_data:
        kind = stored.get("type")
        block = child_blocks.get(kind)
        if block is not None and hasattr(block, "get_api_representation"):
            yield kind, str(stored.get("id") or ""), block, stored.get("value")


def collect_body(body: StreamValue | None, refs: References) -> None:
    for _kind, _id, block, value in stored_blocks(body):
        block.collect_references(value, refs)


def render_body(body: StreamValue | None, refs: References, cited: dict[int, str]) -> list[dict]:
    """`cited` maps a cited directive's id to its number (loaded by the caller)."""
    context = {"refs": refs, "cited": cited}
    rendered = []
    for kind, block_id, block, value in stored_blocks(body):
        output = block.get_api_representation(value, context)
        if output is not None:
            rendered.append({"type": kind, "id": block_id, "value": output})
    return rendered
