#!/usr/bin/env bash
# Local Elasticsearch for tests and development: scripts/elasticsearch.sh start|stop|status|url
#
# Elastic's own download site is not reachable from our machines, but Maven Central
# serves the "integ-test-zip" distribution, so it is fetched with mvn. Maven Central
# holds only some 9.x releases of it (e.g. 9.5.4 but not 9.5.5/9.5.6); 9.5.4 was the
# newest one there when this was written.
# CAVEAT: the integ-test zip ships only the modules transport-netty4, apm, x-pack-core
# and x-pack-security: no analysis-common (ngram/edge_ngram/asciifolding, lowercase
# tokenizer), rest-root (GET / answers 405), mapper-extras, painless, reindex...
# Anything that needs those fails, e.g. index settings using edge_ngram.
#
# The zip and the unpacked tree are cached outside the clone,
# ${GOVCMS_SERVICES_DIR:-$HOME/.cache/govcms}/elasticsearch-$ES_VERSION, and are never
# downloaded twice. Elasticsearch 9 needs Java 21+ (we use the newest JDK in
# /usr/lib/jvm); 8.19.x runs on Java 17: GOVCMS_ES_VERSION=8.19.21 is the fallback.
set -euo pipefail

ES_VERSION=${GOVCMS_ES_VERSION:-9.5.4}
ES_PORT=${GOVCMS_ES_PORT:-59200}
ES_TRANSPORT_PORT=${GOVCMS_ES_TRANSPORT_PORT:-59300}
SERVICES_DIR=${GOVCMS_SERVICES_DIR:-$HOME/.cache/govcms}
ES_URL="http://127.0.0.1:${ES_PORT}"
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_USER=elasticsearch
# Used when the elasticsearch user cannot reach SERVICES_DIR (e.g. under root's 0700 $HOME).
FALLBACK_DIR=/var/tmp/govcms
START_TIMEOUT=${GOVCMS_ES_START_TIMEOUT:-120}

die() { echo "elasticsearch.sh: $*" >&2; exit 1; }

http_get() {  # body of a GET on stdout; non-zero if no HTTP 2xx answer
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time "${2:-5}" "$1" 2>/dev/null
    else
        python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=float(sys.argv[2])).read().decode())' \
            "$1" "${2:-5}" 2>/dev/null
    fi
}

healthy() { http_get "$ES_URL/_cluster/health?wait_for_status=yellow&timeout=${1:-1}s" $((${1:-1} + 5)) | grep -q '"status":"\(green\|yellow\)"'; }

