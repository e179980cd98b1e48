// Package views reads what the workbook's sheets and explain show from the
// database: the Accounts, Group Policies, People and License True-Up rows,
// the access changes against a previous run, and an account explained.
// Each joins the facts (package facts) with the run's findings as package
// findings stored them, in SQL: the flow is one way, ingest → facts →
// engine → findings → views → reports, and no view counts findings in Go.
package views
