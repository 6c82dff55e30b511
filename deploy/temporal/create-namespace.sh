#!/usr/bin/env bash
# One-shot job (docker-compose.yml, service temporal-namespace), run in temporalio/admin-tools
# once the Temporal server reports healthy. Registers TEMPORAL_NAMESPACE, the namespace the API
# and the worker use, or brings the retention of an existing one to NAMESPACE_RETENTION.
set -euo pipefail

: "${TEMPORAL_ADDRESS:?TEMPORAL_ADDRESS is required}"
: "${TEMPORAL_NAMESPACE:?TEMPORAL_NAMESPACE is required}"
: "${NAMESPACE_RETENTION:=720h}"

attempts=30

for ((i = 1; i <= attempts; i++)); do
  if temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
    break
  fi
  if ((i == attempts)); then
    echo "Temporal at $TEMPORAL_ADDRESS is not serving after $attempts attempts" >&2
    exit 1
  fi
  echo "waiting for Temporal at $TEMPORAL_ADDRESS ($i/$attempts)"
  sleep 2
done

namespace_exists() {
  temporal operator namespace describe --namespace "$TEMPORAL_NAMESPACE" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1
}

if namespace_exists; then
  echo "namespace \"$TEMPORAL_NAMESPACE\" exists; setting retention to $NAMESPACE_RETENTION"
  temporal operator namespace update --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$NAMESPACE_RETENTION" --address "$TEMPORAL_ADDRESS"
  exit 0
fi

# Right after a first start the frontend can answer health checks before it accepts
# namespace registrations: retry for a while.
for ((i = 1; i <= attempts; i++)); do
  if temporal operator namespace create --namespace "$TEMPORAL_NAMESPACE" \
    --retention "$NAMESPACE_RETENTION" --description "Bonafide workflows" \
    --address "$TEMPORAL_ADDRESS"; then
    echo "namespace \"$TEMPORAL_NAMESPACE\" created with retention $NAMESPACE_RETENTION"
    # Each Temporal service learns about a new namespace at its next namespace-cache refresh
    # (every 2 s by default); wait a few refreshes so the worker started next finds it.
    sleep 6
    exit 0
  fi
  if namespace_exists; then
    echo "namespace \"$TEMPORAL_NAMESPACE\" exists"
    exit 0
  fi
  echo "namespace registration failed; retrying ($i/$attempts)"
  sleep 2
done
echo "could not register namespace \"$TEMPORAL_NAMESPACE\" at $TEMPORAL_ADDRESS" >&2
exit 1
