// The language sweep of the preview page: in Chinese no English word in what the page itself
// says, in English no Chinese character in its chrome. The form's own text (the pages) and
// the data's values are not the page's words and are left out.
import { fail } from "./harness.mjs";

// English words that are names, not wording: kept short on purpose.
const ALLOWED_WORDS = ["jixiao", "PDF", "JSON", "XML", "URL", "Ctrl", "ms"];

// Every visible text node and every title, aria-label and placeholder outside the pages,
// code excerpts, codes and paths (<code>) and the language buttons (each language's name in
// itself); runs in the page.
function collectAll() {
  const skip = (e) => !!e.closest("#pages, .source-lines, code, #langs, .data-value, .form-text, .doc-title");
  const visible = (e) => e.getClientRects().length > 0;
  const where = (e) => (e.id ? "#" + e.id : e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")) +
    (e.parentElement && e.parentElement !== document.body ? " in " + where(e.parentElement) : "");
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const e = n.parentElement;
    if (n.textContent.trim() && !skip(e) && visible(e)) out.push({ where: where(e), text: n.textContent });
  }
  for (const e of document.querySelectorAll("[title], [aria-label], [placeholder]")) {
    if (skip(e) && !e.matches("#langs")) continue;
    for (const a of ["title", "aria-label", "placeholder"])
      if (e.getAttribute(a)) out.push({ where: where(e) + "@" + a, text: e.getAttribute(a) });
  }
  out.push({ where: "document.title", text: document.title });
  return out;
}

// The page's chrome only: what comes from the catalog (data-t*), the status, and the
// wording of diagnostics (their messages, expected, got and hints) without quoted values.
function collectChrome() {
  const out = [];
  const args = (e, a) => e.getAttribute(a) || "";
  for (const e of document.querySelectorAll("[data-t]")) out.push({ where: "data-t=" + e.dataset.t, text: e.textContent });
  for (const e of document.querySelectorAll("[data-t-title]")) out.push({ where: "title " + e.dataset.tTitle, text: args(e, "title") });
  for (const e of document.querySelectorAll("[data-t-aria]")) out.push({ where: "aria " + e.dataset.tAria, text: args(e, "aria-label") });
  for (const e of document.querySelectorAll("#errors .diag .message, #errors .diag .row .value"))
    out.push({ where: "diagnostic", text: e.textContent.replace(/'[^']*'|"[^"]*"|‘[^’]*’|“[^”]*”/g, "") });
  out.push({ where: "document.title", text: document.title });
  return out;
}

// Names, codes, paths and values out of a text before looking for English words.
function strip(text) {
  return text
    .replace(/\S*\/\S*/g, " ")                          // paths, JSON pointers, URLs
    .replace(/\S+\.(xml|json|pdf|ttf|otf|ttc)\b/gi, " ") // file names
    .replace(/\b[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+\b/g, " ") // codes: scoring.category-points
    .replace(/\{[^}]*\}/g, " ")                          // field names in braces
    .replace(/<[^>]*>/g, " ")                            // markup quoted from a template
    .replace(/\?[a-z]+=\S*/g, " ")                       // ?at=, ?lang= parameters
    .replace(/--[a-z-]+/g, " ")                          // option names
    .replace(/'[^']*'|"[^"]*"/g, " ");                   // quoted values
}

// Both languages of texts.js have the same keys: a text missing in one would show its key.
export async function checkCatalog(page) {
  const diff = await page.evaluate(() => {
    const [zh, en] = [Object.keys(window.JIXIAO_TEXTS.zh), Object.keys(window.JIXIAO_TEXTS.en)];
    return [...zh.filter((k) => !en.includes(k)), ...en.filter((k) => !zh.includes(k))];
  });
  if (diff.length) fail(`texts.js has keys in one language only: ${diff.join(", ")}`);
}

export async function sweepChinese(page, what) {
  const texts = await page.evaluate(collectAll);
  const bad = [];
  for (const { where, text } of texts) {
    for (const w of strip(text).match(/[A-Za-z]{2,}/g) || [])
      if (!ALLOWED_WORDS.includes(w)) bad.push(`${where}: '${w}' in ${JSON.stringify(text.slice(0, 120))}`);
  }
  if (bad.length) fail(`English words on the Chinese page (${what}):\n  ${[...new Set(bad)].slice(0, 20).join("\n  ")}`);
  return texts.length;
}

export async function sweepEnglish(page, what) {
  const texts = await page.evaluate(collectChrome);
  const bad = texts.filter(({ text }) => /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/.test(text))
    .map(({ where, text }) => `${where}: ${JSON.stringify(text.slice(0, 120))}`);
  if (bad.length) fail(`Chinese in the English page's chrome (${what}):\n  ${[...new Set(bad)].slice(0, 20).join("\n  ")}`);
  return texts.length;
}

// Clicks the language button and waits for the page and the server's wording to follow.
export async function switchLanguage(page, lang) {
  await page.click(`#langs button[data-lang="${lang}"]`);
  await page.waitForFunction((l) => document.body.dataset.lang === l && document.body.dataset.wording === l,
    { timeout: 10000 }, lang).catch(async () => fail(`the page did not switch to ${lang}: lang ` +
      `${await page.evaluate(() => document.body.dataset.lang)}, wording ${await page.evaluate(() => document.body.dataset.wording)}`));
}
