package configapi

import (
	"bytes"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/valyala/fastjson"

	"github.com/review-tool/review/ingest/cells"
	"github.com/review-tool/review/ingest/reader"
	"github.com/review-tool/review/schema"
)

// Detect recognises a Configuration API export from its first bytes (decoded
// text) and its file name: content first, file name second. It returns
// KindUnknown when neither tells, and what it looked for.
func Detect(name string, head []byte) (schema.Kind, string) {
	d, _ := detectFrom(name, bytes.NewReader(head))
	return d.Kind, d.LookFor
}

// DetectFrom is Detect reading decoded text from r as far as it needs: to
// the end of the first object, past any number of empty lists of a keyed
// export (thousands of Jump Groups without users come before the first
// one with some). The error is a problem that stops the file whatever it
// is: text that cannot be decoded, or a first object past the bound on one
// object.
func DetectFrom(name string, r io.Reader) (schema.Kind, string, error) {
	d, err := detectFrom(name, r)
	return d.Kind, d.LookFor, err
}

// detectFrom is DetectFrom saying how sure it is: the content, or only the
// file name, tells the kind (reader.Format when neither does).
func detectFrom(name string, r io.Reader) (reader.Detection, error) {
	byName := kindFromName(name)
	fields, keyed, empty, ok, err := firstObject(r, name)
	if err != nil {
		return reader.Detection{}, err
	}
	if !ok {
		return lookFor("a JSON array of objects or an object keyed by parent id"), nil
	}
	if empty {
		if byName != schema.KindUnknown {
			return reader.Detection{Kind: byName, Confidence: reader.Name}, nil
		}
		return lookFor("an export file name (e.g. user.json, group-policy-member.json) for an empty list"), nil
	}
	candidates := byContent(fields, keyed)
	if len(candidates) == 1 {
		return reader.Detection{Kind: candidates[0], Confidence: reader.Content}, nil
	}
	for _, c := range candidates {
		if c == byName {
			return reader.Detection{Kind: c, Confidence: reader.Content}, nil
		}
	}
	if len(candidates) == 0 && byName != schema.KindUnknown && !keyed {
		// A file named for its kind whose fields we do not recognise: trust
		// the name only for kinds whose rows have few fields.
		return reader.Detection{Kind: byName, Confidence: reader.Name}, nil
	}
	if len(candidates) > 1 {
		names := make([]string, len(candidates))
		for i, c := range candidates {
			names[i] = string(c) + ".json"
		}
		return lookFor("a file name telling which of " + strings.Join(names, ", ") + " this is"), nil
	}
	return lookFor("objects with the fields of a Configuration API list endpoint (e.g. username and security_provider_id for users)"), nil
}

// lookFor is the detection of JSON that is no export this package knows.
func lookFor(what string) reader.Detection {
	return reader.Detection{Confidence: reader.Format, LookFor: what}
}

// kindFromName matches a file's base name against the endpoint file names
// of docs/inputs.md, ignoring case, separators and plurals. The longest kind name
// the base name ends with wins, so vendor-user.json is not taken for user.json.
func kindFromName(name string) schema.Kind {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	n := cells.NormalizeHeader(base)
	var best schema.Kind
	bestLen := 0
	for _, k := range kinds {
		kn := cells.NormalizeHeader(string(k.kind))
		forms := []string{kn, kn + "s"}
		if strings.HasSuffix(kn, "y") {
			forms = append(forms, kn[:len(kn)-1]+"ies")
		}
		for _, form := range forms {
			if strings.HasSuffix(n, form) && len(kn) > bestLen {
				best, bestLen = k.kind, len(kn)
			}
		}
	}
	return best
}

// firstObject returns the field names of the first object of an export,
// whether the export is keyed by parent id, and whether it has no objects.
// r may end anywhere after the first object. err is set only for what stops
// the file whatever it is (see DetectFrom); JSON that is not an export is
// ok == false.
func firstObject(r io.Reader, path string) (fields map[string]bool, keyed, empty, ok bool, err error) {
	rec := &readErrors{r: r}
	var tooBig error
	fields, keyed, empty, ok = firstObjectIn(newScanner(rec, path), &tooBig)
	if !ok && rec.err != nil {
		return nil, false, false, false, rec.err
	}
	if !ok && tooBig != nil {
		return nil, false, false, false, tooBig
	}
	return fields, keyed, empty, ok, nil
}

// readErrors remembers the last error of a reader other than its end.
type readErrors struct {
	r   io.Reader
	err error
}

func (e *readErrors) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

