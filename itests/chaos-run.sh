#!/bin/sh
# The Modbus storm at length: 200 simulated piles whose meters and relays meet a share of their requests with a random
# fault (no reply, an exception, a dropped connection, a corrupt frame), sessions on every pile for ten minutes,
# against the built distribution in its own JVM (org.pilegate.itests.ChaosRun).
# Settings as key=value arguments: ./chaos-run.sh piles=200 seconds=600 chaosPercent=2. Maven options in MVN_ARGS,
# e.g. MVN_ARGS="-o -Dmaven.repo.local=/path". Build the distribution first (mvn install -DskipTests). The findings
# (sessions, piles stuck, contactors left closed, sessions not billed their registers, the gateway's threads and heap
# after a full collection) are appended to CHAOS.md next to this script, with the machine, its load and the date.
# It listens on ports of its own (HTTP 18182, SSH 18102, Modbus from 22020), away from a gateway and the itests.
set -eu

cd "$(dirname "$0")"
# shellcheck disable=SC2086 # MVN_ARGS is a list of words
mvn ${MVN_ARGS:-} -B -q -Dstyle.color=never test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/chaos-classpath.txt >&2
# the distribution under test, in the local repository: <repository>/org/pilegate/karaf-assembly/<version>/…
distribution="$(tr ':' '\n' < target/chaos-classpath.txt | grep 'karaf-assembly-.*\.tar\.gz$')"
version="$(basename "$(dirname "$distribution")")"
repository="${distribution%/org/pilegate/karaf-assembly/*}"
exec java -cp "target/test-classes:$(cat target/chaos-classpath.txt)" -Dpilegate.version="$version" \
    -Dmaven.repo.local="$repository" -Dpilegate.itest.httpPort=18182 -Dpilegate.itest.sshPort=18102 \
    -Dpilegate.itest.simulatorPort=22020 org.pilegate.itests.ChaosRun results=CHAOS.md "$@"
