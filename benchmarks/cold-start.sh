#!/usr/bin/env bash
# Cold start: a fresh JVM that reads a PEM private key, signs one token and prints it, timed as a whole
# process. Each program runs RUNS times (default 10) after one untimed run; prints the median wall time
# and the median CPU time (user + sys).
# Each program has only its own library's jars on the class path. Also counts the Bouncy Castle classes
# each run loads (-verbose:class), to show that the RSA path does not load Bouncy Castle's provider.
#
# Needs: ./mvnw -q -Pbench -pl benchmarks -am package -Dquick -DskipTests   (target/classes, target/lib)
# Then the command-line tool as a user runs it (bin/jwt-signer: inspect a token, sign an Atomic token), with
# its class-data archive (the launcher's default) and without (JWT_SIGNER_CDS=off), when jwt-signer-cli is
# built (./mvnw -q -Dquick -DskipTests -pl jwt-signer-cli -am package).
#
# Usage: benchmarks/cold-start.sh [ALG ...]          (default: RS256 ES512)
#        JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java RUNS=10 benchmarks/cold-start.sh RS256
set -euo pipefail
TIMEFORMAT='%R %U %S'   # bash's time: wall, user and sys seconds
here="$(cd "$(dirname "$0")" && pwd)"
java_bin="${JAVA:-java}"
runs="${RUNS:-10}"
classes="$here/target/classes"
lib="$here/target/lib"
keys="$here/src/main/resources/keys"
algs=("$@")
[ ${#algs[@]} -gt 0 ] || algs=(RS256 ES512)

if [ ! -d "$classes/dev/jwtsigner/bench/coldstart" ] || [ ! -f "$lib/jwt-signer-core.jar" ]; then
  echo "build first: ./mvnw -q -Pbench -pl benchmarks -am package -Dquick -DskipTests" >&2
  exit 2
fi

# name | main class | jars (from target/lib, without .jar)
programs=(
  "raw JCA|RawJcaStart|"
  "nimbus-jose-jwt|NimbusStart|nimbus-jose-jwt"
  "jjwt|JjwtStart|jjwt-api jjwt-impl jjwt-jackson jackson-databind jackson-core jackson-annotations"
  "auth0 java-jwt|Auth0Start|java-jwt jackson-databind jackson-core jackson-annotations"
  "jwt-signer AtomicTokenBuilder|AtomicBuilderStart|jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core"
  "jwt-signer KeySource + JoseSigner|JoseSignerStart|jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core"
  # the same with the Amazon Corretto Crypto Provider on the class path (it loads in the background)
  "jwt-signer AtomicTokenBuilder + ACCP on the class path|AtomicBuilderStart|jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core AmazonCorrettoCryptoProvider-linux-x86_64"
  # the core's own dependencies only: no Bouncy Castle (it is optional for PKCS#8 keys) and no ACCP
  "jwt-signer AtomicTokenBuilder, no Bouncy Castle on the class path|AtomicBuilderStart|jwt-signer-core nimbus-jose-jwt jackson-core"
  # diagnostic: Bouncy Castle's provider made before the first token (what the ES512 background load saves)
  "AtomicTokenBuilder, BC provider up front (diagnostic)|ProviderFirstStart|jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core"
)
# Diagnostic: the same with Bouncy Castle's jar signatures removed, which shows what the JDK's check of
# the signed bcprov/bcpkix/bcutil jars costs at start-up (as in a shaded jar, where signatures are dropped).
if command -v zip >/dev/null 2>&1; then
  mkdir -p "$here/target/lib-unsigned"
  for jar in bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on; do
    if [ "$lib/$jar.jar" -nt "$here/target/lib-unsigned/$jar.jar" ]; then
      cp "$lib/$jar.jar" "$here/target/lib-unsigned/$jar.jar"
      zip -q -d "$here/target/lib-unsigned/$jar.jar" 'META-INF/*.SF' 'META-INF/*.RSA' 'META-INF/*.DSA' 'META-INF/*.EC'
    fi
  done
  programs+=("AtomicTokenBuilder, BC jars unsigned (diagnostic)|AtomicBuilderStart|jwt-signer-core nimbus-jose-jwt ../lib-unsigned/bcprov-jdk18on ../lib-unsigned/bcpkix-jdk18on ../lib-unsigned/bcutil-jdk18on jackson-core")
fi

key_for() {
  case "$1" in
    RS256) echo "$keys/rsa2048.pem" ;;
    RS512) echo "$keys/rsa4096.pem" ;;
    ES512) echo "$keys/p521.pem" ;;
    *) echo "unknown algorithm $1" >&2; exit 2 ;;
  esac
}

