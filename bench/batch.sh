#!/usr/bin/env bash
# 批次報備 on the test environment's data (3,000 people, 400 institutions), one clerk:   bench/batch.sh
#   N=2000 rows (N=… to change)   HTTP_PORT=18097   PGPORT=25437
# Builds the jar of the last commit (under bench/target/build-batch), starts it on 127.0.0.1:$HTTP_PORT with its own
# embedded PostgreSQL (bench/target/pg-batch, made anew each run), the synthetic data, no card agent and the
# benchmark's header sign-in; takes the institution with the most practising staff; runs bench/src/BatchBench.java
# (a batch of N rows uploaded, checked and filed; then N rows one by one over the API) and stops the application by
# its PID. Nothing but loopback is contacted; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=$ROOT/bench/target
N=${N:-2000}
HTTP_PORT=${HTTP_PORT:-18097}
PGPORT=${PGPORT:-25437}
DATA_DIR=$TARGET/pg-batch
BUILD=$TARGET/build-batch
LOG=$TARGET/logs/batch.log
mkdir -p "$TARGET/logs"
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_at() { psql -X -q -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

for port in "$HTTP_PORT" "$PGPORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
done

COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)
log "building the jar of commit $COMMIT under $BUILD"
rm -rf "$BUILD"; mkdir -p "$BUILD"
git -C "$ROOT" archive HEAD pom.xml src/main | tar -x -C "$BUILD"
(cd "$BUILD" && mvn -q -B -o -Dmaven.test.skip=true package) > "$TARGET/logs/build-batch.log" 2>&1 || {
    tail -30 "$TARGET/logs/build-batch.log" >&2; exit 1; }
JAR=$(ls "$BUILD"/target/support-report-*.jar | grep -v -e plain -e original | head -1)

APP=""
stop() {
    if [ -n "$APP" ] && kill -0 "$APP" 2>/dev/null; then
        log "stopping the application (pid $APP)"
        kill -TERM "$APP" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$APP" 2>/dev/null || break; sleep 1; done
        kill -0 "$APP" 2>/dev/null && kill -KILL "$APP" 2>/dev/null || true
    fi
    if [ -n "$APP" ] && [ -f "$DATA_DIR/postmaster.pid" ]; then
        local pg; pg=$(head -1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then kill -INT "$pg" 2>/dev/null || true; fi
    fi
    APP=""
}
trap stop EXIT
trap 'exit 130' INT TERM
rm -rf "$DATA_DIR"
log "starting the application: http 127.0.0.1:$HTTP_PORT, PostgreSQL 127.0.0.1:$PGPORT"
java -Xms1g -Xmx2g -jar "$JAR" --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
    --support.embedded-db.data-dir="$DATA_DIR" --support.embedded-db.port="$PGPORT" \
    --support.test-auth.enabled=true --support.test-environment.agent=false \
    --support.test-environment.data-dir="$DATA_DIR/test-environment" > "$LOG" 2>&1 &
APP=$!
for i in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && break
    kill -0 "$APP" 2>/dev/null || { tail -50 "$LOG" >&2; echo "the application died while starting" >&2; exit 1; }
    [ "$i" -lt 150 ] || { echo "the application is not up after 300 s" >&2; exit 1; }
    sleep 2
done

# the synthetic data is written after the application is ready: wait for its reports
for i in $(seq 1 120); do
    [ "$(psql_at -c "select count(*) >= 4000 from support_report" 2>/dev/null)" = t ] && break
    [ "$i" -lt 120 ] || { echo "no synthetic data after 120 s" >&2; exit 1; }
    sleep 1
done
# the institution with the most staff practising from today on, its staff, and an open institution elsewhere
HOME_CODE=$(psql_at -c "select institution_code from practice_registration where status = 'PRACTISING'
    and valid_to is null group by 1 order by count(*) desc, 1 limit 1")
psql_at -c "select p.national_id from practice_registration r join practitioner p on p.id = r.practitioner_id
    where r.institution_code = '$HOME_CODE' and r.status = 'PRACTISING' and r.valid_to is null
      and not exists (select 1 from practice_registration o where o.practitioner_id = r.practitioner_id
                        and o.id <> r.id and o.status = 'PRACTISING')
    order by 1" > "$TARGET/batch-staff.txt"
SITE=$(psql_at -c "select code from institution where code <> '$HOME_CODE' and status = 'OPEN'
    and type <> 'LONG_TERM_CARE' order by code limit 1")
log "clerk of $HOME_CODE ($(wc -l < "$TARGET/batch-staff.txt") staff), supporting at $SITE, $N rows, commit $COMMIT"
java bench/src/BatchBench.java "http://127.0.0.1:$HTTP_PORT" "$HOME_CODE" "$SITE" "$TARGET/batch-staff.txt" "$N"
