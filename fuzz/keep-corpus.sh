#!/usr/bin/env bash
# Keeps a fuzz target's corpus in the repository: the last campaign's corpus (<module>/.cifuzz-corpus, inputs
# libFuzzer kept because each added coverage when it was found) replaces the target's corpus-<sha1> files beside
# its seeds: all of them, or MAX (default 500) spread evenly over their sizes, at most 1 MB, leaving out what a
# seed or crash file holds already.
# (libFuzzer's -merge=1 would minimize further, but it re-runs the fuzzer as a subprocess, which a JUnit fuzz
# test cannot be.) See CONTRIBUTING.md, "Fuzz testing".
# usage: fuzz/keep-corpus.sh MODULE FULLY.QUALIFIED.XxxFuzzTest [MAX]   (MAX: fewer for slow targets, so the
# default build's replay stays within seconds; see CONTRIBUTING.md for each target's)
set -euo pipefail
cd "$(dirname "$0")/.."
module=$1
class=$2
max=${3:-500}
inputs=$module/src/test/resources/$(tr . / <<< "${class%.*}")/${class##*.}Inputs/fuzz
corpus=$module/.cifuzz-corpus/$class/fuzz
[[ -d $inputs && -d $corpus ]] || { echo "no $inputs or no $corpus (run a campaign first)" >&2; exit 2; }
rm -f "$inputs"/corpus-*
known=$(sha1sum "$inputs"/* | cut -c1-40)
mapfile -t all < <(find "$corpus" -type f -printf '%s %f\n' | sort -n | grep -vFf <(sed 's/^/ /;s/$//' <<< "$known") || true)
kept=0
bytes=0
for ((i = 0; i < ${#all[@]} && kept < max; i++)); do
  (( ${#all[@]} <= max || i * max / ${#all[@]} == kept )) || continue   # evenly across sizes when there are more
  read -r size name <<< "${all[i]}"
  (( bytes + size <= 1048576 )) || break
  cp "$corpus/$name" "$inputs/corpus-$name"
  kept=$((kept + 1))
  bytes=$((bytes + size))
done
echo "$class: kept $kept of $(find "$corpus" -type f | wc -l) corpus files ($bytes bytes) in $inputs"
