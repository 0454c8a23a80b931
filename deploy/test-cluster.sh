#!/usr/bin/env bash
# deploy/test-cluster.sh: for CI. Starts its own Spark standalone cluster (own run folder, free ports),
# runs a deploy/submit command in the requested ways, checks that every worker ran executors for it,
# and always stops the cluster on exit (trap), then checks no Spark process of it is left.
#
# usage: deploy/test-cluster.sh [--workers W] [--cores C] [--memory M] [--steps LIST] [--expect REGEX]
#                               [--keep] -- <deploy/submit arguments, without --deploy-mode>
#   --steps LIST   comma-separated, run in order (default: client,cluster)
#                    client       submit in client deploy mode, check output and executors
#                    cluster      submit in cluster deploy mode (driver on a worker), same checks
#                    kill-worker  submit (client mode) in the background; once every executor runs
#                                 tasks, SIGKILL worker 1 and its executor; the job must still succeed
#                                 on the other workers (the tasks are retried; worker 1 stays dead)
#                    kill-driver  submit (client mode) in the background, SIGKILL the driver while tasks run,
#                                 check its executors go away, then rerun: the rerun must succeed
#   --expect REGEX the job's stdout must match (grep -E) after every successful submission
#   --fault-delay S   seconds a kill-* step waits, once executors run tasks, before it strikes
#                  (default 5). The job must run long enough: a kill-* step fails if it ends first.
#   --keep         leave the cluster running at the end (for debugging; prints how to stop it)
# Environment: MEMSWEEP_TEST_RUN_DIR (default deploy/.run/test) - kept apart from a user's cluster.
# Exit: 0 all steps passed, 1 a step failed, 2 bad arguments.
#
# Adding a step (e.g. the real sweep's resume test): write step_<name>() using run_submit,
# check_output, check_executors, kill_worker_and_executors, wait_for_busy_executors; add <name> to
# the case in main(). Steps share the cluster; a step that kills a worker leaves it dead.
set -euo pipefail
PROG="deploy/test-cluster.sh"
export MEMSWEEP_RUN_DIR="${MEMSWEEP_TEST_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.run/test}"
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
CLUSTER="$DEPLOY_DIR/cluster"
SUBMIT="$DEPLOY_DIR/submit"

workers=2 cores=2 memory=2g steps="client,cluster" expect="" keep=0 fault_delay=5
declare -a submit_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --workers|--cores|--memory|--steps|--expect|--fault-delay)
      [ $# -ge 2 ] || usage_error "option $1 needs a value"
      case "$1" in
        --workers) workers="$2" ;; --cores) cores="$2" ;; --memory) memory="$2" ;;
        --steps) steps="$2" ;; --expect) expect="$2" ;; --fault-delay) fault_delay="$2" ;;
      esac; shift 2 ;;
    --keep) keep=1; shift ;;
    --) shift; submit_args=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) usage_error "unknown option '$1': allowed are --workers, --cores, --memory, --steps, --expect, --fault-delay, --keep, then -- and the deploy/submit arguments" ;;
  esac
done
[ ${#submit_args[@]} -gt 0 ] || usage_error "missing the deploy/submit arguments after '--' (e.g. -- --class Smoke --jar /tmp/smoke.jar -- 2)"
for s in ${steps//,/ }; do
  case "$s" in client|cluster|kill-worker|kill-driver) ;;
    *) usage_error "--steps: unknown step '$s': allowed are client, cluster, kill-worker, kill-driver" ;; esac
done
[[ "$fault_delay" =~ ^[0-9]+$ ]] || usage_error "--fault-delay '$fault_delay' is not allowed: give whole seconds"
for a in "${submit_args[@]}"; do
  case "$a" in --deploy-mode|--deploy-mode=*|--master|--master=*)
    usage_error "do not pass $a: the steps choose the deploy mode and the master is the test cluster" ;; esac
done

