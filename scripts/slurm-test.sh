#!/usr/bin/env bash
# The Slurm job array of docs/bulk.md on a real Slurm: munge, slurmctld and slurmd on one
# node, in a network namespace that has only lo (and a PID and mount namespace of their own,
# so no daemon outlives the test), the sbatch script taken from docs/bulk.md between its
# "slurm-test" markers and submitted with `sbatch --wait` over 40 generated projects plus a
# department whose documents have only warnings. Checks: every array task COMPLETED with
# exit code 0 (scontrol show job and the jobcomp/filetxt log: no slurmdbd, so no sacct), `jixiao
# merge` exits 0 and writes what a single run writes (cmp), every PDF identical, and a
# deleted shard is named (exit 2). A line PASS/FAIL per check; exit 1 on any failure.
# Needs root and Debian 12 (installs slurmctld slurmd slurm-client munge when missing).
# About 15 s on 2 CPUs (plus the packages the first time); not part of CI (docs/bulk.md).
#   sudo bash scripts/slurm-test.sh
#   sudo JIXIAO=/usr/bin/jixiao bash scripts/slurm-test.sh
#   sudo KEEP=1 bash scripts/slurm-test.sh     # keep the temporary directory (logs, outputs)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
JIXIAO=${JIXIAO:-$REPO/build/jixiao}
NODE=jxnode            # the node's host name, 127.0.0.2 in the private /etc/hosts
TASKS=3                # --array=0-2 of docs/bulk.md

