#!/usr/bin/env bash
# The health bureau's back office at 1 M reports (issue 5), one command:  bench/backoffice.sh
#
# As a reviewer of the bureau with the largest queue, named in the X-Test-Actor header (support.test-auth, benchmark
# only, as bench/run.sh): the review queue page GET /review (page 1, page 2, and random pages 3–500), the API queue
# GET /api/v1/reports?awaitingDecision=true&size=20, and the start page's searches within the bureau's jurisdiction
# (full national ID, name, case number, approval number, institution code, status + period), each with 200 values
# sampled from the dataset with psql and 50 that find nothing. p50/p95/p99 with 1 client and with 4; every response
# checked (200, expected row count). Then EXPLAIN (ANALYZE, BUFFERS) of each kind's SQL, as ReportQueries issued it
# up to issue 14: since issue 15 a list reads the page's ids first and then their rows, which bench/national.sh
# (the same kinds and more, NationalBench grown from BackOfficeBench) explains as issued now. This script stays for
# the 1 M figures of BENCHMARKS.md's "Back office"; for current plans use bench/national.sh.
#
# Builds the jar from the LAST COMMIT (git archive HEAD, under bench/target/build-backoffice: the working tree may be
# mid-edit), starts it on 127.0.0.1:$HTTP_PORT on bench/run.sh's 1 M dataset (bench/target/pg-big, its PostgreSQL on
# 25432, exactly as run.sh starts it; never regenerated here: run `ONLY=generate bench/run.sh` first if it is missing),
# and stops it by its PID on exit. Nothing but 127.0.0.1 is contacted; every loop is bounded in count and time.
# Results: bench/target/results/backoffice-<timestamp>/ (summary.txt, bench.tsv, explain.txt, samples.tsv).
#
# Settings (environment): N=300 (timed requests a kind, 1 client)  WARMUP=30  MAX_SECONDS=40 (a kind, 1 client)
#   CLIENTS4=4 (0: skip the 4-client runs)  N4=400  MAX_SECONDS4=30  SAMPLES=200  MISSES=50  HTTP_PORT=18096
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=$ROOT/bench/target
DATA_DIR=$TARGET/pg-big
PGPORT=25432                    # bench/run.sh's port for this data dir
HTTP_PORT=${HTTP_PORT:-18096}
N=${N:-300}
WARMUP=${WARMUP:-30}
MAX_SECONDS=${MAX_SECONDS:-40}
CLIENTS4=${CLIENTS4:-4}
N4=${N4:-400}
MAX_SECONDS4=${MAX_SECONDS4:-30}
SAMPLES=${SAMPLES:-200}
MISSES=${MISSES:-50}
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$TARGET/results/backoffice-$RUN_ID
BUILD=$TARGET/build-backoffice
LOG=$TARGET/logs/backoffice-$RUN_ID.log
mkdir -p "$RESULTS" "$TARGET/logs"
SUMMARY=$RESULTS/summary.txt
say() { printf '%s\n' "$*" | tee -a "$SUMMARY"; }
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
psql_at() { psql -X -q -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql_pretty() { psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }

[ -f "$DATA_DIR.generated" ] || { echo "no 1 M dataset at $DATA_DIR: run 'ONLY=generate bench/run.sh' first" >&2; exit 1; }
if [ -f "$DATA_DIR/postmaster.pid" ] && kill -0 "$(head -1 "$DATA_DIR/postmaster.pid")" 2>/dev/null; then
    echo "$DATA_DIR is in use by PostgreSQL pid $(head -1 "$DATA_DIR/postmaster.pid") (bench/run.sh?): not starting" >&2; exit 1
fi
for port in "$HTTP_PORT" "$PGPORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is taken" >&2; exit 1; fi
done

# ---- build from the last commit ---------------------------------------------------------------------------------
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)
log "building the jar of commit $COMMIT under $BUILD"
rm -rf "$BUILD"; mkdir -p "$BUILD"
git -C "$ROOT" archive HEAD pom.xml src/main | tar -x -C "$BUILD"
(cd "$BUILD" && mvn -q -B -o -Dmaven.test.skip=true package) > "$TARGET/logs/build-backoffice.log" 2>&1 || {
    cat "$TARGET/logs/build-backoffice.log" >&2; exit 1; }