# Not GET /: that handler lives in the rest-root module, which the integ-test zip lacks (405).
running_version() { http_get "$ES_URL/_nodes/_local?filter_path=nodes.*.version" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p'; }

# Elasticsearch refuses to run as root: run it as a system user that must be able to
# traverse the whole path to its files, so fall back to /var/tmp under a 0700 /root.
es_base() {
    if [[ $EUID -ne 0 ]]; then
        printf '%s' "$SERVICES_DIR"
    elif id -u "$ES_USER" >/dev/null 2>&1 && runuser -u "$ES_USER" -- test -x "$SERVICES_DIR" 2>/dev/null; then
        printf '%s' "$SERVICES_DIR"
    else
        printf '%s' "$FALLBACK_DIR"
    fi
}

set_paths() {
    DIR=$(es_base)/elasticsearch-$ES_VERSION
    ES_HOME=$DIR/elasticsearch-$ES_VERSION
    PIDFILE=$DIR/run/elasticsearch.pid
    LOGS=$DIR/logs
}

pid_alive() {
    local pid
    [[ -f $PIDFILE ]] && pid=$(cat "$PIDFILE" 2>/dev/null) && [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null
}

# Newest JDK in /usr/lib/jvm whose major version is at least $1 (Temurin 25 here).
find_java() {
    local need=$1 best="" best_major=0 j major
    if [[ -n ${GOVCMS_ES_JAVA_HOME:-} ]]; then
        printf '%s' "$GOVCMS_ES_JAVA_HOME"; return
    fi
    for j in /usr/lib/jvm/*/; do
        j=${j%/}
        [[ -x $j/bin/java && -f $j/release && ! -L $j ]] || continue
        major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$j/release")
        [[ -n $major ]] || continue
        if (( major >= need && major > best_major )); then best=$j; best_major=$major; fi
    done
    printf '%s' "$best"
}

fetch_distribution() {
    local zip=$DIR/elasticsearch-$ES_VERSION.zip log
    [[ -x $ES_HOME/bin/elasticsearch ]] && return 0
    mkdir -p "$DIR" || die "cannot create $DIR"
    if [[ ! -s $zip ]]; then
        command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven is needed to fetch $ES_ARTIFACT"
        log=$DIR/mvn.log
        (cd "$DIR" && mvn -B -q dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$DIR" -Dmdep.overWriteReleases=true) >"$log" 2>&1 \
            || die "cannot fetch $ES_ARTIFACT from Maven Central (see $log)"
    fi
    rm -rf "$ES_HOME.tmp"
    mkdir -p "$ES_HOME.tmp"
    if command -v unzip >/dev/null 2>&1; then
        unzip -q "$zip" -d "$ES_HOME.tmp" || die "cannot unzip $zip"
    else
        python3 -m zipfile -e "$zip" "$ES_HOME.tmp" || die "cannot unzip $zip"
        chmod +x "$ES_HOME.tmp/elasticsearch-$ES_VERSION/bin/"*   # zipfile drops modes
    fi
    mv "$ES_HOME.tmp/elasticsearch-$ES_VERSION" "$ES_HOME" || die "unexpected layout in $zip"
    rm -rf "$ES_HOME.tmp"
}

start() {
    mkdir -p "$SERVICES_DIR" || die "cannot create $SERVICES_DIR"
    if [[ $EUID -eq 0 ]] && ! id -u "$ES_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$ES_USER" \
            || die "cannot create the $ES_USER system user"
    fi
    set_paths

    # Reuse a server that is already up on our port (ours or one left by an earlier run).
    if healthy 1; then
        echo "Elasticsearch $(running_version) ready: $ES_URL"
        return 0
    fi
    if ! pid_alive; then
        if http_get "$ES_URL/" >/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$ES_PORT") 2>/dev/null; then
            die "port $ES_PORT is already in use by something else (set GOVCMS_ES_PORT)"
        fi
        fetch_distribution

        local need=21 java_home
        [[ $ES_VERSION == 8.* ]] && need=17   # 8.x runs on Java 17
        java_home=$(find_java "$need")
        [[ -n $java_home ]] || die "no Java $need+ JDK found in /usr/lib/jvm (set GOVCMS_ES_JAVA_HOME)"

        mkdir -p "$DIR/data" "$LOGS" "$DIR/run" "$DIR/tmp"
        if [[ $EUID -eq 0 ]]; then
            chown -R "$ES_USER:$ES_USER" "$ES_HOME" "$DIR/data" "$LOGS" "$DIR/run" "$DIR/tmp" \
                || die "cannot chown $DIR to $ES_USER"
        fi
        rm -f "$PIDFILE"

        local -a settings=(
            -Ediscovery.type=single-node
            -Enetwork.host=127.0.0.1            # loopback only: bootstrap checks are not enforced
            -Ehttp.port="$ES_PORT"
            -Etransport.port="$ES_TRANSPORT_PORT"
            -Epath.data="$DIR/data"
            -Epath.logs="$LOGS"
            -Ecluster.routing.allocation.disk.threshold_enabled=false
        )
        # Only pass x-pack settings when the distribution has the module, else they are rejected.
        if [[ -d $ES_HOME/modules/x-pack-security ]]; then
            settings+=(-Expack.security.enabled=false)
        fi
        local -a run=()
        [[ $EUID -eq 0 ]] && run=(runuser -u "$ES_USER" --)
        # Daemon mode: the CLI returns once the node is started; logs go to $LOGS.
        if ! (cd "$LOGS" && "${run[@]}" env ES_JAVA_HOME="$java_home" ES_TMPDIR="$DIR/tmp" \
                ES_JAVA_OPTS="-Xms512m -Xmx512m ${GOVCMS_ES_JAVA_OPTS:-}" \
                "$ES_HOME/bin/elasticsearch" -d -p "$PIDFILE" "${settings[@]}" >"$DIR/startup.log" 2>&1); then
            tail -n 20 "$DIR/startup.log" >&2 || true
            die "Elasticsearch $ES_VERSION failed to start (see $DIR/startup.log and $LOGS)"
        fi
    fi

    local deadline=$((SECONDS + START_TIMEOUT))
    until healthy 5; do
        if (( SECONDS >= deadline )) || ! pid_alive; then
            tail -n 30 "$LOGS"/*.log 2>/dev/null | tail -n 30 >&2 || true
            die "Elasticsearch $ES_VERSION not healthy on $ES_URL after ${START_TIMEOUT}s (logs in $LOGS)"
        fi
        sleep 1
    done
    echo "Elasticsearch $(running_version) ready: $ES_URL"
}

stop() {
    set_paths
    pid_alive || { rm -f "$PIDFILE"; return 0; }
    local pid i
    pid=$(cat "$PIDFILE")
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; return 0; }
        sleep 1
    done
    kill -9 "$pid" 2>/dev/null || true   # did not stop within 60 s
    sleep 1
    kill -0 "$pid" 2>/dev/null && die "cannot stop Elasticsearch (pid $pid)"
    rm -f "$PIDFILE"
}

status() {
    healthy 1 || die "not healthy on $ES_URL"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    url) echo "$ES_URL" ;;
    *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
