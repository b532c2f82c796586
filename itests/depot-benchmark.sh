#!/bin/sh
# The whole-system benchmark: the built distribution in its own JVM, the simulated depot in a second and the
# terminal clients in a third (org.pilegate.itests.bench.DepotBenchmark). Runs on 20, 500 and 2,000 piles, or on the
# pile counts given: ./depot-benchmark.sh 500. More settings as key=value in BENCH_OPTS, e.g.
# BENCH_OPTS="seconds=300 jfrSeconds=60"; Maven options in MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path".
# It builds only the benchmark's classes and boots the distribution installed in the local Maven repository, so
# build that first (mvn install -DskipTests). Each run prints its report and appends it to BENCHMARK.md next to this
# script. Everything it starts listens on 127.0.0.1 only and is stopped when it ends, however it ends.
set -eu

cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- 20 500 2000
# shellcheck disable=SC2086 # MVN_ARGS and BENCH_OPTS are lists of words
mvn ${MVN_ARGS:-} -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
classpath="target/test-classes:$(cat target/bench-classpath.txt)"
distribution="$(tr ':' '\n' < target/bench-classpath.txt | grep 'karaf-assembly-.*\.tar\.gz$')"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- .. ':(exclude)BENCHMARK.md' || echo ' with local changes')"

pids=target/depot-bench/pids
benchmark=
stop() {
    [ -z "$benchmark" ] || kill "$benchmark" 2>/dev/null || true
    # what the benchmark started, should it have died without stopping it
    if [ -f "$pids" ]; then
        while read -r pid; do kill "$pid" 2>/dev/null || true; done < "$pids"
    fi
}
trap stop EXIT
trap 'exit 130' INT TERM

# the load's collections in the work folder, beside the gateway's and the depot's, to set slow answers against
# shellcheck disable=SC2086
work=$(printf '%s\n' ${BENCH_OPTS:-} | sed -n 's/^work=//p' | tail -n 1)
work=${work:-target/depot-bench}
mkdir -p "$work"
for piles in "$@"; do
    rm -f "$pids"
    # shellcheck disable=SC2086
    java -Xlog:gc:file="$work/gc-load-%p.log":time,uptime -cp "$classpath" org.pilegate.itests.bench.DepotBenchmark piles="$piles" distribution="$distribution" \
        commit="$commit" ${BENCH_OPTS:-} &
    benchmark=$!
    wait "$benchmark"
    benchmark=
done
