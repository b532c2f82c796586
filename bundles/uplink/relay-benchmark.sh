#!/usr/bin/env bash
# The uplink relay's benchmark, run by hand (never in CI): how fast the relay drains the outbox into a local KRaft
# broker (Kafka's own, started as a process of its own) after a one-hour outage of a 2,000-pile depot's telemetry.
# Appends the result, with the machine, its load and the date, to BENCHMARK.md beside this script.
#
#   bundles/uplink/relay-benchmark.sh [piles=2000] [minutes=60] [relayIntervalsMs=200,50]
#
# Build the modules first (mvn install); set MAVEN_REPO to use another local repository.
set -euo pipefail
cd "$(dirname "$0")"
repo=()
if [[ -n "${MAVEN_REPO:-}" ]]; then
  repo=(-Dmaven.repo.local="$MAVEN_REPO")
fi
mvn -B -o -q "${repo[@]}" test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark.classpath
classpath="target/test-classes:target/classes:$(cat target/benchmark.classpath)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
result=$(java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$classpath" \
  org.pilegate.uplink.internal.RelayBenchmark "$@" | grep '^relayIntervalMs=')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo
  echo "## ${started}"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1)"
  echo "- load average (1/5/15 min) before: ${load_before}; after: ${load_after}"
  echo "- arguments: ${*:-defaults}"
  echo
  sed 's/^/    /' <<<"$result"
} >>BENCHMARK.md
echo "$result"
