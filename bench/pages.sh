#!/usr/bin/env bash
# Page and PDF times on the test environment's data (3,000 people, 400 institutions, 4,000 reports), one client:
#   bench/pages.sh            (N=300 requests a page; N=… to change)
# Builds the jar (into bench/target/build-pages), starts it on 127.0.0.1:18095 with its own embedded PostgreSQL
# (bench/target/pg-pages, port 25435) and the simulated card agent on 18443/18777, runs bench/src/PageBench.java,
# and stops the application by its PID. Nothing but loopback is contacted; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=bench/target
N=${N:-300}
mkdir -p "$TARGET/build-pages" "$TARGET/logs"
rsync -a --delete pom.xml src "$TARGET/build-pages/" 2>/dev/null || { rm -rf "$TARGET/build-pages"; mkdir -p "$TARGET/build-pages"; cp -r pom.xml src "$TARGET/build-pages/"; }
(cd "$TARGET/build-pages" && mvn -q -B -DskipTests package)
JAR=$(ls "$TARGET"/build-pages/target/support-report-*.jar | grep -v original)
rm -rf "$TARGET/pg-pages"
java -Xms1g -Xmx2g -jar "$JAR" --server.port=18095 --server.address=127.0.0.1 \
    --support.embedded-db.data-dir="$TARGET/pg-pages" --support.embedded-db.port=25435 \
    --support.test-environment.data-dir="$TARGET/pg-pages/test-environment" \
    --support.test-environment.hca-ports=18443 --support.test-environment.nhi-port=18777 \
    > "$TARGET/logs/pages.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    grep -q "in the simulated readers" "$TARGET/logs/pages.log" && break
    kill -0 $APP || { cat "$TARGET/logs/pages.log"; exit 1; }
    sleep 1
done
java bench/src/PageBench.java http://127.0.0.1:18095 18443 "$N"
