"""Prints a PDF's outline for outline_test.cpp, read back with pikepdf.

First line: "DisplayDocTitle=<value> PageMode=<name>"; then one line per entry, in order:
"<depth>\t<page, from 1>\t<top, rounded>\t<title>". Exits 1 when /First, /Last, /Next,
/Prev, /Parent or /Count disagree with the tree walked.
"""
import sys

import pikepdf


def walk(parent, depth, pages, out):
    item, prev, n = parent.get("/First"), None, 0
    while item is not None:
        assert item.Parent.objgen == parent.objgen, "bad /Parent"
        assert (item.get("/Prev").objgen if prev is not None else None) == (prev.objgen if prev is not None else None), "bad /Prev"
        dest = item.Dest
        out.append(f"{depth}\t{pages[dest[0].objgen] + 1}\t{round(float(dest[3]))}\t{str(item.Title)}")
        below = walk(item, depth + 1, pages, out)
        if below:
            assert int(item.Count) == below, "bad /Count"
        prev, item = item, item.get("/Next")
        n += 1 + below
    if prev is not None:
        assert parent.Last.objgen == prev.objgen, "bad /Last"
    return n


def main():
    pdf = pikepdf.open(sys.argv[1])
    root = pdf.Root
    prefs = root.get("/ViewerPreferences", {})
    print(f"DisplayDocTitle={prefs.get('/DisplayDocTitle')} PageMode={root.get('/PageMode')}")
    pages = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    out = []
    if "/Outlines" in root:
        total = walk(root.Outlines, 0, pages, out)
        assert int(root.Outlines.Count) == total, "bad root /Count"
    print("\n".join(out))


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(e)
        sys.exit(1)
