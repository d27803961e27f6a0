/* The book's search box. A page needs one line in its <head>:
 *
 *   <script type="text/javascript" src="book-search/book-search.js"></script>
 *
 * (in a custom Doxygen header: src="$relpath^book-search/book-search.js"). This
 * script adds its style sheet and the box: into an element with id "book-search"
 * if the page has one, else at the right of Doxygen's title area, else at the top
 * of the page. On the first use of the box it loads, from its own folder and by
 * <script> tags (which work from file://), lunr, the search engine and the prebuilt
 * index of the whole book; nothing is loaded from anywhere else.
 */
(function () {
  'use strict';
  const script = document.currentScript;
  const folder = new URL('.', script.src);   // .../book-search/
  const bookRoot = new URL('..', folder);     // the folder of the pages
  const MAX_HITS = 20;

  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = new URL('book-search.css', folder).href;
  document.head.appendChild(css);

  function load(file) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(file, folder).href;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`the search could not load ${file}`));
      document.head.appendChild(s);
    });
  }
  let engine = null;
  function ready() {
    if (!engine) {
      engine = load('lunr.min.js')
        .then(() => load('book-search-engine.js'))
        .then(() => load('book-search-index.js'))
        .then(() => {
          const data = window.BOOK_SEARCH_DATA;
          return { index: window.lunr.Index.load(data.index), docs: data.docs };
        });
    }
    return engine;
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // The snippet as text nodes and <mark>s: never innerHTML, the text is the book's.
  function snippetNode(snip) {
    const p = el('span', 'book-search-snippet');
    let at = 0;
    if (snip.before) p.appendChild(document.createTextNode('… '));
    for (const [s, e] of snip.marks) {
      p.appendChild(document.createTextNode(snip.text.slice(at, s)));
      p.appendChild(el('mark', '', snip.text.slice(s, e)));
      at = e;
    }
    p.appendChild(document.createTextNode(snip.text.slice(at)));
    if (snip.after) p.appendChild(document.createTextNode(' …'));
    return p;
  }

  function build() {
    let box = document.getElementById('book-search');
    if (!box) {
      box = el('div');
      box.id = 'book-search';
      const titleArea = document.getElementById('titlearea');
      if (titleArea) {
        box.classList.add('book-search-in-titlearea');
        titleArea.appendChild(box);
      } else {
        box.classList.add('book-search-floating');
        document.body.insertBefore(box, document.body.firstChild);
      }
    }
    box.setAttribute('role', 'search');
    const input = el('input', 'book-search-input');
    input.type = 'search';
    input.placeholder = 'Search the book';
    input.setAttribute('aria-label', 'Search the book');
    input.setAttribute('aria-controls', 'book-search-results');
    input.autocomplete = 'off';
    input.spellcheck = false;
    const panel = el('div', 'book-search-results');
    panel.id = 'book-search-results';
    panel.hidden = true;
    const status = el('div', 'book-search-status');
    status.setAttribute('aria-live', 'polite');
    const list = el('ol', 'book-search-hits');
    panel.appendChild(status);
    panel.appendChild(list);
    box.appendChild(input);
    box.appendChild(panel);

    let selected = -1;
    function select(i) {
      const items = list.querySelectorAll('a');
      if (items.length === 0) return;
      selected = (i + items.length) % items.length;
      items.forEach((a, j) => a.classList.toggle('book-search-selected', j === selected));
      items[selected].scrollIntoView({ block: 'nearest' });
    }

    let pending = 0;
    function run() {
      const text = input.value;
      const ticket = ++pending;
      if (text.trim() === '') { panel.hidden = true; return; }
      panel.hidden = false;
      status.textContent = 'Loading the index…';
      ready().then(({ index, docs }) => {
        if (ticket !== pending) return;
        const hits = window.BookSearch.search(index, docs, text, { limit: MAX_HITS, width: 180 });
        list.textContent = '';
        selected = -1;
        for (const hit of hits) {
          const a = el('a', 'book-search-hit');
          a.href = new URL(hit.doc.url, bookRoot).href;
          const where = el('span', 'book-search-where');
          where.appendChild(el('span', 'book-search-page', hit.doc.title));
          if (hit.doc.heading !== hit.doc.title) {
            where.appendChild(document.createTextNode(' › '));
            where.appendChild(el('span', 'book-search-section', hit.doc.heading));
          }
          a.appendChild(where);
          a.appendChild(snippetNode(hit.snippet));
          const li = el('li');
          li.appendChild(a);
          list.appendChild(li);
        }
        status.textContent = hits.length === 0 ? `Nothing in the book matches “${text.trim()}”.`
          : hits.length === MAX_HITS ? `The ${MAX_HITS} best of the matching sections:`
            : `${hits.length} section${hits.length === 1 ? '' : 's'}:`;
        panel.dataset.query = text; // what the shown hits answer (the browser check waits for it)
      }).catch((e) => {
        status.textContent = String(e.message || e);
        console.error(e);
      });
    }

    let timer = 0;
    input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 80); });
    input.addEventListener('focus', () => { ready().catch(() => {}); if (input.value.trim()) panel.hidden = false; });
    input.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown') { ev.preventDefault(); select(selected + 1); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); select(selected - 1); }
      else if (ev.key === 'Escape') { panel.hidden = true; input.blur(); }
      else if (ev.key === 'Enter') {
        const items = list.querySelectorAll('a');
        if (items.length > 0) { ev.preventDefault(); window.location.href = items[Math.max(selected, 0)].href; }
      }
    });
    list.addEventListener('click', () => { panel.hidden = true; });
    document.addEventListener('mousedown', (ev) => { if (!box.contains(ev.target)) panel.hidden = true; });
    document.addEventListener('keydown', (ev) => {
      const t = ev.target;
      const typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName));
      if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) { ev.preventDefault(); input.focus(); }
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', build);
  else build();
}());
