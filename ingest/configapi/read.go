package configapi

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/review-tool/review/ingest/located"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/ingest/textio"
	"github.com/review-tool/review/product"
	"github.com/review-tool/review/schema"
)

// Input names one export and says what to do with a bad row.
type Input struct {
	// Path names the file in messages.
	Path   string
	Source string
	// FileID is the input_files.file_id written on every row.
	FileID int
	// BadRow, when set, receives each object that cannot be loaded (a value
	// of the wrong type, a missing username, an id seen before) and the
	// read goes on without it, as --lenient wants; an error it returns
	// stops the read. When nil, the first bad object stops the read. A
	// file that is not JSON throughout (truncated, a stray character
	// between objects) stops the read either way.
	BadRow func(*located.Error) error
}

// Read loads one export of kind k from text (UTF-8, as textio.DecodeText
// returns it) into sink. Result.Rows counts the objects loaded.
func Read(k schema.Kind, in Input, text io.Reader, sink schema.Sink) (*reader.Result, error) {
	path, source, fileID := in.Path, in.Source, in.FileID
	spec := kindOf(k)
	if spec == nil {
		return nil, fmt.Errorf("%s: %s is not a Configuration API kind", path, k)
	}
	d := newDecoder(path, source, fileID, spec)
	s := newScanner(text, path)
	res := &reader.Result{Kind: k}
	err := s.each(func(e element) error {
		err := d.decode(e, sink)
		var re *located.Error
		if err != nil && in.BadRow != nil && errors.As(err, &re) {
			return in.BadRow(re)
		}
		if err == nil {
			res.Rows++
		}
		return err
	}, func(key string, p pos) error {
		if spec.parent == "" {
			return &located.Error{File: path, Line: p.line, Column: p.col, Found: "an object keyed by " + strconv.Quote(cut(key, 40)),
				Expected: "a JSON array: " + string(k) + " is not a per-parent list"}
		}
		ids, ok := parseKey(key, spec.parent2 != "")
		if !ok {
			expected := "a parent id (an integer ≥ 1)"
			if spec.parent2 != "" {
				expected = "a parent key " + d.keyExpected()
			}
			return &located.Error{File: path, Line: p.line, Column: p.col, Found: "the key " + strconv.Quote(cut(key, 40)), Expected: expected}
		}
		if len(ids) > 1 {
			// parents.parent_id holds one id: a group's empty role list
			// on one Smart Rule is not recorded.
			return nil
		}
		row := schema.Parents.NewRow(source, fileID, p.line)
		row[3], row[4] = string(k), ids[0]
		return sink.Append(schema.Parents, row)
	})
	if err != nil {
		var fe *fileError
		if errors.As(err, &fe) {
			return nil, fe.err
		}
		var te *textio.TextError
		if errors.As(err, &te) {
			return nil, te.In(path)
		}
		var se *scanError
		if errors.As(err, &se) {
			return nil, &located.Error{File: se.path, Line: se.pos.line, Column: se.pos.col, Found: se.found, Expected: se.expected}
		}
		return nil, err
	}
	if d.without != nil {
		return nil, &located.Error{File: path, Line: 1, Column: 1, Found: "a flat list without the parent id",
			Expected: fmt.Sprintf("%s on each row, or an object keyed by parent id", d.parentFields())}
	}
	res.Capabilities = capabilities(spec, d.seen)
	if spec.caseInsensitive {
		res.Product = product.PasswordSafe
	} else {
		res.Product = product.FromFields(func(f string) bool { return d.seen[f] })
	}
	return res, nil
}

func capabilities(spec *kind, seen map[string]bool) []string {
	set := map[string]bool{spec.capability: true}
	if spec.kind == schema.KindUsers {
		// Users from the API carry ids, so references to them can be
		// checked, and their perm_* settings.
		set[schema.CapUserID] = true
		set[schema.CapUserPermissions] = true
	}
	var fieldCaps map[string]string
	switch spec.kind {
	case schema.KindUsers:
		fieldCaps = userCapabilities
	case schema.KindVendorUsers:
		fieldCaps = vendorUserCapabilities
	case schema.KindPSUsers:
		fieldCaps = psUserCapabilities
	case schema.KindPSEntitlements:
		// Who is an administrator (an administrator group, or role 4 on
		// a Smart Rule) is known once entitlements were exported: only
		// they say which groups are administrator groups
		// (IsAdministratorGroup), so the roles export alone does not.
		set[schema.CapUserAdministrator] = true
	case schema.KindVendors:
		fieldCaps = vendorCapabilities
	case schema.KindJumpPolicies:
		fieldCaps = jumpPolicyCapabilities
	case schema.KindJumpGroupUsers, schema.KindGroupPolicyJumpGroups:
		fieldCaps = membershipPolicyCapabilities[spec.kind]
	}
	for f, c := range fieldCaps {
		if seen[f] {
			set[c] = true
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
