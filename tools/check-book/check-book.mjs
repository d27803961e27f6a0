// Browser check of the built book: opens every top-level page of the HTML book in
// Debian's headless Chromium (offline, file:// only) and fails on
//   1. any request that is not file:// (or data:/blob:), or a file:// request
//      outside the book folder (it would break once the book is published);
//   2. a console error, an uncaught page error, a failed request or a missing file;
//   3. a formula left untypeset: TeX delimiters in the visible text, a MathJax
//      TeX error (merror), "Math Processing Error", an unresolved \eqref ("???"),
//      MathJax not finishing, or a page with math in its source and none rendered;
//   4. a broken internal link, anchor, image or embedded figure;
// and, for the book's theme (each a function below, "The theme's rules"):
//   5. the layout, at 1280 x 900 and with each page loaded again at 390 x 844: at
//      both, neither the page nor #doc-content scrolls sideways and no line of a
//      fragment wraps; at 390 px the text column is at least 340 px wide and the side
//      bar is folded away; at 1280 px no fragment scrolls, and an 88-column line of
//      code (.clang-format's limit) fits a fragment;
//   6. the reading order of docs/mainpage.md: each chapter (appendix) page carries
//      its number ("Chapter 1.", "Appendix A.") in its title and in the navigation
//      tree, and previous/next links to exactly its neighbours (none before the
//      first, none after the last);
//   7. no page that is not part of the book: only the front page, the chapters and
//      the appendices of docs/mainpage.md (no directory page, graph legend or
//      "Related Pages"), and no navigation entry pointing at a page that is gone;
//   8. every CJK character drawn from the book's own subset font (a web font), never
//      from a system font or from none: CSS.getPlatformFontsForNode over the Chrome
//      DevTools Protocol;
//  11. a verdict box that is not exactly one of the three kinds (verified, negative
//      control, blind spot) or whose head does not say which;
// and, for the book's search and print edition:
//   9. a search (docs/search) typed into the book's search box whose first hit is
//      not on the expected page and section, or that loads anything from outside;
//  10. a print edition (build/book/book.pdf, docs/print) missing, missing a page of
//      the reading order or out of order, showing TeX source or losing Chinese text,
//      or a sheet without its number;
// and saves a full-page screenshot of every page at both widths, in
// SCREENSHOT_DIR/1280 and SCREENSHOT_DIR/390, and one of each search.
//
// usage: node check-book.mjs [--verbose] HTML_DIR SCREENSHOT_DIR
// The reading order is read from docs/mainpage.md next to this script's repository
// (CHECK_BOOK_MAINPAGE=FILE reads another).
// Prints one line per problem, then "check-book: N pages, M problems".
// Exit status: 0 clean, 1 problems found, 2 could not run.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const CHROMIUM = process.env.CHECK_BOOK_CHROMIUM || '/usr/bin/chromium';
const PAGE_TIMEOUT_MS = 30_000;
const MATHJAX_TIMEOUT_MS = 30_000;
const VIEWPORT = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const MAX_SHOT_HEIGHT = 30_000;
const PHONE_MIN_COLUMN = 340; // px of text column a phone must keep
const CODE_COLUMNS = 88;      // .clang-format's ColumnLimit: a fragment's widest line
const MAINPAGE = process.env.CHECK_BOOK_MAINPAGE
  || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/mainpage.md');
