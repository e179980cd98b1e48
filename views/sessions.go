package views

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/review-tool/review/internal/model"
)

// afterTermination is the SQL condition that a record at time t falls after
// the termination date d: on a later calendar day (UTC). It is the test
// facts/sql/03_offboarding.sql applies for the offboarding rules; the
// views that list records (Sessions, explain) use this one copy of it.
func afterTermination(t, d string) string {
	return "CAST(" + t + " AS DATE) > " + d
}

// sessionRows is every session, Vault and Password Safe record with what
// the Sessions sheet shows of it (docs/outputs.md): its account, that
// account's person and their roster dates, and whether it matters when the
// sheet cannot list them all: a leaver's, an open one, one after the
// account expired, or one of an actor that matches no account.
var sessionRows = `SELECT x.rid, x.source, s.product,
    CASE x.kind WHEN 'session' THEN 'session' WHEN 'vault' THEN 'vault activity'
        WHEN 'ps-audit' THEN 'password safe audit' ELSE 'password safe session' END AS kind,
    coalesce(x.lsid, x.record, '') AS id, x.event_time, x.end_time, x.open,
    CASE WHEN x.end_time IS NOT NULL AND x.event_time IS NOT NULL
        THEN (epoch(x.end_time) - epoch(x.event_time))::BIGINT END AS seconds,
    CASE WHEN x.akey IS NOT NULL THEN a.username WHEN x.match = 'none' THEN 'no representative'
        WHEN x.match = 'other' THEN 'not a user' ELSE x.match END AS account,
    coalesce(x.actor, CASE WHEN x.actor_id IS NOT NULL THEN '#' || x.actor_id::VARCHAR END, '') AS actor,
    coalesce(a.person, '') AS person, coalesce(a.roster_status, '') AS person_status,
    a.roster_termination_date AS termination_date,
    coalesce(x.endpoint, '') AS endpoint, coalesce(x.jump_group, '') AS jump_group,
    CASE WHEN x.kind = 'session' THEN CASE x.owner WHEN true THEN 'owner' WHEN false THEN 'member' ELSE '' END ELSE '' END AS role,
    coalesce(x.event, '') AS event,
    CASE WHEN a.roster_termination_date IS NOT NULL AND x.event_time IS NOT NULL
            THEN CASE WHEN ` + afterTermination("x.event_time", "a.roster_termination_date") + ` THEN 'yes' ELSE 'no' END
        WHEN a.roster_terminated THEN 'not comparable'
        WHEN a.roster_email IS NOT NULL THEN 'no'
        ELSE '' END AS after_termination,
    coalesce(a.roster_terminated, false) AS leaver,
    coalesce(a.roster_terminated, false) OR x.open OR x.match IN ('unknown', 'ambiguous')
        OR (a.account_expiration IS NOT NULL AND x.event_time > a.account_expiration) AS matters
FROM activity x
JOIN sources s ON s.source = x.source
LEFT JOIN account_facts a ON a.akey = x.akey`

// sessionOrder is the Sessions sheet's order: leavers first, then the
// newest first, then as the reports listed them.
const sessionOrder = ` ORDER BY leaver DESC, event_time DESC NULLS LAST, rid`

// BuildActivity reads what the session and activity reports showed: nil
// when the run read none. The sheet lists every record up to sheetMax
// (sessions_sheet_max), and above it only those that matter.
func BuildActivity(ctx context.Context, db *sql.DB, sheetMax int64) (*model.Activity, error) {
	var files int64
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM input_files WHERE kind IN (SELECT kind FROM activity_kinds)`).Scan(&files); err != nil {
		return nil, fmt.Errorf("activity: %w", err)
	}
	if files == 0 {
		return nil, nil
	}
	a := &model.Activity{SheetMax: sheetMax}
	var matters int64
	err := db.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE matters) FROM (`+sessionRows+`)`).Scan(&a.Records, &matters)
	if err != nil {
		return nil, fmt.Errorf("activity: sessions: %w", err)
	}
	a.SessionRows, a.Cut = a.Records, a.Records > sheetMax
	query := `SELECT * EXCLUDE (rid, leaver, matters) FROM (` + sessionRows + `)`
	if a.Cut {
		a.SessionRows = matters
		query += ` WHERE matters`
	}
	query += sessionOrder
	a.Sessions = func(fn func(*model.SessionRow) error) error { return readSessions(ctx, db, query, fn) }
	if a.Windows, err = activityWindows(ctx, db); err != nil {
		return nil, err
	}
	return a, nil
}

