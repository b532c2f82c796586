#!/bin/sh
# The start-up benchmark: the built distribution (karaf-assembly/target) unpacked afresh and started with
# bin/karaf daemon, once as a first start and then restarted RESTARTS times (default 1) on the same folder. Each start
# reports, from the gateway's JVM start: its "pilegate ready" line, when every pile is AVAILABLE with its devices
# answering (/metrics), the milestones of Karaf's log (feature resolution, Camel, TLS, Flyway, OPC UA ...), and then,
# after IDLE_S seconds (default 30) of idling, its resident memory (RSS), threads and time spent collecting garbage,
# and its live heap by class (histogram-<start>.txt in the work folder).
#   itests/start-time.sh          the default gateway: its own simulated depot of 20 Modbus piles and 2 OCPP charge points
#   itests/start-time.sh 2000     2,000 piles from a pile table (etc/pilegate-piles.csv), the gateway's own simulator
#                                 off, against the standalone simulated depot in a second process
# JFR=1 records each start (-XX:StartFlightRecording, the JDK's profile settings, 60 s) into the work folder;
# DISTRIBUTION names another distribution to start; GATEWAY_JAVA_OPTS replaces bin/setenv's JVM settings (e.g. GATEWAY_JAVA_OPTS="-Xmx512m"). Build first
# (mvn install -DskipTests). It uses the shipped ports (HTTP 8181, SSH 8101, Modbus 15020...): run it where nothing
# else holds them, e.g. under the lock the integration tests take. It stops everything it started however it ends.
set -eu

cd "$(dirname "$0")/.."
piles=${1:-0}
restarts=${RESTARTS:-1}
idle=${IDLE_S:-30}
work=$PWD/itests/target/start-time
home=$work/gateway
distribution=${DISTRIBUTION:-$(ls karaf-assembly/target/karaf-assembly-*.tar.gz | head -n 1)}
gateway=
simulator=
stop() {
    [ -z "$gateway" ] || kill "$gateway" 2>/dev/null || true
    [ -z "$simulator" ] || kill "$simulator" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

rm -rf "$work"
mkdir -p "$home"
tar xzf "$distribution" -C "$home" --strip-components=1
if [ "$piles" -gt 0 ]; then
    # as a depot runs it: the piles from the table, 10 behind each Modbus TCP port of the simulated depot
    sed -i 's/^enabled *=.*/enabled = false/' "$home/etc/org.pilegate.sim.cfg"
    sed -i 's/^count *=.*/count = 0/' "$home/etc/org.pilegate.sim.ocpp.cfg"
    table=$home/etc/pilegate-piles.csv
    echo "id, meter.host, meter.port, meter.unitId, meter.profile, relay.host, relay.port, relay.unitId, relay.profile" \
        >"$table"
    awk -v piles="$piles" 'BEGIN { for (i = 0; i < piles; i++) {
        port = 15020 + int(i / 10); unit = 2 * (i % 10) + 1
        printf "bay-%04d, 127.0.0.1, %d, %d, eastron-sdm630, 127.0.0.1, %d, %d, pilegate-generic-relay\n",
            i + 1, port, unit, port, unit + 1 } }' >>"$table"
    mvn -B -o -q ${MVN_ARGS:-} -f device-drivers/simulator dependency:build-classpath \
        -Dmdep.outputFile="$work/simulator-classpath.txt" >&2
    (cd "$home" && exec java -Xmx256m \
        -cp "$OLDPWD/device-drivers/simulator/target/classes:$(cat "$work/simulator-classpath.txt")" \
        org.pilegate.sim.internal.StandaloneSimulator piles="$piles" pilesPerPort=10 basePort=15020 \
        >"$work/simulator.log" 2>&1) &
    simulator=$!
    sleep 5
fi
if [ -n "${GATEWAY_JAVA_OPTS:-}" ]; then
    printf '\nexport JAVA_OPTS="%s"\n' "$GATEWAY_JAVA_OPTS" >>"$home/bin/setenv"
fi

