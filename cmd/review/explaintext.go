package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/review-tool/review/internal/model"
	"github.com/review-tool/review/product"
)

// writeExplanation writes review explain's answer as text: one block per
// account, each fitting a screen. What the exports do not state is said
// so ("not stated"), never shown as no.
func writeExplanation(w io.Writer, user, asOf string, accounts []model.Explanation) error {
	var b strings.Builder
	if len(accounts) > 1 {
		var where []string
		for _, a := range accounts {
			where = append(where, a.Entity+" on "+a.Source)
		}
		fmt.Fprintf(&b, "%s: %d accounts: %s (--source S shows one source's)\n\n", user, len(accounts), strings.Join(where, ", "))
	}
	for i, a := range accounts {
		if i > 0 {
			b.WriteString("\n")
		}
		writeAccount(&b, asOf, &a)
	}
	// Columns of tabwriter leave spaces after an empty last cell.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

func writeAccount(b *strings.Builder, asOf string, a *model.Explanation) {
	fmt.Fprintf(b, "%s on %s (%s)\n", a.Username, a.Source, a.Product)
	t := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(t, "  %s\t%s\n", k, v) }
	if a.Entity != a.Username {
		row("Named in findings", a.Entity)
	}
	row("Display name", orNotStated(a.DisplayName))
	row("Email", orNotStated(a.Email))
	kind := "account"
	if a.Kind == "vendor-user" {
		kind = "vendor user"
	}
	row("Kind", kind)
	provider := orNotStated(a.Provider)
	if a.ProviderType != "" {
		provider += " (" + a.ProviderType + ")"
	}
	row("Provider", provider)
	row("Enabled", yesNo(a.Enabled))
	row("Created", orNotStated(a.Created))
	last := "never (or not stated)"
	if a.LastAuthentication != "" {
		last = a.LastAuthentication
		if a.DaysSinceLastAuth != nil {
			last += fmt.Sprintf(" (%s before %s)", plural(int(*a.DaysSinceLastAuth), "day"), asOf)
		}
	}
	row("Last authentication", last)
	row("Administrator", yesNo(a.Administrator))
	row("Two-factor", yesNo(a.TwoFactor))
	if a.AccountExpired {
		row("Account expired", "yes")
	}
	if a.Quarantined != nil || a.UserType != "" {
		row("Quarantined", yesNo(a.Quarantined))
		row("User type", orNotStated(a.UserType))
	}
	if v := a.Vendor; v != nil {
		expires := "not stated"
		if v.AccountExpirationDays != nil {
			expires = fmt.Sprintf("%d days", *v.AccountExpirationDays)
		}
		approval := "not stated"
		if v.UserApprovalEnabled != nil {
			approval = map[bool]string{true: "required", false: "not required"}[*v.UserApprovalEnabled]
		}
		row("Vendor group", fmt.Sprintf("%s: accounts expire after %s; approval of new users %s", v.Name, expires, approval))
	}
	t.Flush()

	section(b, "Memberships, and how each is held", len(a.Memberships))
	for _, m := range a.Memberships {
		role := ""
		if m.Role != "" {
			role = "role " + m.Role
		}
		fmt.Fprintf(t, "  %s\t%s\t%s\t%s\n", strings.ReplaceAll(m.Kind, "-", " "), m.Group, m.How, role)
	}
	t.Flush()
	if a.Product == product.PRA || len(a.JumpGroups) > 0 {
		knownSection(b, "Jump Groups reached", len(a.JumpGroups), a.JumpGroupsKnown, "no Jump Group export")
		for _, g := range a.JumpGroups {
			fmt.Fprintf(t, "  %s\t%s\t%s\n", g.Group, orNotStated(g.Role), g.How)
		}
		t.Flush()
	}
	if a.JumpItemsKnown || len(a.JumpItems) > 0 {
		knownSection(b, "Jump Items reached, and the Jump Policy in force", len(a.JumpItems), a.JumpItemsKnown, "no Jump Item export")
		for _, j := range a.JumpItems {
			group := j.JumpGroup
			if group == "" {
				group = "(personal)"
			}
			policy := "no Jump Policy"
			switch {
			case j.SetOn == "unknown":
				policy = "Jump Policy not known (the membership's is not exported)"
			case j.Policy != "":
				policy = "Jump Policy " + j.Policy + " (set on the " + j.SetOn + ")"
			}
			session, host := "no session policy", j.Host
			if host == "" {
				host = "no host"
			}
			if j.SessionPolicy != "" {
				session = "session policy " + j.SessionPolicy
			}
			fmt.Fprintf(t, "  %s\t%s (%s)\t%s\t%s\t%s\t%s\n", group, j.Item, j.Type, host, policy, session, "through "+j.Path)
		}
		t.Flush()
	}
	if a.Product == product.PasswordSafe || len(a.SmartRules) > 0 {
		knownSection(b, "Smart Rules reached", len(a.SmartRules), a.SmartRulesKnown, "no entitlements or Smart Rule roles export")
		for _, r := range a.SmartRules {
			fmt.Fprintf(t, "  %s\t%s\taccess %s\tthrough user group %s (%s)\n", r.SmartRule, r.Role, orNotStated(r.AccessLevel), r.Group, r.Via)
		}
		t.Flush()
	}
	b.WriteString("Person\n")
	if p := a.Person; p == nil {
		b.WriteString("  none: no roster row, email or UPN-like username ties the account to a person\n")
	} else {
		row("Person", p.Key)
		if p.Terminated != nil {
			status := orNotStated(p.Status)
			if *p.Terminated && p.Status != "terminated" {
				status += " (terminated by the review date)"
			}
			row("Roster name", orNotStated(p.Name))
			row("Roster status", status)
			if p.TerminationDate != "" {
				row("Termination date", p.TerminationDate)
			}
			row("Manager", orNotStated(p.Manager))
		} else if p.RosterGiven {
			row("Roster", "no row for this person")
		} else {
			row("Roster", "none given (--roster): who the person is and whether they left is not known")
		}
		t.Flush()
		if len(a.OtherAccounts) == 0 {
			b.WriteString("  Other accounts: none\n")
		} else {
			b.WriteString("  Other accounts:\n")
			for _, o := range a.OtherAccounts {
				enabled := "enabled"
				switch {
				case o.Enabled == nil:
					enabled = "enabled not stated"
				case !*o.Enabled:
					enabled = "disabled"
				}
				fmt.Fprintf(t, "    %s\t%s\t%s\t%s\n", o.Source, o.Product, o.Username, enabled)
			}
			t.Flush()
		}
	}
	writeActivity(b, asOf, a)
	section(b, "Findings", len(a.Findings))
	for _, f := range a.Findings {
		status := ""
		if f.Status != "" && f.Status != model.StatusNew {
			status = " [" + f.Status + "]"
		}
		fmt.Fprintf(b, "  %s  %s: %s%s\n", f.Severity, f.Rule, f.Title, status)
		if f.Detail != "" {
			fmt.Fprintf(b, "        %s\n", f.Detail)
		}
	}
}