// Pages of the book beyond the front page and the reading order (none yet).
const OTHER_BOOK_PAGES = new Set([]);
// CJK characters, whose glyphs must come from the book's subset font.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]+/gu;
// What would show that a formula was never typeset, in the text a reader sees.
const TEX_DELIMITERS = ['\\(', '\\)', '\\[', '\\]', '\\begin{', '\\end{', '\\f$', '\\f[', '\\f]', '\\f{', '\\f}'];
// A page "has math" when Doxygen wrote a formula into it.
const SOURCE_MATH = /\\\(|\\\[|\\begin\{|class="formula(Dsp|Inl)"/;

function usage(msg) {
  if (msg) console.error(`check-book: ${msg}`);
  console.error('usage: node check-book.mjs [--verbose] HTML_DIR SCREENSHOT_DIR');
  process.exit(2);
}

const argv = process.argv.slice(2);
let verbose = /^(1|yes|true)$/i.test(process.env.CHECK_BOOK_VERBOSE || '');
const positional = [];
for (const a of argv) {
  if (a === '-v' || a === '--verbose') verbose = true;
  else if (a === '-h' || a === '--help') usage();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else positional.push(a);
}
if (positional.length !== 2) usage();
const htmlDir = path.resolve(positional[0]);
const shotDir = path.resolve(positional[1]);

const problems = [];
const seen = new Set();
function problem(page, detail) {
  const line = `check-book: FAIL ${page}: ${detail}`;
  if (seen.has(line)) return;
  seen.add(line);
  problems.push(line);
  console.log(line);
}
const info = (line) => { if (verbose) console.log(`check-book: ${line}`); };

// Where a file:// URL points, relative to the book when inside it.
function rel(u) {
  try {
    const p = fileURLToPath(u.split('#')[0].split('?')[0]);
    const r = path.relative(htmlDir, p);
    return r.startsWith('..') || path.isAbsolute(r) ? p : r;
  } catch { return u; }
}
function insideBook(p) {
  const r = path.relative(htmlDir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:']);
const scheme = (u) => { try { return new URL(u).protocol; } catch { return ''; } };
const short = (s, n = 80) => { s = s.replace(/\s+/g, ' ').trim(); return s.length > n ? s.slice(0, n - 1) + '…' : s; };

if (!fs.existsSync(htmlDir) || !fs.statSync(htmlDir).isDirectory()) {
  console.log(`check-book: FAIL no book at ${htmlDir} (build it first: make book)`);
  console.log('check-book: 0 pages, 1 problem');
  process.exit(1);
}
const pages = fs.readdirSync(htmlDir).filter((f) => f.endsWith('.html')).sort();
if (pages.length === 0) {
  console.log(`check-book: FAIL no *.html pages in ${htmlDir}`);
  console.log('check-book: 0 pages, 1 problem');
  process.exit(1);
}
// Screenshots of this run only: an older run's (of pages since removed) would mislead.
if (fs.existsSync(shotDir)) {
  for (const f of fs.readdirSync(shotDir)) if (f.endsWith('.png')) fs.rmSync(path.join(shotDir, f));
}
for (const w of [VIEWPORT.width, PHONE.width]) {
  fs.rmSync(path.join(shotDir, String(w)), { recursive: true, force: true });
  fs.mkdirSync(path.join(shotDir, String(w)), { recursive: true });
}

const t0 = Date.now();
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'check-book-profile-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Belt and braces: even a request the router never sees resolves nowhere.
      '--host-resolver-rules=MAP * ~NOTFOUND',
    ],
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
} catch (e) {
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`check-book: FAIL could not start ${CHROMIUM}: ${short(String(e.message || e), 300)}`);
  console.log(`check-book: ${pages.length} pages, 1 problem`);
  process.exit(2);
}

// Rule 1: the book may load nothing from anywhere but itself.
let current = '(startup)';
const reportedUrls = new Set(); // resource URLs already reported, to skip their echo in the console
const outside = new Map();      // page -> files it loaded from outside the book folder
function external(url) {
  if (reportedUrls.has(url)) return;
  reportedUrls.add(url);
  problem(current, `request to the network blocked: ${url}`);
}
await context.route('**/*', (route) => {
  const url = route.request().url();
  const s = scheme(url);
  if (s === 'file:') {
    try {
      const p = fileURLToPath(url.split('#')[0].split('?')[0]);
      if (!insideBook(p)) {
        if (!outside.has(current)) outside.set(current, new Set());
        outside.get(current).add(p);
      }
    } catch { /* odd file URL: let Chromium decide */ }
    return route.continue();
  }
  if (LOCAL_SCHEMES.has(s)) return route.continue();
  external(url);
  return route.abort('blockedbyclient');
});
context.on('request', (req) => { if (!LOCAL_SCHEMES.has(scheme(req.url()))) external(req.url()); });
await context.routeWebSocket?.(/.*/, (ws) => { external(ws.url()); ws.close(); });

// ---------------------------------------------------------------------------------
// Screenshots, and the theme's rules (5 to 8). Each rule is one function; the main
// loop calls them per page (5, 8) or once (6, 7).
// ---------------------------------------------------------------------------------

// A full-page screenshot in SCREENSHOT_DIR/WIDTH/. Doxygen's tree view scrolls inside
// #doc-content, so grow the window to the content's height first.
async function screenshot(page, name, viewport) {
  try {
    const height = await page.evaluate(() => {
      const dc = document.getElementById('doc-content');
      const inner = dc ? dc.getBoundingClientRect().top + dc.scrollHeight + 40 : 0;
      return Math.ceil(Math.max(document.documentElement.scrollHeight, inner));
    });
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height, viewport.height), MAX_SHOT_HEIGHT) });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(shotDir, String(viewport.width), name.replace(/\.html$/, '.png')), fullPage: true });
    await page.setViewportSize(viewport);
  } catch (e) {
    problem(name, `screenshot at ${viewport.width} px failed: ${short(String(e.message || e), 200)}`);
  }
}

