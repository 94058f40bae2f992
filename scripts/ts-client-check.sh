#!/usr/bin/env bash
# A strict TypeScript client compiles against docs/openapi.json and its nulls are typed.
#
# Generates types from the published spec with openapi-typescript, then type-checks with tsc --strict:
#   1. a small client that follows an incident (report → read → closedAt, externalRef, contact) and handles the
#      nullable fields — it must compile;
#   2. the same client reading closedAt as if it were always a string — it must NOT compile (strictNullChecks sees
#      `string | null`), so an open incident can never be shown as closed on 1970-01-01.
# Needs node and npm (the npm registry); works in a throw-away directory. Usage: scripts/ts-client-check.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund openapi-typescript@7 typescript@5 >/dev/null
npx --no-install openapi-typescript "$ROOT/docs/openapi.json" -o gridgov.d.ts >/dev/null

cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "strict": true, "noEmit": true, "target": "ES2022", "module": "ES2022",
  "moduleResolution": "bundler", "skipLibCheck": false }, "files": ["client.ts", "gridgov.d.ts"] }
JSON

cat > client.ts <<'TS'
import type { components, paths } from "./gridgov";

type Incident = components["schemas"]["IncidentView"];
type ReportBody = paths["/api/v1/incidents"]["post"]["requestBody"]["content"]["application/json"];

export const report: ReportBody = {
  source: "EXTERNAL", description: "12345 来电：3 栋楼下垃圾堆放多日", lat: 30.5716, lng: 103.9322,
  externalRef: { source: "HOTLINE_12345", ticket: "GD20261205000123" }, externalCategory: "0301",
  contact: { name: "李明", phone: "13800138000" },
};

export async function follow(base: string, token: string, id: number): Promise<string> {
  const response = await fetch(`${base}/api/v1/incidents/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  const incident = (await response.json()) as Incident;
  const closed = incident.closedAt == null ? "still open" : new Date(incident.closedAt).toISOString();
  const ticket = incident.externalRef?.ticket ?? "no ticket";
  const phone = incident.contact?.phone ?? "no contact";
  return `${incident.trackingCode}: ${closed}, ${ticket}, ${phone}`;
}
TS
npx --no-install tsc -p tsconfig.json
echo "ok: the strict client compiles"

sed -i 's|const closed = incident.closedAt == null ? "still open" : new Date(incident.closedAt).toISOString();|const closedAt: string = incident.closedAt; const closed = new Date(closedAt).toISOString();|' client.ts
if npx --no-install tsc -p tsconfig.json > unsafe.log 2>&1; then
  echo "FAIL: reading a nullable closedAt as a string compiled — the spec does not type its nulls" >&2
  exit 1
fi
grep -q "null" unsafe.log || { cat unsafe.log >&2; echo "FAIL: refused, but not for null" >&2; exit 1; }
echo "ok: reading closedAt without a null check is refused: $(grep -m1 -o "error TS.*" unsafe.log)"
