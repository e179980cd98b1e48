package previous

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/model"
)

// A decisions workbook (review collect) is read by its Decisions sheet:
// decided findings carry their decision, an undecided one is listed
// without one, and the note says no Resolved list came with it.
func TestLoadDecisionsWorkbook(t *testing.T) {
	head := []string{"Finding ID", "Rule", "Title", "Severity", "Source", "Product", "Entity Type", "Entity", "Reviewer",
		"Decision", "Comment", "File", "Signed Off By", "Signed Off On"}
	p := writeBook(t, map[string][][]string{
		"Decisions": {head,
			{"1111111111111111", "stale-account", "Stale account", "medium", "pra-prod", "pra", "account", "carlos.ruiz", "anna", "Revoke", "left in May", "anna.xlsx", "Anna", "2025-09-30"},
			{"2222222222222222", "stale-admin", "Stale administrator", "high", "pra-prod", "pra", "account", "mark.ellis", "anna", "", "", "", "", ""},
		},
		"Revoke": {{"Source"}},
	}, "Decisions", "Revoke")
	run, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Findings) != 2 || run.Rows != 2 {
		t.Fatalf("read %d findings from %d rows, want 2 and 2", len(run.Findings), run.Rows)
	}
	if e := run.Findings[0]; e.Decision != "Revoke" || e.Comment != "left in May" || e.Entity != "carlos.ruiz" || e.Title != "Stale account" ||
		e.Reviewer != "anna" || e.DecidedOn != "2025-09-30" {
		t.Errorf("first entry %+v, want carlos.ruiz with Revoke and its comment, by anna, signed off on 2025-09-30", e)
	}
	if e := run.Findings[1]; e.Decision != "" || e.Comment != "" {
		t.Errorf("undecided entry carries %q %q, want nothing", e.Decision, e.Comment)
	}
	if run.Resolved != nil || len(run.Notes) != 1 || !strings.Contains(run.Notes[0], "decisions workbook "+p+" (review collect)") {
		t.Errorf("resolved %v, notes %q: want no Resolved list and the note naming the decisions workbook", run.Resolved, run.Notes)
	}
}

func TestLoadDecisionsWorkbookNeedsItsHeaders(t *testing.T) {
	p := writeBook(t, map[string][][]string{"Decisions": {{"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Decision"}}}, "Decisions")
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), `sheet Decisions has no column headed "Comment" in row 1`) {
		t.Errorf("err = %v, want the missing Comment header named", err)
	}
}

// decisions.jsonl (review collect) is read as the decisions workbook is:
// every finding of the campaign, with the decision taken on it, an
// undecided one without; the note says no Resolved list came with it. A
// line without a decision's keys is an error naming FILE:LINE.
func TestLoadDecisionsJSONL(t *testing.T) {
	p := writeJSONL(t, `{"finding_id":"1111111111111111","rule":"stale-account","family":"stale-seats","title":"Stale account","severity":"medium","source":"pra-prod","product":"pra","entity_type":"account","entity":"carlos.ruiz","detail":"d","reviewer":"anna","decision":"Revoke","comment":"left","action":"disable-account","place":"/login > Users & Security > Users","ids":{}}`+"\n"+
		`{"finding_id":"2222222222222222","rule":"stale-admin","family":"admin-sprawl","title":"Stale administrator","severity":"high","source":"pra-prod","product":"pra","entity_type":"account","entity":"mark.ellis","detail":"d","reviewer":"anna","decision":"","comment":"","action":"none","place":"","ids":{}}`+"\n")
	run, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Findings) != 2 || run.Rows != 2 {
		t.Fatalf("read %d findings from %d rows, want 2 and 2", len(run.Findings), run.Rows)
	}
	if e := run.Findings[0]; e.Decision != "Revoke" || e.Comment != "left" || e.Entity != "carlos.ruiz" || e.Family != "stale-seats" {
		t.Errorf("first entry %+v, want carlos.ruiz with Revoke and its comment", e)
	}
	if e := run.Findings[1]; e.Decision != "" || e.Severity != model.High {
		t.Errorf("second entry %+v, want undecided, high", e)
	}
	if len(run.Notes) != 1 || !strings.Contains(run.Notes[0], "decisions of review collect ("+p+")") {
		t.Errorf("notes %q", run.Notes)
	}
	bad := writeJSONL(t, `{"finding_id":"1111111111111111","rule":"stale-account","severity":"medium","source":"pra-prod","entity_type":"account","entity":"carlos.ruiz"}`+"\n")
	if _, err := Load(bad); err == nil || !strings.Contains(err.Error(), bad+`:1: no "decision", expected a line of decisions.jsonl`) {
		t.Errorf("err = %v, want the missing decision named at line 1", err)
	}
}

// A decisions workbook's as-of date is its Campaign sheet's "As of"; one
// written before it had that sheet gives the document's creation date,
// which review collect set to the as-of date then.
func TestDecisionsWorkbookAsOf(t *testing.T) {
	head := []string{"Finding ID", "Rule", "Severity", "Source", "Entity Type", "Entity", "Decision", "Comment"}
	row := []string{"1111111111111111", "stale-account", "medium", "pra-prod", "account", "carlos.ruiz", "Keep", ""}
	withSheet := writeBook(t, map[string][][]string{
		"Campaign":  {{"Item", "Value"}, {"Campaign", "c0ffee0000000001"}, {"As of", "2025-11-22"}, {"Collected on", "2025-12-05"}},
		"Decisions": {head, row},
	}, "Campaign", "Decisions")
	older := writeBook(t, map[string][][]string{"Decisions": {head, row}}, "Decisions")
	f, err := excelize.OpenFile(older)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Created: "2025-08-22T00:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for path, want := range map[string]string{withSheet: "2025-11-22", older: "2025-08-22"} {
		run, err := Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if run.AsOf != want {
			t.Errorf("%s: as of %q, want %s", path, run.AsOf, want)
		}
	}
}
