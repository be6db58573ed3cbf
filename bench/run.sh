#!/usr/bin/env bash
# make bench: times ecograph on synthetic catalogs of 200 … 200,000 entries, phase by phase,
# against the `cat` floor of the input and, when its libraries are installed, the Python peer.
#
# Catalogs come from the project's generator (ecograph-gen) and from the peer's
# (../shared/bench/gen_catalog.py, when python3 is there); the peer comparison uses the
# peer's catalogs, so both sides read the same bytes.
#
# Environment:
#   BENCH_SIZES     entry counts                 (default "200 2000 20000 200000")
#   BENCH_SEED      generator seed               (default 1)
#   BENCH_PEER_MAX  largest size the peer runs   (default 20000; its 200k run takes ~4 min)
#   BENCH_SVG_MAX   largest size drawn as SVG    (default 2000)
#   BENCH_SVG_TIMEOUT  seconds before an SVG layout is given up (default 60)
#   BENCH_OUT       work folder                  (default bench-out/, git-ignored)
#   BENCH_NO_BUILD  set to skip `swift build`
#   BENCH_REPEAT    export runs per catalog; the median run is shown (default 3)
# Times are wall-clock seconds on a shared machine: compare ratios, not absolutes.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=${BENCH_SIZES:-"200 2000 20000 200000"}
SEED=${BENCH_SEED:-1}
PEER_MAX=${BENCH_PEER_MAX:-20000}
SVG_MAX=${BENCH_SVG_MAX:-2000}
SVG_TIMEOUT=${BENCH_SVG_TIMEOUT:-60}
OUT=${BENCH_OUT:-$ROOT/bench-out}
SHARED=${SHARED:-$ROOT/../shared}
PEER_DIR=$SHARED/bench
REPEAT=${BENCH_REPEAT:-3}
WANTED=json,dot,csv,jsonld,graphml

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    echo "== swift build -c release" >&2
    swift build -c release --product ecograph >&2
    swift build -c release --product ecograph-gen >&2
fi
BIN=$ROOT/.build/release/ecograph
GEN=$ROOT/.build/release/ecograph-gen

# GNU time gives peak RSS; install it when we may, else measure wall time only.
TIME_BIN=""
if [ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    TIME_BIN=/usr/bin/time
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing GNU time" >&2
    (apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; }) || true
    [ -x /usr/bin/time ] && TIME_BIN=/usr/bin/time
fi
[ -n "$TIME_BIN" ] || echo "note: GNU time not available: no peak RSS" >&2

