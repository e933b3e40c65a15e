#!/usr/bin/env bash
# Cold start: a fresh JVM that reads a PEM private key, signs one token and prints it, timed as a whole
# process. Each program runs RUNS times (default 10) after one untimed run; prints the median wall time.
# Each program has only its own library's jars on the class path. Also counts the Bouncy Castle classes
# each run loads (-verbose:class), to show that the RSA path does not load Bouncy Castle's provider.
#
# Needs: ./mvnw -q -Pbench -pl benchmarks -am package -Dquick -DskipTests   (target/classes, target/lib)
# Usage: benchmarks/cold-start.sh [ALG ...]          (default: RS256 ES512)
#        JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java RUNS=10 benchmarks/cold-start.sh RS256
set -euo pipefail
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
  "jwt-signer (KeySource + JoseSigner)|JoseSignerStart|jwt-signer-core nimbus-jose-jwt bcprov-jdk18on bcpkix-jdk18on bcutil-jdk18on jackson-core"
)

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

jws='^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
echo "# $("$java_bin" -version 2>&1 | head -n 1), $(nproc) cores, $runs runs each"
printf '| %-36s | %-5s | %10s | %8s | %8s | %10s | %s |\n' program alg "median ms" "min ms" "max ms" "BC classes" "BC provider loaded"
printf '| %-36s | %-5s | %10s | %8s | %8s | %10s | %s |\n' --- --- ---: ---: ---: ---: ---
for alg in "${algs[@]}"; do
  key="$(key_for "$alg")"
  for entry in "${programs[@]}"; do
    IFS='|' read -r name main jars <<<"$entry"
    cp="$(classpath_for "$jars")"
    cmd=("$java_bin" -cp "$cp" "dev.jwtsigner.bench.coldstart.$main" "$alg" "$key")
    token="$("${cmd[@]}")"   # untimed: fills the page cache, and checks the program works
    if ! [[ "$token" =~ $jws ]]; then
      echo "$name did not print a compact JWS for $alg" >&2
      exit 1
    fi
    times=()
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "${cmd[@]}" >/dev/null
      end=$(date +%s%N)
      times+=($(((end - start) / 1000000)))
    done
    loaded="$("$java_bin" -verbose:class -cp "$cp" "dev.jwtsigner.bench.coldstart.$main" "$alg" "$key")"
    bc=$(grep -c 'org\.bouncycastle\.' <<<"$loaded" || true)
    provider=$(grep -q 'org\.bouncycastle\.jce\.provider\.BouncyCastleProvider ' <<<"$loaded" && echo yes || echo no)
    printf '| %-36s | %-5s | %10s | %8s | %8s | %10s | %s |\n' "$name" "$alg" \
      "$(printf '%s\n' "${times[@]}" | median)" \
      "$(printf '%s\n' "${times[@]}" | sort -n | head -n 1)" \
      "$(printf '%s\n' "${times[@]}" | sort -n | tail -n 1)" \
      "$bc" "$provider"
  done
done
