#!/usr/bin/env python3
"""Finishes the HTML book after Doxygen wrote it (run by docs/CMakeLists.txt).

1. Removes the pages Doxygen writes that are not part of the book and that no
   setting turns off (the "Related Pages" index pages.html; directory pages and the
   graph legend, should a setting let them through again).
2. Numbers the pages from the reading order of docs/mainpage.md, which CMake passes
   in: the chapters (its numbered "N. \\subpage NAME" lines) are "Chapter 1.",
   "Chapter 2.", ...; the appendices (its "- \\subpage NAME" lines) are "Appendix A.",
   "Appendix B.", ... The number goes into the page's title, its <title>, the
   navigation tree and the lettered list of appendices on the front page, and every
   chapter (and every appendix) gets previous/next links to its neighbours, at its
   top and bottom. The front page itself has no number.

usage: finish_book.py HTML_DIR --chapters NAME... [--appendices NAME...]
Prints nothing when all is well; "error: ..." and exit status 1 otherwise.
"""

import argparse
import glob
import json
import os
import re
import sys

LEFTOVERS = ["pages.html", "dir_*.html", "graph_legend.*"]


def fail(message):
    print(f"error: finish_book.py: {message}", file=sys.stderr)
    sys.exit(1)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# 1. Pages that are not part of the book.
def remove_leftovers(html_dir):
    removed = []
    for pattern in LEFTOVERS:
        for path in glob.glob(os.path.join(html_dir, pattern)):
            os.remove(path)
            removed.append(os.path.basename(path))
    # The navigation tree's index of pages names them too.
    for index in glob.glob(os.path.join(html_dir, "navtreeindex*.js")):
        text = read(index)
        for name in removed:
            text = re.sub(r'^"' + re.escape(name) + r'(#[^"]*)?":\[[^\]]*\],?\n', "", text, flags=re.M)
        write(index, text)


# 2. Numbers and previous/next links.
TITLE_DIV = re.compile(r'(<div class="title">)(.*?)(</div>)', re.S)
TITLE_TAG = re.compile(r"(<title>)(.*?)(</title>)", re.S)
HEADER_END = "</div><!--header-->"
CONTENTS_END = "</div><!-- contents -->"


def letter(i):
    return chr(ord("A") + i) if i < 26 else f"A{i - 25}"


def page_title(html_dir, name):
    path = os.path.join(html_dir, f"{name}.html")
    if not os.path.exists(path):
        fail(f"docs/mainpage.md names page '{name}', but Doxygen wrote no {name}.html "
             f"(is its id {{#{name}}}?)")
    m = TITLE_DIV.search(read(path))
    if not m:
        fail(f"{name}.html has no <div class=\"title\">")
    return m.group(2).strip()


def pager(kind, prev, nxt, label):
    """The previous/next links of one page; prev and nxt are (name, number, title)."""
    def link(rel, target):
        name, number, title = target
        word = "Previous" if rel == "prev" else "Next"
        return (f'<a class="book-{rel}" rel="{rel}" href="{name}.html">'
                f'<span class="book-pager-dir">{word}</span>'
                f'<span class="book-pager-title">{number} {title}</span></a>')
    parts = [link("prev", prev) if prev else '<span class="book-prev"></span>',
             link("next", nxt) if nxt else '<span class="book-next"></span>']
    return (f'<nav class="book-pager book-pager-{kind}" aria-label="{label}">'
            + "".join(parts) + "</nav>")


