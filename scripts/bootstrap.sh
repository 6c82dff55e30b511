#!/usr/bin/env bash
# Entry point of `npm run setup`, `npm start`, `npm test` and `npm run test:cluster`: makes sure
# the npm dependencies are installed (so each command works first on a fresh clone), then hands
# over to the TypeScript runner.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[setup] installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

exec node --import tsx scripts/platform.ts "$@"
