#!/usr/bin/python3
"""Checks of a --pdf-standard a-2b PDF beyond ../shared/verify/pdfa2b_check.py (pikepdf):
XMP fields equal to /Info, the OutputIntent, a ToUnicode map on every font, no transparency
group. Prints one line per problem, or OK. usage: pdfa_fields.py file.pdf"""
import re, sys, datetime, pikepdf
from pikepdf import Name

pdf = pikepdf.open(sys.argv[1])
errs = []
info = pdf.docinfo
xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")


def field(name):
    m = re.search(r"<%s>(.*?)</%s>" % (name, name), xmp, re.S)
    if not m: return None
    v = re.sub(r"</?rdf:(Alt|Seq|li)[^>]*>", "", m.group(1))
    return v.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def info_date(key):  # D:19700101000000Z00'00' → 1970-01-01T00:00:00Z
    d = str(info[key])
    return "%s-%s-%sT%s:%s:%sZ" % (d[2:6], d[6:8], d[8:10], d[10:12], d[12:14], d[14:16])


pairs = [("dc:title", "/Title"), ("dc:creator", "/Author"), ("dc:description", "/Subject"),
         ("pdf:Keywords", "/Keywords"), ("xmp:CreatorTool", "/Creator"), ("pdf:Producer", "/Producer")]
for x, i in pairs:
    want = str(info[i]) if i in info else None
    if field(x) != want: errs.append(f"{x} is {field(x)!r}, /Info {i} is {want!r}")
if "/Title" not in info: errs.append("no /Title")
for x in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
    if field(x) != info_date("/CreationDate"): errs.append(f"{x} is {field(x)!r}, /Info says {info_date('/CreationDate')}")
if info_date("/ModDate") != info_date("/CreationDate"): errs.append("ModDate differs from CreationDate")
if field("pdfaid:part") != "2" or field("pdfaid:conformance") != "B": errs.append("pdfaid is not 2 B")
md = pdf.Root.Metadata
if md.get("/Type") != Name.Metadata or md.get("/Subtype") != Name.XML: errs.append("metadata stream not /Metadata /XML")
if "/Filter" in md: errs.append("metadata stream is compressed")
if pdf.pdf_version != "1.7": errs.append(f"version {pdf.pdf_version}")
oi = pdf.Root.OutputIntents
if len(oi) != 1 or oi[0].S != Name.GTS_PDFA1 or int(oi[0].DestOutputProfile.N) != 3:
    errs.append("not one GTS_PDFA1 OutputIntent with an RGB (N 3) profile")
elif oi[0].DestOutputProfile.read_bytes()[16:20] != b"RGB ": errs.append("the profile is not RGB")
for obj in pdf.objects:
    if not isinstance(obj, pikepdf.Dictionary): continue
    if obj.get("/Type") == Name.Font and obj.get("/Subtype") == Name.Type0 and "/ToUnicode" not in obj:
        errs.append(f"font {obj.get('/BaseFont')} has no ToUnicode")
    if obj.get("/S") == Name.Transparency: errs.append("a transparency group")
for page in pdf.pages:
    if "/Group" in page.obj: errs.append("a page has /Group")
print("\n".join(errs) if errs else "OK")
sys.exit(1 if errs else 0)
