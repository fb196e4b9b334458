// Save → shown: how long after a file is saved the preview in headless Chromium shows the
// updated page. See README.md.
//   node bench/preview/measure.mjs --jixiao BUILD/jixiao [--saves 25] [--cases 003-template,…]
//        [--json OUT.json]
// Each case: a fresh copy of the example and templates, `jixiao preview` on it, the page
// opened at 1280x800; then N saves (by rename, as editors do), each putting a new marker in
// the text of page 1, each waited for until the page shows it. Times are taken in the page
// (a MutationObserver on body[data-shown], installed before the page's own script) against
// the save's time in this process, on the same clock (performance.timeOrigin + now()).
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  REPO, fail, launchBrowser, parseArgs, run, save, sleep, startServer, waitShown, workspace,
} from "../../tests/preview/e2e/harness.mjs";

const DEPT = "shenzhen-2020-department-selfeval.json";
const PROJ = "shenzhen-2021-project-selfeval.json";

// What each case saves: the file, and its text with marker i (which must show on page 1).
const CASES = {
  "003-data": {
    example: DEPT, what: "003 report (seed 003), data file: 填报人",
    file: (ws) => ws.data,
    edit: (text, i) => { const d = JSON.parse(text); d.departments[0].filled_by = `测${i}号`; return JSON.stringify(d, null, 2); },
    marker: (i) => `测${i}号`,
  },
  "003-template": {
    example: DEPT, what: "003 report (seed 003), template: the 填报人 label",
    file: (ws) => path.join(ws.templates, "forms/shenzhen-department-selfeval-2020.xml"),
    edit: (text, i) => replaceOnce(text, "填报人：{d.filled_by}", `填报人${i}：{d.filled_by}`),
    marker: (i) => `填报人${i}：`,
  },
  "004-data": {
    example: PROJ, one: true, what: "004 table, one project on one page, data file: 项目名称",
    file: (ws) => ws.data,
    edit: (text, i) => { const d = JSON.parse(text); d.projects[0].name = `项目${i}号`; return JSON.stringify(d, null, 2); },
    marker: (i) => `项目${i}号`,
  },
  "004-template": {
    example: PROJ, one: true, what: "004 table, one project on one page, template: the title",
    file: (ws) => path.join(ws.templates, "forms/shenzhen-project-selfeval-2021.xml"),
    edit: (text, i) => replaceOnce(text, ">项目支出绩效自评表</p>", `>项目支出绩效自评表${i}版</p>`),
    marker: (i) => `项目支出绩效自评表${i}版`,
  },
};

function replaceOnce(text, from, to) {
  if (!text.includes(from)) fail(`the template has no '${from}' (update bench/preview/measure.mjs)`);
  return text.replace(from, to);
}

// The 004 project that fills exactly one page (the smallest of the example's nine).
function oneProjectData() {
  const d = JSON.parse(fs.readFileSync(path.join(REPO, "examples", PROJ), "utf8"));
  const size = (p) => JSON.stringify(p).length;
  const p = d.projects.reduce((a, b) => (size(b) < size(a) ? b : a));
  return JSON.stringify({ ...d, projects: [p] }, null, 2);
}

