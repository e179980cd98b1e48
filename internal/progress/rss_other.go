//go:build !unix

package progress

// PeakRSS is not measured here; the stage lines show 0.
func PeakRSS() int64 { return 0 }
