#!/bin/sh
# cluster: the pipeline on a real Slurm, one node on this machine. The
# repository's fixtures go through contrib/slurm/submit.sh as 4 shards
# (CLUSTER_SHARDS; a job array and a merge job that depends on it), and the
# merged claims.csv, claims.json and documents.csv must equal one `--jobs 1`
# run, byte for byte.
#
#   sh tests/cluster/run.sh build/pipeline      (from the top of the repository)
#
# Needs root: installs Debian's slurm-wlm and munge when missing, creates
# /etc/munge/munge.key when absent (the only files it leaves behind), and
# runs munged (as the munge user), slurmctld and slurmd with everything else
# -- sockets, pid files, logs, state, spool, slurm.conf -- under one temp
# folder. It stops them and removes the folder on every exit, failure or
# signal. Ports: 6817 and 6818, or the next free ones.
#
# Bounds: CLUSTER_UP_SECONDS (default 60) for the node to come up idle,
# CLUSTER_JOB_SECONDS (default 300) for the jobs. CLUSTER_KEEP=1 keeps the
# temp folder (logs) after a run. Last line: `cluster: N passed, N failed`;
# the exit status is 0 only when nothing failed.
set -u
bin=${1:-build/pipeline}
up_seconds=${CLUSTER_UP_SECONDS:-60}
job_seconds=${CLUSTER_JOB_SECONDS:-300}
shards=${CLUSTER_SHARDS:-4}

passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
note() { echo "cluster: $*"; }
now() { date +%s; }

top=$(cd "$(dirname "$0")/../.." && pwd)
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac

tmp=""
array="" merge=""
ctld_pid="" slurmd_pid=""
finished=0

# stop_pid NAME PID: TERM, up to 10 s, then KILL
stop_pid() {
    [ -n "$2" ] || return 0
    kill -0 "$2" 2>/dev/null || return 0
    kill "$2" 2>/dev/null
    i=0
    while kill -0 "$2" 2>/dev/null && [ "$i" -lt 50 ]; do
        sleep 0.2
        i=$((i + 1))
    done
    if kill -0 "$2" 2>/dev/null; then
        echo "cluster: $1 ($2) did not stop on TERM; killing it"
        kill -9 "$2" 2>/dev/null
    fi
}

pid_of() { [ -s "$1" ] && cat "$1"; }

cleanup() {
    [ -n "$tmp" ] || return 0
    # jobs still queued or running: cancel them (their slurmstepd and the
    # pipeline under it end with them) before the daemons go
    if [ -n "$array$merge" ] && [ -n "$ctld_pid" ] && kill -0 "$ctld_pid" 2>/dev/null; then
        # shellcheck disable=SC2086 # the job ids, one word each
        scancel $array $merge 2>/dev/null
        i=0
        while [ -n "$(squeue -h -o %i 2>/dev/null)" ] && [ "$i" -lt 50 ]; do
            sleep 0.2
            i=$((i + 1))
        done
    fi
    stop_pid slurmd "${slurmd_pid:-$(pid_of "$tmp/slurm/slurmd.pid")}"
    stop_pid slurmctld "${ctld_pid:-$(pid_of "$tmp/slurm/slurmctld.pid")}"
    stop_pid munged "$(pid_of "$tmp/munge/munged.pid")"
    if [ "${CLUSTER_KEEP:-0}" = 1 ]; then
        echo "cluster: kept $tmp"
    else
        rm -rf "$tmp"
    fi
    tmp=""
}

# end: stop everything, print the count as the last line, exit
end() {
    [ "$finished" = 1 ] && return 0
    finished=1
    cleanup
    echo "cluster: $passed passed, $failed failed"
    [ "$failed" -eq 0 ] && exit 0
    exit 1
}
trap 'cleanup' EXIT
trap 'bad "interrupted"; end' INT TERM HUP

