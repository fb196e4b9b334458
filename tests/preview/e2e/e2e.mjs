// End-to-end test of `jixiao preview` in the system's headless Chromium (puppeteer-core).
//   node e2e.mjs --jixiao BUILD/jixiao [--screenshot docs/images/preview.png]
// Edits a copy of the 004 example's template on disk and checks what the page shows: the new
// title, the error with its line number, the pages again, a cell's template line and data
// pointer and its editor link, zoom, the page list, ?at= highlighting, the layout overlay and
// its legend, and the language toggle with a sweep of the page's words in either language
// (sweep.mjs). Exits 1 naming the failed step.
import fs from "node:fs";
import path from "node:path";
import {
  REPO, fail, launchBrowser, loadPuppeteer, parseArgs, run, save, startServer, waitShown, workspace,
} from "./harness.mjs";
import { checkCatalog, sweepChinese, sweepEnglish, switchLanguage } from "./sweep.mjs";

const EXAMPLE = "shenzhen-2021-project-selfeval.json";
const FORM = "forms/shenzhen-project-selfeval-2021.xml";
const TITLE = "项目支出绩效自评表";
const NEW_TITLE = "项目支出绩效自评表（改过的标题）";
const EDITOR = "vscode://file/{file}:{line}:{col}";

function lineOf(text, needle) {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) fail(`the template has no line with '${needle}' (has it changed? update e2e.mjs)`);
  return i + 1;
}

let stepNo = 0;
async function step(name, fn) {
  stepNo++;
  try {
    await fn();
    console.log(`ok ${stepNo} - ${name}`);
  } catch (e) {
    const msg = e.isFailure ? e.message : e.stack || String(e);
    fail(`step ${stepNo} (${name}): ${msg}`);
  }
}

const pageText = (page) => page.evaluate(() =>
  [...document.querySelectorAll(".page-text")].map((e) => e.textContent).join("\n"));

