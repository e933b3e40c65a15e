#!/usr/bin/env bash
# Every benchmark of the README's results table on one JDK (the one JAVA_HOME names, else `java`):
# builds target/benchmarks.jar, runs the JMH benchmarks with -prof gc, then cold-start.sh, then Paired (the
# builders and verifiers measured in alternating batches with their floors: the JDK's, Bouncy Castle's and the
# Amazon Corretto Crypto Provider's, and an `openssl speed` row per signing case when openssl is installed),
# and writes results/jdk<N>.json,
# results/jdk<N>-cold-start.md, results/jdk<N>-paired.md and results/jdk<N>.md (the tables, by results.py,
# and the paired table). About 20 minutes on 2 cores. Override the JMH settings with JMH_OPTS, the
# selection with BENCHMARKS and EXCLUDE (regular expressions, as JMH's own arguments and -e), and Paired's
# time per case with PAIRED_SECONDS (20).
#
#   benchmarks/run.sh
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
jmh_opts="${JMH_OPTS:--f 1 -wi 1 -w 3s -i 3 -r 2s}"
benchmarks="${BENCHMARKS:-SignOneThread|SignTwoThreads|VerifyBenchmarks|CacheBenchmarks}"
# left out by default to fit the time: Bouncy Castle's RSA floor for the payload (the RS256 rows show it),
# and the internal signer on two threads (the builders show two-thread scaling)
exclude="${EXCLUDE:-payloadJcaBouncyCastle|SignTwoThreads\.(joseSigner|payloadJoseSigner)\b}"
feature="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
out="$here/results"
mkdir -p "$out"

(cd "$root" && ./mvnw -q -B -Pbench -pl benchmarks -am package -Dquick -DskipTests)
load_before="$(cut -d ' ' -f 1-3 /proc/loadavg)"
command -v openssl >/dev/null 2>&1 && openssl version | tee "$out/openssl-version.txt"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
"$java_bin" -jar "$here/target/benchmarks.jar" "$benchmarks" -e "$exclude" $jmh_opts -prof gc -prof dev.jwtsigner.bench.CpuTimeProfiler \
  -rf json -rff "$out/jdk$feature.json" | tee "$out/jdk$feature.log"
JAVA="$java_bin" "$here/cold-start.sh" RS256 ES512 | tee "$out/jdk$feature-cold-start.md"
"$java_bin" -cp "$here/target/benchmarks.jar" dev.jwtsigner.bench.Paired all "${PAIRED_SECONDS:-20}" | tee "$out/jdk$feature-paired.md"
load_after="$(cut -d ' ' -f 1-3 /proc/loadavg)"
{
  python3 "$here/results.py" "$out/jdk$feature.json" "$out/jdk$feature-cold-start.md" \
    --note "Run $(date -u +%Y-%m-%d) on $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)); load average before/after: $load_before / $load_after."
  printf '\n#### Paired: CPU time in alternating batches (dev.jwtsigner.bench.Paired)\n\n'
  cat "$out/jdk$feature-paired.md"
} > "$out/jdk$feature.md"
cat "$out/jdk$feature.md"
