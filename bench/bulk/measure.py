#!/usr/bin/env python3
"""Times `jixiao render DIR -o OUT/ -j J` on generated data, and the data-driven Typst peers of
../shared/bench-anchors on the same 003 files, then prints one markdown table. Called by
run.sh, which builds, generates and installs first.

    measure.py --jixiao build/jixiao --data DATA --out OUT [--runs 3] [--jobs 1,2]
               [--anchors DIR] [--big FILE ...]

DATA holds dept/ and project/ (generate.py). Each case runs --runs times, round-robin over
all cases (dept -j1, dept -j2, project -j1, project -j2, typst-data, typst-data-p2, cold
single render), so a drift in machine speed hits every case alike; the run with the median
wall time is reported. Peak RSS and CPU are `/usr/bin/time -f '%M %U %S'` around the whole
process (for the Typst peers: around the anchor's scripts/bulk.py, whose node processes it
waits for; the 2-process peer's RSS is the anchor's sum of both).
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


def run_typst(anchors, peer, data, out):
    """One data-driven Typst peer of the anchors (typst-data: 1 process; typst-data-p2: 2) over
    the same generated 003 files jixiao renders."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    cpu_file = os.path.join(out, "time.txt")
    argv = ["/usr/bin/time", "-f", "%M %U %S", "-o", cpu_file, "python3", "scripts/bulk.py", "--peers", peer,
            "--data", os.path.abspath(data), "--out", out + "/bulk", "--json", out + "/bulk.json"]
    t0 = time.perf_counter()
    p = subprocess.run(argv, cwd=anchors, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        return {"error": p.stderr.decode("utf-8", "replace")[-400:]}
    r = json.load(open(out + "/bulk.json"))[0]
    if "error" in r:
        return {"error": r["error"]}
    last = open(cpu_file).read().splitlines()[-1].split()
    n = r["n"]
    # Whole process (node start-up and compiler creation included), as jixiao's docs/s is.
    return {"n": n, "docs_per_s": n / r["process_wall_s"], "loop_docs_per_s": r["docs_per_s"],
            "steady": r.get("steady_docs_per_s"), "first_s": r.get("first_s"), "rss_mib": r["peak_rss_mib"],
            "cpu_s": float(last[1]) + float(last[2]), "wall_s": wall, "pdf_median": r.get("pdf_median_bytes", 0)}


def run_cold(jixiao, data_file, out):
    """One form rendered by a fresh process: what a clerk waits for (start-up included)."""
    argv = [jixiao, "render", data_file, "-o", out, "--date", "0"]
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return {"wall_s": time.perf_counter() - t0, "rc": p.returncode, "argv": argv}


TYPST_PEERS = {"typst-data": 1, "typst-data-p2": 2}  # peer → the jixiao -j it is compared with


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jixiao", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--anchors", help="a copy of the bench-anchors folder with node/node_modules")
    ap.add_argument("--big", nargs="*", default=[], help="inputs holding 10,000 projects, each run once")
    a = ap.parse_args()

    cases = []
    counts = {}
    for form in ("dept", "project"):
        counts[form] = len([f for f in os.listdir(os.path.join(a.data, form)) if f.endswith(".json")])
        for j in map(int, a.jobs.split(",")):
            cases.append({"name": f"{form} -j{j}", "form": form, "n": counts[form], "jobs": j, "runs": []})
    if a.anchors:
        cases += [{"name": peer, "runs": []} for peer in TYPST_PEERS]
    first_project = os.path.join(a.data, "project", sorted(f for f in os.listdir(os.path.join(a.data, "project"))
                                                           if f.endswith(".json"))[0])
    cases.append({"name": "cold", "runs": []})
    print(f"# load average before: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", file=sys.stderr)
    for r in range(a.runs):
        for c in cases:
            print(f"# run {r + 1}/{a.runs}: {c['name']}", file=sys.stderr, flush=True)
            if c["name"] in TYPST_PEERS:
                c["runs"].append(run_typst(a.anchors, c["name"], os.path.join(a.data, "dept"),
                                           os.path.join(a.out, c["name"])))
            elif c["name"] == "cold":
                c["runs"] += [run_cold(a.jixiao, first_project, os.path.join(a.out, "cold.pdf")) for _ in range(5)]
            else:
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
        if c["name"] == "cold":
            walls_ms = sorted(1000 * x["wall_s"] for x in c["runs"])
            med["cold"] = {"ms": statistics.median(walls_ms), "rc": max(x["rc"] for x in c["runs"]),
                           "argv": c["runs"][0]["argv"]}
            print(f"| cold single render (004, fresh process) | 1 | 1 | – | – | {med['cold']['ms']:.1f} (wall) | "
                  f"{percentile(walls_ms, 95):.1f} | – | – | – | 1 | {med['cold']['rc']} | {len(walls_ms)} runs |")
            continue
        if c["name"] in TYPST_PEERS:
            ok = [x for x in c["runs"] if "error" not in x]
            if not ok:
                print(f"| {c['name']} | error: {c['runs'][0]['error'][:120]} ||||||||||||")
                continue
            m = sorted(ok, key=lambda x: x["docs_per_s"])[len(ok) // 2]
            med[c["name"]] = m
            print(f"| Typst 0.14 {c['name']} (same 003 files; first doc {m['first_s'] * 1000:.0f} ms, steady "
                  f"{m['steady']:.1f} docs/s) | {m['n']} | {TYPST_PEERS[c['name']]} | {m['docs_per_s']:.1f} | "
                  f"{1000 * m['cpu_s'] / m['n']:.1f} | – | – | {m['rss_mib']:.0f} | {m['pdf_median']:,.0f} | – | "
                  f"{m['n']} | 0 | {walls(ok, 'wall_s')} |")
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

    print("\n| target (issue 27) | figure | met |")
    print("|---|---|---|")
    def row(what, fig, ok):
        print(f"| {what} | {fig} | {'yes' if ok else '**no**'} |")
    d1, d2, p2 = med.get("dept -j1"), med.get("dept -j2"), med.get("project -j2")
    for peer, j in TYPST_PEERS.items():
        t, d = med.get(peer), med.get(f"dept -j{j}")
        if t and d:
            ratio = d["docs_per_s"] / t["docs_per_s"]
            row(f"003 -j{j} docs/s vs {peer} (same files)", f"{d['docs_per_s']:.1f} / {t['docs_per_s']:.1f} = {ratio:.1f}×",
                ratio >= 10 if j == 2 else True)
    t = med.get("typst-data-p2")
    if t and d2:
        row("peak RSS ≤ 0.15 × Typst's (003 -j2 vs typst-data-p2)",
            f"{d2['rss_mib']:.0f} / {t['rss_mib']:.0f} MiB = {d2['rss_mib'] / t['rss_mib']:.2f}",
            d2["rss_mib"] <= 0.15 * t["rss_mib"])
    if d2:
        cpu = 1000 * d2["cpu_s"] / counts["dept"]
        row("003 CPU ≤ 8 ms/doc (-j2)", f"{cpu:.1f} ms", cpu <= 8)
        row("003 PDF median ≤ 165 KB", f"{d2['pdf_median']:,.0f} bytes (max {d2['pdf_max']:,})", d2["pdf_median"] <= 165000)
    if p2:
        row(f"004 ≥ 600 docs/s (-j2, N = {counts['project']} ≥ 1,000)", f"{p2['docs_per_s']:.1f}",
            p2["docs_per_s"] >= 600 and counts["project"] >= 1000)
        row("one-page form ≤ 50 KB (004, max of the one-page PDFs)",
            f"{p2['one_page_max']:,} bytes (median {p2['one_page_median']:,.0f}; {p2['one_page_le_50k']} of "
            f"{p2['one_page']} one-page PDFs ≤ 50 KB; {p2['pdfs']} PDFs)", 0 < p2["one_page_max"] <= 50000)
    if "cold" in med:
        row("cold single render of one form ≤ 20 ms", f"{med['cold']['ms']:.1f} ms (median wall)", med["cold"]["ms"] <= 20)
    for b in big:
        row(f"big ({os.path.basename(b['input'])}) peak RSS < 200 MiB", f"{b['rss_mib']:.0f} MiB, exit {b['rc']}",
            b["rss_mib"] < 200)
    bad = [(k, m) for k, m in med.items() if k not in TYPST_PEERS and m["rc"] not in (0, 3)] + \
          [(b["input"], b) for b in big if b["rc"] not in (0, 3)]
    for k, m in bad:
        print(f"\n{k}: exit {m['rc']}: {' '.join(m['argv'])}\n```\n{m.get('stderr_tail', '')}\n```")
    print("\nCommands:")
    for k, m in list(med.items()) + [(b["input"], b) for b in big]:
        if k not in TYPST_PEERS and k != "cold":
            print(f"- `/usr/bin/time -f '%M %U %S' {' '.join(m['argv'])}`")
    if "cold" in med:
        print(f"- `{' '.join(med['cold']['argv'])}` (5 times per round)")
    for peer in TYPST_PEERS:
        if peer in med:
            print(f"- `cd {a.anchors} && python3 scripts/bulk.py --peers {peer} --data {os.path.join(a.data, 'dept')}`")


if __name__ == "__main__":
    main()
