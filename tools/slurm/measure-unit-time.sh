#!/usr/bin/env bash
# Measure what one dc-ablation unit (one repetition × one variant) costs at the paper's size, with
# the same command a Slurm array task runs (`rectify run … --shard 0/1 --workers 1`), and project
# the full V.C (100 repetitions × 5 variants × 60 epochs = 500 units) onto 1, 2, 8 and 64 shards.
# Variants cost very different amounts (with the default 'reduced' formulation only `relu` trains
# the full conv stack), so the projection adds up the units each shard actually gets (unit i goes
# to shard i mod N) and reports the largest shard.
#
# Usage: tools/slurm/measure-unit-time.sh [EPOCHS_LONG=4]      (needs apps/cli/dist: npx nx run cli:build)
#
# Per variant it runs the unit with 1 epoch and with EPOCHS_LONG epochs; the difference gives the
# time per epoch, the rest the unit's fixed cost (data, model, held-out evaluation). It reports both
# wall time and CPU time (user + sys): on a busy machine the CPU time is the better estimate of what
# the unit costs on a core of its own. A run that finds its unit already stored gives the process's
# own start-up cost (node, tfjs), paid once per shard.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$root/apps/cli/dist/bin.js"
[ -f "$bin" ] || { echo "measure-unit-time: $bin missing; build the CLI first (npx nx run cli:build)" >&2; exit 2; }
long=${1:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
variants=(relu linear linear-input-dc relu-dc-removed linear-dc)

# Prints "wall cpu" in seconds for one shard run of ($1 variant, $2 epochs) into directory $3.
measure() {
  local out=$3
  /usr/bin/time -f '%e %U %S' -o "$work/time" node "$bin" run dc-ablation --preset paper \
    --set repetitions=1 --set "variants=[\"$1\"]" --set "epochs=$2" --seed 0 \
    --workers 1 --shard 0/1 --out "$out" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(node --version)"
printf '%-16s %10s %10s %12s %12s %14s\n' variant 'wall 1 ep' "wall $long ep" 'cpu/epoch' 'cpu fixed' 'cpu 60-ep unit'
total_cpu=0
units=()
for v in "${variants[@]}"; do
  read -r w1 c1 < <(measure "$v" 1 "$work/$v-1")
  read -r wl cl < <(measure "$v" "$long" "$work/$v-$long")
  read -r ws cs < <(measure "$v" "$long" "$work/$v-$long")   # unit already stored: start-up only
  per_epoch=$(echo "($cl - $c1) / ($long - 1)" | bc -l)
  fixed=$(echo "$c1 - $per_epoch - $cs" | bc -l)
  unit=$(echo "$fixed + 60 * $per_epoch" | bc -l)
  total_cpu=$(echo "$total_cpu + $unit" | bc -l)
  units+=("$unit")
  printf '%-16s %9.1fs %9.1fs %11.2fs %11.2fs %13.1fs\n' "$v" "$w1" "$wl" "$per_epoch" "$fixed" "$unit"
  startup=$cs
done
printf 'process start-up (a shard whose unit is already stored): %.1f s CPU\n' "$startup"
printf 'one paper repetition (5 variants × 60 epochs): %.1f s CPU; 100 repetitions = %.2f core-hours\n' \
  "$total_cpu" "$(echo "100 * $total_cpu / 3600" | bc -l)"
echo "projected wall time of the full V.C, one shard per core (largest shard: its units' CPU + start-up):"
for shards in 1 2 8 64; do
  echo "${units[*]}" | awk -v n="$shards" -v start="$startup" '{
    for (i = 0; i < 500; i++) load[i % n] += $((i % 5) + 1)
    max = 0; for (s = 0; s < n; s++) if (load[s] > max) max = load[s]
    printf "  %3d shards: %4d units per shard → %6.2f h\n", n, int((500 + n - 1) / n), (max + start) / 3600
  }'
done
