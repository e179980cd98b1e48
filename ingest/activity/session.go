package activity

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/review-tool/review/schema"
)

// maxEvents bounds the events of one session, which are held until the
// session is read whole (a session found bad leaves none behind).
const maxEvents = 100_000

// sessionFields are a session's single-valued elements read into columns:
// a second one in one session is a bad row, not a value silently replaced.
var sessionFields = map[string]bool{
	"lsid": true, "lseq": true, "session_type": true, "start_time": true, "end_time": true, "duration": true,
	"external_key": true, "jump_group": true, "jumpoint": true, "primary_customer": true, "primary_rep": true,
	"public_site": true, "file_transfer_count": true, "file_move_count": true, "file_delete_count": true,
}

// repFields are a representative's elements read into columns.
var repFields = map[string]string{
	"username": "username", "display_name": "display_name", "public_display_name": "public_display_name",
	"private_display_name": "private_display_name", "public_ip": "public_ip", "private_ip": "private_ip",
	"hostname": "hostname", "os": "os", "session_owner": "session_owner", "seconds_involved": "seconds_involved",
	"invited": "invited",
}

// session is one <session> as it is read.
type session struct {
	p         *problems
	line, col int64
	row       []any // the session's columns; each representative's row starts as a copy
	x         extra
	reps      []*rep
	events    [][]any
	seen      map[string]bool
	start     *leaf
	end       *leaf
	primary   *int64
	lsid      string
}

type rep struct {
	row   []any
	owner *int64
	id    *int64
	x     extra
}

var st = schema.Sessions

// readSession reads the <session> whose start was just read and loads its
// rows, or hands it to BadRow whole. It returns whether it was loaded.
func (r *xmlRead) readSession(start xml.StartElement) (bool, error) {
	s := r.s
	f := s.open[len(s.open)-1]
	s.record()
	ss := &session{p: &problems{path: r.f.Path, lenient: r.f.BadRow != nil}, line: f.line, col: f.col,
		row: st.NewRow(r.f.Source, r.f.FileID, f.line), seen: map[string]bool{}}
	for _, a := range start.Attr {
		switch {
		case declaration(a):
		case a.Name.Local == "lsid":
			ss.lsid = a.Value
		default:
			if !ss.x.add("@"+a.Name.Local, a.Value) {
				return false, s.extraError()
			}
		}
	}
	_, err := s.textOf(func(c xml.StartElement) error { return r.sessionChild(ss, c) })
	if err != nil {
		return false, err
	}
	if err := ss.finish(); err != nil {
		return false, err
	}
	if ss.p.first != nil {
		ss.p.first.Raw = s.recorded()
		return false, r.f.BadRow(ss.p.first)
	}
	s.unrecord()
	for _, row := range ss.rows() {
		if err := r.sink.Append(st, row); err != nil {
			return false, err
		}
	}
	for _, ev := range ss.events {
		if err := r.sink.Append(schema.SessionEvents, ev); err != nil {
			return false, err
		}
	}
	return true, nil
}

// sessionChild reads one child element of a session.
func (r *xmlRead) sessionChild(ss *session, c xml.StartElement) error {
	s := r.s
	name := c.Name.Local
	switch name {
	case "rep_list":
		return r.children(c, name, &ss.x, func(g xml.StartElement) error {
			if g.Name.Local != "representative" {
				return s.capture(g, name+"/"+g.Name.Local, &ss.x)
			}
			return r.readRep(ss, g)
		})
	case "session_details":
		return r.children(c, name, &ss.x, func(g xml.StartElement) error {
			if g.Name.Local != "event" {
				return s.capture(g, name+"/"+g.Name.Local, &ss.x)
			}
			return r.readEvent(ss, g)
		})
	}
	if !sessionFields[name] {
		return s.capture(c, name, &ss.x)
	}
	l, err := s.readLeaf(c, name, &ss.x, "timestamp", "id", "type")
	if err != nil {
		return err
	}
	if ss.seen[name] {
		return ss.p.bad(l.line, l.col, "a second <"+name+"> in one session", "one")
	}
	ss.seen[name] = true
	text := strings.TrimSpace(l.text)
	set := func(col string, v any) { ss.row[st.Index(col)] = v }
	setText := func(col string) {
		if text != "" {
			set(col, text)
		}
	}
	// Attributes a column does not read go to extra.
	rest := func(keep ...string) error {
		for _, k := range []string{"id", "timestamp", "type"} {
			if v, ok := l.attrs[k]; ok && !contains(keep, k) && !ss.x.add(name+"@"+k, v) {
				return s.extraError()
			}
		}
		return nil
	}
	switch name {
	case "lsid":
		if ss.lsid == "" {
			ss.lsid = text
		} else if !ss.x.add(name, l.text) {
			return s.extraError()
		}
	case "start_time":
		ss.start = l
		return rest("timestamp")
	case "end_time":
		ss.end = l
		return rest("timestamp")
	case "lseq", "file_transfer_count", "file_move_count", "file_delete_count":
		if text == "" {
			break
		}
		n, ok := integer(text)
		if !ok {
			return ss.p.bad(l.line, l.col, "<"+name+"> "+quote(text), "a whole number")
		}
		set(name, n)
	case "jump_group", "jumpoint", "public_site", "primary_rep":
		setText(name)
		if v, ok := l.attr("id"); ok {
			n, isInt := integer(v)
			switch {
			case !isInt:
				return ss.p.bad(l.line, l.col, "<"+name+" id="+quote(v)+">", "an id (a whole number)")
			case name == "jumpoint" && n == -1:
				// -1: no Jumpoint.
			default:
				set(name+"_id", n)
			}
			if name == "primary_rep" {
				ss.primary = &n
			}
		}
		if name == "jump_group" {
			if v, ok := l.attr("type"); ok {
				set("jump_group_type", v)
			}
		}
		return rest("id", "type")
	default: // session_type, duration, external_key, primary_customer
		setText(name)
	}
	return rest()
}

