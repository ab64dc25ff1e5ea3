# Shared by the drills: where the cluster is, and the client (deploy/drills/src/ClusterKit.java on the jar's classes).
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LC=$ROOT/deploy/local-cluster
DIR=${CLUSTER_DIR:-$ROOT/target/local-cluster}
DIR=$(cd "$DIR" 2>/dev/null && pwd) || { echo "no cluster state in ${CLUSTER_DIR:-target/local-cluster}: deploy/local-cluster start" >&2; exit 1; }
RESULTS=$DIR/results
mkdir -p "$RESULTS"
CLIENTS=${CLIENTS:-16}

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# the client, compiled afresh, bounded in time
kit() {
    local secs=$1; shift
    javac -nowarn -d "$DIR/kit" -cp "$DIR/app/BOOT-INF/classes:$DIR/app/BOOT-INF/lib/*" "$ROOT"/deploy/drills/src/*.java
    timeout -k 10 "$secs" java -cp "$DIR/kit:$DIR/app/BOOT-INF/classes:$DIR/app/BOOT-INF/lib/*" ClusterKit "$@"
}

pid_of() { cat "$DIR/pids/$1.pid"; }

# is pid $1's command line $2 (so that a recycled PID is never signalled)
is_ours() { tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }

members() { patronictl -c "$DIR/pg1/patroni.yml" list -f json; }
member_with_role() { # "Leader" | "Sync Standby" | "Replica" -> pg1..pg3
    members | python3 -c 'import json,sys; r=[m["Member"] for m in json.load(sys.stdin) if m["Role"]==sys.argv[1]]; print(r[0] if r else "")' "$1"
}
postmaster_of() { head -1 "$DIR/$1/data/postmaster.pid"; }

require_cluster() {
    "$LC" healthy || die "the PostgreSQL cluster is not healthy (deploy/local-cluster status)"
    local n
    for n in 1 2; do
        curl -fsS "http://127.0.0.1:2708$n/actuator/health/readiness" >/dev/null 2>&1 || die "app$n is not ready"
    done
}

wait_healthy() { # wait_healthy <seconds>
    local deadline=$((SECONDS + $1))
    until "$LC" healthy; do
        [ $SECONDS -lt $deadline ] || { log "cluster not healthy after $1 s"; return 1; }
        sleep 1
    done
}

# the figures of the run that matter, from the client's key=value output
show() { # show <file> <key-regex>
    grep -E "$2" "$1" | sed 's/^/  /'
}
