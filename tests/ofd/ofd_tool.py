#!/usr/bin/python3
"""Reads and breaks OFD packages for tests/ofd (Debian python3-lxml).
  ofd_tool.py text FILE.ofd          every TextCode's text, one a line, pages in order
  ofd_tool.py parts FILE.ofd DIR     every XML part written out under DIR, its name printed
  ofd_tool.py objects FILE.ofd       JSON: per page, each TextObject's text (its TextCodes joined)
  ofd_tool.py corrupt IN OUT KIND    a copy with one fault: missing-font, deltax, duplicate-id,
                                     font-id (a TextObject naming a font that does not exist),
                                     moved (page 1's TextObjects 3 mm right), no-rules (its
                                     PathObjects left out)
"""
import json, os, re, sys, zipfile
from lxml import etree

NS = {"ofd": "http://www.ofdspec.org/2016"}


def pages(z):
    doc = etree.fromstring(z.read("Doc_0/Document.xml"))
    for p in doc.findall("ofd:Pages/ofd:Page", NS):
        yield "Doc_0/" + p.get("BaseLoc")


def text(path):
    z = zipfile.ZipFile(path)
    for name in pages(z):
        for tc in etree.fromstring(z.read(name)).iter("{%s}TextCode" % NS["ofd"]):
            print(tc.text or "")


def objects(path):
    z = zipfile.ZipFile(path)
    out = []
    for name in pages(z):
        runs = etree.fromstring(z.read(name)).iter("{%s}TextObject" % NS["ofd"])
        out.append(["".join(tc.text or "" for tc in o.findall("ofd:TextCode", NS)) for o in runs])
    json.dump({"pages": out}, sys.stdout, ensure_ascii=False)


def parts(path, out):
    z = zipfile.ZipFile(path)
    for name in z.namelist():
        if name.endswith(".xml"):
            dest = os.path.join(out, name)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(z.read(name))
            print(dest)


def corrupt(src, dst, kind):
    z = zipfile.ZipFile(src)
    items = {n: z.read(n) for n in z.namelist()}
    first_page = next(pages(z))
    if kind == "missing-font":  # the first font file is left out
        del items[next(n for n in items if n.startswith("Doc_0/Res/font_"))]
    elif kind == "deltax":  # one value more in the first DeltaX
        items[first_page] = re.sub(rb'DeltaX="', b'DeltaX="1 ', items[first_page], count=1)
    elif kind == "duplicate-id":  # the second object takes the first one's ID
        ids = re.findall(rb' ID="(\d+)"', items[first_page])
        items[first_page] = items[first_page].replace(b' ID="%s"' % ids[2], b' ID="%s"' % ids[1], 1)
    elif kind == "font-id":  # the first TextObject names a font id no font has
        items[first_page] = re.sub(rb'(<ofd:TextObject [^>]*?Font=")\d+"', rb'\g<1>99999"',
                                   items[first_page], count=1)
    elif kind == "moved":  # every TextObject of the first page 3 mm to the right
        items[first_page] = re.sub(
            rb'(<ofd:TextObject [^>]*?Boundary=")([-\d.]+)', lambda m: m[1] + b"%g" % (float(m[2]) + 3),
            items[first_page])
    elif kind == "no-rules":  # the first page's PathObjects left out
        items[first_page] = re.sub(rb'<ofd:PathObject .*?</ofd:PathObject>\s*', b"", items[first_page], flags=re.S)
    else:
        sys.exit("unknown fault " + kind)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for n, b in items.items():
            out.writestr(n, b)


if __name__ == "__main__":
    {"text": lambda a: text(a[0]), "objects": lambda a: objects(a[0]), "parts": lambda a: parts(a[0], a[1]),
     "corrupt": lambda a: corrupt(a[0], a[1], a[2])}[sys.argv[1]](sys.argv[2:])
