package xlsx

import (
	"hash/crc32"
	"sync"
)

// A zip entry records the CRC-32 of its whole content, but a spliced sheet
// part (zip.go) is compressed in pieces at different times: excelize's
// part before </sheetData>, the rows review encoded, the rest. Each piece's
// CRC is computed on its own and crc32Combine joins them.
//
// The CRC register, fed a zero bit, shifts right and, when the bit shifted
// out was set, adds the (reflected) polynomial: a linear map over GF(2).
// Feeding n zero bytes is that map to the power 8n, and
//
//	crc(a ‖ b) = zeros(len b)(crc(a)) ⊕ crc(b)
//
// for CRC-32 as zip computes it (the register starts at all ones and the
// result is inverted: the inversions cancel out). A map is held as the
// images of the 32 unit vectors; squaring it doubles the run of zeros.

// gf2Map is a linear map on 32-bit vectors over GF(2): m[i] is the image of
// bit i.
type gf2Map [32]uint32

func (m *gf2Map) apply(v uint32) uint32 {
	var r uint32
	for i := 0; v != 0; i, v = i+1, v>>1 {
		if v&1 != 0 {
			r ^= m[i]
		}
	}
	return r
}

// squared is m∘m.
func (m *gf2Map) squared() gf2Map {
	var s gf2Map
	for i := range m {
		s[i] = m.apply(m[i])
	}
	return s
}

// crcZeros[k] feeds 2^k zero bytes through the register.
var crcZeros = sync.OnceValue(func() *[64]gf2Map {
	var bit gf2Map // one zero bit
	bit[0] = crc32.IEEE
	for i := 1; i < 32; i++ {
		bit[i] = 1 << (i - 1)
	}
	var ops [64]gf2Map
	ops[0] = bit.squared() // two bits
	ops[0] = ops[0].squared()
	ops[0] = ops[0].squared() // eight bits: one byte
	for k := 1; k < len(ops); k++ {
		ops[k] = ops[k-1].squared()
	}
	return &ops
})

// crc32Combine is the CRC-32 (IEEE, as zip uses) of a ‖ b given crcA, the
// CRC-32 of a, and crcB, that of b, which is lenB bytes long.
func crc32Combine(crcA, crcB uint32, lenB int64) uint32 {
	if lenB <= 0 {
		return crcA ^ crcB // crcB is 0 then: the CRC of nothing
	}
	ops := crcZeros()
	for k := 0; lenB != 0; k, lenB = k+1, lenB>>1 {
		if lenB&1 != 0 {
			crcA = ops[k].apply(crcA)
		}
	}
	return crcA ^ crcB
}
