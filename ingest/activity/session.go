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

// sessionField is a session's single-valued element read into columns: a
// second one in one session is a bad row, not a value silently replaced.
// bit marks it seen; col is its column (of its text or number), idCol its
// id attribute's (-1: none).
type sessionField struct {
	bit        uint32
	col, idCol int
}

var sessionFields = func() map[string]sessionField {
	m := map[string]sessionField{}
	for i, name := range []string{"lsid", "lseq", "session_type", "start_time", "end_time", "duration",
		"external_key", "jump_group", "jumpoint", "primary_customer", "primary_rep",
		"public_site", "file_transfer_count", "file_move_count", "file_delete_count"} {
		m[name] = sessionField{bit: 1 << i, col: st.Index(name), idCol: st.Index(name + "_id")}
	}
	return m
}()

// repField is a representative's element read into a column.
type repField struct {
	bit uint32
	col int
}

var repFields = func() map[string]repField {
	m := map[string]repField{}
	for i, name := range []string{"username", "display_name", "public_display_name",
		"private_display_name", "public_ip", "private_ip", "hostname", "os", "session_owner", "seconds_involved",
		"invited"} {
		m[name] = repField{bit: 1 << i, col: st.Index(name)}
	}
	return m
}()

// The columns the session reader sets, by index.
var (
	st = schema.Sessions
	et = schema.SessionEvents

	stLsid, stStart, stEnd, stOpen  = st.Index("lsid"), st.Index("start_time"), st.Index("end_time"), st.Index("open")
	stJumpGroupType, stRepID        = st.Index("jump_group_type"), st.Index("rep_id")
	stRepCount, stEventCount        = st.Index("rep_count"), st.Index("event_count")
	stRepOrdinal, stOwner, stExtra  = st.Index("rep_ordinal"), st.Index("owner"), st.Index("extra")
	etLsid, etOrdinal, etTimestamp  = et.Index("lsid"), et.Index("ordinal"), et.Index("timestamp")
	etEventType, etData, etExtra    = et.Index("event_type"), et.Index("data"), et.Index("extra")
	etPerformedBy, etPerformedByTyp = et.Index("performed_by"), et.Index("performed_by_type")
	etDestination, etDestinationTyp = et.Index("destination"), et.Index("destination_type")
)

// session is one <session> as it is read. The reader keeps one and reuses
// it, and its lists, from session to session.
type session struct {
	p         *problems
	prob      problems
	line, col int64
	row       []any // the session's columns; each representative's row starts as a copy
	x         extra
	reps      []*rep
	events    [][]any
	seen      uint32 // sessionField bits
	start     *leaf
	end       *leaf
	startLeaf leaf
	endLeaf   leaf
	primary   int64
	hasPrim   bool
	lsid      string
}

type rep struct {
	row      []any
	owner    int64
	hasOwner bool
	id       int64
	hasID    bool
	x        extra
}

// newRep is a representative of no columns, reusing one of an earlier
// session's.
func (r *xmlRead) newRep() *rep {
	if n := len(r.spare); n > 0 {
		rp := r.spare[n-1]
		r.spare = r.spare[:n-1]
		clear(rp.row)
		*rp = rep{row: rp.row, x: rp.x.reset()}
		return rp
	}
	return &rep{row: make([]any, len(st.Columns))}
}

// done lets go of what a session read holds, keeping its lists for the
// next one: nothing of one session is held while the next is read, and a
// session far larger than most does not keep its memory.
func (r *xmlRead) done(ss *session) {
	r.spare = append(r.spare, ss.reps...)
	if len(r.spare) > 64 {
		clear(r.spare[64:])
		r.spare = r.spare[:64]
	}
	clear(ss.reps)
	clear(ss.events)
	clear(r.out)
	if cap(ss.events) > 1024 {
		ss.events = nil
	}
	if cap(ss.reps) > 1024 {
		ss.reps = nil
	}
	ss.row, ss.start, ss.end = nil, nil, nil
	ss.startLeaf, ss.endLeaf = leaf{}, leaf{}
	ss.x.reset()
	ss.prob = problems{}
}