def number_pages(html_dir, chapters, appendices):
    sequences = [
        ("Chapters", [(n, f"Chapter {i + 1}.") for i, n in enumerate(chapters)]),
        ("Appendices", [(n, f"Appendix {letter(i)}.") for i, n in enumerate(appendices)]),
    ]
    numbered = {}  # name -> ("Chapter 1.", "Checking gradients")
    for label, sequence in sequences:
        entries = [(name, number, page_title(html_dir, name)) for name, number in sequence]
        for i, (name, number, title) in enumerate(entries):
            numbered[name] = (number, title)
            prev = entries[i - 1] if i > 0 else None
            nxt = entries[i + 1] if i + 1 < len(entries) else None
            path = os.path.join(html_dir, f"{name}.html")
            text = read(path)
            text = TITLE_DIV.sub(
                lambda m: f'{m.group(1)}<span class="book-number">{number}</span> '
                          f"{m.group(2).strip()}{m.group(3)}", text, count=1)
            text = TITLE_TAG.sub(
                lambda m: f"{m.group(1)}{number_title(m.group(2), number)}{m.group(3)}",
                text, count=1)
            for marker, kind, before in ((HEADER_END, "top", True), (CONTENTS_END, "bottom", False)):
                if text.count(marker) != 1:
                    fail(f"{name}.html: expected one '{marker}' to put the links at")
                nav = pager(kind, prev, nxt, label)
                text = text.replace(marker, nav + marker if before else marker + "\n" + nav)
            write(path, text)
    number_navtree(html_dir, numbered)
    letter_front_page(html_dir, appendices)
    write_menu(html_dir, [(name, " ".join(numbered[name])) for name in chapters + appendices])
    # The front page's <title> is the book's name, once.
    path = os.path.join(html_dir, "index.html")
    text = read(path)
    text = TITLE_TAG.sub(lambda m: m.group(1) + dedouble(m.group(2)) + m.group(3), text, count=1)
    write(path, text)


def dedouble(tag_text):
    head, sep, title = tag_text.partition(": ")
    return head if sep and head.strip() == title.strip() else tag_text


def write_menu(html_dir, entries):
    """The main menu (the phone's menu button) lists the book in its order, in place of
    Doxygen's "Main Page" and "Related Pages"."""
    path = os.path.join(html_dir, "menudata.js")
    if not os.path.exists(path):
        fail("no menudata.js (DISABLE_INDEX = YES?)")
    text = read(path)
    at = text.find("var menudata=")
    if at < 0:
        fail("menudata.js: no 'var menudata='")
    items = [("Contents", "index.html")] + [(title, f"{name}.html") for name, title in entries]
    menu = ",\n".join("{text:%s,url:%s}" % (json.dumps(t, ensure_ascii=False), json.dumps(u))
                      for t, u in items)
    write(path, text[:at] + "var menudata={children:[\n" + menu + "]}\n")


def number_title(tag_text, number):
    # "<project>: <title>" as Doxygen's header writes it; the number goes before the title.
    head, sep, title = tag_text.partition(": ")
    return f"{head}{sep}{number} {title}" if sep else f"{number} {tag_text}"


def number_navtree(html_dir, numbered):
    path = os.path.join(html_dir, "navtreedata.js")
    if not os.path.exists(path):
        fail("no navtreedata.js (GENERATE_TREEVIEW = NO?)")
    text = read(path)
    for name, (number, _) in numbered.items():
        entry = re.compile(r'(\[ ")((?:[^"\\]|\\.)*)(", "' + re.escape(name) + r'\.html", )')
        text, n = entry.subn(lambda m: f"{m.group(1)}{number} {m.group(2)}{m.group(3)}", text)
        if n != 1:
            fail(f"navtreedata.js: expected one entry for {name}.html, found {n}")
    write(path, text)


def letter_front_page(html_dir, appendices):
    if not appendices:
        return
    path = os.path.join(html_dir, "index.html")
    text = read(path)
    item = re.search(r'<li>\s*<a class="el" href="' + re.escape(appendices[0]) + r'\.html"', text)
    start = text.rfind("<ul>", 0, item.start()) if item else -1
    if start < 0:
        fail(f"index.html: no list of appendices starting with a link to {appendices[0]}.html")
    write(path, text[:start] + '<ul class="book-appendices">' + text[start + 4:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir")
    parser.add_argument("--chapters", nargs="+", required=True)
    parser.add_argument("--appendices", nargs="*", default=[])
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.html_dir, "index.html")):
        fail(f"no book at {args.html_dir}")
    remove_leftovers(args.html_dir)
    number_pages(args.html_dir, args.chapters, args.appendices)


if __name__ == "__main__":
    main()
