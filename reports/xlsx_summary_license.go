package reports

// licenseHeadline is the Summary's license section, in the right pane
// under the act-first list: the License True-Up's totals per currency
// (licenseHeadlineRows), so the two sheets cannot disagree.
func (s *summary) licenseHeadline() {
	for _, row := range s.licenseHeadlineRows() {
		s.put(row...)
	}
}
