package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

// hintCommands are the commands whose flags a hint may name: commands,
// set in init, since the commands' own flag errors lead here.
var hintCommands []*command

func init() { hintCommands = commands }

// flagHint says what a mistyped flag was probably meant to be: another
// command's flag ("--parquet is a flag of review ingest"), or the
// command's own flag closest to it in spelling ("did you mean --as-of?").
// "" when neither fits.
func flagHint(fs *pflag.FlagSet, err error) string {
	name, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok || name == "" {
		return ""
	}
	if best, d := closestFlag(fs, name); best != "" && d <= max(1, len(name)/4) {
		return fmt.Sprintf(" (did you mean --%s?)", best)
	}
	var owners []string
	for _, c := range hintCommands {
		if c.flags == nil || "review "+c.name == fs.Name() {
			continue
		}
		other := pflag.NewFlagSet(c.name, pflag.ContinueOnError)
		c.flags(other)
		if other.Lookup(name) != nil {
			owners = append(owners, "review "+c.name)
		}
	}
	if len(owners) > 0 {
		return fmt.Sprintf(" (--%s is a flag of %s, not of %s)", name, strings.Join(owners, " and "), fs.Name())
	}
	return ""
}

// closestFlag is the flag of fs whose name is fewest edits from name, and
// how many; the first in the set's order on a tie.
func closestFlag(fs *pflag.FlagSet, name string) (string, int) {
	best, bestD := "", -1
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if d := editDistance(name, f.Name); bestD < 0 || d < bestD {
			best, bestD = f.Name, d
		}
	})
	return best, bestD
}

// editDistance is the Levenshtein distance between a and b, by bytes
// (flag names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
