#!/bin/sh
# Runs the charging dialogue's latency probe (DialogueLatencyProbe) on 20, then on 2,000 simulated piles, or on the
# pile counts given as arguments: ./latency-probe.sh 500. It builds nothing but the probe itself and boots the
# distribution installed in the local Maven repository, so build that first (./pilegate test, or mvn install).
# Each run prints its table and appends it, with the machine it ran on, to LATENCY.md next to this script.
set -eu

cd "$(dirname "$0")"
[ $# -gt 0 ] || set -- 20 2000
for piles in "$@"; do
    # -Dit.test picks the probe although its name matches none of failsafe's includes, which keeps it out of builds
    mvn -o -B -Dstyle.color=never verify -Dit.test=DialogueLatencyProbe -Dprobe.piles="$piles"
done
