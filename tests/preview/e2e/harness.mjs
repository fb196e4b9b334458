// What the e2e test and bench/preview share: a copy of an example and the templates in a temp
// dir, `jixiao preview` started on it, the system's headless Chromium driven by puppeteer-core,
// saves the way editors do them, and a cleanup that always runs.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, "../../..");

// puppeteer-core is installed by `npm ci` here; a missing node_modules is a failure that says
// what to do, never a skipped (passing) test.
export async function loadPuppeteer() {
  try {
    return (await import("puppeteer-core")).default;
  } catch (e) {
    fail(`puppeteer-core is not installed: run \`npm ci\` in ${HERE} (${e.code || e.message})`);
  }
}

export function fail(message) {
  const err = new Error(message);
  err.isFailure = true;
  throw err;
}

export function parseArgs(argv, spec) {
  // --name value / --flag; spec: {name: default}; a positional argument is an error.
  const out = { ...spec };
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)$/.exec(argv[i]);
    if (!m || !(m[1] in spec)) fail(`unknown argument '${argv[i]}'; the arguments are ${Object.keys(spec).map((k) => "--" + k).join(" ")}`);
    if (typeof spec[m[1]] === "boolean") out[m[1]] = true;
    else if (i + 1 >= argv.length) fail(`--${m[1]} needs a value`);
    else out[m[1]] = argv[++i];
  }
  return out;
}

// A temp dir with templates/ (the shipped ones) and the data file; removed by cleanup().
export function workspace(example, dataText) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-preview-"));
  fs.cpSync(path.join(REPO, "templates"), path.join(dir, "templates"), { recursive: true });
  const data = path.join(dir, path.basename(example));
  fs.writeFileSync(data, dataText ?? fs.readFileSync(path.join(REPO, "examples", example)));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { dir, data, templates: path.join(dir, "templates") };
}

// Saves as editors do: write a sibling and rename it over (vim, VS Code), or write in place.
export function save(file, text, { inPlace = false } = {}) {
  if (inPlace) {
    fs.writeFileSync(file, text);
    return;
  }
  const tmp = path.join(path.dirname(file), "." + path.basename(file) + ".swp-save");
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

// `jixiao preview DATA --templates DIR --port 0`; resolves with the URL from its first line.
export function startServer(jixiao, data, templates, extraArgs = []) {
  if (!fs.existsSync(jixiao)) fail(`jixiao not found at '${jixiao}' (build it: cmake --build BUILD --target jixiao)`);
  const args = ["preview", data, "--templates", templates, "--port", "0", ...extraArgs];
  const proc = spawn(jixiao, args, { stdio: ["ignore", "pipe", "pipe"] });
  const log = { out: "", err: "" };
  proc.stderr.on("data", (d) => { log.err += d; });
  cleanups.push(() => stopProcess(proc));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `jixiao preview printed no address within 30 s; stderr:\n${log.err}`)), 30000);
    proc.stdout.on("data", (d) => {
      log.out += d;
      const m = /^jixiao preview: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(log.out);
      if (m) { clearTimeout(timer); resolve({ url: m[1], proc, log }); }
    });
    proc.on("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`jixiao preview exited (${code ?? sig}) before printing its address; ` +
        `command: ${jixiao} ${args.join(" ")}\nstdout:\n${log.out}\nstderr:\n${log.err}`));
    });
  });
}

function stopProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => proc.kill("SIGKILL"), 3000);
    proc.once("exit", () => { clearTimeout(hard); resolve(); });
    proc.kill("SIGTERM");
  });
}

export async function launchBrowser(width = 1280, height = 800) {
  const puppeteer = await loadPuppeteer();
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(executablePath))
    fail(`no Chromium at ${executablePath}: apt-get install -y chromium (or set CHROMIUM)`);
  const args = ["--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows"];
  if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
  const browser = await puppeteer.launch({
    executablePath, headless: true, args, defaultViewport: { width, height },
  });
  cleanups.push(async () => {
    const proc = browser.process();
    await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    if (proc && proc.exitCode === null) proc.kill("SIGKILL");
  });
  return browser;
}

// Wait until the page has handled a render newer than `after` and put its text in the DOM
// (body[data-text], set right after body[data-shown]); returns its number.
export async function waitShown(page, after, timeout = 30000, what = "the preview to show a render") {
  try {
    await page.waitForFunction((a) => Number(document.body.dataset.text || 0) > a,
      { timeout, polling: "mutation" }, after);
  } catch (e) {
    fail(`timed out after ${timeout} ms waiting for ${what} (data-text > ${after}); ` +
      `data-shown is ${await page.evaluate(() => document.body.dataset.shown).catch(() => "?")}`);
  }
  return page.evaluate(() => Number(document.body.dataset.text));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const cleanups = [];
export async function cleanup() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (e) { console.error("cleanup: " + e.message); }
  }
}

// Runs main(); on any failure prints it and exits 1; the server and browser are always stopped.
export function run(main) {
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await cleanup();
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => { console.error(`\n${sig}: stopping`); stop(130); });
  main().then(() => stop(0), (e) => {
    console.error(e.isFailure ? "FAIL: " + e.message : e.stack || String(e));
    stop(1);
  });
}
