#!/usr/bin/env node
/* Builds the book's search index from the HTML Doxygen wrote, after it ran.
 *
 * Each page of the reading order is cut at its headings (h1 to h3) into sections;
 * a section is one document of the index: the page's title, the section's heading
 * and its text (prose, the TeX source of the formulas, the code of the snippets,
 * the program output), and it links to the heading's anchor. The index is lunr's
 * (Debian's libjs-lunr, the same file the pages load), prebuilt here and written
 * as a script, BOOK_SEARCH_FILE, that sets window.BOOK_SEARCH_DATA: a <script> tag
 * loads it from file://, where a fetch() of a local file would be refused.
 *
 * With --inject SRC, every page of HTML_DIR that does not load SRC yet gets
 *   <script type="text/javascript" src="SRC"></script>
 * before </head>: Doxygen's default header has no place for it. A custom header
 * that carries that line makes this a no-op.
 *
 * usage: node build-index.js --lunr LUNR_JS --out FILE [--inject SRC] HTML_DIR PAGE.html...
 * Fails with one line "error: ..." and exit status 1.
 */
'use strict';
const fs = require('fs');
const path = require('path');

function fail(message) {
  console.error(`error: search index: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const opts = {};
const positional = [];
while (args.length > 0) {
  const a = args.shift();
  if (a === '--lunr' || a === '--out' || a === '--inject') {
    if (args.length === 0) fail(`${a} needs a value`);
    opts[a.slice(2)] = args.shift();
  } else if (a.startsWith('--')) {
    fail(`unknown option ${a}`);
  } else {
    positional.push(a);
  }
}
if (!opts.lunr || !opts.out || positional.length < 2) {
  fail('usage: node build-index.js --lunr LUNR_JS --out FILE [--inject SRC] HTML_DIR PAGE.html...');
}
const [htmlDir, ...pages] = positional;

let lunr;
let htmlparser2;
let domutils;
try { lunr = require(path.resolve(opts.lunr)); } catch (e) { fail(`cannot load lunr from ${opts.lunr} (Debian package libjs-lunr): ${e.message}`); }
try {
  htmlparser2 = require('htmlparser2');
  domutils = require('domutils');
} catch (e) {
  fail('cannot load htmlparser2 (Debian package node-htmlparser2; NODE_PATH=/usr/share/nodejs)');
}
const BookSearch = require(path.join(__dirname, 'book-search-engine.js'))(lunr);

const SOURCES_PAGE = 'sources.html'; // the appendix of source files
const SOURCES_BOOST = 0.25;
const SKIP_CLASSES = ['toc']; // the page's own table of contents repeats its headings
const HEADING = /^h[1-3]$/;
const BLOCKS = new Set(['address', 'blockquote', 'br', 'caption', 'dd', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'table', 'td', 'th', 'tr', 'ul']);

const hasClass = (el, name) => (el.attribs && el.attribs.class || '').split(/\s+/).includes(name);
const clean = (s) => s.replace(/\s+/g, ' ').trim();

// An element's anchor: its own id, or that of an <a class="anchor"> inside it.
function anchorOf(el) {
  if (el.attribs && el.attribs.id) return el.attribs.id;
  const a = domutils.findOne((e) => e.name === 'a' && (e.attribs.id || e.attribs.name), el.children || [], true);
  return a ? a.attribs.id || a.attribs.name : '';
}

// The sections of one page: [{url, title, heading, body}].
function sectionsOf(file) {
  const html = fs.readFileSync(path.join(htmlDir, file), 'utf8');
  const doc = htmlparser2.parseDocument(html);
  const divWith = (cls) => domutils.findOne((e) => e.name === 'div' && hasClass(e, cls), doc.children, true);
  const contents = divWith('contents');
  const titleEl = divWith('title');
  if (!contents) fail(`${file} has no <div class="contents">; is it a page Doxygen wrote?`);
  if (!titleEl) fail(`${file} has no <div class="title">; is it a page Doxygen wrote?`);
  const title = clean(domutils.textContent(titleEl));
  const sections = [{ anchor: '', heading: title, parts: [] }];
  const walk = (node) => {
    for (const child of node.children || []) {
      if (child.type === 'text') { sections[sections.length - 1].parts.push(child.data); continue; }
      if (child.type !== 'tag') continue; // comments, <script>, <style>
      if (SKIP_CLASSES.some((c) => hasClass(child, c))) continue;
      if (HEADING.test(child.name)) {
        const anchor = anchorOf(child) || sections[sections.length - 1].anchor;
        sections.push({ anchor, heading: clean(domutils.textContent(child)), parts: [] });
        continue;
      }
      const block = BLOCKS.has(child.name);
      if (block) sections[sections.length - 1].parts.push(' ');
      walk(child);
      if (block) sections[sections.length - 1].parts.push(' ');
    }
  };
  walk(contents);
  return sections
    .map((s) => ({
      url: s.anchor ? `${file}#${s.anchor}` : file,
      title,
      heading: s.heading,
      body: clean(s.parts.join('')),
    }))
    .filter((s, i) => i > 0 || s.body.length > 0); // a page that opens with a heading
}

const docs = [];
for (const page of pages) {
  if (!fs.existsSync(path.join(htmlDir, page))) fail(`no page ${page} in ${htmlDir}`);
  const sections = sectionsOf(page);
  if (!sections.some((s) => s.body.length > 0)) fail(`${page}: no text found`);
  // A file listing's heading is its path, which holds its chapter's name: every file
  // of a chapter named after a word ("jacobians_and_layouts") would outrank the
  // prose on that word. Listings still match, after the text that explains them.
  if (page === SOURCES_PAGE) for (const s of sections) s.boost = SOURCES_BOOST;
  docs.push(...sections);
}

const index = BookSearch.buildIndex(docs);
// Plain ASCII, so the script reads the same whatever encoding the browser assumes.
const json = JSON.stringify({ index, docs })
  .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

if (opts.inject) {
  const tag = `<script type="text/javascript" src="${opts.inject}"></script>`;
  for (const file of fs.readdirSync(htmlDir).filter((f) => f.endsWith('.html'))) {
    const p = path.join(htmlDir, file);
    const html = fs.readFileSync(p, 'utf8');
    if (html.includes(`src="${opts.inject}"`)) continue;
    if (!html.includes('</head>')) fail(`${file} has no </head> to put the search script before`);
    fs.writeFileSync(p, html.replace('</head>', `${tag}\n</head>`));
  }
}

// Written last: the build takes the index as the mark that this step is done.
fs.mkdirSync(path.dirname(opts.out), { recursive: true });
fs.writeFileSync(`${opts.out}.tmp`, `window.BOOK_SEARCH_DATA = ${json};\n`);
fs.renameSync(`${opts.out}.tmp`, opts.out);
console.log(`search index: ${docs.length} sections of ${pages.length} pages, ${Math.round(fs.statSync(opts.out).size / 1024)} KiB`);