// Waits until MathJax has typeset the page (formulas change the layout); rule 3
// itself is checked once, at 1280 px.
async function typeset(page) {
  await page.evaluate((timeoutMs) => new Promise((resolve) => {
    const MJ = window.MathJax;
    if (typeof MJ === 'undefined' || !MJ.Hub) return resolve();
    setTimeout(resolve, timeoutMs);
    // Once MathJax is ready, its queue runs an entry after the typesetting before it.
    const wait = () => (MJ.isReady ? MJ.Hub.Queue(() => resolve()) : setTimeout(wait, 50));
    wait();
  }), MATHJAX_TIMEOUT_MS);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

// Rule 5: the layout at one width.
async function checkLayout(page, name, viewport) {
  const phone = viewport.width < 768;
  let r;
  try {
    r = await page.evaluate(({ columns }) => {
      const describe = (el) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50);
        return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}>${text ? ` "${text}"` : ''}`;
      };
      // What scrolls sideways: the page itself, or #doc-content, in which Doxygen's
      // tree view puts the page. The culprit is the element reaching furthest right
      // that no scrolling box of its own (a fragment, a formula) holds.
      const sideways = [];
      const dc = document.getElementById('doc-content');
      for (const [label, el, width] of [['the page', document.documentElement, window.innerWidth],
        ['#doc-content', dc, dc ? dc.clientWidth : 0]]) {
        if (!el || el.scrollWidth <= width) continue;
        const edge = el === dc ? dc.getBoundingClientRect().left + width : width; // its right edge on screen
        let culprit = null;
        let right = edge;
        for (const e of el.querySelectorAll('body *')) {
          const box = e.getBoundingClientRect();
          if (box.width === 0 || box.right <= right) continue;
          let held = false;
          for (let a = e.parentElement; a && a !== el; a = a.parentElement) {
            const ox = getComputedStyle(a).overflowX;
            if (ox !== 'visible' && ox !== 'clip' && a.getBoundingClientRect().right <= edge) { held = true; break; }
          }
          if (!held) { culprit = e; right = box.right; }
        }
        sideways.push({ label, scrollWidth: el.scrollWidth, width, culprit: culprit ? describe(culprit) : '' });
      }
      const contents = document.querySelector('div.contents');
      const column = contents ? contents.getBoundingClientRect().width : 0;
      const side = document.getElementById('side-nav');
      const sideShown = !!side && side.checkVisibility() && side.getBoundingClientRect().width > 0;
      // Fragments: a line that wraps (taller than one line) or a box that scrolls.
      const fragments = [];
      for (const f of document.querySelectorAll('div.fragment')) {
        const lines = [...f.querySelectorAll('div.line')];
        const wrapped = lines.find((l) => l.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(l).lineHeight));
        fragments.push({
          first: (lines[0]?.textContent || f.textContent || '').trim().slice(0, 50),
          scrolls: f.scrollWidth > f.clientWidth, wrapped: wrapped ? wrapped.textContent.trim().slice(0, 50) : '',
        });
      }
      // A fragment of one 88-column line, placed where the text's fragments go.
      let probe = null;
      const host = document.querySelector('div.contents div.textblock') || contents;
      if (host) {
        const f = document.createElement('div');
        f.className = 'fragment';
        const line = document.createElement('div');
        line.className = 'line';
        line.textContent = 'x'.repeat(columns);
        f.append(line);
        host.append(f);
        probe = {
          scrolls: f.scrollWidth > f.clientWidth,
          wrapped: line.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(line).lineHeight),
          need: f.scrollWidth, have: f.clientWidth,
        };
        f.remove();
      }
      return { sideways, column, sideShown, fragments, probe };
    }, { columns: CODE_COLUMNS });
  } catch (e) {
    problem(name, `layout check at ${viewport.width} px failed: ${short(String(e.message || e), 200)}`);
    return;
  }
  const at = `at ${viewport.width} px`;
  for (const f of r.fragments) {
    if (f.wrapped) problem(name, `${at} a line of code wraps in its fragment: "${f.wrapped}"`);
  }
  for (const w of r.sideways) {
    problem(name, `${at} ${w.label} scrolls sideways (${w.scrollWidth} px wide in ${w.width})${w.culprit ? `, widest: ${w.culprit}` : ''}`);
  }
  if (phone) {
    if (r.column < PHONE_MIN_COLUMN) problem(name, `${at} the text column (div.contents) is ${Math.round(r.column)} px wide, less than ${PHONE_MIN_COLUMN}`);
    if (r.sideShown) problem(name, `${at} the side bar (#side-nav) is still shown; it must fold away`);
  } else {
    for (const f of r.fragments) {
      if (f.scrolls) problem(name, `${at} a fragment is wider than the column and scrolls: "${f.first}"`);
    }
    if (!r.probe) problem(name, `${at} no text column (div.contents) to measure`);
    else if (r.probe.scrolls || r.probe.wrapped) {
      problem(name, `${at} an ${CODE_COLUMNS}-column line of code does not fit a fragment (${r.probe.need} px needed, ${r.probe.have} px there${r.probe.wrapped ? ', it wraps' : ''})`);
    }
  }
  info(`${name}: ${at} text column ${Math.round(r.column)} px, ${r.fragments.length} fragments`);
}

// Rule 8: every CJK character drawn from the book's subset font. Each run of CJK
// characters of the visible text is put in a span of its own (after the screenshot),
// and Chromium tells which fonts drew each span's text.
async function checkCjkFonts(page, name) {
  let cdp;
  try {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const runs = await page.evaluate((source) => {
      const cjk = new RegExp(source, 'gu');
      const skip = 'script, style, noscript, textarea, title';
      const nodes = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest(skip)) continue;
        if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        cjk.lastIndex = 0;
        if (cjk.test(n.nodeValue)) nodes.push(n);
      }
      const texts = [];
      const svg = 'http://www.w3.org/2000/svg';
      for (const n of nodes) {
        const s = n.nodeValue;
        const parts = document.createDocumentFragment();
        let last = 0;
        for (const m of s.matchAll(cjk)) {
          parts.append(s.slice(last, m.index));
          const span = document.createElementNS(n.parentElement.namespaceURI === svg ? svg : 'http://www.w3.org/1999/xhtml',
            n.parentElement.namespaceURI === svg ? 'tspan' : 'span');
          span.setAttribute('data-cjk-probe', String(texts.length));
          span.textContent = m[0];
          parts.append(span);
          texts.push(m[0]);
          last = m.index + m[0].length;
        }
        parts.append(s.slice(last));
        n.replaceWith(parts);
      }
      return texts;
    }, CJK.source);
    if (runs.length === 0) return;
    cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-cjk-probe]' });
    if (nodeIds.length !== runs.length) problem(name, `CJK font check: ${runs.length} runs of CJK text, ${nodeIds.length} found again`);
    for (const nodeId of nodeIds) {
      const { attributes = [] } = await cdp.send('DOM.getAttributes', { nodeId });
      const text = runs[Number(attributes[attributes.indexOf('data-cjk-probe') + 1])] || '?';
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      if (!fonts.length) { problem(name, `CJK text "${short(text, 30)}" drawn from no font`); continue; }
      for (const f of fonts) {
        if (!f.isCustomFont) {
          problem(name, `CJK text "${short(text, 30)}": ${f.glyphCount} glyph${f.glyphCount === 1 ? '' : 's'} from the system font "${f.familyName}", not the book's font (fonts/book-cjk, @font-face "Book CJK Serif" in book.css)`);
        }
      }
    }
    info(`${name}: ${runs.length} runs of CJK text, all in the book's font`);
  } catch (e) {
    problem(name, `CJK font check failed: ${short(String(e.message || e), 200)}`);
  } finally {
    if (cdp) await cdp.detach().catch(() => {});
  }
}

// The reading order of docs/mainpage.md, read the way CMakeLists.txt reads it: the
// chapters are its "N. \subpage NAME" lines, the appendices its "- \subpage NAME" lines.
function readingOrder() {
  let text = '';
  try { text = fs.readFileSync(MAINPAGE, 'utf8'); } catch (e) {
    problem('(reading order)', `cannot read ${MAINPAGE}: ${e.message}`);
  }
  const chapters = [];
  const appendices = [];
  for (const line of text.split('\n')) {
    let m = /^[0-9]+\. +\\subpage +([a-z0-9_]+)/.exec(line);
    if (m) chapters.push(m[1]);
    m = /^- +\\subpage +([a-z0-9_]+)/.exec(line);
    if (m) appendices.push(m[1]);
  }
  if (!chapters.length) problem('(reading order)', `${MAINPAGE} lists no chapter`);
  const letter = (i) => String.fromCharCode(65 + i);
  return [
    { kind: 'chapter', pages: chapters.map((n, i) => ({ name: n, number: `Chapter ${i + 1}.` })) },
    { kind: 'appendix', pages: appendices.map((n, i) => ({ name: n, number: `Appendix ${letter(i)}.` })) },
  ];
}

