#!/usr/bin/env bash
# deploy/test-cluster.sh: for CI. Proves with the REAL sweep that memsweep on a Spark standalone
# cluster (own run folder, free ports, 127.0.0.1 only) gives the same tables as local mode, and
# survives losing a worker and losing the driver. Always stops its cluster on exit (trap) and
# checks that no Spark process of it is left.
#
# usage: deploy/test-cluster.sh [--steps LIST] [--spec FILE] [--block-size N] [--partitions P]
#                               [--workers W] [--cores C] [--memory M] [--timeout S] [--keep]
#   Always first: local  the reference: ./memsweep sweep --spec FILE --master 'local[2]' into
#                        $T/local (while the cluster starts). Every later output is compared
#                        with it by `./memsweep diff` (row for row; must exit 0). The diffs run in
#                        the background, overlapping the next step, and are collected at the end.
#   --steps LIST   comma-separated, run in order (default: client,kill-worker,kill-driver)
#                    client       deploy/submit -- sweep ... --out $T/client; identical to local;
#                                 the executors of every worker ran tasks (their stderr logs)
#                    cluster      the same with --deploy-mode cluster (driver on a worker)
#                    kill-worker  submit in the background into $T/worker-loss; once cells are
#                                 committed and worker 1's executor runs a task, SIGKILL worker 1
#                                 and its executor(s); the sweep must finish on the surviving
#                                 worker(s) (exit 0) and be identical to local. Worker 1 stays dead.
#                    kill-driver  submit in the background into $T/driver-loss; once cells are
#                                 committed, SIGKILL the driver JVM, check its executors go away,
#                                 rerun the same command: exit 0, "Y already complete (skipped)"
#                                 with Y > 0, identical to local
#   --spec FILE    the sweep spec (default deploy/test-specs/fault.yaml)
#   --block-size N, --partitions P   passed to every sweep, local and cluster (default 250 and 2:
#                  with the spec's 5 cells x 2000 seeds, 40 blocks in waves of 4 x 2 = 8 blocks,
#                  so 5 waves; cells are committed after each wave)
#   --workers W --cores C --memory M   the cluster (default 2 workers x 2 cores, 2g)
#   --timeout S    seconds any single wait may take (default 240)
#   --keep         leave the cluster running at the end (for debugging; prints how to stop it)
# Environment: MEMSWEEP_TEST_RUN_DIR (default deploy/.run/test) - kept apart from a user's cluster.
# Output: each step's time and a summary; last line "cluster tests: N passed, N failed".
# Exit: 0 all steps passed, 1 a step failed, 2 bad arguments.
set -euo pipefail
PROG="deploy/test-cluster.sh"
export MEMSWEEP_RUN_DIR="${MEMSWEEP_TEST_RUN_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.run/test}"
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
CLUSTER="$DEPLOY_DIR/cluster"
SUBMIT="$DEPLOY_DIR/submit"
MEMSWEEP="$REPO_DIR/memsweep"

workers=2 cores=2 memory=2g steps="client,kill-worker,kill-driver" keep=0 timeout=240
spec="$DEPLOY_DIR/test-specs/fault.yaml" block_size=250 partitions=2
while [ $# -gt 0 ]; do
  case "$1" in
    --workers|--cores|--memory|--steps|--spec|--block-size|--partitions|--timeout)
      [ $# -ge 2 ] || usage_error "option $1 needs a value"
      case "$1" in
        --workers) workers="$2" ;; --cores) cores="$2" ;; --memory) memory="$2" ;;
        --steps) steps="$2" ;; --spec) spec="$2" ;; --block-size) block_size="$2" ;;
        --partitions) partitions="$2" ;; --timeout) timeout="$2" ;;
      esac; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) usage_error "unknown option '$1': allowed are --steps, --spec, --block-size, --partitions, --workers, --cores, --memory, --timeout, --keep" ;;
  esac
done
for s in ${steps//,/ }; do
  case "$s" in client|cluster|kill-worker|kill-driver) ;;
    *) usage_error "--steps: unknown step '$s': allowed are client, cluster, kill-worker, kill-driver" ;; esac
done
for v in block_size partitions timeout; do
  [[ "${!v}" =~ ^[1-9][0-9]*$ ]] || usage_error "--${v/_/-} '${!v}' is not allowed: give a whole number >= 1"
done
[ -f "$spec" ] || usage_error "--spec '$spec' does not exist"
spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"