// readSession reads the <session> whose start was just read and loads its
// rows, or hands it to BadRow whole. It returns whether it was loaded.
func (r *xmlRead) readSession(start xml.StartElement) (bool, error) {
	s := r.s
	f := s.open[len(s.open)-1]
	s.record()
	ss := &r.ss
	defer r.done(ss)
	*ss = session{prob: problems{path: r.f.Path, lenient: r.f.BadRow != nil}, line: f.line, col: f.col,
		row: st.NewRow(r.f.Source, r.f.FileID, f.line), x: ss.x.reset(), reps: ss.reps[:0], events: ss.events[:0]}
	ss.p = &ss.prob
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
	for _, row := range r.rows(ss) {
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
	field, ok := sessionFields[name]
	if !ok {
		return s.capture(c, name, &ss.x)
	}
	var l leaf
	if err := s.readLeaf(&l, c, name, &ss.x, "timestamp", "id", "type"); err != nil {
		return err
	}
	if ss.seen&field.bit != 0 {
		return ss.p.bad(l.line, l.col, "a second <"+name+"> in one session", "one")
	}
	ss.seen |= field.bit
	text := strings.TrimSpace(l.text)
	var keep1, keep2 string // attributes a column reads
	switch name {
	case "lsid":
		if ss.lsid == "" {
			ss.lsid = text
		} else if !ss.x.add(name, l.text) {
			return s.extraError()
		}
	case "start_time":
		ss.startLeaf = l
		ss.start = &ss.startLeaf
		keep1 = "timestamp"
	case "end_time":
		ss.endLeaf = l
		ss.end = &ss.endLeaf
		keep1 = "timestamp"
	case "lseq", "file_transfer_count", "file_move_count", "file_delete_count":
		if text == "" {
			break
		}
		n, ok := integer(text)
		if !ok {
			return ss.p.bad(l.line, l.col, "<"+name+"> "+quote(text), "a whole number")
		}
		ss.row[field.col] = n
	case "jump_group", "jumpoint", "public_site", "primary_rep":
		if text != "" {
			ss.row[field.col] = text
		}
		if v, ok := l.attr("id"); ok {
			n, isInt := integer(v)
			switch {
			case !isInt:
				return ss.p.bad(l.line, l.col, "<"+name+" id="+quote(v)+">", "an id (a whole number)")
			case name == "jumpoint" && n == -1:
				// -1: no Jumpoint.
			default:
				ss.row[field.idCol] = n
			}
			if name == "primary_rep" {
				ss.primary, ss.hasPrim = n, true
			}
		}
		if name == "jump_group" {
			if v, ok := l.attr("type"); ok {
				ss.row[stJumpGroupType] = v
			}
		}
		keep1, keep2 = "id", "type"
	default: // session_type, duration, external_key, primary_customer
		if text != "" {
			ss.row[field.col] = text
		}
	}
	// Attributes a column does not read go to extra.
	for _, k := range [...]string{"id", "timestamp", "type"} {
		if v, ok := l.attr(k); ok && k != keep1 && k != keep2 && !ss.x.add(name+"@"+k, v) {
			return s.extraError()
		}
	}
	return nil
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
	rp := r.newRep()
	for _, a := range c.Attr {
		switch {
		case declaration(a):
		case a.Name.Local == "id":
			n, ok := integer(a.Value)
			if !ok || n < 1 {
				if err := ss.p.bad(f.line, f.col, "<representative id="+quote(a.Value)+">", "a user id (a whole number ≥ 1)"); err != nil {
					r.spare = append(r.spare, rp)
					return err
				}
				continue
			}
			rp.id, rp.hasID = n, true
			rp.row[stRepID] = n
		default:
			if !rp.x.add("@"+a.Name.Local, a.Value) {
				return s.extraError()
			}
		}
	}
	var seen uint32
	_, err := s.textOf(func(g xml.StartElement) error {
		name := g.Name.Local
		field, known := repFields[name]
		if !known {
			return s.capture(g, name, &rp.x)
		}
		var l leaf
		if err := s.readLeaf(&l, g, name, &rp.x); err != nil {
			return err
		}
		if seen&field.bit != 0 {
			return ss.p.bad(l.line, l.col, "a second <"+name+"> in one representative", "one")
		}
		seen |= field.bit
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
				rp.row[field.col] = text == "1"
				return nil
			}
			n := int64(text[0] - '0')
			rp.owner, rp.hasOwner = n, true
			rp.row[field.col] = n
		case "seconds_involved":
			n, ok := integer(text)
			if !ok || n < 0 {
				return ss.p.bad(l.line, l.col, "<"+name+"> "+quote(text), "a number of seconds")
			}
			rp.row[field.col] = n
		default:
			rp.row[field.col] = text
		}
		return nil
	})
	ss.reps = append(ss.reps, rp)
	return err
}

