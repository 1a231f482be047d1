#!/usr/bin/env bash
# Writes the AWS Organizations outputs that blast reads for service control policies (SCPs)
# into one folder. They are the organization, its roots and accounts, the parent of every OU
# and account, and every SCP with the roots, OUs and accounts it is attached to. docs/aws.md
# describes each file.
#
# Run it with credentials of the organization's management account, or of a member account
# that is a delegated administrator for AWS Organizations. It needs the AWS CLI and jq.
#
# Usage: scripts/export-organization.sh FOLDER
set -euo pipefail

if [[ $# -ne 1 || $1 == -* ]]; then
  echo "usage: $0 FOLDER" >&2
  exit 64
fi
out=$1

for tool in aws jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "export-organization: $tool is not on PATH; install it and try again" >&2
    exit 69
  fi
done

mkdir -p "$out"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The AWS CLI fetches every page of a list by itself. The pager is turned off because it
# would wait for a terminal.
export AWS_PAGER=""

organizations() {
  aws organizations "$@" --output json
}

organizations describe-organization >"$out/organization.json"
organizations list-roots >"$out/roots.json"
organizations list-accounts >"$out/accounts.json"

# Writes one file per OU and account below the root or OU `$1` of type `$2`, then descends
# into each OU. The list commands do not name the parent they were called for, so each
# child is written as `describe-organizational-unit` or `describe-account` would print it,
# merged with the `Parents` array that `list-parents` would print for it.
write_children() {
  local parent=$1 type=$2 units accounts ids id
  units=$(organizations list-organizational-units-for-parent --parent-id "$parent")
  accounts=$(organizations list-accounts-for-parent --parent-id "$parent")

  ids=$(jq -r '.OrganizationalUnits[].Id' <<<"$units")
  for id in $ids; do
    jq --arg id "$id" --arg parent "$parent" --arg type "$type" \
      '{OrganizationalUnit: (.OrganizationalUnits[] | select(.Id == $id)),
        Parents: [{Id: $parent, Type: $type}]}' <<<"$units" >"$out/$id.json"
    write_children "$id" ORGANIZATIONAL_UNIT
  done

  ids=$(jq -r '.Accounts[].Id' <<<"$accounts")
  for id in $ids; do
    jq --arg id "$id" --arg parent "$parent" --arg type "$type" \
      '{Account: (.Accounts[] | select(.Id == $id)), Parents: [{Id: $parent, Type: $type}]}' \
      <<<"$accounts" >"$out/account-$id.json"
  done
}

roots=$(jq -r '.Roots[].Id' "$out/roots.json")
for root in $roots; do
  write_children "$root" ROOT
done

# Each SCP is written as `describe-policy` output merged with `list-targets-for-policy` output.
policies=$(organizations list-policies --filter SERVICE_CONTROL_POLICY | jq -r '.Policies[].Id')
for policy in $policies; do
  organizations describe-policy --policy-id "$policy" >"$scratch/policy.json"
  organizations list-targets-for-policy --policy-id "$policy" >"$scratch/targets.json"
  jq -s add "$scratch/policy.json" "$scratch/targets.json" >"$out/scp-$policy.json"
done

echo "export-organization: wrote the organization to $out" >&2
