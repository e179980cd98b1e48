#!/bin/sh
# The OPA baseline of make bench (see bench/README.md).
#
#   bench/opa/run.sh convert DIR OUT.json   export set -> one JSON input document
#   bench/opa/run.sh eval OUT.json          opa eval the rules over it; writes the
#                                           findings to OUT-findings.json and prints
#                                           their counts by rule and source as the
#                                           last line: {"rule": {"source": n}}
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3

case "${1:-}" in
convert)
	[ $# -eq 3 ] || { echo "usage: $0 convert DIR OUT.json" >&2; exit 2; }
	exec "$py" "$here/convert.py" "$2" "$3"
	;;
eval)
	[ $# -eq 2 ] || { echo "usage: $0 eval OUT.json" >&2; exit 2; }
	opa="$root/bench/.tools/opa"
	if [ ! -x "$opa" ]; then
		(cd "$root" && GOBIN="$root/bench/.tools" go install github.com/open-policy-agent/opa@v1.22.2)
	fi
	out="${2%.json}-findings.json"
	"$opa" eval --format json -d "$here" -i "$2" data.baseline.report >"$out"
	exec "$py" -c '
import json, sys
res = json.load(open(sys.argv[1]))["result"][0]["expressions"][0]["value"]
print(len(res["findings"]), "findings", file=sys.stderr)
print(json.dumps(res["counts"], sort_keys=True, separators=(",", ":")))
' "$out"
	;;
*)
	echo "usage: $0 convert DIR OUT.json | eval OUT.json" >&2
	exit 2
	;;
esac
