#!/bin/sh
# The planner's benchmark in a process of its own: re-plan time at 2,000 piles over 24 h, and a recorded day of 200
# vehicles charged by the planner and by the equal share. Appends its report, with the machine and its load, to
# bundles/planner/BENCHMARK.md. Extra Maven arguments (-o, -Dmaven.repo.local=…) come from MAVEN_ARGS.
set -eu
cd "$(dirname "$0")"
mvn -B -q ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/benchmark.classpath \
    -Dmdep.includeScope=test
java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/benchmark.classpath)" \
    org.pilegate.planner.internal.PlannerBenchmark | tee -a BENCHMARK.md
