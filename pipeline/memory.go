package pipeline

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// memorySize is what a memory limit may be written as (DuckDB's own units).
var memorySize = regexp.MustCompile(`^(?i)\d+(\.\d+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$`)

// ValidMemoryLimit says s is a size DuckDB accepts as a memory limit, above
// zero, so that a command can refuse a bad one before reading anything.
func ValidMemoryLimit(s string) bool {
	n, _ := parseSize(s)
	return memorySize.MatchString(s) && n > 0
}

// defaultMemoryLimit is --memory-limit's default, in bytes.
const defaultMemoryLimit = 1536 << 20

// RulesShare is the part of --memory-limit the Go heap may hold while the
// rules are evaluated: two thirds of it, which is 1 GiB at the default
// 1536MB (the soft limit review always set). It is the line past which the
// engine stops a rule that holds the heap (engine.RuleMemoryError), and
// the command makes it the Go runtime's soft memory limit; 0 when no limit
// is given. DuckDB's own memory_limit is --memory-limit itself: the two
// are held at different times (DuckDB's most while the facts are built,
// Go's while the rules run and the workbook is written).
func RulesShare(limit string) uint64 {
	n, ok := parseSize(limit)
	if !ok || n <= 0 {
		return 0
	}
	return uint64(n * 2 / 3)
}

// suggestLimit proposes a --memory-limit past one that was too small:
// the default, or twice the limit when that is more.
func suggestLimit(limit string) string {
	n, ok := parseSize(limit)
	if !ok {
		return "4GB"
	}
	if 2*n <= defaultMemoryLimit {
		return "1536MB (the default)"
	}
	return fmt.Sprintf("%dGB", int64(math.Ceil(2*n/(1<<30))))
}

// parseSize reads a size --memory-limit accepts (memorySize), in bytes.
// DuckDB reads KB, MB… as powers of 1000 and KiB, MiB… as powers of 1024;
// the suggestion only needs to be big enough, so both are read as 1024.
func parseSize(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i <= 0 {
		return 0, false
	}
	n, err := strconv.ParseFloat(s[:i], 64)
	if err != nil {
		return 0, false
	}
	unit := strings.TrimSpace(s[i:])
	exp := map[string]int{"b": 0, "kb": 1, "kib": 1, "mb": 2, "mib": 2, "gb": 3, "gib": 3, "tb": 4, "tib": 4}
	e, ok := exp[unit]
	if !ok {
		return 0, false
	}
	return n * math.Pow(1024, float64(e)), true
}