// Rule 6: numbers and previous/next links, from the order alone.
function checkReadingOrder(order) {
  let navtree = '';
  try { navtree = fs.readFileSync(path.join(htmlDir, 'navtreedata.js'), 'utf8'); } catch { /* reported below */ }
  for (const { kind, pages: seq } of order) {
    seq.forEach(({ name, number }, i) => {
      const page = `${name}.html`;
      const seen = pagerByPage.get(page);
      if (!seen) { problem(page, `the ${kind} ${name} of docs/mainpage.md has no page (or it did not load)`); return; }
      if (!seen.title.startsWith(`${number} `)) problem(page, `the title "${short(seen.title, 60)}" does not start with "${number}"`);
      if (!seen.docTitle.includes(`${number} `)) problem(page, `the window title "${short(seen.docTitle, 60)}" lacks "${number}"`);
      const escaped = number.replace(/[.]/g, '\\.');
      if (!new RegExp(`\\[ "${escaped} [^"]*", "${name}\\.html"`).test(navtree)) {
        problem(page, `the navigation tree (navtreedata.js) does not show it as "${number} ..."`);
      }
      for (const [rel, want] of [['prev', seq[i - 1]], ['next', seq[i + 1]]]) {
        const links = seen[rel];
        const word = rel === 'prev' ? 'previous' : 'next';
        if (!want) {
          if (links.length) problem(page, `the ${i === 0 ? 'first' : 'last'} ${kind} has a ${word} link (to ${links[0]})`);
        } else if (!links.length) {
          problem(page, `no ${word} link (rel="${rel}") to ${want.name}.html`);
        } else {
          for (const l of new Set(links)) if (l !== `${want.name}.html`) problem(page, `its ${word} link goes to ${l}, not ${want.name}.html`);
        }
      }
    });
  }
}

// Rule 7: only the book's pages, and navigation that points at them.
function checkLeftovers(order) {
  const book = new Set(['index.html', ...OTHER_BOOK_PAGES]);
  for (const { pages: seq } of order) for (const { name } of seq) book.add(`${name}.html`);
  const why = (f) => /^dir_/.test(f) ? 'a Doxygen directory page'
    : /^graph_legend/.test(f) ? "Doxygen's graph legend"
    : f === 'pages.html' ? 'Doxygen\'s "Related Pages" index'
    : 'not the front page, nor a chapter or appendix of docs/mainpage.md';
  for (const f of pages) if (!book.has(f)) problem(f, `a page that is not part of the book: ${why(f)}`);
  for (const f of fs.readdirSync(htmlDir)) {
    if (/^(graph_legend|dir_)/.test(f) && !f.endsWith('.html')) problem(f, `a leftover file: ${why(f)}`);
  }
  // The navigation's data: the tree, its index and the menu.
  const data = fs.readdirSync(htmlDir).filter((f) => /^(navtreedata|navtreeindex\d*|menudata)\.js$/.test(f));
  for (const f of data) {
    const text = fs.readFileSync(path.join(htmlDir, f), 'utf8');
    for (const m of text.matchAll(/"([^"\s]+\.html)(#[^"]*)?"/g)) {
      if (!fs.existsSync(path.join(htmlDir, m[1]))) problem(f, `the navigation points at ${m[1]}, which is not there`);
      else if (!book.has(m[1])) problem(f, `the navigation points at ${m[1]}, ${why(m[1])}`);
    }
  }
}

// Rule 11: every verdict box is one of the three kinds docs/verdicts.css draws (a
// verified formula, a negative control rejected as required, a blind spot shown on
// purpose), says so in its head, and no box of the old single kind is left.
const VERDICT_KINDS = { check: 'Verified', control: 'Negative control', 'blind-spot': 'Blind spot' };
function checkVerdictBoxes() {
  for (const f of pages) {
    const html = fs.readFileSync(path.join(htmlDir, f), 'utf8');
    if (/<div class="verification (verified|rejected)"/.test(html)) problem(f, 'a verdict box of the old kind (div.verification)');
    for (const m of html.matchAll(/<div class="verdict-box([^"]*)"[^>]*>(.{0,400})/gs)) {
      const kinds = Object.keys(VERDICT_KINDS).filter((k) => m[1].split(/\s+/).includes(`verdict-${k}`));
      const id = (/id="([^"]+)"/.exec(m[0]) || [])[1] || '(no id)';
      if (kinds.length !== 1) { problem(f, `verdict box ${id} is of ${kinds.length} kinds (${m[1].trim()}), not one`); continue; }
      const head = m[2].replace(/<[^>]+>/g, ' ');
      if (!head.includes(VERDICT_KINDS[kinds[0]])) problem(f, `verdict box ${id} of kind ${kinds[0]} does not say "${VERDICT_KINDS[kinds[0]]}" in its head`);
    }
  }
}

// Opens one page at one size, reporting rule 2's problems as they come.
async function openPage(name, url, viewport, failedFiles) {
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  await page.setViewportSize(viewport);
  // Rule 2: console errors, page errors, failed requests, missing files.
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location()?.url || '';
    if (/^Failed to load resource/.test(msg.text()) && (reportedUrls.has(loc) || scheme(loc) === 'file:')) return;
    problem(name, `console error: ${short(msg.text(), 200)}${loc && loc !== url ? ` (at ${scheme(loc) === 'file:' ? rel(loc) : loc})` : ''}`);
  });
  page.on('pageerror', (err) => {
    problem(name, `uncaught error: ${short(String(err.message || err), 200)}`);
  });
  page.on('requestfailed', (req) => {
    const u = req.url();
    if (reportedUrls.has(u)) return;
    const why = req.failure()?.errorText || 'failed';
    if (scheme(u) === 'file:') {
      failedFiles.set(u, why); // reported after the page, unless an image/figure check names it first
    } else if (LOCAL_SCHEMES.has(scheme(u))) {
      problem(name, `request failed: ${short(u, 100)} (${why})`);
    } else {
      external(u);
    }
  });
  page.on('websocket', (ws) => external(ws.url()));

  try {
    await page.goto(url, { waitUntil: 'load' });
  } catch (e) {
    problem(name, `did not load at ${viewport.width} px: ${short(String(e.message || e), 200)}`);
    await page.close();
    return null;
  }
  return page;
}