TMP="$RUN_DIR/test-output"   # absolute: the executors (cwd = their work dir) write there too
t_start=$SECONDS
declare -a results=() timings=()
npass=0 nfail=0
pass() { results+=("PASS  $*"); npass=$((npass + 1)); echo "== PASS: $*"; }
fail() { results+=("FAIL  $*"); nfail=$((nfail + 1)); echo "== FAIL: $*" >&2; exit 1; }
timing() { timings+=("$(printf '%-52s %6s s' "$1" "$2")"); }
# Seconds since T0 (from $EPOCHREALTIME) with one decimal.
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# Every sweep, local or cluster: same spec, block size and partitions (the results do not depend on
# the latter two, but the waves - and so the fault windows - do).
declare -a SWEEP=(sweep --spec "$spec" --block-size "$block_size" --partitions "$partitions" --quiet)
# Executors log "Running task"/"Finished task" (read back from their stderr in the work dirs).
# deploy/submit appends this after its own -Dlog4j2.configurationFile; the last one wins.
declare -a EXEC_LOG=(--conf "spark.executor.extraJavaOptions=-Dlog4j2.configurationFile=file:$DEPLOY_DIR/test-specs/log4j2-executor.properties")

# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
master_json() { http_json "$(state_get MASTER_WEBUI)" 5; }

# submit MODE OUT: the sweep through deploy/submit into OUT (stdout/stderr: the caller redirects).
submit() { "$SUBMIT" --deploy-mode "$1" "${EXEC_LOG[@]}" -- "${SWEEP[@]}" --out "$2"; }
# submit_bg NAME OUT: the same in client mode, in the background (deploy/submit execs the driver
# JVM, so $! is the driver's PID); output in $TMP/NAME.out, .err
submit_bg() {
  "$SUBMIT" --deploy-mode client "${EXEC_LOG[@]}" -- "${SWEEP[@]}" --out "$2" >"$TMP/$1.out" 2>"$TMP/$1.err" &
}

# Background processes of this script (local sweep, diffs): cleanup ends whatever is left of them.
declare -a BG=()

show_logs() {
  local name="$1"
  echo "--- $name stdout (last 20 lines)"; tail -n 20 "$TMP/$name.out" 2>/dev/null || true
  echo "--- $name stderr (last 30 lines)"; tail -n 30 "$TMP/$name.err" 2>/dev/null || true
}

# cells_line NAME -> "total computed skipped" from "N cells: X computed, Y already complete (skipped)"
cells_line() {
  sed -n 's/^\([0-9]*\) cells: \([0-9]*\) computed, \([0-9]*\) already complete (skipped).*/\1 \2 \3/p' \
    "$TMP/$1.out" | tail -n1
}

# diff_start NAME MESSAGE: ./memsweep diff --out $TMP/local --against $TMP/NAME in the background
# (it must exit 0); diffs_collect waits for it and then counts the step as passed with MESSAGE.
declare -a DIFFS=()
diff_start() {
  local name="$1"
  ( t0=$EPOCHREALTIME; rc=0
    "$MEMSWEEP" diff --out "$TMP/local" --against "$TMP/$name" >"$TMP/diff-$name.out" 2>&1 || rc=$?
    echo "$rc $(since "$t0")" >"$TMP/diff-$name.rc" ) &
  BG+=("$!"); DIFFS+=("$!|$name|$2")
  echo "   ./memsweep diff --out $TMP/local --against $TMP/$name: started in the background"
}
diffs_collect() {
  local d pid name msg rc dt
  for d in "${DIFFS[@]}"; do
    IFS='|' read -r pid name msg <<<"$d"
    wait "$pid" || true
    read -r rc dt <"$TMP/diff-$name.rc" || { rc='?'; dt='?'; }
    timing "diff local vs $name (background)" "$dt"
    if [ "$rc" != 0 ]; then
      echo "--- ./memsweep diff --out $TMP/local --against $TMP/$name (exit $rc):"; tail -n 30 "$TMP/diff-$name.out"
      fail "$name: the tables differ from the local reference (./memsweep diff exit $rc)"
    fi
    echo "== ./memsweep diff: $TMP/$name is identical to the local reference ($(grep -c identical "$TMP/diff-$name.out") tables identical; $dt s)"
    pass "$msg"
  done
  DIFFS=()
}

