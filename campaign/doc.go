// Package campaign is the review campaign run offline (docs/campaign.md):
// a run's findings split into one workbook per reviewer with campaign.json
// beside them, and review collect, which reads the returned workbooks
// back, checks them against the campaign they came from and consolidates
// the decisions. It sits below the writers: it knows findings
// (internal/model), not the pipeline.
//
//   - split.go: the findings per reviewer and the workbook each gets;
//     split_layout.go, the reviewer's workbook's sheets and labels as
//     collect reads them back (reports/xlsx writes it).
//   - identity.go: what both sides must agree on: a finding's
//     fingerprint, the campaign id, the workbooks' file names.
//   - campaign_file.go: campaign.json, sealed by its own fingerprint.
//   - collect.go, collect_workbook.go: a returned workbook read by header
//     (internal/xlsxread) and checked; the decisions consolidated.
//   - decisions.go, decisions_xlsx.go, decisions_jsonl.go: the decisions
//     a reviewer can take, the decisions workbook and decisions.jsonl.
//   - actions.go: the revoke action each rule's finding asks of an
//     administrator.
package campaign
