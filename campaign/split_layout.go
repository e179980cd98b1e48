package campaign

import "github.com/review-tool/review/internal/layout"

// The layout of a reviewer's workbook that collect reads back: sheet names,
// the hidden column, and the labels of the Instructions sheet's column A,
// by which values are found (never by row, so that a later version may add
// rows).
const (
	SheetInstructions = "Instructions"
	SheetFindings     = "Findings"
	HeaderFingerprint = "Fingerprint"

	LabelCampaign    = "Campaign"
	LabelReviewer    = "Reviewer"
	LabelAsOf        = layout.CampaignAsOf // also the decisions workbook's Campaign sheet's
	LabelFindings    = "Findings"
	LabelReturnTo    = "Return to"
	LabelSignedOffBy = "Signed off by"
	LabelSignedOffOn = "Signed off on"
	LabelStatement   = "Statement"

	// Statement is what a reviewer signs.
	Statement = "I have reviewed every finding in this workbook and my decisions are recorded above."
	// DefaultReturnTo is where a workbook goes back when neither
	// --return-to nor the config file's campaign: return_to: says.
	DefaultReturnTo = "the person who sent you this workbook"
	// FileName is the campaign file written beside the workbooks.
	FileName = "campaign.json"
)
