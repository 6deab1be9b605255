"""Every relative link in README.md and docs/*.md leads somewhere: the file
exists, and a #fragment names a heading of the target Markdown file (the
anchor GitHub makes from it). Links into other sites are not followed."""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
INLINE_CODE = re.compile(r"`+[^`]*`+")
LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _prose_lines(text):
    """The lines outside fenced code blocks, with their numbers."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line.lstrip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def slug(heading):
    """GitHub's anchor for a heading: the rendered text in lower case, with
    everything but letters, marks, digits, ``_``, spaces and hyphens
    removed, spaces turned into hyphens (Chinese characters are letters)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text
    text = text.replace("`", "").replace("*", "")
    kept = []
    for char in text.lower():
        category = unicodedata.category(char)
        if char in " -_" or category[0] in "LMN":
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def anchors(path):
    """Every anchor of a Markdown file (repeated headings get -1, -2, …)."""
    seen = {}
    result = set()
    for _, line in _prose_lines(path.read_text(encoding="utf-8")):
        match = HEADING.match(line)
        if not match:
            continue
        base = slug(match.group(2))
        count = seen.get(base, 0)
        seen[base] = count + 1
        result.add(base if count == 0 else f"{base}-{count}")
    return result


def relative_links(path):
    for number, line in _prose_lines(path.read_text(encoding="utf-8")):
        for match in LINK.finditer(INLINE_CODE.sub("", line)):
            target = match.group(1)
            if not EXTERNAL.match(target):
                yield number, target


def broken_links(path, root=ROOT):
    problems = []
    for number, target in relative_links(path):
        file_part, _, fragment = target.partition("#")
        destination = (path.parent / file_part).resolve() if file_part else path
        where = f"{path.relative_to(root)}:{number}: {target}"
        if not destination.exists():
            problems.append(f"{where} (no such file)")
        elif not destination.is_relative_to(root):
            problems.append(f"{where} (outside the repository)")
        elif fragment and destination.suffix == ".md" and fragment not in anchors(destination):
            problems.append(f"{where} (no heading with this anchor)")
    return problems


def test_github_anchors_keep_chinese_and_drop_punctuation():
    assert slug("Reading aids and 适老模式") == "reading-aids-and-适老模式"
    assert slug("二、支部书记、远教管理员") == "二支部书记远教管理员"
    assert slug('Exports and "my data"') == "exports-and-my-data"
    assert slug("社区活动: events (`events/`)") == "社区活动-events-events"


def test_a_link_to_a_missing_file_or_heading_is_reported(tmp_path):
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Other\n\n## A section\n", encoding="utf-8")
    page.write_text(
        "# Page\n\n[ok](other.md#a-section) [self](#page) `[code](nowhere.md)`\n"
        "[gone](missing.md) [wrong](other.md#no-such-section) [web](https://example.cn/x)\n"
        "```\n[in a fence](fenced.md)\n```\n",
        encoding="utf-8",
    )
    assert broken_links(page, root=tmp_path) == [
        "page.md:4: missing.md (no such file)",
        "page.md:4: other.md#no-such-section (no heading with this anchor)",
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_relative_link_in_the_docs_resolves(page):
    assert broken_links(page) == []
