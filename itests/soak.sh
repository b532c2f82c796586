#!/bin/sh
# The soak: 2,000 piles with sessions arriving continuously for an hour (by default), through the depot benchmark's
# three processes (depot-benchmark.sh: the built distribution, the standalone simulated depot, a terminal per pile).
# Each pile's driver charges chargeSeconds, stops, pays, leaves and plugs in again, so sessions keep arriving at about
# piles / (chargeSeconds + a few) a second. At the start and at the end of the hour it records the gateway's live
# heap (the total of its class histogram, kept in target/soak/histogram-start.txt and -end.txt), its RSS, threads
# and open files, and the database's size on disk, and at the end the live data in it (a copy of the file compacted by
# H2 itself once the gateway has stopped); from the sessions it times, the dialogue's p99 (plug → prompt, charging
# request → CHARGING) over the first and the last ten minutes.
# The figures go to SOAK.md next to this script, with the machine, its load and the date. Not part of CI.
#   ./soak.sh                                  2,000 piles, an hour, two minutes of charging per session
#   SOAK_OPTS="piles=500 seconds=1800" ./soak.sh
# Maven options in MVN_ARGS, as for depot-benchmark.sh; build the distribution first (mvn install -DskipTests).
set -eu

cd "$(dirname "$0")"
work=target/soak
log="$work/bench.log"
results=SOAK.md
mkdir -p "$work"
rm -f "$log"
# shellcheck disable=SC2086 # MVN_ARGS and SOAK_OPTS are lists of words
BENCH_OPTS="piles=2000 seconds=3600 chargeSeconds=120 warmUpSeconds=60 idleSeconds=10 limitMinutes=150 \
work=$work results=$work/BENCHMARK.md ${SOAK_OPTS:-}" MVN_ARGS="${MVN_ARGS:-}" ./depot-benchmark.sh 2000 \
    >"$work/report.md" 2>"$log" &
bench=$!
# the benchmark's own clean-up looks for its processes under its default work folder, not this one
trap 'kill $bench ${watcher:-} 2>/dev/null || true; [ ! -f "$work/pids" ] || while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$work/pids"' EXIT
trap 'exit 130' INT TERM

# waits until the benchmark logs a line containing $1; fails if it ends first
await_line() {
    while ! grep -q "$1" "$log" 2>/dev/null; do
        kill -0 "$bench" 2>/dev/null || { echo "the benchmark ended before '$1'; see $log" >&2; exit 1; }
        sleep 5
    done
}

# one line of the gateway's figures now: live heap (KiB), RSS (KiB), threads, open files, database (KiB)
sample() {
    pid=$(head -n 1 "$work/pids")
    # the live heap by class, for growth to be found by what grew; its total is the live heap: the heap's use read
    # after a full collection also counts what the gateway allocated in the second after it (under load, most of
    # the young generation)
    jcmd "$pid" GC.class_histogram >"$work/histogram-$1.txt"
    heap=$(awk '/^Total / { printf "%.0f", $3 / 1024 }' "$work/histogram-$1.txt")
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
    files=$(ls "/proc/$pid/fd" | wc -l)
    database=$(du -sk "$work/gateway/data/pilegate" | cut -f1)
    echo "$heap $rss $threads $files $database"
}

