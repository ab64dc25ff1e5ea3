#!/usr/bin/env bash
# 10 M reports (issue 15, item 3), one command:  bench/national.sh      (ONLY=generate: just generate the dataset)
#
# The national dataset: 10,000,000 reports for 400,000 people and 33,000 institutions, generated once into its own
# embedded PostgreSQL (bench/target/pg-10m, port 26432; the application on 127.0.0.1:18196), then, on it:
#   - over the JSON API with 1, 4 and 16 clients: a person's reports (as the person); a bureau's queue, page 1 and
#     deep pages; each search of GET /api/v1/reports (national ID, institution, status, period, status + period,
#     bureau, none), the ministry's list; each also with values that find nothing;
#   - as rendered pages with 1, 4 and 16 clients: the queue (/review), 副知 (/review/informed: the JSON API has no
#     副知 view), the start page and its searches (national ID, name, case number, approval number, institution,
#     status + month);
#   - the statistics page (GET /statistics) of the bureau that decides the most, and the ministry's, 1 client;
#   - the overlap check (submissions refused with 409, as bench/run.sh) with 1, 4 and 16 clients, and its SQL alone,
#     at 10 M and at 10 k in the same run (bench/run.sh's small dataset, bench/target/pg-small, started here on
#     ports 26433/18197), for the ratio 10 M / 10 k;
#   - EXPLAIN (ANALYZE, BUFFERS) of each query kind, the statistics' and the insurer's FHIR search's included.
# It builds the jar of the last commit (git archive HEAD, under bench/target/build-national) and uses bench/run.sh's
# functions (sourced: start_app, open_dataset, http_test, make_overlaps, explains, ...): the applications stopped by their PIDs on exit, bounded loops, 127.0.0.1
# only. Results: bench/target/results/national-<timestamp>/ (summary.txt, api.tsv, pages.tsv, statistics.tsv,
# explain-*.txt, the overlap *.properties, samples.tsv).
#
# Settings (environment): ONLY=all|generate|migrate|overlap|requests  NAT_REPORTS=10000000 NAT_PRACTITIONERS=400000
#   NAT_INSTITUTIONS=33000  PGPORT_10M=26432 HTTP_10M=18196  PGPORT_10K=26433 HTTP_10K=18197
#   CLIENT_SET=1,4,16  N=300 (timed requests a kind and client count)  MAX_SECONDS=20 (a kind and client count)
#   SAMPLES=200 MISSES=50  SAMPLES_FROM=<an earlier run's samples.tsv>  API_KINDS/PAGE_KINDS=<regex>  REQUESTS=1 (0: no API or page requests)  STATS=1  STAT_N=20  OVERLAP_SECONDS=15  GEN_TIMEOUT=7200  NAT_COMMIT=HEAD (the commit to build)
set -euo pipefail
cd "$(dirname "$0")/.."
NATIONAL_ONLY=${ONLY:-all}
export RUN_ID=${RUN_ID:-national-$(date -u +%Y%m%dT%H%M%SZ)}
export GEN_TIMEOUT=${GEN_TIMEOUT:-7200}
RUN_SH_LIBRARY=1 ONLY=library source bench/run.sh
ONLY=$NATIONAL_ONLY

NAT_REPORTS=${NAT_REPORTS:-10000000}
NAT_PRACTITIONERS=${NAT_PRACTITIONERS:-400000}
NAT_INSTITUTIONS=${NAT_INSTITUTIONS:-33000}
PGPORT_10M=${PGPORT_10M:-26432}
HTTP_10M=${HTTP_10M:-18196}
PGPORT_10K=${PGPORT_10K:-26433}
HTTP_10K=${HTTP_10K:-18197}
CLIENT_SET=${CLIENT_SET:-1,4,16}
N=${N:-300}
MAX_SECONDS=${MAX_SECONDS:-20}
SAMPLES=${SAMPLES:-200}
MISSES=${MISSES:-50}
STAT_N=${STAT_N:-20}

load() { uptime | sed 's/.*load average: //'; }