# measure OUTFILE CMD…: runs CMD, writes "wall_seconds peak_rss_kb cpu_seconds" to OUTFILE;
# returns CMD's exit status.
measure() {
    local out=$1 status=0
    shift
    if [ -n "$TIME_BIN" ]; then
        "$TIME_BIN" -f "%e %M %U %S" -o "$out" "$@" >/dev/null 2>>"$OUT/stderr.log" || status=$?
        # GNU time puts "Command exited with non-zero status N" before the numbers.
        tail -n 1 "$out" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >"$out.tmp" && mv "$out.tmp" "$out"
    else
        local t0 t1
        t0=$(date +%s%N); "$@" >/dev/null 2>>"$OUT/stderr.log" || status=$?; t1=$(date +%s%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f - -\n", (b - a) / 1e9 }' >"$out"
    fi
    return "$status"
}

# The `cat` floor: the second of two runs, so the file is in the page cache for both sides.
cat_floor() {
    local t0 t1
    cat "$1" >/dev/null
    t0=$(date +%s%N); cat "$1" >/dev/null; t1=$(date +%s%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f\n", (b - a) / 1e9 }'
}

# json_field JSON OBJECT KEY: a number from bench-phases' one-line report.
json_field() {
    local obj
    obj=$(printf '%s' "$1" | sed -n "s/.*\"$2\": {\([^}]*\)}.*/\1/p")
    printf '%s' "$obj" | tr ',' '\n' | sed -n "s/^ *\"$3\": *\([0-9.]*\).*/\1/p"
}
json_top() { printf '%s' "$1" | sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p"; }

# Which of the wanted formats this build has, and whether it draws SVG.
probe_catalog=$OUT/probe.md
"$GEN" --entries 20 --seed 1 -o "$probe_catalog"
probe=$("$BIN" bench-phases -c "$probe_catalog" --formats "$WANTED,svg")
FORMATS=$(printf '%s' "$probe" | sed -n 's/.*"output_bytes": {\([^}]*\)}.*/\1/p' | tr ',' '\n' |
          sed -n 's/^ *"\([a-z0-9-]*\)":.*/\1/p' | grep -vx svg | paste -sd, -)
HAS_SVG=no
printf '%s' "$probe" | grep -q '"svg":' && HAS_SVG=yes
missing=$(printf '%s' "$probe" | sed -n 's/.*"skipped": \[\([^]]*\)\].*/\1/p' | tr -d '"' | sed 's/, */,/g')
echo "== formats timed: $FORMATS${missing:+ (not in this build: $missing)}; svg: $HAS_SVG" >&2

HAS_PEER=no
if command -v python3 >/dev/null && [ -f "$PEER_DIR/peer_pipeline.py" ]; then
    if python3 -c 'import networkx, markdown_it, pydot, rdflib' 2>/dev/null; then HAS_PEER=yes
    else echo "note: the peer needs 'pip install markdown-it-py pydot rdflib networkx': skipped" >&2; fi
fi
HAS_PEER_GEN=no
command -v python3 >/dev/null && [ -f "$PEER_DIR/gen_catalog.py" ] && HAS_PEER_GEN=yes

# catalog GENERATOR SIZE → path (generated once; both generators are deterministic, and the
# peer's catalogs are keyed by its script's checksum).
catalog() {
    local gen=$1 n=$2 path
    if [ "$gen" = ecograph ]; then
        path=$OUT/ecograph-$n-s$SEED.md
        "$GEN" --entries "$n" --seed "$SEED" -o "$path"
    else
        path=$OUT/peer-$n-s$SEED-$(cksum <"$PEER_DIR/gen_catalog.py" | cut -d' ' -f1).md
        [ -s "$path" ] || python3 "$PEER_DIR/gen_catalog.py" --entries "$n" --seed "$SEED" -o "$path" 2>/dev/null
    fi
    printf '%s\n' "$path"
}

IFS=, read -r -a FMT_LIST <<<"$FORMATS"
header="gen       entries      input    read   model   infer"
for f in "${FMT_LIST[@]}"; do header+=$(printf ' %7s' "$f"); done
header+="  export     cpu  RSS(MB)     output  cat(s)  ×cat    MB/s     svg    peer peerRSS  ratio"
ROWS=()
GENS=ecograph
[ "$HAS_PEER_GEN" = yes ] && GENS="ecograph peer"

for gen in $GENS; do
    for n in $SIZES; do
        echo "== $gen catalog, $n entries" >&2
        cat_path=$(catalog "$gen" "$n")
        bytes=$(wc -c <"$cat_path")
        phases=$("$BIN" bench-phases -c "$cat_path" --formats "$FORMATS")
        printf '%s\n' "$phases" >>"$OUT/phases.jsonl"

        dir=$OUT/export-$gen-$n
        target=$dir   # several formats: a folder; one: a file in it
        [ "${#FMT_LIST[@]}" -gt 1 ] || target=$dir/export.$FORMATS
        # REPEAT runs; the one with the median wall time is shown (all three of its numbers).
        : >"$OUT/times.txt"
        for _ in $(seq "$REPEAT"); do
            rm -rf "$dir"; mkdir -p "$dir"
            measure "$OUT/time.txt" "$BIN" export -c "$cat_path" --no-overlay --format "$FORMATS" -o "$target" ||
                echo "note: the export failed; see $OUT/stderr.log" >&2
            cat "$OUT/time.txt" >>"$OUT/times.txt"
        done
        read -r wall rss cpu < <(sort -n "$OUT/times.txt" | sed -n "$(( (REPEAT + 1) / 2 ))p")
        outbytes=$(cat "$dir"/* | wc -c)
        floor=$(cat_floor "$cat_path")

        svg=-
        if [ "$HAS_SVG" = yes ] && [ "$n" -le "$SVG_MAX" ]; then
            # A layout that runs away must not stall the whole benchmark.
            if measure "$OUT/time.txt" timeout "$SVG_TIMEOUT" "$BIN" export -c "$cat_path" --no-overlay --format svg -o "$dir/graph.svg"; then
                read -r svg _ _ <"$OUT/time.txt"
            else
                svg=">${SVG_TIMEOUT}s"
            fi
        fi

        peer=- peer_rss=- ratio=-
        if [ "$gen" = peer ] && [ "$HAS_PEER" = yes ] && [ "$n" -le "$PEER_MAX" ]; then
            rm -rf "$OUT/peer-out"
            measure "$OUT/time.txt" python3 "$PEER_DIR/peer_pipeline.py" "$cat_path" -o "$OUT/peer-out" ||
                echo "note: the peer failed; see $OUT/stderr.log" >&2
            read -r peer peer_rss _ <"$OUT/time.txt"
            ratio=$(awk -v p="$peer" -v w="$wall" 'BEGIN { printf "%.0f×", (w > 0 ? p / w : 0) }')
            [ "$peer_rss" = - ] || peer_rss=$((peer_rss / 1024))
        fi

        row=$(printf '%-8s %8d %10d %7s %7s %7s' "$gen" "$n" "$bytes" \
              "$(json_field "$phases" seconds read)" "$(json_field "$phases" seconds model)" "$(json_field "$phases" seconds infer)")
        for f in "${FMT_LIST[@]}"; do row+=$(printf ' %7s' "$(json_field "$phases" seconds "$f")"); done
        [ "$rss" = - ] || rss=$((rss / 1024))
        row+=$(printf '  %6s %7s %8s %10d %7s' "$wall" "$cpu" "$rss" "$outbytes" "$floor")
        row+=$(awk -v w="$wall" -v c="$floor" -v b="$bytes" \
               'BEGIN { printf " %5.0f %7.1f", (c > 0 ? w / c : 0), (w > 0 ? b / w / 1e6 : 0) }')
        row+=$(printf ' %7s %7s %7s %6s' "$svg" "$peer" "$peer_rss" "$ratio")
        ROWS+=("$row")
        printf '%s\n' "$row" >&2
    done
done

echo
echo "ecograph bench ($(nproc) cores; $(date -u +%Y-%m-%d)); phase columns: bench-phases seconds;"
echo "export: \`ecograph export --format $FORMATS -o DIR\`, the median of $REPEAT runs (wall s, user+sys s, peak RSS); ×cat: export / cat;"
echo "peer: ../shared/bench/peer_pipeline.py on the same catalog (dot,csv,jsonld); ratio: peer / export."
echo "$header"
printf '%s\n' "${ROWS[@]}"