async function main() {
  const args = parseArgs(process.argv.slice(2), { jixiao: "", screenshot: "" });
  if (!args.jixiao) fail("usage: node e2e.mjs --jixiao PATH/TO/jixiao [--screenshot PNG]");
  const jixiao = path.resolve(args.jixiao);
  await loadPuppeteer();  // before anything starts: a missing `npm ci` is said first
  const projects = JSON.parse(fs.readFileSync(path.join(REPO, "examples", EXAMPLE), "utf8")).projects;

  const ws = workspace(EXAMPLE);
  const formFile = path.join(ws.templates, FORM);
  const original = fs.readFileSync(formFile, "utf8");
  const titleLine = lineOf(original, `>${TITLE}</p>`);
  const nameLine = lineOf(original, ">{p.name}</td>");
  const retitled = original.replace(`>${TITLE}</p>`, `>${NEW_TITLE}</p>`);

  let server, browser, page, shown = 0;
  const pageErrors = [];

  await step("jixiao preview starts and prints its address", async () => {
    // In Chinese whatever LANG says: the steps read the Chinese page, then switch it.
    server = await startServer(jixiao, ws.data, ws.templates, ["--lang", "zh", "--editor", EDITOR]);
    console.log(`# ${server.url} (data ${ws.data})`);
  });

  await step("the page shows the rendered pages", async () => {
    browser = await launchBrowser(1280, 800);
    page = await browser.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url, { waitUntil: "domcontentloaded" });
    shown = await waitShown(page, 0, 60000, "the first render");
    const info = await page.evaluate(() => ({
      ok: document.body.dataset.ok, pages: document.querySelectorAll(".page canvas").length,
    }));
    if (info.ok !== "true") fail(`the first render failed: ${await page.$eval("#errors", (e) => e.innerText)}`);
    if (info.pages < 1) fail("no page canvas drawn");
    const text = await pageText(page);
    if (!text.includes(TITLE)) fail(`the page text has no '${TITLE}'; it begins: ${text.slice(0, 200)}`);
    if (!text.includes(projects[0].name)) fail(`the page text has no project name '${projects[0].name}'`);
    await checkCatalog(page);
  });

  await step(`a new title saved in the template (line ${titleLine}) appears on the page`, async () => {
    const before = shown;
    save(formFile, retitled);  // by rename, as vim and VS Code save
    await page.waitForFunction((t, b) => Number(document.body.dataset.text) > b &&
      document.body.dataset.ok === "true" &&
      [...document.querySelectorAll(".page-text")].some((e) => e.textContent.includes(t)),
    { timeout: 30000, polling: "mutation" }, NEW_TITLE, before)
      .catch(async () => fail(`'${NEW_TITLE}' not on the page 30 s after the save; ` +
        `data-shown ${await page.evaluate(() => document.body.dataset.shown)}, text: ` +
        (await pageText(page)).slice(0, 200)));
    shown = await page.evaluate(() => Number(document.body.dataset.text));
  });

  // A closing tag that does not match: the error is at this line whatever the parser.
  const brokenLine = nameLine;
  const broken = retitled.split("\n").map((l, i) => (i + 1 === brokenLine ? l.replace("</td>", "</tdx>") : l)).join("\n");
  await step(`a syntax error saved at line ${brokenLine} is shown with its line number over dimmed pages`, async () => {
    const before = shown;
    save(formFile, broken);
    await page.waitForFunction((b) => Number(document.body.dataset.text) > b &&
      document.body.dataset.ok === "false", { timeout: 30000, polling: "mutation" }, before)
      .catch(() => fail("no failed render shown 30 s after saving a broken template"));
    shown = await page.evaluate(() => Number(document.body.dataset.text));
    const err = await page.evaluate(() => {
      const box = document.getElementById("errors");
      return { hidden: box.hidden, text: box.innerText, dimmed: document.body.classList.contains("failed"),
        canvases: document.querySelectorAll(".page canvas").length };
    });
    if (err.hidden) fail("the error panel is hidden");
    const base = path.basename(FORM);
    if (!err.text.includes(base)) fail(`the error does not name ${base}: ${err.text}`);
    if (!new RegExp(`${base.replace(/\./g, "\\.")}:${brokenLine}(:|\\b)`).test(err.text))
      fail(`the error does not give ${base}:${brokenLine}: ${err.text}`);
    if (!err.text.includes("</tdx>")) fail(`the error does not show the offending line: ${err.text}`);
    if (!err.dimmed || err.canvases < 1) fail(`the last good pages are not kept dimmed (dimmed ${err.dimmed}, ${err.canvases} canvases)`);
    console.log("# error shown: " + err.text.split("\n").slice(1, 3).join(" | "));
  });

  await step("the page with a broken template says nothing in English, and nothing in Chinese once switched", async () => {
    const link = await page.$eval("#errors a.editor", (a) => a.getAttribute("href")).catch(() => "");
    if (!link.includes(path.basename(FORM) + ":" + brokenLine + ":")) fail(`the error has no editor link to line ${brokenLine}: '${link}'`);
    const n = await sweepChinese(page, "errors of a broken template");
    await switchLanguage(page, "en");
    const m = await sweepEnglish(page, "errors of a broken template");
    const head = await page.$eval("#errors h2", (e) => e.textContent);
    if (!/render failed/.test(head)) fail(`the error panel's heading is not English: ${head}`);
    await switchLanguage(page, "zh");
    await sweepChinese(page, "errors of a broken template, switched back");
    console.log(`# ${n} texts looked at in Chinese, ${m} in English`);
  });

  await step("while the template is broken the overlay toggle says why it cannot draw", async () => {
    await page.click("#overlay");
    await page.waitForFunction(() => !document.getElementById("overlay").checked &&
      document.getElementById("status-text").textContent.includes("版面框线"), { timeout: 30000 })
      .catch(async () => fail("the overlay toggle did not come back unchecked with a reason; status: " +
        await page.$eval("#status-text", (e) => e.textContent)));
  });

  await step("fixing the template brings the pages back", async () => {
    const before = shown;
    save(formFile, retitled, { inPlace: true });  // written in place this time
    await page.waitForFunction((b) => Number(document.body.dataset.text) > b &&
      document.body.dataset.ok === "true", { timeout: 30000, polling: "mutation" }, before)
      .catch(() => fail("no good render shown 30 s after fixing the template"));
    shown = await page.evaluate(() => Number(document.body.dataset.text));
    const st = await page.evaluate(() => ({
      errors: document.getElementById("errors").hidden, dimmed: document.body.classList.contains("failed"),
    }));
    if (!st.errors || st.dimmed) fail("the error panel or the dimming stayed after the fix");
    if (!(await pageText(page)).includes(NEW_TITLE)) fail(`'${NEW_TITLE}' is not on the pages after the fix`);
  });

  await step("a re-render keeps the scroll position and redraws the page in view", async () => {
    const third = NEW_TITLE.replace("改过的", "第三个");
    const top = await page.evaluate(() => {
      const v = document.getElementById("viewer");
      v.scrollTop = document.querySelector('.page[data-page="4"]').offsetTop + 100;
      return v.scrollTop;
    });
    await page.waitForFunction(() => document.body.dataset.complete === document.body.dataset.shown, { timeout: 30000 })
      .catch(() => fail("the pages of the last render were not all drawn"));
    const before = shown;
    save(formFile, retitled.replace(NEW_TITLE, third));
    await page.waitForFunction((b) => Number(document.body.dataset.text) > b && document.body.dataset.ok === "true",
      { timeout: 30000, polling: "mutation" }, before).catch(() => fail("no render shown after the save"));
    shown = await page.evaluate(() => Number(document.body.dataset.text));
    const after = await page.evaluate(() => ({
      top: document.getElementById("viewer").scrollTop,
      text: document.querySelector('.page[data-page="4"] .page-text').textContent,
    }));
    if (Math.abs(after.top - top) > 1) fail(`the scroll position moved from ${top} to ${after.top}`);
    if (!after.text.includes(third)) fail(`page 4, in view, does not show '${third}': ${after.text.slice(0, 80)}`);
    save(formFile, retitled);
    await page.waitForFunction((b) => Number(document.body.dataset.text) > b, { timeout: 30000, polling: "mutation" }, shown)
      .catch(() => fail("no render shown after restoring the title"));
    shown = await page.evaluate(() => Number(document.body.dataset.text));
  });

  const pointer = "/projects/0/name";
  await step(`clicking the project name cell shows ${path.basename(FORM)}:${nameLine} and ${pointer}`, async () => {
    const cell = await page.$(`.box[data-kind="cell"][data-data="${pointer}"]`);
    if (!cell) {
      const kinds = await page.evaluate(() => [...document.querySelectorAll(".box")].slice(0, 5).map((b) => b.title));
      fail(`no cell box with data pointer ${pointer} in the page map (first boxes: ${JSON.stringify(kinds)})`);
    }
    await cell.scrollIntoView();
    await cell.click();  // a real mouse click at the box's centre: what is on top there gets it
    await page.waitForFunction(() => {
      const cur = document.querySelector("#source .source-lines .current");
      const value = document.querySelector("#source .data-value");
      return cur && !document.querySelector("#source .source-lines").textContent.startsWith("…") &&
        value && value.textContent !== "…";
    }, { timeout: 10000 }).catch(() => fail("the template line or the data value did not appear in the side panel"));
    const src = await page.$eval("#source", (e) => e.innerText);
    const cur = await page.$eval("#source .source-lines .current", (e) => e.textContent);
    if (!src.includes(`${path.basename(FORM)}:${nameLine}:`)) fail(`the panel does not give ${path.basename(FORM)}:${nameLine}: ${src}`);
    if (!src.includes(pointer)) fail(`the panel does not give the data pointer ${pointer}: ${src}`);
    if (!cur.includes("{p.name}")) fail(`the template line shown is not line ${nameLine} ('{p.name}'): ${cur}`);
    if (!src.includes(JSON.stringify(projects[0].name))) fail(`the data value ${projects[0].name} is not shown: ${src}`);
  });

  await step(`with --editor the source panel links to ${path.basename(FORM)}:${nameLine} in the editor`, async () => {
    const href = await page.$eval("#source a.editor", (a) => a.getAttribute("href"))
      .catch(() => fail("no editor link in the source panel"));
    const want = path.join(ws.templates, FORM).split("/").map(encodeURIComponent).join("/");
    if (!href.startsWith("vscode://file/" + want.slice(1) + ":" + nameLine + ":"))
      fail(`the editor link is ${href}; expected vscode://file${want}:${nameLine}:COL`);
    const diagLinks = await page.$$eval("#errors a.editor", (a) => a.length);
    console.log(`# editor link ${href} (${diagLinks} in the error panel now)`);
  });

  const pageBox = () => page.evaluate(() => {
    const p = document.querySelector('.page[data-page="1"]');
    const c = p.querySelector("canvas");
    return { width: p.clientWidth, canvas: c ? c.width : 0, dpr: window.devicePixelRatio || 1 };
  });
  // Waits until page 1 is drawn for its size (the canvas as wide as the page in device pixels).
  const drawnAt = (what) => page.waitForFunction(() => {
    const p = document.querySelector('.page[data-page="1"]');
    const c = p.querySelector("canvas");
    return c && Math.abs(c.width - p.clientWidth * (window.devicePixelRatio || 1)) <= 2;
  }, { timeout: 15000 }).catch(async () => fail(`page 1 not redrawn at its new size (${what}): ${JSON.stringify(await pageBox())}`));

  await step("zoom: the buttons, Ctrl+wheel and Ctrl+0 change the page's size and it is drawn again at it", async () => {
    await page.evaluate(() => document.getElementById("viewer").scrollTo(0, 0));
    const fit = await pageBox();
    await page.click("#zoom-in");
    await drawnAt("zoom in");
    const bigger = await pageBox();
    if (!(bigger.width > fit.width * 1.2)) fail(`zoom in: page width ${fit.width} → ${bigger.width}`);
    if (!(bigger.canvas > fit.canvas * 1.2)) fail(`zoom in: the canvas stayed ${fit.canvas} px wide (now ${bigger.canvas})`);
    await page.click("#zoom-out");
    await page.click("#zoom-out");
    await drawnAt("zoom out");
    const smaller = await pageBox();
    if (!(smaller.width < fit.width * 0.85)) fail(`zoom out: page width ${fit.width} → ${smaller.width}`);
    const label = await page.$eval("#zoom-fit", (e) => e.textContent);
    if (!/^\d+%$/.test(label)) fail(`the zoom button shows '${label}', not a percentage`);
    await page.click("#zoom-fit");
    if ((await pageBox()).width !== fit.width) fail("the percentage button did not go back to fit-width");
    // Ctrl+wheel over the page: the page zooms, not the browser (no change of devicePixelRatio).
    const v = await page.$eval("#viewer", (e) => { const r = e.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + 200 }; });
    const spot = () => page.evaluate(({ x, y }) => {  // where on page 1 the cursor is, as fractions
      const r = document.querySelector('.page[data-page="1"]').getBoundingClientRect();
      return { fx: (x - r.left) / r.width, fy: (y - r.top) / r.height };
    }, v);
    await page.mouse.move(v.x, v.y);
    const under = await spot();
    await page.keyboard.down("Control");
    await page.mouse.wheel({ deltaY: -240 });
    await page.keyboard.up("Control");
    await page.waitForFunction((w) => document.querySelector('.page[data-page="1"]').clientWidth > w * 1.2,
      { timeout: 5000 }, fit.width).catch(() => fail("Ctrl+wheel did not make the page larger"));
    const still = await spot();
    if (Math.abs(still.fx - under.fx) > 0.02 || Math.abs(still.fy - under.fy) > 0.02)
      fail(`the point under the cursor moved: ${JSON.stringify(under)} → ${JSON.stringify(still)}`);
    await drawnAt("Ctrl+wheel");
    const wheeled = await pageBox();
    if (wheeled.dpr !== fit.dpr) fail(`the browser zoomed the whole page (devicePixelRatio ${fit.dpr} → ${wheeled.dpr})`);
    await page.keyboard.down("Control");
    await page.keyboard.press("0");
    await page.keyboard.up("Control");
    await page.waitForFunction((w) => document.querySelector('.page[data-page="1"]').clientWidth === w,
      { timeout: 5000 }, fit.width).catch(() => fail("Ctrl+0 did not go back to fit-width"));
    console.log(`# page 1 width: fit ${fit.width}, in ${bigger.width}, out ${smaller.width}, Ctrl+wheel ${wheeled.width}`);
  });

  await step("the page list jumps to page 5 and marks it", async () => {
    const count = await page.$$eval("#page-list button", (b) => b.length);
    const npages = await page.$$eval(".page", (p) => p.length);
    if (count !== npages) fail(`the page list has ${count} entries for ${npages} pages`);
    await page.click("#page-list button:nth-child(5)");
    await page.waitForFunction(() => {
      const v = document.getElementById("viewer").getBoundingClientRect();
      const r = document.querySelector('.page[data-page="5"]').getBoundingClientRect();
      const cur = document.querySelector("#page-list button.current");
      return r.top < v.bottom && r.bottom > v.top && Math.abs(r.top - v.top) < 40 && cur && cur.textContent === "5";
    }, { timeout: 5000 }).catch(async () => fail("page 5 is not at the top of the viewer, or not marked current: current " +
      await page.evaluate(() => document.body.dataset.page)));
    await page.evaluate(() => document.getElementById("viewer").scrollTo(0, 0));
    await page.waitForFunction(() => document.querySelector("#page-list button.current").textContent === "1", { timeout: 5000 })
      .catch(() => fail("scrolling back to the top did not mark page 1"));
  });

  if (args.screenshot) {
    await step(`screenshot saved to ${args.screenshot}`, async () => {
      await page.evaluate(() => document.getElementById("viewer").scrollTo(0, 0));
      await page.mouse.move(5, 5);
      fs.mkdirSync(path.dirname(path.resolve(args.screenshot)), { recursive: true });
      await page.screenshot({ path: args.screenshot });
    });
  }

  await step("clicking a finding in the side panel highlights its cell", async () => {
    const items = await page.$$eval(".finding", (els) => els.map((e) => e.querySelector(".pointer").textContent));
    const i = items.findIndex((p) => /^\/projects\/\d+\/indicators\/\d+\/score$/.test(p));
    if (i < 0) fail(`no finding on an indicator's score in the side panel (the example has one): ${JSON.stringify(items)}`);
    const ptr = items[i];
    const project = ptr.split("/").slice(0, 3).join("/") + "/";
    await (await page.$$(".finding"))[i].click();
    const marked = await page.$$eval(".box.finding", (els) => els.map((e) => e.dataset.data));
    if (!marked.length) fail(`no box highlighted for the finding at ${ptr}`);
    const wrong = marked.filter((p) => !p.startsWith(project));
    if (wrong.length) fail(`boxes outside ${project} highlighted for ${ptr}: ${wrong.join(", ")}`);
    console.log(`# finding ${ptr} → ${marked.join(", ")}`);
  });

  await step("the layout overlay toggle shows the engine's debug PDF", async () => {
    const got = [];
    page.on("response", (r) => { if (r.url().includes("/render.pdf")) got.push([r.url(), r.status()]); });
    await page.click("#overlay");
    await page.waitForFunction(() => document.body.dataset.overlay === "1", { timeout: 30000 })
      .catch(() => fail(`the overlay was not drawn within 30 s; requests: ${JSON.stringify(got)}`));
    if (!got.some(([u, s]) => /[?&]debug=1/.test(u) && s === 200)) fail(`no /render.pdf?debug=1 answered 200: ${JSON.stringify(got)}`);
    const legend = await page.$eval("#legend", (e) => (e.getClientRects().length ? e.innerText : ""));
    if (!legend.includes("单元格") || !legend.includes("基线")) fail(`no legend of the overlay's colours shown: '${legend}'`);
  });

  await step("everything the page says is Chinese, then English after the toggle, and stays so on reload", async () => {
    // Now: the source panel, findings, the overlay and its legend, the page list.
    const n = await sweepChinese(page, "source panel, findings, legend");
    await switchLanguage(page, "en");
    const m = await sweepEnglish(page, "source panel, findings, legend");
    const checks = await page.evaluate(() => ({
      legend: document.getElementById("legend").innerText, status: document.getElementById("status-text").textContent,
      source: document.getElementById("source").innerText, lang: document.documentElement.lang,
    }));
    if (!checks.legend.includes("cell box") || !/^Render \d+/.test(checks.status) || !checks.source.includes("Template"))
      fail(`not in English: ${JSON.stringify(checks)}`);
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitShown(page, 0, 30000, "the page after a reload");
    if (await page.evaluate(() => document.body.dataset.lang) !== "en") fail("the English choice was not remembered on reload");
    await switchLanguage(page, "zh");
    await page.goto(server.url + "?lang=en", { waitUntil: "domcontentloaded" });
    await waitShown(page, 0, 30000, "the page opened with ?lang=en");
    await page.waitForFunction(() => document.body.dataset.wording === "en", { timeout: 10000 })
      .catch(() => fail("?lang=en did not give English diagnostics and findings"));
    if (await page.evaluate(() => document.body.dataset.lang) !== "en") fail("?lang=en did not make the page English");
    await switchLanguage(page, "zh");
    console.log(`# ${n} texts looked at in Chinese, ${m} in English`);
  });

  await step("the overlay toggled off takes its legend away", async () => {
    if (!(await page.$eval("#overlay", (e) => e.checked))) await page.click("#overlay");
    await page.waitForFunction(() => document.body.dataset.overlay === "1", { timeout: 30000 })
      .catch(() => fail("the overlay was not drawn again"));
    await page.click("#overlay");
    await page.waitForFunction(() => document.body.dataset.overlay === "0", { timeout: 30000 })
      .catch(() => fail("the overlay did not go away"));
    if (await page.$eval("#legend", (e) => e.getClientRects().length > 0)) fail("the legend stayed after the overlay went away");
  });

  await step(`?at=${FORM}:${nameLine} highlights the boxes of that template line`, async () => {
    await page.goto(`${server.url}?at=${encodeURIComponent(FORM + ":" + nameLine)}`, { waitUntil: "domcontentloaded" });
    await waitShown(page, 0, 30000, "the page opened with ?at=");
    const at = await page.evaluate(() => [...document.querySelectorAll(".box.at")].map((b) => ({
      line: b.dataset.line, file: b.dataset.file, page: b.closest(".page").dataset.page })));
    if (!at.length) fail("no box highlighted");
    const wrong = at.filter((b) => b.line !== String(nameLine) || !b.file.endsWith(FORM));
    if (wrong.length) fail(`highlighted boxes from elsewhere: ${JSON.stringify(wrong.slice(0, 3))}`);
    const label = await page.$eval("#at", (e) => e.innerText);
    if (!label.includes(String(at.length))) fail(`the side panel does not give the count ${at.length}: ${label}`);
    console.log(`# ${at.length} boxes highlighted on pages ${[...new Set(at.map((b) => b.page))].join(",")} (${projects.length} projects)`);
    if (at.length < projects.length) fail(`${at.length} boxes for ${projects.length} projects' names`);
  });

  await step("no script error in the page", async () => {
    if (pageErrors.length) fail(pageErrors.join("\n"));
  });
  console.log(`# all ${stepNo} steps passed`);
}

run(main);
