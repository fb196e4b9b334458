#!/usr/bin/env python3
"""Synthetic data files for bulk benchmarks and tests (stdlib only, deterministic).

    generate.py --form dept|project --n N --out DIR [--seed S] [--broken K]
    generate.py --form project --n N --jsonl FILE [--seed S] [--broken K]
    generate.py --form project --n 10000 --per-file 10000 --out DIR   # one file, 10,000 projects

dept:    003 departments (examples/shenzhen-2020-department-selfeval.json), one per file:
         unit, people, tasks and amounts, 自评表 rows, 评分表 scores (formula rows get inputs
         and the score the rule set computes), report paragraphs rebuilt from seed sentences.
project: 004 projects (examples/shenzhen-2021-project-selfeval.json), one of the nine as the
         base of each: name, amounts, 6-12 indicators whose weights follow the rule set.

Document i depends only on (seed, form, i), so --broken does not change the valid ones.
--broken K makes K documents invalid, cycling through: a number written as a string, a
missing required field, malformed JSON, an unknown form. Each is listed on stdout as
"broken<TAB>file-or-line<TAB>kind<TAB>JSON pointer".
"""
import argparse
import copy
import json
import os
import random
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(REPO, "examples")
DEPT_EXAMPLE = os.path.join(EXAMPLES, "shenzhen-2020-department-selfeval.json")
PROJECT_EXAMPLE = os.path.join(EXAMPLES, "shenzhen-2021-project-selfeval.json")
SEEDS = os.path.join(os.path.dirname(REPO), "shared", "seeds")

DISTRICTS = ["深圳市", "深圳市", "深圳市", "福田区", "罗湖区", "南山区", "宝安区", "龙岗区", "龙华区", "光明区"]
DOMAINS = ["住房建设", "交通运输", "水务", "教育", "卫生健康", "民政", "生态环境", "规划和自然资源",
           "城市管理和综合执法", "应急管理", "人力资源和社会保障", "市场监督管理", "工业和信息化",
           "科技创新", "文化广电旅游体育", "发展和改革"]