# The id of the application that most recently started on the cluster (empty if none).
latest_app() {
  local j; j="$(master_json)" || return 0
  if have_jq; then printf '%s' "$j" | jq -r '[.activeapps[], .completedapps[]] | sort_by(.starttime) | last | .id // empty'
  else printf '%s' "$j" | python3 -c 'import json,sys; j=json.load(sys.stdin); a=sorted(j["activeapps"]+j["completedapps"], key=lambda x: x["starttime"]); print(a[-1]["id"] if a else "")'
  fi
}
# app_state APP -> the master's state of the application (RUNNING, FINISHED, KILLED...)
app_state() {
  local j; j="$(master_json)" || return 0
  if have_jq; then printf '%s' "$j" | jq -r --arg id "$1" '[.activeapps[], .completedapps[]] | map(select(.id == $id)) | .[0].state // empty'
  else printf '%s' "$j" | python3 -c 'import json,sys
j=json.load(sys.stdin); a=[x for x in j["activeapps"]+j["completedapps"] if x["id"]==sys.argv[1]]; print(a[0]["state"] if a else "")' "$1"
  fi
}
# wait_new_app PREV PID NAME: until the master lists an application other than PREV; prints its id.
wait_new_app() {
  local prev="$1" pid="$2" name="$3" i a
  for ((i = 0; i < timeout * 5; i++)); do
    a="$(latest_app)"
    [ -n "$a" ] && [ "$a" != "$prev" ] && { echo "$a"; return 0; }
    pid_alive "$pid" || { wait "$pid" || true; show_logs "$name" >&2; fail "$name: the submission ended before its application registered"; }
    sleep 0.2
  done
  fail "$name: no application registered with the master within $timeout s"
}

live_workers() { local n; for ((n = 1; n <= workers; n++)); do worker_pid "$n" >/dev/null && echo "$n"; done; return 0; }