// children reads the child elements of c, each by fn; text in c is kept in
// x.
func (r *xmlRead) children(c xml.StartElement, path string, x *extra, fn func(xml.StartElement) error) error {
	if err := r.s.attrs(c, path, x, nil, nil); err != nil {
		return err
	}
	text, err := r.s.textOf(fn)
	if err != nil {
		return err
	}
	if t := strings.TrimSpace(text); t != "" && !x.add(path, t) {
		return r.s.extraError()
	}
	return nil
}

// readRep reads one <representative>.
func (r *xmlRead) readRep(ss *session, c xml.StartElement) error {
	s := r.s
	f := s.open[len(s.open)-1]
	rp := &rep{row: make([]any, len(st.Columns))}
	for _, a := range c.Attr {
		switch {
		case declaration(a):
		case a.Name.Local == "id":
			n, ok := integer(a.Value)
			if !ok || n < 1 {
				if err := ss.p.bad(f.line, f.col, "<representative id="+quote(a.Value)+">", "a user id (a whole number ≥ 1)"); err != nil {
					return err
				}
				continue
			}
			rp.id = &n
			rp.row[st.Index("rep_id")] = n
		default:
			if !rp.x.add("@"+a.Name.Local, a.Value) {
				return s.extraError()
			}
		}
	}
	seen := map[string]bool{}
	_, err := s.textOf(func(g xml.StartElement) error {
		name := g.Name.Local
		col, known := repFields[name]
		if !known {
			return s.capture(g, name, &rp.x)
		}
		l, err := s.readLeaf(g, name, &rp.x)
		if err != nil {
			return err
		}
		if seen[name] {
			return ss.p.bad(l.line, l.col, "a second <"+name+"> in one representative", "one")
		}
		seen[name] = true
		text := strings.TrimSpace(l.text)
		if text == "" {
			return nil
		}
		switch name {
		case "session_owner", "invited":
			if text != "0" && text != "1" {
				return ss.p.bad(l.line, l.col, "<"+name+"> "+quote(text), "1 or 0")
			}
			if name == "invited" {
				rp.row[st.Index(col)] = text == "1"
				return nil
			}
			n := int64(text[0] - '0')
			rp.owner = &n
			rp.row[st.Index(col)] = n
		case "seconds_involved":
			n, ok := integer(text)
			if !ok || n < 0 {
				return ss.p.bad(l.line, l.col, "<"+name+"> "+quote(text), "a number of seconds")
			}
			rp.row[st.Index(col)] = n
		default:
			rp.row[st.Index(col)] = text
		}
		return nil
	})
	if err != nil {
		return err
	}
	ss.reps = append(ss.reps, rp)
	return nil
}

var et = schema.SessionEvents