func firstObjectIn(s *scanner, tooBig *error) (fields map[string]bool, keyed, empty, ok bool) {
	b, p, err := s.skipSpace()
	if err != nil {
		return nil, false, false, false
	}
	switch b {
	case '[':
	case '{':
		if !s.keyedAhead() {
			return firstFields(s, p, tooBig) // one object: it is the first
		}
		keyed = true
		// Find the first '[' whose list has an object; skip empty lists.
		for {
			b, _, err = s.skipSpace()
			if err != nil {
				return nil, keyed, false, false
			}
			if b == '}' {
				return nil, keyed, true, true
			}
			if b != '"' {
				// An object that is not keyed by parent: not an export.
				return nil, keyed, false, false
			}
			if _, err := s.readString(pos{}); err != nil {
				return nil, keyed, false, false
			}
			if b, _, err = s.skipSpace(); err != nil || b != ':' {
				return nil, keyed, false, false
			}
			if b, _, err = s.skipSpace(); err != nil || b != '[' {
				return nil, keyed, false, false
			}
			b, _, err = s.skipSpace()
			if err != nil {
				return nil, keyed, false, false
			}
			if b == '{' {
				s.unread()
				break
			}
			if b != ']' {
				return nil, keyed, false, false
			}
			if b, _, err = s.skipSpace(); err != nil {
				return nil, keyed, false, false
			}
			if b == '}' {
				return nil, keyed, true, true
			}
			if b != ',' {
				return nil, keyed, false, false
			}
		}
	default:
		return nil, false, false, false
	}
	b, p, err = s.skipSpace()
	if err != nil {
		return nil, keyed, false, false
	}
	if b == ']' {
		return nil, keyed, true, true
	}
	if b != '{' {
		return nil, keyed, false, false
	}
	fields, _, _, ok = firstFields(s, p, tooBig)
	return fields, keyed, false, ok
}

// firstFields reads the object whose '{' was just read at p and returns
// its field names.
func firstFields(s *scanner, p pos, tooBig *error) (fields map[string]bool, keyed, empty, ok bool) {
	data, err := s.readObject(p)
	if err != nil {
		if se, ok := err.(*scanError); ok && se.tooLong {
			*tooBig = err
		}
		return nil, false, false, false
	}
	v, err := fastjson.ParseBytes(data)
	if err != nil {
		return nil, keyed, false, false
	}
	obj, _ := v.Object()
	fields = map[string]bool{}
	obj.Visit(func(k []byte, _ *fastjson.Value) { fields[string(k)] = true })
	return fields, keyed, false, true
}

// signature is fields that identify the objects of one or more kinds.
// An object matches when it has every field of all, at least one of any
// (or, with anyPerm, a perm_* field; no condition when any is empty and
// anyPerm false), and none of none.
type signature struct {
	all, any, none []string
	anyPerm        bool
	// general marks fields most objects have (id and name, user_id): the
	// signature speaks only for objects no other signature claims.
	general bool
	// over names kinds whose signatures this one wins against when an
	// object matches both and neither signature's fields imply the
	// other's: the cases where a real export has the fields of both.
	over []schema.Kind
	// family marks a line that every object of its kinds matches (every
	// Jump Item, whatever its type): a line for fields only some of those
	// kinds have beats it.
	family bool
	// kinds the matching objects may be: more than one, and the file name
	// decides (DetectFrom).
	kinds []schema.Kind
}

func (g *signature) match(f map[string]bool, anyPerm bool) bool {
	for _, n := range g.all {
		if !f[n] {
			return false
		}
	}
	for _, n := range g.none {
		if f[n] {
			return false
		}
	}
	if len(g.any) == 0 && !g.anyPerm {
		return true
	}
	for _, n := range g.any {
		if f[n] {
			return true
		}
	}
	return g.anyPerm && anyPerm
}

// beats says whether g decides for an object that both g and h match: a
// specific signature beats a general one, one for some of a family line's
// kinds beats that line, one that names h's kinds in its over beats h,
// and otherwise the one whose conditions imply the other's
// (it asks for more) beats it. The order of the signatures list plays no
// part.
func (g *signature) beats(h *signature) bool {
	if g.general != h.general {
		return !g.general
	}
	if g.family != h.family && (h.family && subset(g.kinds, h.kinds) || g.family && subset(h.kinds, g.kinds)) {
		return h.family
	}
	for _, k := range g.over {
		if slices.Contains(h.kinds, k) {
			return true
		}
	}
	return g.implies(h) && !h.implies(g)
}

// subset says whether every kind of a is one of b.
func subset(a, b []schema.Kind) bool {
	for _, k := range a {
		if !slices.Contains(b, k) {
			return false
		}
	}
	return true
}