# tasks_of WORKER APP WHAT -> number of "WHAT task" lines (Running|Finished) in the stderr logs of
# the executors WORKER launched for APP (its work dir).
tasks_of() {
  local f n=0 c
  for f in "$RUN_DIR/work/worker-$1/$2"/*/stderr*; do
    [ -f "$f" ] || continue
    c="$(grep -c "Executor: $3 task " "$f" || true)"; n=$((n + c))
  done
  echo "$n"
}

# check_tasks NAME APP WORKERS...: each listed worker's executor(s) finished >= 1 task of APP.
check_tasks() {
  local name="$1" app="$2"; shift 2; local n c total=0
  for n in "$@"; do
    c="$(tasks_of "$n" "$app" Finished)"
    echo "   worker $n: its executor(s) finished $c task(s) of $app"
    [ "$c" -ge 1 ] || fail "$name: worker $n's executors ran no task of $app (logs: $RUN_DIR/work/worker-$n/$app)"
    total=$((total + c))
  done
}

# kill_worker_and_executors N: SIGKILL worker N and the executors (and cluster-mode drivers) it
# launched, all at once - a machine failure.
kill_worker_and_executors() {
  local n="$1" w e d
  w="$(worker_pid "$n")" || fail "no live worker $n"
  e="$(worker_executor_pids "$n" | tr '\n' ' ')"
  d="$(worker_driver_pids "$n" | tr '\n' ' ')"
  echo "   SIGKILL worker $n: pid $w; its executor pid(s): ${e:-none}; its driver pid(s): ${d:-none}"
  # shellcheck disable=SC2086
  kill -KILL "$w" $e $d
}

executor_pids() { tagged_pids | while read -r p; do pid_cmdline "$p" | grep -q CoarseGrainedExecutorBackend && echo "$p"; done; return 0; }

# driver_pid_for OUT: the client-mode driver JVM (SparkSubmit, tagged by deploy/submit) whose
# command line has "--out OUT" - a path no other submission uses.
driver_pid_for() {
  local p; for p in $(submitted_pids); do
    case " $(pid_cmdline "$p") " in *" --out $1 "*) echo "$p" ;; esac
  done
  return 0
}

# ------------------------------------------------------------------------------------------------
# steps
# ------------------------------------------------------------------------------------------------
NCELLS="" LOCAL_PID="" LOCAL_T0=""
# The local reference sweep runs in the background while the cluster starts (mostly JVM start-up).
local_start() {
  echo "-- local: ./memsweep ${SWEEP[*]} --out $TMP/local --master local[2]   (in the background)"
  LOCAL_T0=$EPOCHREALTIME
  "$MEMSWEEP" "${SWEEP[@]}" --out "$TMP/local" --master 'local[2]' >"$TMP/local.out" 2>"$TMP/local.err" &
  LOCAL_PID=$!; BG+=("$LOCAL_PID")
}
local_finish() {
  local rc=0 c; wait "$LOCAL_PID" || rc=$?
  local dt; dt="$(since "$LOCAL_T0")"
  [ "$rc" = 0 ] || { show_logs local; fail "local: the reference sweep failed (exit $rc)"; }
  read -r NCELLS c _ < <(cells_line local; echo)
  { [ -n "$NCELLS" ] && [ "$c" = "$NCELLS" ]; } || { show_logs local; fail "local: expected 'N cells: N computed, 0 already complete' in its output"; }
  timing "local reference sweep (local[2], during cluster start)" "$dt"
  pass "local: reference sweep, $NCELLS cells computed in $dt s"
}

step_start() {
  local t0=$EPOCHREALTIME
  "$CLUSTER" start --workers "$workers" --cores "$cores" --memory "$memory" || fail "deploy/cluster start"
  local dt; dt="$(since "$t0")"
  timing "cluster start ($workers workers x $cores cores)" "$dt"
  echo "== cluster up in $dt s ($(state_get MASTER_URL))"
}

step_submit() {  # step_submit client|cluster
  local mode="$1" rc=0 t0=$EPOCHREALTIME prev; prev="$(latest_app)"
  echo "-- $mode: deploy/submit --deploy-mode $mode -- ${SWEEP[*]} --out $TMP/$mode"
  submit "$mode" "$TMP/$mode" >"$TMP/$mode.out" 2>"$TMP/$mode.err" || rc=$?
  local dt; dt="$(since "$t0")"
  echo "   exit $rc after $dt s"
  [ "$rc" = 0 ] || { show_logs "$mode"; fail "$mode mode: deploy/submit failed (exit $rc)"; }
  timing "$mode-mode sweep" "$dt"
  local tot c s; read -r tot c s < <(cells_line "$mode"; echo)
  [ "${c:-}" = "$NCELLS" ] || { show_logs "$mode"; fail "$mode mode: expected '$NCELLS cells: $NCELLS computed' in its output"; }
  local app; app="$(latest_app)"
  { [ -n "$app" ] && [ "$app" != "$prev" ]; } || fail "$mode mode: the master lists no new application"
  echo "   application $app: $(app_state "$app")"
  # shellcheck disable=SC2046
  check_tasks "$mode" "$app" $(live_workers)
  diff_start "$mode" "$mode mode: sweep in $dt s, identical to local, executors of workers $(live_workers | tr '\n' ' ')ran tasks"
}

step_kill_worker() {
  local name=worker-loss out="$TMP/worker-loss" t0=$EPOCHREALTIME pid app i ready=""
  [ "$(live_workers | wc -l)" -ge 2 ] || fail "kill-worker needs at least 2 live workers"
  worker_pid 1 >/dev/null || fail "kill-worker: worker 1 is not alive"
  local prev; prev="$(latest_app)"
  echo "-- kill-worker: deploy/submit -- ${SWEEP[*]} --out $out   (in the background)"
  submit_bg "$name" "$out"; pid=$!
  app="$(wait_new_app "$prev" "$pid" "$name")"
  echo "   application $app registered after $(since "$t0") s"
  # Strike once some cells are committed and worker 1's executor has finished a task and is in
  # the middle of another (if none is in flight within 5 s of being ready, strike anyway).
  for ((i = 0; i < timeout * 5; i++)); do
    pid_alive "$pid" || { wait "$pid" || true; show_logs "$name"; fail "kill-worker: the sweep ended before the fault could be injected (make it longer: --spec, --block-size)"; }
    local fin run
    fin="$(tasks_of 1 "$app" Finished)"; run="$(tasks_of 1 "$app" Running)"
    if [ -d "$out/cells" ] && [ "$fin" -ge 1 ]; then
      [ -n "$ready" ] || ready=$i
      [ "$run" -gt "$fin" ] && break
      [ $((i - ready)) -ge 25 ] && break
    fi
    sleep 0.2
  done
  [ -n "$ready" ] || { kill -KILL "$pid" 2>/dev/null; show_logs "$name"; fail "kill-worker: no cells committed / no task finished on worker 1 within $timeout s"; }
  local t_fault=$EPOCHREALTIME
  echo "   after $(since "$t0") s: cells/ committed, worker 1's executor finished $fin task(s), $((run - fin)) in flight"
  local dt_before; dt_before="$(since "$t0")"
  kill_worker_and_executors 1
  local rc=0; wait "$pid" || rc=$?
  local dt_rec dt; dt_rec="$(since "$t_fault")"; dt="$(since "$t0")"
  echo "   sweep exit $rc, $dt_rec s after the fault ($dt s in all)"
  [ "$rc" = 0 ] || { show_logs "$name"; fail "kill-worker: the sweep failed (exit $rc) after losing worker 1"; }
  local tot c s; read -r tot c s < <(cells_line "$name"; echo)
  [ "${c:-}" = "$NCELLS" ] || { show_logs "$name"; fail "kill-worker: expected '$NCELLS cells: $NCELLS computed' in its output"; }
  local lost=$((run - fin))
  echo "   the driver noticed: $(grep -o 'Lost executor.*' "$TMP/$name.err" | head -n1)"
  echo "   $lost task(s) were running on worker 1 when it died; they ran again on the survivor(s)"
  pid_alive "$(worker_pid 1 2>/dev/null || true)" && fail "kill-worker: worker 1 is alive again?"
  local w; for w in $(live_workers); do check_tasks kill-worker "$app" "$w"; done
  echo "   master: $(master_json | json_workers | awk '{print $1}' | sort | uniq -c | tr '\n' ' ' | sed 's/  */ /g')worker(s)"
  timing "kill-worker: sweep start -> SIGKILL worker 1" "$dt_before"
  timing "kill-worker: SIGKILL -> sweep done (recovery)" "$dt_rec"
  timing "kill-worker: whole sweep" "$dt"
  diff_start "$name" "kill-worker: SIGKILL of worker 1 + executor at $dt_before s, sweep finished $dt_rec s later ($lost task(s) in flight there rerun), identical to local"
}

