/* Spindeln in the browser: what only the page itself can do (survey/ui.py loads it on every page).

   1. Swedish all the way: Streamlit's frontend writes its own words in English. When the page is Swedish this
      puts the table of survey/streamlit_sv.py over them, in text Streamlit draws and in the attributes a screen
      reader reads, and never touches what people typed (markdown, tables, code, charts).
   2. Honest about the connection: offline or with the server gone a Swedish (or English) banner says so and that
      nothing typed is lost, in place of Streamlit's English developer dialog.
   3. Nothing typed is lost: the group form's picks, comments and points are kept in this phone's localStorage as
      they are made, and put back after a reload, a sleeping phone or a restarted server (a new session) as long
      as the stored answers are still those the draft started from. A press of the form's button counts as
      saved only when the server's page says so (its acknowledgement marker changes); until then the old
      confirmation is hidden, the page says "Skickar …", and when the connection is back the press is made
      again by itself.
   4. A group's page follows the facilitator: every few seconds, while the page is in view, it asks the server
      for the phase of the workshop (survey/follow.py) and, only when it differs from the one the page was drawn
      in, presses the page's hidden button so that Streamlit draws it again.

   survey/web.py serves this file with the table (window.__spindelnTable) and the texts (window.__spindelnTexts)
   in front of it and puts it in the head of every page, so it runs before Streamlit's own script has connected;
   the page script then tells it the page's language on every run (survey.ui.document_language). Everything
   else starts once per page load. Written by hand: Streamlit has no translations of its frontend and no hook for
   its connection state, so this reads and amends its DOM (test ids of Streamlit 1.67; tests/browser checks). */
