package configapi

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/schema"
)

// checkIdentity refuses a control character in a field that names a
// person or an account (schema's identity columns: username, email,
// display name), at the field: such a name would show otherwise than it
// is kept. Other types are convert's to judge.
func (d *decoder) checkIdentity(e element, field string, col int, v *fastjson.Value) error {
	if !d.names[col] || v.Type() != fastjson.TypeString {
		return nil
	}
	if found := cells.IdentityProblem(string(v.GetStringBytes())); found != "" {
		return d.at(e, fieldOffset(e.data, field), fmt.Sprintf("%s in field %q", found, field), cells.ExpectIdentity)
	}
	return nil
}

// identity checks what tells an account apart: a user or vendor user
// without an id could not be matched to its memberships, and one without a
// username could not be named on a finding. A username is kept as written,
// spaces included: "jdoe " and "jdoe" are two accounts to BeyondTrust.
func (d *decoder) identity(e element, row []any) error {
	if d.k.table == schema.JumpItems || d.k.kind == schema.KindJumpPolicies {
		return d.jumpIdentity(e, row)
	}
	var what string
	switch d.k.kind {
	case schema.KindUsers:
		what = "a user"
	case schema.KindVendorUsers:
		what = "a vendor user"
	case schema.KindPSUsers:
		what = "a Password Safe user"
	default:
		return nil
	}
	id, username := d.k.apiName("id"), d.k.apiName("username")
	if row[d.idCol] == nil {
		if off := d.offsetOf(e.data, "id"); off > 0 {
			return d.at(e, off, fmt.Sprintf("%s with %q: null", what, id), expectID)
		}
		return d.at(e, 0, what+" without an id", fmt.Sprintf("an %q field holding %s", id, expectID))
	}
	i := d.k.table.Index("username")
	switch row[i] {
	case nil:
		if off := d.offsetOf(e.data, "username"); off > 0 {
			return d.at(e, off, fmt.Sprintf("%s with %q: null", what, username), "a username of at least one character")
		}
		return d.at(e, 0, what+" without a username", fmt.Sprintf("a %q field", username))
	case "":
		return d.at(e, d.offsetOf(e.data, "username"), what+" with an empty username", "a username of at least one character")
	}
	return nil
}

// keyOnce refuses a key given twice in one object. JSON parsers differ on
// which of the two wins (ours took the last), so the export does not say
// what the object holds.
// A case-insensitive kind's keys are one key whatever their case.
func (d *decoder) keyOnce(e element, name string) error {
	written := name
	same := func(k string) bool { return k == name }
	if d.k.caseInsensitive {
		name = strings.ToLower(name)
		same = func(k string) bool { return strings.EqualFold(k, name) }
	}
	if _, ok := d.keys[name]; !ok {
		d.keys[name] = struct{}{}
		return nil
	}
	return d.keyAgain(e, written, same)
}

// keyAgain is the error of a key (written) given twice in the object e,
// at the second, naming the first: the keys same says are the one.
func (d *decoder) keyAgain(e element, written string, same func(string) bool) error {
	var offs []int
	topLevelKeys(e.data, func(k string, start int) bool {
		if same(unescapeKey(k)) {
			offs = append(offs, start)
		}
		return len(offs) < 2
	})
	if len(offs) < 2 {
		// Not found as written: report at the object.
		offs = []int{0, 0}
	}
	first := advance(e.start, e.data, offs[0])
	return d.at(e, offs[1], fmt.Sprintf("the key %q again in one object (first at line %d, column %d)", cut(written, 60), first.line, first.col),
		"each key once in an object")
}

// unescapeKey turns a key as written into the key it names.
func unescapeKey(k string) string {
	if !strings.Contains(k, `\`) {
		return k
	}
	var s string
	if err := json.Unmarshal([]byte(`"`+k+`"`), &s); err != nil {
		return k
	}
	return s
}

// jumpIdentity checks what places a Jump Item or Jump Policy: without an id
// no membership or item could name it, and a Jump Item's jump_group_type
// says whether jump_group_id is a Jump Group or its owner's user id, so a
// value other than shared or personal would put the item in the wrong
// place.
func (d *decoder) jumpIdentity(e element, row []any) error {
	what := "a Jump Policy"
	if d.k.table == schema.JumpItems {
		what = "a Jump Item"
	}
	if row[d.idCol] == nil {
		if off := d.offsetOf(e.data, "id"); off > 0 {
			return d.at(e, off, what+` with "id": null`, expectID)
		}
		return d.at(e, 0, what+" without an id", `an "id" field holding `+expectID)
	}
	if d.k.table != schema.JumpItems {
		return nil
	}
	switch t := row[d.k.table.Index("jump_group_type")]; t {
	case nil, "shared", "personal":
		return nil
	default:
		return d.at(e, d.offsetOf(e.data, "jump_group_type"), fmt.Sprintf("jump_group_type %q", t), "shared or personal")
	}
}
