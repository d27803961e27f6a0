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
3. Cuts the book's Chinese font: every character of the finished pages that the
   Latin serif cannot be expected to draw (anything outside Latin, Greek, punctuation
   and mathematics) is cut from one font of a CJK collection with pyftsubset into
   fonts/book-cjk.woff2 (WOFF if fontTools cannot write WOFF2, in which case the
   @font-face of book.css is pointed at that file). book.css names it after the
   Latin serifs, so it draws exactly the characters they lack.

usage: finish_book.py HTML_DIR --chapters NAME... [--appendices NAME...]
                      --pyftsubset PATH --font FILE [--font-number N]
Prints nothing when all is well; "error: ..." and exit status 1 otherwise.
"""

import argparse
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

LEFTOVERS = ["pages.html", "dir_*.html", "graph_legend.*"]
FONT_DIR = "fonts"
FONT_BASENAME = "book-cjk"
FONT_LICENSE = "/usr/share/doc/fonts-noto-cjk/copyright"
# What the Latin serif (and its math and symbol neighbours) draws; everything else
# goes into the CJK subset. Ranges are inclusive.
LATIN_GREEK_MATH = [
    (0x0000, 0x036F),    # Latin, IPA, spacing modifiers, combining marks
    (0x0370, 0x03FF),    # Greek
    (0x1E00, 0x1FFF),    # Latin and Greek extended
    (0x2000, 0x2BFF),    # punctuation, letterlike, arrows, mathematics, technical, shapes
    (0x1D400, 0x1D7FF),  # mathematical alphanumerics
]


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


# 3. The CJK font, cut to the characters of the finished pages.
def drawn_by_latin_serif(cp):
    return any(lo <= cp <= hi for lo, hi in LATIN_GREEK_MATH)


def book_characters(html_dir):
    """Every character of the book's pages and their scripts' data, MathJax aside."""
    chars = set()
    for root, dirs, files in os.walk(html_dir):
        dirs[:] = [d for d in dirs if d != "mathjax"]
        for f in files:
            if not f.endswith((".html", ".js", ".json")):
                continue
            text = read(os.path.join(root, f))
            # Doxygen writes text into its scripts' data as it is, into pages also
            # as character references.
            chars.update(html.unescape(text) if f.endswith(".html") else text)
    # Letters, marks, numbers, punctuation, symbols and spaces: no controls, format
    # characters (a byte-order mark) or unassigned code points.
    return sorted(c for c in chars if not drawn_by_latin_serif(ord(c))
                  and unicodedata.category(c)[0] in "LMNPSZ")


def cut_font(html_dir, pyftsubset, font, font_number):
    chars = book_characters(html_dir)
    out_dir = os.path.join(html_dir, FONT_DIR)
    os.makedirs(out_dir, exist_ok=True)
    # Without any such character the font is still written (just .notdef), so that the
    # book's @font-face always names a file that exists.
    with tempfile.TemporaryDirectory() as tmp:
        unicodes = os.path.join(tmp, "unicodes.txt")
        write(unicodes, "\n".join(f"U+{ord(c):04X}" for c in chars) + "\n")
        common = [pyftsubset, font, f"--font-number={font_number}",
                  f"--unicodes-file={unicodes}", "--layout-features=*", "--name-IDs=*",
                  "--no-hinting", "--desubroutinize"]
        woff2 = os.path.join(out_dir, f"{FONT_BASENAME}.woff2")
        run = subprocess.run(common + ["--flavor=woff2", f"--output-file={woff2}"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            if "brotli" not in (run.stderr + run.stdout).lower():
                fail(f"pyftsubset failed: {run.stderr.strip() or run.stdout.strip()}")
            # No brotli for this Python: WOFF (zlib) instead, and book.css told so.
            woff = os.path.join(out_dir, f"{FONT_BASENAME}.woff")
            run = subprocess.run(common + ["--flavor=woff", f"--output-file={woff}"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                fail(f"pyftsubset failed: {run.stderr.strip() or run.stdout.strip()}")
            css = os.path.join(html_dir, "book.css")
            text = read(css)
            old = f'url("{FONT_DIR}/{FONT_BASENAME}.woff2") format("woff2")'
            if old not in text:
                fail(f"book.css has no @font-face source {old}")
            write(css, text.replace(old, f'url("{FONT_DIR}/{FONT_BASENAME}.woff") format("woff")'))
    if os.path.exists(FONT_LICENSE):
        shutil.copyfile(FONT_LICENSE, os.path.join(out_dir, "LICENSE-noto-cjk.txt"))
    # What went into the font, for anyone who wonders why a character is (not) there.
    write(os.path.join(out_dir, f"{FONT_BASENAME}.json"),
          json.dumps({"font": font, "font_number": font_number,
                      "characters": "".join(chars)}, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html_dir")
    parser.add_argument("--chapters", nargs="+", required=True)
    parser.add_argument("--appendices", nargs="*", default=[])
    parser.add_argument("--pyftsubset", required=True)
    parser.add_argument("--font", required=True)
    parser.add_argument("--font-number", type=int, default=0)
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.html_dir, "index.html")):
        fail(f"no book at {args.html_dir}")
    remove_leftovers(args.html_dir)
    number_pages(args.html_dir, args.chapters, args.appendices)
    cut_font(args.html_dir, args.pyftsubset, args.font, args.font_number)


if __name__ == "__main__":
    main()
