package reports

// groupPoliciesSpec is the Group Policies sheet: every group policy.
var groupPoliciesSpec = sheetSpec{Name: sheetGroupPolicies, Table: "GroupPolicies", Columns: []column{
	{"Source", 14},
	{"ID", 8},
	{"Name", 30},
	{"User Members", 14},
	{"Enabled User Members", 21},
	{"Directory-Group Members", 23},
	{"Default Policy Of", 36},
	{"Finding Count", 13},
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
