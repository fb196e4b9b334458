// A real reader opens jixiao's OFD: ofd.js 0.2.6 (npm, Apache-2.0, pure JS; its self-contained
// UMD build, no bundler) in the system's headless Chromium, driven by puppeteer-core.
//   node reader.mjs --jixiao BUILD/jixiao [--out DIR]
// For every example: jixiao writes the OFD and the PDF of the same data; ofd.js parses the OFD
// (PARSE_OK) and renders every page (RENDER_OK); the page count is pdfinfo's for the PDF; each
// page has the OFD's TextObjects (ofd.js draws one <svg> per TextObject, one <text> per
// character) with the OFD's text. On page 1 the positions ofd.js draws at are compared with the
// PDF's: the text boxes with `pdftotext -bbox` (ofd.js draws with system fonts by name, so left
// edges and vertical centres, not glyphs), and the table rules found in ofd.js's screenshot with
// those in `pdftoppm` of the PDF. Then four broken packages (a TextObject naming a font that
// does not exist, page 1's text moved 3 mm, its rules left out, a truncated ZIP) must fail the
// same check. The screenshots and rasters stay in --out (default: a temp dir) for a human to
// look at. Prints one "ok"/"not ok" line per check; exits 1 naming what failed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// The browser driver is the preview e2e's (tests/preview/e2e: puppeteer-core, pinned there).
import { fail, launchBrowser, parseArgs, run } from "../../preview/e2e/harness.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../../..");
const OFDJS = path.join(HERE, "node_modules/ofd.js/lib/ofd.umd.min.js");
const PX_PER_MM = 4;             // ofd.js scales a page to (screenWidth - 10) / width px per mm
const TEXT_TOLERANCE_MM = 1.5;   // left edge and vertical centre of a string, ofd.js vs PDF
const RULE_TOLERANCE_MM = 0.75;  // a table rule's position, ofd.js screenshot vs PDF raster
const MIN_MATCHED_STRINGS = 5;   // page 1 strings found once in both, compared by position

function tool(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.error) fail(`${what}: ${cmd} could not run (${r.error.code}); is it installed?`);
  if (r.status !== 0) fail(`${what}: ${cmd} ${args.join(" ")} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}

const ofdTool = (...args) => tool("/usr/bin/python3", [path.join(REPO, "tests/ofd/ofd_tool.py"), ...args], `ofd_tool ${args[0]}`);

function pdfPages(pdf) {
  const m = /^Pages:\s+(\d+)$/m.exec(tool("pdfinfo", [pdf], "pdfinfo"));
  if (!m) fail(`pdfinfo printed no page count for ${pdf}`);
  return Number(m[1]);
}

// pdftotext -bbox of page 1: words with their boxes in mm from the top left.
function pdfWords(pdf) {
  const html = tool("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"], "pdftotext -bbox");
  const mm = (pt) => Number(pt) * 25.4 / 72;
  const unescape = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ text: unescape(m[5]), box: [mm(m[1]), mm(m[2]), mm(m[3]), mm(m[4])] }));
}

// Strings that occur exactly once on page 1 of both, with their positions side by side.
function compareText(runs, words) {
  const once = (list) => {
    const count = new Map();
    for (const x of list) if (x.box) count.set(x.text, (count.get(x.text) || 0) + 1);
    return new Map(list.filter((x) => x.box && count.get(x.text) === 1 && x.text.trim().length >= 2)
      .map((x) => [x.text, x.box]));
  };
  const pdf = once(words);
  const pairs = [];
  for (const [text, box] of once(runs.map((r) => ({ text: r.text.trim(), box: r.box })))) {
    const p = pdf.get(text);
    if (!p) continue;
    pairs.push({ text, dx: Math.abs(box[0] - p[0]),
      dy: Math.abs((box[1] + box[3]) / 2 - (p[1] + p[3]) / 2), dtop: Math.abs(box[1] - p[1]) });
  }
  return pairs;
}

// Table rules in a raster of page 1 (in the browser, which decodes PNGs): rows (columns) where two
// adjacent pixel rows together hold a dark run of at least 15 mm, no glyph has one; a thin rule
// that falls across two rows is drawn half grey in each, so they are summed. Rules in mm.
async function rulesIn(page, pngFile) {
  const url = "data:image/png;base64," + fs.readFileSync(pngFile).toString("base64");
  return page.evaluate(async (src, pxPerMm) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const { data, width, height } = g.getImageData(0, 0, c.width, c.height);
    const ink = (x, y) => { const i = (y * width + x) * 4; return 255 - (data[i] + data[i + 1] + data[i + 2]) / 3; };
    const minRun = 15 * pxPerMm;
    const lines = (n, m, at) => {
      const hits = [];
      for (let a = 0; a + 1 < n; a++) {
        let runLen = 0, best = 0;
        for (let b = 0; b < m; b++) {
          runLen = at(a, b) + at(a + 1, b) >= 128 ? runLen + 1 : 0;
          if (runLen > best) best = runLen;
        }
        if (best >= minRun) hits.push(a);
      }
      const merged = [];  // pairs a, a+1, ... in a row are one rule: pixel rows start..end+1
      for (const a of hits) {
        const last = merged[merged.length - 1];
        if (last && a - last.end <= 1) last.end = a; else merged.push({ start: a, end: a });
      }
      return merged.map((r) => Math.round((r.start + r.end + 2) / 2 / pxPerMm * 100) / 100);
    };
    return { horizontal: lines(height, width, (y, x) => ink(x, y)), vertical: lines(width, height, (x, y) => ink(x, y)) };
  }, url, PX_PER_MM);
}

function compareRules(ofdRules, pdfRules, problems) {
  for (const dir of ["horizontal", "vertical"]) {
    const a = ofdRules[dir], b = pdfRules[dir];
    if (a.length !== b.length) {
      problems.push(`page 1 has ${a.length} ${dir} rules in ofd.js's screenshot, ${b.length} in the PDF's raster ` +
        `(ofd.js ${JSON.stringify(a)}, PDF ${JSON.stringify(b)})`);
      continue;
    }
    const worst = Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));
    if (worst > RULE_TOLERANCE_MM)
      problems.push(`page 1: a ${dir} rule is ${worst.toFixed(2)} mm from the PDF's (over ${RULE_TOLERANCE_MM})`);
  }
}