// Installed before the page's scripts: when render events arrive and when data-shown changes,
// and whether the page text then holds the marker the bench is waiting for.
function probe() {
  const now = () => performance.timeOrigin + performance.now();
  window.__bench = { events: [], shown: [], marker: null };
  const ES = window.EventSource;
  window.EventSource = function (url, opts) {
    const es = new ES(url, opts);
    es.addEventListener("render", (e) => window.__bench.events.push({ n: JSON.parse(e.data).n, t: now() }));
    return es;
  };
  window.EventSource.prototype = ES.prototype;
  // data-shown: the picture is on the canvas (timed); data-text: its text follows (checked).
  new MutationObserver((records) => {
    for (const r of records) {
      const n = Number(r.target.dataset[r.attributeName === "data-shown" ? "shown" : "text"] || 0);
      const list = window.__bench.shown;
      if (r.attributeName === "data-shown") {
        if (!n || (list.length && list[list.length - 1].n === n)) continue;
        const rec = { n, t: now(), hit: null, marks: {} };
        for (const m of performance.getEntriesByType("mark")) {
          const [, kind, mn] = m.name.split(":");
          if (Number(mn) === n) rec.marks[kind] = performance.timeOrigin + m.startTime;
        }
        list.push(rec);
        // The frame that puts it on screen.
        requestAnimationFrame(() => setTimeout(() => { rec.painted = now(); }, 0));
      } else {
        const rec = list.find((x) => x.n === n);
        if (!rec) continue;
        const text = [...document.querySelectorAll(".page-text")].map((e) => e.textContent).join("\n");
        rec.hit = !!window.__bench.marker && text.includes(window.__bench.marker);
      }
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-shown", "data-text"] });  // no <html> yet
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { n: s.length, median: q(0.5), p90: q(0.9), min: s[0], max: s[s.length - 1] };
};

async function measureCase(browser, jixiao, name, saves) {
  const c = CASES[name];
  const ws = workspace(c.example, c.one ? oneProjectData() : undefined);
  const server = await startServer(jixiao, ws.data, ws.templates);
  const page = await browser.newPage();
  await page.evaluateOnNewDocument(probe);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  await waitShown(page, 0, 60000, `the first render of ${name}`);
  const npages = await page.evaluate(() => document.querySelectorAll(".page").length);
  if (await page.evaluate(() => document.body.dataset.ok) !== "true") fail(`${name}: the first render failed`);
  const file = c.file(ws);
  const original = fs.readFileSync(file, "utf8");
  const rows = [];
  const warmup = 3;
  for (let i = 1; i <= saves + warmup; i++) {
    // Let the previous render's remaining pages finish, as between a user's saves.
    await page.waitForFunction(() => document.body.dataset.complete === document.body.dataset.shown,
      { timeout: 30000 }).catch(() => {});
    await sleep(150);
    const marker = c.marker(i);
    const before = await page.evaluate((m) => { window.__bench.marker = m; return window.__bench.shown.length; }, marker);
    const text = c.edit(original, i);
    const t0 = performance.timeOrigin + performance.now();
    save(file, text);
    const rec = await page.waitForFunction((b) => {
      const hit = window.__bench.shown.slice(b).find((r) => r.hit);
      return hit && hit.painted ? hit : null;
    }, { timeout: 30000, polling: 10 }, before).then((h) => h.jsonValue())
      .catch(() => fail(`${name}: save ${i}: marker '${marker}' not shown within 30 s`));
    const ev = await page.evaluate((n) => window.__bench.events.find((e) => e.n === n), rec.n);
    const renders = await page.evaluate((b) => window.__bench.shown.length - b, before);
    // The server's own figure for that render (its log line on stderr).
    const logged = new RegExp(`render ${rec.n} ok in ([\\d.]+) ms \\(engine ([\\d.]+)`).exec(server.log.err);
    if (i <= warmup) continue;
    rows.push({
      shown: rec.t - t0, painted: rec.painted - t0,
      event: ev ? ev.t - t0 : NaN,
      render: logged ? Number(logged[1]) : NaN,
      fetched: rec.marks.fetched - (ev ? ev.t : NaN),
      draw: rec.t - rec.marks.fetched,
      parse: rec.marks.parsed - rec.marks.fetched,
      renders,
    });
  }
  await page.close();
  const pick = (k) => stats(rows.map((r) => r[k]).filter((x) => Number.isFinite(x)));
  return {
    case: name, what: c.what, pages: npages, saves: rows.length,
    shown: pick("shown"), painted: pick("painted"),
    breakdown: { server: pick("event"), render: pick("render"), fetch: pick("fetched"), pdfjs: pick("draw"), parse: pick("parse") },
    extra_renders: rows.filter((r) => r.renders > 1).length,
    state_bytes: (await (await fetch(server.url + "state")).text()).length,
    pdf_bytes: (await (await fetch(server.url + "render.pdf?n=" + (await (await fetch(server.url + "state")).json()).good)).arrayBuffer()).byteLength,
  };
}

const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    jixiao: "", saves: "25", cases: Object.keys(CASES).join(","), json: "",
  });
  if (!args.jixiao) fail("usage: node bench/preview/measure.mjs --jixiao PATH/TO/jixiao [--saves N] [--cases a,b] [--json FILE]");
  const saves = Number(args.saves);
  if (!(saves >= 1)) fail("--saves must be a positive number");
  const names = args.cases.split(",");
  for (const n of names) if (!CASES[n]) fail(`unknown case '${n}'; the cases are ${Object.keys(CASES).join(", ")}`);

  const browser = await launchBrowser(1280, 800);
  const results = [];
  for (const name of names) {
    const r = await measureCase(browser, path.resolve(args.jixiao), name, saves);
    results.push(r);
    console.error(`${name}: median ${f1(r.shown.median)} ms, p90 ${f1(r.shown.p90)} ms`);
  }
  console.log("| case | pages | saves | save→shown median | p90 | save→painted median | p90 | save→SSE event median | of which render (server log) | event→PDF fetched | pdf.js parse+draw visible | PDF bytes | /state bytes |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const r of results)
    console.log(`| ${r.case} | ${r.pages} | ${r.saves} | ${f1(r.shown.median)} | ${f1(r.shown.p90)} | ${f1(r.painted.median)} | ${f1(r.painted.p90)} | ` +
      `${f1(r.breakdown.server.median)} | ${f1(r.breakdown.render.median)} | ${f1(r.breakdown.fetch.median)} | ${f1(r.breakdown.pdfjs.median)} | ${r.pdf_bytes} | ${r.state_bytes} |`);
  console.log("\nBreakdown columns are medians of each part separately (they need not add up to the total's median).");
  const targets = { "003": 150, "004": 50 };
  console.log("\n| target | figure | met |\n|---|---|---|");
  for (const r of results) {
    const t = targets[r.case.slice(0, 3)];
    console.log(`| ${r.case} median < ${t} ms | ${f1(r.shown.median)} ms | ${r.shown.median < t ? "yes" : "no"} |`);
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), results }, null, 2) + "\n");
}

run(main);
