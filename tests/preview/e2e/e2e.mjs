// End-to-end test of `jixiao preview` in the system's headless Chromium (puppeteer-core).
//   node e2e.mjs --jixiao BUILD/jixiao [--screenshot docs/images/preview.png]
// Edits a copy of the 004 example's template on disk and checks what the page shows: the new
// title, the error with its line number, the pages again, a cell's template line and data
// pointer, ?at= highlighting, the layout overlay. Exits 1 naming the failed step.
import fs from "node:fs";
import path from "node:path";
import {
  REPO, fail, launchBrowser, loadPuppeteer, parseArgs, run, save, startServer, waitShown, workspace,
} from "./harness.mjs";

const EXAMPLE = "shenzhen-2021-project-selfeval.json";
const FORM = "forms/shenzhen-project-selfeval-2021.xml";
const TITLE = "项目支出绩效自评表";
const NEW_TITLE = "项目支出绩效自评表（改过的标题）";

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
    server = await startServer(jixiao, ws.data, ws.templates);
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
    await page.click("#overlay");
    await page.waitForFunction(() => document.body.dataset.overlay === "0", { timeout: 30000 })
      .catch(() => fail("the overlay did not go away"));
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