if [[ ${1:-} != --inside ]]; then
  [[ $(id -u) == 0 ]] || { echo "slurm-test: needs root (namespaces, the daemons, apt-get)" >&2; exit 1; }
  [[ $JIXIAO == /* && -x $JIXIAO ]] || { echo "slurm-test: JIXIAO=$JIXIAO: not an absolute path to a program" >&2; exit 1; }
  need=()
  for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
  done
  if ((${#need[@]})); then
    echo "slurm-test: installing ${need[*]}"
    # policy-rc.d, if any, keeps the packages' services from starting; nothing needs them
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
  fi
  T=$(mktemp -d /tmp/jixiao-slurm-test.XXXXXX)
  trap '[[ -n ${KEEP:-} ]] && echo "slurm-test: kept $T" || rm -rf "$T"' EXIT
  start=$(date +%s)
  daemons() { ps -eo pid=,comm= | awk '$2 ~ /^(munged|slurmctld|slurmd|slurmstepd)$/ {print $1}' | sort; }
  before=$(daemons)     # a munge or Slurm of the machine's own, if any
  rc=0
  # PID 1 of the new PID namespace is the inner script: when it ends, the kernel ends
  # whatever is left in the namespace, before unshare returns.
  unshare --net --mount --uts --pid --fork --mount-proc \
    env JIXIAO="$JIXIAO" bash "$0" --inside "$T" || rc=$?
  left=$( (pgrep -f "$T"; comm -13 <(echo "$before") <(daemons)) | sort -u | tr '\n' ' ' || true)
  if [[ -n $left ]]; then
    echo "slurm-test: FAIL processes left running: $left"; rc=1
  else
    echo "slurm-test: PASS no process of the test left running"
  fi
  echo "slurm-test: $( ((rc == 0)) && echo PASSED || echo FAILED) in $(($(date +%s) - start)) s"
  exit $rc
fi

# ---- inside the namespaces --------------------------------------------------------------
T=$2
failures=0
pass() { echo "slurm-test: PASS $*"; }
fail() { echo "slurm-test: FAIL $*"; failures=$((failures + 1)); }
die() { fail "$*"; exit 1; }

ip link set lo up
# glibc's getaddrinfo(AI_ADDRCONFIG), which slurm uses to bind, finds no IPv4 address when
# 127.0.0.1 is the only one: a second loopback address, which is also the node's
ip addr add 127.0.0.2/8 dev lo
hostname "$NODE"
printf '127.0.0.1\tlocalhost\n127.0.0.2\t%s\n' "$NODE" >"$T/hosts"
mount --bind "$T/hosts" /etc/hosts          # this mount namespace only
ifaces=$(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')
[[ $ifaces == "lo " ]] && pass "network namespace has only lo" || die "network namespace has $ifaces"

mkdir -p "$T/munge" "$T/slurm/state" "$T/slurm/spool" "$T/job"
chmod 755 "$T/munge"
head -c 1024 /dev/urandom >"$T/munge/munge.key"
chmod 400 "$T/munge/munge.key"
export SLURM_CONF=$T/slurm/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=jixiao-test
SlurmctldHost=$NODE(127.0.0.2)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.socket
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$T/slurm/jobcomp.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
ReturnToService=2
MinJobAge=3600
StateSaveLocation=$T/slurm/state
SlurmdSpoolDir=$T/slurm/spool
SlurmctldPidFile=$T/slurm/slurmctld.pid
SlurmdPidFile=$T/slurm/slurmd.pid
SlurmctldLogFile=$T/slurm/slurmctld.log
SlurmdLogFile=$T/slurm/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
# RealMemory: without it the node has 1 MB and a --mem=512M job is never scheduled
NodeName=$NODE NodeAddr=127.0.0.2 CPUs=$(nproc) RealMemory=1024 State=UNKNOWN
PartitionName=test Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

stop_daemons() {
  local rc=$? pids=() f p
  for f in "$T/slurm/slurmd.pid" "$T/slurm/slurmctld.pid" "$T/munge/munged.pid"; do
    [[ -s $f ]] && pids+=("$(cat "$f")")
  done
  scontrol shutdown >/dev/null 2>&1 || true         # slurmctld and slurmd
  sleep 1
  [[ -s $T/munge/munged.pid ]] && kill -TERM "$(cat "$T/munge/munged.pid")" 2>/dev/null || true
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=()
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
    ((${#alive[@]})) || break
    sleep 0.2
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null && echo "slurm-test: FAIL pid $p did not stop on SIGTERM" && rc=1; done
  ((${#pids[@]})) && echo "slurm-test: PASS daemons stopped: ${#pids[@]} (munged, slurmctld, slurmd)"
  if ((rc != 0)); then
    for f in "$T/slurm/slurmctld.log" "$T/slurm/slurmd.log" "$T/munge/munged.log" "$T"/job/slurm-*.out; do
      [[ -f $f ]] && { echo "--- $f (last lines)"; tail -n 15 "$f"; }
    done
  fi
  exit $rc
}
trap stop_daemons EXIT

munged --force --key-file="$T/munge/munge.key" --socket="$T/munge/munge.socket" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/munged.seed"
slurmctld
slurmd
deadline=$((SECONDS + 40))
state=
while ((SECONDS < deadline)); do
  state=$(timeout 5 sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
[[ $state == idle ]] && pass "slurm up: node $NODE idle ($(sinfo -h -o '%c CPUs, %m MB'))" || die "node $NODE is '${state:-unknown}', not idle"

# ---- the inputs and the job script from docs/bulk.md ------------------------------------
python3 "$REPO/bench/bulk/generate.py" --form project --n 40 --seed 1 --out "$T/in" >/dev/null
cp "$REPO/examples/shenzhen-2020-department-selfeval.json" "$T/in/"
job=$T/job/jixiao-array.sh
sed -n '/<!-- slurm-test: begin/,/<!-- slurm-test: end/p' "$REPO/docs/bulk.md" | sed '1,2d;$d' | sed '$d' >"$T/job/doc.sh"
for want in '#!/bin/bash' 'srun jixiao render /shared/data/2021/ -o /shared/out/2021/ --shard /3' \
            "--array=0-$((TASKS - 1))" '--cpus-per-task=2' '--mem=512M'; do
  grep -qF -- "$want" "$T/job/doc.sh" || die "docs/bulk.md's Slurm script (between the slurm-test markers) has no '$want'"
done
sed -e "s#srun jixiao #srun $JIXIAO #" -e "s#/shared/data/2021/#$T/in/#" -e "s#/shared/out/2021/#$T/out/#" \
  "$T/job/doc.sh" >"$job"
echo "slurm-test: submitting (docs/bulk.md's script, paths and jixiao replaced):"
sed 's/^/    /' "$job"

cd "$T/job"
t0=$(date +%s)
src=0
jobid=$(timeout 300 sbatch --parsable --wait "$job") || src=$?
echo "slurm-test: sbatch --wait returned $src after $(($(date +%s) - t0)) s (job $jobid)"
[[ -n $jobid ]] || die "sbatch: no job submitted"
((src == 0)) && pass "sbatch --wait exit 0 (the highest exit code of the array's tasks)" || fail "sbatch --wait exit $src"

# ---- every task COMPLETED, exit code 0 ---------------------------------------------------
# a line per array task of scontrol -o or the jobcomp log: ARRAYJOB_TASK|STATE|EXITCODE
task_state() { sed -nE 's/.* JobState=([A-Z_]+) .* ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+) .* ExitCode=([0-9:]+).*/\2_\3|\1|\4/p;
  s/^JobId=[0-9]+ ArrayJobId=([0-9]+) ArrayTaskId=([0-9]+) .* JobState=([A-Z_]+) .* ExitCode=([0-9:]+).*/\1_\2|\3|\4/p' \
  | sort; }
# No slurmdbd (it would need a MariaDB), so no accounting: sacct has nothing. The states
# are the controller's: scontrol show job (kept for MinJobAge) and the jobcomp/filetxt log.
echo "slurm-test: accounting: none (sacct: $(sacct -n -j "$jobid" 2>&1 | head -1));" \
  "the states from scontrol show job and the controller's jobcomp/filetxt log"
echo "slurm-test: scontrol -o show job $jobid:"
scontrol -o show job "$jobid" | grep -o '^JobId=[^ ]* ArrayJobId=[^ ]* ArrayTaskId=[^ ]*\| JobState=[^ ]*\| ExitCode=[^ ]*' \
  | paste -d '' - - - | sed 's/^/    /'
echo "slurm-test: jobcomp/filetxt log (array job_task|JobState|ExitCode):"
declare -A st=([scontrol]="$(scontrol -o show job "$jobid" | task_state)" [jobcomp]="$(task_state <"$T/slurm/jobcomp.log")")
sed 's/^/    /' <<<"${st[jobcomp]}"
# the task whose documents have only warnings: the shard whose summary has status "warnings"
warn_task=$(grep -lE ',warnings,[^,]*\.pdf,[0-9]+,[0-9]+' "$T"/out/summary.shard-*-of-$TASKS.csv 2>/dev/null \
  | sed -E 's/.*shard-([0-9]+)-of.*/\1/' | tr '\n' ' ' | sed 's/ $//')
for k in $(seq 0 $((TASKS - 1))); do
  note=""; [[ $k == "$warn_task" ]] && note=" (its documents: warnings only)"
  for how in "${!st[@]}"; do
    line=$(grep "^${jobid}_$k|" <<<"${st[$how]}" || true)
    if [[ $line == "${jobid}_$k|COMPLETED|0:0" ]]; then
      pass "task ${jobid}_$k COMPLETED, ExitCode 0:0 ($how)$note"
    else
      fail "task ${jobid}_$k ($how): '${line:-not found}', expected COMPLETED|0:0$note"
    fi
  done
done
[[ -n $warn_task ]] && pass "a task held documents with only warnings: task $warn_task" || fail "no shard summary has a row with status warnings"

# ---- merge == a single run ---------------------------------------------------------------
cp -a "$T/out" "$T/out-missing"     # before the merge: for the missing-shard check below
mrc=0; "$JIXIAO" merge "$T/out/" >"$T/merge.log" 2>&1 || mrc=$?
((mrc == 0)) && pass "jixiao merge OUT/ exit 0: $(tail -n1 "$T/merge.log")" || fail "jixiao merge OUT/ exit $mrc: $(cat "$T/merge.log")"
"$JIXIAO" render "$T/in" -o "$T/single/" --date 2022-01-01 >/dev/null 2>&1 || fail "single run exit $?"
for f in summary.csv summary.xlsx findings.json; do
  if cmp "$T/single/$f" "$T/out/$f"; then pass "$f merged = single run ($(stat -c %s "$T/out/$f") bytes)"; else fail "$f merged differs from the single run's"; fi
done
n=0; bad=0
while IFS= read -r -d '' p; do
  n=$((n + 1)); cmp -s "$p" "$T/out/${p#"$T/single/"}" || { bad=$((bad + 1)); echo "    differs or missing: ${p#"$T/single/"}"; }
done < <(find "$T/single" -name '*.pdf' -print0)
nout=$(find "$T/out" -name '*.pdf' | wc -l)
if ((n > 0 && bad == 0 && n == nout)); then pass "all $n PDFs of the single run identical to the job array's"; else fail "PDFs: $bad of $n differ, $nout in the job array's output"; fi

# ---- a missing shard is named ------------------------------------------------------------
rm "$T/out-missing/rows.shard-1-of-$TASKS.jsonl"
mrc=0; "$JIXIAO" merge "$T/out-missing/" >"$T/merge-missing.log" 2>&1 || mrc=$?
if ((mrc == 2)) && grep -q "shard 1/$TASKS is missing" "$T/merge-missing.log" && [[ ! -e $T/out-missing/summary.csv ]]; then
  pass "rows.shard-1-of-$TASKS.jsonl deleted: jixiao merge exit 2, nothing written: $(grep -m1 'shard 1/' "$T/merge-missing.log")"
else
  fail "rows.shard-1-of-$TASKS.jsonl deleted: jixiao merge exit $mrc (expected 2 naming shard 1/$TASKS): $(cat "$T/merge-missing.log")"
fi

((failures == 0)) || exit 1
