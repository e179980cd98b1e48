package tabular

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/product"
	"github.com/review-tool/review/schema"
)

// Columns of the raw tables the report fills, looked up once.
var (
	usersOrigin       = schema.Users.Index("origin")
	usersUsername     = schema.Users.Index("username")
	usersProviderName = schema.Users.Index("security_provider_name")
	usersProviderID   = schema.Users.Index("security_provider_id")
	usersIsAdmin      = schema.Users.Index("is_admin")
	usersPerms        = schema.Users.Index("perms")
	usersExtra        = schema.Users.Index("extra")
	memberUsername    = schema.UserMemberships.Index("username")
	memberProvider    = schema.UserMemberships.Index("security_provider_name")
	memberKind        = schema.UserMemberships.Index("kind")
	memberName        = schema.UserMemberships.Index("name")
	memberRole        = schema.UserMemberships.Index("role")
)

// ReadUserReport reads a User Account Report (docs/inputs.md §2): one users row
// (origin "report") per line, and one user_memberships row per group
// policy, team, Jump Group and Vault account group named in its
// membership cells. Only a username column is required. Columns that fill
// no field are kept in the row's extra JSON and listed in UnknownColumns;
// perm_* columns go to its perms JSON. Of a workbook it reads the first
// sheet whose header has a username column.
func ReadUserReport(in Input, sink schema.Sink) (*reader.Result, error) {
	t, err := openTable(in, func(h []string) bool { return reportSet.has(h, "username") })
	if err != nil {
		return nil, err
	}
	defer t.close()
	r, err := newReport(in, t)
	if err != nil {
		return nil, err
	}
	res := r.result()
	err = t.each(in, func(rec []string) error {
		if err := r.read(rec, sink); err != nil {
			return err
		}
		res.Rows++
		return nil
	})
	if err != nil {
		return nil, err
	}
	noteAmbiguousDates(res, t)
	return res, nil
}

// report is a User Account Report's header, worked out once.
type report struct {
	in        Input
	t         *table
	m         *columnMap
	dst       []int // by column: the users column it fills, -1 for none
	username  int   // the username column
	members   []int // membership columns
	perms     *object
	permAdmin int // the perm_admin column when no Administrator column says is_admin, or -1
	extra     *object
	unknown   []string
	caps      []string
	product   string
	// seen is where each username was first loaded, by security provider
	// (see once).
	seen map[string]int64
}

func newReport(in Input, t *table) (*report, error) {
	m, err := mapColumns(t, reportSet)
	if err != nil {
		return nil, err
	}
	r := &report{in: in, t: t, m: m, dst: m.dst(schema.Users), username: m.col("username"), permAdmin: -1,
		seen: map[string]int64{}}
	if r.username < 0 {
		return nil, missingColumn(in.Path, t.headerLine, reportSet, "username")
	}
	caps := map[string]bool{"users": true}
	for i, f := range m.fields {
		if f == nil {
			continue
		}
		if f.capability != "" {
			caps[f.capability] = true
		}
		if f.parse == asMembership {
			r.members = append(r.members, i)
		}
	}
	var permCols, extraCols []int
	var permNames []string
	for _, i := range m.rest {
		if p, ok := permName(t.header[i]); ok {
			permCols = append(permCols, i)
			permNames = append(permNames, p)
			if p == "perm_admin" && m.col("is_admin") < 0 {
				r.permAdmin = i
				caps[schema.CapUserAdministrator] = true
			}
			continue
		}
		extraCols = append(extraCols, i)
	}
	r.perms = newObject(permNames, permCols)
	r.extra = newObject(t.names(extraCols), extraCols)
	r.unknown = t.names(extraCols)
	for c := range caps {
		r.caps = append(r.caps, c)
	}
	sort.Strings(r.caps)
	r.product = reportProduct(m, permNames)
	return r, nil
}

// reportProduct is the product the columns say, by the rules an API
// export's fields follow: the perm_* columns and Private Display Name are
// the fields a report carries.
func reportProduct(m *columnMap, perms []string) string {
	return product.FromFields(func(f string) bool {
		if f == "private_display_name" {
			return m.col(f) >= 0
		}
		for _, p := range perms {
			if p == f {
				return true
			}
		}
		return false
	})
}

// permName returns the API name of a perm_* column ("Perm Admin" is
// perm_admin).
func permName(header string) (string, bool) {
	h := strings.ToLower(strings.TrimSpace(header))
	if len(h) <= len("perm_") || h[:4] != "perm" || !strings.ContainsRune("_- ", rune(h[4])) {
		return "", false
	}
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h), true
}