(function () {
  "use strict";
  if (window.__spindeln) { window.__spindeln.configure(window.__spindelnConfig); return; }

  var config = window.__spindelnConfig || { lang: document.documentElement.lang === "en" ? "en" : "sv" };
  var TEXTS = window.__spindelnTexts || {};  // survey/texts.py's client_* keys, both languages
  var TABLE = window.__spindelnTable || { exact: {}, patterns: [] };  // served with this file (survey/web.py)
  var patterns = [];
  var originals = new WeakMap(); // text node or element -> {value, translated} / {attr: {value, translated}}
  var ATTRS = ["aria-label", "title", "placeholder"];
  var USER_CONTENT = '[data-testid="stMarkdownContainer"], [data-testid="stTable"], .stCode, ' +
    '[data-testid="stHtml"], .js-plotly-plot, textarea, [contenteditable], #spindeln-net';
  var DRAFT_DAYS = 7;
  var SCRIPT = document.currentScript && document.currentScript.src;  // …/<base>/spindeln/client.js?v=…
  var BASE = SCRIPT ? new URL(SCRIPT).pathname.replace(/\/spindeln\/client\.js$/, "") : "";

  function compile() {
    patterns = (TABLE.patterns || []).map(function (p) { return [new RegExp(p[0]), p[1]]; });
  }

  function translate(text) {
    var key = text.trim();
    if (!key) return null;
    var exact = TABLE.exact || {};
    if (Object.prototype.hasOwnProperty.call(exact, key)) return text.replace(key, exact[key]);
    for (var i = 0; i < patterns.length; i++) {
      var m = patterns[i][0].exec(key);
      if (m) {
        var out = patterns[i][1].replace(/\$T(\d)/g, function (_, n) { return exact[m[+n]] || m[+n]; })
          .replace(/\$(\d)/g, function (_, n) { return m[+n] === undefined ? "" : m[+n]; });
        return text.replace(key, out);
      }
    }
    return null;
  }

  // Streamlit's own words that it draws as markdown: its dialogs and the file uploader's button.
  function inDialog(el) {
    return !!(el && el.closest && el.closest('[role="dialog"], [data-testid="stFileUploaderDropzone"]'));
  }

  function fixText(node) {
    var parent = node.parentElement;
    if (!parent || parent.closest("script, style")) return;
    if (parent.closest(USER_CONTENT) && !inDialog(parent)) return;
    var seen = originals.get(node);
    if (config.lang !== "sv") {
      if (seen && node.nodeValue === seen.translated) node.nodeValue = seen.value;
      return;
    }
    if (seen && node.nodeValue === seen.translated) return;
    var out = translate(node.nodeValue || "");
    if (out !== null && out !== node.nodeValue) {
      originals.set(node, { value: node.nodeValue, translated: out });
      node.nodeValue = out;
    }
  }

  function fixAttrs(el) {
    if (el.closest && el.closest("#spindeln-net")) return;
    var mine = originals.get(el) || {};
    for (var i = 0; i < ATTRS.length; i++) {
      var a = ATTRS[i];
      if (!el.hasAttribute(a)) continue;
      var v = el.getAttribute(a);
      var seen = mine[a];
      if (config.lang !== "sv") {
        if (seen && v === seen.translated) el.setAttribute(a, seen.value);
        continue;
      }
      if (seen && v === seen.translated) continue;
      var out = translate(v);
      if (out !== null && out !== v) {
        mine[a] = { value: v, translated: out };
        originals.set(el, mine);
        el.setAttribute(a, out);
      }
    }
  }

  function sweep(root) {
    if (!root) return;
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) return;
    fixAttrs(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    var n;
    while ((n = walker.nextNode())) {
      if (n.nodeType === 3) fixText(n); else fixAttrs(n);
    }
    fixDialogs(root);
  }

  // Streamlit's connection dialog (English, for developers: "Is Streamlit still running? … streamlit run
  // yourscript.py") gets our words, in either language.
  function fixDialogs(root) {
    var scope = root.querySelectorAll ? root : document;
    var dialogs = scope.querySelectorAll('[role="dialog"]');
    for (var i = 0; i < dialogs.length; i++) {
      var d = dialogs[i];
      var text = d.textContent || "";
      if (d.getAttribute("data-spindeln") === "conn") continue;
      if (text.indexOf("Connection error") < 0 && text.indexOf("Is Streamlit still running") < 0 &&
          text.indexOf("not responding") < 0 && text.indexOf("Cannot connect to Streamlit") < 0) continue;
      var body = d.querySelector('[data-baseweb="modal"] [role="document"]') || d;
      var t = TEXTS[config.lang] || {};
      var box = document.createElement("div");
      box.className = "spindeln-conn";
      var h = document.createElement("p");
      h.className = "spindeln-conn-title";
      h.textContent = t.client_conn_title || "";
      var p = document.createElement("p");
      p.textContent = t.client_conn_body || "";
      box.appendChild(h);
      box.appendChild(p);
      // Hide Streamlit's children rather than remove them: React still owns them.
      for (var c = 0; c < body.children.length; c++) body.children[c].style.display = "none";
      body.appendChild(box);
      d.setAttribute("data-spindeln", "conn");
      d.setAttribute("aria-label", t.client_conn_title || "");
    }
  }

  // What Streamlit adds is looked at a moment later, in one pass, not while it draws: a group's confirmation is
  // painted first (50 phones in one test browser showed the cost), and a subtree added in pieces is walked once.
  var queued = [], queuedAt = 0;
  function flush() {
    var nodes = queued;
    queued = [];
    queuedAt = 0;
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      if (!n.isConnected) continue;
      var covered = false;  // inside another queued subtree: walked with it
      for (var p = n.parentNode; p && !covered; p = p.parentNode) covered = p.__spindelnQueued === true;
      if (!covered) sweep(n);
    }
    for (var k = 0; k < nodes.length; k++) delete nodes[k].__spindelnQueued;
    if (window.__spindeln) window.__spindeln.tick();  // what Streamlit drew may answer a press or need a draft
  }
  var observer = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (r.type === "childList") {
        for (var j = 0; j < r.addedNodes.length; j++) {
          var n = r.addedNodes[j];
          if (n.nodeType === 3) { fixText(n); continue; }
          if (n.nodeType !== 1 || n.__spindelnQueued) continue;
          n.__spindelnQueued = true;
          queued.push(n);
        }
      } else if (r.type === "characterData") {
        fixText(r.target);
      } else if (r.type === "attributes" && ATTRS.indexOf(r.attributeName) >= 0) {
        fixAttrs(r.target);
      }
    }
    if (queued.length && !queuedAt) { queuedAt = Date.now(); setTimeout(flush, 60); }
  });

  // ---- the connection --------------------------------------------------------------------------------------
  var banner = null;

  function connected() {
    return navigator.onLine !== false && !document.querySelector('[data-testid="stConnectionStatus"]') &&
      !document.querySelector('[role="dialog"][data-spindeln="conn"]');
  }

  function say(text, kind) {
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "spindeln-net";
      banner.setAttribute("role", "status");
      banner.setAttribute("aria-live", "polite");
      document.body.appendChild(banner);
    }
    if (banner.textContent !== (text || "")) banner.textContent = text || "";
    var cls = text ? "on " + (kind || "") : "";
    if (banner.className !== cls) banner.className = cls;  // an unchanged banner is not touched, 2.5 times a second
  }

  // ---- the group form: drafts and honest saves -------------------------------------------------------------
  var session = null;   // the server session whose form this page shows (a restarted server is a new one)
  var applying = 0;     // until this time, changes in the form are ours (putting a draft back), not the user's
  var pending = null;   // {ack, since, tries}: a press of the button the server has not acknowledged yet
  var restoring = null; // {state, tries}: a draft being put back into the form
  var lastServer = null; // the digest of the stored answers the form last showed
  var settling = null;   // {session, at}: when this page first showed a form of that session
  var restoredAt = 0;     // when the page said it put a draft back
  var tookOver = false;   // the group changed the form before this page's session was settled
  var unsettled = false;  // a form is shown whose session this page has not settled on yet
  var onlineSince = Date.now(), wasOnline = true;

  function marker() {
    var m = document.querySelector("[data-spindeln-form]");
    if (!m) return null;
    return { key: "spindeln:draft:" + m.getAttribute("data-spindeln-form"), server: m.getAttribute("data-server"),
             session: m.getAttribute("data-session"), ack: m.getAttribute("data-ack") || "" };
  }

  function form() {
    var m = document.querySelector("[data-spindeln-form]");
    return m ? m.closest('[data-testid="stForm"]') || document.querySelector('[data-testid="stForm"]') : null;
  }

  function keyOf(el, prefix) {
    for (var i = 0; i < el.classList.length; i++) {
      var c = el.classList[i];
      if (c.indexOf(prefix) === 0) return c.slice(prefix.length);
    }
    return null;
  }

  function options(box) { return Array.prototype.slice.call(box.querySelectorAll('[role="radio"], input[type="radio"]')); }
  function isOn(o) { return o.getAttribute("aria-checked") === "true" || o.checked === true; }

  function read(f) {
    var state = { axes: {}, answers: {} };
    f.querySelectorAll('[class*="st-key-axis-"]').forEach(function (box) {
      var key = keyOf(box, "st-key-axis-");
      if (!key) return;
      var input = box.querySelector('input[type="text"], input:not([type])');
      state.axes[key] = { pick: options(box).findIndex(isOn), comment: input ? input.value : "" };
    });
    f.querySelectorAll('[class*="st-key-answer-"]').forEach(function (box) {
      var key = keyOf(box, "st-key-answer-");
      var area = box.querySelector("textarea");
      if (key && area) state.answers[key] = area.value;
    });
    return state;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function setValue(el, value) {
    var proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function apply(f, draft) {
    applying = Date.now() + 700;
    f.querySelectorAll('[class*="st-key-axis-"]').forEach(function (box) {
      var key = keyOf(box, "st-key-axis-");
      var want = draft.axes[key];
      if (!want) return;
      var opts = options(box);
      var now = opts.findIndex(isOn);
      if (want.pick !== now && !(opts[0] && opts[0].disabled)) {
        if (want.pick >= 0 && opts[want.pick]) opts[want.pick].click();
        else if (want.pick < 0 && now >= 0 && opts[now].getAttribute("role") === "radio") opts[now].click();
      }
      var input = box.querySelector('input[type="text"], input:not([type])');
      if (input && !input.disabled && input.value !== want.comment) setValue(input, want.comment);
    });
    f.querySelectorAll('[class*="st-key-answer-"]').forEach(function (box) {
      var key = keyOf(box, "st-key-answer-");
      var area = box.querySelector("textarea");
      if (area && !area.disabled && key in draft.answers && area.value !== draft.answers[key]) {
        setValue(area, draft.answers[key]);
      }
    });
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function store(m, f) {
    try {
      localStorage.setItem(m.key, JSON.stringify({ server: m.server, state: read(f), at: Date.now() }));
    } catch (e) { /* private mode or full: the page still works, only without drafts */ }
  }

  function forgetOld() {
    try {
      var limit = Date.now() - DRAFT_DAYS * 864e5;
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var k = localStorage.key(i);
        if (k && k.indexOf("spindeln:draft:") === 0) {
          var d = load(k);
          if (!d || !d.at || d.at < limit) localStorage.removeItem(k);
        }
      }
    } catch (e) { /* no storage */ }
  }

  function idle() {
    var app = document.querySelector('[data-testid="stApp"]');
    return !!app && app.getAttribute("data-test-script-state") === "notRunning";
  }

  function submitButton(f) {
    return f && f.querySelector('[data-testid^="stBaseButton-"][data-testid$="FormSubmit"]');
  }

  // ---- live boards: the chart follows the count ------------------------------------------------------------
  // A board's count asks the server every second and carries the change marker it saw; the chart and tables
  // under it carry the marker they were drawn from (survey/pages/shared.py). When the two differ, the chart's
  // hidden button is pressed and only the chart and tables are drawn again: a poll that finds nothing new draws
  // nothing but the count. While ratings keep arriving the chart is drawn at most every two seconds, right after
  // a count came, so its drawing does not hold up the next count; once the count stands still, at once.
  var boards = {}, boardsBehind = false;
  function redrawBoards() {
    boardsBehind = false;
    var now = Date.now(), marks = document.querySelectorAll("[data-spindeln-live]");
    for (var i = 0; i < marks.length; i++) {
      var prefix = marks[i].getAttribute("data-spindeln-live"), want = marks[i].getAttribute("data-marker");
      var b = boards[prefix] || (boards[prefix] = { want: want, since: now, pressed: 0, asked: null });
      if (b.want !== want) { b.want = want; b.since = now; }  // a new count has just been drawn
      var drawn = document.querySelector('[data-spindeln-drawn="' + CSS.escape(prefix) + '"]');
      var from = drawn && drawn.getAttribute("data-marker");
      if (!drawn || from === want) continue;
      boardsBehind = true;
      if (b.asked === want + "|" + from && now - b.pressed < 5000) continue;  // pressed for it: wait (or again in 5 s)
      var fresh = now - b.since < 400, still = now - b.since > 1500;
      if (!idle() || !(still || (fresh && now - b.pressed >= 2000))) continue;
      var button = document.querySelector(".st-key-" + CSS.escape(prefix) + "-live-redraw-now button");
      if (button && !button.disabled) { b.asked = want + "|" + from; b.pressed = now; button.click(); }
    }
  }

  function tick() {
    var t = TEXTS[config.lang] || {};
    var online = connected();
    if (online && !wasOnline) { onlineSince = Date.now(); askSoon(0); }  // back: is it the same server?
    wasOnline = online;
    if (online) redrawBoards();
    var m = marker();
    var f = m && form();
    unsettled = !!(m && m.session !== session);
    document.body.classList.toggle("spindeln-pending", !!pending);
    if (f && m && idle() && online && m.session !== session && (!settling || settling.session !== m.session)) {
      settling = { session: m.session, at: Date.now() };  // let a fresh page finish drawing before comparing
    }
    if (f && m && idle() && online && (m.session === session || Date.now() - settling.at > 800)) {
      if (m.session !== session) {        // a new page or a new server session: put back what was not sent
        session = m.session;
        lastServer = m.server;
        restoring = null;
        var draft = load(m.key);
        if (tookOver) {                   // the group picked or typed before the page had settled: theirs wins
          tookOver = false;
          store(m, f);
        } else if (draft && draft.server === m.server && !same(draft.state, read(f))) {
          restoring = { state: draft.state, tries: 0 };
          say(t.client_draft_restored, "info");
          restoredAt = Date.now();
        } else {
          store(m, f);  // what the form shows now (picks made while it was drawing included)
        }
      }
      if (restoring) {                    // until the form shows the draft; the draft is never written meanwhile
        if (same(restoring.state, read(f))) restoring = null;
        else if (Date.now() > applying) {
          if (restoring.tries++ < 10) apply(f, restoring.state); else restoring = null;
        }
      } else if (m.server !== lastServer) { // a save went in: the draft now starts from what is stored
        lastServer = m.server;
        store(m, f);
      }
      if (pending && m.ack && m.ack !== pending.ack) {  // the server's page confirms (or refuses) this press
        pending = null;
        document.body.classList.remove("spindeln-pending");
        say("");
      }
    }
    if (pending) {
      var waited = Date.now() - pending.since;
      if (!online) {
        say(t.client_save_offline, "warn");
      } else if (f && idle() && Date.now() - onlineSince > 1500 && Date.now() > applying && waited > 6000) {
        // connected, the page is idle and still no acknowledgement: the press was lost on the way; press again
        if (pending.tries < 20) {
          pending.tries += 1;
          pending.since = Date.now();
          say(t.client_save_retrying, "warn");
          var b = submitButton(f);
          if (b && !b.disabled) { pending.self = true; b.click(); pending.self = false; }
        }
      } else if (waited > 4000) {
        say(t.client_save_slow, "warn");
      } else {
        say(t.client_save_sending, "info");
      }
    } else if (!online) {
      say(t.client_conn_lost, "warn");
    } else if (banner && (banner.className.indexOf("warn") >= 0 || Date.now() - restoredAt > 20000)) {
      say("");
    }
  }

  document.addEventListener("click", function (e) {
    var b = e.target && e.target.closest && e.target.closest('[data-testid^="stBaseButton-"][data-testid$="FormSubmit"]');
    if (!b || (pending && pending.self)) return;
    var m = marker();
    if (!m) return;
    var f = form();
    if (f) store(m, f);
    pending = { ack: m.ack, since: Date.now(), tries: 0 };
    document.body.classList.add("spindeln-pending");
    tick();
  }, true);

  function userChange(e) {
    var f = form();
    if (!f || !f.contains(e.target)) return;
    if (e.isTrusted) {                  // the group has taken over: what it does now is the draft
      restoring = null;
      var now = marker();
      if (now && now.session !== session) tookOver = true;  // and no older draft is put over it later
    }
    else if (Date.now() < applying || restoring) return;
    setTimeout(function () { var m = marker(); if (m && m.session === session && !restoring) store(m, f); }, 60);
  }
  document.addEventListener("input", userChange, true);
  document.addEventListener("click", userChange, true);
  document.addEventListener("visibilitychange", function () {
    var m = marker(), f = form();
    if (document.visibilityState === "hidden" && m && f && !restoring && m.session === session) store(m, f);
  });
  window.addEventListener("online", tick);
  window.addEventListener("offline", tick);

  // ---- following the facilitator ----------------------------------------------------------------------------
  // One question at a time, which the server holds until the phase differs from the one the page was drawn in
  // (or some twenty seconds pass): a phone follows within about a second and asks a few times a minute.
  var asking = false, followed = null, again = null;
  function askSoon(ms) { clearTimeout(again); again = setTimeout(follow, ms); }
  function follow() {
    var m = document.querySelector("[data-spindeln-follow]");
    var q = new URLSearchParams(location.search);
    if (!m || asking || document.visibilityState === "hidden" || !connected() || !q.get("w") || !q.get("g")) return;
    asking = true;
    var body = new URLSearchParams({ w: q.get("w"), g: q.get("g"), p: m.getAttribute("data-spindeln-follow"),
                                     s: m.getAttribute("data-process") });  // the token in the body: in no log
    fetch(BASE + "/spindeln/phase", { method: "POST", body: body, cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (answer) {
        asking = false;
        var mark = document.querySelector("[data-spindeln-follow]");
        if (!answer) return askSoon(3000);
        var parts = answer.split(" "), now = parts[0] + " " + parts[1];
        var shown = mark && mark.getAttribute("data-spindeln-follow") + " " + mark.getAttribute("data-process");
        if (!mark || now === shown) return askSoon(200);
        // Another server process drew this page (it restarted): it knows neither the session nor the form, and a
        // press of the form's button goes nowhere, so the page is drawn again at once, a press under way or not
        // (the press is made again by itself once the page shows the acknowledgement has not come).
        var otherServer = parts[1] !== mark.getAttribute("data-process");
        if (!otherServer && (pending || !idle())) return askSoon(1000);  // busy: press once it is done
        if (followed && followed.drawn === shown && followed.now === now && Date.now() - followed.at < 10000) {
          return askSoon(3000);  // pressed for this phase already and the page did not change: not in a loop
        }
        var b = document.querySelector(".st-key-follow-now button");
        if (b && !b.disabled) { followed = { drawn: shown, now: now, at: Date.now() }; b.click(); }
        askSoon(1000);
      }, function () { asking = false; askSoon(3000); });
  }
  setInterval(follow, 2000);  // starts it again after a sleep, a lost connection, or before the page had a marker
  document.addEventListener("visibilitychange", function () {  // a phone woken up asks at once
    if (document.visibilityState === "visible") follow();
  });

  var style = document.createElement("style");
  style.textContent =
    "#spindeln-net{display:none}" +
    "#spindeln-net.on{display:block;position:fixed;left:0;right:0;bottom:0;z-index:1000100;padding:.75rem 1rem;" +
    "font-size:1rem;line-height:1.4;color:#111;background:#fff4ce;border-top:3px solid #8a6100}" +
    "#spindeln-net.on.info{background:#e8f1fb;border-top-color:#0b5394}" +
    "body.spindeln-pending .st-key-form-status{display:none}" +
    ".spindeln-conn-title{font-weight:700;font-size:1.15rem;margin:0 0 .5rem}";
  document.head.appendChild(style);

  window.__spindeln = {
    configure: function (c) {
      var before = config.lang;
      config = c || config;
      compile();
      document.documentElement.lang = config.lang;
      if (before !== config.lang) sweep(document.body);
    },
    translate: function (s) { return translate(s); },
    tick: function () { tick(); },
  };
  compile();
  document.documentElement.lang = config.lang;
  sweep(document.body);
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true,
                                    attributeFilter: ATTRS });
  forgetOld();
  // Looked at when the page changes (above) and after every click, input and change of the connection; by the
  // clock only while something is under way (a press, a draft going back, a fresh page settling, a message
  // shown), else every two seconds: fifty idle forms in one test browser showed the cost of 2.5 looks a second.
  function busy() {
    return !!pending || !!restoring || !!(banner && banner.className) || unsettled || boardsBehind;
  }
  setInterval(function () { if (busy()) tick(); }, 400);
  setInterval(tick, 2000);
})();