// implies says whether every object g matches is one h matches, judged
// from the fields alone: h asks for no field g does not, excludes no field
// g does not, and its any is met by g's all or by g's own any.
func (g *signature) implies(h *signature) bool {
	for _, n := range h.all {
		if !slices.Contains(g.all, n) {
			return false
		}
	}
	for _, n := range h.none {
		if !slices.Contains(g.none, n) {
			return false
		}
	}
	if len(h.any) == 0 && !h.anyPerm {
		return true
	}
	for _, n := range h.any {
		if slices.Contains(g.all, n) {
			return true
		}
	}
	if len(g.any) == 0 && !g.anyPerm || g.anyPerm && !h.anyPerm {
		return false
	}
	for _, n := range g.any {
		if !slices.Contains(h.any, n) {
			return false
		}
	}
	return true
}

// signatures identify the kinds by their fields. Every signature is tried;
// of those an object matches, the ones no other match beats decide
// (signature.beats), so the order of this list does not matter.
var signatures = []signature{
	{all: []string{"username", "security_provider_id"}, none: []string{"user_id"}, kinds: kindList(schema.KindUsers)},
	{all: []string{"username"}, any: []string{"last_authenticated_date", "is_expired", "vendor_id"}, kinds: kindList(schema.KindVendorUsers)},
	{any: []string{"perm_command", "perm_configuration", "perm_backup", "perm_vault_backup"}, none: []string{"username"}, kinds: kindList(schema.KindAPIAccounts)},
	// An LDAP provider's own username (its bind account) and default
	// policy do not make it a user or a vendor.
	{all: []string{"type", "name"}, over: kindList(schema.KindVendors), kinds: kindList(schema.KindSecurityProviders)},
	{all: []string{"default_policy", "name"}, kinds: kindList(schema.KindVendors)},
	// A Jump Policy has the display and code names of a session policy,
	// and settings a session policy has not; with the names alone, the
	// file name tells which.
	{all: []string{"display_name", "code_name"}, any: jumpPolicyFields, kinds: kindList(schema.KindJumpPolicies)},
	{all: []string{"display_name", "code_name"}, kinds: kindList(schema.KindSessionPolicies, schema.KindJumpPolicies)},
	// With user_id it is a flat /user/{id}/group-policies row, which
	// carries the whole policy.
	{all: []string{"name"}, any: []string{"access_perm_status", "rep_perm_status"}, anyPerm: true, none: []string{"user_id"}, kinds: kindList(schema.KindGroupPolicies)},
	{any: []string{"distinguished_name", "group_name"}, kinds: kindList(schema.KindGroupPolicyMembers)},
	{all: []string{"security_provider_id", "user_id"}, kinds: kindList(schema.KindGroupPolicyMembers)},
	// Jump Items: each type by the fields only it has; an object with
	// none of them matches only the family line every Jump Item matches,
	// and the file name decides among the types. A Jump Item's
	// jump_group_id does not make it a group policy's Jump Group: the
	// Jump Item lines ask for it and more.
	jumpItem(signature{any: []string{"quality", "console", "ignore_untrusted", "rdp_username", "domain", "session_forensics",
		"secure_app_type", "remote_app_name", "remote_app_params", "remote_exe_path", "remote_exe_params", "target_system",
		"credential_type", "endpoint_id"}}, schema.KindRemoteRDP),
	// VNC has a port and nothing Shell Jump has beside it.
	jumpItem(signature{all: []string{"port"}, none: []string{"protocol", "terminal", "keep_alive", "username"}}, schema.KindRemoteVNC),
	jumpItem(signature{any: []string{"protocol", "terminal", "keep_alive"}}, schema.KindShellJump),
	jumpItem(signature{any: []string{"tunnel_type", "tunnel_definitions", "ca_certificates"}}, schema.KindProtocolTunnelJump),
	jumpItem(signature{all: []string{"filter_rules"}}, schema.KindNetworkTunnelJump),
	// PostgreSQL and MySQL tunnels have the same fields: the file name
	// tells which. A Protocol Tunnel (MSSQL) has them too, and more.
	jumpItem(signature{any: []string{"database", "tunnel_listen_address"}, none: []string{"tunnel_type", "tunnel_definitions",
		"ca_certificates", "url"}}, schema.KindPSQLTunnelJump, schema.KindMySQLTunnelJump),
	jumpItem(signature{any: []string{"username_format", "verify_certificate", "authentication_timeout", "username_field",
		"password_field", "submit_field"}}, schema.KindWebJump),
	// A Kubernetes Protocol Tunnel has a url too, and always a hostname.
	jumpItem(signature{all: []string{"url"}, none: []string{"hostname"}}, schema.KindWebJump),
	jumpItem(signature{any: []string{"connection_type", "install_mode", "is_lost", "needs_update", "unavailable_reason",
		"operating_system", "fqdn", "public_ip", "private_ip", "console_user", "last_connect_timestamp",
		"last_disconnect_timestamp", "last_access_timestamp", "expiration_timestamp", "max_offline_minutes",
		"endpoint_agreement_policy", "attended_session_policy_id", "unattended_session_policy_id", "is_quiet",
		"customer_client_start_mode"}}, schema.KindJumpClients),
	{all: []string{"jump_group_id"}, any: []string{"name", "jump_group_type", "jumpoint_id", "hostname", "tag", "session_policy_id"},
		family: true, kinds: schema.JumpItemKinds()},
	{all: []string{"user_id", "jump_item_role_id"}, kinds: kindList(schema.KindJumpGroupUsers)},
	{all: []string{"user_id", "jump_group_id"}, kinds: kindList(schema.KindJumpGroupUsers)},
	{all: []string{"jump_group_id"}, kinds: kindList(schema.KindGroupPolicyJumpGroups)},
	{all: []string{"account_group_id", "user_id"}, kinds: kindList(schema.KindVaultAccountGroupUsers)},
	{all: []string{"account_group_id"}, kinds: kindList(schema.KindGroupPolicyVaultAccountGroups)},
	{all: []string{"team_id", "user_id"}, kinds: kindList(schema.KindTeamUsers)},
	{all: []string{"team_id"}, kinds: kindList(schema.KindGroupPolicyTeams)},
	{all: []string{"user_id", "role"}, kinds: kindList(schema.KindTeamUsers, schema.KindVaultAccountGroupUsers)},
	{all: []string{"user_id", "name"}, kinds: kindList(schema.KindUserGroupPolicies)},
	// Only PRA's Jump Groups have an ECM group, only RS's teams a
	// persistent queue or public portals; otherwise the name tells.
	{all: []string{"id", "name", "code_name", "ecm_group_id"}, kinds: kindList(schema.KindJumpGroups)},
	{all: []string{"id", "name", "code_name"}, any: []string{"persistent_queue", "public_portal_ids"}, kinds: kindList(schema.KindTeams)},
	{all: []string{"id", "name", "code_name"}, kinds: kindList(schema.KindTeams, schema.KindJumpGroups)},
	{all: []string{"id", "name", "account_policy"}, kinds: kindList(schema.KindVaultAccountGroups)},
	{all: []string{"id", "name"}, general: true, kinds: kindList(schema.KindVaultAccountGroups, schema.KindUserGroupPolicies)},
	{all: []string{"user_id"}, general: true, kinds: kindList(schema.KindTeamUsers, schema.KindJumpGroupUsers, schema.KindVaultAccountGroupUsers)},
}

