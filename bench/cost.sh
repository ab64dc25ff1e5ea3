#!/usr/bin/env bash
# The cost of a submission (BENCHMARKS.md, "The cost of a submission"), in one command:  bench/cost.sh
#
# Builds the application (a copy of pom.xml and src/main under bench/target/build-cost), starts its own PostgreSQL 15
# (Debian's, /usr/lib/postgresql/15/bin — the production version) under bench/target/pg15-cost with
# pg_stat_statements, durable commits (fsync, synchronous_commit on), and the application on it with synthetic data;
# then, in the same run on the same server:
#   1. SUBMISSIONS submissions (POST /api/v1/submissions) with CLIENTS clients: submissions/s, and per submission the
#      commits, rollbacks, rows inserted/updated/deleted, statements (pg_stat_statements), CPU of the JVM and of
#      PostgreSQL — background work (pollers) measured idle for as long and subtracted;
#   2. pgbench TPC-B with the same CLIENTS (scale PGBENCH_SCALE, PGBENCH_SECONDS) as the ceiling, and the ratio.
# PROFILE=1 also records the JVM with JDK Flight Recorder during the submissions (bench/target/results/<run>/app.jfr).
# Everything talks to 127.0.0.1 only; loops are bounded; the servers it starts are stopped by PID on exit.
#
# Settings (environment): CLIENTS=16 SUBMISSIONS=6000 SECONDS_PER_TEST=60 REPORTS=100000 PRACTITIONERS=100000
#   INSTITUTIONS=3300 PGBENCH_SCALE=10 PGBENCH_SECONDS=30 PGPORT=26532 HTTP_PORT=18296 REGENERATE=0 PROFILE=0
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=$ROOT/bench/target
CLIENTS=${CLIENTS:-16}
SUBMISSIONS=${SUBMISSIONS:-6000}
SECONDS_PER_TEST=${SECONDS_PER_TEST:-60}
REPORTS=${REPORTS:-100000}
PRACTITIONERS=${PRACTITIONERS:-100000}
INSTITUTIONS=${INSTITUTIONS:-3300}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-30}
PGPORT=${PGPORT:-26532}
HTTP_PORT=${HTTP_PORT:-18296}
REGENERATE=${REGENERATE:-0}
PROFILE=${PROFILE:-0}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DATA_DIR=$TARGET/pg15-cost
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$TARGET/results/cost-$RUN_ID
mkdir -p "$RESULTS" "$TARGET/logs"
SUMMARY=$RESULTS/summary.txt
CLK_TCK=$(getconf CLK_TCK)

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
say() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }
psql_at() { psql -X -q -At -h 127.0.0.1 -p "$PGPORT" -U postgres -v ON_ERROR_STOP=1 "$@"; }
cpu_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
# PostgreSQL's CPU: the postmaster, its live children, and the children it has reaped (pgbench's backends end with it)
pg_cpu() {
    local pm; pm=$(head -1 "$DATA_DIR/postmaster.pid")
    echo $(( $(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat") + $(cpu_ticks $(ps -o pid= --ppid "$pm")) ))
}

[ -x "$PG_BIN/postgres" ] || { echo "PostgreSQL 15 is needed: apt-get install postgresql-15" >&2; exit 1; }
# PostgreSQL refuses to run as root: as root, its programs run as the package's postgres user, which owns the data.
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
pg() { "${AS_PG[@]}" "$PG_BIN/$1" "${@:2}"; }

APP_PID=""
PG_STARTED=0
cleanup() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    if [ "$PG_STARTED" = 1 ]; then pg pg_ctl -D "$DATA_DIR" -m fast -w stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build ---------------------------------------------------------------------------------------------------------
log "building the application jar (copy of pom.xml + src/main under bench/target/build-cost)"
B=$TARGET/build-cost
rm -rf "$B/src" "$B/pom.xml"; mkdir -p "$B/src"
cp "$ROOT/pom.xml" "$B/"; cp -r "$ROOT/src/main" "$B/src/"
(cd "$B" && mvn -q -B -ntp -Dmaven.test.skip=true package) > "$TARGET/logs/build-cost.log" 2>&1 || {
    cat "$TARGET/logs/build-cost.log" >&2; exit 1; }
JAR=$(ls "$B"/target/support-report-*.jar | grep -v plain | head -1)
mkdir -p "$TARGET/loadgen"
javac -d "$TARGET/loadgen" "$ROOT/bench/src/LoadGen.java"

# ---- PostgreSQL 15 -------------------------------------------------------------------------------------------------
GENERATE=0
if [ "$REGENERATE" = 1 ] || [ ! -f "$DATA_DIR.generated" ]; then
    rm -rf "$DATA_DIR" "$DATA_DIR.generated"
    mkdir -p "$DATA_DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DATA_DIR"
    pg initdb -D "$DATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 > "$RESULTS/initdb.out"
    GENERATE=1
fi
# durable commits (fsync, synchronous_commit on), as in production; top-level statements counted
pg pg_ctl -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w start -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT \
    -c unix_socket_directories=$DATA_DIR -c max_connections=100 -c shared_buffers=1GB -c fsync=on \
    -c synchronous_commit=on -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top \
    -c pg_stat_statements.track_utility=off" >/dev/null
PG_STARTED=1
if [ "$GENERATE" = 1 ]; then
    psql_at -d postgres -c "create database support" -c "create database pgbench"
    psql_at -d support -c "create extension pg_stat_statements"
fi

# ---- the application ------------------------------------------------------------------------------------------------
log "starting the application on PostgreSQL 15 (synthetic data: $([ $GENERATE = 1 ] && echo "generating $REPORTS reports" || echo reused))"
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$PGPORT/support" SPRING_DATASOURCE_USERNAME=postgres \
    java -Xms1g -Xmx2g $([ "$PROFILE" = 1 ] && echo -XX:FlightRecorderOptions=stackdepth=512) -jar "$JAR" --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
    --support.test-auth.enabled=true --support.test-environment.agent=false \
    --support.test-environment.data-dir="$TARGET/cost-test-environment" \
    --support.synthetic-data.enabled=$([ $GENERATE = 1 ] && echo true || echo false) \
    --support.synthetic-data.reports="$REPORTS" --support.synthetic-data.practitioners="$PRACTITIONERS" \
    --support.synthetic-data.institutions="$INSTITUTIONS" > "$TARGET/logs/cost-app-$RUN_ID.log" 2>&1 &
APP_PID=$!
deadline=$((SECONDS + 1800))
until curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$TARGET/logs/cost-app-$RUN_ID.log" >&2; exit 1; }
    [ $SECONDS -lt $deadline ] || { log "application not ready after 1800 s"; exit 1; }
    sleep 2
done
[ "$GENERATE" = 1 ] && { psql_at -d support -c "vacuum (analyze)"; touch "$DATA_DIR.generated"; }

# Submissions each of a different person (far-future period, so none overlaps), to another institution.
log "preparing $((SUBMISSIONS + 1000)) submissions"
psql_at -d support -F $'\t' -o "$RESULTS/submit.tsv" <<SQL
with open_inst as (select code, row_number() over (order by code) rn from institution where status = 'OPEN'),
cnt as (select count(*) c from open_inst),
cand as (
    select p.id, p.national_id, reg.institution_code home
      from practitioner p
      join lateral (select r.institution_code from practice_registration r
                     where r.practitioner_id = p.id and r.status = 'PRACTISING' and r.valid_to is null
                       and r.valid_from <= date '2031-01-01'
                     order by r.valid_from desc, r.id desc limit 1) reg on true
     where not exists (select 1 from support_report s where s.practitioner_id = p.id
                        and s.effective_end >= date '2031-01-01')
     order by md5(p.id::text || '$RUN_ID') limit $((SUBMISSIONS + 1000)))
select 'POST', '/api/v1/submissions', 'practitioner:' || c.national_id, 'cost-$RUN_ID-' || c.id,
       json_build_object('practitioner', c.national_id, 'supportedInstitution', s.code, 'category', 'REGULAR',
                         'department', '02', 'content', '支援門診 (benchmark)',
                         'period', json_build_object('start', '2031-01-01', 'end', '2031-03-31'),
                         'schedule', json_build_object('weekly', json_build_array(
                              json_build_object('day', 'MONDAY', 'start', '09:00', 'end', '12:00'))))::text
  from cand c cross join cnt
  join lateral (select o.code from open_inst o where o.rn >= (c.id * 7919) % cnt.c + 1 and o.code <> c.home
                 order by o.rn limit 1) s on true
SQL
head -1000 "$RESULTS/submit.tsv" > "$RESULTS/warm.tsv"
tail -n +1001 "$RESULTS/submit.tsv" > "$RESULTS/measured.tsv"
loadgen() { java -cp "$TARGET/loadgen" LoadGen --base "http://127.0.0.1:$HTTP_PORT" "$@"; }
loadgen --requests "$RESULTS/warm.tsv" --clients "$CLIENTS" --expect 201 --max-requests 1000 --max-seconds 60 \
    --label warmup > /dev/null 2>&1 || true
sleep 3

# counters of the support database: commits, rollbacks, rows inserted, updated, deleted, statements
counters() {
    psql_at -d support -F ' ' -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,
        (select coalesce(sum(calls), 0) from pg_stat_statements s where s.dbid = d.datid)
        from pg_stat_database d where datname = 'support'"
}
snapshot() { sleep 1.2; echo "$(counters) $(cpu_ticks "$APP_PID") $(pg_cpu)"; }

# background (pollers, sweepers) for as long as the test is expected to take, with the application idle
IDLE=20
i0=$(snapshot); sleep "$IDLE"; i1=$(snapshot)

psql_at -d support -c "select pg_stat_statements_reset()" > /dev/null
s0=$(snapshot); t0=$(date +%s.%N)
log "submissions: $CLIENTS clients, at most $SUBMISSIONS / $SECONDS_PER_TEST s"
[ "$PROFILE" = 1 ] && jcmd "$APP_PID" JFR.start name=cost settings=profile filename="$RESULTS/app.jfr" > /dev/null
loadgen --requests "$RESULTS/measured.tsv" --clients "$CLIENTS" --expect 201 --max-requests "$SUBMISSIONS" \
    --max-seconds "$SECONDS_PER_TEST" --label submit --out "$RESULTS/submit.properties" \
    2> "$RESULTS/submit.stderr" | tee -a "$RESULTS/run.log"
t1=$(date +%s.%N)
[ "$PROFILE" = 1 ] && jcmd "$APP_PID" JFR.stop name=cost > /dev/null
s1=$(snapshot)
psql_at -d support -c "select round(calls::numeric / $(grep "^expected_count=" "$RESULTS/submit.properties" | cut -d= -f2), 2) per_submission,
        calls, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) query
   from pg_stat_statements where dbid = (select oid from pg_database where datname = 'support')
  order by calls desc limit 40" -F $'\t' > "$RESULTS/statements.tsv"

log "pgbench TPC-B: scale $PGBENCH_SCALE, $CLIENTS clients, $PGBENCH_SECONDS s (application idle)"
"$PG_BIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U postgres -i -q -s "$PGBENCH_SCALE" pgbench > "$RESULTS/pgbench-init.out" 2>&1
b0=$(pg_cpu)
"$PG_BIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$CLIENTS" -j 2 -T "$PGBENCH_SECONDS" pgbench \
    > "$RESULTS/pgbench.out" 2>&1
b1=$(pg_cpu)
TPS=$(grep -E '^tps' "$RESULTS/pgbench.out" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
TXNS=$(grep -E 'number of transactions actually processed' "$RESULTS/pgbench.out" | sed -E 's/.*: ([0-9]+).*/\1/')

# ---- summary -------------------------------------------------------------------------------------------------------
prop() { grep "^$1=" "$RESULTS/submit.properties" | cut -d= -f2-; }
N=$(prop expected_count)
awk -v s0="$s0" -v s1="$s1" -v i0="$i0" -v i1="$i1" -v secs="$(echo "$t1 - $t0" | bc)" -v idle="$IDLE" \
    -v n="$N" -v hz="$CLK_TCK" -v tps="$TPS" -v b0="$b0" -v b1="$b1" -v txns="$TXNS" -v rps="$(prop expected_rps)" 'BEGIN {
    split(s0, a); split(s1, b); split(i0, c); split(i1, d)
    split("commits rollbacks inserted updated deleted statements jvm_cpu_ms pg_cpu_ms", name)
    printf "per submission (%d accepted in %.1f s; background measured idle for %d s and subtracted):\n", n, secs, idle
    for (k = 1; k <= 8; k++) {
        raw = b[k] - a[k]; bg = (d[k] - c[k]) * secs / idle
        if (k >= 7) { raw *= 1000 / hz; bg *= 1000 / hz }
        printf "  %-11s %8.2f   (raw %.2f, background %.2f)\n", name[k], (raw - bg) / n, raw / n, bg / n
    }
    printf "  row writes  %8.2f\n", ((b[3]-a[3]+b[4]-a[4]+b[5]-a[5]) - (d[3]-c[3]+d[4]-c[4]+d[5]-c[5]) * secs / idle) / n
    printf "submissions/s %s; pgbench TPC-B %s tps; ratio %.3f (target >= 0.25)\n", rps, tps, rps / tps
    pgsub = ((b[8] - a[8]) - (d[8] - c[8]) * secs / idle) * 1000 / hz / n
    pgtx = (b1 - b0) * 1000 / hz / txns
    printf "PostgreSQL CPU: %.2f ms a submission, %.2f ms a TPC-B transaction: a database-bound submission rate of %.3f x pgbench\n", pgsub, pgtx, pgtx / pgsub
}' | tee -a "$SUMMARY"
say "latency: p50 $(prop p50_ms) ms, p95 $(prop p95_ms) ms, p99 $(prop p99_ms) ms; statuses $(prop statuses)"
say "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
say "statements by calls: $RESULTS/statements.tsv"
[ "$PROFILE" = 1 ] && say "JFR recording: $RESULTS/app.jfr"
say "results: $RESULTS"
