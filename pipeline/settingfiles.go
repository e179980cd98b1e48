package pipeline

import (
	"fmt"

	"github.com/review-tool/review/internal/digest"
	"github.com/review-tool/review/internal/model"
)

// hashedSettings are the files that set how the review reads its findings
// (--config, --previous-db, the kept database a run reviews; the --previous file is listed by the
// comparison that reads it), as inputs with their SHA-256 and
// size, so that the Evidence sheet and the manifest say which ones went in.
func hashedSettings(cfg *Config) ([]model.InputFile, error) {
	var out []model.InputFile
	for _, f := range []struct{ flag, kind, path string }{
		{"--config", "config", cfg.ConfigFile},
		{"--previous-db", "previous-db", cfg.PreviousDB},
		{"--db", "database", cfg.FromDatabase},
	} {
		if f.path == "" {
			continue
		}
		sum, n, err := digest.File(f.path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.flag, err)
		}
		out = append(out, model.InputFile{Kind: f.kind, Path: f.path, SHA256: sum, Bytes: n})
	}
	return out, nil
}
