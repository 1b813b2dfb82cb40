#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for end-to-end tests of `rectify slurm`.
# Usage: tools/slurm/local-cluster.sh start STATE_DIR   → prints `export SLURM_CONF=...`
#        tools/slurm/local-cluster.sh stop STATE_DIR
# Needs Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge) and root.
# Everything (config, spool, logs, pids, munge socket) lives under STATE_DIR, so a test can start
# and stop its own cluster without touching /etc.
set -euo pipefail
cmd=${1:?usage: local-cluster.sh start|stop STATE_DIR}
state=$(realpath -m "${2:?usage: local-cluster.sh start|stop STATE_DIR}")
conf="$state/slurm.conf"
munge_sock="$state/munge/munge.socket"

stop() {
  for pidfile in "$state"/slurmd.pid "$state"/slurmctld.pid "$state"/munge/munged.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile" 2>/dev/null || true)
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for _ in $(seq 50); do
    alive=0
    for pidfile in "$state"/slurmd.pid "$state"/slurmctld.pid "$state"/munge/munged.pid; do
      [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && alive=1
    done
    [ $alive = 0 ] && break
    sleep 0.2
  done
}

case "$cmd" in
start)
  [ "$(id -u)" = 0 ] || { echo "local-cluster: must run as root (slurmd launches jobs; munged runs with --force)" >&2; exit 3; }
  for bin in munged slurmctld slurmd sbatch; do
    command -v "$bin" >/dev/null || { echo "local-cluster: $bin not found (apt-get install -y slurm-wlm munge)" >&2; exit 3; }
  done
  mkdir -p "$state"/{spool/ctld,spool/d,log,munge}
  chmod 700 "$state/munge"
  dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$state/munge/munge.key"
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(awk '/MemTotal/ {print int($2/1024*0.8)}' /proc/meminfo)
  cat >"$conf" <<CONF
ClusterName=rectify-local
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$munge_sock
CredType=cred/munge
SlurmctldPort=$((16817 + RANDOM % 1000))
SlurmdPort=$((17817 + RANDOM % 1000))
StateSaveLocation=$state/spool/ctld
SlurmdSpoolDir=$state/spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
  # munged refuses to run as root without --force; the key and socket are private to STATE_DIR.
  munged --force --key-file="$state/munge/munge.key" --socket="$munge_sock" \
    --pid-file="$state/munge/munged.pid" --log-file="$state/munge/munged.log" --seed-file="$state/munge/munged.seed"
  slurmctld -f "$conf"
  slurmd -f "$conf"
  for _ in $(seq 100); do
    if SLURM_CONF="$conf" sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
      echo "export SLURM_CONF=$conf"
      exit 0
    fi
    sleep 0.2
  done
  echo "local-cluster: the node did not become idle; logs in $state/log" >&2
  SLURM_CONF="$conf" sinfo >&2 || true
  stop
  exit 1
  ;;
stop) stop ;;
*) echo "usage: local-cluster.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
