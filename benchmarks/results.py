#!/usr/bin/env python3
"""Turns one JDK's JMH JSON (-rf json, run with -prof gc) and cold-start.sh's table into the README's
results section: ops/s, ratios to each floor and peer (same run, same key), allocation per token, the
cache's hit path, cold start, and each target of the performance issue checked against the numbers.

usage: results.py RESULTS.json [COLD_START.md] [--note TEXT]
"""
import argparse
import json
import re
import sys

PKG = "dev.jwtsigner.bench."

# benchmark method -> label, in table order; absent ones are left out of the tables
MINT_ROWS = [
    ("jcaJdk", "floor: raw JCA, JDK provider"),
    ("jcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
    ("atomicTokenBuilder", "**AtomicTokenBuilder**"),
    ("joseSigner", "JoseSigner (core of the builders)"),
    ("nimbus", "nimbus-jose-jwt direct"),
    ("jjwt", "jjwt 0.13.0"),
    ("auth0", "auth0 java-jwt 4.5.0"),
]
PAYLOAD_ROWS = [
    ("payloadJcaJdk", "floor: raw JCA, JDK provider"),
    ("payloadJcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
    ("payloadBuilder", "**SignedPayloadBuilder**"),
    ("payloadJoseSigner", "JoseSigner (core of the builders)"),
    ("payloadNimbus", "nimbus-jose-jwt direct"),
]
VERIFY_ROWS = [
    ("jcaJdk", "floor: raw JCA, JDK provider"),
    ("jcaBouncyCastle", "floor: raw JCA, Bouncy Castle"),
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
FLOORS = ("jcaJdk", "jcaBouncyCastle")
PAYLOAD_FLOORS = ("payloadJcaJdk", "payloadJcaBouncyCastle")


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
        e = self.get(cls, method, alg)
        if e is None:
            return None
        m = e.get("secondaryMetrics", {}).get("gc.alloc.rate.norm")
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
    floor1, floor1_name = best_floor(res, "SignOneThread", floors, alg)
    floor2, _ = best_floor(res, "SignTwoThreads", floors, alg)
    ours1 = res.score("SignOneThread", ours, alg)
    out.append(f"| contender | 1 thread ops/s | 2 threads ops/s | 2 threads ÷ 1 | ÷ fastest floor, 1 / 2 threads "
               f"| {ours_label(rows, ours)} ÷ this, 1 thread | B/token |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for method, label in rows:
        e1 = res.get("SignOneThread", method, alg)
        e2 = res.get("SignTwoThreads", method, alg)
        if e1 is None and e2 is None:
            continue
        s1 = None if e1 is None else e1["primaryMetric"]["score"]
        s2 = None if e2 is None else e2["primaryMetric"]["score"]
        out.append(f"| {label} | {fmt_ops(e1)} | {fmt_ops(e2)} | {fmt_ratio(ratio(s2, s1))} "
                   f"| {fmt_ratio(ratio(s1, floor1))} / {fmt_ratio(ratio(s2, floor2))} "
                   f"| {fmt_ratio(ratio(ours1, s1)) if method != ours else ''} "
                   f"| {fmt_bytes(res.alloc('SignOneThread', method, alg))} |")
    return out, floor1_name


def ours_label(rows, ours):
    return dict(rows)[ours].strip("*").split(" (")[0]


def verify_table(res, rows, floors, alg):
    out = []
    jdk = res.score("VerifyBenchmarks", floors[0], alg)
    fastest, _ = best_floor(res, "VerifyBenchmarks", floors, alg)
    out.append("| verifier | ops/s | ÷ JDK floor | ÷ fastest floor | B/token |")
    out.append("| --- | ---: | ---: | ---: | ---: |")
    for method, label in rows:
        e = res.get("VerifyBenchmarks", method, alg)
        if e is None:
            continue
        s = e["primaryMetric"]["score"]
        out.append(f"| {label} | {fmt_ops(e)} | {fmt_ratio(ratio(s, jdk))} | {fmt_ratio(ratio(s, fastest))} "
                   f"| {fmt_bytes(res.alloc('VerifyBenchmarks', method, alg))} |")
    return out


def cold_start_medians(text):
    """{(program, alg): median ms} from cold-start.sh's table."""
    medians = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"RS256|RS512|ES512", cells[1] or ""):
            try:
                medians[(cells[0], cells[1])] = float(cells[2])
            except ValueError:
                pass
    return medians


def check(lines, ok, text):
    if ok is None:
        lines.append(f"- not measured: {text}")
    else:
        lines.append(f"- {'met' if ok else '**missed**'}: {text}")


def targets(res, cold):
    lines = []
    for alg in ("RS256", "RS512", "ES512"):
        for ours in ("atomicTokenBuilder", "joseSigner"):
            s = res.score("SignOneThread", ours, alg)
            if s is not None:
                break
        floor, name = best_floor(res, "SignOneThread", FLOORS, alg)
        r = ratio(s, floor)
        check(lines, None if r is None else r >= 0.97,
              f"{alg} {ours} ≥ 0.97× the fastest raw provider ({name or '–'}): {fmt_ratio(r)}")
        peers = [(res.score("SignOneThread", p, alg), p) for p in ("nimbus", "jjwt", "auth0")]
        peers = [(ratio(s, v), p) for v, p in peers if v is not None]
        if alg == "ES512" and peers:
            worst = min(peers)
            check(lines, worst[0] >= 4.0, f"ES512 {ours} about 5× every peer: lowest {fmt_ratio(worst[0])} (vs {worst[1]})")
        s2 = res.score("SignTwoThreads", ours, alg)
        r2 = ratio(s2, s)
        check(lines, None if r2 is None else r2 >= 1.8, f"{alg} {ours} two threads ≥ 1.8× one thread: {fmt_ratio(r2)}")
    for ours in ("payloadBuilder", "payloadJoseSigner"):
        s = res.score("SignOneThread", ours)
        if s is not None:
            break
    floor, name = best_floor(res, "SignOneThread", PAYLOAD_FLOORS, None)
    r = ratio(s, floor)
    check(lines, None if r is None else r >= 0.97, f"signed payload {ours} ≥ 0.97× the fastest raw provider ({name or '–'}): {fmt_ratio(r)}")
    r2 = ratio(res.score("SignTwoThreads", ours), s)
    check(lines, None if r2 is None else r2 >= 1.8, f"signed payload {ours} two threads ≥ 1.8× one thread: {fmt_ratio(r2)}")

    for ours in ("atomicTokenBuilder", "joseSigner"):
        a = res.alloc("SignOneThread", ours, "RS256")
        if a is not None:
            break
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
        for ours in ("atomicPlatformVerifier", "jwsDecoder"):
            v = res.score("VerifyBenchmarks", ours, alg)
            if v is not None:
                break
        jdk = res.score("VerifyBenchmarks", "jcaJdk", alg)
        fastest, name = best_floor(res, "VerifyBenchmarks", FLOORS, alg)
        if alg == "RS256":
            r = ratio(v, jdk)
            check(lines, None if r is None else r >= 0.9, f"RS256 {ours} ≥ 0.9× raw JCA verify: {fmt_ratio(r)}")
        else:
            r = ratio(v, fastest)
            check(lines, None if r is None else r >= 0.9,
                  f"ES512 {ours} on the fast provider (≥ 0.9× {name or '–'}): {fmt_ratio(r)}")
    for ours in ("payloadVerifier", "payloadJwsDecoder"):
        v = res.score("VerifyBenchmarks", ours)
        if v is not None:
            break
    r = ratio(v, res.score("VerifyBenchmarks", "payloadJcaJdk"))
    check(lines, None if r is None else r >= 0.9, f"signed payload {ours} ≥ 0.9× raw JCA verify: {fmt_ratio(r)}")

    if cold:
        for alg in ("RS256", "ES512"):
            ours = [v for (p, a), v in cold.items() if a == alg and p.startswith("jwt-signer") and "diagnostic" not in p]
            nimbus = cold.get(("nimbus-jose-jwt", alg))
            jjwt = cold.get(("jjwt", alg))
            if ours and nimbus:
                worst = max(ours)
                check(lines, worst <= 1.2 * nimbus,
                      f"{alg} cold start within 1.2× nimbus direct: {worst:.0f} ms vs {nimbus:.0f} ms ({fmt_ratio(worst / nimbus)})")
            if ours and jjwt:
                worst = max(ours)
                check(lines, worst < jjwt, f"{alg} cold start ahead of jjwt: {worst:.0f} ms vs {jjwt:.0f} ms")
    return lines


def main():
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
        out += ["", "Token cache:", "", "| benchmark | score | B/op |", "| --- | ---: | ---: |"]
        for e in cache:
            method = e["benchmark"].rsplit(".", 1)[1]
            p = e["primaryMetric"]
            out.append(f"| {method} ({e['threads']} thread{'s' if e['threads'] > 1 else ''}) "
                       f"| {p['score']:,.1f} ± {number(p['scoreError']):,.1f} {p['scoreUnit']} "
                       f"| {fmt_bytes(res.alloc('CacheBenchmarks', method))} |")
    if cold_text:
        out += ["", "Cold start (a fresh JVM reads the PEM key, signs one token, exits; wall time):", ""]
        out += [line for line in cold_text.splitlines() if line.startswith("|")]
    out += ["", "Targets:", ""] + targets(res, cold)
    print("\n".join(out))


if __name__ == "__main__":
    sys.exit(main())