// BuildLeavers reads the leavers who got in after leaving, and those who
// cannot be compared: nil without a roster. The findings must be stored.
func BuildLeavers(ctx context.Context, db *sql.DB) (*model.Leavers, error) {
	var roster bool
	if err := db.QueryRowContext(ctx, `SELECT has_roster FROM run`).Scan(&roster); err != nil {
		return nil, fmt.Errorf("leavers: %w", err)
	}
	if !roster {
		return nil, nil
	}
	l := &model.Leavers{}
	var err error
	if l.Used, err = leaversWhoGotIn(ctx, db); err != nil {
		return nil, err
	}
	if l.NotComparable, err = notComparable(ctx, db); err != nil {
		return nil, err
	}
	return l, nil
}

// readSessions streams the Sessions sheet's rows: at a million accounts a
// quarter holds millions of sessions.
func readSessions(ctx context.Context, db *sql.DB, query string, fn func(*model.SessionRow) error) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return fmt.Errorf("sessions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r model.SessionRow
		var start, end, terminated sql.NullTime
		var seconds sql.NullInt64
		if err := rows.Scan(&r.Source, &r.Product, &r.Kind, &r.ID, &start, &end, &r.Open, &seconds, &r.Account, &r.Actor,
			&r.Person, &r.PersonStatus, &terminated, &r.Endpoint, &r.JumpGroup, &r.Role, &r.Event, &r.AfterTermination); err != nil {
			return fmt.Errorf("sessions: %w", err)
		}
		r.Start, r.End, r.TerminationDate = utcOf(start), utcOf(end), utcOf(terminated)
		if seconds.Valid {
			s := seconds.Int64
			r.Seconds = &s
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// utcOf is a nullable time in UTC, zero when NULL.
func utcOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// activityWindows are, per source and kind of report, the files, the rows
// read and the first and last start they hold: what an auditor checks the
// reports cover the quarter with. An empty report counts as a file of no
// rows.
func activityWindows(ctx context.Context, db *sql.DB) ([]model.ActivityWindow, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT f.source, f.kind, count(*), coalesce(sum(f.rows_read), 0)::BIGINT, min(w.earliest), max(w.latest)
		FROM input_files f
		LEFT JOIN (SELECT file_id, min(event_time) AS earliest, max(event_time) AS latest FROM activity GROUP BY file_id) w
			ON w.file_id = f.file_id
		WHERE f.kind IN (SELECT kind FROM activity_kinds)
		GROUP BY f.source, f.kind
		ORDER BY f.source, f.kind`)
	if err != nil {
		return nil, fmt.Errorf("activity windows: %w", err)
	}
	defer rows.Close()
	var out []model.ActivityWindow
	for rows.Next() {
		var w model.ActivityWindow
		var earliest, latest sql.NullTime
		if err := rows.Scan(&w.Source, &w.Kind, &w.Files, &w.Rows, &earliest, &latest); err != nil {
			return nil, fmt.Errorf("activity windows: %w", err)
		}
		w.Earliest, w.Latest = utcOf(earliest), utcOf(latest)
		out = append(out, w)
	}
	return out, rows.Err()
}

// usedAfterLeaving are the rules whose findings say access was used after
// the person's termination date: the Summary's leavers who got in.
var usedAfterLeaving = []any{"login-after-termination", "session-after-termination",
	"vault-activity-after-termination", "password-safe-activity-after-termination"}

// leaversWhoGotIn are the people with a finding of usedAfterLeaving on an
// account of theirs (an account without a person key stands for itself),
// with what their accounts did after leaving: most sessions first.
func leaversWhoGotIn(ctx context.Context, db *sql.DB) ([]model.LeaverUse, error) {
	rows, err := db.QueryContext(ctx, `
		WITH used AS (
			SELECT DISTINCT a.akey, f.id
			FROM findings f JOIN account_facts a ON a.source = f.source AND lower(a.entity) = f.entity_key
			WHERE f.entity_type = 'account' AND f.rule IN (?, ?, ?, ?)
		), per_account AS (
			SELECT a.akey, coalesce(a.person, a.source || ': ' || a.entity) AS person,
				coalesce(a.roster_name, a.display_name, a.person, a.entity) AS name, a.roster_termination_date AS left_on,
				coalesce(o.sessions_after_termination.count, 0) AS sessions,
				coalesce(o.vault_after_termination.count, 0) + coalesce(o.ps_after_termination.count, 0) AS activity,
				CASE WHEN `+afterTermination("a.last_authentication", "a.roster_termination_date")+` THEN 1 ELSE 0 END AS login,
				greatest(CAST(o.sessions_after_termination.last.start AS TIMESTAMP), CAST(o.vault_after_termination.last.at AS TIMESTAMP),
					CAST(o.ps_after_termination.last.at AS TIMESTAMP),
					CASE WHEN `+afterTermination("a.last_authentication", "a.roster_termination_date")+` THEN a.last_authentication END) AS last_seen,
				(SELECT count(*) FROM used u WHERE u.akey = a.akey) AS findings
			FROM account_facts a LEFT JOIN account_offboarding o ON o.akey = a.akey
			WHERE a.akey IN (SELECT akey FROM used)
		)
		SELECT min(name), max(left_on), sum(sessions)::BIGINT, sum(activity)::BIGINT, sum(login)::BIGINT, max(last_seen), sum(findings)::BIGINT
		FROM per_account
		GROUP BY person
		ORDER BY sum(sessions) DESC, sum(activity) DESC, max(last_seen) DESC NULLS LAST, person`, usedAfterLeaving...)
	if err != nil {
		return nil, fmt.Errorf("leavers who got in: %w", err)
	}
	defer rows.Close()
	var out []model.LeaverUse
	for rows.Next() {
		var l model.LeaverUse
		var left, last sql.NullTime
		if err := rows.Scan(&l.Person, &left, &l.Sessions, &l.Activity, &l.Logins, &last, &l.Findings); err != nil {
			return nil, fmt.Errorf("leavers who got in: %w", err)
		}
		l.TerminationDate, l.LastSeen = utcOf(left), utcOf(last)
		out = append(out, l)
	}
	return out, rows.Err()
}

// notComparable are the people the roster says are terminated who have no
// termination date: what their accounts did cannot be compared with a
// last day (docs/rules.md, offboarding).
func notComparable(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT DISTINCT coalesce(roster_name, person)
		FROM account_facts
		WHERE roster_terminated AND roster_termination_date IS NULL
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("not comparable: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("not comparable: %w", err)
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

// OffboardingFacts are what the Offboarding sheet shows beside each of its
// findings about an account, by finding id: the person, their last day,
// the account's last authentication and last session or activity (and
// which report says it), its sessions after the last day and its open
// sessions.
func OffboardingFacts(ctx context.Context, db *sql.DB) (map[string]model.OffboardingFacts, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT f.id, coalesce(a.roster_name, a.person, ''), coalesce(a.roster_status, ''), a.roster_termination_date, a.last_authentication, a.last_activity,
			CASE WHEN a.last_activity IS NULL THEN ''
				WHEN a.last_activity = a.last_session THEN 'session report'
				WHEN a.last_activity = a.last_vault_activity THEN 'Vault activity report'
				ELSE 'Password Safe audits and sessions' END,
			CASE WHEN a.activity_known AND a.roster_termination_date IS NOT NULL
				THEN coalesce(o.sessions_after_termination.count, 0) END,
			CASE WHEN a.activity_known THEN a.open_sessions END
		FROM findings f
		JOIN account_facts a ON a.source = f.source AND lower(a.entity) = f.entity_key
		LEFT JOIN account_offboarding o ON o.akey = a.akey
		WHERE f.family = ? AND f.entity_type = ?`, model.FamilyOffboarding, model.EntityAccount)
	if err != nil {
		return nil, fmt.Errorf("offboarding: %w", err)
	}
	defer rows.Close()
	out := map[string]model.OffboardingFacts{}
	for rows.Next() {
		var id string
		var o model.OffboardingFacts
		var left, lastAuth, lastActivity sql.NullTime
		var after, open sql.NullInt64
		if err := rows.Scan(&id, &o.Person, &o.RosterStatus, &left, &lastAuth, &lastActivity, &o.LastActivitySource, &after, &open); err != nil {
			return nil, fmt.Errorf("offboarding: %w", err)
		}
		o.TerminationDate, o.LastAuthentication, o.LastActivity = utcOf(left), utcOf(lastAuth), utcOf(lastActivity)
		o.SessionsAfter, o.OpenSessions = intPtr(after), intPtr(open)
		out[id] = o
	}
	return out, rows.Err()
}