const anchorsByFile = new Map(); // absolute path -> Set of ids/names, after typesetting
const linksByPage = new Map();   // page -> [{href, abs, text}]
const externalLinks = new Map(); // url -> Set of pages
const pagerByPage = new Map();   // page -> {title, docTitle, prev: [file], next: [file]}
const timings = [];
const order = readingOrder();
checkLeftovers(order);
checkVerdictBoxes();

for (const name of pages) {
  current = name;
  reportedUrls.clear(); // each page reports its own blocked requests
  const file = path.join(htmlDir, name);
  const url = pathToFileURL(file).href;
  const source = fs.readFileSync(file, 'utf8');
  const tPage = Date.now();
  const failedFiles = new Map(); // file:// URL -> Chromium's error text
  const page = await openPage(name, url, VIEWPORT, failedFiles);
  if (!page) continue;

  // Rule 3: every formula typeset, without error.
  const hasMath = SOURCE_MATH.test(source);
  const mj = await page.evaluate(async (timeoutMs) => {
    if (typeof window.MathJax === 'undefined' || !window.MathJax.Hub) return { loaded: false };
    const MJ = window.MathJax;
    const parseErrors = [];
    const processingErrors = [];
    MJ.Hub.Register.MessageHook('TeX Jax - parse error', (m) => parseErrors.push({ msg: String(m[1]), tex: String(m[2]) }));
    MJ.Hub.Register.MessageHook('Math Processing Error', (m) => processingErrors.push(String(m[2] && m[2].message || m[2] || '')));
    const done = new Promise((resolve) => {
      MJ.Hub.Register.StartupHook('End', () => {
        MJ.Hub.Queue(['Require', MJ.Ajax, '[MathJax]/extensions/toMathML.js'], () => resolve(true));
      });
    });
    const finished = await Promise.race([done, new Promise((r) => setTimeout(() => r(false), timeoutMs))]);
    if (!finished) return { loaded: true, finished: false };
    const jaxes = MJ.Hub.getAllJax();
    const formulas = [];
    for (const j of jaxes) {
      let mml = '';
      try { mml = j.root.toMathML(''); } catch (e) { mml = `toMathML failed: ${e.message}`; }
      const merr = /<merror[^>]*>([\s\S]*?)<\/merror>/.exec(mml);
      formulas.push({
        tex: j.originalText,
        texError: !!j.texError || !!merr,
        message: merr ? merr[1].replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : '',
        badRef: /\?\?\?/.test(mml),
      });
    }
    const rendered = document.querySelectorAll('.MathJax_SVG, .MathJax_SVG_Display, .MathJax_SVG_Box').length;
    return { loaded: true, finished: true, formulas, rendered, parseErrors, processingErrors };
  }, MATHJAX_TIMEOUT_MS);

  if (!mj.loaded) {
    if (hasMath) problem(name, 'the page has formulas but MathJax did not load');
  } else if (!mj.finished) {
    problem(name, `MathJax did not finish typesetting within ${MATHJAX_TIMEOUT_MS / 1000} s`);
  } else {
    for (const f of mj.formulas) {
      if (f.texError) problem(name, `TeX error in formula "${short(f.tex, 60)}": ${f.message || 'merror'}`);
      else if (f.badRef) problem(name, `unresolved equation reference (???) in formula "${short(f.tex, 60)}"`);
    }
    for (const e of mj.parseErrors) {
      if (!mj.formulas.some((f) => f.texError && f.tex === e.tex)) problem(name, `TeX error in formula "${short(e.tex, 60)}": ${e.msg}`);
    }
    for (const e of mj.processingErrors) problem(name, `MathJax processing error: ${short(e, 200)}`);
    if (hasMath && mj.rendered === 0) problem(name, `the page has formulas in its source but MathJax rendered none (${mj.formulas.length} formulas found)`);
    info(`${name}: ${mj.formulas.length} formulas, ${mj.rendered} rendered`);
  }

  // Rule 3 again, as a reader sees it; rule 4's raw material; the anchors of this page.
  const dom = await page.evaluate((delims) => {
    const skip = 'pre, code, div.fragment, script, style, noscript, textarea, .MathJax_SVG, .MathJax_SVG_Display';
    const leftovers = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest(skip)) continue;
      if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const t = n.nodeValue;
      for (const d of delims) {
        const i = t.indexOf(d);
        if (i >= 0) { leftovers.push({ delim: d, context: t.slice(Math.max(0, i - 30), i + 50) }); break; }
      }
    }
    const text = document.body.innerText;
    const mpe = text.includes('Math Processing Error');
    const links = [];
    for (const a of document.querySelectorAll('a[href], a[*|href]')) {
      let href = a.getAttribute('href');
      if (href == null) href = a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
      if (href == null) continue;
      let abs = '';
      try { abs = new URL(href, document.baseURI).href; } catch { abs = ''; }
      links.push({ href, abs, text: (a.textContent || '').trim().slice(0, 60) });
    }
    const images = [...document.images].map((img) => ({
      src: img.getAttribute('src') || '', abs: img.currentSrc || img.src, ok: img.complete && img.naturalWidth > 0,
    }));
    const objects = [...document.querySelectorAll('object[data], embed[src], iframe[src]')].map((o) => {
      const raw = o.getAttribute('data') ?? o.getAttribute('src');
      let abs = ''; try { abs = new URL(raw, document.baseURI).href; } catch { abs = ''; }
      return { tag: o.tagName.toLowerCase(), src: raw, abs };
    });
    const anchors = new Set();
    for (const el of document.querySelectorAll('[id]')) anchors.add(el.id);
    for (const el of document.querySelectorAll('a[name]')) anchors.add(el.getAttribute('name'));
    const rel = (r) => [...document.querySelectorAll(`a[rel~="${r}"]`)].map((a) => a.href);
    const pager = {
      title: (document.querySelector('div.header div.title')?.textContent || '').replace(/\s+/g, ' ').trim(),
      docTitle: document.title, prev: rel('prev'), next: rel('next'),
    };
    return { leftovers, mpe, links, images, objects, anchors: [...anchors], pager };
  }, TEX_DELIMITERS);

  for (const l of dom.leftovers) problem(name, `untypeset TeX in the visible text (${l.delim}): "${short(l.context)}"`);
  if (dom.mpe) problem(name, 'the page shows "Math Processing Error"');
  anchorsByFile.set(file, new Set(dom.anchors));
  linksByPage.set(name, dom.links);
  pagerByPage.set(name, {
    ...dom.pager,
    prev: dom.pager.prev.map((u) => rel(u)), next: dom.pager.next.map((u) => rel(u)),
  });

  const handled = new Set();
  for (const img of dom.images) {
    if (img.ok) continue;
    handled.add(img.abs);
    if (!LOCAL_SCHEMES.has(scheme(img.abs)) && reportedUrls.has(img.abs)) continue; // already: request blocked
    const missing = scheme(img.abs) === 'file:' && !fs.existsSync(fileURLToPath(img.abs.split('#')[0].split('?')[0]));
    problem(name, `image did not load: ${img.src}${missing ? ' (no such file)' : ''}`);
  }
  for (const o of dom.objects) {
    const s = scheme(o.abs);
    if (o.src.startsWith('javascript:')) continue;
    if (s === 'file:') {
      const p = fileURLToPath(o.abs.split('#')[0].split('?')[0]);
      if (!fs.existsSync(p)) { handled.add(o.abs); problem(name, `<${o.tag}> figure missing: ${o.src} (no such file)`); }
    } else if (!LOCAL_SCHEMES.has(s)) {
      problem(name, `<${o.tag}> embeds a non-local resource: ${o.src}`);
    }
  }

  // Rules 5 and 8 at 1280 px, the screenshot, then rule 5 on a phone.
  await checkLayout(page, name, VIEWPORT);
  await screenshot(page, name, VIEWPORT);
  await checkCjkFonts(page, name);
  await page.close();

  const phone = await openPage(name, url, PHONE, failedFiles);
  if (phone) {
    await typeset(phone);
    await checkLayout(phone, name, PHONE);
    await screenshot(phone, name, PHONE);
    await phone.close();
  }

  for (const [u, why] of failedFiles) {
    if (handled.has(u)) continue;
    const p = (() => { try { return fileURLToPath(u.split('#')[0].split('?')[0]); } catch { return null; } })();
    if (p && !fs.existsSync(p)) problem(name, `missing file: ${rel(u)} (requested by the page)`);
    else problem(name, `request failed: ${rel(u)} (${why})`);
  }
  const out = outside.get(name);
  if (out) {
    const [first] = out;
    problem(name, `loads ${out.size} file${out.size === 1 ? '' : 's'} from outside the book folder, first ${first} (breaks once the book is published)`);
  }
  timings.push([name, Date.now() - tPage]);
  info(`${name}: checked in ${Date.now() - tPage} ms`);
}

