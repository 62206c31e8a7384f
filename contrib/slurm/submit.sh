#!/bin/sh
# submit.sh INPUT OUT_BASE [N]: runs the pipeline over INPUT as N shards
# (default 4) on Slurm and merges them.
#
# Submits pipeline.sbatch as a job array 0..N-1 (task K writes
# OUT_BASE/shard-K) and merge.sbatch with --dependency=afterok on the array
# (writes OUT_BASE/merged: the files one run over INPUT would write), then
# prints both job ids:
#
#     array job 1234
#     merge job 1235
#
# The merge is cancelled (--kill-on-invalid-dep) when a shard fails.
# Jobs' output goes to OUT_BASE/logs/. INPUT, OUT_BASE and the binary must be
# on a file system that every compute node sees: they are passed as
# absolute paths.
#
# Environment:
#   PIPELINE_BIN   the pipeline binary (default: `pipeline` on PATH); a
#                  path with a slash is made absolute
#   PIPELINE_OPTS  more options for every shard (`--rules DIR` ...)
#   SBATCH_*       sbatch's own variables: SBATCH_PARTITION, SBATCH_ACCOUNT,
#                  SBATCH_TIMELIMIT ... apply to both jobs
set -u
usage() {
    echo "usage: submit.sh INPUT OUT_BASE [N]" >&2
    exit 2
}
if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
n=${3:-4}
case $n in
'' | *[!0-9]*) usage ;;
esac
[ "$n" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd) || exit 2
abspath() {
    case $1 in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s/%s\n' "$(pwd)" "$1" ;;
    esac
}
[ -e "$1" ] || {
    echo "submit.sh: $1: no such file or folder" >&2
    exit 2
}
input=$(abspath "$1")
out_base=$(abspath "$2")
bin=${PIPELINE_BIN:-pipeline}
case $bin in
*/*) bin=$(abspath "$bin") ;;
esac
[ -x "$bin" ] || command -v "$bin" >/dev/null 2>&1 ||
    echo "submit.sh: warning: $bin is not on this machine's PATH; the compute nodes must have it" >&2
PIPELINE_BIN=$bin
export PIPELINE_BIN

mkdir -p "$out_base/logs" || exit 2

# sbatch --parsable prints "ID" or "ID;CLUSTER"
array=$(sbatch --parsable --array="0-$((n - 1))" \
    --output="$out_base/logs/shard-%a.out" \
    "$here/pipeline.sbatch" "$input" "$out_base") || {
    echo "submit.sh: sbatch of the shard array failed" >&2
    exit 1
}
array=${array%%;*}
merge=$(sbatch --parsable --dependency="afterok:$array" --kill-on-invalid-dep=yes \
    --output="$out_base/logs/merge.out" \
    "$here/merge.sbatch" "$out_base" "$n") || {
    echo "submit.sh: sbatch of the merge failed; cancelling the array $array" >&2
    scancel "$array" 2>/dev/null
    exit 1
}
merge=${merge%%;*}
echo "array job $array"
echo "merge job $merge"
