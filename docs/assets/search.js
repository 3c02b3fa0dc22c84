/* Site search (see SEARCH.md): Pagefind, loaded on the reader's first keystroke and shown
   in Material's search markup (overrides/partials/site-search.html).
   Vietnamese: the query is normalised to NFC; "đ" is written d + U+0335 exactly as in the
   index (build_tools/search.py) so "dong" finds "đồng". Each result is one section; its URL
   and kind are read from the record's own URL, its page title from hidden meta (the index
   stores no words for them). Function words are dropped from longer queries.
   Order: sections holding the query's words side by side first, then those matching the
   query's diacritics exactly, then Pagefind's own ranking. Keys: "/", "s", "f" or Ctrl-K open the box,
   arrows move between results, Escape closes. */
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
  var T = JSON.parse(document.getElementById("site-search-strings").textContent);
  var bundle = new URL(root.getAttribute("data-bundle"), location.href).href;
  var site = bundle.replace(/pagefind\/pagefind\.js$/, ""); // the site's root URL
  var PAGE = 5; // pages whose excerpts are fetched at a time: bytes stay small
  var engine = null;
  var queue = Promise.resolve();
  var latest = 0;
  var timer = 0;
  var results = [];
  var shown = 0;
  var typed = ""; // the field's text the current results answer (data-for, for tests)

  // Vietnamese function words: found in nearly every section, so each would download one of
  // the largest index chunks while barely changing the answer. Dropped from a query that
  // has other words. Typed without diacritics, only forms that stand for no content word
  // ("co" may be "cơ", "khi" "khí", "ve" "vệ"): they stay.
  var FUNCTION_WORDS = new Set([
    "và", "của", "các", "về", "với", "là", "được", "có", "những", "này", "để", "theo",
    "từ", "đến", "một", "đã", "thì", "mà", "ở", "cho", "trong", "hoặc", "tại", "nhằm",
    "va", "cac", "duoc", "nhung", "voi"
  ]);

  // What Pagefind is asked: NFC, function words dropped when other words remain, "đ"
  // written as in the index. `dropped` tells rank() that gaps were left between words.
  function toQuery(text) {
    var words = text.normalize("NFC").trim().split(/\s+/);
    var kept = words.filter(function (w) { return !FUNCTION_WORDS.has(w.toLowerCase()); });
    if (!kept.length) kept = words;
    var query = kept.join(" ").replace(/đ/g, "d\u0335").replace(/Đ/g, "D\u0335");
    return { text: query, dropped: kept.length < words.length };
  }

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

  // A record's URL as Pagefind knows it ("/van-ban/x/_ii-3-4.html", the file
  // build_tools/search.py staged for a section) -> the section's own URL, site-relative
  // ("van-ban/x/#ii-3-4").
  function target(url) {
    var path = String(url || "").replace(/^\//, "");
    var m = /^(.*\/)_([^\/]+)\.html$/.exec(path);
    return m ? m[1] + "#" + m[2] : path;
  }

  // A group of tasks (build_tools/search.py task_groups): the result is the task whose
  // heading's section holds most of the query's words.
  var TASK_GROUP = /^tien-do\/nhiem-vu\/#nhom-/;

  function bestTask(page) {
    var best = null;
    var bestScore = 0;
    (page.sub_results || []).forEach(function (sub) {
      if (!sub.anchor || !sub.anchor.id) return;
      var score = (sub.weighted_locations || []).reduce(function (sum, w) {
        return sum + (w.balanced_score || 0);
      }, 0) + 1000 * (sub.locations || []).length;
      if (score > bestScore) {
        best = sub;
        bestScore = score;
      }
    });
    return best;
  }

  function kindOf(path) {
    for (var i = 0; i < KINDS.length; i++) {
      if (path.indexOf(KINDS[i][0]) === 0) return KINDS[i][1];
    }
    return "";
  }

  // A page title the index stores without indexing it (moved to Unicode plane 15).
  function unhide(text) {
    return Array.from(String(text || ""), function (ch) {
      return String.fromCodePoint(ch.codePointAt(0) - 0xf0000);
    }).join("");
  }

  function display(text) {
    return String(text || "").replace(/([dD])\u0335/g, function (_, d) {
      return d === "d" ? "đ" : "Đ";
    });
  }

  function load() {
    if (!engine) {
      engine = import(bundle).then(function (pf) {
        return pf.options({ excerptLength: 24, noWorker: true }).then(function () {
          return pf.init();
        }).then(function () {
          return pf;
        });
      });
      engine.catch(function () {
        engine = null;
      });
    }
    return engine;
  }

  function find(pf, query) {
    var exact = Promise.resolve([]);
    if (/[^\u0000-\u007f]/.test(query.text)) {
      exact = pf.options({ exactDiacritics: true })
        .then(function () { return pf.search(query.text); })
        .then(function (found) {
          return pf.options({ exactDiacritics: false }).then(function () { return found.results; });
        });
    }
    return exact.then(function (first) {
      return pf.search(query.text).then(function (found) {
        return rank(query, first, found.results);
      });
    });
  }

  // Longest run of consecutive word positions among a result's matches; `gap` 2 lets one
  // dropped function word stand between two matched words.
  function run(words, gap) {
    var sorted = (words || []).slice().sort(function (a, b) { return a - b; });
    var best = sorted.length ? 1 : 0;
    for (var i = 1, cur = 1; i < sorted.length; i++) {
      var step = sorted[i] - sorted[i - 1];
      cur = step >= 1 && step <= gap ? cur + 1 : step === 0 ? cur : 1;
      if (cur > best) best = cur;
    }
    return best;
  }

  function rank(query, exact, all) {
    var terms = query.text.split(/\s+/).length;
    var gap = query.dropped ? 2 : 1;
    var isExact = new Set(exact.map(function (r) { return r.id; }));
    var order = all.map(function (r, i) {
      return { r: r, i: i, phrase: terms > 1 && run(r.words, gap) >= terms ? 1 : 0, exact: isExact.has(r.id) ? 1 : 0 };
    });
    order.sort(function (a, b) { return b.phrase - a.phrase || b.exact - a.exact || a.i - b.i; });
    return order.map(function (o) { return o.r; });
  }

  function setMeta(text) {
    meta.textContent = text;
  }

  function schedule(text) {
    clearTimeout(timer);
    var token = ++latest;
    var query = toQuery(text);
    typed = text;
    list.setAttribute("data-state", "busy");
    if (query.text.replace(/\s/g, "").length < 2) { // one letter would fetch every "a…" word
      results = [];
      list.replaceChildren();
      more.hidden = true;
      setMeta(T.placeholder);
      done();
      return;
    }
    setMeta(engine ? T.searching : T.loading);
    timer = setTimeout(function () {
      queue = queue.then(function () {
        return answer(query, token);
      });
    }, 250); // a pause in typing, so every keystroke does not fetch its own index chunk
  }

  function answer(query, token) {
    if (token !== latest) return null;
    return load().then(function (pf) {
      if (token !== latest) return null;
      return find(pf, query).then(function (found) {
        if (token !== latest) return null;
        results = found;
        shown = 0;
        list.replaceChildren();
        return showMore(token);
      });
    }).catch(function () {
      if (token !== latest) return;
      setMeta(T.error);
      done();
    });
  }

  function done() {
    list.setAttribute("data-for", typed);
    list.setAttribute("data-state", "done");
  }

  function showMore(token) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (token !== latest) return;
      pages.forEach(function (page) { list.appendChild(item(page)); });
      var n = results.length;
      setMeta(n === 0 ? T.none : n === 1 ? T.one : T.other.replace("#", String(n)));
      more.hidden = shown >= n;
      done();
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function excerpt(html) {
    var p = el("p", "site-search__excerpt");
    p.innerHTML = display(html); // Pagefind's excerpt: escaped text with <mark> around hits
    return p;
  }

  function item(page) {
    var li = el("li", "md-search-result__item");
    var meta = page.meta || {};
    var path = target(page.raw_url || page.url);
    var title = display(meta.title) || path;
    var text = page.excerpt;
    var task = TASK_GROUP.test(path) ? bestTask(page) : null;
    if (task) {
      path = "tien-do/nhiem-vu/" + task.anchor.id + "/";
      title = display(task.title);
      text = task.excerpt;
    }
    var where = unhide(meta.trang);
    var kind = kindOf(path);
    var a = el("a", "md-search-result__link");
    a.href = site + path; // a section's own URL
    var art = el("article", "md-search-result__article md-search-result__article--document md-typeset");
    var line = el("p", "site-search__kind-line");
    if (kind) line.appendChild(el("span", "site-search__kind", kind));
    if (where && where !== title) line.appendChild(el("span", "site-search__page", where));
    art.appendChild(line);
    art.appendChild(el("h1", "", title));
    art.appendChild(excerpt(text));
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
  setMeta(T.placeholder);
})();