# show_logs: the tail of every log, once, after a failure
shown=0
show_logs() {
    [ "$shown" = 0 ] || return 0
    shown=1
    for f in "$tmp"/munge/munged.log "$tmp"/slurm/*.log "$tmp"/out/logs/*; do
        [ -s "$f" ] || continue
        echo "--- ${f#"$tmp"/} (last 20 lines)"
        tail -n 20 "$f"
    done
}

# --- 0. the binary and root
if [ ! -x "$bin" ]; then
    bad "$bin is not an executable (build it first: make)"
    end
fi
if [ "$(id -u)" -ne 0 ]; then
    bad "needs root: it installs slurm-wlm and munge and runs slurmd, slurmctld and munged"
    end
fi

# --- 1. packages
missing=""
for c in munged munge unmunge slurmctld slurmd sbatch squeue sinfo scontrol scancel; do
    command -v "$c" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin:/sbin command -v "$c" >/dev/null 2>&1 || missing="$missing $c"
done
PATH=$PATH:/usr/sbin:/sbin
export PATH
if [ -n "$missing" ]; then
    note "installing slurm-wlm and munge (missing:$missing)"
    log=$(mktemp)
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y --no-install-recommends slurm-wlm munge >"$log" 2>&1; then
        if ! { apt-get update && apt-get install -y --no-install-recommends slurm-wlm munge; } >"$log" 2>&1; then
            tail -n 20 "$log"
            rm -f "$log"
            bad "apt-get install slurm-wlm munge failed"
            end
        fi
    fi
    rm -f "$log"
fi
ok

t0=$(now)
tmp=$(mktemp -d /tmp/pipeline-cluster.XXXXXX)
# the munge user must reach its folder inside
chmod 755 "$tmp"
mkdir "$tmp/munge" "$tmp/slurm" "$tmp/slurm/state" "$tmp/slurm/spool" "$tmp/in" "$tmp/out"

# --- 2. munge: the key (if absent), then munged as the munge user
key=/etc/munge/munge.key
if [ ! -e "$key" ]; then
    note "creating $key"
    mkdir -p /etc/munge
    mungekey --create --keyfile="$key" 2>/dev/null ||
        dd if=/dev/urandom of="$key" bs=128 count=1 2>/dev/null
    chown munge:munge /etc/munge "$key"
    chmod 0700 /etc/munge
    chmod 0400 "$key"
fi
chown munge:munge "$tmp/munge"
chmod 0755 "$tmp/munge"  # munged: clients need search permission on the socket folder
sock=$tmp/munge/munge.socket
if ! runuser -u munge -- munged --socket="$sock" --pid-file="$tmp/munge/munged.pid" \
    --log-file="$tmp/munge/munged.log" --seed-file="$tmp/munge/munged.seed"; then
    show_logs
    bad "munged did not start"
    end
fi
if munge -n -S "$sock" | unmunge -S "$sock" >/dev/null 2>&1; then
    ok
else
    show_logs
    bad "munge credentials do not round-trip through $sock"
    end
fi

# --- 3. slurm.conf for this machine alone
port_busy() {
    hex=$(printf ':%04X' "$1")
    awk -v p="$hex" '$4 == "0A" && substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' \
        /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {
    p=$1
    while port_busy "$p" || port_busy $((p + 1)); do p=$((p + 2)); done
    echo "$p"
}
ctld_port=$(free_port 6817)
slurmd_port=$(free_port $((ctld_port + 1)))
[ "$slurmd_port" = "$ctld_port" ] && slurmd_port=$((ctld_port + 1))
node=$(hostname -s)
cpus=$(nproc)
mem=$(free -m | awk '/^Mem:/ { print $2 }')
# a margin for the system: 10%, at least 256 MB
margin=$((mem / 10))
[ "$margin" -lt 256 ] && margin=256
mem=$((mem - margin))
[ "$mem" -lt 1 ] && mem=1
SLURM_CONF=$tmp/slurm/slurm.conf
export SLURM_CONF
cat >"$SLURM_CONF" <<EOF
ClusterName=pipelinetest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
StateSaveLocation=$tmp/slurm/state
SlurmdSpoolDir=$tmp/slurm/spool
SlurmctldPidFile=$tmp/slurm/slurmctld.pid
SlurmdPidFile=$tmp/slurm/slurmd.pid
SlurmctldLogFile=$tmp/slurm/slurmctld.log
SlurmdLogFile=$tmp/slurm/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF

# --- 4. slurmctld and slurmd, in the foreground (-D) in the background
slurmctld -D -c -f "$SLURM_CONF" >"$tmp/slurm/slurmctld.out" 2>&1 &
ctld_pid=$!
slurmd -D -f "$SLURM_CONF" >"$tmp/slurm/slurmd.out" 2>&1 &
slurmd_pid=$!
deadline=$(($(now) + up_seconds))
state=""
while :; do
    state=$(sinfo -h -n "$node" -o %t 2>/dev/null)
    [ "$state" = idle ] && break
    if ! kill -0 "$ctld_pid" 2>/dev/null || ! kill -0 "$slurmd_pid" 2>/dev/null; then
        state="${state:-none} (a daemon exited)"
        break
    fi
    [ "$(now)" -ge "$deadline" ] && break
    sleep 0.5
done
if [ "$state" = idle ]; then
    ok
    note "slurm up in $(($(now) - t0)) s (node $node, $cpus CPUs, ${mem} MB, ports $ctld_port $slurmd_port)"
else
    for f in "$tmp"/slurm/*.out; do
        [ -s "$f" ] && echo "--- ${f#"$tmp"/}" && tail -n 20 "$f"
    done
    show_logs
    bad "node $node is not idle after ${up_seconds} s: sinfo says '${state:-nothing}'"
    end
fi

# --- 5. the fixtures as $shards shards through submit.sh
for d in "$top"/fixtures/*/input; do
    c=${d%/input}
    cp -R "$d" "$tmp/in/${c##*/}"
done
t1=$(now)
if ! ids=$(cd "$top" && PIPELINE_BIN=$bin sh contrib/slurm/submit.sh "$tmp/in" "$tmp/out" "$shards" 2>"$tmp/submit.err"); then
    cat "$tmp/submit.err"
    show_logs
    bad "contrib/slurm/submit.sh failed"
    end
fi
array=$(echo "$ids" | awk '$1 == "array" && $2 == "job" { print $3 }')
merge=$(echo "$ids" | awk '$1 == "merge" && $2 == "job" { print $3 }')
if [ -n "$array" ] && [ -n "$merge" ]; then
    ok
    note "submitted: array job $array, merge job $merge"
else
    bad "submit.sh printed no job ids: $ids"
    end
fi

# job_states ID: the state of the job, or of each task of an array
job_states() {
    scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^JobState=//p'
}
deadline=$(($(now) + job_seconds))
mstate=""
while :; do
    mstate=$(job_states "$merge")
    case $mstate in
    COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE | PREEMPTED) break ;;
    esac
    [ "$(now)" -ge "$deadline" ] && break
    sleep 1