step_kill_driver() {
  local name=driver-loss out="$TMP/driver-loss" t0=$EPOCHREALTIME pid app i dpid=""
  local prev; prev="$(latest_app)"
  echo "-- kill-driver: deploy/submit -- ${SWEEP[*]} --out $out   (in the background)"
  submit_bg "$name" "$out"; pid=$!
  app="$(wait_new_app "$prev" "$pid" "$name")"
  echo "   application $app registered after $(since "$t0") s"
  for ((i = 0; i < timeout * 5; i++)); do
    pid_alive "$pid" || { wait "$pid" || true; show_logs "$name"; fail "kill-driver: the sweep ended before the driver could be killed (make it longer: --spec, --block-size)"; }
    [ -d "$out/cells" ] && break
    sleep 0.2
  done
  [ -d "$out/cells" ] || { kill -KILL "$pid" 2>/dev/null; show_logs "$name"; fail "kill-driver: no cells committed within $timeout s"; }
  dpid="$(driver_pid_for "$out")"
  { [ -n "$dpid" ] && [ "$(echo "$dpid" | wc -l)" = 1 ]; } || { kill -KILL "$pid" 2>/dev/null; fail "kill-driver: cannot find exactly one driver JVM with '--out $out' in its command line (found: ${dpid:-none})"; }
  [ "$dpid" = "$pid" ] || fail "kill-driver: the driver JVM found by its --out ($dpid) is not the process deploy/submit became ($pid)"
  local nexec; nexec="$(executor_pids | wc -l)"
  local dt_before; dt_before="$(since "$t0")"
  echo "   after $dt_before s ($(find "$out/cells" -name '*.parquet' | wc -l) cells file(s) committed): SIGKILL driver pid $dpid; $nexec executor process(es) running"
  local t_kill=$EPOCHREALTIME
  kill -KILL "$dpid"; wait "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do [ -z "$(executor_pids)" ] && break; sleep 0.2; done
  [ -z "$(executor_pids)" ] || fail "kill-driver: executors of the killed driver still run after $timeout s: $(executor_pids | tr '\n' ' ')"
  local dt_gone; dt_gone="$(since "$t_kill")"
  for ((i = 0; i < timeout * 5; i++)); do [ "$(app_state "$app")" != RUNNING ] && break; sleep 0.2; done
  echo "   the killed driver's executors are gone after $dt_gone s; master: $app is $(app_state "$app")"
  # Task outputs the killed run's wave in flight had already committed (FileOutputCommitter v1:
  # trajectories/_temporary/0/task_*); the rerun must clear them before it writes (it does).
  # (No _temporary at all when the kill fell between two waves: find fails, which is fine.)
  local stale; stale="$( { find "$out/trajectories/_temporary" -path '*/_temporary/0/task_*' -name 'part-*.parquet' 2>/dev/null || true; } | wc -l)"
  echo "   left by the killed run: $stale committed task output file(s) under trajectories/_temporary"
  [ "$(app_state "$app")" != RUNNING ] || fail "kill-driver: the master still lists $app as RUNNING"
  # The rerun: the very same command.
  local t1=$EPOCHREALTIME rc=0; prev="$(latest_app)"
  echo "-- kill-driver rerun: deploy/submit -- ${SWEEP[*]} --out $out"
  submit client "$out" >"$TMP/$name-rerun.out" 2>"$TMP/$name-rerun.err" || rc=$?
  local dt_re; dt_re="$(since "$t1")"
  echo "   exit $rc after $dt_re s"
  if [ "$rc" != 0 ]; then
    show_logs "$name-rerun"
    fail "kill-driver: the rerun failed (exit $rc)"
  fi
  local tot c s; read -r tot c s < <(cells_line "$name-rerun"; echo)
  echo "   rerun: ${tot:-?} cells: ${c:-?} computed, ${s:-?} already complete (skipped)"
  { [ -n "${s:-}" ] && [ "$s" -gt 0 ] && [ "$tot" = "$NCELLS" ]; } \
    || { show_logs "$name-rerun"; fail "kill-driver: the rerun skipped no cell (expected 'N cells: X computed, Y already complete (skipped)' with Y > 0)"; }
  local app2; app2="$(latest_app)"
  [ "$app2" != "$prev" ] || fail "kill-driver: the rerun registered no application"
  # shellcheck disable=SC2046
  check_tasks kill-driver-rerun "$app2" $(live_workers)
  timing "kill-driver: sweep start -> SIGKILL driver" "$dt_before"
  timing "kill-driver: SIGKILL -> executors gone" "$dt_gone"
  timing "kill-driver: rerun (resume)" "$dt_re"
  diff_start "$name" "kill-driver: driver killed at $dt_before s, executors gone in $dt_gone s, rerun skipped $s of $tot cells in $dt_re s, identical to local"
}