JAR=$(ls "$BUILD"/target/support-report-*.jar | grep -v -e plain -e original | head -1)

# ---- the application on the 1 M dataset, as bench/run.sh starts it ------------------------------------------------
APP=""
stop() {
    if [ -n "$APP" ] && kill -0 "$APP" 2>/dev/null; then
        log "stopping the application (pid $APP)"
        kill -TERM "$APP" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$APP" 2>/dev/null || break; sleep 1; done
        kill -0 "$APP" 2>/dev/null && kill -KILL "$APP" 2>/dev/null || true
    fi
    # the JVM's shutdown hook stops its PostgreSQL; if it died without, stop the postmaster of our data dir
    if [ -n "$APP" ] && [ -f "$DATA_DIR/postmaster.pid" ]; then
        local pg; pg=$(head -1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
        if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
            log "stopping PostgreSQL of $DATA_DIR (pid $pg)"
            kill -INT "$pg" 2>/dev/null || true
            for _ in $(seq 1 30); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
        fi
    fi
    APP=""
}
trap stop EXIT
trap 'exit 130' INT TERM
log "starting the application: http 127.0.0.1:$HTTP_PORT, PostgreSQL 127.0.0.1:$PGPORT, data $DATA_DIR"
java -Xms1g -Xmx2g -jar "$JAR" --server.port="$HTTP_PORT" --server.address=127.0.0.1 \
    --support.embedded-db.data-dir="$DATA_DIR" --support.embedded-db.port="$PGPORT" \
    --support.test-auth.enabled=true --support.test-environment.agent=false \
    --support.test-environment.data-dir="$DATA_DIR/test-environment" --support.synthetic-data.enabled=false \
    > "$LOG" 2>&1 &
APP=$!
for i in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"' && break
    kill -0 "$APP" 2>/dev/null || { tail -50 "$LOG" >&2; echo "the application died while starting" >&2; exit 1; }
    [ "$i" -lt 150 ] || { echo "the application is not up after 300 s" >&2; exit 1; }
    sleep 2
done
psql_at -c "analyze" > /dev/null

# ---- the reviewer and the samples -------------------------------------------------------------------------------
BUREAU=$(psql_at -c "select deciding_bureau from support_report where queued_at is not null
    group by 1 order by count(*) desc limit 1")
# a reviewer's account carries its holder's national ID (separation of duties); Q8… belongs to no practitioner
ACTOR="reviewer:$BUREAU:bench-reviewer:Q890000014"
REPORTS=$(psql_at -c "select count(*) from support_report")
read -r QUEUED SCOPE_ROWS < <(psql_at -F ' ' -c "select count(*) filter (where deciding_bureau = '$BUREAU' and queued_at is not null),
    count(*) filter (where (deciding_bureau = '$BUREAU' or informed_bureau = '$BUREAU')
                     and case_number is not null) from support_report")
log "reviewer $ACTOR: queue $QUEUED, jurisdiction $SCOPE_ROWS filed reports; sampling the request values"
# One line a request: kind, path, expected rows, marker, then the parameters. Hits are values drawn at random
# (fixed seed) from the reports the reviewer sees; misses are real values of other bureaus (and a period no report
# meets), so they find nothing here. Expected rows: min(20, what the jurisdiction holds for the value).
psql_at -F $'\t' -v b="$BUREAU" -v n="$SAMPLES" -v m="$MISSES" -o "$RESULTS/samples.tsv" <<'SQL'
set max_parallel_workers_per_gather = 0;
select setseed(0.20261127) \g /dev/null
create temp table scope as
  select r.id, r.case_number, r.approval_number, r.status, r.practitioner_id, r.home_institution,
         r.supported_institution, r.period_start, r.period_end, p.name
    from support_report r join practitioner p on p.id = r.practitioner_id
   where (r.deciding_bureau = :'b' or r.informed_bureau = :'b')
     and r.case_number is not null;
create index on scope (practitioner_id);
create index on scope (name);
create index on scope (home_institution);
create index on scope (supported_institution);
create index on scope (status, period_end);
analyze scope;
create temp table elsewhere as   -- reports the reviewer does not see
  select r.case_number, r.approval_number, r.practitioner_id
    from support_report r
   where r.deciding_bureau <> :'b' and r.informed_bureau is distinct from :'b' and r.case_number is not null
   order by random() limit 2000;
create function pg_temp.roc(d date) returns text language sql as
  $$ select (extract(year from d)::int - 1911) || to_char(d, '/MM/DD') $$;
-- the queue: page 1, page 2, random deeper pages (the page parameter stops at 500)
select 'queue /review p1', '/review', 20, '';
select 'queue /review p2', '/review', 20, '', 'page=1';
select 'queue /review p3-500', '/review', 20, '', 'page=' || (2 + floor(random() * 498))::int
  from generate_series(1, :n);
select 'queue API', '/api/v1/reports', 20, '', 'awaitingDecision=true', 'size=20';
select 'start page, no filter', '/', 20, '';
-- 副知: its county's reports decided elsewhere, newest first (page 1, random deeper pages)
select '副知 p1', '/review/informed', 20, '';
select '副知 p2-500', '/review/informed', 20, '', 'page=' || (1 + floor(random() * 499))::int
  from generate_series(1, :n);
-- full national ID
select 'person ID', '/', least(20, k), '', 'person=' || p.national_id
  from (select practitioner_id, count(*) k from scope group by 1 order by random() limit :n) s
  join practitioner p on p.id = s.practitioner_id;
select 'person ID (none)', '/', 0, '', 'person=' || p.national_id
  from (select distinct practitioner_id from elsewhere) e join practitioner p on p.id = e.practitioner_id
 where not exists (select 1 from scope s where s.practitioner_id = e.practitioner_id) limit :m;
-- name (the text box: case number, approval number or name)
select 'name', '/', least(20, k), name, 'text=' || name
  from (select name, count(*) k from scope group by 1 order by random() limit :n) s;
select 'name (none)', '/', 0, '', 'text=' || p.name
  from (select distinct practitioner_id from elsewhere) e join practitioner p on p.id = e.practitioner_id
 where not exists (select 1 from scope s where s.name = p.name) limit :m;
-- case number, approval number (the marker: the case number, shown in the row)
select 'case number', '/', 1, case_number, 'text=' || case_number from scope order by random() limit :n;
select 'case number (none)', '/', 0, '', 'text=' || case_number from elsewhere limit :m;
select 'approval number', '/', 1, case_number, 'text=' || approval_number
  from scope where approval_number is not null order by random() limit :n;
select 'approval number (none)', '/', 0, '', 'text=' || approval_number
  from elsewhere where approval_number is not null limit :m;
-- institution code (home or supported)
select 'institution', '/', least(20, (select count(*) from scope s where s.home_institution = c.code
                                       or s.supported_institution = c.code)), '', 'institution=' || c.code
  from (select code from (select home_institution code from scope union select supported_institution from scope) u
         order by random() limit :n) c;
select 'institution (none)', '/', 0, '', 'institution=' || i.code
  from institution i
 where not exists (select 1 from scope s where s.home_institution = i.code)
   and not exists (select 1 from scope s where s.supported_institution = i.code)
 order by random() limit :m;
-- status + a calendar month, as typed (ROC dates)
select 'status + month', '/', least(20, (select count(*) from scope s where s.status = x.status
                                          and s.period_end >= x.f and s.period_start <= x.t)), '',
       'status=' || x.status, 'from=' || pg_temp.roc(x.f), 'to=' || pg_temp.roc(x.t)
  from (select status, f, (f + interval '1 month - 1 day')::date t
          from (select status, date_trunc('month', period_start)::date f from scope order by random() limit :n) y) x;
select 'status + month (none)', '/', 0, '', 'status=' || s, 'from=129/01/01', 'to=129/01/31'
  from unnest(array['SUBMITTED','RETURNED','APPROVED','REJECTED','WITHDRAWN','CANCELLED']) s,
       generate_series(1, :m / 6);
SQL
log "$(wc -l < "$RESULTS/samples.tsv") requests sampled into $RESULTS/samples.tsv"

# ---- the benchmark ----------------------------------------------------------------------------------------------
say "Back office at 1 M reports (bench/backoffice.sh), run $RUN_ID, commit $COMMIT ($(git -C "$ROOT" log -1 --format=%s HEAD))"
say "dataset: $REPORTS reports; reviewer $ACTOR: queue $QUEUED reports, jurisdiction $SCOPE_ROWS filed reports"
say "machine: nproc=$(nproc), $(java -version 2>&1 | head -1); load before: $(uptime | sed 's/.*load average/load average/')"
say "warm-up: up to 600 requests over the kinds under 100 ms (at most 60 s); then a kind at a time, 1 client: $WARMUP warm-up + up to $N timed requests a kind (at most $MAX_SECONDS s)$( [ "$CLIENTS4" -gt 1 ] && echo "; then $CLIENTS4 clients (4c): up to $N4 (at most $MAX_SECONDS4 s)"); ms, over loopback"
say ""
java "$ROOT/bench/src/BackOfficeBench.java" --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/samples.tsv" \
    --actor "$ACTOR" --n "$N" --warmup "$WARMUP" --max-seconds "$MAX_SECONDS" --clients4 "$CLIENTS4" --n4 "$N4" \
    --max-seconds4 "$MAX_SECONDS4" --out "$RESULTS/bench.tsv" | tee -a "$SUMMARY" || BENCH_FAILED=1
say ""
say "load after: $(uptime | sed 's/.*load average/load average/')"

# ---- EXPLAIN (ANALYZE, BUFFERS) of each kind, with its first sampled value ----------------------------------------
# The SQL as ReportQueries.search builds it for a reviewer at the time of writing; if it changes, change this with it.
# A bureau's scope is two arms (decided here; 副知 here), each ordered and cut on its own, then merged; the names
# are joined to the page only.
ARM1="r.deciding_bureau = '$BUREAU' and r.case_number is not null"
ARM2="r.informed_bureau = '$BUREAU' and r.case_number is not null"
LATEST="r.created_at desc, r.id desc"
names_sql() {  # names_sql <page of support_report rows> <order>
    printf '%s' "select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
  from ($1) r
  join practitioner p on p.id = r.practitioner_id
  join institution h on h.code = r.home_institution
  join institution s on s.code = r.supported_institution
 order by $2"
}
bureau_page_sql() {  # bureau_page_sql <filter> <offset>
    local lim=$(( $2 + 20 ))
    names_sql "select r.* from ((select r.* from support_report r where $ARM1 and $1 order by $LATEST limit $lim)
  union all (select r.* from support_report r where $ARM2 and $1 order by $LATEST limit $lim)) r
  order by $LATEST limit 20 offset $2" "$LATEST"
}
bureau_count_sql() {  # bureau_count_sql <filter>
    printf '%s' "select count(*) from (select 1 from ((select 1 from support_report r where $ARM1 and $1 limit 10001)
  union all (select 1 from support_report r where $ARM2 and $1 limit 10001)) r limit 10001) capped"
}
param() {  # param <kind> <name>: the value of a parameter on the kind's first line of the samples
    awk -F'\t' -v k="$1" -v p="$2=" '$1 == k { for (i = 5; i <= NF; i++) if (index($i, p) == 1) { print substr($i, length(p) + 1); exit } }' \
        "$RESULTS/samples.tsv" | sed "s/'/''/g"
}
iso() { local y m d; IFS=/ read -r y m d <<< "$1"; printf '%04d-%s-%s' $((y + 1911)) "$m" "$d"; }
explain() {  # explain <title> <sql>
    echo; echo "-- $1"; psql_pretty -c "explain (analyze, buffers) $2"
}
{
    echo "-- bureau $BUREAU; each search with the first value sampled for it (bench/target/results/backoffice-$RUN_ID/samples.tsv)"
    Q="r.deciding_bureau = '$BUREAU' and r.queued_at is not null"
    QORDER="r.queued_at asc, r.id asc"
    explain "queue, page 1 (GET /review, and the API's)" \
        "$(names_sql "select r.* from support_report r where $Q order by $QORDER limit 20 offset 0" "$QORDER")"
    explain "queue, its total (counted up to 10,001; issued whenever a page is full)" \
        "select count(*) from (select 1 from support_report r where $Q limit 10001) capped"
    explain "queue, page 500 (offset 9,980: the deepest the page parameter reaches)" \
        "$(names_sql "select r.* from support_report r where $Q order by $QORDER limit 20 offset 9980" "$QORDER")"
    FILED="r.case_number is not null"
    explain "start page, no filter" "$(bureau_page_sql "$FILED" 0)"
    explain "start page, no filter: its total" "$(bureau_count_sql "$FILED")"
    explain "start page, no filter, page 500" "$(bureau_page_sql "$FILED" 9980)"
    explain "副知, page 500" "$(names_sql "select r.* from support_report r where $ARM2 and $FILED
  order by $LATEST limit 20 offset 9980" "$LATEST")"
    F="$FILED and r.practitioner_id = (select id from practitioner where national_id = '$(param 'person ID' person)')"
    explain "person ID = $(param 'person ID' person)" "$(bureau_page_sql "$F" 0)"
    t=$(param name text)
    explain "name: text = $t" "$(bureau_page_sql "$FILED and r.practitioner_id = any(array(select id from practitioner where name = '$t'))" 0)"
    t=$(param 'case number' text)
    explain "case number: text = $t" "$(bureau_page_sql "$FILED and r.case_number = '$t'" 0)"
    t=$(param 'approval number' text)
    explain "approval number: text = $t" "$(bureau_page_sql "$FILED and r.approval_number = '$t'" 0)"
    c=$(param institution institution)
    F="$FILED and (r.home_institution = '$c' or r.supported_institution = '$c')"
    explain "institution = $c" "$(bureau_page_sql "$F" 0)"
    st=$(param 'status + month' status); from=$(iso "$(param 'status + month' from)"); to=$(iso "$(param 'status + month' to)")
    F="$FILED and r.status in ('$st') and r.period_end >= date '$from' and r.period_start <= date '$to'"
    explain "status = $st, period $from … $to" "$(bureau_page_sql "$F" 0)"
    explain "status = $st, period $from … $to: its total" "$(bureau_count_sql "$F")"
} > "$RESULTS/explain.txt" 2>&1
say ""
say "EXPLAIN (ANALYZE, BUFFERS), in full in $RESULTS/explain.txt; the scans and the time of each:"
awk '/^-- /{print; next} /Scan|BitmapOr|Execution Time/{sub(/  \(cost=[^)]*\)/, ""); print}' \
    "$RESULTS/explain.txt" | tee -a "$SUMMARY"
say ""
say "results: $RESULTS"
[ -z "${BENCH_FAILED:-}" ] || { echo "some responses failed their checks" >&2; exit 2; }