TMP="$RUN_DIR/test-output"
t_start=$SECONDS
declare -a results=()
pass() { results+=("PASS  $*"); echo "== PASS: $*"; }
fail() { results+=("FAIL  $*"); echo "== FAIL: $*" >&2; exit 1; }

# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
master_json() { http_json "$(state_get MASTER_WEBUI)" 5; }

# Web UI address of worker N, as the master lists it (by the worker's RPC port, from its log).
worker_webui() {
  local n="$1" hp
  hp="$(grep -o 'Starting Spark worker [0-9.]*:[0-9]*' "$LOG_DIR/worker-$n.log" | head -n1 | awk '{print $4}')"
  master_json | json_workers | awk -v hp="$hp" '$3 == hp {print $8}'
}

# run_submit NAME MODE [extra deploy/submit args...] -> runs the submission, stdout/stderr to files;
# returns its exit code. Output files: $TMP/NAME.out, $TMP/NAME.err
run_submit() {
  local name="$1" mode="$2"; shift 2
  mkdir -p "$TMP"
  echo "-- $name: deploy/submit --deploy-mode $mode $* ${submit_args[*]}"
  local t0=$SECONDS rc=0
  "$SUBMIT" --deploy-mode "$mode" "$@" "${submit_args[@]}" >"$TMP/$name.out" 2>"$TMP/$name.err" || rc=$?
  echo "   exit $rc after $((SECONDS - t0)) s"
  return "$rc"
}
show_logs() {
  local name="$1"
  echo "--- $name stdout (last 20 lines)"; tail -n 20 "$TMP/$name.out" || true
  echo "--- $name stderr (last 30 lines)"; tail -n 30 "$TMP/$name.err" || true
}
check_output() {
  local name="$1"
  [ -z "$expect" ] && return 0
  grep -Eq -- "$expect" "$TMP/$name.out" || { show_logs "$name"; fail "$name: stdout does not match '$expect'"; }
}

# The id of the application that most recently started on the cluster.
latest_app() {
  local j; j="$(master_json)"
  if have_jq; then printf '%s' "$j" | jq -r '[.activeapps[], .completedapps[]] | sort_by(.starttime) | last | .id // empty'
  else printf '%s' "$j" | python3 -c 'import json,sys; j=json.load(sys.stdin); a=sorted(j["activeapps"]+j["completedapps"], key=lambda x: x["starttime"]); print(a[-1]["id"] if a else "")'
  fi
}

# Numbers of the workers still alive (a kill-* step may have killed some).
live_workers() { local n; for ((n = 1; n <= workers; n++)); do worker_pid "$n" >/dev/null && echo "$n"; done; return 0; }