done
astates=$(job_states "$array" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }')
note "jobs after $(($(now) - t1)) s: shards $astates; merge ${mstate:-gone}"
if [ "$(job_states "$array" | grep -c '^COMPLETED$')" -eq "$shards" ]; then
    ok
else
    show_logs
    bad "the $shards shard tasks did not all complete: $astates"
fi
if [ "$mstate" = COMPLETED ]; then
    ok
else
    show_logs
    case $mstate in
    PENDING | RUNNING | CONFIGURING | COMPLETING | SUSPENDED | REQUEUED | RESIZING) bad "merge job $merge: still $mstate after ${job_seconds} s" ;;
    '') bad "merge job $merge: slurm knows it no more" ;;
    *) bad "merge job $merge ended $mstate" ;;
    esac
    end
fi
# every shard ran its script, and one at least met a failing document (the
# fixtures hold some): its pipeline exited 1 and the merge still ran
if [ "$(cat "$tmp"/out/logs/shard-*.out 2>/dev/null | grep -c '^pipeline.sbatch: shard [0-9]*/'"$shards"' of ')" -eq "$shards" ]; then
    ok
else
    bad "not every shard log names its shard"
fi
if grep -q 'some documents failed' "$tmp"/out/logs/shard-*.out 2>/dev/null; then
    ok
else
    bad "no shard reports failed documents: the exit-1 path went untested"
fi

# --- 6. one run, and the merged dataset equals it byte for byte
"$bin" --jobs 1 "$tmp/in" "$tmp/single" >/dev/null 2>"$tmp/single.err"
rc=$?
if [ "$rc" -le 1 ]; then ok; else bad "$bin --jobs 1: exit $rc: $(head -n 1 "$tmp/single.err")"; fi
for f in claims.csv claims.json documents.csv; do
    if [ ! -s "$tmp/out/merged/$f" ]; then
        bad "merged $f is missing or empty"
    elif cmp -s "$tmp/single/$f" "$tmp/out/merged/$f"; then
        ok
    else
        bad "merged $f differs from one run: $(cmp "$tmp/single/$f" "$tmp/out/merged/$f" 2>&1 | head -n 1)"
    fi
done
if grep -q '^"[^"]*",[0-9]*,[^,]*,[0-9]*,"failed",' "$tmp/out/merged/documents.csv" 2>/dev/null; then
    ok
else
    bad "no failed document in the merged documents.csv"
fi

note "$(($(now) - t0)) s in all; $(grep -c '^{"claim_id"' "$tmp/out/merged/claims.json") claims, $(($(wc -l <"$tmp/out/merged/documents.csv") - 1)) documents"
[ "$failed" -eq 0 ] || show_logs
end
