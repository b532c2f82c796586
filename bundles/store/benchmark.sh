#!/bin/sh
# The embedded store's benchmarks, each in a process of its own. Without an argument: commits per second of the
# gateway's workers with every commit written on its own and with commits made together written together
# (DurableCommits). With `keys`: what random session ids cost a status tick against ids in time order
# (KeyOrderBenchmark). Appends its report, with the machine and its load, to bundles/store/BENCHMARK.md. Extra Maven
# arguments from MAVEN_ARGS.
set -eu
cd "$(dirname "$0")"
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of words
mvn -B -q ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test
java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/benchmark.classpath)" \
    "org.pilegate.store.internal.$([ "${1:-}" = keys ] && echo KeyOrderBenchmark || echo CommitBenchmark)" \
    | tee -a BENCHMARK.md
