package xlsx

import (
	"github.com/xuri/excelize/v2"

	"github.com/review-tool/review/internal/model"
)

// severityColours are the fill and font colours of each severity: the
// severity cells on every sheet and the bars of the Summary's chart use the
// same, so that red means high wherever a reader looks.
var severityColours = map[model.Severity]struct{ fill, font string }{
	model.High:   {"FFC7CE", "9C0006"}, // red
	model.Medium: {"FFEB9C", "9C5700"}, // amber
	model.Low:    {"D9D9D9", "3F3F3F"}, // grey
}

// summaryStyles are the styles only the Summary uses.
type summaryStyles struct {
	title     int
	section   int // a section's title
	headText  int // header of a text column: left, like its text
	headNum   int // header of a number column: right, like its numbers
	headSev   map[model.Severity]int
	bold      int
	count     int
	boldCount int
	date      int
	link      int
	note      int
	sentence  int // a coverage sentence, wrapped over the merged row
	day       int // a date in a table's column: right, like the numbers beside it
	right     int // text in a column of numbers: right, like them
	boldRight int
	// countGap is a count with text right after it in the next column:
	// a character's room keeps "4" and "listed on …" apart on paper.
	countGap int
}

func newSummaryStyles(f *excelize.File) (*summaryStyles, error) {
	var st summaryStyles
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	// The workbook's own font, named: a style without a font name prints
	// in LibreOffice's default serif.
	const font = "Calibri"
	underline := []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}
	left := &excelize.Alignment{Horizontal: "left"}
	right := &excelize.Alignment{Horizontal: "right"}
	st.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Family: font}})
	st.section = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Family: font}})
	st.headText = add(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font}, Border: underline, Alignment: left})
	st.headNum = add(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font}, Border: underline, Alignment: right})
	st.headSev = map[model.Severity]int{}
	for _, sev := range []model.Severity{model.High, model.Medium, model.Low} {
		c := severityColours[sev]
		st.headSev[sev] = add(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Color: c.font, Family: font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
			Border:    underline,
			Alignment: right,
		})
	}
	st.bold = add(&excelize.Style{Font: &excelize.Font{Bold: true, Family: font}})
	st.count = add(&excelize.Style{NumFmt: 3, Alignment: right}) // #,##0
	st.boldCount = add(&excelize.Style{NumFmt: 3, Alignment: right, Font: &excelize.Font{Bold: true, Family: font}})
	dateFmt := "yyyy-mm-dd"
	st.date = add(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: left})
	st.link = add(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single", Family: font}})
	st.note = add(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "595959", Family: font}})
	st.sentence = add(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	st.day = add(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: right})
	st.right = add(&excelize.Style{Alignment: right})
	st.boldRight = add(&excelize.Style{Alignment: right, Font: &excelize.Font{Bold: true, Family: font}})
	st.countGap = add(&excelize.Style{NumFmt: 3, Alignment: &excelize.Alignment{Horizontal: "right", Indent: 1}})
	return &st, err
}
