package model

// Source is one BeyondTrust site of one product, as the read found it.
type Source struct {
	Name    string
	Path    string
	Product string
	// Capabilities are the kinds and fields the source's files gave
	// (docs/facts.md); roster and licenses are added for every source.
	Capabilities map[string]bool
}

// Manifest is what was read: the sources, every file with its hash and
// counts, and what the read said about them. Ingest writes it; the facts
// stage, the kept database (review_manifest, as JSON: the field names are
// its format) and the Evidence sheet read it.
type Manifest struct {
	Sources  []*Source
	Files    []InputFile
	Roster   bool
	Licenses bool
	Warnings []string
	// Issues are the rows a lenient read kept out, by file, then line.
	Issues []IngestIssue
	// Archives are the zips sources were given as, for the Evidence sheet
	// (their entries are in Files).
	Archives []InputFile
	// Skipped are the files --skip-unknown passed over, recognised as
	// nothing, for the Evidence sheet.
	Skipped []InputFile
	// Complete are the paths of the files --complete declared whole, for
	// the page check and the Evidence sheet.
	Complete []string `json:",omitempty"`
}
