#!/bin/sh
# Builds the transport benchmark and what it needs, then runs it; arguments pass through as key=value pairs,
# e.g. ./run.sh piles=2000 seconds=30. The report goes to stdout and is appended to RESULTS.md next to this script.
set -eu

module="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$module/../.." && pwd)"

# Maven's output goes to stderr, so that stdout is the report alone
(cd "$root" && mvn -B -q -Dstyle.color=never install -DskipTests -pl device-drivers/transport-benchmark -am) >&2
(cd "$module" && mvn -B -q -Dstyle.color=never dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/classpath.txt) >&2

cd "$module"
exec java -cp "target/classes:$(cat target/classpath.txt)" org.pilegate.modbus.benchmark.TransportBenchmark "$@"
