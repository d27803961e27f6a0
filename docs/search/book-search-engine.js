/* The book's full-text search, without its user interface: how text is cut into
 * words, how a reader's query becomes a lunr query, and what a hit shows. One file
 * for both sides, so that a word is cut and stemmed the same way when node builds
 * the index (build-index.js) and when the reader's browser searches it
 * (book-search.js).
 *
 * Node:    const BookSearch = require('./book-search-engine.js')(lunr);
 * Browser: loaded after lunr.min.js, it sets window.BookSearch.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory;
  else root.BookSearch = factory(root.lunr);
}(this, function (lunr) {
  'use strict';

  // A word is a run of letters, digits and underscores, so TeX (\frac{e^x}{g})
  // and code (coordinate_step(relative_step, x(i))) fall apart into their names.
  lunr.tokenizer.separator = /[^\p{L}\p{N}_]+/u;
  lunr.QueryLexer.termSeparator = lunr.tokenizer.separator;

  // An identifier such as smce_jacobian is found whole and by each of its parts;
  // the parts keep the whole identifier's position, which the hit then marks.
  function identifierParts(token) {
    const parts = token.toString().split('_').filter((p) => p.length > 0);
    if (parts.length < 2) return token;
    return [token].concat(parts.map((p) => token.clone(() => p)));
  }
  lunr.Pipeline.registerFunction(identifierParts, 'bookIdentifierParts');

  // Fields and their weights: a word in a section's heading counts most.
  const FIELDS = { heading: 8, title: 3, body: 1 };

  // The index of docs, each {url, title, heading, body}; the ref of docs[i] is "i".
  function buildIndex(docs) {
    return lunr(function () {
      this.pipeline.reset();
      this.pipeline.add(identifierParts, lunr.stopWordFilter, lunr.stemmer);
      this.searchPipeline.reset();
      this.searchPipeline.add(lunr.stemmer);
      this.ref('ref');
      for (const [field, boost] of Object.entries(FIELDS)) this.field(field, { boost });
      // d.boost (optional) weighs a whole section down or up, e.g. a file listing.
      docs.forEach((d, i) => this.add({ ref: String(i), title: d.title, heading: d.heading, body: d.body },
        { boost: d.boost || 1 }));
    });
  }

  // The words of a query, as the index holds them. The last word, unless followed
  // by a space, is still being typed and matches as a prefix.
  function queryWords(text) {
    const tokens = lunr.tokenizer(text);
    const typing = !/[^\p{L}\p{N}_]$/u.test(text);
    const words = [];
    tokens.forEach((t, i) => {
      const last = i === tokens.length - 1 && typing;
      const raw = t.toString();
      if (!last && lunr.stopWordFilter(t) === undefined) return;
      const stem = lunr.stemmer(t.clone()).toString();
      if (stem) words.push({ raw, stem, prefix: last });
    });
    return words;
  }

  // Every word required; the word being typed also scores once more when it is whole.
  function query(index, words) {
    const REQUIRED = lunr.Query.presence.REQUIRED;
    return index.query((q) => {
      for (const w of words) {
        q.term(w.stem, {
          usePipeline: false,
          presence: REQUIRED,
          wildcard: w.prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
        });
        if (w.prefix) q.term(w.stem, { usePipeline: false, boost: 2 });
      }
    });
  }

  // Where in a text each query word matches: one sorted list of [start, length] per
  // word. The text is cut and stemmed by the index's own pipeline, so these are the
  // places the index matched; the index itself keeps no positions, which would
  // triple its size. A text's words are stemmed once and kept.
  const stemCache = new Map();
  function stemmedTokens(text) {
    let list = stemCache.get(text);
    if (list) return list;
    list = [];
    for (const token of lunr.tokenizer(text)) {
      const stems = [];
      for (const part of [].concat(identifierParts(token))) {
        if (lunr.stopWordFilter(part) === undefined) continue;
        stems.push(lunr.stemmer(part.clone()).toString());
      }
      if (stems.length > 0) list.push({ position: token.metadata.position, stems });
    }
    if (stemCache.size > 500) stemCache.clear();
    stemCache.set(text, list);
    return list;
  }
  function positionsByWord(text, words) {
    const perWord = words.map(() => []);
    for (const { position, stems } of stemmedTokens(text)) {
      words.forEach((w, i) => {
        if (stems.some((s) => s === w.stem || (w.prefix && s.startsWith(w.stem)))) perWord[i].push(position);
      });
    }
    return perWord;
  }

  // How often the query's words stand next to each other, in its order, in a field
  // ("complex step", "complex-step"): a phrase counts more than scattered words.
  function phraseCount(perWord, text) {
    if (perWord.length < 2) return 0;
    let count = 0;
    for (const first of perWord[0]) {
      let end = first[0] + first[1];
      let whole = true;
      for (let i = 1; i < perWord.length && whole; i++) {
        const next = perWord[i].find((p) => p[0] >= end && p[0] - end <= 3 &&
          !/[.;:!?]/.test(text.slice(end, p[0])));
        if (next) end = next[0] + next[1];
        else whole = false;
      }
      if (whole) count++;
    }
    return count;
  }

  // Sorted [start, end) ranges, overlapping ones merged (a whole identifier and its
  // parts match at the same place).
  function merge(ranges) {
    const out = [];
    for (const r of ranges.slice().sort((a, b) => a[0] - b[0])) {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    }
    return out;
  }

  // About `width` characters of text, cut at spaces, around the first place where
  // the most query words are close together (perWord as from positionsByWord):
  // {text, marks: [[start, end], ...], before, after}.
  function snippet(text, perWord, width) {
    const all = [];
    perWord.forEach((list, word) => { for (const [s, l] of list) all.push({ s, l, word }); });
    all.sort((a, b) => a.s - b.s);
    let start = 0;
    let end = text.length;
    if (text.length > width) {
      let best = -1;
      for (const first of all) {
        const words = new Set(all.filter((m) => m.s >= first.s && m.s + m.l <= first.s + width * 0.7)
          .map((m) => m.word)).size;
        if (words > best) { best = words; start = first.s; }
      }
      start = Math.max(0, start - Math.round(width * 0.3));
      end = Math.min(text.length, start + width);
      start = Math.max(0, end - width);
      if (start > 0) { const sp = text.indexOf(' ', start); if (sp >= 0 && sp - start < 20) start = sp + 1; }
      if (end < text.length) { const sp = text.lastIndexOf(' ', end); if (sp > start && end - sp < 20) end = sp; }
    }
    const marks = merge(all.filter((m) => m.s >= start && m.s + m.l <= end)
      .map((m) => [m.s - start, m.s + m.l - start]));
    return { text: text.slice(start, end), marks, before: start > 0, after: end < text.length };
  }

  // The hits for a reader's text, best first: [{doc, score, phrase, snippet}].
  function search(index, docs, text, options) {
    const limit = (options && options.limit) || 20;
    const width = (options && options.width) || 200;
    const words = queryWords(text);
    if (words.length === 0) return [];
    const hits = query(index, words).map((r) => {
      const doc = docs[Number(r.ref)];
      const inBody = positionsByWord(doc.body, words);
      const inHeading = positionsByWord(doc.heading, words);
      const phrase = phraseCount(inBody, doc.body) + 4 * phraseCount(inHeading, doc.heading);
      const score = r.score * (phrase > 0 ? 1.5 + Math.min(phrase, 4) * 0.25 : 1);
      return { doc, score, phrase, snippet: snippet(doc.body, inBody, width) };
    });
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }

  return { buildIndex, queryWords, search, snippet, FIELDS };
}));
