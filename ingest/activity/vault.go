package activity

import (
	"encoding/xml"
	"strings"

	"github.com/review-tool/review/schema"
)

var vt = schema.VaultActivity

// readVault reads the <vault_account_activity> whose start was just read
// into a vault_activity row, or hands it to BadRow whole. It returns
// whether it was loaded.
func (r *xmlRead) readVault(start xml.StartElement) (bool, error) {
	s := r.s
	f := s.open[len(s.open)-1]
	s.record()
	p := &problems{path: r.f.Path, lenient: r.f.BadRow != nil}
	row := vt.NewRow(r.f.Source, r.f.FileID, f.line)
	var x extra
	for _, a := range start.Attr {
		var err error
		switch name := a.Name.Local; {
		case declaration(a):
		case name == "timestamp":
			t, terr := unixTime(a.Value)
			if terr != nil {
				err = p.bad(f.line, f.col, "timestamp="+quote(a.Value), "a Unix time (seconds)")
				break
			}
			row[vt.Index("timestamp")] = t
		case name == "event_type":
			row[vt.Index("event_type")] = a.Value
		case name == "account":
			if strings.TrimSpace(a.Value) == "" {
				break
			}
			n, ok := integer(a.Value)
			if !ok || n < 1 {
				err = p.bad(f.line, f.col, "account="+quote(a.Value), "a Vault account id (a whole number ≥ 1)")
				break
			}
			row[vt.Index("account_id")] = n
		default:
			if !x.add("@"+name, a.Value) {
				return false, s.extraError()
			}
		}
		if err != nil {
			return false, err
		}
	}
	seen := map[string]bool{}
	_, err := s.textOf(func(c xml.StartElement) error {
		name := c.Name.Local
		if name != "performed_by" && name != "data" {
			return s.capture(c, name, &x)
		}
		var l leaf
		if err := s.readLeaf(&l, c, name, &x, "id", "type"); err != nil {
			return err
		}
		if seen[name] {
			return p.bad(l.line, l.col, "a second <"+name+"> in one activity", "one")
		}
		seen[name] = true
		if text := strings.TrimSpace(l.text); text != "" {
			row[vt.Index(name)] = text
		}
		if name == "data" {
			for _, k := range []string{"id", "type"} {
				if v, ok := l.attr(k); ok && !x.add("data@"+k, v) {
					return s.extraError()
				}
			}
			return nil
		}
		if v, ok := l.attr("type"); ok {
			row[vt.Index("performed_by_type")] = v
		}
		if v, ok := l.attr("id"); ok && strings.TrimSpace(v) != "" {
			n, isInt := integer(v)
			if !isInt {
				return p.bad(l.line, l.col, "<performed_by id="+quote(v)+">", "an id (a whole number)")
			}
			row[vt.Index("performed_by_id")] = n
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	if row[vt.Index("timestamp")] == nil {
		if err := p.bad(f.line, f.col, "an activity without a timestamp", "its time (timestamp, Unix seconds)"); err != nil {
			return false, err
		}
	}
	if row[vt.Index("event_type")] == nil {
		if err := p.bad(f.line, f.col, "an activity without an event_type", "what happened (event_type)"); err != nil {
			return false, err
		}
	}
	if p.first != nil {
		p.first.Raw = s.recorded()
		return false, r.f.BadRow(p.first)
	}
	s.unrecord()
	row[vt.Index("extra")] = x.object()
	return true, r.sink.Append(vt, row)
}
