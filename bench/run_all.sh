#!/usr/bin/env bash
# Run every benchmark in one go and keep their output in bench/last-run.txt.
# Usage: bench/run_all.sh   (from the repository root, after tools/setup --dev)
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
{
  echo "# benchmark run $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
  for b in bench_engine bench_montecarlo bench_national bench_report bench_geodata bench_map bench_capacity \
      bench_scan bench_site_domains bench_afweging bench_grid_map bench_register bench_register_upgrade \
      bench_cumulative_report bench_conditions bench_startup bench_launch bench_edit; do
    echo; echo "## $b"; QT_QPA_PLATFORM=offscreen $py "bench/$b.py" 2>&1
  done
} | tee bench/last-run.txt
