// Browser check of the built book: opens every top-level page of the HTML book in
// Debian's headless Chromium (offline, file:// only) and fails on
//   1. any request that is not file:// (or data:/blob:), or a file:// request
//      outside the book folder (it would break once the book is published);
//   2. a console error, an uncaught page error, a failed request or a missing file;
//   3. a formula left untypeset: TeX delimiters in the visible text, a MathJax
//      TeX error (merror), "Math Processing Error", an unresolved \eqref ("???"),
//      MathJax not finishing, or a page with math in its source and none rendered;
//   4. a broken internal link, anchor, image or embedded figure;
//   6. a search (docs/search) typed into the book's search box whose first hit is
//      not on the expected page and section, or that loads anything from outside;
//   7. a print edition (build/book/book.pdf, docs/print) missing, missing a page of
//      the reading order or out of order, showing TeX source or losing Chinese text;
// and saves a full-page screenshot of every page (and one of each search).
//
// usage: node check-book.mjs [--verbose] HTML_DIR SCREENSHOT_DIR
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
const MAX_SHOT_HEIGHT = 30_000;
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
fs.mkdirSync(shotDir, { recursive: true });

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

const anchorsByFile = new Map(); // absolute path -> Set of ids/names, after typesetting
const linksByPage = new Map();   // page -> [{href, abs, text}]
const externalLinks = new Map(); // url -> Set of pages
const timings = [];

for (const name of pages) {
  current = name;
  reportedUrls.clear(); // each page reports its own blocked requests
  const file = path.join(htmlDir, name);
  const url = pathToFileURL(file).href;
  const source = fs.readFileSync(file, 'utf8');
  const tPage = Date.now();
  const page = await context.newPage();
  const failedFiles = new Map(); // file:// URL -> Chromium's error text
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);

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
    problem(name, `did not load: ${short(String(e.message || e), 200)}`);
    await page.close();
    continue;
  }

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
    return { leftovers, mpe, links, images, objects, anchors: [...anchors] };
  }, TEX_DELIMITERS);

  for (const l of dom.leftovers) problem(name, `untypeset TeX in the visible text (${l.delim}): "${short(l.context)}"`);
  if (dom.mpe) problem(name, 'the page shows "Math Processing Error"');
  anchorsByFile.set(file, new Set(dom.anchors));
  linksByPage.set(name, dom.links);

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

  // Rule 5: a full-page screenshot. Doxygen's tree view scrolls inside #doc-content,
  // so grow the window to the content's height first.
  try {
    const height = await page.evaluate(() => {
      const dc = document.getElementById('doc-content');
      const inner = dc ? dc.getBoundingClientRect().top + dc.scrollHeight + 40 : 0;
      return Math.ceil(Math.max(document.documentElement.scrollHeight, inner));
    });
    await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(Math.max(height, VIEWPORT.height), MAX_SHOT_HEIGHT) });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: path.join(shotDir, name.replace(/\.html$/, '.png')), fullPage: true });
  } catch (e) {
    problem(name, `screenshot failed: ${short(String(e.message || e), 200)}`);
  }

  await page.close();
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

// Rule 6: the book's search (docs/search), as a reader uses it: from index.html
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

// Rule 7: the print edition (docs/print), build/book/book.pdf next to the HTML, or
// CHECK_BOOK_PDF. Read with pdftotext: every page of the reading order (front page,
// the numbered chapters and the appendices of docs/mainpage.md) starts a page of the
// PDF with its title, in that order; no page shows TeX source (a formula MathJax did
// not typeset); a page with Chinese text embeds a font for it (no boxes).
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
  for (const name of order) {
    const file = path.join(htmlDir, `${name}.html`);
    if (!fs.existsSync(file)) { problem(label, `the reading order names ${name}, but there is no ${name}.html`); continue; }
    const source = fs.readFileSync(file, 'utf8');
    const m = /<div class="title">([^<]*)<\/div>/.exec(source);
    if (!m) { problem(label, `${name}.html has no title to look for in the PDF`); continue; }
    const title = norm(decode(m[1]));
    const at = sheets.findIndex((s, i) => i > last && norm(s.split('\n').find((l) => l.trim()) || '') === title);
    if (at < 0) {
      const anywhere = sheets.findIndex((s) => norm(s.split('\n').find((l) => l.trim()) || '') === title);
      problem(label, `no page ${last >= 0 ? `after page ${last + 1} ` : ''}starts with the title "${title}" of ${name}.html${anywhere >= 0 ? ` (page ${anywhere + 1} does: out of order)` : ''}`);
      continue;
    }
    info(`${label}: "${title}" starts on page ${at + 1}`);
    last = at;
  }

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
