package views

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// An account's activity: its last ten records newest first (ties by rid),
// and every record on a later UTC day than its person's termination date,
// oldest first and not capped; an account whose source gave no session
// or activity report has none (nil: not known).
func TestExplainActivity(t *testing.T) {
	database := stored(t, nil, nil)
	ctx := context.Background()
	var values []string
	// Account 1: 14 sessions, one a day from 2025-10-01 (rid 1 to 14), its
	// person terminated on 2025-10-02; rid 15, a Vault event at the same
	// instant as the last session; rid 16, a session late on the
	// termination day. After termination: the 12 sessions from 2025-10-03
	// and the Vault event. Account 2's source gave no report.
	for i := 1; i <= 14; i++ {
		values = append(values, fmt.Sprintf("(%d, 1, 'session', 'lsid%02d', 'lsid%02d', TIMESTAMP '2025-10-%02d 09:00:00', NULL, %v, 'host', 'JG', NULL)",
			i, i, i, i, i == 14))
	}
	values = append(values, "(15, 1, 'vault', 'vault account 3', NULL, TIMESTAMP '2025-10-14 09:00:00', NULL, false, 'vault account 3', NULL, 'Credentials Used')",
		"(16, 1, 'session', 'late', 'late', TIMESTAMP '2025-10-02 23:59:59', NULL, false, 'host', 'JG', NULL)",
		"(17, 2, 'session', 'other', 'other', TIMESTAMP '2025-10-20 09:00:00', NULL, false, 'host', 'JG', NULL)")
	for _, q := range []string{
		`CREATE TABLE activity (rid BIGINT, akey BIGINT, kind VARCHAR, record VARCHAR, lsid VARCHAR, event_time TIMESTAMP,
			end_time TIMESTAMP, open BOOLEAN, endpoint VARCHAR, jump_group VARCHAR, event VARCHAR)`,
		`INSERT INTO activity VALUES ` + strings.Join(values, ", "),
		`CREATE TABLE account_facts AS SELECT * FROM (VALUES
			(1, 'pra', true, TIMESTAMP '2025-10-14 09:00:00', 5, 1, TIMESTAMP '2025-10-14 09:00:00', CAST(NULL AS TIMESTAMP), DATE '2025-10-02'),
			(2, 'rs', false, NULL, 0, 0, NULL, NULL, DATE '2025-10-02'))
			t(akey, source, activity_known, last_session, sessions_in_window, open_sessions, last_vault_activity, last_ps_activity, roster_termination_date)`,
		`CREATE TABLE account_activity AS SELECT 1 AS akey, 15 AS sessions`,
		`CREATE TABLE run AS SELECT 90 AS stale_days`,
		`CREATE TABLE capabilities AS SELECT * FROM (VALUES ('pra', 'sessions'), ('pra', 'vault_activity')) t(source, capability)`,
	} {
		if _, err := database.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	x, err := activity(ctx, database, 1)
	if err != nil {
		t.Fatal(err)
	}
	if x == nil {
		t.Fatal("account 1: no activity, want its sessions")
	}
	if !x.SessionsKnown || !x.VaultKnown || x.PasswordSafeKnown || x.Sessions != 15 || x.SessionsInWindow != 5 || x.OpenSessions != 1 ||
		x.StaleDays != 90 || x.LastSession != "2025-10-14T09:00:00Z" || x.LastVaultActivity != "2025-10-14T09:00:00Z" ||
		x.LastPasswordSafeActivity != "" || x.TerminationDate != "2025-10-02" {
		t.Errorf("figures: %+v", *x)
	}
	var last, after []string
	for _, r := range x.Last {
		last = append(last, r.Record)
	}
	for _, r := range x.AfterTermination {
		after = append(after, r.Record)
	}
	wantLast := "lsid14,vault account 3,lsid13,lsid12,lsid11,lsid10,lsid09,lsid08,lsid07,lsid06"
	if got := strings.Join(last, ","); got != wantLast {
		t.Errorf("last records %s, want %s (ten, newest first, ties by rid)", got, wantLast)
	}
	wantAfter := "lsid03,lsid04,lsid05,lsid06,lsid07,lsid08,lsid09,lsid10,lsid11,lsid12,lsid13,lsid14,vault account 3"
	if got := strings.Join(after, ","); got != wantAfter {
		t.Errorf("after termination %s, want %s (all 13, oldest first; not the termination day's)", got, wantAfter)
	}
	if r := x.Last[0]; r.Kind != "session" || r.LSID != "lsid14" || !r.Open || r.End != "" || r.Endpoint != "host" || r.JumpGroup != "JG" {
		t.Errorf("last record: %+v", r)
	}
	if r := x.Last[1]; r.Kind != "vault" || r.Event != "Credentials Used" || r.Start != "2025-10-14T09:00:00Z" {
		t.Errorf("Vault record: %+v", r)
	}
	if x, err := activity(ctx, database, 2); err != nil || x != nil {
		t.Errorf("account 2, of a source without activity reports: %+v, %v; want nil (not known)", x, err)
	}
}