func (r *report) result() *reader.Result {
	res := &reader.Result{Kind: schema.KindUserReport, Capabilities: r.caps, UnknownColumns: r.unknown, Product: r.product}
	return stamp(res, r.t.encoding, r.in)
}

var adminField = &field{key: "is_admin", parse: asBool}

// read turns one line of the report into rows.
func (r *report) read(rec []string, sink schema.Sink) error {
	t := r.t
	line := t.line()
	row := schema.Users.NewRow(r.in.Source, r.in.FileID, line)
	row[usersOrigin] = "report"
	for i, f := range r.m.fields {
		if f == nil || f.parse == asMembership {
			continue
		}
		v, expected := parseCell(f, cell(rec, i), t.dates.at(i))
		if expected != "" {
			return t.bad(i, shown(f, cell(rec, i)), expected)
		}
		row[r.dst[i]] = v
	}
	if err := t.checkAgree(r.m, rec, row, r.dst); err != nil {
		return err
	}
	if row[usersUsername] == nil {
		return t.bad(r.username, "an empty username", "a username on every row")
	}
	if err := r.once(row, line); err != nil {
		return err
	}
	if r.permAdmin >= 0 {
		v, expected := parseCell(adminField, cell(rec, r.permAdmin), t.dates)
		if expected != "" {
			return t.bad(r.permAdmin, quote(cell(rec, r.permAdmin)), expected)
		}
		row[usersIsAdmin] = v
	}
	if !r.perms.empty() {
		row[usersPerms] = r.perms.write(func(b []byte, k int) []byte {
			return appendPerm(b, cell(rec, r.perms.cols[k]))
		})
	}
	if !r.extra.empty() {
		row[usersExtra] = r.extra.write(func(b []byte, k int) []byte {
			return appendJSONString(b, cell(rec, r.extra.cols[k]))
		})
	}
	if err := sink.Append(schema.Users, row); err != nil {
		return err
	}
	for _, c := range r.members {
		kind := r.m.fields[c].member
		for _, name := range cells.SplitList(cell(rec, c)) {
			m := schema.UserMemberships.NewRow(r.in.Source, r.in.FileID, line)
			m[memberUsername] = row[usersUsername]
			m[memberProvider] = row[usersProviderName]
			m[memberKind] = kind
			m[memberName] = name
			if kind == "team" {
				m[memberName], m[memberRole] = teamRole(name)
			}
			if err := sink.Append(schema.UserMemberships, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// once refuses a username already loaded from the same security provider
// of this report, ignoring case as a login does: the two rows would be two
// accounts with one identity (and one Finding ID, which ignores case), and
// nothing says which row is right. The same username under two providers
// is two accounts.
func (r *report) once(row []any, line int64) error {
	username := row[usersUsername].(string)
	var provider, in string
	switch {
	case row[usersProviderName] != nil:
		provider = row[usersProviderName].(string)
		in = " in provider " + quoteExact(provider)
	case row[usersProviderID] != nil:
		provider = strconv.FormatInt(row[usersProviderID].(int64), 10)
		in = " in provider id " + provider
	}
	// One compact key: the provider's name or id (no NUL, which no cell
	// holds) and the username. Its own allocation, so that it keeps no
	// buffer of the reader alive.
	key := provider + "\x00" + strings.ToLower(username)
	if first, ok := r.seen[key]; ok {
		return r.t.bad(r.username, fmt.Sprintf("username %s again%s, ignoring case (first at line %d)", quoteExact(username), in, first),
			"each username once per security provider")
	}
	r.seen[key] = line
	return nil
}

// appendPerm writes a perm_* cell as JSON: a boolean when it reads as one,
// null when empty, else the text (perm_session_control: "full", …).
func appendPerm(b []byte, s string) []byte {
	s = strings.TrimSpace(s)
	if s == "" {
		return append(b, "null"...)
	}
	if v, ok, err := cells.ParseBool(s); err == nil && ok {
		return strconv.AppendBool(b, v)
	}
	return appendJSONString(b, s)
}

// teamRole splits "Name (lead)" into the team's name and the user's role
// on it; a parenthesis that is not a team role is part of the name.
func teamRole(s string) (name string, role any) {
	if !strings.HasSuffix(s, ")") {
		return s, nil
	}
	i := strings.LastIndexByte(s, '(')
	if i <= 0 {
		return s, nil
	}
	switch r := strings.ToLower(strings.TrimSpace(s[i+1 : len(s)-1])); r {
	case "member", "lead", "manager":
		if n := strings.TrimSpace(s[:i]); n != "" {
			return n, r
		}
	}
	return s, nil
}