// Rule 9: the book's search (docs/search), as a reader uses it: from index.html
// opened as a file, each query typed into the one search box; its first hit must be
// on the expected page, under a heading that names the subject, with the matched
// words marked, and Enter must open that hit at an anchor that exists. The first
// hit each query must give: its page, and a heading naming the subject.
const SEARCH_EXPECTED = [
  { query: 'jacobian', page: 'softmax_cross_entropy.html', heading: /jacobian/i },
  { query: 'complex step', page: 'checking_gradients.html', heading: /complex step/i },
  { query: 'sigmoid', page: 'softmax_cross_entropy.html', heading: /sigmoid/i },
  { query: 'kink', page: 'checking_gradients.html', heading: /kink/i },
];

async function searchOnce(page, want, label) {
  const start = pathToFileURL(path.join(htmlDir, 'index.html')).href;
  await page.goto(start, { waitUntil: 'load' });
  const boxes = await page.evaluate(() => ({
    ours: document.querySelectorAll('#book-search input').length,
    doxygen: document.querySelectorAll('#MSearchBox, #MSearchField').length,
  }));
  if (boxes.doxygen > 0) problem(label, "Doxygen's own search box is on the page too (SEARCHENGINE must be NO)");
  if (boxes.ours !== 1) { problem(label, `${boxes.ours} search boxes (#book-search input) on index.html, expected 1`); return; }
  await page.click('#book-search input');
  await page.keyboard.type(want.query, { delay: 25 });
  await page.waitForFunction((q) => document.getElementById('book-search-results')?.dataset.query === q, want.query);
  const hits = await page.evaluate(() => [...document.querySelectorAll('#book-search-results a.book-search-hit')].map((a) => ({
    href: a.href,
    page: a.querySelector('.book-search-page')?.textContent || '',
    section: a.querySelector('.book-search-section')?.textContent || '',
    marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    visible: a.checkVisibility(),
  })));
  await page.screenshot({ path: path.join(shotDir, `search-${want.query.replace(/\W+/g, '_')}.png`) });
  if (hits.length === 0) { problem(label, 'no hits shown'); return; }
  const first = hits[0];
  const where = `${rel(first.href)}${new URL(first.href).hash} ("${first.page}${first.section ? ` › ${first.section}` : ''}")`;
  info(`${label}: ${hits.length} hits, first ${where}, marked ${JSON.stringify(first.marks.slice(0, 3))}`);
  if (rel(first.href) !== want.page) problem(label, `first hit is ${where}, expected a section of ${want.page}`);
  else if (!want.heading.test(first.section || first.page)) problem(label, `first hit is ${where}, expected a heading matching ${want.heading}`);
  if (!first.visible) problem(label, 'the first hit is not visible');
  if (first.marks.length === 0) problem(label, "the first hit's snippet marks no matched word");
  await page.keyboard.press('Enter');
  await page.waitForURL(first.href, { waitUntil: 'load' });
  const hash = decodeURIComponent(new URL(first.href).hash.slice(1));
  const found = await page.evaluate((id) => !id || !!document.getElementById(id) || !!document.getElementsByName(id).length, hash);
  if (!found) problem(label, `Enter opened ${rel(first.href)}, which has no anchor "${hash}"`);
}

