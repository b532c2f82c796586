#!/bin/sh
# The OCPP benchmark: the built distribution in its own JVM, N OCPP 1.6J charge points in one Node.js process (npm's
# ocpp-rpc, itests/ocpp/bench-charge-points.mjs) and the drivers' terminals in a third process
# (org.pilegate.itests.bench.OcppBenchmark). Runs on 500 charge points, or on the count given: ./ocpp-benchmark.sh 100.
# More settings as key=value in BENCH_OPTS (those of the depot benchmark: idleSeconds, seconds, jfrSeconds, heap…);
# Maven options in MVN_ARGS, e.g. MVN_ARGS="-o -Dmaven.repo.local=/path". Boots the distribution installed in the local
# Maven repository, so build that first (mvn install -DskipTests). Appends its report to OCPP-BENCHMARK.md next to this
# script. Everything it starts listens on 127.0.0.1 only and is stopped when it ends.
set -eu

cd "$(dirname "$0")"
piles="${1:-500}"
[ -d ocpp/node_modules/ocpp-rpc ] || (cd ocpp && npm ci --no-audit --no-fund >&2)
# shellcheck disable=SC2086 # MVN_ARGS is a list of words
mvn ${MVN_ARGS:-} -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
classpath="target/test-classes:$(cat target/bench-classpath.txt)"
distribution="$(tr ':' '\n' < target/bench-classpath.txt | grep 'karaf-assembly-.*\.tar\.gz$')"
commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- .. ':(exclude)OCPP-BENCHMARK.md' || echo ' with local changes')"
# shellcheck disable=SC2086
exec java -cp "$classpath" org.pilegate.itests.bench.OcppBenchmark piles="$piles" distribution="$distribution" \
    commit="$commit" work=target/ocpp-bench results=OCPP-BENCHMARK.md idleSeconds=60 seconds=60 ${BENCH_OPTS:-}