# check_executors NAME [WORKERS...]: each listed worker (default: every live one) ran >= 1
# executor for the latest application.
check_executors() {
  local name="$1"; shift; local app n ui cnt total=0
  local -a ws=("$@"); [ ${#ws[@]} -gt 0 ] || mapfile -t ws < <(live_workers)
  app="$(latest_app)"; [ -n "$app" ] || fail "$name: the master lists no application"
  for n in "${ws[@]}"; do
    ui="$(worker_webui "$n")"; [ -n "$ui" ] || fail "$name: worker $n is not listed by the master"
    cnt="$(http_json "$ui" 5 | json_worker_executors | awk -v app="$app" '$2 == app' | wc -l)"
    echo "   worker $n ($ui): $cnt executor(s) for $app"
    [ "$cnt" -ge 1 ] || fail "$name: worker $n ran no executor for $app"
    total=$((total + cnt))
  done
  echo "   $total executor(s) over ${#ws[@]} worker(s) for $app"
}

# wait_for_executors TIMEOUT [WORKERS...]: until each listed worker has a live executor process.
wait_for_executors() {
  local t="$1"; shift; local -a ws=("$@"); [ ${#ws[@]} -gt 0 ] || mapfile -t ws < <(live_workers)
  local i n ok
  for ((i = 0; i < t * 5; i++)); do
    ok=1; for n in "${ws[@]}"; do [ -n "$(worker_executor_pids "$n")" ] || ok=0; done
    [ "$ok" = 1 ] && return 0
    sleep 0.2
  done
  return 1
}

# kill_worker_and_executors N: SIGKILL worker N and the executors (and cluster-mode drivers) it
# launched, all at once - a machine failure. Prints the PIDs. Uses worker_pid and
# worker_executor_pids from deploy/lib/common.sh.
kill_worker_and_executors() {
  local n="$1" w e d
  w="$(worker_pid "$n")" || fail "no live worker $n"
  e="$(worker_executor_pids "$n" | tr '\n' ' ')"
  d="$(worker_driver_pids "$n" | tr '\n' ' ')"
  echo "   SIGKILL worker $n: pid $w; its executor pid(s): ${e:-none}; its driver pid(s): ${d:-none}"
  # shellcheck disable=SC2086
  kill -KILL "$w" $e $d
}

# busy_executors UIPORT -> "busy total": executors (not the driver) with >= 1 active task, and all
# live executors, from the driver's REST API (http://127.0.0.1:UIPORT/api/v1). Empty if no answer.
busy_executors() {
  local base="http://$LOOPBACK:$1/api/v1" app j
  app="$(curl -sf --noproxy '*' --max-time 2 "$base/applications" | { if have_jq; then jq -r '.[0].id // empty'; else python3 -c 'import json,sys; a=json.load(sys.stdin); print(a[0]["id"] if a else "")'; fi; } 2>/dev/null)" || return 0
  [ -n "$app" ] || return 0
  j="$(curl -sf --noproxy '*' --max-time 2 "$base/applications/$app/executors")" || return 0
  if have_jq; then printf '%s' "$j" | jq -r '[.[] | select(.id != "driver" and .isActive)] | "\(map(select(.activeTasks > 0)) | length) \(length)"' 2>/dev/null
  else printf '%s' "$j" | python3 -c 'import json,sys
e=[x for x in json.load(sys.stdin) if x["id"] != "driver" and x.get("isActive", True)]
print(sum(1 for x in e if x["activeTasks"] > 0), len(e))' 2>/dev/null
  fi
}

# wait_for_busy_executors UIPORT N TIMEOUT: until >= N executors run tasks at the same moment.
wait_for_busy_executors() {
  local i b t
  for ((i = 0; i < $3 * 5; i++)); do
    read -r b t < <(busy_executors "$1"; echo) || true
    [ -n "${b:-}" ] && [ "$b" -ge "$2" ] && { echo "   $b of $t executors are running tasks"; return 0; }
    sleep 0.2
  done
  return 1
}

count_executor_processes() { tagged_pids | while read -r p; do pid_cmdline "$p" | grep -q CoarseGrainedExecutorBackend && echo "$p"; done | wc -l; }

# ------------------------------------------------------------------------------------------------
# steps
# ------------------------------------------------------------------------------------------------
step_start() {
  local t0=$SECONDS
  "$CLUSTER" start --workers "$workers" --cores "$cores" --memory "$memory" || fail "deploy/cluster start"
  pass "start: $workers workers up in $((SECONDS - t0)) s ($(state_get MASTER_URL))"
}

step_submit() {  # step_submit client|cluster
  local mode="$1" t0=$SECONDS
  run_submit "$mode" "$mode" || { show_logs "$mode"; fail "$mode mode: deploy/submit failed"; }
  check_output "$mode"
  check_executors "$mode"
  pass "$mode mode: job succeeded in $((SECONDS - t0)) s, every worker ran executors"
}

step_kill_worker() {
  local t0=$SECONDS pid
  [ "$workers" -ge 2 ] || fail "kill-worker needs at least 2 workers"
  mkdir -p "$TMP"
  local ui; ui="$(first_free_port 4040)"
  "$SUBMIT" --deploy-mode client --conf spark.ui.port="$ui" "${submit_args[@]}" >"$TMP/kill-worker.out" 2>"$TMP/kill-worker.err" &
  pid=$!
  local nlive; nlive="$(live_workers | wc -l)"
  wait_for_busy_executors "$ui" "$nlive" 300 \
    || { kill -KILL "$pid" 2>/dev/null; show_logs kill-worker; fail "kill-worker: the executors of all $nlive workers never ran tasks at the same time"; }
  sleep "$fault_delay"
  pid_alive "$pid" || { wait "$pid" || true; show_logs kill-worker; fail "kill-worker: the job ended before the fault could be injected (raise its run time)"; }
  kill_worker_and_executors 1
  local rc=0; wait "$pid" || rc=$?
  [ "$rc" = 0 ] || { show_logs kill-worker; fail "kill-worker: the job failed (exit $rc) after losing worker 1"; }
  check_output kill-worker
  local st; st="$(master_json | json_workers | awk '$1 != "ALIVE"' | wc -l)"
  echo "   master lists $st worker(s) not ALIVE"
  pass "kill-worker: job survived SIGKILL of worker 1 + its executor, finished in $((SECONDS - t0)) s"
}

step_kill_driver() {
  local t0=$SECONDS pid i
  mkdir -p "$TMP"
  local ui; ui="$(first_free_port 4040)"
  "$SUBMIT" --deploy-mode client --conf spark.ui.port="$ui" "${submit_args[@]}" >"$TMP/kill-driver.out" 2>"$TMP/kill-driver.err" &
  pid=$!   # deploy/submit execs java in client mode: this is the driver JVM
  wait_for_busy_executors "$ui" 1 300 || { kill -KILL "$pid" 2>/dev/null; show_logs kill-driver; fail "kill-driver: no executor ever ran a task"; }
  sleep "$fault_delay"
  pid_alive "$pid" || { wait "$pid" || true; show_logs kill-driver; fail "kill-driver: the job ended before the fault could be injected"; }
  echo "   SIGKILL driver pid $pid ($(pid_cmdline "$pid" | grep -o 'org.apache.spark.deploy.SparkSubmit'))"
  echo "   executor processes before: $(count_executor_processes)"
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do [ "$(count_executor_processes)" = 0 ] && break; sleep 0.2; done
  [ "$(count_executor_processes)" = 0 ] || fail "kill-driver: executors of the killed driver still run after 30 s"
  echo "   the killed driver's executors are gone after $((i * 200)) ms"
  run_submit kill-driver-rerun client || { show_logs kill-driver-rerun; fail "kill-driver: the rerun failed"; }
  check_output kill-driver-rerun
  check_executors kill-driver-rerun
  pass "kill-driver: executors cleaned up, rerun succeeded; $((SECONDS - t0)) s"
}

cleanup() {
  local rc=$?
  set +e
  if [ "$keep" = 1 ]; then
    echo "cluster left running (--keep): MEMSWEEP_RUN_DIR=$RUN_DIR $CLUSTER stop"
  else
    "$CLUSTER" stop --timeout 15
    local left; left="$(tagged_pids | tr '\n' ' ')"
    if [ -n "${left// /}" ]; then echo "== FAIL: processes left after stop: $left" >&2; rc=1
    else echo "== no Spark process of the test cluster left"; fi
  fi
  echo "== summary ($((SECONDS - t_start)) s, logs in $LOG_DIR and $TMP):"
  printf '   %s\n' "${results[@]}"
  exit "$rc"
}

main() {
  if cluster_running; then die 1 "a cluster already runs in $RUN_DIR (stop it: MEMSWEEP_RUN_DIR=$RUN_DIR $CLUSTER stop)"; fi
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  rm -rf "$TMP"
  step_start
  local s
  for s in ${steps//,/ }; do
    case "$s" in
      client|cluster) step_submit "$s" ;;
      kill-worker)    step_kill_worker ;;
      kill-driver)    step_kill_driver ;;
    esac
  done
}
main