async function checkSearch() {
  for (const want of SEARCH_EXPECTED) {
    const label = `search "${want.query}"`;
    current = label;
    reportedUrls.clear();
    const tSearch = Date.now();
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT_MS);
    page.on('console', (msg) => { if (msg.type() === 'error') problem(label, `console error: ${short(msg.text(), 200)}`); });
    page.on('pageerror', (err) => problem(label, `uncaught error: ${short(String(err.message || err), 200)}`));
    try {
      await searchOnce(page, want, label);
    } catch (e) {
      problem(label, `could not search: ${short(String(e.message || e), 200)}`);
    } finally {
      await page.close();
    }
    const out = outside.get(label);
    if (out) problem(label, `loads ${out.size} file(s) from outside the book folder, first ${[...out][0]}`);
    timings.push([label, Date.now() - tSearch]);
    info(`${label}: checked in ${Date.now() - tSearch} ms`);
  }
}

// Rule 10: the print edition (docs/print), build/book/book.pdf next to the HTML, or
// CHECK_BOOK_PDF. Read with pdftotext: every page of the reading order (front page,
// the numbered chapters and the appendices of docs/mainpage.md) starts a page of the
// PDF with its title, in that order; no page shows TeX source (a formula MathJax did
// not typeset); a page with Chinese text embeds a font for it (no boxes); the PDF has
// a bookmark for each page of the reading order, in that order; every sheet shows its
// number (docs/print/join-pdf writes "— n —" at the foot of sheet n).
function checkPrintEdition() {
  const tPrint = Date.now();
  const pdf = path.resolve(process.env.CHECK_BOOK_PDF || path.join(htmlDir, '..', 'book.pdf'));
  const label = path.basename(pdf);
  if (!fs.existsSync(pdf)) { problem(label, `no print edition at ${pdf} (make book writes it)`); return; }
  let text;
  try {
    text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    problem(label, e.code === 'ENOENT' ? 'pdftotext not found (Debian package poppler-utils)' : `pdftotext failed: ${short(String(e.stderr || e.message), 200)}`);
    return;
  }
  const sheets = text.split('\f');
  if (sheets.length > 0 && sheets[sheets.length - 1].trim() === '') sheets.pop();
  const unnumbered = sheets.map((s, i) => (new RegExp(`\u2014\\s*${i + 1}\\s*\u2014`).test(s) ? 0 : i + 1)).filter((n) => n > 0);
  if (unnumbered.length > 0) {
    problem(label, `${unnumbered.length} of ${sheets.length} sheets do not show their number, first sheet ${unnumbered[0]} (docs/print/join-pdf numbers them)`);
  }
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const decode = (s) => s.replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

  const mainpage = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/mainpage.md');
  const order = ['index'];
  for (const line of fs.readFileSync(mainpage, 'utf8').split('\n')) {
    const m = /^(?:\d+\.|-) +\\subpage +([a-z0-9_]+)/.exec(line);
    if (m) order.push(m[1]);
  }
  let last = -1;
  const bookmarks = []; // the title of each page as its bookmark shows it, in order
  for (const name of order) {
    const file = path.join(htmlDir, `${name}.html`);
    if (!fs.existsSync(file)) { problem(label, `the reading order names ${name}, but there is no ${name}.html`); continue; }
    const source = fs.readFileSync(file, 'utf8');
    // The title's text, without the number finish_book.py puts before it.
    const m = /<div class="title">(?:<span class="book-number">([^<]*)<\/span>\s*)?([^<]*)<\/div>/.exec(source);
    if (!m) { problem(label, `${name}.html has no title to look for in the PDF`); continue; }
    const title = norm(decode(m[2]));
    bookmarks.push(norm(`${m[1] ? decode(m[1]) : ''} ${title}`));
    // A page's first line is its title, after its number ("Chapter 1.", "Appendix A.");
    // a long title wraps, so the next lines are read while they continue the title.
    const first = (s) => {
      let text = '';
      for (const line of s.split('\n').filter((l) => l.trim()).slice(0, 3)) {
        text = norm(`${text} ${line}`).replace(/^(?:Chapter \d+|Appendix [A-Z])\.\s*/, '');
        if (text === title || !title.startsWith(`${text} `)) break;
      }
      return text;
    };
    const at = sheets.findIndex((s, i) => i > last && first(s) === title);
    if (at < 0) {
      const anywhere = sheets.findIndex((s) => first(s) === title);
      problem(label, `no page ${last >= 0 ? `after page ${last + 1} ` : ''}starts with the title "${title}" of ${name}.html${anywhere >= 0 ? ` (page ${anywhere + 1} does: out of order)` : ''}`);
      continue;
    }
    info(`${label}: "${title}" starts on page ${at + 1}`);
    last = at;
  }

  // The bookmarks (docs/print/join-pdf): one for each page of the reading order, its
  // title as numbered, in that order. pypdf writes the outline's items as plain
  // objects in the order it makes them: each page's item, then the page's headings.
  const raw = fs.readFileSync(pdf).toString('latin1');
  const pdfString = (t) => {
    if (t.startsWith('<')) {
      const hex = t.slice(1, -1).replace(/\s+/g, '');
      const bytes = Buffer.from(hex, 'hex');
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
      return bytes.toString('latin1');
    }
    return t.slice(1, -1).replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e) => (/^[0-7]/.test(e)
      ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[e] ?? e)));
  };
  const marks = [...raw.matchAll(/\/Title\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g)].map((m) => norm(pdfString(m[1])));
  let mark = -1;
  for (const want of bookmarks) {
    const at = marks.findIndex((t, i) => i > mark && t === want);
    if (at < 0) {
      problem(label, `no bookmark "${want}"${mark >= 0 ? ` after "${marks[mark]}"` : ''} (docs/print/join-pdf writes one for each page)`);
      continue;
    }
    mark = at;
  }
  if (mark >= 0) info(`${label}: ${bookmarks.length} pages bookmarked in reading order, ${marks.length} titles in all`);

  const RAW_TEX = /\\(?:begin|end)\{|\\f[$[\]{}]|\\(?:frac|tfrac|dfrac|sqrt|partial|sum|prod|hat|mathbf|mathrm|operatorname|label|eqref|ref|left|right|quad|qquad|cdot|times|text|varepsilon|theta|sigma|ln|exp)\b|\\[()[\]]/;
  let shown = 0;
  sheets.forEach((s, i) => {
    const m = RAW_TEX.exec(s);
    if (m && shown++ < 5) problem(label, `page ${i + 1} shows TeX source (${m[0]}): "${short(s.slice(Math.max(0, m.index - 30), m.index + 50))}"`);
  });
  if (shown > 5) problem(label, `${shown} pages in all show TeX source`);

  // Chinese text must be drawn with a font that has its glyphs, not as boxes. The
  // text alone cannot tell: pdftotext reads the characters back even from boxes.
  // A page with Chinese text must embed a font that fontconfig says covers Chinese,
  // or one that is no system font at all (a web font the book ships).
  const hanPages = sheets.map((p, i) => (/\p{Script=Han}/u.test(p) ? i + 1 : 0)).filter((p) => p > 0);
  let cjkFonts = null;
  let systemFonts = null;
  const fcNames = (pattern) => new Set(execFileSync('fc-list', [pattern, 'postscriptname'], { encoding: 'utf8' })
    .split('\n').map((l) => l.replace(/^:postscriptname=/, '').trim()).filter(Boolean));
  try {
    cjkFonts = fcNames(':lang=zh');
    systemFonts = fcNames(':');
  } catch (e) {
    problem(label, `fc-list failed, cannot tell which fonts draw Chinese: ${short(String(e.message), 120)}`);
  }
  const boxed = [];
  const boxFonts = new Set();
  for (const p of cjkFonts ? hanPages : []) {
    let fonts = [];
    try {
      fonts = execFileSync('pdffonts', ['-f', String(p), '-l', String(p), pdf], { encoding: 'utf8' })
        .split('\n').slice(2).map((l) => l.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, '')).filter(Boolean);
    } catch (e) {
      problem(label, `pdffonts failed on page ${p}: ${short(String(e.stderr || e.message), 120)}`);
      break;
    }
    if (!fonts.some((f) => cjkFonts.has(f) || !systemFonts.has(f))) {
      boxed.push(p);
      for (const f of fonts) boxFonts.add(f);
    }
  }
  if (boxed.length > 0) {
    problem(label, `page${boxed.length === 1 ? '' : 's'} ${boxed.join(', ')} of the PDF show Chinese text without a font ` +
      `that has its glyphs (only ${[...boxFonts].join(', ')}): the book needs a CJK font (fonts-noto-cjk, or one of its own)`);
  }
  info(`${label}: ${sheets.length} pages, ${hanPages.length} with Chinese text, checked in ${Date.now() - tPrint} ms`);
}

