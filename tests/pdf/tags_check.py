"""Checks a tagged PDF's structure against its content streams, for tags_test.cpp (pikepdf).

Exits 1 naming the first problem found:
- the Catalog has /MarkInfo /Marked true, /Lang, /StructTreeRoot with a /ParentTree;
- every text-showing and path-painting operator lies inside marked content: a sequence with
  an MCID, or an /Artifact;
- every MCID of every page is claimed by exactly one structure element, and the ParentTree
  maps it back to that element; no element claims an MCID that is not there;
- every TH has /A with /O /Table and a /Scope.
Prints on success one line per structure element in document order: "<depth>\t<role>\t<n
MCIDs>", then a last line "elements=<n> mcids=<n> artifacts=<n>".
"""
import sys

import pikepdf

SHOW = {"Tj", "TJ", "'", '"'}
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do"}


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def page_mcids(page, index):
    """The MCIDs of a page's content, in stream order, and its artifact count."""
    mcids, stack, artifacts = [], [], 0
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                mcid = int(operands[1].MCID)
                mcids.append(mcid)
            if tag == "/Artifact":
                artifacts += 1
            stack.append((tag, mcid))
        elif op == "EMC":
            if not stack:
                fail(f"page {index + 1}: EMC without BDC/BMC")
            stack.pop()
        elif op in SHOW or op in PAINT:
            if not any(t == "/Artifact" or m is not None for t, m in stack):
                fail(f"page {index + 1}: '{op}' outside marked content")
    if stack:
        fail(f"page {index + 1}: marked content left open")
    if len(set(mcids)) != len(mcids):
        fail(f"page {index + 1}: an MCID used twice")
    return mcids, artifacts


def main():
    pdf = pikepdf.open(sys.argv[1])
    root = pdf.Root
    if "/MarkInfo" not in root or not bool(root.MarkInfo.get("/Marked", False)):
        fail("no /MarkInfo /Marked true")
    if "/Lang" not in root:
        fail("no /Lang")
    if "/StructTreeRoot" not in root:
        fail("no /StructTreeRoot")
    tree = root.StructTreeRoot
    pages = {p.objgen: i for i, p in enumerate(pdf.pages)}
    on_page, artifacts = {}, 0
    for i, page in enumerate(pdf.pages):
        mcids, a = page_mcids(page, i)
        on_page[i] = set(mcids)
        artifacts += a

    claimed = {}  # (page, mcid) -> element objgen
    lines = []

    def claim(elem, page_index, mcid):
        key = (page_index, mcid)
        if key in claimed:
            fail(f"page {page_index + 1} MCID {mcid} claimed twice")
        if mcid not in on_page.get(page_index, set()):
            fail(f"page {page_index + 1} has no MCID {mcid}")
        claimed[key] = elem.objgen

    def walk(elem, depth):
        at = len(lines)
        lines.append(None)  # this element's line, before its kids' (document order)
        role = str(elem.S)[1:]
        if role == "TH":
            a = elem.get("/A")
            if a is None or str(a.get("/O")) != "/Table" or "/Scope" not in a:
                fail("a TH without /A /O /Table /Scope")
        pg = elem.get("/Pg")
        kids = elem.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        n = 0
        for k in kids:
            if isinstance(k, int) or (isinstance(k, pikepdf.Object) and k._type_code == pikepdf.ObjectType.integer):
                if pg is None:
                    fail(f"{role}: an MCID without /Pg")
                claim(elem, pages[pg.objgen], int(k))
                n += 1
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                claim(elem, pages[k.Pg.objgen], int(k.MCID))
                n += 1
            elif isinstance(k, pikepdf.Dictionary):
                if k.P.objgen != elem.objgen:
                    fail(f"{role}: a kid whose /P is not its parent")
                walk(k, depth + 1)
        lines[at] = f"{depth}\t{role}\t{n}"

    top = tree.K
    for k in (list(top) if isinstance(top, pikepdf.Array) else [top]):
        walk(k, 0)

    for i, mcids in on_page.items():
        for m in mcids:
            if (i, m) not in claimed:
                fail(f"page {i + 1} MCID {m} belongs to no element")
    # The ParentTree: each page's /StructParents → its MCIDs' elements.
    nums = list(tree.ParentTree.Nums)
    parents = {int(nums[j]): nums[j + 1] for j in range(0, len(nums), 2)}
    for i, page in enumerate(pdf.pages):
        if not on_page[i]:
            continue
        if "/StructParents" not in page.obj:
            fail(f"page {i + 1}: no /StructParents")
        owners = parents.get(int(page.obj.StructParents))
        if owners is None:
            fail(f"page {i + 1}: not in the ParentTree")
        for m in on_page[i]:
            if owners[m].objgen != claimed[(i, m)]:
                fail(f"page {i + 1} MCID {m}: the ParentTree names another element")
    for line in lines:
        print(line)
    print(f"elements={len(lines)} mcids={len(claimed)} artifacts={artifacts}")


main()
