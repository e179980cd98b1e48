package textio

// sniffUTF16 tells UTF-16 text written without a byte order mark from its
// first bytes: a table or JSON export starts with ASCII (a header line, a
// bracket), which UTF-16 writes as a character byte beside a zero byte, so
// one half of the byte pairs is all zeros. UTF-8 text holds no zero byte at
// all, so it is never taken for UTF-16. head needs at least 4 pairs.
func sniffUTF16(head []byte) (Encoding, bool) {
	pairs := len(head) / 2
	if pairs > 256 {
		pairs = 256
	}
	if pairs < 4 {
		return "", false
	}
	var evenZero, oddZero int
	for i := 0; i < pairs; i++ {
		if head[2*i] == 0 {
			evenZero++
		}
		if head[2*i+1] == 0 {
			oddZero++
		}
	}
	// Most characters of a header are ASCII; a few may not be (a name with
	// an accent keeps its zero byte too, CJK does not), so 3 in 4 suffice.
	switch {
	case oddZero*4 >= pairs*3 && evenZero*10 <= pairs:
		return UTF16LE, true
	case evenZero*4 >= pairs*3 && oddZero*10 <= pairs:
		return UTF16BE, true
	}
	return "", false
}

// LooksUTF16 says whether a file's first bytes are UTF-16 text, with a byte
// order mark or told by its zero bytes, as DecodeText would read them: a
// caller cutting the head at a byte (a line end) must then cut at a whole
// character instead.
func LooksUTF16(head []byte) bool {
	if len(head) >= 2 && (head[0] == 0xFF && head[1] == 0xFE || head[0] == 0xFE && head[1] == 0xFF) {
		return true
	}
	_, ok := sniffUTF16(head[:min(len(head), 512)])
	return ok
}
