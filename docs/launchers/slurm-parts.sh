#!/bin/bash
# gen-parquet in N parts as a Slurm job array: task i writes --part i/N into a folder every node
# mounts (a shared file system). The last part to finish commits; slurm-commit.sh then commits if
# needed and validates. Submit both, the commit after the array succeeded:
#
#   jobid=$(sbatch --parsable slurm-parts.sh)
#   sbatch --dependency=afterok:$jobid slurm-commit.sh
#
# A task that fails can be requeued or resubmitted (sbatch --array=3 slurm-parts.sh): it resumes its
# part. To change N, change --array (Slurm tells each task the count).
#SBATCH --job-name=gen-parquet-parts
#SBATCH --array=1-4
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
set -euo pipefail
OUT=${OUT:-/shared/datasets/tapflow-100x}
SCALE=${SCALE:-100x}
gen-parquet --scale "$SCALE" --out "$OUT" --part "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" \
  --workers "${SLURM_CPUS_PER_TASK:-2}" --no-validate
