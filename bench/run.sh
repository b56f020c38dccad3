#!/usr/bin/env bash
# Railside bench: builds the peers and the generator, starts each peer in turn, runs the
# scenarios against it, stops it, and writes bench/results/ (JSON, Markdown, SVG).
#
#   bench/run.sh            full matrix at the targets' sizes (about 35 minutes)
#   bench/run.sh --quick    reduced matrix, about 10 minutes
#   bench/run.sh --smoke    tiny sizes, checks that every peer and scenario works (results in /tmp)
#   bench/run.sh [--quick|--smoke] --peers railside,railside-history-off
#                           only the peers named (here: history on against off)
#   bench/run.sh --quick --peers railside,railside-stream,rabbitmq-web-stomp
#                           stream mode against the in-memory broker and RabbitMQ
#
# Every process it starts is ended by its PID on exit; every wait is bounded; all
# traffic goes to 127.0.0.1.
set -euo pipefail

ALL_PEERS=railside,railside-history-off,railside-stream,railside-stream-2,rabbitmq-web-stomp,artemis,stock-spring,netty-baseline
# Run only when named in --peers: the stock app on Jetty 12.1 instead of Tomcat, to see
# what the servlet container costs.
OPTIONAL_PEERS=stock-spring-jetty
MODE=full
PEERS=$ALL_PEERS
COMMAND="bench/run.sh $*"
usage() { echo "usage: bench/run.sh [--quick|--smoke] [--peers name,name,...] (peers: $ALL_PEERS; also $OPTIONAL_PEERS)" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) MODE=quick ;;
    --smoke) MODE=smoke ;;
    --peers) [ $# -ge 2 ] || usage; PEERS=$2; shift ;;
    *) usage ;;
  esac
  shift
done
for peer in ${PEERS//,/ }; do
  [[ ",$ALL_PEERS,$OPTIONAL_PEERS," == *",$peer,"* ]] || usage
done
if [[ ",$PEERS," == *",railside-stream-2,"* ]] && [ ! -x /usr/sbin/haproxy ]; then
  echo "railside-stream-2 needs HAProxy (apt-get install haproxy)" >&2
  exit 2
fi

BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=$(mktemp -d /tmp/railside-bench.XXXXXX)
RESULTS=$BENCH/results
# A smoke run measures nothing worth keeping: its results stay with its logs.
[ "$MODE" = smoke ] && RESULTS=$WORK/results
STARTED=$(date +%s)

RAILSIDE_PORT=18080
RAILSIDE_TLS_PORT=18443
# The second instance of railside-stream-2, and HAProxy in front of both.
RAILSIDE_PORT_2=18090
RAILSIDE_TLS_PORT_2=18453
HAPROXY_PORT=18088
STOCK_PORT=18081
NETTY_PORT=18082
STOCK_JETTY_PORT=18083
RABBIT_AMQP_PORT=5673
RABBIT_STOMP_PORT=61614
RABBIT_WS_PORT=15675
# Not 5552: the machine's shared RabbitMQ has that one.
RABBIT_STREAM_PORT=5553
RABBIT_DIST_PORT=25673
# ActiveMQ Artemis, its binary distribution from Maven Central; every acceptor's port 100
# above its default (the machine's RabbitMQ has 5672), STOMP (and WebSocket) on 61713.
ARTEMIS_VERSION=2.40.0
ARTEMIS_PORT_OFFSET=100
ARTEMIS_STOMP_PORT=61713

SERVER_JVM="-Xmx2g -XX:+UseG1GC -XX:NativeMemoryTracking=summary"
GENERATOR_JVM="-Xms1g -Xmx2g -XX:+UseG1GC"
# The replay scenario replays 1,000 messages per subscriber: the history keeps 1,000 per
# topic (the default is 100) and one resume may replay as many (the default, said aloud).
RAILSIDE_ARGS="--railside.limits.frames-per-second=100000 --railside.limits.frame-burst=100000 --railside.limits.bytes-per-second=1GB --railside.limits.byte-burst=1GB --railside.limits.sessions=20000 --railside.limits.sessions-per-address=20000 --railside.history.size=1000 --railside.history.replay-messages=1000"
HISTORY_OFF_ARGS="--railside.history.enabled=false"
# Stream mode on the bench's own RabbitMQ node; each stream peer on a stream of its own, so
# that the second does not start by reading back what the first appended.
STREAM_ARGS="--railside.broker.type=stream --railside.stream.port=$RABBIT_STREAM_PORT --railside.stream.amqp-port=$RABBIT_AMQP_PORT"
STREAM_HOLD=()
if [ "$MODE" = full ]; then
  # Stream mode's target holds 15,000 idle sessions on one instance: above Railside's
  # 12,000 connections.
  STREAM_ARGS="$STREAM_ARGS --server.tomcat.max-connections=20000"
  STREAM_HOLD=(--hold-sessions 15000)
fi
STOCK_ARGS="--server.port=$STOCK_PORT"
if [ "$MODE" = full ]; then
  # Tomcat's stock 8192-connection cap would refuse the 10,000 hold sessions outright.
  STOCK_ARGS="$STOCK_ARGS --server.tomcat.max-connections=20000"
fi
case "$MODE" in
  full) PEER_LIMIT=3600 ;;
  *) PEER_LIMIT=600 ;;