# The jar of the LAST COMMIT (git archive HEAD, as bench/backoffice.sh: the working tree may be mid-edit; or of
# NAT_COMMIT, for a "before" run), built under bench/target/build-national; replaces run.sh's build(), which copies
# the working tree.
NAT_COMMIT=$(git rev-parse --short "${NAT_COMMIT:-HEAD}")
build() {
    local b=$TARGET/build-national t0=$SECONDS
    log "building the jar of commit $NAT_COMMIT under $b"
    rm -rf "$b"; mkdir -p "$b"
    git -C "$ROOT" archive "$NAT_COMMIT" pom.xml src/main | tar -x -C "$b"
    (cd "$b" && mvn -q -B -o -Dmaven.test.skip=true package) > "$TARGET/logs/build-national.log" 2>&1 || {
        cat "$TARGET/logs/build-national.log" >&2; exit 1; }
    JAR=$(ls "$b"/target/support-report-*.jar | grep -v -e plain -e original | head -1)
    log "built $JAR in $((SECONDS - t0)) s"
    mkdir -p "$TARGET/loadgen"
    javac -d "$TARGET/loadgen" "$BENCH/src/LoadGen.java"
}

# The overlap check over HTTP (409 refusals) with each client count, and its SQL alone. overlap_all <label>
overlap_all() {
    local label=$1 all=$RESULTS/$1-overlap.tsv c
    make_overlaps "$OVERLAP_PERSONS" "$all"
    loadgen --base "http://127.0.0.1:$HTTP_PORT" --requests "$all" --clients 4 --cycle \
        --max-requests 100000 --max-seconds 20 --label warmup > /dev/null 2>&1 || true
    for c in ${CLIENT_SET//,/ }; do
        say "load before $label overlap, $c clients: $(load)"
        http_test "$label-overlap-409-${c}c" "$all" "$c" 409 100000 "$OVERLAP_SECONDS" --cycle --warmup 200
    done
    sql_latency "$label-live-sql" "$RESULTS/live_commitments.sql" 10
}

# The request samples (one line a request: kind, path, actor, expected rows, marker, parameters), drawn at random
# (fixed seed) with psql; expected rows = min(20, what the actor's scope holds for the value).
make_samples() {
    psql_at -F $'\t' -v b="$BUREAU" -v n="$SAMPLES" -v m="$MISSES" -v rv="$REVIEWER" -o "$RESULTS/samples.tsv" <<'SQL'
set max_parallel_workers_per_gather = 0;
set work_mem = '256MB';
select setseed(0.20261205) \g /dev/null
create temp table scope as
  select r.id, r.case_number, r.approval_number, r.status, r.practitioner_id, r.home_institution,
         r.supported_institution, r.period_start, r.period_end, r.deciding_bureau, r.informed_bureau, p.name
    from support_report r join practitioner p on p.id = r.practitioner_id
   where (r.deciding_bureau = :'b' or r.informed_bureau = :'b') and r.case_number is not null;
create index on scope (practitioner_id);
create index on scope (name);
create index on scope (home_institution);
create index on scope (supported_institution);
create index on scope (status, period_end);
analyze scope;
create temp table elsewhere as   -- reports the reviewer does not see
  select r.case_number, r.approval_number, r.practitioner_id
    from support_report r tablesample system (0.5)
   where r.deciding_bureau <> :'b' and r.informed_bureau is distinct from :'b' and r.case_number is not null
   order by random() limit 2000;
create function pg_temp.roc(d date) returns text language sql as
  $$ select (extract(year from d)::int - 1911) || to_char(d, '/MM/DD') $$;
-- ===== JSON API =====
-- a person's reports, as that person (all of them, drafts included)
select 'api person''s reports', '/api/v1/reports', 'practitioner:' || p.national_id, least(20, k.k), '',
       'practitioner=' || p.national_id
  from (select id from practitioner tablesample system (1) order by random() limit :n) x
  join practitioner p on p.id = x.id
  join lateral (select count(*) k from support_report r where r.practitioner_id = p.id) k on k.k > 0;
-- the queue: page 1, random deeper pages (up to page 500, as far as the queue page goes), page 5,000
select 'api queue p1', '/api/v1/reports', :'rv', 20, '', 'awaitingDecision=true', 'size=20';
select 'api queue p2-500', '/api/v1/reports', :'rv', 20, '', 'awaitingDecision=true', 'size=20',
       'page=' || (1 + floor(random() * 499))::int from generate_series(1, :n);
select 'api queue p5000', '/api/v1/reports', :'rv', 20, '', 'awaitingDecision=true', 'size=20', 'page=4999';
-- the bureau's list, no filter (newest first)
select 'api bureau list', '/api/v1/reports', :'rv', 20, '';
select 'api national ID', '/api/v1/reports', :'rv', least(20, k), '', 'practitioner=' || p.national_id
  from (select practitioner_id, count(*) k from scope group by 1 order by random() limit :n) s
  join practitioner p on p.id = s.practitioner_id;
select 'api national ID (none)', '/api/v1/reports', :'rv', 0, '', 'practitioner=' || p.national_id
  from (select distinct practitioner_id from elsewhere) e join practitioner p on p.id = e.practitioner_id
 where not exists (select 1 from scope s where s.practitioner_id = e.practitioner_id) limit :m;
select 'api institution', '/api/v1/reports', :'rv', least(20, (select count(*) from scope s
          where s.home_institution = c.code or s.supported_institution = c.code)), '', 'institution=' || c.code
  from (select code from (select home_institution code from scope union select supported_institution from scope) u
         order by random() limit :n) c;
select 'api institution (none)', '/api/v1/reports', :'rv', 0, '', 'institution=' || i.code
  from institution i
 where not exists (select 1 from scope s where s.home_institution = i.code)
   and not exists (select 1 from scope s where s.supported_institution = i.code)
 order by random() limit :m;
select 'api status', '/api/v1/reports', :'rv', least(20, (select count(*) from scope s where s.status = x.status)), '',
       'status=' || x.status
  from unnest(array['SUBMITTED','RETURNED','APPROVED','REJECTED','WITHDRAWN','CANCELLED']) x(status);
select 'api period (a month)', '/api/v1/reports', :'rv', least(20, (select count(*) from scope s
          where s.period_end >= x.f and s.period_start <= x.t)), '', 'from=' || x.f, 'to=' || x.t
  from (select f, (f + interval '1 month - 1 day')::date t
          from (select date_trunc('month', period_start)::date f from scope order by random() limit :n) y) x;
select 'api period (none)', '/api/v1/reports', :'rv', 0, '', 'from=2040-01-01', 'to=2040-01-31'
  from generate_series(1, :m);
select 'api status + period', '/api/v1/reports', :'rv', least(20, (select count(*) from scope s where s.status = x.status
          and s.period_end >= x.f and s.period_start <= x.t)), '', 'status=' || x.status, 'from=' || x.f, 'to=' || x.t
  from (select status, f, (f + interval '1 month - 1 day')::date t
          from (select status, date_trunc('month', period_start)::date f from scope order by random() limit :n) y) x;
select 'api status + period (none)', '/api/v1/reports', :'rv', 0, '', 'status=' || s, 'from=2040-01-01', 'to=2040-01-31'
  from unnest(array['SUBMITTED','RETURNED','APPROVED','REJECTED','WITHDRAWN','CANCELLED']) s, generate_series(1, :m / 6);
select 'api bureau filter', '/api/v1/reports', :'rv', least(20, (select count(*) from scope s
          where s.deciding_bureau = x.c or s.informed_bureau = x.c)), '', 'bureau=' || x.c
  from (select c from (select distinct informed_bureau c from scope where informed_bureau is not null and informed_bureau <> :'b'
                       union select distinct deciding_bureau from scope where deciding_bureau <> :'b') u order by random()) x;
-- the ministry: the whole country's filed reports, newest first, and by national ID
select 'api ministry list', '/api/v1/reports', 'national-viewer:bench', 20, '';
select 'api ministry national ID', '/api/v1/reports', 'national-viewer:bench',
       least(20, (select count(*) from support_report r where r.practitioner_id = p.id and r.case_number is not null)), '',
       'practitioner=' || p.national_id
  from (select id from practitioner tablesample system (1) order by random() limit :n) x join practitioner p on p.id = x.id;
-- ===== pages (the back office, as bench/backoffice.sh) =====
select 'page /review p1', '/review', :'rv', 20, '';
select 'page /review p2-500', '/review', :'rv', 20, '', 'page=' || (1 + floor(random() * 499))::int
  from generate_series(1, :n);
select 'page 副知 p1', '/review/informed', :'rv', 20, '';
select 'page 副知 p2-500', '/review/informed', :'rv', 20, '', 'page=' || (1 + floor(random() * 499))::int
  from generate_series(1, :n);
select 'page start, no filter', '/', :'rv', 20, '';
select 'page national ID', '/', :'rv', least(20, k), '', 'person=' || p.national_id
  from (select practitioner_id, count(*) k from scope group by 1 order by random() limit :n) s
  join practitioner p on p.id = s.practitioner_id;
select 'page name', '/', :'rv', least(20, k), name, 'text=' || name
  from (select name, count(*) k from scope group by 1 order by random() limit :n) s;
select 'page name (none)', '/', :'rv', 0, '', 'text=' || p.name
  from (select distinct practitioner_id from elsewhere) e join practitioner p on p.id = e.practitioner_id
 where not exists (select 1 from scope s where s.name = p.name) limit :m;
select 'page case number', '/', :'rv', 1, case_number, 'text=' || case_number from scope order by random() limit :n;
select 'page approval number', '/', :'rv', 1, case_number, 'text=' || approval_number
  from scope where approval_number is not null order by random() limit :n;
select 'page institution', '/', :'rv', least(20, (select count(*) from scope s where s.home_institution = c.code
          or s.supported_institution = c.code)), '', 'institution=' || c.code
  from (select code from (select home_institution code from scope union select supported_institution from scope) u
         order by random() limit :n) c;
select 'page status + month', '/', :'rv', least(20, (select count(*) from scope s where s.status = x.status
          and s.period_end >= x.f and s.period_start <= x.t)), '',
       'status=' || x.status, 'from=' || pg_temp.roc(x.f), 'to=' || pg_temp.roc(x.t)
  from (select status, f, (f + interval '1 month - 1 day')::date t
          from (select status, date_trunc('month', period_start)::date f from scope order by random() limit :n) y) x;
select 'page status + month (none)', '/', :'rv', 0, '', 'status=' || s, 'from=129/01/01', 'to=129/01/31'
  from unnest(array['SUBMITTED','RETURNED','APPROVED','REJECTED','WITHDRAWN','CANCELLED']) s, generate_series(1, :m / 6);
-- ===== statistics =====
select 'statistics (bureau)', '/statistics', :'rv', -1, '';
select 'statistics (ministry)', '/statistics', 'national-viewer:bench', -1, '';
SQL
}

# EXPLAIN (ANALYZE, BUFFERS) of each query kind, as ReportQueries / ReportStatistics / the FHIR search issue it at the
# time of writing (if they change, change this with them), with the first value sampled for each kind. Written for
# the last commit (ids first, then the page's rows; statistics from the report rows, V27): a run of an older commit
# (NAT_COMMIT) explains these statements, not the ones that commit issued.
ARM1() { printf '%s' "r.deciding_bureau = '$BUREAU' and r.case_number is not null"; }
ARM2() { printf '%s' "r.informed_bureau = '$BUREAU' and r.case_number is not null"; }
LATEST="r.created_at desc, r.id desc"
names_sql() {
    printf '%s' "select r.*, p.national_id, p.name as practitioner_name, h.name as home_name, s.name as supported_name
  from ($1) r
  join practitioner p on p.id = r.practitioner_id
  join institution h on h.code = r.home_institution
  join institution s on s.code = r.supported_institution
 order by $2"
}
bureau_page_sql() {  # <filter> <offset>: the arms read ids and the sort key only, the page's rows by id afterwards
    local lim=$(( $2 + 20 ))
    names_sql "$(by_id "select r.id from ((select r.id, r.created_at from support_report r where $(ARM1) and $1 order by $LATEST limit $lim)
  union all (select r.id, r.created_at from support_report r where $(ARM2) and $1 order by $LATEST limit $lim)) r
  order by $LATEST limit 20 offset $2")" "$LATEST"
}
by_id() { printf '%s' "select r.* from support_report r where r.id in ($1)"; }
bureau_count_sql() {
    printf '%s' "select count(*) from (select 1 from ((select 1 from support_report r where $(ARM1) and $1 limit 10001)
  union all (select 1 from support_report r where $(ARM2) and $1 limit 10001)) r limit 10001) capped"
}
param() {  # param <kind> <name>: a parameter's value on the kind's first sample line
    awk -F'\t' -v k="$1" -v p="$2=" '$1 == k { for (i = 6; i <= NF; i++) if (index($i, p) == 1) { print substr($i, length(p) + 1); exit } }' \
        "$RESULTS/samples.tsv" | sed "s/'/''/g"
}
iso() { local y m d; IFS=/ read -r y m d <<< "$1"; printf '%04d-%s-%s' $((y + 1911)) "$m" "$d"; }
explain() { echo; echo "-- $1"; psql_pretty -c "set max_parallel_workers_per_gather = 2" -c "explain (analyze, buffers) $2"; }

