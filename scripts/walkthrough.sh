#!/usr/bin/env bash
# The walkthrough of README.md ("A dossier through the API"), as a script: one land-parcel dossier
# (tach-thua-dat) from the one-stop desk to the returned result, each step done by the person or the
# agency system whose step it is; then the citizen's lookup and a revised process. Against a running
# engine with the demo seed (`npm start`, without DEMO_AGENCY: the script does the agency systems'
# steps itself); `API=host:port/api/v1 scripts/walkthrough.sh` for another one.
#
# test/e2e/walkthrough.e2e-spec.ts runs it against the built engine and checks that README.md shows
# exactly the lines between the two markers below.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

# --- README: begin ---
API=${API:-localhost:3000/api/v1}
# call METHOD PATH [curl options]: prints the answer; any status but 2xx stops the walkthrough, saying why
call() {
  local out status
  out=$(curl -sS -X "$1" "$API$2" "${@:3}" -w '\n%{http_code}') || true
  status=${out##*$'\n'}
  if [[ $status != 2?? ]]; then echo "$1 $2 answered HTTP $status: ${out%$'\n'*}" >&2; return 1; fi
  printf '%s\n' "${out%$'\n'*}"
}
# json EXPR: prints EXPR of the JSON read from stdin (`it`); fails when EXPR throws or there is no input
json() { node -pe "const input = require('fs').readFileSync(0, 'utf8'); if (!input) process.exit(1); const it = JSON.parse(input); $1"; }
# step NODE: the task id of the dossier's active step NODE, from a dossier or a task completion answer
step() { json "(it.dossier ?? it).activeSteps.find((s) => s.nodeId === '$1').taskId"; }
# inbox TOKEN NODE: the task id of this dossier's step NODE in that person's inbox
inbox() { call GET "/tasks?status=active&dossierId=$ID" -H "authorization: Bearer $1" | json "it.items.find((t) => t.nodeId === '$2').id"; }
say() { printf '\n== %s\n' "$*"; }
login() {
  call POST /auth/login -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"${DEMO_PASSWORD:-demo}\"}" | json it.accessToken
}
DESK=$(login tiepnhan); OFFICER=$(login cv.vpdk); LEADER=$(login ld.vpdk)
ADMIN=$(login admin); DESIGNER=$(login thietke); PUBLISHER=$(login banhanh)

say "The land-parcel procedure's versions, seeded from processes/tach-thua-dat: the published one receives new dossiers"
call GET "/definitions?key=tach-thua-dat" -H "authorization: Bearer $DESK" \
  | json 'it.items.map((d) => `version ${d.version}: ${d.status}`).join("\n")'

say "1. The provincial desk (tiepnhan) receives a dossier: 201 with its official code and its first step"
DOSSIER=$(call POST /dossiers -H "authorization: Bearer $DESK" -H 'content-type: application/json' \
  -d '{"definitionKey":"tach-thua-dat","applicant":{"name":"Nguyễn Văn An"},"variables":{"parcel":{"sheet":12,"number":345,"area":250.5}}}')
ID=$(json it.id <<< "$DOSSIER"); CODE=$(json it.code <<< "$DOSSIER")
echo "dossier $CODE, appointment $(json it.appointmentAt <<< "$DOSSIER")"

say "2. The desk checks the papers and hands the dossier over (t_tiep_nhan)"
# completing a step answers where the dossier stands now: the next step's task id is in it
DONE=$(call POST "/tasks/$(step t_tiep_nhan <<< "$DOSSIER")/complete" -H "authorization: Bearer $DESK" \
  -H 'content-type: application/json' -d '{}')
json 'it.dossier.activeSteps.map((s) => `next: ${s.nodeId} at ${s.unit}`).join("\n")' <<< "$DONE"

say "3. The land registry branch's officer (cv.vpdk) finds it in the inbox, claims it and finds it eligible (t_kiem_tra)"
TASK=$(inbox "$OFFICER" t_kiem_tra)
call POST "/tasks/$TASK/claim" -H "authorization: Bearer $OFFICER" | json '`claimed by ${it.assignee}`'
DONE=$(call POST "/tasks/$TASK/complete" -H "authorization: Bearer $OFFICER" -H 'content-type: application/json' \
  -d '{"variables":{"result":"eligible"}}')

say "4. The officer certifies the split, which has a financial obligation (t_xac_nhan: hasFinancialObligation is required)"
DONE=$(call POST "/tasks/$(step t_xac_nhan <<< "$DONE")/complete" -H "authorization: Bearer $OFFICER" \
  -H 'content-type: application/json' -d '{"variables":{"hasFinancialObligation":true,"newParcelCount":2}}')
json 'it.dossier.activeSteps.map((s) => `next: ${s.nodeId} at ${s.unit}`).join("\n")' <<< "$DONE"

say "5. An admin gives the tax office's system a key (shown once); the system takes its step and assesses the tax (st_thue)"
TAX=$(call POST /api-keys -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d '{"name":"Hệ thống quản lý thuế","unitCode":"DTP-THUE-1","topics":["tax-assessment"]}' | json it.key)
TASK=$(call POST /external-tasks/fetch-and-lock -H "X-API-Key: $TAX" -H 'content-type: application/json' \
  -d '{"workerId":"thue-1","maxTasks":1,"topics":[{"topicName":"tax-assessment","lockDuration":60000}],"asyncResponseTimeout":10000}' \
  | json "it.find((t) => t.dossierCode === '$CODE').id")
call POST "/external-tasks/$TASK/complete" -H "X-API-Key: $TAX" -H 'content-type: application/json' \
  -d '{"workerId":"thue-1","variables":{"taxAmount":12500000}}' \
  | json 'it.dossier.activeSteps.map((s) => `next: ${s.nodeId}, waiting for ${s.messageName ?? s.waitingFor}`).join("\n")'

say "6. The applicant has paid: the branch tells the dossier (message payment-confirmed)"
call POST /messages -H "authorization: Bearer $OFFICER" -H 'content-type: application/json' \
  -d "{\"name\":\"payment-confirmed\",\"dossierCode\":\"$CODE\"}" | json '`correlated: ${it.correlated}`'

say "7. The branch's leader (ld.vpdk) signs the certificate (t_ky)"
DONE=$(call POST "/tasks/$(inbox "$LEADER" t_ky)/complete" -H "authorization: Bearer $LEADER" \
  -H 'content-type: application/json' -d '{}')
json 'it.dossier.activeSteps.map((s) => `next: ${s.nodeId} at ${s.unit}`).join("\n")' <<< "$DONE"

say "8. The land registry's own system, with a key for its topic, updates the cadastre (st_csdl)"
CADASTRE=$(call POST /api-keys -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d '{"name":"Hệ thống thông tin đất đai","unitCode":"DTP-VPDK-CL","topics":["cadastre-update"]}' | json it.key)
TASK=$(call POST /external-tasks/fetch-and-lock -H "X-API-Key: $CADASTRE" -H 'content-type: application/json' \
  -d '{"workerId":"dia-chinh-1","maxTasks":1,"topics":[{"topicName":"cadastre-update","lockDuration":60000}],"asyncResponseTimeout":10000}' \
  | json "it.find((t) => t.dossierCode === '$CODE').id")
DONE=$(call POST "/external-tasks/$TASK/complete" -H "X-API-Key: $CADASTRE" -H 'content-type: application/json' \
  -d '{"workerId":"dia-chinh-1","variables":{}}')
json 'it.dossier.activeSteps.map((s) => `next: ${s.nodeId} at ${s.unit}`).join("\n")' <<< "$DONE"

say "9. The desk returns the result to the applicant (t_tra_kq)"
call POST "/tasks/$(step t_tra_kq <<< "$DONE")/complete" -H "authorization: Bearer $DESK" \
  -H 'content-type: application/json' -d '{}' | json '`dossier ${it.dossier.code}: ${it.dossier.status}`'

say "10. The applicant looks the dossier up by the code on the receipt, without signing in"
call GET "/public/dossiers/$CODE" | json '`${it.code}: ${it.status}, ${it.procedureName}, received by ${it.receivedBy}`'

say "11. A designer deploys a revised process (the check allotted 2 days instead of 3): a new draft version"
REVISED=$(mktemp --suffix=.bpmn)
sed 's/\(id="t_kiem_tra"[^>]*lt:allottedTime="\)3d"/\12d"/' processes/tach-thua-dat/v2.bpmn > "$REVISED"
# 201 and created: true; the same XML deployed again answers 200, created: false and that version
DEPLOYED=$(call POST /definitions -H "authorization: Bearer $DESIGNER" -H 'content-type: application/xml' \
  --data-binary @"$REVISED")
rm "$REVISED"
VERSION=$(json it.version <<< "$DEPLOYED")
json '`version ${it.version}: ${it.status}, created: ${it.created}`' <<< "$DEPLOYED"

say "12. The office of the People's Committee (banhanh) publishes that version: new dossiers start on it, running ones keep theirs"
call POST "/definitions/tach-thua-dat/versions/$VERSION/publish" -H "authorization: Bearer $PUBLISHER" \
  | json '`version ${it.version}: ${it.status}`'
# --- README: end ---