// readEvent reads one session_details <event> into a session_events row.
func (r *xmlRead) readEvent(ss *session, c xml.StartElement) error {
	s := r.s
	f := s.open[len(s.open)-1]
	if len(ss.events) >= maxEvents {
		return s.errorAt(f.line, f.col, fmt.Sprintf("a session with more than %d events", maxEvents), "a report of a shorter time range (one session's events are held until it is read)")
	}
	row := et.NewRow(r.f.Source, r.f.FileID, f.line)
	row[etOrdinal] = int64(len(ss.events) + 1)
	x, data := &r.evX, &r.evData
	x.reset()
	data.reset()
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
			row[etTimestamp] = t
		case a.Name.Local == "event_type":
			row[etEventType] = a.Value
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
			col, typeCol := etPerformedBy, etPerformedByTyp
			if name == "destination" {
				col, typeCol = etDestination, etDestinationTyp
			}
			var l leaf
			if err := s.readLeaf(&l, g, name, x, "type"); err != nil {
				return err
			}
			if row[col] != nil {
				return ss.p.bad(l.line, l.col, "a second <"+name+"> in one event", "one")
			}
			row[col] = strings.TrimSpace(l.text)
			if v, ok := l.attr("type"); ok {
				row[typeCol] = v
			}
			return nil
		case "data":
			return r.children(g, name, x, func(v xml.StartElement) error {
				if v.Name.Local != "value" {
					return s.capture(v, "data/"+v.Name.Local, x)
				}
				var l leaf
				if err := s.readLeaf(&l, v, "data/value", x, "name", "value"); err != nil {
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
		return s.capture(g, name, x)
	})
	if err != nil {
		return err
	}
	row[etData] = data.object()
	row[etExtra] = x.object()
	ss.events = append(ss.events, row)
	return nil
}

// finish checks what a session needs once it is read whole: its lsid and
// start; and works out its end, whether it is open, and its owner.
func (ss *session) finish() error {
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
	ss.row[stLsid] = lsid
	for _, ev := range ss.events {
		ev[etLsid] = lsid
	}
	start, ok, err := ss.when(ss.start)
	if err != nil {
		return err
	}
	if !ok {
		if ss.start == nil {
			return ss.p.bad(ss.line, ss.col, "a session without <start_time>", "its start (start_time@timestamp)")
		}
		return ss.p.bad(ss.start.line, ss.start.col, "an empty <start_time>", "its start (start_time@timestamp)")
	}
	ss.row[stStart] = start
	end, ended, err := ss.when(ss.end)
	if err != nil {
		return err
	}
	if ended {
		ss.row[stEnd] = end
	}
	ss.row[stOpen] = !ended
	ss.row[stRepCount] = int64(len(ss.reps))
	ss.row[stEventCount] = int64(len(ss.events))
	// The owner: those who say session_owner 1; when none does, the one
	// whose id is primary_rep@id; when neither tells, not known.
	stated := false
	for _, rp := range ss.reps {
		if rp.hasOwner && rp.owner == 1 {
			stated = true
		}
	}
	for _, rp := range ss.reps {
		switch {
		case stated:
			rp.row[stOwner] = rp.hasOwner && rp.owner == 1
		case ss.hasPrim && rp.hasID:
			rp.row[stOwner] = rp.id == ss.primary
		case ss.hasPrim:
			rp.row[stOwner] = false
		}
	}
	return nil
}

// when is the time of a start_time or end_time element: its timestamp
// attribute, else its text; not ok when it has neither (or is not there).
func (ss *session) when(l *leaf) (time.Time, bool, error) {
	if l == nil || l.nil {
		return time.Time{}, false, nil
	}
	if v, ok := l.attr("timestamp"); ok && strings.TrimSpace(v) != "" {
		t, err := unixTime(v)
		if err != nil {
			return t, false, ss.p.bad(l.line, l.col, "<"+l.name+" timestamp="+quote(v)+">", "a Unix time (seconds)")
		}
		return t, true, nil
	}
	text := strings.TrimSpace(l.text)
	if text == "" {
		return time.Time{}, false, nil
	}
	t, err := rfc3339(text)
	if err != nil {
		return t, false, ss.p.bad(l.line, l.col, "<"+l.name+"> "+quote(text), "a date-time with its offset (RFC 3339), or a timestamp attribute")
	}
	return t, true, nil
}

// rows are the session's rows: one per representative, each the session's
// columns and its own, or one without a user.
func (r *xmlRead) rows(ss *session) [][]any {
	if len(ss.reps) == 0 {
		ss.row[stExtra] = ss.x.object()
		r.out = append(r.out[:0], ss.row)
		return r.out
	}
	r.out = r.out[:0]
	x := &r.merged
	for i, rp := range ss.reps {
		row := append([]any(nil), ss.row...)
		copy(row[stRepOrdinal:stExtra], rp.row[stRepOrdinal:stExtra])
		row[stRepOrdinal] = int64(i + 1)
		x.reset()
		x.merge("", &ss.x)
		x.merge("representative", &rp.x)
		row[stExtra] = x.object()
		r.out = append(r.out, row)
	}
	return r.out
}