national_explains() {
    local out=$RESULTS/explain-10m.txt Q QORDER FILED F t c st from to pnid
    Q="r.deciding_bureau = '$BUREAU' and r.queued_at is not null"
    QORDER="r.queued_at asc, r.id asc"
    FILED="r.case_number is not null"
    {
    echo "-- 10 M: bureau $BUREAU (largest queue); values: the first sampled for each kind ($RESULTS/samples.tsv)"
    pnid=$(awk -F'\t' '$1 == "api person'"'"'s reports" {sub("practitioner:", "", $3); print $3; exit}' "$RESULTS/samples.tsv")
    explain "a person's reports, as the person ($pnid)" "$(names_sql "$(by_id "select r.id from support_report r
  where r.practitioner_id = (select id from practitioner where national_id = '$pnid')
    and r.practitioner_id = (select id from practitioner where national_id = '$pnid')
  order by $LATEST limit 20 offset 0")" "$LATEST")"
    explain "queue, page 1" "$(names_sql "$(by_id "select r.id from support_report r where $Q order by $QORDER limit 20 offset 0")" "$QORDER")"
    explain "queue, its total (capped)" "select count(*) from (select 1 from support_report r where $Q limit 10001) capped"
    explain "queue, page 500 (offset 9,980)" "$(names_sql "$(by_id "select r.id from support_report r where $Q order by $QORDER limit 20 offset 9980")" "$QORDER")"
    explain "queue, page 5,000 over the API (offset 99,980)" "$(names_sql "$(by_id "select r.id from support_report r where $Q order by $QORDER limit 20 offset 99980")" "$QORDER")"
    explain "bureau list, no filter" "$(bureau_page_sql "$FILED" 0)"
    explain "bureau list, no filter: its total" "$(bureau_count_sql "$FILED")"
    explain "bureau list, page 500" "$(bureau_page_sql "$FILED" 9980)"
    explain "副知, page 1" "$(names_sql "$(by_id "select r.id from support_report r where $(ARM2) order by $LATEST limit 20 offset 0")" "$LATEST")"
    explain "副知, page 500" "$(names_sql "$(by_id "select r.id from support_report r where $(ARM2) order by $LATEST limit 20 offset 9980")" "$LATEST")"
    explain "副知: its total" "select count(*) from (select 1 from support_report r where $(ARM2) limit 10001) capped"
    t=$(param 'api national ID' practitioner)
    explain "national ID = $t" "$(bureau_page_sql "$FILED and r.practitioner_id = (select id from practitioner where national_id = '$t')" 0)"
    t=$(param 'page name' text)
    explain "name = $t" "$(bureau_page_sql "$FILED and r.practitioner_id = any(array(select id from practitioner where name = '$t'))" 0)"
    t=$(param 'page case number' text)
    explain "case number = $t" "$(bureau_page_sql "$FILED and r.case_number = '$t'" 0)"
    t=$(param 'page approval number' text)
    explain "approval number = $t" "$(bureau_page_sql "$FILED and r.approval_number = '$t'" 0)"
    c=$(param 'api institution' institution)
    explain "institution = $c" "$(bureau_page_sql "$FILED and (r.home_institution = '$c' or r.supported_institution = '$c')" 0)"
    st=$(param 'api status' status)
    explain "status = $st" "$(bureau_page_sql "$FILED and r.status in ('$st')" 0)"
    explain "status = $st: its total" "$(bureau_count_sql "$FILED and r.status in ('$st')")"
    from=$(param 'api period (a month)' from); to=$(param 'api period (a month)' to)
    explain "period $from … $to" "$(bureau_page_sql "$FILED and r.period_end >= date '$from' and r.period_start <= date '$to'" 0)"
    explain "period $from … $to: its total" "$(bureau_count_sql "$FILED and r.period_end >= date '$from' and r.period_start <= date '$to'")"
    explain "period 2040-01 (finds nothing)" "$(bureau_page_sql "$FILED and r.period_end >= date '2040-01-01' and r.period_start <= date '2040-01-31'" 0)"
    st=$(param 'api status + period' status); from=$(param 'api status + period' from); to=$(param 'api status + period' to)
    F="$FILED and r.status in ('$st') and r.period_end >= date '$from' and r.period_start <= date '$to'"
    explain "status = $st, period $from … $to" "$(bureau_page_sql "$F" 0)"
    explain "status = $st, period $from … $to: its total" "$(bureau_count_sql "$F")"
    explain "status = APPROVED, period 2040-01 (finds nothing)" "$(bureau_page_sql "$FILED and r.status in ('APPROVED') and r.period_end >= date '2040-01-01' and r.period_start <= date '2040-01-31'" 0)"
    c=$(param 'api bureau filter' bureau)
    explain "bureau filter = $c" "$(bureau_page_sql "$FILED and (r.deciding_bureau = '$c' or r.informed_bureau = '$c')" 0)"
    explain "bureau filter = $c: its total" "$(bureau_count_sql "$FILED and (r.deciding_bureau = '$c' or r.informed_bureau = '$c')")"
    explain "ministry list, no filter" "$(names_sql "$(by_id "select r.id from support_report r where r.case_number is not null order by $LATEST limit 20 offset 0")" "$LATEST")"
    explain "ministry list: its total" "select count(*) from (select 1 from (select 1 from support_report r where r.case_number is not null) r limit 10001) capped"
    # the insurer's FHIR search (ApprovedSupport: status APPROVED, supported institution only, by period_start)
    local IS="r.approval_number is not null and r.status in ('APPROVED')" IO="r.period_start asc, r.id asc"
    explain "insurer FHIR, no parameter (page 1)" "$(names_sql "$(by_id "select r.id from support_report r where $IS order by $IO limit 20 offset 0")" "$IO")"
    explain "insurer FHIR, date=today" "$(names_sql "$(by_id "select r.id from support_report r where $IS and r.period_end >= current_date and r.period_start <= current_date order by $IO limit 20 offset 0")" "$IO")"
    explain "insurer FHIR, date=today: its total" "select count(*) from (select 1 from (select 1 from support_report r where $IS and r.period_end >= current_date and r.period_start <= current_date) r limit 10001) capped"
    c=$(param 'api institution' institution)
    explain "insurer FHIR, organization = $c" "$(names_sql "$(by_id "select r.id from support_report r where $IS and r.supported_institution = '$c' order by $IO limit 20 offset 0")" "$IO")"
    explain "insurer FHIR, practitioner = $pnid" "$(names_sql "$(by_id "select r.id from support_report r where $IS and r.practitioner_id = (select id from practitioner where national_id = '$pnid') order by $IO limit 20 offset 0")" "$IO")"
    [ "${STATS:-1}" = 1 ] || return 0
    # statistics of the bureau (ReportStatistics.of, a bureau's scope: what it decides)
    local W="r.deciding_bureau = '$BUREAU' and r.case_number is not null"
    explain "statistics: by status" "select r.status as k, count(*) from support_report r where $W group by 1 order by 2 desc"
    explain "statistics: by category" "select r.category as k, count(*) from support_report r where $W group by 1 order by 2 desc"
    explain "statistics: by profession" "select pf.name_zh as k, sum(x.n) from (select r.practitioner_id, count(*) n from support_report r where $W group by 1) x join practitioner p on p.id = x.practitioner_id join profession pf on pf.code = p.profession_code group by 1 order by 2 desc limit 15"
    explain "statistics: by department" "select d.name_zh as k, x.n from (select r.department_code, count(*) n from support_report r where $W group by 1) x join department d on d.code = x.department_code order by 2 desc limit 15"
    explain "statistics: by month" "select to_char(r.submitted_at at time zone 'Asia/Taipei', 'YYYY-MM') as k, count(*) from support_report r where $W and r.submitted_at is not null group by 1 order by 1 desc limit 12"
    explain "statistics: review time" "select count(*), percentile_cont(0.5) within group (order by seconds), percentile_cont(0.9) within group (order by seconds) from (select extract(epoch from r.first_decided_at - r.submitted_at) as seconds from support_report r where $W and r.first_decided_at is not null and r.submitted_at is not null) firsts"
    } > "$out" 2>&1
    log "EXPLAIN output: $out"
}

