// Package wholefile reads a file that is parsed whole (--config,
// --exceptions, campaign.json, the .rego files of --rules) within one
// bound. It sits below every package that reads such a file, the engine
// too, so that the bound is written once and pulls in no reader.
package wholefile

import (
	"io"
	"os"

	"github.com/review-tool/review/internal/inputerr"
)

// MaxWhole bounds a file that is read whole before it is parsed: --config,
// --exceptions, campaign.json and the .rego files of --rules. A parser of
// such a file holds all of it, and several times its size as a tree, so a
// crafted or mistaken one (a log named config.yaml) must not take the
// memory with it. The largest real one, a config mapping 200,000
// controls, is under 10 MiB.
const MaxWhole = 64 << 20

// maxWhole is MaxWhole, lower in a test.
var maxWhole int64 = MaxWhole

// Read reads the file at path whole, refusing one past MaxWhole with an
// input error (exit 2) that names it; expected says what the file should
// be, for that message. A missing file keeps its os error.
func Read(path, expected string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxWhole+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxWhole {
		return nil, inputerr.New("%s: found a file of more than %d MiB, expected %s", path, maxWhole>>20, expected)
	}
	return data, nil
}