cleanup() {
  local rc=$?
  set +e
  local t0=$EPOCHREALTIME b k
  for b in "${BG[@]}"; do   # whatever of our background work is left (after a failure)
    if pid_alive "$b"; then for k in $(descendants "$b") "$b"; do kill -KILL "$k" 2>/dev/null; done; fi
  done
  if [ "$keep" = 1 ]; then
    echo "cluster left running (--keep): MEMSWEEP_RUN_DIR=$RUN_DIR $CLUSTER stop"
  else
    "$CLUSTER" stop --timeout 15
    local left; left="$(tagged_pids | tr '\n' ' ')"
    if [ -n "${left// /}" ]; then echo "== FAIL: processes left after stop: $left" >&2; rc=1; nfail=$((nfail + 1))
    else echo "== no Spark process of the test cluster left"; fi
    timing "cluster stop" "$(since "$t0")"
  fi
  [ "$rc" = 0 ] || [ "$nfail" -gt 0 ] || nfail=1   # e.g. a failed build, or Ctrl-C
  echo "== summary ($((SECONDS - t_start)) s in all; logs in $LOG_DIR and $TMP):"
  printf '   %s\n' "${results[@]}"
  echo "== times:"
  printf '   %s\n' "${timings[@]}"
  printf '   %-52s %6s s\n' "total" "$((SECONDS - t_start))"
  echo "cluster tests: $npass passed, $nfail failed"
  [ "$nfail" = 0 ] || rc=1
  exit "$rc"
}

main() {
  if cluster_running; then die 1 "a cluster already runs in $RUN_DIR (stop it: MEMSWEEP_RUN_DIR=$RUN_DIR $CLUSTER stop)"; fi
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  rm -rf "$TMP"; mkdir -p "$TMP"
  # Builds (launcher: the jars; deploy/cluster home: the Spark runtime folder) before any timing.
  "$MEMSWEEP" --version >/dev/null || fail "build: ./memsweep could not build the project"
  "$CLUSTER" home >/dev/null || fail "build: deploy/cluster could not assemble the Spark runtime"
  local_start
  step_start
  local_finish
  local s
  for s in ${steps//,/ }; do
    case "$s" in
      client|cluster) step_submit "$s" ;;
      kill-worker)    step_kill_worker ;;
      kill-driver)    step_kill_driver ;;
    esac
  done
  diffs_collect
}
main
