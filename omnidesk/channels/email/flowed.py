"""Reading ``format=flowed`` text (RFC 3676), as Thunderbird and Apple Mail send it."""


def unflow(text: str, *, delsp: bool = False) -> str:
    """Join soft-broken lines (ending in a space) into paragraphs; keep quote depth."""
    out: list[str] = []
    current: str | None = None
    current_depth = 0
    for line in text.split("\n"):
        stripped = line.lstrip(">")
        depth = len(line) - len(stripped)
        if stripped.startswith(" "):
            stripped = stripped[1:]  # space-stuffing, or the space after the quote marks
        if current is not None and depth != current_depth:
            out.append(_quoted(current, current_depth))
            current = None
        soft = stripped.endswith(" ") and stripped != "-- "
        if soft and delsp:
            stripped = stripped[:-1]
        current = stripped if current is None else current + stripped
        current_depth = depth
        if not soft:
            out.append(_quoted(current, depth))
            current = None
    if current is not None:
        out.append(_quoted(current, current_depth))
    return "\n".join(out)


def _quoted(line: str, depth: int) -> str:
    return f"{'>' * depth} {line}" if depth else line