// Opens one OFD in the page and compares what ofd.js drew with `want` ({ pages: the PDF's page
// count, objects: per page the OFD's TextObject texts, pdf: the PDF of the same data}); page 1's
// screenshot and the PDF's raster go to `base`.ofdjs-p1.png and .pdf-p1.png. Returns the problems.
async function check(page, ofdFile, want, base) {
  const b64 = fs.readFileSync(ofdFile).toString("base64");
  const t0 = Date.now();
  const got = await page.evaluate((b, w) => window.openOfd(b, w), b64, 210 * PX_PER_MM + 10);
  const ms = Date.now() - t0;
  const problems = [];
  if (got.status !== "RENDER_OK") {
    problems.push(`${got.status}: ${(got.error || "").split("\n")[0]}`);
    return { problems, summary: got.status };
  }
  if (got.parsedPages !== want.pages || got.pages.length !== want.pages)
    problems.push(`ofd.js parsed ${got.parsedPages} and rendered ${got.pages.length} pages; the PDF has ${want.pages}`);
  got.pages.forEach((p, i) => {
    const expected = want.objects[i] || [];
    const texts = p.runs.map((r) => r.text);
    if (texts.length !== expected.length)
      problems.push(`page ${i + 1}: ofd.js drew ${texts.length} text objects, the OFD has ${expected.length}`);
    const k = expected.findIndex((t, j) => texts[j] !== t);
    if (k >= 0) problems.push(`page ${i + 1}, text object ${k + 1}: ofd.js drew '${texts[k]}', the OFD has '${expected[k]}'`);
  });

  // Page 1 against the PDF: text positions, then the rules of the two rasters.
  const pairs = compareText(got.pages[0].runs, pdfWords(want.pdf));
  const worst = (k) => Math.max(0, ...pairs.map((q) => q[k])).toFixed(2);
  if (pairs.length < MIN_MATCHED_STRINGS)
    problems.push(`page 1: only ${pairs.length} strings found once in both ofd.js's page and the PDF's (need ${MIN_MATCHED_STRINGS})`);
  const off = pairs.filter((q) => q.dx > TEXT_TOLERANCE_MM || q.dy > TEXT_TOLERANCE_MM);
  for (const q of off.slice(0, 3))
    problems.push(`page 1: '${q.text}' is ${q.dx.toFixed(2)} mm across and ${q.dy.toFixed(2)} mm down from the PDF's (over ${TEXT_TOLERANCE_MM})`);
  if (off.length > 3) problems.push(`page 1: ${off.length - 3} more strings out of place`);
  const shot = base + ".ofdjs-p1.png";
  await (await page.$("#page-1")).screenshot({ path: shot });
  tool("pdftoppm", ["-png", "-r", String(PX_PER_MM * 25.4), "-f", "1", "-l", "1", "-singlefile", want.pdf, base + ".pdf-p1"], "pdftoppm");
  const ofdRules = await rulesIn(page, shot), pdfRules = await rulesIn(page, base + ".pdf-p1.png");
  compareRules(ofdRules, pdfRules, problems);
  const runs = got.pages.reduce((s, p) => s + p.runs.length, 0);
  const chars = got.pages.reduce((s, p) => s + p.runs.reduce((c, r) => c + r.chars, 0), 0);
  return { problems, summary: `PARSE_OK RENDER_OK, ${got.pages.length} pages, ${runs} text objects, ` +
    `${chars} characters (${ms} ms); page 1: ${pairs.length} strings within ${worst("dx")} mm across, ` +
    `${worst("dy")} mm down (tops ${worst("dtop")} mm), ${ofdRules.horizontal.length}+${ofdRules.vertical.length} rules as the PDF's` };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { jixiao: "", out: "" });
  if (!args.jixiao) fail("usage: node reader.mjs --jixiao PATH/TO/jixiao [--out DIR]");
  const jixiao = path.resolve(args.jixiao);
  if (!fs.existsSync(jixiao)) fail(`jixiao not found at '${jixiao}'`);
  if (!fs.existsSync(OFDJS)) fail(`ofd.js is not installed: run \`npm ci\` in ${HERE}`);
  const out = args.out ? path.resolve(args.out) : fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-ofd-reader-"));
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  console.log(`# ofd.js 0.2.6 in ${process.env.CHROMIUM || "/usr/bin/chromium"}; files in ${out}`);

  const browser = await launchBrowser(1000, 1300);
  const page = await browser.newPage();
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(pathToFileURL(path.join(HERE, "reader.html")).href, { waitUntil: "load" });
  if (!(await page.evaluate(() => typeof window.ofd === "object" && typeof window.openOfd === "function")))
    fail(`reader.html did not load ofd.js from ${OFDJS}: ${pageErrors.join("; ")}`);

  const examples = fs.readdirSync(path.join(REPO, "examples")).filter((f) => f.endsWith(".json")).sort();
  if (!examples.length) fail("no examples/*.json");
  let n = 0, failed = 0;
  const report = (ok, line, problems = []) => {
    n++;
    console.log(`${ok ? "ok" : "not ok"} ${n} - ${line}`);
    for (const p of problems) console.log(`#   ${p}`);
    if (!ok) failed++;
  };

  let first = null;  // the first example's files, broken below
  for (const ex of examples) {
    const name = ex.replace(/\.json$/, "");
    const ofdFile = path.join(out, name + ".ofd"), pdfFile = path.join(out, name + ".pdf");
    for (const f of [ofdFile, pdfFile]) {  // exit 3: written, with warnings about the data
      const r = spawnSync(jixiao, ["render", path.join(REPO, "examples", ex), "-o", f, "--date", "2026-01-01"], { encoding: "utf8" });
      if (r.status !== 0 && r.status !== 3) fail(`jixiao render ${ex} -o ${f} exited ${r.status ?? r.signal}:\n${r.stderr}`);
    }
    const want = { pages: pdfPages(pdfFile), objects: JSON.parse(ofdTool("objects", ofdFile)).pages, pdf: pdfFile };
    if (want.objects.length !== want.pages)
      fail(`${ex}: the OFD has ${want.objects.length} pages, the PDF ${want.pages} (jixiao's writers disagree)`);
    first ??= { ofdFile, want };
    const { problems, summary } = await check(page, ofdFile, want, path.join(out, name));
    report(!problems.length, `${ex}: ${summary}`, problems);
  }

  // The check must fail on a broken package.
  const broken = [
    ["a TextObject naming a font id that does not exist", "font-id.ofd", (f) => ofdTool("corrupt", first.ofdFile, f, "font-id")],
    ["every TextObject on page 1 moved 3 mm right", "moved.ofd", (f) => ofdTool("corrupt", first.ofdFile, f, "moved")],
    ["the table rules of page 1 left out", "no-rules.ofd", (f) => ofdTool("corrupt", first.ofdFile, f, "no-rules")],
    ["a ZIP cut in half", "truncated.ofd", (f) => {
      const bytes = fs.readFileSync(first.ofdFile);
      fs.writeFileSync(f, bytes.subarray(0, bytes.length >> 1));
    }],
  ];
  for (const [what, file, make] of broken) {
    const f = path.join(out, "broken-" + file);
    make(f);
    const { problems, summary } = await check(page, f, first.want, f.replace(/\.ofd$/, ""));
    report(problems.length > 0, `the check fails on ${what}: ${problems[0] || "no problem found: " + summary}`);
  }
  if (pageErrors.length) console.log(`# page errors: ${pageErrors.slice(0, 3).join("; ")}`);
  console.log(`${n - failed} passed, ${failed} failed`);
  if (failed) fail(`${failed} of ${n} checks failed (files in ${out})`);
}

run(main);
