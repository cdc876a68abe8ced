#!/usr/bin/env bash
# Runs kb's libFuzzer targets (Fuzz/Targets) for a fixed time each, from the seed corpora in
# Fuzz/Corpus plus the shipped entries, and stops at the first crash.
#
#   scripts/fuzz.sh                  every target for 600 s (the release bar: no crash)
#   scripts/fuzz.sh 20               every target for 20 s (what `make test` runs in CI)
#   scripts/fuzz.sh 300 FuzzSearch   one target
#
# A crash leaves its input in Fuzz/Crashes/; replay it with .build-fuzz/release/<target> <file>,
# then add the input to a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzFrontMatter FuzzMarkdownGraph FuzzSearch FuzzIndexReader FuzzBrowserParity)

# Sanitized objects go to their own scratch folder, never into kb's .build.
build=(swift build -c release --scratch-path .build-fuzz
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address)
for target in "${targets[@]}"; do
    KB_FUZZ=1 "${build[@]}" --product "$target"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p Fuzz/Crashes

# The shipped entries are the best seeds for the content targets; names get the provider so
# that equal slugs of different providers do not overwrite each other.
entries="$work/entries"
mkdir -p "$entries"
for file in Content/*/*.md; do
    provider="$(basename "$(dirname "$file")")"
    cp "$file" "$entries/$provider-$(basename "$file")"
done

status=0
summary=""
for target in "${targets[@]}"; do
    seeds=(Fuzz/Corpus/"$target")
    case "$target" in FuzzFrontMatter|FuzzMarkdownGraph) seeds+=("$entries") ;; esac
    mkdir -p "$work/$target"
    log="$work/$target.log"
    echo "== $target: $seconds s"
    # Swift's runtime allocates caches it never frees, which LeakSanitizer would check after
    # every input (and report); the backtracer would wrap every report in its own.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 .build-fuzz/release/"$target" \
        -max_total_time="$seconds" -detect_leaks=0 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=Fuzz/Crashes/"$target"- "$work/$target" "${seeds[@]}" >"$log" 2>&1; then
        runs="$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 \2/p' "$log")"
        read -r count took <<<"${runs:-0 1}"
        line="$target: $count runs in $took s ($((count / (took > 0 ? took : 1))) execs/s), no crash"
    else
        status=1
        grep -E "fuzz property broken|ERROR: |Fatal error|Test unit written" "$log" | head -5 || true
        line="$target: CRASH (input in Fuzz/Crashes/; full log above)"
        tail -40 "$log"
    fi
    echo "$line"
    summary+="$line"$'\n'
done
printf '\n%s' "$summary"
exit $status