// readEvent reads one session_details <event> into a session_events row.
func (r *xmlRead) readEvent(ss *session, c xml.StartElement) error {
	s := r.s
	f := s.open[len(s.open)-1]
	if len(ss.events) >= maxEvents {
		return s.errorAt(f.line, f.col, fmt.Sprintf("a session with more than %d events", maxEvents), "a report of a shorter time range (one session's events are held until it is read)")
	}
	row := et.NewRow(r.f.Source, r.f.FileID, f.line)
	row[et.Index("ordinal")] = int64(len(ss.events) + 1)
	var x extra
	data := &extra{}
	for _, a := range c.Attr {
		switch {
		case declaration(a):
		case a.Name.Local == "timestamp":
			t, err := unixTime(a.Value)
			if err != nil {
				if err := ss.p.bad(f.line, f.col, "<event timestamp="+quote(a.Value)+">", "a Unix time (seconds)"); err != nil {
					return err
				}
				continue
			}
			row[et.Index("timestamp")] = t
		case a.Name.Local == "event_type":
			row[et.Index("event_type")] = a.Value
		default:
			if !x.add("@"+a.Name.Local, a.Value) {
				return s.extraError()
			}
		}
	}
	_, err := s.textOf(func(g xml.StartElement) error {
		name := g.Name.Local
		switch name {
		case "performed_by", "destination":
			l, err := s.readLeaf(g, name, &x, "type")
			if err != nil {
				return err
			}
			if row[et.Index(name)] != nil {
				return ss.p.bad(l.line, l.col, "a second <"+name+"> in one event", "one")
			}
			row[et.Index(name)] = strings.TrimSpace(l.text)
			if v, ok := l.attr("type"); ok {
				row[et.Index(name+"_type")] = v
			}
			return nil
		case "data":
			return r.children(g, name, &x, func(v xml.StartElement) error {
				if v.Name.Local != "value" {
					return s.capture(v, "data/"+v.Name.Local, &x)
				}
				l, err := s.readLeaf(v, "data/value", &x, "name", "value")
				if err != nil {
					return err
				}
				n, _ := l.attr("name")
				val, hasValue := l.attr("value")
				if !hasValue {
					val = strings.TrimSpace(l.text)
				}
				if !data.add(n, val) {
					return s.extraError()
				}
				return nil
			})
		}
		return s.capture(g, name, &x)
	})
	if err != nil {
		return err
	}
	row[et.Index("data")] = data.object()
	row[et.Index("extra")] = x.object()
	ss.events = append(ss.events, row)
	return nil
}

// finish checks what a session needs once it is read whole: its lsid and
// start; and works out its end, whether it is open, and its owner.
func (ss *session) finish() error {
	set := func(col string, v any) { ss.row[st.Index(col)] = v }
	lsid := strings.TrimSpace(ss.lsid)
	if !isLSID(lsid) {
		found := "a session without an lsid"
		if lsid != "" {
			found = "lsid " + quote(lsid)
		}
		if err := ss.p.bad(ss.line, ss.col, found, "a session id of 32 hex characters"); err != nil {
			return err
		}
	}
	lsid = strings.ToLower(lsid)
	set("lsid", lsid)
	for _, ev := range ss.events {
		ev[et.Index("lsid")] = lsid
	}
	start, err := ss.when(ss.start)
	if err != nil {
		return err
	}
	if start == nil {
		if ss.start == nil {
			return ss.p.bad(ss.line, ss.col, "a session without <start_time>", "its start (start_time@timestamp)")
		}
		return ss.p.bad(ss.start.line, ss.start.col, "an empty <start_time>", "its start (start_time@timestamp)")
	}
	set("start_time", *start)
	end, err := ss.when(ss.end)
	if err != nil {
		return err
	}
	if end != nil {
		set("end_time", *end)
	}
	set("open", end == nil)
	set("rep_count", int64(len(ss.reps)))
	set("event_count", int64(len(ss.events)))
	// The owner: those who say session_owner 1; when none does, the one
	// whose id is primary_rep@id; when neither tells, not known.
	stated := false
	for _, rp := range ss.reps {
		if rp.owner != nil && *rp.owner == 1 {
			stated = true
		}
	}
	for _, rp := range ss.reps {
		switch {
		case stated:
			rp.row[st.Index("owner")] = rp.owner != nil && *rp.owner == 1
		case ss.primary != nil && rp.id != nil:
			rp.row[st.Index("owner")] = *rp.id == *ss.primary
		case ss.primary != nil:
			rp.row[st.Index("owner")] = false
		}
	}
	return nil
}

// when is the time of a start_time or end_time element: its timestamp
// attribute, else its text; nil when it has neither (or is not there).
func (ss *session) when(l *leaf) (*time.Time, error) {
	if l == nil || l.nil {
		return nil, nil
	}
	if v, ok := l.attr("timestamp"); ok && strings.TrimSpace(v) != "" {
		t, err := unixTime(v)
		if err != nil {
			return nil, ss.p.bad(l.line, l.col, "<"+l.name+" timestamp="+quote(v)+">", "a Unix time (seconds)")
		}
		return &t, nil
	}
	text := strings.TrimSpace(l.text)
	if text == "" {
		return nil, nil
	}
	t, err := rfc3339(text)
	if err != nil {
		return nil, ss.p.bad(l.line, l.col, "<"+l.name+"> "+quote(text), "a date-time with its offset (RFC 3339), or a timestamp attribute")
	}
	return &t, nil
}

// rows are the session's rows: one per representative, each the session's
// columns and its own, or one without a user.
func (ss *session) rows() [][]any {
	xi := st.Index("extra")
	if len(ss.reps) == 0 {
		ss.row[xi] = ss.x.object()
		return [][]any{ss.row}
	}
	first := st.Index("rep_ordinal")
	out := make([][]any, len(ss.reps))
	for i, rp := range ss.reps {
		row := append([]any(nil), ss.row...)
		for j := first; j < xi; j++ {
			row[j] = rp.row[j]
		}
		row[first] = int64(i + 1)
		var x extra
		x.merge("", &ss.x)
		x.merge("representative", &rp.x)
		row[xi] = x.object()
		out[i] = row
	}
	return out
}
