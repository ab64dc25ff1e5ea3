#!/usr/bin/env bash
# The benchmark of BENCHMARKS.md, in one command:  bench/run.sh
#
# Builds the application once (from a copy of pom.xml and src/main, under bench/target/build, so neither the
# project's own target/ nor anyone's running build is touched), then, each against its own embedded PostgreSQL
# under bench/target/ (never ./data, the test environment's):
#   1. the 10 k dataset: generate (first run only), overlap check over HTTP (409s) and in SQL, EXPLAINs;
#   2. the 1 M dataset: generate (first run only), HTTP submissions/s with CLIENTS concurrent clients, a person's
#      reports and a bureau's queue (1 client and CLIENTS clients), the overlap check over HTTP and in SQL, EXPLAINs,
#      and pgbench TPC-B on the same server as the ceiling.
# Everything talks to 127.0.0.1 only; every loop is bounded in count and time; the servers it starts are stopped by
# PID on exit. Results: bench/target/results/<timestamp>/ (summary.txt and the raw files).
#
# Settings (environment): CLIENTS=16  BIG_REPORTS=1000000 BIG_PRACTITIONERS=400000 BIG_INSTITUTIONS=33000
#   SMALL_REPORTS=10000 SMALL_PRACTITIONERS=4000 SMALL_INSTITUTIONS=330  SUBMISSIONS=20000  SECONDS_PER_TEST=60
#   READ_SECONDS=20  PGBENCH_SCALE=10 PGBENCH_SECONDS=30  REGENERATE=0 (1: throw the datasets away and generate anew)
#   OVERLAP_PERSONS=390 OVERLAP_SECONDS=15  ONLY=all|small|big|generate   GEN_TIMEOUT=3600 (seconds allowed for a generation)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=$ROOT/bench
TARGET=$BENCH/target

CLIENTS=${CLIENTS:-16}
BIG_REPORTS=${BIG_REPORTS:-1000000}
BIG_PRACTITIONERS=${BIG_PRACTITIONERS:-400000}
BIG_INSTITUTIONS=${BIG_INSTITUTIONS:-33000}
SMALL_REPORTS=${SMALL_REPORTS:-10000}
SMALL_PRACTITIONERS=${SMALL_PRACTITIONERS:-4000}
SMALL_INSTITUTIONS=${SMALL_INSTITUTIONS:-330}
SUBMISSIONS=${SUBMISSIONS:-20000}
SECONDS_PER_TEST=${SECONDS_PER_TEST:-60}
READ_SECONDS=${READ_SECONDS:-20}
OVERLAP_PERSONS=${OVERLAP_PERSONS:-390}
OVERLAP_SECONDS=${OVERLAP_SECONDS:-15}
PGBENCH_SCALE=${PGBENCH_SCALE:-10}
PGBENCH_SECONDS=${PGBENCH_SECONDS:-30}
REGENERATE=${REGENERATE:-0}
ONLY=${ONLY:-all}
GEN_TIMEOUT=${GEN_TIMEOUT:-3600}
SEED=${SEED:-20260701}

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PGBENCH=$PG_BIN/pgbench
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench)
PSQL_BIN=$(command -v psql)

RUN_ID=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)}
RESULTS=${RESULTS:-$TARGET/results/$RUN_ID}
mkdir -p "$RESULTS" "$TARGET/logs"
SUMMARY=$RESULTS/summary.txt
JAR=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RESULTS/run.log" >&2; }
say() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }

# ---- processes we start, stopped by PID ------------------------------------------------------------------------
declare -A APP_PIDS=()      # pid -> data dir

stop_app() {
    local pid=$1 dir=$2 i
    if kill -0 "$pid" 2>/dev/null; then
        log "stopping the application (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        if kill -0 "$pid" 2>/dev/null; then
            log "the application (pid $pid) did not stop in 60 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    # The JVM's shutdown hook stops its PostgreSQL; if the JVM died without it, stop the postmaster of our data dir.
    if [ -f "$dir/postmaster.pid" ]; then
        local pgpid
        pgpid=$(head -1 "$dir/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pgpid" ] && kill -0 "$pgpid" 2>/dev/null; then
            log "stopping PostgreSQL of $dir (pid $pgpid)"
            kill -INT "$pgpid" 2>/dev/null || true
            for i in $(seq 1 30); do kill -0 "$pgpid" 2>/dev/null || break; sleep 1; done
        fi
    fi
    unset "APP_PIDS[$pid]"
}

