#!/usr/bin/env bash
# Spark GPU discovery script (the same contract as examples/src/main/scripts/getGpusResources.sh in Spark):
# prints the GPUs visible to this executor as a ResourceInformation JSON object, e.g.
#   {"name": "gpu", "addresses":["0","1"]}
# Spark runs it on every executor when spark.executor.resource.gpu.discoveryScript names it. Ship it with
# --files deploy/gpu/getGpusResources.sh and set the discovery script to ./getGpusResources.sh (deploy/gpu/gpu.yaml).
# It reports every GPU nvidia-smi lists; on shared hosts, isolate GPUs per executor with the cluster manager
# (YARN/Kubernetes GPU scheduling, or CUDA_VISIBLE_DEVICES in standalone mode).
set -euo pipefail

if ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "getGpusResources.sh: nvidia-smi not found on $(hostname); this executor has no usable NVIDIA driver" >&2
  exit 1
fi

addresses=$(nvidia-smi --query-gpu=index --format=csv,noheader | sed -e 's/[[:space:]]//g' -e '/^$/d' \
  | sed -e 's/.*/"&"/' | paste -sd, -)
echo "{\"name\": \"gpu\", \"addresses\":[${addresses}]}"
