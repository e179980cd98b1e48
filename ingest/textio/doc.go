// Package textio turns the bytes of a text file into checked UTF-8: byte
// order marks, UTF-16 with or without one, the legacy 8-bit encodings a user
// states with --encoding, and the line and column (Place) that error messages
// name. A bad byte stops the text with a *TextError, which In turns into the
// positioned located.Error readers report; nothing here knows what the text holds.
package textio
