// jixiao preview page: draws the last good render's PDF with pdf.js, redraws on every
// `render` event of /events, shows diagnostics over the dimmed pages when a render failed,
// and maps page boxes back to template lines and data pointers (page_map of /state). Its
// texts come from texts.js in the page's language. Plain script, no build step; the
// endpoints are in docs/preview.md.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  // ---------- language: texts.js's catalog, the server's wording of diagnostics ----------
  const TEXTS = window.JIXIAO_TEXTS;
  const storedLang = () => { try { return localStorage.getItem("jixiao.lang"); } catch (e) { return null; } };
  // ?lang= in the URL, else the toggle's last choice, else the server's (--lang, LANG).
  let lang = [new URLSearchParams(location.search).get("lang"), storedLang()].find((l) => l in TEXTS) || null;

  function t(key, args = {}) {
    const v = TEXTS[lang || "zh"][key];
    if (v === undefined) return key;
    if (typeof v === "function") return v(args);
    return v.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
  }
  // Catalog texts are set through these: the element remembers its key (and values), and
  // relabel() words it again when the language changes.
  function setT(e, key, args) {
    e.dataset.t = key;
    if (args) e.dataset.tArgs = JSON.stringify(args); else delete e.dataset.tArgs;
    e.textContent = t(key, args);
    return e;
  }
  function setTitle(e, key, args) {
    e.dataset.tTitle = key;
    if (args) e.dataset.tTitleArgs = JSON.stringify(args); else delete e.dataset.tTitleArgs;
    e.title = t(key, args);
    return e;
  }
  const tx = (tag, cls, key, args) => setT(el(tag, cls), key, args);
  const argsOf = (json) => (json ? JSON.parse(json) : undefined);

  function relabel() {
    // The panels' language; the viewer keeps the page's zh-CN, the form's.
    for (const id of ["bar", "page-list", "side"]) $(id).lang = lang === "en" ? "en" : "zh-CN";
    document.title = t("title");
    for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t, argsOf(e.dataset.tArgs));
    for (const e of document.querySelectorAll("[data-t-title]")) e.title = t(e.dataset.tTitle, argsOf(e.dataset.tTitleArgs));
    for (const e of document.querySelectorAll("[data-t-aria]")) e.setAttribute("aria-label", t(e.dataset.tAria));
    for (const b of document.querySelectorAll("#langs button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    document.body.dataset.lang = lang || "";
  }

  function setLang(l, remember) {
    if (!(l in TEXTS)) return;
    if (remember) try { localStorage.setItem("jixiao.lang", l); } catch (e) { /* private mode: not kept */ }
    if (l === lang) return;
    lang = l;
    relabel();
    if (shown.state) refreshState();
  }

  const stateURL = () => "/state" + (lang ? "?lang=" + lang : "");

  // The diagnostics and findings worded by the server in the page's language; a render
  // event under way brings its own.
  async function refreshState() {
    const st = await fetchJSON(stateURL()).catch(() => null);
    if (!st || !shown.state || st.n !== shown.state.n || st.wording !== lang) return;
    showState(st);
    if (selectedBox) showSource(selectedBox);
  }

  pdfjsLib.GlobalWorkerOptions.workerSrc = "/pdfjs/pdf.worker.js";
  // One worker for the whole session: starting one per document costs more than a 004 render.
  const worker = new pdfjsLib.PDFWorker({ name: "jixiao-preview" });

  const viewer = $("viewer");
  const pagesEl = $("pages");

  // What is on screen.
  const shown = {
    n: 0,            // render number last handled (shown or failed)
    good: 0,         // render number whose PDF is drawn
    debug: false,    // drawn with the layout overlay
    pdf: null,       // PDFDocumentProxy of `good`
    state: null,     // last /state
    map: null,       // page_map drawn under the boxes
  };
  const pages = [];  // {div, canvas, boxes, text, w, h (points), drawnKey, textDone}
  let selected = null;  // {file, line, col, data} of the clicked box
  let selectedBox = null;  // its page_map box (the source panel shows it)
  let sourceCache = new Map();  // file → Promise<text>, dropped on every render

  // ---------- render events: the newest wins, one redraw at a time ----------
  let pending = null;
  let busy = false;

  function onRender(ev) {
    // A pending render event also picks up the overlay toggle: do not replace it.
    if (!(ev.redraw && pending)) pending = ev;
    if (!busy) pump();
  }

  async function pump() {
    busy = true;
    try {
      while (pending) {
        const ev = pending;
        pending = null;
        try {
          await handle(ev);
        } catch (e) {
          console.error(e);
          setStatus("error", "status.update-failed", { msg: e.message });
        }
      }
    } finally {
      busy = false;
    }
  }

  async function fetchJSON(url) {
    const r = await fetch(url, { cache: "no-store" });
    if (!r.ok) throw new Error(url + ": HTTP " + r.status);
    return r.json();
  }

  async function fetchPDF(n, debug) {
    const r = await fetch("/render.pdf?n=" + n + (debug ? "&debug=1" : ""), { cache: "no-store" });
    if (!r.ok) {
      const e = new Error("/render.pdf?n=" + n + ": HTTP " + r.status);
      e.status = r.status;
      throw e;
    }
    return new Uint8Array(await r.arrayBuffer());
  }

  async function handle(ev) {
    if (ev.n) {
      performance.clearMarks();  // only the current render's: they do not pile up all day
      performance.mark("jixiao:event:" + ev.n);
    }
    const debug = $("overlay").checked;
    if (ev.redraw) {
      // The overlay toggle: same render, the other PDF.
      if (!shown.good) return;
      let bytes;
      try {
        bytes = await fetchPDF(shown.good, debug);
      } catch (e) {
        if (e.status !== 409) throw e;
        // The overlay is drawn on demand: not while the files do not render.
        $("overlay").checked = false;
        setStatus("error", "status.overlay-needs-good");
        return;
      }
      if (pending) return;
      await showPDF(bytes, shown.good, debug);
      drawRest(shown.n);
      return;
    }
    sourceCache = new Map();
    let state;
    if (ev.ok) {
      // The event says the render is good: draw its PDF as soon as it is here; /state (the
      // page map, the scores) is asked at once but does not hold the picture up.
      const statePromise = fetchJSON(stateURL());
      statePromise.catch(() => {});  // awaited below; not an unhandled rejection meanwhile
      const bytes = await fetchPDF(ev.n, debug);
      performance.mark("jixiao:fetched:" + ev.n);  // for bench/preview: where the time goes
      if (pending) return;  // already outdated: draw the newer one instead
      await showPDF(bytes, ev.n, debug);
      document.body.classList.remove("failed");
      $("errors").hidden = true;
      markShown(ev);
      // Let the browser paint the new picture before the boxes and the side panel are built.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      state = await statePromise;
      // A newer render may have come meanwhile: its event follows, the map waits for it.
      if (state.good === ev.n) drawBoxes(state.page_map);
      showState(state);
    } else {
      state = await fetchJSON(stateURL());
      if (state.good && state.good !== shown.good) {
        // Opened while the data is broken: draw the last good pages under the errors (the
        // overlay cannot be drawn now: the server would have to render the broken files).
        const bytes = await fetchPDF(state.good, false);
        if (pending) return;
        await showPDF(bytes, state.good, false);
        drawBoxes(state.page_map);
      }
      showState(state);
      markShown(ev);
    }
    // Then the text of the visible pages (data-text = N: the text, the boxes and the side
    // panel of render N are in the DOM), then the pages out of sight.
    if (ev.ok) await Promise.all(visiblePages().map((i) => pages[i].textDone));
    document.body.dataset.text = String(ev.n);
    if (ev.ok) drawRest(ev.n);
  }

  function markShown(ev) {
    shown.n = ev.n;
    performance.mark("jixiao:shown:" + ev.n);
    document.body.dataset.ok = String(!!ev.ok);
    document.body.dataset.shown = String(ev.n);
  }

  // ---------- pages ----------
  // The zoom is a factor over fit-width (1: the widest page fills the column).
  let zoom = 1;
  const MIN_SCALE = 0.25, MAX_SCALE = 6;  // CSS pixels per PDF point

  function scale() {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, fitScale() * zoom));
  }

  function fitScale() {
    // CSS pixels per PDF point: the widest page fills the column, within sane bounds.
    let widest = 0;
    for (const p of pages) widest = Math.max(widest, p.w);
    const room = Math.max(200, viewer.clientWidth - 48);
    return Math.min(2.5, room / (widest || 595.28));
  }

  async function pageSizes(pdf) {
    const all = await Promise.all(Array.from({ length: pdf.numPages }, (_, i) => pdf.getPage(i + 1)));
    return all.map((page) => {
      const vp = page.getViewport({ scale: 1 });
      return [vp.width, vp.height];
    });
  }

  function visiblePages() {
    const top = viewer.scrollTop, bottom = top + viewer.clientHeight;
    const out = [];
    pages.forEach((p, i) => {
      const a = p.div.offsetTop, b = a + p.div.offsetHeight;
      if (b > top && a < bottom) out.push(i);
    });
    return out.length ? out : pages.length ? [0] : [];
  }

  async function showPDF(bytes, n, debug) {
    const pdf = await pdfjsLib.getDocument({
      data: bytes, worker, isEvalSupported: false, fontExtraProperties: false,
    }).promise;
    performance.mark("jixiao:parsed:" + n);
    const sizes = await pageSizes(pdf);

    // Same page divs, new sizes: the scroll position and the page in view stay.
    while (pages.length < sizes.length) {
      const div = el("div", "page");
      const canvasHolder = el("div", "canvas");
      const boxes = el("div", "boxes");
      const text = el("div", "page-text");
      const label = el("div", "page-no", pages.length + 1);
      div.append(canvasHolder, boxes, text, label);
      div.dataset.page = String(pages.length + 1);
      pagesEl.append(div);
      const item = el("button", null, pages.length + 1);
      item.type = "button";
      setTitle(item, "pagelist.page", { n: pages.length + 1 });
      item.addEventListener("click", () => goToPage(pages.findIndex((p) => p.item === item)));
      $("page-list").append(item);
      pages.push({ div, canvas: canvasHolder, boxes, text, item, w: 0, h: 0, drawnKey: "", textDone: null });
    }
    while (pages.length > sizes.length) {
      const p = pages.pop();
      p.div.remove();
      p.item.remove();
    }
    sizes.forEach(([w, h], i) => { pages[i].w = w; pages[i].h = h; pages[i].drawnKey = ""; });
    layoutPages();

    const old = shown.pdf;
    restToken++;  // stop drawing the previous document's remaining pages
    shown.pdf = pdf; shown.good = n; shown.debug = debug;
    const key = n + (debug ? "d" : "");
    await Promise.all(visiblePages().map((i) => drawPage(i, key)));
    if (old && old !== pdf) old.destroy();
    $("empty").hidden = true;
    $("legend").hidden = !debug;
    document.body.dataset.overlay = debug ? "1" : "0";
    markCurrentPage();
  }

  function layoutPages() {
    const s = scale();
    for (const p of pages) {
      p.div.style.width = Math.round(p.w * s) + "px";
      p.div.style.height = Math.round(p.h * s) + "px";
    }
    // 100%: the paper's own size (96 CSS pixels per inch, 72 points per inch).
    $("zoom-fit").textContent = Math.round(s * 75) + "%";
    document.body.dataset.zoom = String(zoom);
  }

  async function drawPage(i, key) {
    const p = pages[i];
    const pdf = shown.pdf;
    if (!p || !pdf || p.drawnKey === key) return;
    const page = await pdf.getPage(i + 1);
    const width = p.div.clientWidth;
    const css = width / p.w;
    const dpr = window.devicePixelRatio || 1;
    const viewport = page.getViewport({ scale: css * dpr });
    // Drawn off screen, then swapped in: no blank flash between two renders.
    const canvas = document.createElement("canvas");
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    const ctx = canvas.getContext("2d", { alpha: false });
    // intent "print": pdf.js then draws in one go instead of in 15 ms slices, one per
    // animation frame (each waits for the next frame); the PDFs carry no annotations.
    await page.render({ canvasContext: ctx, viewport, intent: "print" }).promise;
    if (shown.pdf !== pdf) return;  // a newer document took over meanwhile
    p.canvas.replaceChildren(canvas);
    // Zoomed meanwhile: this picture is stretched, the next pass draws it sharp.
    p.drawnKey = p.div.clientWidth === width ? key : "";
    // The text right after the picture: asked together, the text extraction competes with
    // the drawing for the worker and the CPU, and the page is seen later.
    p.textDone = page.getTextContent().then((content) => {
      if (shown.pdf === pdf) p.text.textContent = pageText(content);
    }, () => {});  // a document destroyed meanwhile
  }

  function pageText(content) {
    // The text in reading order, a line per PDF line: for tests and tools (textContent).
    let s = "";
    for (const it of content.items) {
      if (typeof it.str !== "string") continue;
      s += it.str;
      if (it.hasEOL) s += "\n";
    }
    return s;
  }

  let restToken = 0;
  async function drawRest(n) {
    const token = ++restToken;
    const key = shown.good + (shown.debug ? "d" : "");
    // Visible ones first (they may have scrolled in), then outward.
    const order = visiblePages();
    for (let i = 0; i < pages.length; i++) if (!order.includes(i)) order.push(i);
    for (const i of order) {
      if (token !== restToken || pending) return;
      await drawPage(i, key);
      await pages[i].textDone;
    }
    if (token === restToken) document.body.dataset.complete = String(n);
  }

  let scrollTimer = 0;
  viewer.addEventListener("scroll", () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => {
      const key = shown.good + (shown.debug ? "d" : "");
      for (const i of visiblePages()) drawPage(i, key);
    }, 60);
  });

  // Every page again at its new size, once the zooming or resizing pauses; meanwhile the
  // old pictures are stretched.
  let redrawTimer = 0;
  function redrawAll(delay) {
    for (const p of pages) p.drawnKey = "";
    clearTimeout(redrawTimer);
    redrawTimer = setTimeout(() => { if (shown.pdf) drawRest(shown.n); }, delay);
  }

  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      const keep = viewer.scrollTop / Math.max(1, viewer.scrollHeight);
      layoutPages();
      viewer.scrollTop = keep * viewer.scrollHeight;
      redrawAll(0);
    }, 150);
  });

  // ---------- zoom: buttons, Ctrl+wheel, Ctrl+= Ctrl+- Ctrl+0 ----------
  function setZoom(z, at) {
    const fit = fitScale();
    z = Math.min(MAX_SCALE / fit, Math.max(MIN_SCALE / fit, z));
    if (Math.abs(z - zoom) < 1e-6) return;
    // The point under the cursor (else the viewer's centre) stays where it is.
    const vr = viewer.getBoundingClientRect();
    const x = at ? at.x : vr.left + viewer.clientWidth / 2, y = at ? at.y : vr.top + viewer.clientHeight / 2;
    const anchor = pageAt(x, y);
    zoom = z;
    layoutPages();
    if (anchor) {
      const r = pages[anchor.i].div.getBoundingClientRect();
      viewer.scrollLeft += r.left + anchor.fx * r.width - x;
      viewer.scrollTop += r.top + anchor.fy * r.height - y;
    }
    redrawAll(120);
  }

  function pageAt(x, y) {
    // The page under (x, y), or the nearest one above or below, and where on it.
    let best = null, dist = Infinity;
    pages.forEach((p, i) => {
      const r = p.div.getBoundingClientRect();
      const d = y < r.top ? r.top - y : y > r.bottom ? y - r.bottom : 0;
      if (d < dist) { dist = d; best = { i, fx: (x - r.left) / r.width, fy: (y - r.top) / r.height }; }
    });
    return best;
  }

  const ZOOM_STEP = 1.25;
  $("zoom-in").addEventListener("click", () => setZoom(zoom * ZOOM_STEP));
  $("zoom-out").addEventListener("click", () => setZoom(zoom / ZOOM_STEP));
  $("zoom-fit").addEventListener("click", () => setZoom(1));
  // Anywhere on the page: the browser would otherwise zoom everything, bar and panels too.
  window.addEventListener("wheel", (e) => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const inViewer = viewer.contains(e.target);
    const unit = e.deltaMode === 1 ? 0.05 : 0.002;  // lines or pixels
    setZoom(zoom * Math.exp(-e.deltaY * unit), inViewer ? { x: e.clientX, y: e.clientY } : null);
  }, { passive: false });
  window.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    if (e.key === "=" || e.key === "+") setZoom(zoom * ZOOM_STEP);
    else if (e.key === "-" || e.key === "_") setZoom(zoom / ZOOM_STEP);
    else if (e.key === "0") setZoom(1);
    else return;
    e.preventDefault();
  });

  // ---------- page list: jump to a page, the one in view marked ----------
  function goToPage(i) {
    if (!pages[i]) return;
    viewer.scrollTop = pages[i].div.offsetTop - 12;
    markCurrentPage();
  }

  function markCurrentPage() {
    // The page taking most of the viewer's height.
    const top = viewer.scrollTop, bottom = top + viewer.clientHeight;
    let cur = -1, most = -1;
    pages.forEach((p, i) => {
      const seen = Math.min(bottom, p.div.offsetTop + p.div.offsetHeight) - Math.max(top, p.div.offsetTop);
      if (seen > most) { most = seen; cur = i; }
    });
    pages.forEach((p, i) => {
      p.item.classList.toggle("current", i === cur);
      if (i === cur) p.item.setAttribute("aria-current", "page"); else p.item.removeAttribute("aria-current");
    });
    if (cur >= 0) {
      document.body.dataset.page = String(cur + 1);
      pages[cur].item.scrollIntoView({ block: "nearest" });
    }
  }
  viewer.addEventListener("scroll", () => requestAnimationFrame(markCurrentPage), { passive: true });

  for (const b of document.querySelectorAll("#langs button")) b.addEventListener("click", () => setLang(b.dataset.lang, true));

  $("overlay").addEventListener("change", () => {
    if (shown.good) onRender({ redraw: true });
  });
  $("outline").addEventListener("change", (e) => {
    document.body.classList.toggle("outline-boxes", e.target.checked);
  });

  // ---------- boxes: page → source ----------
  function drawBoxes(map) {
    shown.map = map || null;
    pages.forEach((p, i) => {
      p.boxes.replaceChildren();
      const mp = map && map.pages && map.pages[i];
      if (!mp) return;
      // Largest first, so that a cell lies above its table and a click finds the smallest.
      const boxes = mp.boxes.map((b, k) => ({ b, k }))
        .sort((x, y) => y.b.w * y.b.h - x.b.w * x.b.h || x.k - y.k);
      for (const { b } of boxes) {
        const d = el("div", "box " + b.kind);
        d.style.left = (100 * b.x / mp.width) + "%";
        d.style.top = (100 * b.y / mp.height) + "%";
        d.style.width = (100 * b.w / mp.width) + "%";
        d.style.height = (100 * b.h / mp.height) + "%";
        d.dataset.kind = b.kind;
        d.dataset.file = b.file || "";
        d.dataset.line = String(b.line || 0);
        d.dataset.col = String(b.col || 0);
        d.dataset.data = b.data || "";
        d.title = (b.file || "?") + ":" + b.line + ":" + b.col + (b.data ? "  " + b.data : "");
        d._box = b;
        p.boxes.append(d);
      }
    });
    markSelected();
    applyAt();
    if (activeFinding) showFinding(activeFinding.f, activeFinding.li, false);
  }

  pagesEl.addEventListener("click", (e) => {
    const d = e.target.closest(".box");
    if (!d) return;
    selected = { file: d.dataset.file, line: +d.dataset.line, col: +d.dataset.col, data: d.dataset.data };
    selectedBox = d._box;
    clearMarks("finding", "finding-row");
    activeFinding = null;
    for (const x of document.querySelectorAll(".finding.active")) x.classList.remove("active");
    markSelected();
    showSource(d._box);
  });

  function sameOrigin(d, s) {
    return s && d.dataset.file === s.file && +d.dataset.line === s.line &&
      +d.dataset.col === s.col && d.dataset.data === s.data;
  }

  function markSelected() {
    for (const d of pagesEl.querySelectorAll(".box")) d.classList.toggle("selected", sameOrigin(d, selected));
  }

  // A template file as the root names it: forms/x.xml (for ?at=).
  function relFile(f) {
    if (!f) return "?";
    const i = f.lastIndexOf("/templates/");
    if (i >= 0) return f.slice(i + "/templates/".length);
    return f.slice(f.lastIndexOf("/") + 1);
  }

  // Shown with the directory holding templates/, so that a copy and the built-in file
  // differ (mine/templates/forms/x.xml, jixiao/templates/forms/x.xml); the full path is
  // the title wherever a file is shown.
  function shortFile(f) {
    if (!f) return "?";
    const i = f.lastIndexOf("/templates/");
    if (i < 0) return f.slice(f.lastIndexOf("/") + 1);
    return f.slice(f.lastIndexOf("/", i - 1) + 1);
  }

  function fileEl(f, line, col) {
    const e = el("code", "where", shortFile(f) + (line ? ":" + line + (col ? ":" + col : "") : ""));
    e.title = f || "";
    return e;
  }

  // The --editor link for file:line:col (null without --editor). {file} is the absolute
  // path, URL-encoded per segment; a '/' written before {file} is not doubled.
  function editorLink(file, line, col) {
    const pattern = shown.state && shown.state.editor;
    if (!pattern || !file) return null;
    const path = file.split("/").map(encodeURIComponent).join("/");
    const href = (path.startsWith("/") ? pattern.replace("/{file}", "{file}") : pattern)
      .replaceAll("{file}", path).replaceAll("{line}", String(line || 1)).replaceAll("{col}", String(col || 1));
    const a = tx("a", "editor", "editor.open");
    a.href = href;
    setTitle(a, "editor.open.title", { file, line: line || 1, col: col || 1 });
    return a;
  }

  function sourceText(file) {
    if (!sourceCache.has(file)) {
      sourceCache.set(file, fetch("/source?file=" + encodeURIComponent(file), { cache: "no-store" })
        .then((r) => (r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status)))));
    }
    return sourceCache.get(file);
  }

  function row(key, value, cls) {
    // A label of the catalog (key, its tooltip key + ".title") and a value.
    const r = el("div", "row");
    const l = tx("span", "label", key);
    if (TEXTS.zh[key + ".title"]) setTitle(l, key + ".title");
    const v = el("span", "value" + (cls ? " " + cls : ""));
    if (value instanceof Node) v.append(value); else v.textContent = value;
    r.append(l, v);
    return r;
  }

  async function showSource(b) {
    const box = $("source");
    box.classList.remove("muted");
    box.replaceChildren();
    const where = fileEl(b.file, b.line, b.col);
    const link = editorLink(b.file, b.line, b.col);
    box.append(row("row.template", link ? spaced(where, link) : where));
    box.append(b.data ? row("row.data", b.data, "mono") : row("row.data", tx("span", null, "row.data.none"), "muted"));
    const kind = TEXTS.zh["kind." + b.kind] ? tx("span", null, "kind." + b.kind) : b.kind;
    box.append(row("row.kind", kind));
    if (b.text) box.append(row("row.text", b.text, "form-text"));
    const linesEl = el("pre", "source-lines", "…");
    setTitle(linesEl, "source.lines.title");
    box.append(linesEl);
    const valueRow = row("row.value", "…", "mono data-value");
    if (b.data) box.append(valueRow);
    const hint = el("p", "muted small");
    hint.append(tx("span", null, "source.locate"));
    const at = el("a", null, "?at=" + relFile(b.file) + ":" + b.line);
    at.href = "?at=" + encodeURIComponent(relFile(b.file) + ":" + b.line);
    setTitle(at, "source.locate.title");
    hint.append(at);
    box.append(hint);

    try {
      const text = await sourceText(b.file);
      linesEl.replaceChildren(...sourceLines(text.split("\n"), b.line, b.col));
    } catch (e) {
      linesEl.replaceChildren(tx("span", null, "source.unreadable", { file: b.file, msg: e.message }));
    }
    if (b.data && shown.state && shown.state.data_file) {
      const value = valueRow.querySelector(".value");
      try {
        const data = JSON.parse(await sourceText(shown.state.data_file));
        const v = resolvePointer(data, b.data);
        if (v === undefined) return void value.replaceChildren(tx("span", null, "value.missing"));
        let s = JSON.stringify(v);
        if (s.length > 300) s = s.slice(0, 300) + "…";
        value.textContent = s;
      } catch (e) {
        value.textContent = "(" + e.message + ")";
      }
    }
  }

  function spaced(...nodes) {
    const s = el("span", "spaced");
    s.append(...nodes);
    return s;
  }

  function sourceLines(lines, line, col) {
    // The line with one of context either side; a ^ under the column.
    const out = [];
    const width = String(Math.min(lines.length, line + 1)).length;
    for (let k = Math.max(1, line - 1); k <= Math.min(lines.length, line + 1); k++) {
      const text = lines[k - 1].replace(/\r$/, "");
      const r = el("div", k === line ? "src-line current" : "src-line");
      r.append(el("span", "ln", String(k).padStart(width)), el("span", "code", text));
      out.push(r);
      if (k === line && col > 0) out.push(markerLine(text, col, width));
    }
    return out;
  }

  function markerLine(text, col, width) {
    // An invisible copy of the text before the column keeps the ^ aligned under wide (CJK)
    // characters and tabs, which a count of spaces would not.
    const r = el("div", "src-line marker");
    const chars = Array.from(text);
    const pad = el("span", "pad", chars.slice(0, Math.max(0, col - 1)).join(""));
    r.append(el("span", "ln", " ".repeat(width)), el("span", "code"));
    r.lastChild.append(pad, el("span", "caret", "^"));
    return r;
  }

  function resolvePointer(doc, ptr) {
    if (ptr === "") return doc;
    let v = doc;
    for (const raw of ptr.split("/").slice(1)) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (v === null || typeof v !== "object" || !(key in v)) return undefined;
      v = v[key];
    }
    return v;
  }

  // ---------- ?at=FILE:LINE: template line → boxes ----------
  const atParam = new URLSearchParams(location.search).get("at");
  let atScrolled = false;

  function parseAt(s) {
    const m = /^(.*):(\d+)$/.exec(s || "");
    return m ? { file: m[1], line: +m[2] } : null;
  }

  function fileMatches(full, want) {
    // A file name or a path suffix ending at a '/' boundary.
    if (!full || !want) return false;
    if (full === want) return true;
    return full.endsWith("/" + want.replace(/^\/+/, ""));
  }

  function applyAt() {
    const at = parseAt(atParam);
    if (!atParam) return;
    $("at-panel").hidden = false;
    const out = $("at");
    if (!at) {
      out.replaceChildren(tx("span", null, "at.format"));
      return;
    }
    let first = null, count = 0;
    for (const d of pagesEl.querySelectorAll(".box")) {
      const hit = +d.dataset.line === at.line && fileMatches(d.dataset.file, at.file);
      d.classList.toggle("at", hit);
      if (hit) { count++; if (!first) first = d; }
    }
    out.replaceChildren(el("code", null, at.file + ":" + at.line),
      count ? tx("span", null, "at.count", { n: count }) : tx("span", null, "at.none"));
    setTitle(out, "at.title", { n: count });
    document.body.dataset.atCount = String(count);
    if (first && !atScrolled) {
      atScrolled = true;
      first.scrollIntoView({ block: "center" });
    }
  }

  function clearMarks(...classes) {
    for (const cls of classes)
      for (const d of pagesEl.querySelectorAll(".box." + cls)) d.classList.remove(cls);
  }

  // ---------- state: status, diagnostics, scores and findings ----------
  function setStatus(kind, key, args) {
    $("status").dataset.kind = kind;
    setT($("status-text"), key, args);
  }

  function showState(state) {
    shown.state = state;
    if (!lang && state.lang in TEXTS) {  // no choice made: the server's language
      lang = state.lang;
      relabel();
    }
    if (state.wording && state.wording !== lang) refreshState();  // asked for before a switch
    document.body.dataset.wording = state.wording || "";
    const file = $("file");
    file.textContent = (state.data_file || "").split("/").pop();
    setTitle(file, "file.title", { file: state.data_file || "", files: (state.watching || []).join("\n") });
    const npages = pages.length;
    if (state.ok) setStatus("ok", "status.ok", { n: state.n, pages: npages });
    else if (state.good) setStatus("error", "status.failed.kept", { n: state.n, good: state.good });
    else setStatus("error", "status.failed", { n: state.n });
    showErrors(state);
    // A failed render may have no scores: keep the last good ones (dimmed) then.
    if (state.ok || (state.documents || []).length) showDocuments(state.documents || []);
  }

  function showErrors(state) {
    const box = $("errors");
    const diags = state.ok ? [] : (state.diagnostics || []);
    document.body.classList.toggle("failed", !state.ok);
    $("empty").hidden = !!state.good || state.ok;
    box.hidden = state.ok;
    box.replaceChildren();
    if (state.ok) return;
    box.append(tx("h2", null, state.good ? "errors.head.kept" : "errors.head"));
    if (!diags.length) box.append(tx("p", "muted", "errors.none"));
    // Errors first: the scoring notes of a data file that did render come with them but are
    // not why the render failed; they go last, folded.
    const rank = { error: 0, warning: 1 };
    const main = diags.filter((d) => d.severity in rank)
      .sort((a, b) => rank[a.severity] - rank[b.severity]);
    for (const d of main) box.append(diagnostic(d));
    const notes = diags.filter((d) => !(d.severity in rank));
    if (notes.length) {
      const more = el("details", "more-notes");
      more.append(tx("summary", "muted", "errors.notes", { n: notes.length }));
      for (const d of notes) more.append(diagnostic(d));
      box.append(more);
    }
  }

  // The CLI's severity words: 错误, 警告, 提示 (a note).
  function severity(name) {
    const key = name === "warning" ? "sev.warning" : name === "note" || name === "info" ? "sev.note" : "sev.error";
    const s = tx("span", "sev", key);
    s.dataset.severity = name || "error";
    return s;
  }

  function diagnostic(d) {
    const card = el("div", "diag " + (d.severity || "error"));
    const head = el("div", "diag-head");
    head.append(severity(d.severity));
    const where = el("code", "where", shortFile(d.file) + (d.place ? ":" + d.place : ""));
    if (d.line) setTitle(where, "diag.where.title", { file: d.file || "", line: d.line, col: d.col || 1 });
    else where.title = d.file || "";
    head.append(where);
    if (d.line) head.append(tx("span", "muted", d.col ? "diag.line-col" : "diag.line", { line: d.line, col: d.col }));
    if (d.code) head.append(setTitle(el("span", "code-name", d.code), "diag.code.title"));
    const link = d.line ? editorLink(d.file, d.line, d.col) : null;
    if (link) head.append(link);
    card.append(head);
    card.append(el("div", "message", d.message || ""));
    if (d.source_line !== undefined && d.source_line !== null && d.source_line !== "") {
      const pre = el("pre", "source-lines");
      const width = String(d.line || "").length || 1;
      const r = el("div", "src-line current");
      r.append(el("span", "ln", d.line ? String(d.line) : " ".repeat(width)), el("span", "code", d.source_line));
      pre.append(r);
      if (d.marker_col) pre.append(markerLine(d.source_line, d.marker_col, width));
      card.append(pre);
    }
    if (d.expected) card.append(row("diag.expected", d.expected));
    if (d.got) card.append(row("diag.got", d.got));
    for (const h of d.hints || []) card.append(row("diag.hint", h, "hint"));
    return card;
  }

  function showDocuments(docs) {
    const box = $("documents");
    if (activeFinding) activeFinding.found = false;
    box.replaceChildren();
    box.classList.toggle("muted", !docs.length);
    if (!docs.length) { box.replaceChildren(tx("span", null, "docs.none")); return; }
    for (const doc of docs) {
      // One line per document (a file may hold many): title, total / max, grade; then the
      // unit and the number of findings, and the findings themselves.
      const card = el("div", "doc");
      const head = el("div", "doc-head");
      const title = el("span", "doc-title", doc.title || doc.unit || doc.pointer || "");
      title.title = doc.pointer || "";
      const hasMax = doc.max !== undefined && doc.max !== null;
      const total = el("span", "total", doc.total === null || doc.total === undefined ? "—" : doc.total);
      if (hasMax) setTitle(total, "doc.total-max.title", { max: doc.max }); else setTitle(total, "doc.total.title");
      const grade = setTitle(el("span", "grade", doc.grade || "—"), "doc.grade.title");
      head.append(title, total, grade);
      card.append(head);
      const findings = doc.findings || [];
      const sub = el("div", "muted small");
      if (doc.unit && doc.unit !== doc.title) sub.append(doc.unit + " · ");
      const n = tx("span", findings.length ? "count has" : "count", "doc.findings", { n: findings.length });
      setTitle(n, "doc.findings.title");
      sub.append(n);
      if (hasMax) sub.append(" · ", tx("span", null, "doc.max", { max: doc.max }));
      card.append(sub);
      if (findings.length) {
        const list = el("ul", "findings");
        for (const f of findings) list.append(finding(f));
        card.append(list);
      }
      box.append(card);
    }
    if (activeFinding && !activeFinding.found) {  // fixed meanwhile: nothing to point at
      activeFinding = null;
      clearMarks("finding", "finding-row");
    }
  }

  function finding(f) {
    const li = el("li", "finding " + (f.severity || ""));
    li.tabIndex = 0;
    li.append(severity(f.severity), el("span", "message", f.message || f.code || ""));
    const nums = el("span", "muted small nums");
    if (f.computed !== undefined && f.computed !== null) nums.append(tx("span", null, "finding.computed", { v: f.computed }));
    if (f.declared !== undefined && f.declared !== null) {
      if (nums.firstChild) nums.append(" · ");
      nums.append(tx("span", null, "finding.declared", { v: f.declared }));
    }
    if (nums.firstChild) li.append(nums);
    const p = el("code", "pointer", f.pointer || "");
    p.title = f.code || "";
    li.append(p);
    setTitle(li, "finding.title");
    const a = activeFinding && activeFinding.f;
    // Not by message: a change of language words it anew.
    if (a && a.pointer === f.pointer && a.code === f.code && a.severity === f.severity) {
      li.classList.add("active");
      activeFinding = { f, li, found: true };
    }
    const go = () => showFinding(f, li);
    li.addEventListener("click", go);
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") go(); });
    return li;
  }

  let activeFinding = null;  // {f, li}: kept highlighted across re-renders
  // The boxes a finding concerns: those whose data pointer is the finding's pointer; else the
  // row it is in (the longest pointer that is a prefix of it, and that row's other cells),
  // plus the cell showing the scored value of that field (a finding on
  // /departments/0/scorecard/14/score is about the cell of
  // /departments/0/evaluation/indicators/14/score: same document, same "14/score" ending).
  function findingBoxes(ptr, boxes) {
    const exact = boxes.filter((d) => d.dataset.data === ptr);
    const parts = ptr.split("/");
    const doc = parts.slice(0, 3).join("/") + "/";
    const tail = "/" + parts.slice(-2).join("/");
    const scored = parts.length > 4 ? boxes.filter((d) => d.dataset.data !== ptr &&
      d.dataset.data.startsWith(doc) && d.dataset.data.endsWith(tail) &&
      d.dataset.data.includes("/evaluation/")) : [];
    if (exact.length) return { main: exact, more: scored };
    let best = "";
    for (const d of boxes) {
      const p = d.dataset.data;
      if (p && ptr.startsWith(p + "/") && p.length > best.length) best = p;
    }
    // The row only when best is the field's parent (…/scorecard/14 of …/scorecard/14/score):
    // a shallower prefix (the whole project) would light up the page.
    const parent = parts.slice(0, -1).join("/");
    const row = best === parent ? boxes.filter((d) => d.dataset.data === best || d.dataset.data.startsWith(best + "/"))
      : boxes.filter((d) => d.dataset.data === best);
    return scored.length ? { main: scored, more: best === parent ? row : [] } : { main: row, more: [] };
  }

  function showFinding(f, li, scroll = true) {
    activeFinding = { f, li };
    const ptr = f.pointer || "";
    const boxes = [...pagesEl.querySelectorAll(".box")].filter((d) => d.dataset.kind !== "table");
    clearMarks("finding", "finding-row");
    for (const x of document.querySelectorAll(".finding.active")) x.classList.remove("active");
    li.classList.add("active");
    const { main, more } = findingBoxes(ptr, boxes);
    if (!main.length) {
      if (!li.dataset.nocell) li.append(tx("span", "nocell", "finding.nocell"));
      li.dataset.nocell = "1";
      setTitle(li, "finding.nocell.title", { ptr });
      return;
    }
    for (const d of more) d.classList.add("finding-row");
    for (const d of main) d.classList.add("finding");
    document.body.dataset.findingBoxes = String(main.length);
    if (scroll) main[0].scrollIntoView({ block: "center" });
  }

  // ---------- the event stream ----------
  function connect() {
    const es = new EventSource("/events");
    es.addEventListener("render", (e) => {
      const ev = JSON.parse(e.data);
      // A reconnect repeats the current render: redraw only if something is new.
      if (ev.n === shown.n && document.body.dataset.ok === String(!!ev.ok) && !pending) return;
      onRender(ev);
    });
    // Let go for a newer page (the server keeps a few streams): no reconnecting, say why.
    es.addEventListener("dropped", () => {
      es.close();
      setStatus("off", "status.dropped");
    });
    es.onopen = () => { if (!shown.n) setStatus("wait", "status.rendering"); };
    es.onerror = () => setStatus("off", "status.disconnected");
  }
  relabel();
  setStatus("wait", "status.connecting");
  connect();
})();
