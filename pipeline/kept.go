package pipeline

import (
	_ "embed"
	"sync"

	"github.com/review-tool/review/internal/db"
)

// keptText is every table review writes into a database it keeps (review
// ingest --db, review run --db FILE SOURCES, with --previous too), with
// its columns' types. It is generated from real runs, not written by
// hand: go test ./pipeline -run TestKeptCatalogue -update.
//
//go:embed kept.tsv
var keptText string

// kept is keptText read, the catalogue a database review did not make in
// this run is held to before anything is read from it.
var kept = sync.OnceValue(func() db.Catalogue {
	c, err := db.ParseCatalogue(keptText)
	if err != nil {
		panic("pipeline/kept.tsv: " + err.Error()) // TestKeptCatalogue reads it
	}
	return c
})