await checkSearch();
checkPrintEdition();

current = '(shutdown)';
await context.close();
fs.rmSync(profile, { recursive: true, force: true });

checkReadingOrder(order);

// Rule 4: links and anchors, resolved once every page's anchors are known.
const staticAnchors = new Map();
function anchorsOf(p) {
  if (anchorsByFile.has(p)) return anchorsByFile.get(p);
  if (!staticAnchors.has(p)) {
    const html = fs.readFileSync(p, 'utf8');
    const set = new Set();
    for (const m of html.matchAll(/\s(?:id|name)\s*=\s*["']([^"']+)["']/g)) set.add(m[1]);
    staticAnchors.set(p, set);
  }
  return staticAnchors.get(p);
}
for (const [name, links] of linksByPage) {
  for (const l of links) {
    const s = scheme(l.abs);
    if (s === 'http:' || s === 'https:') {
      if (!externalLinks.has(l.abs)) externalLinks.set(l.abs, new Set());
      externalLinks.get(l.abs).add(name);
      continue;
    }
    if (s === 'javascript:' || s === 'mailto:' || s === 'data:') continue;
    if (s !== 'file:') { problem(name, `link with an unexpected scheme: ${l.href}`); continue; }
    const u = new URL(l.abs);
    const hash = decodeURIComponent(u.hash.slice(1));
    u.hash = ''; u.search = '';
    const target = fileURLToPath(u.href);
    const label = l.text ? ` ("${short(l.text, 40)}")` : '';
    if (!insideBook(target)) { problem(name, `link leaves the book folder: ${l.href}${label}`); continue; }
    if (!fs.existsSync(target)) { problem(name, `broken link: ${l.href}${label} (no such file: ${rel(u.href)})`); continue; }
    if (!hash || !/\.x?html?$/.test(target) || fs.statSync(target).isDirectory()) continue;
    if (!anchorsOf(target).has(hash)) problem(name, `broken anchor: ${l.href}${label} (no id or name "${hash}" in ${rel(u.href)})`);
  }
}
if (verbose) {
  for (const [u, where] of [...externalLinks].sort()) info(`external link (not followed): ${u} on ${[...where].join(', ')}`);
  info(`screenshots in ${shotDir}`);
}

const secs = ((Date.now() - t0) / 1000).toFixed(1);
const n = problems.length;
const shown = path.relative(process.cwd(), shotDir);
console.log(`check-book: ${secs} s, screenshots in ${!shown || shown.startsWith('..') ? shotDir : shown}`);
console.log(`check-book: ${pages.length} pages, ${n} problem${n === 1 ? '' : 's'}`);
process.exit(n === 0 ? 0 : 1);
