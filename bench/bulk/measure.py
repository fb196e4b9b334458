#!/usr/bin/env python3
"""Times `jixiao render DIR -o OUT/ -j J` on generated data, and Typst's bulk anchor, then
prints one markdown table. Called by run.sh, which builds, generates and installs first.

    measure.py --jixiao build/jixiao --data DATA --out OUT [--runs 3] [--jobs 1,2]
               [--anchors DIR --typst-n 50] [--big FILE ...]

DATA holds dept/ and project/ (generate.py). Each case runs --runs times, round-robin over
all cases (dept -j1, dept -j2, project -j1, project -j2, typst), so a drift in machine speed
hits every case alike; the run with the median wall time is reported. Peak RSS is
`/usr/bin/time -f %M` (KiB) around the whole process.
"""
import argparse
import csv
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import time


def percentile(xs, p):
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]  # nearest rank


def ms_stats(ms):
    """(median, p95) of the per-document milliseconds, as table cells."""
    return (f"{statistics.median(ms):.1f}", f"{percentile(ms, 95):.1f}") if ms else ("–", "–")


def walls(runs, key):
    return ", ".join(f"{x[key]:.2f}" for x in runs)


def pdf_sizes(d):
    return [os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs if f.endswith(".pdf")]


def one_page_sizes(d):
    """Bytes of the one-page PDFs, from the run's summary.csv (columns pages, bytes)."""
    path = os.path.join(d, "summary.csv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [int(r["bytes"]) for r in csv.DictReader(f) if r.get("pages") == "1" and r.get("bytes")]


def run_jixiao(jixiao, inputs, out, jobs, timings):
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    rss_file = out.rstrip("/") + ".rss"
    argv = ["/usr/bin/time", "-f", "%M %U %S", "-o", rss_file, jixiao, "render", *inputs, "-o", out + "/",
            "-j", str(jobs), "--date", "0", "--timings", timings]
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    # the last line of time's output: peak RSS KiB, user s, system s
    last = open(rss_file).read().splitlines()[-1].split() if os.path.exists(rss_file) else []
    rss, cpu = (int(last[0]) / 1024, float(last[1]) + float(last[2])) if len(last) == 3 else (float("nan"),) * 2
    ms = []
    if os.path.exists(timings):
        for line in open(timings, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                ms.append(float(parts[2]))
    sizes, one_page = pdf_sizes(out), one_page_sizes(out)
    return {"wall_s": wall, "rss_mib": rss, "cpu_s": cpu, "rc": p.returncode, "ms": ms, "pdfs": len(sizes),
            "pdf_median": statistics.median(sizes) if sizes else 0, "pdf_max": max(sizes, default=0),
            "one_page": len(one_page), "one_page_le_50k": sum(b <= 50000 for b in one_page), "one_page_median": statistics.median(one_page) if one_page else 0,
            "one_page_max": max(one_page, default=0),
            "stderr_tail": p.stderr.decode("utf-8", "replace")[-600:], "argv": argv[5:]}


def run_typst(anchors, n, out):
    argv = ["python3", "scripts/bulk.py", "--n", str(n), "--peers", "typst", "--out", out + "/bulk",
            "--json", out + "/bulk.json"]
    p = subprocess.run(argv, cwd=anchors, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        return {"error": p.stderr.decode("utf-8", "replace")[-400:]}
    r = json.load(open(out + "/bulk.json"))[0]
    if "error" in r:
        return {"error": r["error"]}
    # docs/s over the loop (the anchor's figure); RSS of the node process
    return {"docs_per_s": r["docs_per_s"], "rss_mib": r["peak_rss_mib"], "loop_s": r["loop_s"],
            "process_wall_s": r["process_wall_s"], "steady": r.get("steady_docs_per_s"), "n": n}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jixiao", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--anchors", help="a copy of the bench-anchors folder with node/node_modules")
    ap.add_argument("--typst-n", type=int, default=50)
    ap.add_argument("--big", nargs="*", default=[], help="inputs holding 10,000 projects, each run once")
    a = ap.parse_args()

    cases = []
    for form in ("dept", "project"):
        n = len([f for f in os.listdir(os.path.join(a.data, form)) if f.endswith(".json")])
        for j in map(int, a.jobs.split(",")):
            cases.append({"name": f"{form} -j{j}", "form": form, "n": n, "jobs": j, "runs": []})
    if a.anchors:
        cases.append({"name": "typst", "runs": []})
    print(f"# load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", file=sys.stderr)
    for r in range(a.runs):
        for c in cases:
            print(f"# run {r + 1}/{a.runs}: {c['name']}", file=sys.stderr, flush=True)
            if c["name"] == "typst":
                c["runs"].append(run_typst(a.anchors, a.typst_n, os.path.join(a.out, "typst")))
                continue
            tag = f"{c['form']}-j{c['jobs']}"
            c["runs"].append(run_jixiao(a.jixiao, [os.path.join(a.data, c["form"])],
                                        os.path.join(a.out, "pdf", tag), c["jobs"],
                                        os.path.join(a.out, f"timings-{tag}.tsv")))
    big = []
    for inp in a.big:
        print(f"# big: {inp}", file=sys.stderr, flush=True)
        res = run_jixiao(a.jixiao, [inp], os.path.join(a.out, "pdf", "big"), 2, os.path.join(a.out, "timings-big.tsv"))
        res["input"] = inp
        big.append(res)
        shutil.rmtree(os.path.join(a.out, "pdf", "big"), ignore_errors=True)  # ~0.5 GB of PDFs

    print(f"load average after: {os.getloadavg()[0]:.2f}; {os.cpu_count()} cores; {a.runs} runs per case, "
          "round-robin; the run with the median wall time is shown\n")
    print("| case | docs | -j | docs/s | CPU ms/doc | ms/doc median | ms/doc p95 | peak RSS MiB | PDF bytes median | PDF bytes max "
          "| PDFs written | exit | wall s (all runs) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    med = {}
    for c in cases:
        if c["name"] == "typst":
            ok = [x for x in c["runs"] if "error" not in x]
            if not ok:
                print(f"| typst | error: {c['runs'][0]['error'][:120]} ||||||||||||")
                continue
            m = sorted(ok, key=lambda x: x["docs_per_s"])[len(ok) // 2]
            med["typst"] = m
            print(f"| Typst 0.14 (anchor, 1 node process, 003 copies) | {m['n']} | 1 | {m['docs_per_s']:.1f} | – | "
                  f"{1000 / m['steady']:.1f} (steady mean) | – | {m['rss_mib']:.0f} | – | – | {m['n']} | 0 | "
                  f"{walls(ok, 'loop_s')} (loop) |")
            continue
        runs = sorted(c["runs"], key=lambda x: x["wall_s"])
        m = runs[len(runs) // 2]
        med[c["name"]] = m
        m["docs_per_s"] = c["n"] / m["wall_s"]
        ms_med, ms_p95 = ms_stats(m["ms"])
        print(f"| {c['form']} ({'003' if c['form'] == 'dept' else '004'}) | {c['n']} | {c['jobs']} | "
              f"{m['docs_per_s']:.1f} | {1000 * m['cpu_s'] / c['n']:.1f} | {ms_med} | {ms_p95} | "
              f"{m['rss_mib']:.0f} | {m['pdf_median']:,.0f} | "
              f"{m['pdf_max']:,} | {m['pdfs']} | {m['rc']} | {walls(c['runs'], 'wall_s')} |")
    for b in big:
        ms_med, ms_p95 = ms_stats(b["ms"])
        print(f"| big: {os.path.basename(b['input'])} (10,000 projects) | {len(b['ms'])} timed | 2 | "
              f"{len(b['ms']) / b['wall_s']:.1f} | {1000 * b['cpu_s'] / max(1, len(b['ms'])):.1f} | {ms_med} | {ms_p95} | "
              f"{b['rss_mib']:.0f} | {b['pdf_median']:,.0f} | {b['pdf_max']:,} | {b['pdfs']} | {b['rc']} | "
              f"{b['wall_s']:.2f} |")

    print("\n| target | figure | met |")
    print("|---|---|---|")
    def row(what, fig, ok):
        print(f"| {what} | {fig} | {'yes' if ok else '**no**'} |")
    t = med.get("typst")
    d2, p2 = med.get("dept -j2"), med.get("project -j2")
    if t and d2:
        ratio = d2["docs_per_s"] / t["docs_per_s"]
        row("003 -j2 docs/s ≥ 3 × Typst", f"{d2['docs_per_s']:.1f} / {t['docs_per_s']:.1f} = {ratio:.2f}×", ratio >= 3)
        peak = d2["rss_mib"]
        row("peak RSS ≤ ½ Typst's (003 -j2)", f"{peak:.0f} / {t['rss_mib']:.0f} MiB = {peak / t['rss_mib']:.2f}",
            peak <= t["rss_mib"] / 2)
    if p2:
        row("004 ≥ 400 docs/s (-j2)", f"{p2['docs_per_s']:.1f}", p2["docs_per_s"] >= 400)
    if d2:
        row("003 PDF ≤ 165 KB (max)", f"{d2['pdf_max']:,} bytes (median {d2['pdf_median']:,.0f})", d2["pdf_max"] <= 165000)
    if p2:
        row("one-page table ≤ 50 KB (004, max of the one-page PDFs)",
            f"{p2['one_page_max']:,} bytes (median {p2['one_page_median']:,.0f}; {p2['one_page_le_50k']} of "
            f"{p2['one_page']} one-page PDFs ≤ 50 KB; {p2['pdfs']} PDFs)", 0 < p2["one_page_max"] <= 50000)
    for b in big:
        row(f"big ({os.path.basename(b['input'])}) peak RSS < 200 MiB", f"{b['rss_mib']:.0f} MiB, exit {b['rc']}",
            b["rss_mib"] < 200)
    bad = [(k, m) for k, m in med.items() if k != "typst" and m["rc"] not in (0, 3)] + \
          [(b["input"], b) for b in big if b["rc"] not in (0, 3)]
    for k, m in bad:
        print(f"\n{k}: exit {m['rc']}: {' '.join(m['argv'])}\n```\n{m['stderr_tail']}\n```")
    print("\nCommands:")
    for k, m in list(med.items()) + [(b["input"], b) for b in big]:
        if k != "typst":
            print(f"- `/usr/bin/time -f '%M %U %S' {' '.join(m['argv'])}`")
    if t:
        print(f"- `cd {a.anchors} && python3 scripts/bulk.py --n {a.typst_n} --peers typst --out {a.out}/typst/bulk`")


if __name__ == "__main__":
    main()