// writeActivity writes the account's sessions and activity: the figures,
// its last records, and every record after its person's termination.
// A kind of report the source did not give is "not known", not "none".
func writeActivity(b *strings.Builder, asOf string, a *model.Explanation) {
	const title = "Sessions and activity"
	x := a.Activity
	if x == nil {
		fmt.Fprintf(b, "%s: not known (the source gave no session or activity report)\n", title)
		return
	}
	b.WriteString(title + "\n")
	t := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	row := func(k, v string) { fmt.Fprintf(t, "  %s\t%s\n", k, v) }
	remote := a.Product == product.PRA || a.Product == product.RS
	if x.SessionsKnown || remote {
		if x.SessionsKnown {
			row("Last session", orNone(x.LastSession))
			row("Sessions", fmt.Sprintf("%d (%d in the %s to %s; %d open)", x.Sessions, x.SessionsInWindow,
				plural(int(x.StaleDays), "day"), asOf, x.OpenSessions))
		} else {
			row("Sessions", "not known (no session report)")
		}
	}
	if x.VaultKnown || remote {
		row("Last Vault activity", knownOrNone(x.VaultKnown, x.LastVaultActivity, "no Vault activity report"))
	}
	if x.PasswordSafeKnown || a.Product == product.PasswordSafe {
		row("Last Password Safe activity", knownOrNone(x.PasswordSafeKnown, x.LastPasswordSafeActivity, "no UserAudits or Sessions export"))
	}
	if x.TerminationDate != "" {
		row("Termination date", x.TerminationDate)
	}
	t.Flush()
	if len(x.Last) == 0 {
		b.WriteString("  Last sessions and activity: none\n")
	} else {
		fmt.Fprintf(b, "  Last sessions and activity (%d), newest first:\n", len(x.Last))
		writeRecords(t, x.Last)
	}
	if x.TerminationDate == "" {
		if p := a.Person; p != nil && p.Terminated != nil && *p.Terminated {
			b.WriteString("  After termination: not known (the roster gives no termination date)\n")
		}
		return
	}
	if len(x.AfterTermination) == 0 {
		fmt.Fprintf(b, "  After termination (%s): none after termination\n", x.TerminationDate)
		return
	}
	fmt.Fprintf(b, "  After termination (%s): %s, oldest first:\n", x.TerminationDate, countKinds(x.AfterTermination))
	writeRecords(t, x.AfterTermination)
}

