package xlsx

import "github.com/review-tool/review/internal/layout"

// groupPoliciesSpec is the Group Policies sheet: every group policy.
var groupPoliciesSpec = sheetSpec{Name: layout.SheetGroupPolicies, Table: "GroupPolicies", Columns: []column{
	{"Source", 20},
	{"ID", 12},
	{"Name", 36},
	{"User Members", 0},
	{"Enabled User Members", 0},
	{"Directory-Group Members", 0},
	{"Default Policy Of", 40},
	{"Finding Count", 0},
}, Kinds: map[string]cellKind{
	"ID":                      kindID,
	"User Members":            kindCount,
	"Enabled User Members":    kindCount,
	"Directory-Group Members": kindCount,
	"Default Policy Of":       kindWrap,
	"Finding Count":           kindCount,
}}

func (b *book) fillGroupPolicies(w *sheetWriter) error {
	for i := range b.r.GroupPolicies {
		g := &b.r.GroupPolicies[i]
		if err := w.Add(text(g.Source), g.ID, text(g.Name), g.UserMembers, g.EnabledUserMembers,
			g.DirectoryMembers, text(g.DefaultPolicyOf), g.FindingCount); err != nil {
			return err
		}
	}
	return nil
}