esac

STARTED_PIDS=()
OTHERS=0
LOAD=""
WAITED=0

log() { printf '[run.sh %s] %s\n' "$(date +%T)" "$*" >&2; }

wants() { [[ ",$PEERS," == *",$1,"* ]]; }

stop_pid() {
  local pid=$1
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null || true
}

# Stops a process this script started and forgets it, so that the exit trap never signals
# a PID the system may have given to someone else since.
stop_started() {
  local pid=$1 kept=() other
  stop_pid "$pid"
  for other in "${STARTED_PIDS[@]}"; do
    [ "$other" = "$pid" ] || kept+=("$other")
  done
  STARTED_PIDS=("${kept[@]}")
}

cleanup() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    stop_pid "$pid"
  done
  log "logs of this run: $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits (bounded) until a TCP port accepts, failing early if the process died.
wait_port() {
  local port=$1 pid=$2 seconds=$3
  for _ in $(seq 1 $((seconds * 5))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { log "process $pid died before port $port opened"; return 1; }
    sleep 0.2
  done
  log "port $port did not open within ${seconds}s"
  return 1
}

wait_http() {
  local url=$1 seconds=$2
  for _ in $(seq 1 $((seconds * 2))); do
    curl -sf -o /dev/null --max-time 2 "$url" && return 0
    sleep 0.5
  done
  log "$url did not answer within ${seconds}s"
  return 1
}

# Other engineers' test suites share the two cores: wait until none runs (30 s polls,
# at most 30 minutes), so as neither to disturb them nor to record a loaded machine.
wait_for_quiet_machine() {
  [ "$MODE" = smoke ] && return 0
  for _ in $(seq 1 60); do
    if ! pgrep -f surefirebooter >/dev/null; then
      return 0
    fi
    log "other test JVMs are running; waiting 30 s"
    sleep 30
    WAITED=$((WAITED + 30))
  done
  log "the machine stayed busy for 30 minutes; not measuring"
  exit 3
}

# Before each peer: up to 5 minutes more for other Maven builds and tests to finish;
# what was running then is recorded with the peer's results either way.
settle_before_peer() {
  [ "$MODE" = smoke ] && return 0
  for _ in $(seq 1 10); do
    pgrep -f 'surefirebooter|plexus-classworlds' >/dev/null || break
    log "other Maven processes are running; waiting 30 s"
    sleep 30
    WAITED=$((WAITED + 30))
  done
  OTHERS=$( (pgrep -f 'surefirebooter|plexus-classworlds' || true) | wc -l)
  LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
}

build() {
  log "building Railside, the generator and the stock Spring app"
  (cd "$ROOT" && ./mvnw -q -DskipTests package) > "$WORK/build.log" 2>&1
  (cd "$ROOT" && ./mvnw -q -f bench/pom.xml package) >> "$WORK/build.log" 2>&1
  if wants stock-spring; then
    (cd "$ROOT" && ./mvnw -q -f bench/stock-spring/pom.xml -DskipTests package) >> "$WORK/build.log" 2>&1
  fi
  if wants stock-spring-jetty; then
    (cd "$ROOT" && ./mvnw -q -f bench/stock-spring/pom.xml -Pjetty -DskipTests package) >> "$WORK/build.log" 2>&1
  fi
  if wants artemis; then
    (cd "$ROOT" && ./mvnw -q dependency:get \
      -Dartifact=org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin) >> "$WORK/build.log" 2>&1
  fi
}

wants_rabbitmq() { wants railside-stream || wants railside-stream-2 || wants rabbitmq-web-stomp; }

# Starts a process in the background, records its PID; the PID is in $LAST_PID.
start() {
  local name=$1
  shift
  "$@" > "$WORK/$name.log" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
}

start_railside() {
  local name=$1
  shift
  start_railside_on "$name" $RAILSIDE_PORT $RAILSIDE_TLS_PORT "$@"
}

# Ready, not just listening: in stream mode an instance is ready once it has read the
# stream (readiness includes the broker).
start_railside_on() {
  local name=$1 port=$2 tls_port=$3
  shift 3
  start "$name" env RAILSIDE_HTTP_PORT=$port RAILSIDE_HTTPS_PORT=$tls_port \
    java $SERVER_JVM -jar "$ROOT/target/railside.jar" $RAILSIDE_ARGS "$@"
  wait_port $port "$LAST_PID" 120
  wait_http "http://127.0.0.1:$port/actuator/health/readiness" 120
}

# HAProxy in front of two instances, as deploy/haproxy.cfg balances them (leastconn,
# readiness checks), with neither TLS nor logs: ws:// on 127.0.0.1 only. In the
# foreground (-db), so that its PID is the one started here.
start_haproxy() {
  cat > "$WORK/haproxy.cfg" <<EOF
global
	maxconn 9000

defaults
	mode http
	maxconn 9000
	timeout connect 5s
	timeout http-request 10s
	timeout client 60s
	timeout server 60s
	timeout tunnel 1h
	timeout client-fin 10s
	default-server inter 2s fall 2 rise 2

frontend railside
	bind 127.0.0.1:$HAPROXY_PORT
	default_backend railside

backend railside
	balance leastconn
	option httpchk GET /actuator/health/readiness
	http-check expect status 200
	server railside1 127.0.0.1:$RAILSIDE_PORT check
	server railside2 127.0.0.1:$RAILSIDE_PORT_2 check
EOF
  /usr/sbin/haproxy -c -q -f "$WORK/haproxy.cfg"
  start haproxy /usr/sbin/haproxy -db -f "$WORK/haproxy.cfg"
  wait_port $HAPROXY_PORT "$LAST_PID" 30
  wait_http "http://127.0.0.1:$HAPROXY_PORT/actuator/health/readiness" 30
}

# A RabbitMQ node of the bench's own: the shared node here runs with 1,024 open files
# (832 sockets), fewer than one scenario's subscribers. Same installation, stock
# settings but its ports, and 20,000 open files.
start_rabbitmq() {
  local dir=$WORK/rabbitmq
  mkdir -p "$dir"
  cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$RABBIT_AMQP_PORT
stomp.listeners.tcp.1 = 127.0.0.1:$RABBIT_STOMP_PORT
web_stomp.tcp.ip = 127.0.0.1
web_stomp.tcp.port = $RABBIT_WS_PORT
stream.listeners.tcp.1 = 127.0.0.1:$RABBIT_STREAM_PORT
stream.advertised_host = 127.0.0.1
stream.advertised_port = $RABBIT_STREAM_PORT
EOF
  echo '[rabbitmq_stomp,rabbitmq_web_stomp,rabbitmq_stream].' > "$dir/enabled_plugins"
  : > "$dir/env.conf"
  ulimit -n 20000
  start rabbitmq env HOME="$dir" RABBITMQ_CONF_ENV_FILE="$dir/env.conf" RABBITMQ_NODENAME=railside-bench@localhost \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$RABBIT_AMQP_PORT RABBITMQ_DIST_PORT=$RABBIT_DIST_PORT \
    RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_PLUGINS_EXPAND_DIR="$dir/expand" \
    RABBITMQ_PID_FILE="$dir/pid" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    /usr/lib/rabbitmq/bin/rabbitmq-server
  RABBIT_SCRIPT_PID=$LAST_PID
  wait_port $RABBIT_WS_PORT "$RABBIT_SCRIPT_PID" 120
  wait_port $RABBIT_STOMP_PORT "$RABBIT_SCRIPT_PID" 30
  wait_port $RABBIT_STREAM_PORT "$RABBIT_SCRIPT_PID" 30
  RABBIT_PID=$(cat "$dir/pid")
  STARTED_PIDS=("$RABBIT_PID" "${STARTED_PIDS[@]}")
}

# ActiveMQ Artemis as its distribution creates a broker (anonymous logins allowed, no web
# console, on 127.0.0.1), with 20,000 open files. Its STOMP acceptor takes WebSocket
# upgrades as it is; auto-created addresses are multicast, so /topic/x fans out.
start_artemis() {
  local home=$WORK/apache-artemis-$ARTEMIS_VERSION java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  tar xzf "$HOME/.m2/repository/org/apache/activemq/apache-artemis/$ARTEMIS_VERSION/apache-artemis-$ARTEMIS_VERSION-bin.tar.gz" -C "$WORK"
  JAVA_HOME=$java_home "$home/bin/artemis" create "$WORK/artemis-broker" --silent --allow-anonymous \
    --user bench --password bench --host 127.0.0.1 --no-web --port-offset $ARTEMIS_PORT_OFFSET > "$WORK/artemis-create.log" 2>&1
  start artemis env JAVA_HOME="$java_home" bash -c "ulimit -n 20000 && exec '$WORK/artemis-broker/bin/artemis' run"
  wait_port $ARTEMIS_STOMP_PORT "$LAST_PID" 120
}

# Runs the generator against one peer: name, URL, scenarios, CPU pids, memory pid, JVM?,
# then extra generator options.
measure() {
  local peer=$1 url=$2 scenarios=$3 pids=$4 memory_pid=$5 jvm=$6
  shift 6
  settle_before_peer
  log "measuring $peer ($scenarios)"
  timeout --kill-after=10 $PEER_LIMIT java $GENERATOR_JVM -jar "$BENCH/target/bench.jar" run --peer "$peer" \
    --mode $MODE --url "$url" --scenarios "$scenarios" --pids "$pids" --memory-pid "$memory_pid" --jvm "$jvm" \
    --out "$RESULTS/peer-$peer.json" --info "machine=$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB" \
    --info "server JVM=$(java -version 2>&1 | head -1)" \
    --info "machine before=load average $LOAD, other Maven processes: $OTHERS" "$@" 2> >(tee "$WORK/generator-$peer.log" >&2) ||
    log "the generator failed against $peer (see $WORK/generator-$peer.log)"
}

run_peers() {
  local version scenarios_full=hold,storm,broadcast,fanout-max,topics
  version=$(sed -n 's:^\t<version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)

  if wants railside; then
    start_railside railside
    measure railside "ws://127.0.0.1:$RAILSIDE_PORT/stomp" "$scenarios_full,echo,replay" "$LAST_PID" "$LAST_PID" true \
      --echo-url "ws://127.0.0.1:$RAILSIDE_PORT/echo" --info "version=Railside $version, Spring Boot 4.1.2, Tomcat" \
      --info "JVM flags=$SERVER_JVM" --info "settings=$RAILSIDE_ARGS (in-memory broker, history on)"
    stop_started "$LAST_PID"
  fi

  # Right after the history-on server, so that both meet the machine in the same state:
  # what history costs is the ratio of the two.
  if wants railside-history-off; then
    start_railside railside-history-off $HISTORY_OFF_ARGS
    measure railside-history-off "ws://127.0.0.1:$RAILSIDE_PORT/stomp" hold,fanout-max "$LAST_PID" "$LAST_PID" true \
      --info "version=Railside $version, Spring Boot 4.1.2, Tomcat" --info "JVM flags=$SERVER_JVM" \
      --info "settings=$RAILSIDE_ARGS $HISTORY_OFF_ARGS (in-memory broker, history off)"
    stop_started "$LAST_PID"
  fi

  if wants_rabbitmq; then
    start_rabbitmq
  fi
  # CPU is Railside's plus RabbitMQ's (--pids), RabbitMQ's reported beside (--broker-pids).
  if wants railside-stream; then
    start_railside railside-stream $STREAM_ARGS --railside.stream.name=railside-bench
    measure railside-stream "ws://127.0.0.1:$RAILSIDE_PORT/stomp" hold,broadcast,topics,replay,fanout-max \
      "$LAST_PID,$RABBIT_PID" "$LAST_PID" true --broker-pids "$RABBIT_PID" "${STREAM_HOLD[@]}" \
      --info "version=Railside $version in stream mode on RabbitMQ 3.10.8" --info "JVM flags=$SERVER_JVM" \
      --info "settings=$RAILSIDE_ARGS $STREAM_ARGS --railside.stream.name=railside-bench (stream port $RABBIT_STREAM_PORT of the bench's own node, history on); server CPU is Railside + RabbitMQ"
    stop_started "$LAST_PID"
  fi
  # Two instances on one stream behind HAProxy: subscribers spread over both, the
  # publisher on one; every message goes through the stream to both.
  if wants railside-stream-2; then
    local first second
    start_railside_on railside-stream-2a $RAILSIDE_PORT $RAILSIDE_TLS_PORT $STREAM_ARGS --railside.stream.name=railside-bench-2
    first=$LAST_PID
    start_railside_on railside-stream-2b $RAILSIDE_PORT_2 $RAILSIDE_TLS_PORT_2 $STREAM_ARGS --railside.stream.name=railside-bench-2
    second=$LAST_PID
    start_haproxy
    measure railside-stream-2 "ws://127.0.0.1:$HAPROXY_PORT/stomp" broadcast,fanout-max \
      "$first,$second,$LAST_PID,$RABBIT_PID" 0 true --broker-pids "$RABBIT_PID" \
      --info "version=Railside $version in stream mode on RabbitMQ 3.10.8, two instances behind $(/usr/sbin/haproxy -v | head -1 | cut -d' ' -f1-3)" \
      --info "JVM flags=$SERVER_JVM" \
      --info "settings=each instance: $RAILSIDE_ARGS $STREAM_ARGS --railside.stream.name=railside-bench-2; HAProxy: balance leastconn, readiness checks, plain ws:// ($WORK/haproxy.cfg); server CPU is both instances + HAProxy + RabbitMQ"
    stop_started "$LAST_PID"
    stop_started "$second"
    stop_started "$first"
  fi
  if wants rabbitmq-web-stomp; then
    measure rabbitmq-web-stomp "ws://127.0.0.1:$RABBIT_WS_PORT/ws" broadcast,fanout-max,topics "$RABBIT_PID" \
      "$RABBIT_PID" false --header login=guest --header passcode=guest \
      --info "version=RabbitMQ 3.10.8, Erlang/OTP 25, rabbitmq_web_stomp" \
      --info "settings=stock RabbitMQ settings on a node of the bench's own (20,000 open files)"
  fi
  if wants_rabbitmq; then
    stop_started "$RABBIT_PID"
    stop_started "$RABBIT_SCRIPT_PID"
  fi

  if wants artemis; then
    start_artemis
    measure artemis "ws://127.0.0.1:$ARTEMIS_STOMP_PORT/" hold,storm,broadcast,fanout-max,topics "$LAST_PID" \
      "$LAST_PID" false --info "version=ActiveMQ Artemis $ARTEMIS_VERSION ($(java -version 2>&1 | head -1))" \
      --info "settings=as 'artemis create --allow-anonymous --no-web' makes it (its own JVM flags, -Xmx2G), acceptor ports +$ARTEMIS_PORT_OFFSET, STOMP over WebSocket on its STOMP acceptor"
    stop_started "$LAST_PID"
  fi

  if wants stock-spring; then
    start stock-spring java $SERVER_JVM -jar "$BENCH/stock-spring/target/stock-spring.jar" $STOCK_ARGS
    wait_port $STOCK_PORT "$LAST_PID" 120
    measure stock-spring "ws://127.0.0.1:$STOCK_PORT/gs-guide-websocket" "$scenarios_full" "$LAST_PID" "$LAST_PID" true \
      --info "version=Spring Boot 4.1.2 getting-started STOMP app, Tomcat" --info "JVM flags=$SERVER_JVM" \
      --info "settings=$STOCK_ARGS; enableSimpleBroker(/topic), endpoint /gs-guide-websocket, nothing else"
    stop_started "$LAST_PID"
  fi

  if wants stock-spring-jetty; then
    start stock-spring-jetty java $SERVER_JVM -jar "$BENCH/stock-spring/target/stock-spring-jetty.jar" \
      ${STOCK_ARGS/--server.port=$STOCK_PORT/--server.port=$STOCK_JETTY_PORT}
    wait_port $STOCK_JETTY_PORT "$LAST_PID" 120
    measure stock-spring-jetty "ws://127.0.0.1:$STOCK_JETTY_PORT/gs-guide-websocket" "$scenarios_full" "$LAST_PID" \
      "$LAST_PID" true --info "version=Spring Boot 4.1.2 getting-started STOMP app, Jetty 12.1" \
      --info "JVM flags=$SERVER_JVM" \
      --info "settings=${STOCK_ARGS/--server.port=$STOCK_PORT/--server.port=$STOCK_JETTY_PORT}; as stock-spring, built with -Pjetty (Jetty caps no connections by default)"
    stop_started "$LAST_PID"
  fi

  if wants netty-baseline; then
    start netty-baseline java $SERVER_JVM -jar "$BENCH/target/bench.jar" netty-server --port $NETTY_PORT
    wait_port $NETTY_PORT "$LAST_PID" 60
    measure netty-baseline "ws://127.0.0.1:$NETTY_PORT/stomp" "$scenarios_full,echo" "$LAST_PID" "$LAST_PID" true \
      --echo-url "ws://127.0.0.1:$NETTY_PORT/echo" --info "version=Netty 4.2.18.Final, epoll, 2 event loops" \
      --info "JVM flags=$SERVER_JVM" --info "settings=encode once per subscription id, write to all"
    stop_started "$LAST_PID"
  fi
}

main() {
  cd "$ROOT"
  mkdir -p "$RESULTS"
  wait_for_quiet_machine
  build
  rm -f "$RESULTS"/peer-*.json
  run_peers
  local wall=$(($(date +%s) - STARTED))
  local sizes="full sizes"
  [ "$MODE" != full ] && sizes="$MODE sizes, smaller than the targets' (see bench/README.md)"
  [ "$PEERS" != "$ALL_PEERS" ] && sizes="$sizes; peers: $PEERS only"
  java -jar "$BENCH/target/bench.jar" report --dir "$RESULTS" --title "Railside bench, $MODE, $(date -u +%F)" \
    --note "mode=**$MODE** ($sizes); command: \`${COMMAND% }\`; date: $(date -u '+%F %T') UTC" \
    --note "machine=$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); generator and server share the cores" \
    --note "wall=wall time of the whole run, builds included: ${wall} s, of which ${WAITED} s waiting for other engineers' Maven processes" \
    --note "jvm=server JVM flags: $SERVER_JVM; generator: $GENERATOR_JVM"
}

main