classpath_for() {
  local cp="$classes" jar
  for jar in $1; do cp="$cp:$lib/$jar.jar"; done
  echo "$cp"
}

# median of the numbers on stdin (mean of the middle two for an even count)
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed P CMD...: runs CMD once, appends its wall and CPU milliseconds to times[P] and cpus[P]
timed() {
  local p=$1 t real user sys
  shift
  t="$( { time "$@" >/dev/null; } 2>&1 )"
  read -r real user sys <<<"$t"
  times[p]+="$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }') "
  cpus[p]+="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }') "
}

jws='^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
row() { printf '| %-52s | %-5s | %10s | %8s | %8s | %10s | %10s | %s |\n' "$@"; }
echo "# $("$java_bin" -version 2>&1 | head -n 1), $(nproc) cores, $runs runs each, interleaved"
row program alg "median ms" "min ms" "max ms" "CPU ms" "BC classes" "BC provider loaded"
row --- --- ---: ---: ---: ---: ---: ---
for alg in "${algs[@]}"; do
  key="$(key_for "$alg")"
  n=${#programs[@]}
  names=() mains=() cps=() times=() cpus=()
  for ((p = 0; p < n; p++)); do
    IFS='|' read -r name main jars <<<"${programs[$p]}"
    names[p]="$name" mains[p]="dev.jwtsigner.bench.coldstart.$main" cps[p]="$(classpath_for "$jars")" times[p]="" cpus[p]=""
    token="$("$java_bin" -cp "${cps[p]}" "${mains[p]}" "$alg" "$key")"   # untimed: page cache, and a check
    if ! [[ "$token" =~ $jws ]]; then
      echo "$name did not print a compact JWS for $alg" >&2
      exit 1
    fi
  done
  # rounds of one run per program, so that load from elsewhere on the machine falls on all of them alike;
  # wall time, and CPU time (user + sys, all the JVM's threads), which load elsewhere disturbs far less
  for ((r = 0; r < runs; r++)); do
    for ((p = 0; p < n; p++)); do
      timed "$p" "$java_bin" -cp "${cps[p]}" "${mains[p]}" "$alg" "$key"
    done
  done
  for ((p = 0; p < n; p++)); do
    loaded="$("$java_bin" -verbose:class -cp "${cps[p]}" "${mains[p]}" "$alg" "$key")"
    bc=$(grep -c 'org\.bouncycastle\.' <<<"$loaded" || true)
    provider=$(grep -q 'org\.bouncycastle\.jce\.provider\.BouncyCastleProvider ' <<<"$loaded" && echo yes || echo no)
    sorted="$(tr ' ' '\n' <<<"${times[p]}" | grep . | sort -n)"
    cpu="$(tr ' ' '\n' <<<"${cpus[p]}" | grep . | median)"
    row "${names[p]}" "$alg" "$(median <<<"$sorted")" "$(head -n 1 <<<"$sorted")" "$(tail -n 1 <<<"$sorted")" "$cpu" "$bc" "$provider"
  done
done

# A server's start: a fresh JVM signing back to back, or one token every 200 ms; when the fastest engine
# present takes over, in ms after the first token (SwitchTime), with ACCP on the class path and without it.
echo
row "switch to the fastest engine" alg "pause ms" "after ms" tokens - - "engine"
row --- --- ---: ---: ---: --- --- ---
for alg in "${algs[@]}"; do
  key="$(key_for "$alg")"
  for jars in "jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core AmazonCorrettoCryptoProvider-linux-x86_64" \
      "jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core"; do
    for pause in 0 200; do
      read -r after tokens engine <<<"$("$java_bin" -cp "$(classpath_for "$jars")" dev.jwtsigner.bench.coldstart.SwitchTime "$alg" "$key" "$pause")"
      row "$( [[ "$jars" == *Corretto* ]] && echo "with ACCP on the class path" || echo "without ACCP")" "$alg" "$pause" "$after" "$tokens" - - "$engine"
    done
  done
done
echo

# The CLI, through its launcher, timed the same way. Its archive lives in a cache folder of this run's own,
# trained in the background after the first run (which makes the token); the rows wait for it.
cli="$here/../jwt-signer-cli/bin/jwt-signer"
if [ ! -f "$here/../jwt-signer-cli/target/jwt-signer.jar" ]; then
  echo "(CLI rows skipped: build jwt-signer-cli first)"
  exit 0
fi
java_home="$(cd "$(dirname "$(command -v "$java_bin")")/.." && pwd -P)"
cache="$(mktemp -d)"
trap 'rm -rf "$cache"' EXIT
token="$(JAVA_HOME="$java_home" XDG_CACHE_HOME="$cache" "$cli" sign atomic --key="$keys/rsa2048.pem" --sub=u1 --iss=bench)"
for ((w = 0; w < 600; w++)); do   # up to a minute for the launcher's background training
  ls "$cache"/jwt-signer/*.lock >/dev/null 2>&1 || break
  sleep 0.1
done
archive="$(ls "$cache"/jwt-signer/ 2>/dev/null | tr '\n' ' ')"
echo "(CLI archive: ${archive:-none})"
commands=(
  "CLI inspect TOKEN|on|inspect $token"
  "CLI inspect TOKEN, JWT_SIGNER_CDS=off|off|inspect $token"
  "CLI sign atomic --key rsa2048.pem|on|sign atomic --key=$keys/rsa2048.pem --sub=u1 --iss=bench"
  "CLI sign atomic --key rsa2048.pem, JWT_SIGNER_CDS=off|off|sign atomic --key=$keys/rsa2048.pem --sub=u1 --iss=bench"
  "CLI sign atomic --key p521.pem|on|sign atomic --key=$keys/p521.pem --sub=u1 --iss=bench"
  "CLI sign atomic --key p521.pem, JWT_SIGNER_CDS=off|off|sign atomic --key=$keys/p521.pem --sub=u1 --iss=bench"
)
n=${#commands[@]}
names=() times=() cpus=()
for ((p = 0; p < n; p++)); do
  IFS='|' read -r name cds args <<<"${commands[$p]}"
  names[p]="$name" times[p]="" cpus[p]=""
  # shellcheck disable=SC2086 # args split into words
  JAVA_HOME="$java_home" XDG_CACHE_HOME="$cache" JWT_SIGNER_CDS="$cds" "$cli" $args >/dev/null   # untimed: page cache
done
row "command (bin/jwt-signer)" - "median ms" "min ms" "max ms" "CPU ms" - -
row --- --- ---: ---: ---: ---: --- ---
for ((r = 0; r < runs; r++)); do
  for ((p = 0; p < n; p++)); do
    IFS='|' read -r name cds args <<<"${commands[$p]}"
    # shellcheck disable=SC2086 # args split into words
    timed "$p" env JAVA_HOME="$java_home" XDG_CACHE_HOME="$cache" JWT_SIGNER_CDS="$cds" "$cli" $args
  done
done
for ((p = 0; p < n; p++)); do
  sorted="$(tr ' ' '\n' <<<"${times[p]}" | grep . | sort -n)"
  cpu="$(tr ' ' '\n' <<<"${cpus[p]}" | grep . | median)"
  row "${names[p]}" "-" "$(median <<<"$sorted")" "$(head -n 1 <<<"$sorted")" "$(tail -n 1 <<<"$sorted")" "$cpu" "-" "-"
done