ticks=$(getconf CLK_TCK)
boot=$(awk '/^btime/ { print $2 }' /proc/stat)
# seconds JVM $1 has spent collecting garbage so far
gc_s() {
    jstat -gcutil "$1" | awk 'NR == 2 { print $NF }'
}
# CPU seconds process $1 has used so far
cpu_s() {
    awk -v ticks="$ticks" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / ticks }' "/proc/$1/stat"
}
# milliseconds since the epoch at which process $1 started
started_ms() {
    awk -v ticks="$ticks" -v boot="$boot" '{ sub(/^.*\) /, ""); printf "%.0f", (boot + $20 / ticks) * 1000 }' "/proc/$1/stat"
}
now_ms() {
    date +%s%3N
}
# the sum of every series of metric $1 in the scrape $2
metric() {
    awk -v name="$1" 'index($0, name) == 1 { sum += $2 } END { print sum + 0 }' "$2"
}
# the milestones of Karaf's log $2, in seconds from the JVM start $1
milestones() {
    grep -E 'Adding features|Changes to perform|FeaturesServiceImpl.*\| Done\.|shell.core/.* has been started|Apache Camel .* is starting|TLS certificate generated|Database: jdbc|Successfully applied|is up to date|OPC UA server listening|OPC UA server certificate generated|pilegate ready in' \
        "$2" | while IFS='|' read -r at _ _ _ _ message; do
        ms=$(date -d "$(echo "$at" | sed 's/,/./')" +%s%3N)
        printf '  %6.2f s %s\n' "$(echo "($ms - $1) / 1000" | bc -l)" "$(echo "$message" | cut -c2-110)"
    done
}

start=0
while [ "$start" -le "$restarts" ]; do
    kind=$([ "$start" -eq 0 ] && echo first || echo "restart $start")
    jfr=
    if [ "${JFR:-0}" = 1 ]; then
        jfr="-XX:StartFlightRecording=filename=$work/start-$start.jfr,settings=profile,duration=60s"
    fi
    rm -f "$home/data/log/karaf.log"
    # bin/karaf daemon execs the JVM: the process started here is the gateway's
    (cd "$home" && EXTRA_JAVA_OPTS="$jfr" PILEGATE_ADMIN_PASSWORD=start-time-secret exec bin/karaf daemon \
        >"$work/gateway-$start.out" 2>&1) &
    gateway=$!
    sleep 0.5
    jvm=$(started_ms "$gateway")
    available=
    # one scrape a second: a scrape of 2,000 piles costs the gateway a few tenths of a second of CPU, and scraping
    # as fast as it answers took a fifth of the start's CPU
    for _ in $(seq 1 360); do
        curl -s -m 5 -o "$work/scrape" http://127.0.0.1:8181/metrics || : >"$work/scrape"
        total=$(metric 'pilegate_piles{' "$work/scrape")
        if [ "$total" -gt 0 ] && [ "$(metric 'pilegate_piles{state="available"' "$work/scrape")" = "$total" ] \
                && [ "$(metric pilegate_piles_devices_not_seen "$work/scrape")" = 0 ] && [ "$total" -ge "$piles" ]; then
            available=$(now_ms)
            cpu=$(cpu_s "$gateway")
            gc_at_available=$(gc_s "$gateway")
            break
        fi
        sleep 1
    done
    [ -n "$available" ] || { echo "$kind: not every pile available after 6 minutes" >&2; exit 1; }
    echo "## $kind, $total piles, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "every pile AVAILABLE $(echo "($available - $jvm) / 1000" | bc -l | xargs printf '%.2f') s after JVM start, having used $cpu s of CPU"
    sleep "$idle"
    cp "$home/data/log/karaf.log" "$work/karaf-$start.log"
    milestones "$jvm" "$work/karaf-$start.log"
    rss=$(awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$gateway/status")
    threads=$(awk '/^Threads/ { print $2 }' "/proc/$gateway/status")
    gc=$(gc_s "$gateway")
    echo "after ${idle} s idle: RSS $rss MiB, $threads threads; GC $gc s in all, of which" \
        "$(echo "$gc - $gc_at_available" | bc) s while idle; $(jcmd "$gateway" GC.heap_info | sed -n 2p | sed 's/^ *//')"
    # the live heap by class, after a full collection
    jcmd "$gateway" GC.class_histogram | head -n 30 >"$work/histogram-$start.txt"
    kill "$gateway"
    while kill -0 "$gateway" 2>/dev/null; do sleep 0.2; done
    gateway=
    start=$((start + 1))
done