// writeRecords writes one line per session or activity record: what it
// is, its id, when, until when (or open), where, and what happened.
func writeRecords(t *tabwriter.Writer, rs []model.ExplainedActivityRecord) {
	for _, r := range rs {
		start := r.Start
		if start == "" {
			start = "time not stated"
		}
		end := ""
		switch {
		case r.Open:
			end = "open"
		case r.End != "":
			end = "to " + r.End
		}
		var what []string
		if r.JumpGroup != "" {
			what = append(what, "Jump Group "+r.JumpGroup)
		}
		where := r.Endpoint
		switch r.Kind {
		case "vault":
			where = ""
			what = append(what, r.Event)
			if r.LSID != "" {
				what = append(what, "in session "+r.LSID)
			}
		case "ps-session", "ps-audit": // a session's status in words (02_activity.sql), an audit's action
			what = append(what, r.Event)
		}
		fmt.Fprintf(t, "    %s\t%s\t%s\t%s\t%s\t%s\n", recordKinds[r.Kind], r.Record, start, end, where, strings.Join(nonEmpty(what), ", "))
	}
	t.Flush()
}

// recordKinds name the kinds of activity records.
var recordKinds = map[string]string{"session": "session", "vault": "Vault event",
	"ps-audit": "Password Safe audit", "ps-session": "Password Safe session"}

// countKinds counts records by kind: "2 sessions, 1 Vault event".
func countKinds(rs []model.ExplainedActivityRecord) string {
	var sessions, vault, ps int
	for _, r := range rs {
		switch r.Kind {
		case "session":
			sessions++
		case "vault":
			vault++
		default:
			ps++
		}
	}
	var out []string
	if sessions > 0 {
		out = append(out, plural(sessions, "session"))
	}
	if vault > 0 {
		out = append(out, plural(vault, "Vault event"))
	}
	if ps > 0 {
		out = append(out, plural(ps, "Password Safe record"))
	}
	return strings.Join(out, ", ")
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// knownOrNone is a time of a kind of report: "none" when the report was
// given and holds nothing of the account, "not known (why)" when not.
func knownOrNone(known bool, v, why string) string {
	if !known {
		return "not known (" + why + ")"
	}
	return orNone(v)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// section writes a section's heading, with "none" when it is empty.
// knownSection is section for a list the source may not have exported:
// an empty one is "not known" then, not "none".
func knownSection(b *strings.Builder, title string, n int, known bool, why string) {
	if n == 0 && !known {
		fmt.Fprintf(b, "%s: not known (%s)\n", title, why)
		return
	}
	section(b, title, n)
}

func section(b *strings.Builder, title string, n int) {
	if n == 0 {
		fmt.Fprintf(b, "%s: none\n", title)
		return
	}
	fmt.Fprintf(b, "%s (%d)\n", title, n)
}

func yesNo(v *bool) string {
	switch {
	case v == nil:
		return "not stated"
	case *v:
		return "yes"
	}
	return "no"
}

func orNotStated(s string) string {
	if s == "" {
		return "not stated"
	}
	return s
}
