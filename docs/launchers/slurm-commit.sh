#!/bin/bash
# After slurm-parts.sh: commits the parts (if the last part has not already) and validates.
#SBATCH --job-name=gen-parquet-commit
#SBATCH --cpus-per-task=2
#SBATCH --mem=2G
#SBATCH --time=01:00:00
set -euo pipefail
OUT=${OUT:-/shared/datasets/tapflow-100x}
gen-parquet commit --out "$OUT"