national_main() {
build
write_sql_scripts
javac -d "$TARGET/loadgen" "$BENCH/src/NationalBench.java"
say "national benchmark $RUN_ID on $(uname -n): nproc=$(nproc), RAM=$(free -g | awk '/^Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), commit $NAT_COMMIT ($(git log -1 --format=%s "$NAT_COMMIT"))"
if [ "$ONLY" = generate ]; then
    say "load before generating: $(load)"
    open_dataset 10m "$NAT_REPORTS" "$NAT_PRACTITIONERS" "$NAT_INSTITUTIONS" "$PGPORT_10M" "$HTTP_10M"
    say "load after generating: $(load)"
    say "$(tr '\n' ' ' < "$RESULTS/10m-generation.properties")"
    say "database size: $(psql_at -c "select pg_size_pretty(pg_database_size('postgres'))"); data dir on disk: $(du -sh "$DATA_DIR" | cut -f1)"
    stop_app "$APP_PID" "$DATA_DIR"
    say "data dir after stopping: $(du -sh "$DATA_DIR" | cut -f1); free on /: $(df -h / | awk 'NR==2{print $4}')"
    return 0
fi
if [ "$ONLY" = migrate ]; then
    # the commit's migrations on the 10 M dataset (Flyway runs them as the application starts), then VACUUM (ANALYZE)
    local t0=$SECONDS
    say "load before migrating: $(load)"
    open_dataset 10m "$NAT_REPORTS" "$NAT_PRACTITIONERS" "$NAT_INSTITUTIONS" "$PGPORT_10M" "$HTTP_10M"
    say "application ready (migrations done) after $((SECONDS - t0)) s; load $(load)"
    grep -E 'Migrating schema|Successfully applied' "$TARGET/logs/10m-$RUN_ID.log" | sed 's/.*: //' | tee -a "$SUMMARY"
    local t1=$SECONDS
    psql_at -c "vacuum (analyze) support_report" > /dev/null
    say "vacuum (analyze) support_report: $((SECONDS - t1)) s; database size $(psql_at -c "select pg_size_pretty(pg_database_size('postgres'))"); load $(load)"
    stop_app "$APP_PID" "$DATA_DIR"
    say "data dir: $(du -sh "$DATA_DIR" | cut -f1); free on /: $(df -h / | awk 'NR==2{print $4}')"
    return 0
fi
if [ "$ONLY" = all ] || [ "$ONLY" = overlap ]; then
    open_dataset small "$SMALL_REPORTS" "$SMALL_PRACTITIONERS" "$SMALL_INSTITUTIONS" "$PGPORT_10K" "$HTTP_10K"
    overlap_all small
    stop_app "$APP_PID" "$DATA_DIR"
fi
[ -f "$TARGET/pg-10m.generated" ] || { log "no 10 M dataset: ONLY=generate bench/national.sh first"; exit 1; }
open_dataset 10m "$NAT_REPORTS" "$NAT_PRACTITIONERS" "$NAT_INSTITUTIONS" "$PGPORT_10M" "$HTTP_10M"
say "load with the 10 M dataset open: $(load)"
BUREAU=$(psql_at -c "select deciding_bureau from support_report where queued_at is not null group by 1 order by count(*) desc limit 1")
REVIEWER="reviewer:$BUREAU:bench-reviewer:Q890000014"
if [ "$ONLY" = all ] || [ "$ONLY" = overlap ]; then
    explains 10m
    overlap_all 10m
fi
if [ "$ONLY" = all ] || [ "$ONLY" = requests ]; then
    if [ -n "${SAMPLES_FROM:-}" ]; then
        cp "$SAMPLES_FROM" "$RESULTS/samples.tsv"; log "request values from $SAMPLES_FROM"
    else
        log "sampling the request values (bureau $BUREAU)"
        make_samples
    fi
    log "$(wc -l < "$RESULTS/samples.tsv") requests sampled"
    say "reviewer $REVIEWER: queue $(psql_at -c "select count(*) from support_report where deciding_bureau = '$BUREAU' and queued_at is not null"), decides $(psql_at -c "select count(*) from support_report where deciding_bureau = '$BUREAU' and case_number is not null"), informed of $(psql_at -c "select count(*) from support_report where informed_bureau = '$BUREAU' and case_number is not null") filed reports"
    national_explains
    if [ "${REQUESTS:-1}" = 1 ]; then
    say ""; say "load before the API requests: $(load)"
    java -cp "$TARGET/loadgen" NationalBench --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/samples.tsv" \
        --kinds "${API_KINDS:-api .*}" --clients "$CLIENT_SET" --n "$N" --max-seconds "$MAX_SECONDS" --out "$RESULTS/api.tsv" \
        | tee -a "$SUMMARY" || say "(some API responses failed their checks)"
    say "load after the API requests: $(load)"
    java -cp "$TARGET/loadgen" NationalBench --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/samples.tsv" \
        --kinds "${PAGE_KINDS:-page .*}" --clients "$CLIENT_SET" --n "$N" --max-seconds "$MAX_SECONDS" --out "$RESULTS/pages.tsv" \
        | tee -a "$SUMMARY" || say "(some page responses failed their checks)"
    say "load after the pages: $(load)"
    fi
    if [ "${STATS:-1}" = 1 ]; then
    java -cp "$TARGET/loadgen" NationalBench --base "http://127.0.0.1:$HTTP_PORT" --requests "$RESULTS/samples.tsv" \
        --kinds 'statistics .*' --clients 1 --n "$STAT_N" --warmup 2 --warmup-all 2 --max-seconds 120 \
        --out "$RESULTS/statistics.tsv" | tee -a "$SUMMARY" || say "(some statistics responses failed)"
    say "load after the statistics: $(load)"
    fi
fi
stop_app "$APP_PID" "$DATA_DIR"
f() { [ -f "$RESULTS/$1.properties" ] && prop "$RESULTS/$1.properties" "$2" || echo "n/a"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (a+0 > 0 && b+0 > 0) printf "%.2f", a/b; else print "n/a" }'; }
say ""
for c in ${CLIENT_SET//,/ }; do
    say "overlap 409, $c clients: 10 k p50 $(f small-overlap-409-${c}c p50_ms) / p99 $(f small-overlap-409-${c}c p99_ms) ms, $(f small-overlap-409-${c}c throughput_rps)/s; 10 M p50 $(f 10m-overlap-409-${c}c p50_ms) / p99 $(f 10m-overlap-409-${c}c p99_ms) ms, $(f 10m-overlap-409-${c}c throughput_rps)/s; ratio p50 $(ratio "$(f 10m-overlap-409-${c}c p50_ms)" "$(f small-overlap-409-${c}c p50_ms)"), p99 $(ratio "$(f 10m-overlap-409-${c}c p99_ms)" "$(f small-overlap-409-${c}c p99_ms)")"
done
say "overlap SQL (1 client): 10 k p50 $(f small-live-sql sql_p50_ms) / p99 $(f small-live-sql sql_p99_ms) ms; 10 M p50 $(f 10m-live-sql sql_p50_ms) / p99 $(f 10m-live-sql sql_p99_ms) ms"
say "results: $RESULTS"
}

national_main "$@"