# every minute of the soak: minutes, the database's size on disk (KiB), and from the gateway's /metrics the store's
# file (bytes), its live share by H2's own count (0 to 1), and its commits and flushes so far: for growth to be told
# from a plateau, and from what
port=$(echo "${SOAK_OPTS:-}" | sed -n 's/.*httpPort=\([0-9]*\).*/\1/p')
watch_database() {
    minute=0
    while sleep 60; do
        minute=$((minute + 1))
        store=$(curl -s --max-time 10 "http://127.0.0.1:${port:-18181}/metrics" | awk '/^pilegate_store_file_bytes / {f = $2}
            /^pilegate_store_file_live_ratio / {l = $2} /^pilegate_store_commits_total / {c = $2}
            /^pilegate_store_flushes_total / {s = $2} END {printf "%.0f %.2f %.0f %.0f", f, l, c, s}')
        echo "$minute $(du -sk "$work/gateway/data/pilegate" | cut -f1) $store"
    done
}

await_line "back to back: counting for"
start=$(sample start)
watch_database >"$work/database.txt" &
watcher=$!
await_line "back to back: letting the sessions under way end"
end=$(sample end)
kill "$watcher"
wait "$bench"
trap - EXIT

# the database's live data: H2 writes every change to new space and compacts what it left behind only while no one
# writes, so the file's size alone says little; a copy compacted by H2 itself says how much of it is data
db="$work/gateway/data/pilegate"
compacted="$work/compacted"
rm -rf "$compacted" && mkdir -p "$compacted" && cp "$db/pilegate.mv.db" "$compacted/"
h2=$(find "$work/gateway/system/com/h2database" -name 'h2-*.jar' | head -n 1)
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:file:$(pwd)/$compacted/pilegate" -user pilegate \
    -password "$(cat "$db/store.secret")" -sql "SHUTDOWN COMPACT" >/dev/null
live_db=$(du -sk "$compacted" | cut -f1)

# p99 in ms of column $2 minus column $1 of sessions-back-to-back.csv, for sessions plugged in [$3, $4) ms
p99() {
    awk -F, -v from="$1" -v to="$2" -v lo="$3" -v hi="$4" 'NR > 1 && $(from) != "" && $(to) != "" \
        && $(2) >= lo && $(2) < hi {print $(to) - $(from)}' "$work/sessions-back-to-back.csv" | sort -n \
        | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else printf "%.1f\n", v[int(NR * 0.99 + 0.99)]}'
}
csv="$work/sessions-back-to-back.csv"
# printf: print would write a large number as 3.65994e+06
last=$(awk -F, 'NR > 1 && $2 != "" && $2 > max {max = $2} END {printf "%d", max}' "$csv")
# the first and the last ten minutes, or thirds of a shorter run, so that the two never overlap
window=$((${last%.*} / 3 < 600000 ? ${last%.*} / 3 : 600000))
first_window="0 $window"
last_window="$((${last%.*} - window)) $((${last%.*} + 1))"
# columns: pile, plugged, vehicleSeen, prompted, bound, requested, charging, …
{
    printf '\n## %s — soak, %s\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "${SOAK_OPTS:-2000 piles, 3600 s}"
    printf 'machine: %s cores, %s; load at the end %s\n\n' "$(nproc)" \
        "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "| | live heap KiB | RSS KiB | threads | open files | database KiB | (A) p99 ms | (B) p99 ms |"
    echo "|---|---|---|---|---|---|---|---|"
    # shellcheck disable=SC2086 # the windows are two words each
    echo "| start | $(echo "$start" | tr ' ' '|' | sed 's/|/ | /g') | $(p99 2 4 $first_window) | $(p99 6 7 $first_window) |"
    # shellcheck disable=SC2086
    echo "| end | $(echo "$end" | tr ' ' '|' | sed 's/|/ | /g') | $(p99 2 4 $last_window) | $(p99 6 7 $last_window) |"
    echo
    echo "Database at the end: $(echo "$end" | cut -d' ' -f5) KiB on disk, $live_db KiB of it live data (a copy compacted)."
    echo
    printf 'Database on disk every ten minutes, MiB: %s\n' "$(awk '$1 % 10 == 0 {printf "%s%d min %d", sep, $1, $2 / 1024;
        sep = ", "}' "$work/database.txt")"
    echo
    printf 'The store by its own count every ten minutes (its file in MiB, live share by H2, commits per flush since'
    printf ' the mark before): %s\n' "$(awk 'NR == 1 {c = $5; f = $6}
        $1 % 10 == 0 && NF >= 6 {printf "%s%d min %d, %d %%, %.1f", sep, $1, $3 / 1048576, $4 * 100,
            ($5 - c) / ($6 - f); sep = "; "; c = $5; f = $6}' "$work/database.txt")"
    echo
    grep -E '^\| (complete sessions|\*\*complete sessions|sessions begun)|^Out of the ordinary' \
        "$work/report.md" | head -n 20 || true
} | tee -a "$results"
