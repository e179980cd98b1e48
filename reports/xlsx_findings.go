package reports

import "github.com/review-tool/review/internal/model"

// findingsSpec is the Findings sheet: every finding, one row each.
var findingsSpec = sheetSpec{Name: sheetFindings, Columns: findingColumns, Table: "Findings", Decision: true}

func (b *book) fillFindings(w *sheetWriter) error {
	sev := columnIndex(findingColumns, headerSeverity)
	for i := range b.r.Findings {
		f := &b.r.Findings[i]
		rec := findingRecord(f)
		row := make([]any, len(rec))
		for j, s := range rec {
			row[j] = text(s)
		}
		row[sev] = b.st.severityCell(f.Severity)
		if err := w.Add(row...); err != nil {
			return err
		}
	}
	return nil
}

// evidenceColumn is a family-sheet column that shows one evidence key.
type evidenceColumn struct {
	column
	Key   string
	Money bool
}

// familyColumns are the columns each family sheet adds to the common ones,
// from the evidence keys of docs/facts.md.
var familyColumns = map[string][]evidenceColumn{
	"orphaned-groups": {
		{column{"Members", 12}, "members", false},
		{column{"Default Policy Of", 30}, "default_policy_of", false},
	},
	"stale-seats": {
		{column{"Last Authentication", 21}, "last_authentication", false},
		{column{"Days Since", 11}, "days_since", false},
		{column{"Seat Product", 13}, "seat_product", false},
		{column{"Currency", 9}, "currency", false},
		{column{"Annual Cost", 12}, "annual_cost", true},
	},
	"admin-sprawl": {
		{column{"Administrator", 13}, "administrator", false},
		{column{"Two Factor Enabled", 18}, "two_factor_enabled", false},
		{column{"Passwordless Credentials", 24}, "passwordless_credentials", false},
		{column{"Provider Type", 14}, "provider_type", false},
		{column{"Last Authentication", 21}, "last_authentication", false},
	},
	"missing-group-policy": {
		{column{"Group Policies", 30}, "group_policies", false},
		{column{"Unknown Group Policies", 30}, "unknown_group_policies", false},
		{column{"Provider", 20}, "provider", false},
	},
	"account-hygiene": {
		{column{"Providers", 30}, "providers", false},
		{column{"Account Expiration", 21}, "account_expiration", false},
	},
}

// The common columns of the family sheets, as on the Findings sheet; the
// family's own columns go between Display Name and Detail.
var (
	familyLead = pick(findingColumns, "Finding ID", "Rule", headerSeverity, "Source", "Entity Type", "Entity", "Display Name")
	familyTail = pick(findingColumns, "Detail", "Reviewer", headerDecision)
)

// familySpec is the sheet of one family.
func familySpec(family, sheet string) *sheetSpec {
	cols := append([]column{}, familyLead...)
	for _, c := range familyColumns[family] {
		cols = append(cols, c.column)
	}
	cols = append(cols, familyTail...)
	return &sheetSpec{Name: sheet, Columns: cols, Table: tableName(sheet), Decision: true}
}

// tableName makes an Excel table name of a sheet name: its letters and digits.
func tableName(sheet string) string {
	var out []rune
	for _, r := range sheet {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && len(out) > 0 {
			out = append(out, r)
		}
	}
	return string(out)
}

func (b *book) fillFamily(w *sheetWriter, family string, findings []*model.Finding) error {
	extra := familyColumns[family]
	for _, f := range findings {
		row := []any{
			text(f.ID), text(f.Rule), b.st.severityCell(f.Severity), text(f.Source),
			text(f.EntityType), text(f.Entity), text(f.DisplayName),
		}
		for _, c := range extra {
			v := evidenceCell(f.Evidence[c.Key])
			if c.Money {
				v = styled(v, b.st.money)
			}
			row = append(row, v)
		}
		row = append(row, text(f.Detail), text(f.Reviewer), nil)
		if err := w.Add(row...); err != nil {
			return err
		}
	}
	return nil
}