cleanup() {
    local pid
    for pid in "${!APP_PIDS[@]}"; do stop_app "$pid" "${APP_PIDS[$pid]}"; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build -----------------------------------------------------------------------------------------------------
build() {
    log "building the application jar (copy of pom.xml + src/main under bench/target/build)"
    local b=$TARGET/build
    rm -rf "$b/src" "$b/pom.xml"
    mkdir -p "$b/src"
    cp "$ROOT/pom.xml" "$b/"
    cp -r "$ROOT/src/main" "$b/src/"
    local t0=$SECONDS
    (cd "$b" && mvn -q -Dmaven.test.skip=true package) > "$TARGET/logs/build.log" 2>&1 || {
        cat "$TARGET/logs/build.log" >&2; exit 1; }
    JAR=$(ls "$b"/target/support-report-*.jar | grep -v plain | head -1)
    log "built $JAR in $((SECONDS - t0)) s"
    mkdir -p "$TARGET/loadgen"
    javac -d "$TARGET/loadgen" "$BENCH/src/LoadGen.java"
}

loadgen() { java -cp "$TARGET/loadgen" LoadGen "$@"; }

# ---- one application instance ------------------------------------------------------------------------------------
# start_app <name> <data dir> <pg port> <http port> [extra args...]; sets APP_PID; waits until /actuator/health is UP.
start_app() {
    local name=$1 dir=$2 pgport=$3 port=$4; shift 4
    mkdir -p "$dir"
    log "starting $name: http 127.0.0.1:$port, PostgreSQL 127.0.0.1:$pgport, data $dir $*"
    # The load generator names its actors in the X-Test-Actor header (support.test-auth, benchmark only) rather than
    # signing in with cards: the benchmark measures reports, not card cryptography. No simulated card agent.
    java -Xms1g -Xmx2g -jar "$JAR" --server.port="$port" --server.address=127.0.0.1 \
        --support.embedded-db.data-dir="$dir" --support.embedded-db.port="$pgport" \
        --support.test-auth.enabled=true --support.test-environment.agent=false \
        --support.test-environment.data-dir="$dir/test-environment" "$@" \
        > "$TARGET/logs/$name-$RUN_ID.log" 2>&1 &
    APP_PID=$!
    APP_PIDS[$APP_PID]=$dir
    local deadline=$((SECONDS + GEN_TIMEOUT))
    # readiness turns UP only after the ApplicationRunners (the synthetic data loader among them) have finished
    until curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            tail -50 "$TARGET/logs/$name-$RUN_ID.log" >&2; log "$name died while starting"; exit 1
        fi
        if [ $SECONDS -ge $deadline ]; then log "$name not up after $GEN_TIMEOUT s"; exit 1; fi
        sleep 2
    done
}

psql_at() { "$PSQL_BIN" -X -q -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql_pretty() { "$PSQL_BIN" -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

# Starts the application on a dataset, generating it first if its data dir has none yet.
# open_dataset <label> <reports> <practitioners> <institutions> <pg port> <http port>
open_dataset() {
    local label=$1 reports=$2 practitioners=$3 institutions=$4
    PGPORT=$5; HTTP_PORT=$6
    DATA_DIR=$TARGET/pg-$label
    local marker=$DATA_DIR.generated
    if [ "$REGENERATE" = 1 ] && [ -d "$DATA_DIR" ]; then
        log "REGENERATE=1: removing $DATA_DIR"; rm -rf "$DATA_DIR" "$marker"
    fi
    if [ ! -f "$marker" ]; then
        rm -rf "$DATA_DIR"
        local t0=$SECONDS
        start_app "$label" "$DATA_DIR" "$PGPORT" "$HTTP_PORT" --support.synthetic-data.enabled=true \
            --support.synthetic-data.seed="$SEED" --support.synthetic-data.reports="$reports" \
            --support.synthetic-data.practitioners="$practitioners" \
            --support.synthetic-data.institutions="$institutions"
        # readiness can turn UP before the loader (an ApplicationRunner) has finished: wait for its last line
        local applog=$TARGET/logs/$label-$RUN_ID.log gen_deadline=$((SECONDS + GEN_TIMEOUT))
        until grep -qE 'Synthetic test data: ([0-9]+ institutions.* in [0-9]+ ms|the database already)' "$applog"; do
            kill -0 "$APP_PID" 2>/dev/null || { tail -50 "$applog" >&2; log "$label died while generating"; exit 1; }
            [ $SECONDS -lt $gen_deadline ] || { log "$label: the generator has not finished after $GEN_TIMEOUT s"; exit 1; }
            sleep 5
        done
        local startup=$((SECONDS - t0))
        local n gen_ms
        n=$(psql_at -c "select count(*) from support_report")
        gen_ms=$(grep -oE 'Synthetic test data: .* in [0-9]+ ms' "$TARGET/logs/$label-$RUN_ID.log" | grep -oE '[0-9]+ ms$' | cut -d' ' -f1 || true)
        log "$label: generated $n reports; the loader took ${gen_ms:-?} ms, the application was ready after $startup s"
        local t1=$SECONDS
        psql_at -c "vacuum (analyze)" >/dev/null
        local vac=$((SECONDS - t1))
        printf 'generated_at=%s\nready_after_s=%s\ngenerator_ms=%s\nvacuum_analyze_s=%s\nreports=%s\n' \
            "$RUN_ID" "$startup" "${gen_ms:-n/a}" "$vac" "$n" > "$marker"
    else
        log "$label: reusing the dataset in $DATA_DIR (generated $(grep generated_at "$marker" | cut -d= -f2))"
        start_app "$label" "$DATA_DIR" "$PGPORT" "$HTTP_PORT" --support.synthetic-data.enabled=false
        psql_at -c "analyze" >/dev/null
    fi
    cp "$marker" "$RESULTS/$label-generation.properties"
    {
        echo "== $label dataset =="
        psql_pretty -c "select (select count(*) from support_report) reports, (select count(*) from report_revision) revisions,
                               (select count(*) from report_transition) transitions, (select count(*) from practitioner) practitioners,
                               (select count(*) from institution) institutions, (select count(*) from practice_registration) registrations,
                               pg_size_pretty(pg_database_size('postgres')) db_size"
        psql_pretty -c "select status, count(*) from support_report group by 1 order by 2 desc"
        psql_pretty -c "select deciding_bureau, count(*) filter (where queued_at is not null) queued, count(*) reports
                          from support_report group by 1 order by 2 desc limit 5"
        psql_pretty -c "select n, count(*) practitioners from (select count(*) n from support_report group by practitioner_id) x
                          group by n order by n desc limit 8"
        psql_pretty -c "select name, setting from pg_settings where name in
                          ('shared_buffers','synchronous_commit','fsync','max_connections','work_mem','server_version')"
    } > "$RESULTS/$label-dataset.txt" 2>&1
}

# ---- request files -------------------------------------------------------------------------------------------------
# Far-future period no generated report reaches; each request has its own practitioner (none has a report there).
SUBMIT_START=2029-01-01
SUBMIT_END=2029-03-31

make_submissions() {
    local n=$1 out=$2
    psql_at -F $'\t' -o "$out" <<SQL
with open_inst as (
    select code, row_number() over (order by code) rn from institution where status = 'OPEN'
), cnt as (select count(*) c from open_inst),
cand as (
    select p.id, p.national_id, reg.institution_code home
      from practitioner p
      join lateral (select r.institution_code from practice_registration r
                     where r.practitioner_id = p.id and r.status = 'PRACTISING'
                       and r.valid_from <= date '$SUBMIT_START' and r.valid_to is null
                     order by r.valid_from desc, r.id desc limit 1) reg on true
     where not exists (select 1 from practice_registration r2 where r2.practitioner_id = p.id
                        and r2.status = 'PRACTISING' and r2.valid_from > date '$SUBMIT_START')
       and not exists (select 1 from support_report s where s.practitioner_id = p.id
                        and s.effective_end >= date '$SUBMIT_START')
     order by md5(p.id::text || '$RUN_ID')
     limit $n
)
select 'POST', '/api/v1/submissions', 'practitioner:' || c.national_id, 'bench-$RUN_ID-' || c.id,
       json_build_object('practitioner', c.national_id, 'supportedInstitution', s.code, 'category', 'REGULAR',
                         'department', '02', 'content', '支援門診 (benchmark)',
                         'period', json_build_object('start', '$SUBMIT_START', 'end', '$SUBMIT_END'),
                         'schedule', json_build_object('weekly', json_build_array(
                              json_build_object('day', 'MONDAY', 'start', '09:00', 'end', '12:00'),
                              json_build_object('day', 'THURSDAY', 'start', '14:00', 'end', '17:00'))))::text
  from cand c
  cross join cnt
  join lateral (select o.code from open_inst o
                 where o.rn >= (c.id * 7919) % cnt.c + 1 and o.code <> c.home
                 order by o.rn limit 1) s on true
SQL
}

# Submissions that must be refused for overlap: the same time as one of the person's live reports, every day of the
# week 00:00-23:59 over that report's period, so the whole check (load the person's live reports, compare) runs.
make_overlaps() {
    local n=$1 out=$2
    psql_at -F $'\t' -o "$out" <<SQL
with cand as (
    select distinct on (r.practitioner_id) r.practitioner_id, r.supported_institution, r.period_start, r.effective_end,
           p.national_id
      from support_report r
      join practitioner p on p.id = r.practitioner_id
      join institution s on s.code = r.supported_institution and s.status = 'OPEN'
      join lateral (select g.institution_code from practice_registration g
                     where g.practitioner_id = p.id and g.status = 'PRACTISING'
                       and g.valid_from <= current_date and g.valid_to is null
                     order by g.valid_from desc, g.id desc limit 1) reg on reg.institution_code <> r.supported_institution
     where r.status in ('SUBMITTED', 'APPROVED') and r.pending_revision is null
       and r.period_start > current_date + 2 and r.effective_end >= r.period_start + 14
       and r.effective_end < r.period_start + interval '360 days'
       and not exists (select 1 from practice_registration g2 where g2.practitioner_id = p.id
                        and g2.valid_from > current_date)
     order by r.practitioner_id
), pick as (select * from cand order by md5(practitioner_id::text) limit $n)
select 'POST', '/api/v1/submissions', 'practitioner:' || national_id, 'bench-ovl-$RUN_ID-' || practitioner_id,
       json_build_object('practitioner', national_id, 'supportedInstitution', supported_institution,
                         'category', 'REGULAR', 'department', '02', 'content', 'overlap probe (benchmark)',
                         'period', json_build_object('start', period_start, 'end', effective_end),
                         'schedule', json_build_object('weekly', (
                             select json_agg(json_build_object('day', d, 'start', '00:00', 'end', '23:59'))
                               from unnest(array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY','SUNDAY']) d)))::text
  from pick
SQL
}

make_person_reads() {
    local n=$1 out=$2
    psql_at -F $'\t' -o "$out" <<SQL
select 'GET', '/api/v1/reports?practitioner=' || p.national_id, 'practitioner:' || p.national_id, '-', '-'
  from (select distinct practitioner_id from support_report) r
  join practitioner p on p.id = r.practitioner_id
 order by md5(p.id::text) limit $n
SQL
}

make_queue_reads() {
    local out=$1
    psql_at -F $'\t' -o "$out" <<SQL
-- each reviewer's account carries its holder's national ID (separation of duties): Q8 + the county code, which
-- belongs to no practitioner (the generator never uses Q), with its check digit (Q counts as 24)
create function pg_temp.staff_id(n int) returns text language sql as \$\$
  select b || ((10 - (2 + 4 * 9 + (select sum(substr(b, i + 1, 1)::int * (9 - i)) from generate_series(1, 8) i)) % 10) % 10)
    from (select 'Q8' || lpad((n % 10000000)::text, 7, '0') as b) x \$\$;
select 'GET', '/api/v1/reports?awaitingDecision=true&size=20',
       'reviewer:' || county_code || ':bench:' || pg_temp.staff_id(county_code::int), '-', '-'
  from health_bureau order by county_code
SQL
}

# ---- measurements ----------------------------------------------------------------------------------------------------
prop() { grep "^$2=" "$1" | cut -d= -f2-; }

# CPU time (clock ticks) of processes, and the processes of our PostgreSQL (postmaster and its children).
CLK_TCK=$(getconf CLK_TCK)
cpu_ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$t"; }
pg_pids() { local pm; pm=$(head -1 "$DATA_DIR/postmaster.pid"); echo "$pm" $(ps -o pid= --ppid "$pm"); }

http_test() {  # http_test <label> <file> <clients> <expect> <max requests> <max seconds> [--cycle] [--warmup N]
    local label=$1 file=$2 clients=$3 expect=$4 max=$5 secs=$6; shift 6
    log "HTTP $label: $(wc -l < "$file") requests available, $clients clients, at most $max requests / $secs s"
    local a0 p0 a1 p1
    a0=$(cpu_ticks "$APP_PID"); p0=$(cpu_ticks $(pg_pids))
    loadgen --base "http://127.0.0.1:$HTTP_PORT" --requests "$file" --clients "$clients" --expect "$expect" \
        --max-requests "$max" --max-seconds "$secs" --label "$label" --out "$RESULTS/$label.properties" "$@" \
        2> "$RESULTS/$label.stderr" | tee -a "$RESULTS/run.log" || log "HTTP $label failed (see $RESULTS/$label.stderr)"
    a1=$(cpu_ticks "$APP_PID"); p1=$(cpu_ticks $(pg_pids))
    # CPU seconds used during the test (warm-up included) by the application JVM and by PostgreSQL
    printf 'app_cpu_s=%s\npostgres_cpu_s=%s\n' "$(awk -v d=$((a1 - a0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", d/h}')" \
        "$(awk -v d=$((p1 - p0)) -v h="$CLK_TCK" 'BEGIN{printf "%.1f", d/h}')" >> "$RESULTS/$label.properties"
}

# Waits (at most 600 s) until the audit trail has caught up: every event publication completed. Prints the seconds.
audit_drain() {  # audit_drain <label>
    local label=$1 t0=$SECONDS backlog n
    backlog=$(psql_at -c "select count(*) from event_publication where completion_date is null")
    n=$backlog
    while [ "$n" -gt 0 ] && [ $((SECONDS - t0)) -lt 600 ]; do
        sleep 1
        n=$(psql_at -c "select count(*) from event_publication where completion_date is null")
    done
    printf 'backlog_at_start=%s\nseconds_to_drain=%s\nleft=%s\n' "$backlog" "$((SECONDS - t0))" "$n" > "$RESULTS/$label.properties"
    log "audit backlog ($label): $backlog outstanding event publications, drained in $((SECONDS - t0)) s, $n left"
}

# p50/p99 (ms) of one SQL statement, run by pgbench with one client for a bounded time against random practitioners.
sql_latency() {  # sql_latency <label> <script> <seconds>
    local label=$1 script=$2 secs=$3
    local dir=$RESULTS/pgbench-$label
    mkdir -p "$dir"
    (cd "$dir" && "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -n -c 1 -j 1 -T "$secs" -M prepared \
        -D maxpid="$(psql_at -c 'select max(id) from practitioner')" -f "$script" -l --log-prefix=lat postgres \
        > "$dir/pgbench.out" 2>&1)
    cat "$dir"/lat* | awk '{print $3}' | sort -n > "$dir/sorted_us"
    local n p50 p99 avg
    n=$(wc -l < "$dir/sorted_us")
    p50=$(awk -v n="$n" 'NR==int(n*0.50+0.999){printf "%.3f", $1/1000}' "$dir/sorted_us")
    p99=$(awk -v n="$n" 'NR==int(n*0.99+0.999){printf "%.3f", $1/1000}' "$dir/sorted_us")
    avg=$(awk '{s+=$1} END{printf "%.3f", s/NR/1000}' "$dir/sorted_us")
    printf 'label=%s\nexecutions=%s\nsql_p50_ms=%s\nsql_p99_ms=%s\nsql_avg_ms=%s\n' "$label" "$n" "$p50" "$p99" "$avg" \
        | tee "$RESULTS/$label.properties" | tr '\n' ' ' | tee -a "$RESULTS/run.log"; echo
    rm -f "$dir"/lat*
}

explains() {  # explains <label>
    local label=$1 out=$RESULTS/$1-explain.txt
    local pid nid bureau
    # the worst cases: the person with the most reports and the bureau with the largest queue
    read -r pid nid < <(psql_at -F ' ' -c "select r.practitioner_id, p.national_id from support_report r
        join practitioner p on p.id = r.practitioner_id group by 1, 2 order by count(*) desc, 1 limit 1")
    bureau=$(psql_at -c "select deciding_bureau from support_report where queued_at is not null
        group by 1 order by count(*) desc limit 1")
    {
        echo "-- $label dataset; practitioner $pid (the one with the most reports), bureau $bureau (the largest queue)"
        echo; echo "-- A person's reports: GET /api/v1/reports?practitioner=… as that practitioner (ReportQueries.search)"
        psql_pretty -c "explain (analyze, buffers)
select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
  from support_report r
  join practitioner p on p.id = r.practitioner_id
  join institution h on h.code = r.home_institution
  join institution s on s.code = r.supported_institution
 where r.practitioner_id = $pid and r.practitioner_id = (select id from practitioner where national_id = '$nid')
 order by r.created_at desc nulls last, r.id desc
 limit 20 offset 0"
        # The queue as ReportQueries.search builds it for a reviewer (scope, then awaitingDecision) at the time of the
        # run; if ReportQueries changes, change this text with it.
        local bq="r.deciding_bureau = '$bureau' and r.queued_at is not null"
        echo; echo "-- A bureau's queue: GET /api/v1/reports?awaitingDecision=true&size=20 as reviewer:$bureau (page query)"
        psql_pretty -c "explain (analyze, buffers)
select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
  from support_report r
  join practitioner p on p.id = r.practitioner_id
  join institution h on h.code = r.home_institution
  join institution s on s.code = r.supported_institution
 where $bq
 order by r.queued_at asc, r.id asc
 limit 20 offset 0"
        echo; echo "-- … and its total, capped at 10 001 rows (issued whenever the first page is full)"
        psql_pretty -c "explain (analyze, buffers)
select count(*) from (select 1 from support_report r where $bq limit 10001) capped"
        echo; echo "-- The overlap check: ReportRepository.liveCommitments (one query: the live versions of the person's reports)"
        psql_pretty -c "explain (analyze, buffers)
$(live_sql "$pid" current_date)"
    } > "$out" 2>&1
    log "EXPLAIN output: $out"
}

# The overlap check over HTTP: submissions refused with 409 (a refusal changes nothing, so the same requests can be
# sent again): OVERLAP_PERSONS different people, cycled for OVERLAP_SECONDS with 1 client (the check's own latency)
# and again with CLIENTS clients.
overlap_tests() {  # overlap_tests <label>
    local label=$1 all=$RESULTS/$1-overlap.tsv
    make_overlaps "$OVERLAP_PERSONS" "$all"
    # the same warm-up on both datasets, so the JIT is as warm for the 10 k run as for the 1 M one
    loadgen --base "http://127.0.0.1:$HTTP_PORT" --requests "$all" --clients "$CLIENTS" --cycle \
        --max-requests 100000 --max-seconds 20 --label warmup > /dev/null 2>&1 || true
    http_test "$label-overlap-409-1c" "$all" 1 409 100000 "$OVERLAP_SECONDS" --cycle --warmup 200
    http_test "$label-overlap-409" "$all" "$CLIENTS" 409 100000 "$OVERLAP_SECONDS" --cycle --warmup 400
}

# ReportRepository.liveCommitments as the application issues it; if it changes, change this text with it.
live_sql() {  # live_sql <practitioner id expression> <from date expression>
    printf '%s' "select r.id, r.case_number, r.status, r.practitioner_id, r.home_institution, r.supported_institution,
       r.deciding_bureau, r.informed_bureau, v.revision_no = r.pending_revision as pending,
       v.period_start, v.period_end, r.cancelled_from, v.schedule
  from support_report r
  join report_revision v on v.report_id = r.id
   and (v.revision_no = r.in_force_revision or v.revision_no = r.pending_revision)
 where r.practitioner_id = $1 and r.effective_end >= $2
   and r.status in ('SUBMITTED', 'RETURNED', 'APPROVED', 'CANCELLED')
 order by r.id, v.revision_no"
}

write_sql_scripts() {
    { echo '\set pid random(1, :maxpid)'; live_sql :pid current_date | tr '\n' ' '; echo ';'; } > "$RESULTS/live_commitments.sql"
}

# ---- the run (one function, so bash has read all of it before it starts) ----------------------------------
main() {
build
write_sql_scripts
CORES=$(nproc)
MEM=$(free -g | awk '/^Mem:/{print $2}')
say "benchmark $RUN_ID on $(uname -n): nproc=$CORES, RAM=${MEM} GiB, $(java -version 2>&1 | head -1), clients=$CLIENTS"

if [ "$ONLY" = generate ]; then
    # only build the datasets (for a first run in two steps); the next run reuses them
    open_dataset small "$SMALL_REPORTS" "$SMALL_PRACTITIONERS" "$SMALL_INSTITUTIONS" 25433 18081
    stop_app "$APP_PID" "$DATA_DIR"
    open_dataset big "$BIG_REPORTS" "$BIG_PRACTITIONERS" "$BIG_INSTITUTIONS" 25432 18080
    stop_app "$APP_PID" "$DATA_DIR"
    return 0
fi

if [ "$ONLY" = all ] || [ "$ONLY" = small ]; then
    open_dataset small "$SMALL_REPORTS" "$SMALL_PRACTITIONERS" "$SMALL_INSTITUTIONS" 25433 18081
    SMALL_PID=$APP_PID
    explains small
    make_person_reads 200 "$RESULTS/small-warm.tsv"
    loadgen --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/small-warm.tsv" --clients 4 --cycle \
        --max-requests 3000 --max-seconds 30 --label warmup > /dev/null 2>&1 || true
    overlap_tests small
    sql_latency small-live-sql "$RESULTS/live_commitments.sql" 10
    stop_app "$SMALL_PID" "$DATA_DIR"
fi

if [ "$ONLY" = all ] || [ "$ONLY" = big ]; then
    open_dataset big "$BIG_REPORTS" "$BIG_PRACTITIONERS" "$BIG_INSTITUTIONS" 25432 18080
    BIG_PID=$APP_PID
    explains big
    log "preparing request files"
    make_submissions "$((SUBMISSIONS + 1000))" "$RESULTS/big-submit.tsv"
    make_person_reads 20000 "$RESULTS/big-person.tsv"
    make_queue_reads "$RESULTS/big-queue.tsv"
    # warm-up of the JIT and the caches: reads only, then the first submissions (not recorded)
    loadgen --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/big-person.tsv" --clients 4 --cycle \
        --max-requests 3000 --max-seconds 30 --label warmup > /dev/null 2>&1 || true
    audit_drain big-audit-before
    local e0 e1
    e0=$(psql_at -c "select count(*) from audit_entry")
    http_test big-submit "$RESULTS/big-submit.tsv" "$CLIENTS" 201 "$SUBMISSIONS" "$SECONDS_PER_TEST" --warmup 1000
    # the audit trail is written after commit, asynchronously, one entry at a time (serialized on audit_head)
    audit_drain big-audit-after-submit
    e1=$(psql_at -c "select count(*) from audit_entry")
    echo "audit_entries_written=$((e1 - e0))" >> "$RESULTS/big-audit-after-submit.properties"
    overlap_tests big
    http_test big-person-1c "$RESULTS/big-person.tsv" 1 200 100000 "$READ_SECONDS" --cycle --warmup 200
    http_test big-person "$RESULTS/big-person.tsv" "$CLIENTS" 200 100000 "$READ_SECONDS" --cycle --warmup 200
    http_test big-queue-1c "$RESULTS/big-queue.tsv" 1 200 100000 "$READ_SECONDS" --cycle --warmup 100
    http_test big-queue "$RESULTS/big-queue.tsv" "$CLIENTS" 200 100000 "$READ_SECONDS" --cycle --warmup 100
    sql_latency big-live-sql "$RESULTS/live_commitments.sql" 10

    log "pgbench TPC-B: scale $PGBENCH_SCALE, $CLIENTS clients, $PGBENCH_SECONDS s, same server (application idle)"
    psql_at -c "drop database if exists pgbench" >/dev/null
    psql_at -c "create database pgbench" >/dev/null
    "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -i -q -s "$PGBENCH_SCALE" pgbench > "$RESULTS/pgbench-init.out" 2>&1
    "$PGBENCH" -h 127.0.0.1 -p "$PGPORT" -U postgres -c "$CLIENTS" -j "$(( CORES < CLIENTS ? CORES : CLIENTS ))" \
        -T "$PGBENCH_SECONDS" pgbench > "$RESULTS/pgbench.out" 2>&1
    PGBENCH_TPS=$(grep -E '^tps' "$RESULTS/pgbench.out" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
    PGBENCH_LAT=$(grep -E '^latency average' "$RESULTS/pgbench.out" | sed -E 's/.*= ([0-9.]+) ms/\1/')
    log "pgbench: tps=$PGBENCH_TPS latency_avg_ms=$PGBENCH_LAT"
    psql_at -c "drop database pgbench" >/dev/null
    stop_app "$BIG_PID" "$DATA_DIR"
fi

# ---- summary -----------------------------------------------------------------------------------------------------
f() { [ -f "$RESULTS/$1.properties" ] && prop "$RESULTS/$1.properties" "$2" || echo "n/a"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else print "n/a" }'; }
say ""
for g in small big; do
    [ -f "$RESULTS/$g-generation.properties" ] && say "dataset $g: $(tr '\n' ' ' < "$RESULTS/$g-generation.properties")"
done
say ""
say "HTTP submissions (1 M, $CLIENTS clients): $(f big-submit expected_rps) 201/s of $(f big-submit requests) requests ($(f big-submit statuses)), p50 $(f big-submit p50_ms) ms, p95 $(f big-submit p95_ms) ms, p99 $(f big-submit p99_ms) ms"
say "pgbench TPC-B (scale $PGBENCH_SCALE, $CLIENTS clients, ${PGBENCH_SECONDS} s): ${PGBENCH_TPS:-n/a} tps, latency avg ${PGBENCH_LAT:-n/a} ms"
SUBMIT_RATIO=$(ratio "$(f big-submit expected_rps)" "${PGBENCH_TPS:-0}")
say "  submissions / pgbench tps = $SUBMIT_RATIO  (target >= 0.50)"
say "  CPU during the submission test ($(f big-submit seconds) s + warm-up, $CORES cores): application JVM $(f big-submit app_cpu_s) s, PostgreSQL $(f big-submit postgres_cpu_s) s, load generator $(f big-submit loadgen_cpu_s) s"
say "  audit trail after the submissions: $(f big-audit-after-submit backlog_at_start) event publications outstanding, drained in $(f big-audit-after-submit seconds_to_drain) s ($(f big-audit-after-submit audit_entries_written) audit entries written during test + drain)"
say "A person's reports (1 M, avg response $(f big-person-1c avg_response_bytes) B): 1 client p50 $(f big-person-1c p50_ms) / p99 $(f big-person-1c p99_ms) ms; $CLIENTS clients p50 $(f big-person p50_ms) / p99 $(f big-person p99_ms) ms, $(f big-person throughput_rps) req/s ($(f big-person statuses))"
say "A bureau's queue (1 M):   1 client p50 $(f big-queue-1c p50_ms) / p99 $(f big-queue-1c p99_ms) ms; $CLIENTS clients p50 $(f big-queue p50_ms) / p99 $(f big-queue p99_ms) ms, $(f big-queue throughput_rps) req/s ($(f big-queue statuses))"
say "  target: p99 <= 20 ms"
say "Overlap check over HTTP (409 refusals), 1 client: 10 k p50 $(f small-overlap-409-1c p50_ms) / p99 $(f small-overlap-409-1c p99_ms) ms ($(f small-overlap-409-1c statuses)); 1 M p50 $(f big-overlap-409-1c p50_ms) / p99 $(f big-overlap-409-1c p99_ms) ms ($(f big-overlap-409-1c statuses))"
say "  ratio 1 M / 10 k: p50 $(ratio "$(f big-overlap-409-1c p50_ms)" "$(f small-overlap-409-1c p50_ms)"), p99 $(ratio "$(f big-overlap-409-1c p99_ms)" "$(f small-overlap-409-1c p99_ms)")  (target <= 1.5)"
say "Overlap check over HTTP (409 refusals), $CLIENTS clients: 10 k p50 $(f small-overlap-409 p50_ms) / p99 $(f small-overlap-409 p99_ms) ms, $(f small-overlap-409 throughput_rps) req/s ($(f small-overlap-409 statuses)); 1 M p50 $(f big-overlap-409 p50_ms) / p99 $(f big-overlap-409 p99_ms) ms, $(f big-overlap-409 throughput_rps) req/s ($(f big-overlap-409 statuses))"
say "  ratio 1 M / 10 k: p50 $(ratio "$(f big-overlap-409 p50_ms)" "$(f small-overlap-409 p50_ms)"), p99 $(ratio "$(f big-overlap-409 p99_ms)" "$(f small-overlap-409 p99_ms)")"
say "Overlap query in SQL (liveCommitments, 1 client, random practitioner): 10 k p50 $(f small-live-sql sql_p50_ms) / p99 $(f small-live-sql sql_p99_ms) ms; 1 M p50 $(f big-live-sql sql_p50_ms) / p99 $(f big-live-sql sql_p99_ms) ms"
say "  ratio 1 M / 10 k: p50 $(ratio "$(f big-live-sql sql_p50_ms)" "$(f small-live-sql sql_p50_ms)"), p99 $(ratio "$(f big-live-sql sql_p99_ms)" "$(f small-live-sql sql_p99_ms)")"
say ""
say "results and EXPLAIN output: $RESULTS"
}

# bench/national.sh sources this file for its functions (RUN_SH_LIBRARY=1) and runs its own main
[ "${RUN_SH_LIBRARY:-0}" = 1 ] || main "$@"
