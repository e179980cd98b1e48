package main

import (
	"fmt"
	"os"
	"slices"
	"sort"
)

// comparePair runs the base binary and the new one alternately on the set
// in dir (base, new, base, new, …: whatever else loads the machine falls
// on both alike), runs pairs of each, and prints per measure the medians
// and the median of the pairs' ratios (new ÷ base) with their range. It
// says false when a run failed, the findings differ from the planted
// counts, or the two JSON Lines are not byte-identical.
func comparePair(base, bin, dir string, accounts, runs int) bool {
	var olds, news []*result
	for i := 0; i < max(runs, 1); i++ {
		for _, side := range []struct {
			bin  string
			into *[]*result
		}{{base, &olds}, {bin, &news}} {
			r, err := runReview(side.bin, dir)
			if err != nil {
				fmt.Fprintf(os.Stderr, "e2e: %d accounts, %s: %v\n", accounts, side.bin, err)
				return false
			}
			*side.into = append(*side.into, r)
			fmt.Fprintf(os.Stderr, "%d accounts, %s: %.1fs, %d MiB\n", accounts, side.bin, r.wall.Seconds(), r.rss>>20)
		}
	}
	fmt.Printf("\n%d accounts (%s), %d pairs, base %s, new %s:\n\n", accounts, dir, len(news), base, bin)
	fmt.Println("| measure | base (median) | new (median) | new ÷ base (median of pairs) | pairs' range |")
	fmt.Println("|---|---:|---:|---:|---|")
	row := func(name string, get func(*result) float64, unit string) {
		var a, b, ratios []float64
		for i := range news {
			x, y := get(olds[i]), get(news[i])
			a, b = append(a, x), append(b, y)
			if x > 0 {
				ratios = append(ratios, y/x)
			}
		}
		if len(ratios) == 0 {
			return
		}
		lo, hi := slices.Min(ratios), slices.Max(ratios)
		fmt.Printf("| %s | %s | %s | **%.2f** | %.2f–%.2f |\n", name, fmtUnit(median(a), unit), fmtUnit(median(b), unit), median(ratios), lo, hi)
	}
	row("wall", func(r *result) float64 { return r.wall.Seconds() }, "s")
	row("CPU (user + sys)", func(r *result) float64 { return r.cpu.Seconds() }, "s")
	row("peak RSS", func(r *result) float64 { return float64(r.rss >> 20) }, "MiB")
	for _, st := range []string{"read", "facts", "rules", "write"} {
		row(st, func(r *result) float64 { return r.stages[st].Seconds() }, "s")
	}
	ok := true
	for i := range news {
		for _, r := range []*result{olds[i], news[i]} {
			if r.mismatch != "" {
				fmt.Printf("\ncounts differ from the planted ones: %s\n", r.mismatch)
				ok = false
			}
		}
		if olds[i].jsonl != news[i].jsonl {
			fmt.Printf("\nJSON Lines differ (pair %d): base %s, new %s\n", i+1, olds[i].jsonl[:12], news[i].jsonl[:12])
			ok = false
		}
	}
	if ok {
		fmt.Printf("\nFindings: %d, counts match, JSON Lines byte-identical in every pair.\n", news[0].findings)
	}
	return ok
}

func median(v []float64) float64 {
	w := append([]float64(nil), v...)
	sort.Float64s(w)
	if len(w)%2 == 1 {
		return w[len(w)/2]
	}
	return (w[len(w)/2-1] + w[len(w)/2]) / 2
}

func fmtUnit(v float64, unit string) string {
	if unit == "MiB" {
		return fmt.Sprintf("%.0f MiB", v)
	}
	return fmt.Sprintf("%.2f %s", v, unit)
}