SUFFIXES = ["信息中心", "服务中心", "事务中心", "技术中心", "档案馆", "评审中心", "监测站", "指导中心"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞晴妙俊婷雪琳志宏建国海燕"
TASKS = ["基本支出", "信息化系统维护", "预算准备金", "综合事务管理", "档案整理", "网络安全保障",
         "电子政务运维", "数据中心运行", "办公设备购置", "专项业务经费", "网站建设管理", "业务培训"]
SYSTEMS = ["档案整理", "电子政务运维", "网站建设管理", "信息基础设施及数据中心管理", "住房建设信息系统建设管理",
           "公共住房基础信息平台建设", "智慧住建平台运维", "网络安全等级保护测评", "移动办公系统升级",
           "数据共享交换平台维护", "机房UPS电池更换及消防整改", "应用系统源码及自动发布管控", "视频会议系统改造",
           "政务服务事项梳理", "业务档案数字化加工"]
# sentences of 评分标准, 指标说明 and 填表说明 read wrong in a narrative
SCORING_TEXT = re.compile(r"\d ?分|扣|满分|[≤≥<>×=]|%的|^注|控制率|填表|指标|评分|考察|部门[（(]单位[)）]")
PROSE_KEYS = {"paragraphs", "expected", "actual", "overview", "goal", "annual_goal", "implementation",
              "effects", "problems", "suggestions", "necessity", "safeguards", "plan", "deviation_reason"}


def centi(x):
    """The engine's to_centi: half away from zero on the shortest decimal (repr)."""
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def money(rng, lo, hi):
    """An amount with two decimals, as a float whose repr has at most two decimals."""
    return rng.randrange(int(lo * 100), int(hi * 100)) / 100


# ---------- text pool: sentences from the seed texts and the examples ----------

def _prose_strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _prose_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _prose_strings(v, key)
    elif isinstance(node, str) and key in PROSE_KEYS:
        yield node


def sentence_pool(seeds_dir):
    texts = []
    for name in sorted(os.listdir(EXAMPLES)):
        if name.endswith(".json"):
            with open(os.path.join(EXAMPLES, name), encoding="utf-8") as f:
                texts += _prose_strings(json.load(f))
    if os.path.isdir(seeds_dir):
        for name in sorted(os.listdir(seeds_dir)):
            with open(os.path.join(seeds_dir, name), encoding="utf-8") as f:
                for line in f:
                    for cell in line.split("\t"):  # table rows are tab-separated
                        cell = cell.strip()
                        if len(cell) >= 40 and cell.endswith("。"):  # whole paragraphs, not wrapped lines
                            texts.append(cell)
    seen, pool = set(), []
    for t in texts:
        t = re.sub(r"</?p>", "\n", t)
        for s in re.findall(r"[^。；！？\n]+[。；！？]", t):
            s = re.sub(r"^(\s*(\d+[.、]\s*|[一二三四五六七八]是|[^，。：]{2,5}：))+", "", s).strip()
            if len(s) >= 10 and s not in seen and not SCORING_TEXT.search(s):
                seen.add(s)
                pool.append(s)
    return pool


def make_text(rng, pool, length):
    """Shuffled seed sentences up to about `length` characters, ending in 。."""
    out, n = [], 0
    while n < length:
        s = rng.choice(pool)
        if n + len(s) > length * 1.25 and out:
            cut = s.rfind("，", 0, max(1, length - n))  # trim the last sentence at a comma
            if cut < 6:
                break
            s = s[:cut] + "。"
        out.append(s)
        n += len(s)
    text = "".join(out)
    return text[:-1] + "。" if text[-1] in "；！？" else text


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def unit_name(rng):
    return rng.choice(DISTRICTS) + rng.choice(DOMAINS) + rng.choice(SUFFIXES)


def scale_pair(rng, target, actual):
    """Scale plain-number target/actual by one factor; keeps ≥/≤ and the decimals written."""
    num = re.compile(r"^\d+(\.\d+)?$")
    if not (num.match(target) and num.match(actual)) or "." in target or float(target) < 10:
        return target, actual
    f = rng.uniform(0.5, 3.0)
    dec = len(actual.split(".")[1]) if "." in actual else 0
    return str(int(float(target) * f)), f"{int(float(actual) * f):.{dec}f}" if dec else str(int(float(actual) * f))


# ---------- 003 department ----------

FORMULA_INPUTS = {  # name -> function(rng) giving (inputs, score) exactly as templates/rules computes
    "预算执行率": lambda r: _q(r),
    "公用经费控制率": lambda r: _public(r),
    "项目完成及时性": lambda r: _completion(r),
    "公众或服务对象满意度": lambda r: _sat(r),
    "固定资产利用率": lambda r: _assets(r),
    "财政供养人员控制率": lambda r: _staff(r),
    "编外人员控制率": lambda r: _outsourced(r),
    "政府采购执行情况": lambda r: _procurement(r),
}


def _q(r):
    q = [round(r.uniform(lo, hi), 2) for lo, hi in ((15, 35), (35, 60), (55, 85), (88, 100))]
    parts = [min(q[0] / 25, 1), min(q[1] / 50, 1), min(q[2] / 75, 1), min(q[3] / 100, 1)]
    s = parts[0] + parts[1] + parts[2] + parts[3] + (parts[0] + parts[1] + parts[2] + parts[3]) / 4 * 2
    return {"q1": q[0], "q2": q[1], "q3": q[2], "q4": q[3]}, s


def _public(r):
    tb, db = money(r, 1, 20), money(r, 300000, 2000000)
    ta, da = round(tb * r.uniform(0.6, 1.0), 2), round(db * r.uniform(0.7, 1.0), 2)
    s = (3 if ta / tb < 0.9 else 2 if ta / tb <= 1 else 0) + (3 if da / db < 0.9 else 2 if da / db <= 1 else 0)
    return {"three_public_actual": ta, "three_public_budget": tb, "daily_actual": da, "daily_budget": db}, s


def _completion(r):
    p = r.randint(3, 20)
    c = p if r.random() < 0.7 else r.randint(p - 2, p)
    return {"completed": c, "planned": p}, c / p * 6


def _sat(r):
    s = r.choice((100, 98, 96, 95, 93, 91, 88))
    return {"satisfaction": s}, 6 if s >= 95 else 4 if s >= 90 else 2 if s >= 80 else 1


def _assets(r):
    t = money(r, 100000, 5000000)
    u = round(t * r.uniform(0.7, 1.0), 2)
    return {"in_use": u, "total": t}, 1 if u / t >= 0.9 else 0.7 if u / t >= 0.75 else 0.4 if u / t >= 0.6 else 0


def _staff(r):
    a = r.randint(10, 80)
    return {"staff": a - r.randint(0, 3), "authorized": a}, 1


def _outsourced(r):
    e = r.randint(20, 120)
    o = r.randint(0, e // 8)
    return {"outsourced": o, "employees": e}, 1 if o / e * 100 < 5 else 0.5 if o / e * 100 <= 10 else 0


def _procurement(r):
    p = money(r, 10000, 500000)
    u = round(p * r.uniform(0.85, 1.0), 2)
    pol = r.choice((1, 1, 0.8, 0.5))
    return {"purchased": u, "planned": p, "policy": pol}, (0 if u > p else u / p) + pol


def make_dept(rng, base, pool, indicator_pool):
    d = copy.deepcopy(base)
    d["name"], d["filled_by"] = unit_name(rng), person(rng)
    d["phone"] = "1" + str(rng.choice((3, 5, 8))) + "".join(str(rng.randrange(10)) for _ in range(9))
    tasks, tot = [], {"budget": 0, "budget_fiscal": 0, "executed": 0, "executed_fiscal": 0}
    for name in rng.sample(TASKS, rng.randint(2, 6)):
        b = rng.randrange(2000, 90000)            # hundredths of 万元
        bf = b if rng.random() < 0.8 else rng.randrange(b // 2, b)
        e = b if rng.random() < 0.3 else rng.randrange(b * 85 // 100, b + 1)
        ef = min(e, bf)
        row = {"budget": b, "budget_fiscal": bf, "executed": e, "executed_fiscal": ef}
        for k in tot:
            tot[k] += row[k]
        tasks.append({"name": name, "status": rng.choice(("已完成。", "已完成。", "基本完成。")),
                      **{k: v / 100 for k, v in row.items()}})
    d["tasks"], d["task_total"] = tasks, {k: v / 100 for k, v in tot.items()}
    verbose = rng.uniform(0.4, 1.9)  # one writer per report: terse or wordy throughout
    for sec in d["report"]:
        for sub in sec.get("sections", []):
            sub["paragraphs"] = _paragraphs(rng, pool, sub["paragraphs"], verbose)
    budget_sec = d["report"][0]["sections"][3]
    budget_sec["paragraphs"][0] = (f"我中心年初预算 {tot['budget'] * rng.uniform(0.85, 1) / 100:.2f} 万元，预算调整至 "
                                   f"{tot['budget'] / 100:.2f} 万元，决算数为 {tot['executed'] / 100:.2f} 万元。"
                                   + budget_sec["paragraphs"][0])
    d["goals"] = {"expected": make_text(rng, pool, rng.randint(90, 240))}
    d["goals"]["actual"] = "已完成。" + make_text(rng, pool, rng.randint(90, 240))
    rows = []
    for level2 in ("数量指标", "质量指标", "时效指标", "成本指标"):
        for _ in range(rng.choice((1, 1, 2))):
            name, t, a = rng.choice(indicator_pool[level2])
            t, a = scale_pair(rng, t, a)
            rows.append({"level1": "产出指标", "level2": level2, "name": name, "target": t, "actual": a})
    for level2 in ("经济效益指标", "社会效益指标", "生态效益指标", "满意度指标", "可持续影响指标"):
        src = indicator_pool.get(level2)
        if src and (level2 in ("社会效益指标", "满意度指标") or rng.random() < 0.3):
            name, t, a = rng.choice(src)
        else:
            name = t = a = ""
        rows.append({"level1": "效益指标", "level2": level2, "name": name, "target": t, "actual": a})
    d["indicators"] = rows
    for row in d["scorecard"]:
        row.pop("inputs", None)
        make = FORMULA_INPUTS.get(row["name"])
        if make and rng.random() < 0.8:
            row["inputs"], s = make(rng)
            row["score"] = _num(centi(s))
        else:
            w = row["weight"]
            row["score"] = w if rng.random() < 0.75 else _num(max(0, w - 0.5 * rng.randint(1, max(1, int(w)))))
    return d


def _num(x):
    return int(x) if float(x).is_integer() else x


def _paragraphs(rng, pool, orig, verbose):
    """As many paragraphs as the seed section has (±1), each about a seed paragraph's length."""
    n = max(1, len(orig) + rng.choice((-1, 0, 0, 1)))
    out = []
    for i in range(n):
        model = orig[min(i, len(orig) - 1)]
        label = re.match(r"^(\d+\.\s*)?([^，。：]{2,5}：)?", model)
        prefix = (f"{i + 1}. " if label.group(1) else "") + (label.group(2) or "")
        out.append(prefix + make_text(rng, pool, int(len(model) * verbose * rng.uniform(0.8, 1.25))))
    return out


# ---------- 004 project ----------

def make_project(rng, bases, pool, indicator_pool):
    p = copy.deepcopy(rng.choice(bases))
    p["name"] = rng.choice(("", "", "2021年", "市", "局机关")) + rng.choice(SYSTEMS)
    p["amount"] = rng.randrange(200, 8000) * 1000 + rng.choice((0, 0, rng.randrange(1000)))
    p["department"] = rng.choice(("0102013", "0102013", f"0{rng.randrange(100000, 999999)}"))
    p["implementer"] = "" if rng.random() < 0.6 else unit_name(rng)
    lines = {}
    for k, share in (("fiscal", 1), ("carryover", rng.choice((0, 0, 0.2))), ("other", rng.choice((0, 0, 0.1)))):
        annual = rng.randrange(50000, 3000000) * 100 if k == "fiscal" else 0
        annual = annual if k == "fiscal" else int(lines["fiscal"]["annual"] * share) // 100 * 100
        initial = annual if rng.random() < 0.7 else annual * rng.randrange(70, 101) // 100
        executed = annual if rng.random() < 0.3 else annual * rng.randrange(85, 101) // 100
        lines[k] = {"initial": initial, "annual": annual, "executed": executed}
    total = {f: sum(lines[k][f] for k in lines) for f in ("initial", "annual", "executed")}
    p["funds"] = {k: {f: v / 100 for f, v in line.items()} for k, line in
                  (("total", total), ("fiscal", lines["fiscal"]), ("carryover", lines["carryover"]),
                   ("other", lines["other"]))}
    p["goals"] = {"expected": make_text(rng, pool, rng.randint(20, 160))}
    p["goals"]["actual"] = p["goals"]["expected"] if rng.random() < 0.6 else make_text(rng, pool, rng.randint(20, 160))
    k = rng.randint(6, 12) - 4                     # 产出 rows; 效益 3 rows and 满意度 1 row
    level2s = ["数量指标", "质量指标", "时效指标", "成本指标"]
    level2s = sorted(level2s + [rng.choice(level2s) for _ in range(k - 4)], key=level2s.index)[:k] \
        if k >= 4 else sorted(rng.sample(level2s, k), key=level2s.index)
    rows = []
    for j, (level2, w) in enumerate(zip(level2s, _split(50, k))):
        rows.append(_ind(rng, indicator_pool, "产出指标", level2, w))
    social = rng.choice((20.0, 20.0, 10.0))
    rows.append(_ind(rng, indicator_pool, "效益指标", "经济效益指标", 20.0 - social) if social < 20 else
                _nil("经济效益指标"))
    rows.append(_ind(rng, indicator_pool, "效益指标", "社会效益指标", social))
    rows.append(_nil("生态效益指标"))
    rows.append(_ind(rng, indicator_pool, "满意度指标", "", 20.0))
    p["indicators"] = rows
    return p


def _split(points, k):
    """The rule set's split: two-decimal steps, the remainder on the middle indicator."""
    each = int(points * 100 // k)
    w = [each] * k
    w[k // 2] += points * 100 - each * k
    return [x / 100 for x in w]


def _nil(level2):
    return {"level1": "效益指标", "level2": level2, "name": "无", "target": "无", "actual": "无",
            "weight": 0.0, "score": 0.0, "deviation_reason": "无偏差"}


def _ind(rng, pool, level1, level2, weight):
    name, t, a, frac, reason = rng.choice(pool[level2 or "满意度指标"])
    t, a = scale_pair(rng, t, a)
    if frac == 1 and rng.random() < 0.06:         # a unit's own deduction, explained
        frac, reason = 0.5, make_text(rng, sample_pool_reason, rng.randint(25, 70))
    return {"level1": level1, "level2": level2, "name": name, "target": t, "actual": a,
            "weight": weight, "score": centi(weight * frac), "deviation_reason": reason}


sample_pool_reason = []  # filled in main(): sentences of the seeds' 偏差原因


def indicator_pools(dept_base, projects):
    dept, proj = {}, {}
    for r in dept_base["indicators"]:
        if r["name"]:
            dept.setdefault(r["level2"], []).append((r["name"], r["target"], r["actual"]))
    for p in projects:
        for r in p["indicators"]:
            if r["name"] == "无" or r["weight"] == 0:
                continue
            key = r["level2"] or r["level1"]
            frac = r["score"] / r["weight"]
            proj.setdefault(key, []).append((r["name"], r["target"], r["actual"], frac, r["deviation_reason"]))
            dept.setdefault(key, []).append((r["name"], r["target"], r["actual"]))
    proj["经济效益指标"] = proj["社会效益指标"]
    return dept, proj


# ---------- output ----------

def breakage(kind, doc_key):
    """(function mutating the data file, pointer) for each kind of invalid document."""
    first = f"/{doc_key}/0"
    if kind == "number-as-string":
        field = "/tasks/0/budget" if doc_key == "departments" else "/amount"
        def f(data):
            obj = data[doc_key][0]["tasks"][0] if doc_key == "departments" else data[doc_key][0]
            key = field.rsplit("/", 1)[1]
            obj[key] = str(obj[key])
        return f, first + field
    if kind == "missing-field":
        key = "scorecard" if doc_key == "departments" else "funds"
        return (lambda data: data[doc_key][0].pop(key)), f"{first}/{key}"
    if kind == "unknown-form":
        return (lambda data: data.__setitem__("form", data["form"].rsplit("-", 1)[0] + "-2099")), "/form"
    return None, "line:col"  # malformed: handled on the text


KINDS = ["number-as-string", "missing-field", "malformed-json", "unknown-form"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--form", choices=("dept", "project"), required=True)
    ap.add_argument("--n", type=int, default=300, help="documents to make")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="directory for one .json per data file")
    ap.add_argument("--jsonl", help="write one data file per line to this file instead")
    ap.add_argument("--broken", type=int, default=0, help="make this many data files invalid")
    ap.add_argument("--per-file", type=int, default=1, help="documents per data file (default 1)")
    ap.add_argument("--seeds", default=SEEDS, help="seed texts for sentences (default ../shared/seeds)")
    a = ap.parse_args()
    if bool(a.out) == bool(a.jsonl):
        ap.error("give exactly one of --out DIR and --jsonl FILE")
    files = -(-a.n // a.per_file)
    if not 0 <= a.broken <= files:
        ap.error(f"--broken {a.broken}: must be between 0 and the number of data files ({files})")

    pool = sentence_pool(a.seeds)
    with open(DEPT_EXAMPLE, encoding="utf-8") as f:
        dept_file = json.load(f)
    with open(PROJECT_EXAMPLE, encoding="utf-8") as f:
        proj_file = json.load(f)
    dept_ind, proj_ind = indicator_pools(dept_file["departments"][0], proj_file["projects"])
    sample_pool_reason[:] = [s for s in pool if re.search("导致|原因|疫情|需求|变更|延", s)] or pool
    if a.form == "dept":
        top, doc_key, prefix = dept_file, "departments", "dept"
        make = lambda rng: make_dept(rng, dept_file["departments"][0], pool, dept_ind)
    else:
        top, doc_key, prefix = proj_file, "projects", "project"
        make = lambda rng: make_project(rng, proj_file["projects"], pool, proj_ind)
    head = {k: v for k, v in top.items() if k not in ("$schema", doc_key)}
    broken = sorted(random.Random(f"{a.seed}:{a.form}:broken").sample(range(files), a.broken))
    kinds = {b: KINDS[j % len(KINDS)] for j, b in enumerate(broken)}

    if a.out:
        os.makedirs(a.out, exist_ok=True)
    sink = open(a.jsonl + ".tmp", "w", encoding="utf-8") if a.jsonl else None
    for fi in range(files):
        docs = [make(random.Random(f"{a.seed}:{a.form}:{i}"))
                for i in range(fi * a.per_file, min(a.n, (fi + 1) * a.per_file))]
        data = dict(head, **{doc_key: docs})
        kind = kinds.get(fi)
        where = f"{prefix}-{fi + 1:05d}.json" if a.out else f"line {fi + 1}"
        if kind:
            mutate, pointer = breakage(kind, doc_key)
            if mutate:
                mutate(data)
            print(f"broken\t{where}\t{kind}\t{pointer}")
        if sink:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        else:
            text = json.dumps(dict({"$schema": top["$schema"]}, **data), ensure_ascii=False,
                              indent=1 if a.per_file == 1 else None) + "\n"
        if kind == "malformed-json":
            text = text[: len(text) * 2 // 3].rstrip("\n")  # cut mid-document
            text += "" if sink else "\n"
        if sink:
            sink.write(text + "\n")
        else:
            path = os.path.join(a.out, where)
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
    if sink:
        sink.close()
        os.replace(a.jsonl + ".tmp", a.jsonl)
    print(f"wrote {a.n} {a.form} documents in {files} data files ({a.broken} broken) to {a.out or a.jsonl}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
