/* Site search (see SEARCH.md): the site's own static index (build_tools/search.py),
   fetched piece by piece from the reader's first search, shown in Material's search markup
   (overrides/partials/site-search.html). No library, no request to another host.
   A query is cut into words exactly as the index was (words(), fold(): NFC, lower case,
   letters and digits; folded = no diacritics, "đ" -> "d"). For each folded word, each pair
   of adjacent words and each word typed with diacritics, the box fetches the one shard
   (index file) whose number is the term's hash: nothing else. Results hold the most of the
   query's words any record holds (all, unless a half-typed last word is no word of the
   index yet); they are ordered by how many of the query's adjacent pairs they hold (the
   query as a phrase), then by how many words match the typed diacritics, then by score
   (BM25, computed at build time). Only the five results shown have their details fetched
   ("Xem thêm kết quả" for five more).
   Keys: "/", "s", "f" or Ctrl-K open the box, arrows move between results, Escape closes. */
(function () {
  "use strict";
  var root = document.querySelector("[data-site-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var opener = document.querySelector(".site-search__open");
  var form = root.querySelector("form");
  var input = root.querySelector(".site-search__input");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var more = root.querySelector(".site-search__more");
  var filters = root.querySelector(".site-search__filters");
  var docPicker = root.querySelector(".site-search__doc");
  var docSelect = docPicker.querySelector("select");
  var T = JSON.parse(document.getElementById("site-search-strings").textContent);
  var bundle = new URL(root.getAttribute("data-index"), location.href).href;
  var site = bundle.replace(/search-index\/$/, ""); // the site's root URL
  var PAGE = 5; // results whose details are fetched at a time: bytes stay small
  var EXCERPT = 24; // words shown around the matches
  var LAND = "tim"; // the URL parameter carrying the query to the page a result opens
  var manifest = null; // promise of index.json
  var files = new Map(); // URL -> promise of its parsed content
  var queue = Promise.resolve();
  var latest = 0;
  var timer = 0;
  var results = []; // the ranked records the filters keep
  var ranked = []; // every ranked record of the query
  var kindFilter = ""; // "" = every kind
  var docFilter = -1; // the first record of the document kept, -1 = every document
  var documents = null; // promise of d.json: [[first record, URL, title], …]
  var shown = 0;
  var current = null; // the query the results answer
  var typed = ""; // the field's text the current results answer (data-for, for tests)

  // -- words: the same functions as build_tools/search.py (a test runs both) --
  function words(text) {
    var lowered = String(text).normalize("NFC").toLowerCase().normalize("NFC");
    var found = lowered.replace(/ð/g, "đ").match(/[\p{L}\p{N}]+/gu) || [];
    return found.map(iForY);
  }

  // A final y that Vietnamese may write i (after a consonant, alone in its rhyme: sỹ/sĩ,
  // kỹ/kĩ), read as i with its tone; not in "ay", "uy", "yê" nor y alone (SEARCH.md).
  var Y_AS_I = { "y": "i", "ý": "í", "ỳ": "ì", "ỷ": "ỉ", "ỹ": "ĩ", "ỵ": "ị" };
  function iForY(word) {
    return /^[bcdđghklmnprstvx]+[yýỳỷỹỵ]$/.test(word)
      ? word.slice(0, -1) + Y_AS_I[word.slice(-1)]
      : word;
  }

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }

  function fnv1a(term) {
    var bytes = new TextEncoder().encode(term);
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    }
    return hash;
  }
  // A word with diacritics lives in its folded word's shard (search.py shard_key()).
  function shardKey(term) {
    return term.indexOf(" ") >= 0 || term.charAt(0) === "=" ? term : fold(term);
  }
  // -- end words --

  // Vietnamese function words: found in nearly every section, so their lists are among
  // the largest of the index while they barely change the answer. A query that has other
  // words does not fetch them (their pairs with the next word still count). Typed without
  // diacritics, only forms that stand for no content word ("co" may be "cơ", "khi" "khí").
  var FUNCTION_WORDS = new Set([
    "và", "của", "các", "về", "với", "là", "được", "có", "những", "này", "để", "theo",
    "từ", "đến", "một", "đã", "thì", "mà", "ở", "cho", "trong", "hoặc", "tại", "nhằm",
    "va", "cac", "duoc", "nhung", "voi"
  ]);

  // Result kinds by the first segments of a page URL, most specific first: the same table
  // as build_tools/search.py KINDS (a test keeps them equal). Not stored in the index.
  var KINDS = [
    ["tien-do/nhiem-vu/", "Nhiệm vụ"],
    ["tien-do/don-vi/", "Đơn vị"],
    ["tien-do/chi-tieu/", "Chỉ tiêu"],
    ["van-ban/", "Văn bản"],
    ["chu-de/", "Chủ đề"],
    ["chi-tieu/", "Chỉ tiêu"],
    ["huong-dan/", "Hướng dẫn"]
  ];

  function kindOf(path) {
    for (var i = 0; i < KINDS.length; i++) {
      if (path.indexOf(KINDS[i][0]) === 0) return KINDS[i][1];
    }
    return "";
  }

  // Time the box spends working once the index's pieces have arrived (parsing, ranking,
  // showing), summed per query: data-work-ms on the result list (the benchmark reads it).
  var work = 0;
  function timed(fn) {
    return function () {
      var start = performance.now();
      try {
        return fn.apply(this, arguments);
      } finally {
        work += performance.now() - start;
      }
    };
  }

  function fetched(url, parse) {
    if (!files.has(url)) {
      var loading = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url);
        return response.text();
      }).then(timed(parse));
      files.set(url, loading);
      loading.catch(function () { files.delete(url); });
    }
    return files.get(url);
  }

  function load() {
    if (!manifest) {
      manifest = fetch(bundle + "index.json", { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error("index.json");
        return response.json();
      });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }

  // A shard: lines "term<TAB>postings" -> Map(term -> postings, still encoded).
  function parseShard(text) {
    var terms = new Map();
    text.split("\n").forEach(function (line) {
      var tab = line.indexOf("\t");
      if (tab > 0) terms.set(line.slice(0, tab), line.slice(tab + 1));
    });
    return terms;
  }

  // Postings: per record, the gap from the previous record number in base 36 (lower case)
  // then one character ":" (58) to "`" (96), its score 0..38. -> { n: record numbers,
  // s: their scores } as typed arrays (a common word's list holds thousands of records).
  function decode(postings) {
    var numbers = new Int32Array(postings.length >> 1); // a posting takes 2 characters or more
    var scores = new Uint8Array(numbers.length);
    var number = 0;
    var digits = 0;
    var k = 0;
    for (var i = 0; i < postings.length; i++) {
      var code = postings.charCodeAt(i);
      if (code >= 58 && code <= 96) { // a score ends a posting
        number += digits;
        numbers[k] = number;
        scores[k++] = code - 58;
        digits = 0;
      } else {
        digits = digits * 36 + (code <= 57 ? code - 48 : code - 87);
      }
    }
    return { n: numbers.subarray(0, k), s: scores.subarray(0, k) };
  }

  function postings(index, term) {
    var shard = fnv1a(shardKey(term)) & (index.shards - 1);
    var url = bundle + index.version + "/t/" + shard + ".txt";
    return fetched(url, parseShard).then(timed(function (terms) {
      var line = terms.get(term);
      if (line === undefined) return null;
      if (typeof line === "string") { // decoded once, on its first use
        line = decode(line);
        terms.set(term, line);
      }
      return line;
    }));
  }

  // What the reader typed -> words as written, folded, and which of them are fetched.
  // A last word of one letter still being typed ("duong s") is left out: it would fetch
  // the shard of every such letter and pair for nothing (a digit is kept: "KH-1").
  function toQuery(text) {
    var exact = words(text);
    var last = exact[exact.length - 1];
    if (exact.length > 1 && last.length === 1 && !/\d/.test(last) && !/\s$/.test(text)) {
      exact.pop();
    }
    var content = exact.filter(function (w) { return !FUNCTION_WORDS.has(w); });
    return {
      text: text,
      alternatives: exact.map(function () { return []; }), // set by find()
      exact: exact,
      folded: exact.map(fold),
      fetch: exact.map(function (w) { return !content.length || !FUNCTION_WORDS.has(w); })
    };
  }

  // A record's kind, from the ranges index.json lists (records are grouped by kind).
  function kindAt(index, number) {
    var kinds = index.kinds || [];
    var k = kinds.length - 1;
    while (k >= 0 && kinds[k][1] > number) k--;
    return k >= 0 ? kinds[k][0] : "";
  }

  // Pages that list or explain rather than hold the text: below a document's paragraph
  // or a task holding as much of the query.
  var SECONDARY = new Set(["Chủ đề", "Hướng dẫn"]);

  // Nothing more is fetched for a query the reader has typed on from (token: see
  // schedule()); it answers null.
  function find(index, query, token) {
    var n = query.exact.length;
    var asked = [];
    if (n > 1 && query.folded.some(function (w) { return /\d/.test(w); })) {
      asked.push(["id", -1, "=" + query.folded.join(" ")]); // a document number, a task id
    }
    for (var i = 0; i < n; i++) {
      if (query.fetch[i]) {
        asked.push(["word", i, query.folded[i]]);
        if (query.exact[i] !== query.folded[i]) asked.push(["exact", i, query.exact[i]]);
      }
      if (i + 1 < n) asked.push(["pair", i, query.folded[i] + " " + query.folded[i + 1]]);
    }
    return lookup(index, asked).then(function (lists) {
      if (token !== latest) return null;
      var unknown = [];
      asked.forEach(function (a, k) {
        if (a[0] === "word" && !lists[k] && a[2].length >= 2 && !/\d/.test(a[2])) {
          unknown.push(a[1]);
        }
      });
      if (!unknown.length) return timed(rank)(index, query, asked, lists);
      return vocabulary(index).then(function (vocab) {
        if (token !== latest) return null;
        var extra = [];
        unknown.forEach(function (i) {
          var left = i > 0 ? query.folded[i - 1] + " " : "";
          var right = i + 1 < n ? " " + query.folded[i + 1] : "";
          var typing = i === n - 1 && !/\s$/.test(query.text);
          if (typing && left) { // completions: only their pair with the word before
            completions(vocab, query.folded[i], PAIRED).forEach(function (word) {
              extra.push(["pair", i - 1, left + word, word]);
            });
          }
          var near = typing && !left ? completions(vocab, query.folded[i], ALTERNATIVES) : [];
          near.concat(oneLetterAway(vocab, query.folded[i])).forEach(function (word) {
            extra.push(["word", i, word, word]);
            if (left) extra.push(["pair", i - 1, left + word, word]);
            if (right) extra.push(["pair", i, word + right, word]);
          });
        });
        return lookup(index, extra).then(timed(function (more) {
          if (token !== latest) return null;
          markAlternatives(query, extra, more);
          return rank(index, query, asked.concat(extra), lists.concat(more), asked.length);
        }));
      });
    });
  }

  function lookup(index, asked) {
    return Promise.all(asked.map(function (a) { return postings(index, a[2]); }));
  }

  // -- tolerance: a word the index does not hold is read as the words of the index it
  // may be: completions of the last word while it is typed (prefix), and words one letter
  // away (one wrong, missing or extra letter) for a word of four letters or more, the
  // commonest first; the query's pairs then pick the right one ("moi truog" -> "moi
  // truong", not "trung"). The list of words (v.txt) is fetched only then.
  var ALTERNATIVES = 4; // words looked up for a word the index does not hold
  var PAIRED = 10; // completions of the last word looked up as pairs with the word before

  function vocabulary(index) {
    return fetched(bundle + index.version + "/v.txt", function (text) {
      return text.split("\n").filter(Boolean);
    });
  }

  // The words the last word may become, the shortest first (a syllable is completed
  // letter by letter), then the commonest.
  function completions(vocab, word, most) {
    var found = [];
    for (var k = 0; k < vocab.length; k++) {
      if (vocab[k].length > word.length && vocab[k].lastIndexOf(word, 0) === 0) {
        found.push(vocab[k]);
      }
    }
    return found.sort(function (a, b) { return a.length - b.length; }).slice(0, most);
  }

  function oneLetterAway(vocab, word) {
    var found = [];
    if (word.length < 4) return found; // a word of five letters with one missing
    for (var k = 0; k < vocab.length && found.length < ALTERNATIVES; k++) {
      if (oneEditApart(word, vocab[k])) found.push(vocab[k]);
    }
    return found;
  }

  // The alternatives some record holds become words of the query for marking excerpts.
  function markAlternatives(query, extra, lists) {
    extra.forEach(function (a, k) {
      if (!lists[k]) return;
      var slot = a[0] === "pair" && a[2].lastIndexOf(a[3], 0) !== 0 ? a[1] + 1 : a[1];
      if (query.alternatives[slot].indexOf(a[3]) < 0) query.alternatives[slot].push(a[3]);
    });
  }

  // Are a and b one substitution, insertion or deletion apart?
  function oneEditApart(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // Words of the index nearest to a word (at most two edits), for "did you mean".
  function distance(a, b) {
    var row = [];
    for (var j = 0; j <= b.length; j++) row.push(j);
    for (var i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (var k = 1; k <= b.length; k++) {
        var kept = row[k];
        row[k] = Math.min(row[k] + 1, row[k - 1] + 1, previous + (a[i - 1] === b[k - 1] ? 0 : 1));
        previous = kept;
      }
    }
    return row[b.length];
  }

  function nearest(vocab, word) {
    var best = [];
    vocab.forEach(function (v, rankInVocab) {
      if (Math.abs(v.length - word.length) > 2) return;
      var d = distance(word, v);
      if (d <= 2) best.push([d, rankInVocab, v]);
    });
    return best.sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; })
      .slice(0, 3).map(function (x) { return x[2]; });
  }

  // Records holding the most of the query's known words (all of them, unless none does),
  // ordered: the document or task the query names by number or id; then pairs held (the
  // phrase); then documents, tasks, units and indicators before topics and guides; then
  // words matching the typed diacritics; then score.
  // Per record, in typed arrays indexed by record number (a common word's list holds
  // thousands): nothing is allocated per record. A query position is one bit of a mask
  // (positions beyond the 31st share the last bit).
  function rank(index, query, asked, lists, typed) {
    typed = typed === undefined ? asked.length : typed; // asked[typed:] are alternatives
    var size = index.records;
    var slots = new Int32Array(size); // positions held (bits)
    var pairSlots = new Int32Array(size); // pairs held, by their first position (bits)
    var words = new Uint8Array(size);
    var typedWords = new Uint8Array(size); // words held as typed, not as an alternative
    var pairs = new Uint8Array(size);
    var exact = new Uint8Array(size);
    var score = new Float64Array(size);
    var hit = new Uint8Array(size);
    var hitList = [];
    var known = new Set(); // the query's words (by position) some record holds
    var listsAt = new Map(); // position -> how many of its word lists were found
    asked.forEach(function (a, k) {
      if (a[0] === "word" && lists[k]) {
        known.add(a[1]);
        listsAt.set(a[1], (listsAt.get(a[1]) || 0) + 1);
      }
    });
    var best = new Map(); // position with alternatives -> best score per record
    asked.forEach(function (a, k) {
      var list = lists[k];
      if (!list || a[0] === "id") return;
      if (a[0] === "pair" && !(known.has(a[1]) || !query.fetch[a[1]])) return;
      var bit = 1 << Math.min(a[1], 30);
      var numbers = list.n;
      var scores = list.s;
      var isWord = a[0] === "word";
      var many = isWord && listsAt.get(a[1]) > 1;
      if (many && !best.has(a[1])) best.set(a[1], new Uint8Array(size));
      var top = many ? best.get(a[1]) : null;
      for (var j = 0; j < numbers.length; j++) {
        var n = numbers[j];
        if (!hit[n]) {
          if (!isWord) continue; // a record must hold a word first
          hit[n] = 1;
          hitList.push(n);
        }
        if (isWord) { // a position counts once, whichever alternative it holds
          if (!(slots[n] & bit)) words[n] += 1;
          if (k < typed) typedWords[n] += 1;
          slots[n] |= bit;
          if (top) { if (scores[j] > top[n]) top[n] = scores[j]; } else score[n] += scores[j];
        } else if (a[0] === "pair") {
          if (!(pairSlots[n] & bit)) pairs[n] += 1;
          pairSlots[n] |= bit;
        } else exact[n] += 1;
      }
    });
    best.forEach(function (top) {
      hitList.forEach(function (n) { score[n] += top[n]; });
    });
    var named = new Uint8Array(size); // the document or task the query names
    var ids = asked.findIndex(function (a) { return a[0] === "id"; });
    if (ids >= 0 && lists[ids]) { // the record named may hold the words under other terms
      lists[ids].n.forEach(function (n) { named[n] = 1; });
    }
    // the records holding the most words as typed; alternatives only rank them
    var most = 0;
    hitList.forEach(function (n) { if (typedWords[n] > most) most = typedWords[n]; });
    var kept = hitList.filter(function (n) { return typedWords[n] === most; });
    // One number per record orders them (a sort without a comparator): named, pairs,
    // words, tier, exact, score, then the record number; each count capped to its bits.
    var keys = new Float64Array(kept.length);
    kept.forEach(function (n, j) {
      var key = 1 - named[n];
      key = key * 32 + 31 - Math.min(31, pairs[n]);
      key = key * 32 + 31 - Math.min(31, words[n]);
      key = key * 2 + (SECONDARY.has(kindAt(index, n)) ? 1 : 0);
      key = key * 32 + 31 - Math.min(31, exact[n]);
      key = key * 2048 + 2047 - Math.min(2047, score[n]);
      keys[j] = key * RECORD_BITS + n;
    });
    keys.sort();
    return Array.from(keys, function (key) { return key % RECORD_BITS; });
  }
  var RECORD_BITS = 1048576; // 2^20: record numbers below a million (5 + 48 bits in all)

  // A record's details are in the file of its block: its kind's records, so many to a
  // file (index.json's kinds: [kind, first record, block size]), named by its first record.
  function details(index, number) {
    var range = index.kinds[0];
    index.kinds.forEach(function (r) { if (r[1] <= number) range = r; });
    var first = range[1] + Math.floor((number - range[1]) / range[2]) * range[2];
    var url = bundle + index.version + "/r/" + first + ".json";
    return fetched(url, JSON.parse).then(function (records) {
      return records[number - first];
    });
  }

  function setMeta(text) {
    meta.textContent = text;
  }

  function schedule(text) {
    clearTimeout(timer);
    var token = ++latest;
    var query = toQuery(text);
    work = 0;
    typed = text;
    list.setAttribute("data-state", "busy");
    if (query.folded.join("").length < 2) { // one letter would fetch every "a…" word
      results = [];
      ranked = [];
      filters.hidden = true;
      docPicker.hidden = true;
      list.replaceChildren();
      more.hidden = true;
      setMeta(T.placeholder);
      done();
      return;
    }
    setMeta(manifest ? T.searching : T.loading);
    timer = setTimeout(function () {
      queue = queue.then(function () {
        return answer(query, token);
      });
    }, 250); // a pause in typing, so every keystroke does not fetch its own shards
  }

  function answer(query, token) {
    if (token !== latest) return null;
    return load().then(function (index) {
      if (token !== latest) return null;
      return find(index, query, token).then(function (found) {
        if (token !== latest) return null;
        ranked = found;
        current = query;
        return filtered(index, token);
      });
    }).catch(function () {
      manifest = null; // the site may have been published again: read index.json anew
      if (token !== latest) return;
      setMeta(T.error);
      done();
    });
  }

  // -- filters: by kind (buttons) and, for documents, by document (a list). They narrow the
  // ranked results already found: no request but the details of the results shown.
  function filtered(index, token) {
    var docs = kindFilter === "Văn bản" ? loadDocuments(index) : Promise.resolve([]);
    return docs.then(function (docList) {
      if (token !== latest) return null;
      results = ranked.filter(function (n) {
        if (kindFilter && kindAt(index, n) !== kindFilter) return false;
        return docFilter < 0 || documentOf(docList, n) === docFilter;
      });
      shown = 0;
      list.replaceChildren();
      showFilters(index, docList);
      return showMore(token);
    });
  }

  function loadDocuments(index) {
    if (!documents) {
      documents = fetched(bundle + index.version + "/d.json", JSON.parse);
      documents.catch(function () { documents = null; });
    }
    return documents;
  }

  // The first record of the document holding record n, or -1.
  function documentOf(docList, n) {
    var first = -1;
    docList.forEach(function (doc) { if (doc[0] <= n) first = doc[0]; });
    return first;
  }

  function filterButton(label, kind, count) {
    var button = el("button", "md-button site-search__filter", label + " · " + count);
    button.type = "button";
    button.setAttribute("aria-pressed", String(kind === kindFilter));
    button.setAttribute("data-kind", kind);
    return button;
  }

  function showFilters(index, docList) {
    var counts = new Map();
    ranked.forEach(function (n) {
      var kind = kindAt(index, n);
      counts.set(kind, (counts.get(kind) || 0) + 1);
    });
    filters.replaceChildren();
    filters.hidden = ranked.length === 0;
    filters.appendChild(filterButton(T.all, "", ranked.length));
    (index.kinds || []).forEach(function (range) {
      var kind = range[0];
      if (counts.get(kind) || kind === kindFilter) {
        filters.appendChild(filterButton(kind, kind, counts.get(kind) || 0));
      }
    });
    docPicker.hidden = kindFilter !== "Văn bản" || docList.length === 0;
    if (docPicker.hidden) return;
    var perDoc = new Map();
    ranked.forEach(function (n) {
      var doc = documentOf(docList, n);
      if (kindAt(index, n) === "Văn bản") perDoc.set(doc, (perDoc.get(doc) || 0) + 1);
    });
    var all = el("option", "", T.allDocuments);
    all.value = "-1";
    docSelect.replaceChildren(all);
    docList.forEach(function (doc) {
      if (!perDoc.get(doc[0]) && doc[0] !== docFilter) return;
      var option = el("option", "", doc[2] + " · " + (perDoc.get(doc[0]) || 0));
      option.value = String(doc[0]);
      docSelect.appendChild(option);
    });
    docSelect.value = String(docFilter);
  }

  filters.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-kind]");
    if (!button || !current) return;
    kindFilter = button.getAttribute("data-kind");
    docFilter = -1;
    var token = latest;
    load().then(function (index) { return filtered(index, token); });
  });

  docSelect.addEventListener("change", function () {
    docFilter = Number(docSelect.value);
    var token = latest;
    load().then(function (index) { return filtered(index, token); });
  });

  function done() {
    list.setAttribute("data-work-ms", String(Math.round(work)));
    list.setAttribute("data-for", typed);
    list.setAttribute("data-state", "done");
  }

  function showMore(token) {
    if (token !== latest) return null; // typed on: its details are not fetched
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return load().then(function (index) {
      return Promise.all(batch.map(function (n) { return details(index, n); }));
    }).then(timed(function (records) {
      if (token !== latest) return;
      records.forEach(function (record) { list.appendChild(item(record)); });
      var n = results.length;
      setMeta(n === 0 ? T.none : n === 1 ? T.one : T.other.replace("#", String(n)));
      more.hidden = shown >= n;
      if (ranked.length === 0 && current) return noResults(token);
      done();
    }));
  }

  // Nothing found: say so (the count line), offer the index's nearest words for each word
  // it does not hold (a button searches with it) and a browse by topic.
  function noResults(token) {
    var query = current;
    return load().then(function (index) { return vocabulary(index); }).then(function (vocab) {
      if (token !== latest) return;
      var li = el("li", "md-search-result__item site-search__none");
      var box = el("div", "md-search-result__article md-typeset");
      var offers = [];
      query.folded.forEach(function (word, i) {
        if (word.length < 2 || /\d/.test(word) || vocab.indexOf(word) >= 0) return;
        nearest(vocab, word).forEach(function (near) {
          var words = query.folded.slice();
          words[i] = near;
          offers.push(words.join(" "));
        });
      });
      if (offers.length) {
        var p = el("p", "", T.didYouMean + " ");
        offers.slice(0, 4).forEach(function (offer) {
          var button = el("button", "md-button site-search__suggest", offer);
          button.type = "button";
          button.addEventListener("click", function () {
            input.value = offer;
            input.focus();
            schedule(offer);
          });
          p.appendChild(button);
        });
        box.appendChild(p);
      }
      var browse = el("a", "site-search__browse", T.browse);
      browse.href = site + "chu-de/";
      box.appendChild(el("p")).appendChild(browse);
      li.appendChild(box);
      list.appendChild(li);
      done();
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // How well a word of the text matches the query: 2 as typed (diacritics too), 1 folded.
  // One per query (kept on it, built once its alternatives are known): every excerpt and
  // title of its results shares what it learnt of each token.
  function matcher(query) {
    if (!query.match) query.match = newMatcher(query);
    return query.match;
  }

  function newMatcher(query) {
    var exact = new Set();
    var folded = new Set();
    query.exact.forEach(function (w, i) {
      if (!query.fetch[i]) return;
      exact.add(w);
      folded.add(query.folded[i]);
      (query.alternatives[i] || []).forEach(function (a) { folded.add(a); });
    });
    var seen = new Map(); // token -> its weight: a section repeats its words
    return function (token) {
      var best = seen.get(token);
      if (best !== undefined) return best;
      best = 0;
      words(token).forEach(function (w) {
        best = Math.max(best, exact.has(w) ? 2 : folded.has(fold(w)) ? 1 : 0);
      });
      seen.set(token, best);
      return best;
    };
  }

  // Text as nodes, the words that match the query in <mark> (their letters, not the
  // punctuation around them).
  function marked(node, tokens, weights) {
    tokens.forEach(function (token, k) {
      if (k) node.appendChild(document.createTextNode(" "));
      if (!weights[k]) {
        node.appendChild(document.createTextNode(token));
        return;
      }
      token.split(/([\p{L}\p{N}\p{M}]+)/u).forEach(function (part, j) {
        if (part) node.appendChild(j % 2 ? el("mark", "", part) : document.createTextNode(part));
      });
    });
    return node;
  }

  function heading(title, query) {
    var tokens = title.split(/\s+/).filter(Boolean);
    return marked(el("h1"), tokens, tokens.map(matcher(query)));
  }

  // The query's adjacent pairs, folded ("duong sat"): a passage holding the phrase is
  // worth more than one holding its words apart.
  function queryPairs(query) {
    var pairs = new Set();
    for (var i = 0; i + 1 < query.folded.length; i++) {
      pairs.add(query.folded[i] + " " + query.folded[i + 1]);
    }
    return pairs;
  }

  // The passage around the best hit: the window of EXCERPT words holding the most matches
  // (a word of the query's phrase next to the next one counts three more). Returns its
  // first word, the word of its best hit, the tokens and their weights (for <mark>).
  function bestPassage(text, query) {
    var tokens = String(text || "").split(/\s+/).filter(Boolean);
    var weights = tokens.map(matcher(query));
    var pairs = queryPairs(query);
    var folded = new Map(); // token -> its folded words, for the matched tokens only
    var foldedAt = function (i) {
      var f = folded.get(tokens[i]);
      if (f === undefined) {
        f = words(tokens[i]).map(fold).join(" ");
        folded.set(tokens[i], f);
      }
      return f;
    };
    var gain = weights.map(function (w, i) {
      var phrase = w && i + 1 < tokens.length && weights[i + 1] &&
        pairs.has(foldedAt(i) + " " + foldedAt(i + 1));
      return w + (phrase ? 3 : 0);
    });
    var start = 0;
    var best = -1;
    var sum = 0;
    for (var i = 0; i < tokens.length; i++) {
      sum += gain[i] - (i >= EXCERPT ? gain[i - EXCERPT] : 0);
      if (sum > best) {
        best = sum;
        start = Math.max(0, i - EXCERPT + 1);
      }
    }
    var hit = start;
    for (var k = start; k < Math.min(tokens.length, start + EXCERPT); k++) {
      if (gain[k] > gain[hit]) hit = k;
    }
    start = Math.max(0, hit - Math.floor(EXCERPT / 3)); // the hit, a few words before it
    return { start: start, hit: hit, tokens: tokens, weights: weights };
  }

  // The passage as a paragraph, the matches in <mark>; text nodes only, never HTML.
  function excerpt(passage) {
    var start = passage.start;
    var end = start + EXCERPT;
    var p = el("p", "site-search__excerpt", start > 0 ? "… " : "");
    marked(p, passage.tokens.slice(start, end), passage.weights.slice(start, end));
    if (end < passage.tokens.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  // The ¶ anchor of the block holding word `hit` of a record's text, or "".
  function paragraphAnchor(paragraphs, hit) {
    var anchor = "";
    (paragraphs || []).forEach(function (p) { if (p[0] <= hit) anchor = p[1]; });
    return anchor;
  }

  // Where a result opens: its page, with the query (so the page marks the words: see
  // land()) and the ¶ anchor of the best hit's paragraph, else the record's own anchor.
  function target(path, anchor, typed) {
    var hash = path.indexOf("#");
    var page = hash < 0 ? path : path.slice(0, hash);
    var fragment = anchor || (hash < 0 ? "" : path.slice(hash + 1));
    return site + page + "?" + LAND + "=" + encodeURIComponent(typed) +
      (fragment ? "#" + fragment : "");
  }

  // A record's details: [URL (site-relative, with the section's anchor), title, the page's
  // title (for a section), text, [[word, ¶ anchor of the block starting there], …]].
  function item(record) {
    var path = record[0];
    var title = record[1] || path;
    var kind = kindOf(path);
    var passage = bestPassage(record[3], current);
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = target(path, paragraphAnchor(record[4], passage.hit), current.text);
    var art = el("article", "md-search-result__article md-search-result__article--document md-typeset");
    var line = el("p", "site-search__kind-line");
    if (kind) line.appendChild(el("span", "site-search__kind", kind));
    if (record[2] && record[2] !== title) line.appendChild(el("span", "site-search__page", record[2]));
    art.appendChild(line);
    art.appendChild(heading(title, current));
    art.appendChild(excerpt(passage));
    a.appendChild(art);
    li.appendChild(a);
    return li;
  }

  function isOpen() {
    return toggle.checked;
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.checked = open;
    if (opener) opener.setAttribute("aria-expanded", String(open));
  }

  function open() {
    setOpen(true);
    input.focus();
    input.select();
  }

  function close() {
    setOpen(false);
    if (opener && opener.offsetParent !== null) opener.focus();
    else input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a.md-search-result__link"));
  }

  function move(step) {
    var all = [input].concat(links());
    var at = all.indexOf(document.activeElement);
    var next = all[Math.max(0, Math.min(all.length - 1, at + step))];
    if (next) next.focus();
  }

  function typingElsewhere(target) {
    if (!target || target === input) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  document.addEventListener("keydown", function (e) {
    var key = e.key || "";
    if ((e.ctrlKey || e.metaKey) && !e.altKey && key.toLowerCase() === "k") {
      e.preventDefault();
      open();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || typingElsewhere(e.target)) return;
    if (e.target !== input && !isOpen() && (key === "/" || key === "s" || key === "f")) {
      e.preventDefault();
      open();
    }
  });

  root.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      e.preventDefault();
      close();
    } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      move(e.key === "ArrowDown" ? 1 : -1);
    }
  });

  if (opener) opener.addEventListener("click", open);
  toggle.addEventListener("change", function () { setOpen(toggle.checked); });
  input.addEventListener("focus", function () { setOpen(true); });
  input.addEventListener("input", function () { schedule(input.value); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      schedule("");
      input.focus();
    });
  });
  list.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("a")) setOpen(false);
  });
  more.addEventListener("click", function () {
    showMore(latest);
  });
  // -- landing: a page opened from a result ("?tim=<query>#<¶ anchor>") marks the query's
  // words in the paragraph it opens on (or, for a heading, in its section) and scrolls it
  // into view. Text nodes are split and wrapped in <mark>: nothing is parsed as HTML.
  function markWords(node, match) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) {
      var parent = walker.currentNode.parentNode;
      if (!parent.closest(".headerlink, mark, script, style")) texts.push(walker.currentNode);
    }
    var count = 0;
    texts.forEach(function (text) {
      var parts = text.nodeValue.split(/([\p{L}\p{N}\p{M}]+)/u);
      if (!parts.some(function (part) { return match(part); })) return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part) {
        if (part && match(part)) {
          fragment.appendChild(el("mark", "site-search__hit", part));
          count += 1;
        } else if (part) fragment.appendChild(document.createTextNode(part));
      });
      text.parentNode.replaceChild(fragment, text);
    });
    return count;
  }

  function landed() {
    var typedQuery = new URLSearchParams(location.search).get(LAND);
    var article = document.querySelector(".md-content article");
    if (!typedQuery || !article) return;
    var query = toQuery(typedQuery);
    if (!query.exact.length) return;
    var id = decodeURIComponent(location.hash.slice(1));
    var start = id ? document.getElementById(id) : null;
    if (!start || !article.contains(start)) start = null;
    var blocks = [start || article];
    if (start && /^H[2-6]$/.test(start.tagName)) { // a heading: its section's blocks
      for (var next = start.nextElementSibling; next; next = next.nextElementSibling) {
        if (/^H[1-6]$/.test(next.tagName) || next.matches("p.clause")) break;
        blocks.push(next);
      }
    }
    var match = matcher(query);
    var marked = 0;
    blocks.forEach(function (block) { marked += markWords(block, match); });
    root.setAttribute("data-landed", String(marked)); // the browser scrolls to the anchor
  }

  setMeta(T.placeholder);
  landed();
})();
