#!/usr/bin/python3
"""Reference images of every example (Typst's reference-image tests, small): each page of each
example rendered with a fixed date, rasterized by poppler (pdftoppm, 36 dpi, grey) and
compared with tests/golden/refs/<example>/<page>.png. A change to layout is seen, not only
its text: a page that differs by more than the tolerance fails, and its image, the
reference and a difference image are left in --out to look at.

  check:   /usr/bin/python3 tests/golden/golden.py --jixiao build/jixiao --out build/golden
  update:  /usr/bin/python3 tests/golden/golden.py --jixiao build/jixiao --update
           (after looking at the pages that changed: the update is the review)

Tolerance: a pixel differs when its grey level moves by more than 48 of 255; a page fails when
more than 0.02% of its pixels differ (about 25 at 36 dpi: one character added shows), or its
size or the page count differs. Same poppler, same fonts: the images are identical here.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFS = os.path.join(ROOT, "tests", "golden", "refs")
DPI = 36
LEVEL = 48
SHARE = 0.0002


def render(jixiao, example, work):
    pdf = os.path.join(work, "out.pdf")
    r = subprocess.run([jixiao, "render", example, "-o", pdf, "--date", "2026-01-01"],
                       capture_output=True, text=True)
    if r.returncode not in (0, 3):
        sys.exit(f"{example}: jixiao exited {r.returncode}: {r.stderr}")
    stem = os.path.join(work, "p")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", pdf, stem], check=True)
    pages = sorted(f for f in os.listdir(work) if f.startswith("p-") and f.endswith(".png"))
    # pdftoppm pads page numbers to the page count's width: p-1.png or p-01.png.
    return [os.path.join(work, f) for f in sorted(pages, key=lambda f: int(f[2:-4]))]


def differing(a, b):
    """Share of pixels whose grey level differs by more than LEVEL."""
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > LEVEL else 0)
    hist = diff.histogram()
    return hist[255] / (a.size[0] * a.size[1]), diff


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jixiao", required=True)
    ap.add_argument("--out", default=None, help="where failing pages are left to look at")
    ap.add_argument("--update", action="store_true", help="write the references anew")
    args = ap.parse_args()
    examples = sorted(f for f in os.listdir(os.path.join(ROOT, "examples")) if f.endswith(".json"))
    failures = []
    checked = 0
    for name in examples:
        stem = name[:-5]
        ref_dir = os.path.join(REFS, stem)
        with tempfile.TemporaryDirectory() as work:
            pages = render(args.jixiao, os.path.join(ROOT, "examples", name), work)
            if args.update:
                shutil.rmtree(ref_dir, ignore_errors=True)
                os.makedirs(ref_dir)
                for i, p in enumerate(pages, 1):
                    # Stored in 16 even grey levels (off by 8 at most, far under LEVEL):
                    # fewer bytes, the same comparison.
                    Image.open(p).convert("L").point(lambda v: min(255, (v + 8) // 17 * 17)).save(
                        os.path.join(ref_dir, f"{i}.png"), optimize=True)
                print(f"{stem}: {len(pages)} reference pages written")
                continue
            refs = sorted((f for f in os.listdir(ref_dir) if f.endswith(".png")),
                          key=lambda f: int(f[:-4])) if os.path.isdir(ref_dir) else []
            if len(refs) != len(pages):
                failures.append(f"{stem}: {len(pages)} pages, the reference has {len(refs)}")
                continue
            for i, p in enumerate(pages, 1):
                got = Image.open(p).convert("L")
                want = Image.open(os.path.join(ref_dir, f"{i}.png")).convert("L")
                checked += 1
                if got.size != want.size:
                    failures.append(f"{stem} page {i}: {got.size} pixels, the reference {want.size}")
                    continue
                share, diff = differing(got, want)
                if share > SHARE:
                    failures.append(f"{stem} page {i}: {share:.2%} of the pixels differ (at most {SHARE:.2%})")
                    if args.out:
                        os.makedirs(args.out, exist_ok=True)
                        got.save(os.path.join(args.out, f"{stem}-{i}-got.png"))
                        want.save(os.path.join(args.out, f"{stem}-{i}-ref.png"))
                        diff.save(os.path.join(args.out, f"{stem}-{i}-diff.png"))
    if args.update:
        return 0
    for f in failures:
        print("GOLDEN FAIL " + f)
    if failures:
        where = f"; the pages are in {args.out}" if args.out else ""
        print(f"{len(failures)} of {checked} pages differ from tests/golden/refs{where}. If the change is "
              "meant, look at them and run: /usr/bin/python3 tests/golden/golden.py --jixiao build/jixiao --update")
        return 1
    print(f"GOLDEN OK: {checked} pages of {len(examples)} examples match their references")
    return 0


if __name__ == "__main__":
    sys.exit(main())