func kindList(k ...schema.Kind) []schema.Kind { return k }

// jumpPolicyFields are the settings of a Jump Policy (both products'),
// none of which a session policy has.
var jumpPolicyFields = []string{"schedule_enabled", "schedule_strict", "simultaneous_jumps", "simultaneous_jumps_rdp",
	"simultaneous_jump_behavior_applies_to_copies", "ticket_id_required", "two_factor_challenge_required",
	"approval_required", "recordings_disabled", "session_start_notification", "session_end_notification"}

// jumpItem is the signature of Jump Items of kinds ks: s's fields and a
// jump_group_id. It wins over the family line every Jump Item matches.
func jumpItem(s signature, ks ...schema.Kind) signature {
	s.all = append([]string{"jump_group_id"}, s.all...)
	s.kinds = ks
	return s
}

// byContent lists the kinds whose objects have these fields (signatures,
// decide): one when the content tells, several when the file name must.
// Keyed exports are per-parent kinds only. Password Safe's fields are
// told first: none of them is a Configuration API field.
func byContent(f map[string]bool, keyed bool) []schema.Kind {
	if ps := psByContent(f, keyed); len(ps) > 0 {
		return ps
	}
	anyPerm := false
	for k := range f {
		if strings.HasPrefix(k, "perm_") {
			anyPerm = true
			break
		}
	}
	out := decide(signatures, f, anyPerm)
	if keyed {
		perParent := out[:0:0]
		for _, k := range out {
			if kindOf(k).parent != "" {
				perParent = append(perParent, k)
			}
		}
		out = perParent
		if len(out) == 0 && f["id"] && f["name"] {
			out = append(out, schema.KindUserGroupPolicies)
		}
	}
	return out
}

// decide tries every signature of sigs on the fields f and returns the
// kinds of the matches no other match beats, each once, in the order of
// the kinds table: the same whatever the order of sigs.
func decide(sigs []signature, f map[string]bool, anyPerm bool) []schema.Kind {
	var matches []*signature
	for i := range sigs {
		if sigs[i].match(f, anyPerm) {
			matches = append(matches, &sigs[i])
		}
	}
	var out []schema.Kind
	for _, k := range kinds {
		for _, m := range matches {
			if slices.Contains(m.kinds, k.kind) && !beaten(m, matches) {
				out = append(out, k.kind)
				break
			}
		}
	}
	return out
}

// beaten says whether another of matches beats m.
func beaten(m *signature, matches []*signature) bool {
	for _, n := range matches {
		if n != m && n.beats(m) {
			return true
		}
	}
	return false
}
