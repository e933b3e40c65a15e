#!/usr/bin/env python3
"""Turns one JDK's JMH JSON (-rf json, run with -prof gc) and cold-start.sh's table into the README's
results section: ops/s, ratios to each floor and peer (same run, same key), allocation per token, the
cache's hit path, cold start, and each target of the performance issue checked against the numbers.

usage: results.py RESULTS.json [COLD_START.md] [--note TEXT]
       results.py --summary A.json A-cold-start.md B.json B-cold-start.md ...   (one table of the targets)
"""
import argparse
import os
import json
import re
import sys

PKG = "dev.jwtsigner.bench."

# benchmark method -> label, in table order; absent ones are left out of the tables
MINT_ROWS = [
    ("jcaJdk", "floor: raw JCA, JDK provider"),
    ("jcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
    ("jcaAccp", "floor: raw JCA, Amazon Corretto Crypto Provider (AWS-LC)"),
    ("atomicTokenBuilder", "**AtomicTokenBuilder**"),
    ("joseSigner", "JoseSigner (core of the builders)"),
    ("nimbus", "nimbus-jose-jwt direct"),
    ("jjwt", "jjwt 0.13.0"),
    ("auth0", "auth0 java-jwt 4.5.0"),
]
PAYLOAD_ROWS = [
    ("payloadJcaJdk", "floor: raw JCA, JDK provider"),
    ("payloadJcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
    ("payloadJcaAccp", "floor: raw JCA, Amazon Corretto Crypto Provider (AWS-LC)"),
    ("payloadBuilder", "**SignedPayloadBuilder**"),
    ("payloadJoseSigner", "JoseSigner (core of the builders)"),
    ("payloadNimbus", "nimbus-jose-jwt direct"),
]
VERIFY_ROWS = [
    ("jcaJdk", "floor: raw JCA, JDK provider"),
    ("jcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
    ("jcaAccp", "floor: raw JCA, Amazon Corretto Crypto Provider (AWS-LC)"),
    ("atomicPlatformVerifier", "**AtomicPlatformVerifier**"),
    ("jwsDecoder", "JwsDecoder (core of the verifiers)"),
    ("nimbus", "nimbus-jose-jwt direct"),
]
PAYLOAD_VERIFY_ROWS = [
    ("payloadJcaJdk", "floor: raw JCA, JDK provider"),
    ("payloadVerifier", "**SignedPayloadVerifier**"),
    ("payloadJwsDecoder", "JwsDecoder (core of the verifiers)"),
    ("payloadNimbus", "nimbus-jose-jwt direct"),
]
FLOORS = ("jcaJdk", "jcaBouncyCastle", "jcaAccp")
PAYLOAD_FLOORS = ("payloadJcaJdk", "payloadJcaBouncyCastle", "payloadJcaAccp")


class Results:
    def __init__(self, entries):
        self.entries = entries
        self.by_key = {}
        for e in entries:
            cls, method = e["benchmark"][len(PKG):].rsplit(".", 1)
            alg = e.get("params", {}).get("alg")
            self.by_key[(cls, method, alg)] = e

    def get(self, cls, method, alg=None):
        return self.by_key.get((cls, method, alg))

    def score(self, cls, method, alg=None):
        e = self.get(cls, method, alg)
        return None if e is None else e["primaryMetric"]["score"]

    def alloc(self, cls, method, alg=None):
        return self.secondary(cls, method, alg, "gc.alloc.rate.norm")

    def cpu(self, cls, method, alg=None):
        """CPU ns per op of the benchmark threads (CpuTimeProfiler)."""
        return self.secondary(cls, method, alg, "cpu.time.norm")

    def secondary(self, cls, method, alg, metric):
        e = self.get(cls, method, alg)
        if e is None:
            return None
        m = e.get("secondaryMetrics", {}).get(metric)
        return None if m is None else m["score"]


def fmt_ops(e):
    if e is None:
        return "–"
    p = e["primaryMetric"]
    err = number(p["scoreError"])
    return f"{p['score']:,.0f}" if err != err else f"{p['score']:,.0f} ± {err:,.0f}"


def number(x):
    """JMH writes NaN as the string "NaN" (one iteration: no error)."""
    return float(x)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return "–" if r is None else f"{r:.2f}×"


def fmt_bytes(b):
    return "–" if b is None else f"{b:,.0f}"


def best_floor(res, cls, floors, alg):
    scores = [(res.score(cls, f, alg), f) for f in floors]
    scores = [s for s in scores if s[0] is not None]
    return max(scores) if scores else (None, None)


def mint_table(res, rows, floors, alg, ours):
    out = []
    floor_ops, floor_name = best_floor(res, "SignOneThread", floors, alg)
    floor_cpu = least_cpu(res, "SignOneThread", floors, alg)
    ours_ops = res.score("SignOneThread", ours, alg)
    ours_cpu = res.cpu("SignOneThread", ours, alg)
    out.append(f"| contender | 1 thread ops/s | CPU µs/token | ÷ fastest floor (ops/s · CPU) | 2 threads ops/s "
               f"| 2 threads ÷ 1 | {ours_label(rows, ours)} ÷ this (ops/s · CPU) | B/token |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for method, label in rows:
        e1 = res.get("SignOneThread", method, alg)
        e2 = res.get("SignTwoThreads", method, alg)
        if e1 is None and e2 is None:
            continue
        s1 = None if e1 is None else e1["primaryMetric"]["score"]
        s2 = None if e2 is None else e2["primaryMetric"]["score"]
        c1 = res.cpu("SignOneThread", method, alg)
        vs_ours = "" if method == ours else f"{fmt_ratio(ratio(ours_ops, s1))} · {fmt_ratio(ratio(c1, ours_cpu))}"
        out.append(f"| {label} | {fmt_ops(e1)} | {fmt_us(c1)} "
                   f"| {fmt_ratio(ratio(s1, floor_ops))} · {fmt_ratio(ratio(floor_cpu, c1))} "
                   f"| {fmt_ops(e2)} | {fmt_ratio(ratio(s2, s1))} | {vs_ours} "
                   f"| {fmt_bytes(res.alloc('SignOneThread', method, alg))} |")
    return out, floor_name


def least_cpu(res, cls, floors, alg):
    cpus = [c for c in (res.cpu(cls, f, alg) for f in floors) if c is not None]
    return min(cpus) if cpus else None


def fmt_cpu_ns(ns):
    return "–" if ns is None else f"{ns:,.1f}"


def fmt_us(ns):
    return "–" if ns is None else f"{ns / 1000:,.1f}"


def ours_label(rows, ours):
    return dict(rows)[ours].strip("*").split(" (")[0]


def verify_table(res, rows, floors, alg):
    out = []
    jdk = res.score("VerifyBenchmarks", floors[0], alg)
    jdk_cpu = res.cpu("VerifyBenchmarks", floors[0], alg)
    fastest, _ = best_floor(res, "VerifyBenchmarks", floors, alg)
    fastest_cpu = least_cpu(res, "VerifyBenchmarks", floors, alg)
    out.append("| verifier | ops/s | CPU µs/token | ÷ JDK floor (ops/s · CPU) | ÷ fastest floor (ops/s · CPU) | B/token |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for method, label in rows:
        e = res.get("VerifyBenchmarks", method, alg)
        if e is None:
            continue
        s = e["primaryMetric"]["score"]
        c = res.cpu("VerifyBenchmarks", method, alg)
        out.append(f"| {label} | {fmt_ops(e)} | {fmt_us(c)} | {fmt_ratio(ratio(s, jdk))} · {fmt_ratio(ratio(jdk_cpu, c))} "
                   f"| {fmt_ratio(ratio(s, fastest))} · {fmt_ratio(ratio(fastest_cpu, c))} "
                   f"| {fmt_bytes(res.alloc('VerifyBenchmarks', method, alg))} |")
    return out


def cold_start_medians(text):
    """{(program, alg): median ms} from cold-start.sh's table."""
    medians = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and (re.fullmatch(r"RS256|RS512|ES512", cells[1] or "") or cells[0].startswith("CLI ")):
            try:
                medians[(cells[0], cells[1])] = float(cells[2])
            except ValueError:
                pass
    return medians


def paired_ratios(text):
    """{(case, contender): cheapest floor ÷ contender} from Paired's table."""
    ratios = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[3].endswith("×"):
            try:
                ratios[(cells[0], cells[1])] = float(cells[3].rstrip("×"))
            except ValueError:
                pass
    return ratios


# issue 15: with ACCP on the class path, each builder within 0.95 of the cheapest raw engine present
PAIRED_TARGETS = (
    ("sign RS256", "atomicTokenBuilder", 0.95), ("sign RS512", "atomicTokenBuilder", 0.95),
    ("sign ES512", "atomicTokenBuilder", 0.95), ("sign payload", "payloadBuilder", 0.95),
    ("verify RS256", "atomicPlatformVerifier", 0.9), ("verify ES512", "atomicPlatformVerifier", 0.9),
    ("verify payload", "payloadVerifier", 0.9))


def paired_targets(ratios):
    lines = []
    for case, contender, threshold in PAIRED_TARGETS:
        r = ratios.get((case, contender))
        if r is not None:
            check(lines, r >= threshold, f"paired: {case} {contender} ≥ {threshold}× the cheapest floor: {fmt_ratio(r)} by CPU time")
    # issue 15: ≥ 3.5× each peer on its defaults for RS256 and RS512, ≥ 12× for ES512
    for alg, factor in (("RS256", 3.5), ("RS512", 3.5), ("ES512", 12.0)):
        ours = ratios.get((f"sign {alg}", "atomicTokenBuilder"))
        for peer in ("nimbus", "jjwt", "auth0"):
            theirs = ratios.get((f"sign {alg}", peer))
            if ours and theirs:
                check(lines, ours / theirs >= factor,
                      f"paired: sign {alg} atomicTokenBuilder ≥ {factor:g}× {peer}: {fmt_ratio(ours / theirs)} by CPU time")
    return lines


def paired_file(json_file):
    path = re.sub(r"\.json$", "-paired.md", json_file)
    return open(path).read() if path != json_file and os.path.exists(path) else ""


def check(lines, ok, text):
    """Records (target, verdict, measured) from "target: measured"."""
    target, measured = text.rsplit(": ", 1)
    lines.append((target, "not measured" if ok is None else "met" if ok else "**missed**", measured))


def target_lines(checks):
    return [f"- {verdict}: {target}: {measured}" for target, verdict, measured in checks]


def summary(pairs):
    """One table of every target across JDKs: pairs of (JMH JSON, cold-start table or None)."""
    columns, rows = [], {}
    for json_file, cold_file in pairs:
        with open(json_file) as f:
            entries = json.load(f)
        columns.append("JDK " + entries[0]["jdkVersion"])
        cold = cold_start_medians(open(cold_file).read()) if cold_file else {}
        checks = targets(Results(entries), cold) + paired_targets(paired_ratios(paired_file(json_file)))
        for target, verdict, measured in checks:
            rows.setdefault(target, []).append(f"{verdict}: {measured}")
    out = ["| target | " + " | ".join(columns) + " |", "| --- |" + " --- |" * len(columns)]
    for target, cells in rows.items():
        out.append(f"| {target} | " + " | ".join(cells + ["–"] * (len(columns) - len(cells))) + " |")
    return out


def first_present(res, cls, methods, alg=None):
    for m in methods:
        if res.get(cls, m, alg) is not None:
            return m
    return methods[-1]


def both(res, cls, a, b, alg=None, cls_b=None, alg_b=None, b_floors=None):
    """(ratio by CPU time, ratio by throughput) of method a over method b (or over the best of b_floors)."""
    cls_b = cls_b or cls
    if b_floors:
        b_ops, _ = best_floor(res, cls_b, b_floors, alg_b)
        b_cpu = least_cpu(res, cls_b, b_floors, alg_b)
    else:
        b_ops, b_cpu = res.score(cls_b, b, alg_b), res.cpu(cls_b, b, alg_b)
    return ratio(b_cpu, res.cpu(cls, a, alg)), ratio(res.score(cls, a, alg), b_ops)


def judged(pair, threshold):
    """Judged by CPU time when measured (steady under load elsewhere), else by throughput."""
    by_cpu, by_ops = pair
    r = by_cpu if by_cpu is not None else by_ops
    return None if r is None else r >= threshold, f"{fmt_ratio(by_cpu)} by CPU time, {fmt_ratio(by_ops)} by throughput"


def targets(res, cold):
    lines = []
    for alg in ("RS256", "RS512", "ES512"):
        ours = first_present(res, "SignOneThread", ("atomicTokenBuilder", "joseSigner"), alg)
        _, name = best_floor(res, "SignOneThread", FLOORS, alg)
        ok, text = judged(both(res, "SignOneThread", ours, None, alg, alg_b=alg, b_floors=FLOORS), 0.97)
        check(lines, ok, f"{alg} {ours} ≥ 0.97× the fastest raw provider: {text} (fastest = {name or '–'})")
        if alg == "ES512":
            for peer in ("nimbus", "jjwt", "auth0"):
                ok, text = judged(both(res, "SignOneThread", ours, peer, alg, alg_b=alg), 4.0)
                check(lines, ok, f"ES512 {ours} about 5× {peer}: {text}")
        r2 = ratio(res.score("SignTwoThreads", ours, alg), res.score("SignOneThread", ours, alg))
        check(lines, None if r2 is None else r2 >= 1.8, f"{alg} {ours} two threads ≥ 1.8× one thread: {fmt_ratio(r2)} by throughput")
    ours = first_present(res, "SignOneThread", ("payloadBuilder", "payloadJoseSigner"))
    _, name = best_floor(res, "SignOneThread", PAYLOAD_FLOORS, None)
    ok, text = judged(both(res, "SignOneThread", ours, None, b_floors=PAYLOAD_FLOORS), 0.97)
    check(lines, ok, f"signed payload {ours} ≥ 0.97× the fastest raw provider: {text} (fastest = {name or '–'})")
    r2 = ratio(res.score("SignTwoThreads", ours), res.score("SignOneThread", ours))
    check(lines, None if r2 is None else r2 >= 1.8, f"signed payload {ours} two threads ≥ 1.8× one thread: {fmt_ratio(r2)} by throughput")

    ours = first_present(res, "SignOneThread", ("atomicTokenBuilder", "joseSigner"), "RS256")
    a = res.alloc("SignOneThread", ours, "RS256")
    n = res.alloc("SignOneThread", "nimbus", "RS256")
    check(lines, None if a is None or n is None else a <= n,
          f"allocation per RS256 token ({ours}) ≤ nimbus direct: {fmt_bytes(a)} B vs {fmt_bytes(n)} B")
    for (cls, method, alg), e in sorted(res.by_key.items(), key=lambda kv: kv[0][:2]):
        if cls == "CacheBenchmarks" and e["mode"] == "avgt":
            ns = e["primaryMetric"]["score"] * {"ns/op": 1, "us/op": 1000}.get(e["primaryMetric"]["scoreUnit"], float("nan"))
            b = res.alloc(cls, method, alg)
            check(lines, ns < 1000, f"cache {method}: under 1 µs: {ns:,.1f} ns")
            check(lines, None if b is None else b < 1, f"cache {method}: allocation-free: {fmt_bytes(b)} B/op")

    for alg in ("RS256", "ES512"):
        ours = first_present(res, "VerifyBenchmarks", ("atomicPlatformVerifier", "jwsDecoder"), alg)
        if alg == "RS256":
            ok, text = judged(both(res, "VerifyBenchmarks", ours, "jcaJdk", alg, alg_b=alg), 0.9)
            check(lines, ok, f"RS256 {ours} ≥ 0.9× raw JCA verify: {text}")
        else:
            _, name = best_floor(res, "VerifyBenchmarks", FLOORS, alg)
            ok, text = judged(both(res, "VerifyBenchmarks", ours, None, alg, alg_b=alg, b_floors=FLOORS), 0.9)
            check(lines, ok, f"ES512 {ours} ≥ 0.9× the fastest raw verify: {text} (fastest = {name or '–'})")
    ours = first_present(res, "VerifyBenchmarks", ("payloadVerifier", "payloadJwsDecoder"))
    ok, text = judged(both(res, "VerifyBenchmarks", ours, "payloadJcaJdk"), 0.9)
    check(lines, ok, f"signed payload {ours} ≥ 0.9× raw JCA verify: {text}")

    if cold:
        for alg in ("RS256", "ES512"):
            nimbus = cold.get(("nimbus-jose-jwt", alg))
            jjwt = cold.get(("jjwt", alg))
            ours = cold.get(("jwt-signer AtomicTokenBuilder", alg))
            accp = cold.get(("jwt-signer AtomicTokenBuilder + ACCP on the class path", alg))
            if ours and nimbus:
                check(lines, ours <= 1.1 * nimbus,
                      f"{alg} cold start (AtomicTokenBuilder) within 1.1× nimbus: {ours:.0f} ms vs {nimbus:.0f} ms ({fmt_ratio(ours / nimbus)})")
            if accp and nimbus:
                check(lines, accp <= 1.1 * nimbus,
                      f"{alg} cold start with ACCP on the class path within 1.1× nimbus: {accp:.0f} ms vs {nimbus:.0f} ms ({fmt_ratio(accp / nimbus)})")
            if accp and ours:
                check(lines, accp <= 1.1 * ours,
                      f"{alg} cold start with ACCP on the class path within 1.1× without: {accp:.0f} ms vs {ours:.0f} ms ({fmt_ratio(accp / ours)})")
            if ours and jjwt:
                check(lines, ours < jjwt, f"{alg} cold start (AtomicTokenBuilder) ahead of jjwt: {ours:.0f} ms vs {jjwt:.0f} ms")
        # the CLI through its launcher, with its archive: an absolute target on this machine
        for (program, _), ms in sorted(cold.items()):
            if program.startswith("CLI ") and "CDS=off" not in program:
                check(lines, ms <= 250, f"{program} median ≤ 250 ms: {ms:g} ms")
    return lines


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--summary":
        files = sys.argv[2:]
        print("\n".join(summary([(files[i], files[i + 1] if i + 1 < len(files) else None)
                                 for i in range(0, len(files), 2)])))
        return 0
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("cold", nargs="?")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    with open(args.json) as f:
        res = Results(json.load(f))
    cold_text = open(args.cold).read() if args.cold else ""
    cold = cold_start_medians(cold_text)
    any_e = res.entries[0]
    out = [f"JDK {any_e['jdkVersion']} ({any_e['vmName']} {any_e['vmVersion']}); "
           f"JMH {any_e.get('jmhVersion', '?')}, {any_e['forks']} fork, {any_e['warmupIterations']}×{any_e['warmupTime']} warm-up, "
           f"{any_e['measurementIterations']}×{any_e['measurementTime']} measurement; ± is JMH's 99.9% error."]
    if args.note:
        out.append("")
        out.append(args.note)
    for alg, key in (("RS256", "RSA-2048"), ("RS512", "RSA-4096"), ("ES512", "P-521")):
        if res.get("SignOneThread", "jcaJdk", alg) is None:
            continue
        table, _ = mint_table(res, MINT_ROWS, FLOORS, alg,
                              "atomicTokenBuilder" if res.get("SignOneThread", "atomicTokenBuilder", alg) else "joseSigner")
        out += ["", f"Minting {alg} ({key}), tokens/s:", ""] + table
    if res.get("SignOneThread", "payloadJcaJdk") is not None:
        table, _ = mint_table(res, PAYLOAD_ROWS, PAYLOAD_FLOORS, None,
                              "payloadBuilder" if res.get("SignOneThread", "payloadBuilder") else "payloadJoseSigner")
        out += ["", "Signed payload RS256 (RSA-2048, create-user body, kid), payloads/s:", ""] + table
    for alg, key in (("RS256", "RSA-2048"), ("RS512", "RSA-4096"), ("ES512", "P-521")):
        if res.get("VerifyBenchmarks", "jcaJdk", alg) is None:
            continue
        out += ["", f"Verifying {alg} ({key}), one thread, tokens/s:", ""] + verify_table(res, VERIFY_ROWS, FLOORS, alg)
    if res.get("VerifyBenchmarks", "payloadJcaJdk") is not None:
        out += ["", "Verifying the signed payload (RS256), one thread, payloads/s:", ""]
        out += verify_table(res, PAYLOAD_VERIFY_ROWS, PAYLOAD_FLOORS, None)
    cache = [e for k, e in sorted(res.by_key.items(), key=lambda kv: kv[0][:2]) if k[0] == "CacheBenchmarks"]
    if cache:
        out += ["", "Token cache:", "", "| benchmark | time | CPU ns/token | B/op |", "| --- | ---: | ---: | ---: |"]
        for e in cache:
            method = e["benchmark"].rsplit(".", 1)[1]
            p = e["primaryMetric"]
            out.append(f"| {method} ({e['threads']} thread{'s' if e['threads'] > 1 else ''}) "
                       f"| {p['score']:,.1f} ± {number(p['scoreError']):,.1f} {p['scoreUnit']} "
                       f"| {fmt_cpu_ns(res.cpu('CacheBenchmarks', method))} "
                       f"| {fmt_bytes(res.alloc('CacheBenchmarks', method))} |")
    if cold_text:
        out += ["", "Cold start (a fresh JVM reads the PEM key, signs one token, exits; wall time):", ""]
        out += [line for line in cold_text.splitlines() if line.startswith("|")]
    out += ["", "Targets:", ""] + target_lines(targets(res, cold) + paired_targets(paired_ratios(paired_file(args.json))))
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
