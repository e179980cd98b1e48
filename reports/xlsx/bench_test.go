package xlsx

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/review-tool/review/internal/model"
)

// benchReview is testReview grown to n accounts and n/5 findings, the
// proportions of a generated export set.
func benchReview(n int) *model.Review {
	r := testReview()
	base := testFindings()
	r.Findings = make([]model.Finding, 0, n/5)
	for i := 0; len(r.Findings) < n/5; i++ {
		f := base[i%len(base)]
		f.Entity = fmt.Sprintf("user%07d", i)
		f.ID = model.FindingID(f.Rule, f.Source, f.EntityType, f.Entity)
		r.Findings = append(r.Findings, f)
	}
	days := int64(35)
	created := time.Date(2023, 3, 7, 14, 2, 0, 0, time.UTC)
	lastAuth := time.Date(2025, 10, 18, 5, 11, 22, 0, time.UTC)
	r.Accounts = func(fn func(*model.AccountRow) error) error {
		for i := 0; i < n; i++ {
			a := model.AccountRow{Source: "pra-prod", Product: "pra", ID: int64(i + 1),
				Username: fmt.Sprintf("user%07d", i), DisplayName: "Aiden Ahmed", Email: fmt.Sprintf("user%07d@corp.example", i), Person: fmt.Sprintf("user%07d@corp.example", i),
				Provider: "Corp AD", Enabled: model.Yes, Administrator: model.No, TwoFactor: model.Yes, Created: created,
				LastAuthentication: lastAuth, DaysSince: &days,
				GroupPolicies: "Access Policy 1726; Access Policy 1918", Teams: "Team 1162",
				RosterMatch: model.Yes, RosterStatus: "active"}
			if err := fn(&a); err != nil {
				return err
			}
		}
		return nil
	}
	r.AccountCount = int64(n)
	// Every account its own person, as in the generated sets: the People
	// sheet as large as it gets.
	r.People = func(fn func(*model.PersonRow) error) error {
		for i := 0; i < n; i++ {
			p := model.PersonRow{Person: fmt.Sprintf("user%07d@corp.example", i), Name: "Aiden Ahmed",
				RosterStatus: "active", Terminated: model.No, Manager: "boss@corp.example", PRAAccounts: 1, PRAEnabled: 1,
				Administrator: model.No, Sources: "pra-prod", FindingCount: 1, FindingRules: "stale-account"}
			if err := fn(&p); err != nil {
				return err
			}
		}
		return nil
	}
	r.PeopleCount = int64(n)
	return r
}

// BenchmarkWriteWorkbook writes the workbook of 50,000 accounts, as many
// people and 10,000 findings; rows/s counts the Accounts and Findings rows.
func BenchmarkWriteWorkbook(b *testing.B) {
	r := benchReview(50000)
	for b.Loop() {
		if err := Write(io.Discard, r, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(int(r.AccountCount)+len(r.Findings))*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
