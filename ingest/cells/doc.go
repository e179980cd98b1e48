// Package cells parses the values in one cell of an input table: dates and
// times (with the --date-order that NN/NN/YYYY needs), booleans, lists, and
// the check for control characters. Each parser says what it expected, in
// the words error messages use, so that a reader only adds the place.
package cells
