package activity

import (
	"encoding/json"
	"testing"
)

// extra keeps every value: a path met twice becomes a list, in the order
// met, and the JSON is valid whatever the text (quotes, control
// characters, & kept as it is).
func TestExtraObject(t *testing.T) {
	var x extra
	x.add("customer_list/customer/hostname", "a & b")
	x.add("@gsnumber", "40")
	x.add("customer_list/customer/hostname", "c\"d\n\x01")
	x.add("customer_list/customer/hostname", "é")
	got := x.object()
	want := `{"customer_list/customer/hostname":["a & b","c\"d\n\u0001","é"],"@gsnumber":"40"}`
	if got != want || !json.Valid([]byte(got)) {
		t.Errorf("object = %s\nwant %s", got, want)
	}
	var y extra
	y.merge("representative", &x)
	if got := y.object(); got != `{"representative/customer_list/customer/hostname":["a & b","c\"d\n\u0001","é"],"representative@gsnumber":"40"}` {
		t.Errorf("merged = %s", got)
	}
	if (&extra{}).object() != "{}" {
		t.Error("empty extra is not {}")
	}
}

// Zero-padded IPv4 octets are numbers; anything else is kept as written.
func TestIPAddress(t *testing.T) {
	for in, want := range map[string]string{
		"010.000.000.001": "10.0.0.1", "192.168.001.020": "192.168.1.20", "10.0.0.1": "10.0.0.1",
		"256.1.1.1": "256.1.1.1", "2001:db8::1": "2001:db8::1", "1.2.3": "1.2.3", "": "", "a.b.c.d": "a.b.c.d", "0001.1.1.1": "0001.1.1.1",
	} {
		if got := ipAddress(in); got != want {
			t.Errorf("ipAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsLSID(t *testing.T) {
	for in, want := range map[string]bool{
		"3F0C2A9E8B7D4C1A9E6F5D4C3B2A1908": true, "e9e99aeb9ad54fb381634498502c5a1b": true,
		"e9e99aeb9ad54fb381634498502c5a1": false, "g9e99aeb9ad54fb381634498502c5a1b": false, "s1": false, "": false,
	} {
		if isLSID(in) != want {
			t.Errorf("isLSID(%q) = %v", in, !want)
		}
	}
}

// object writes few items without maps and many with them: both ways
// give the same JSON.
func TestObjectSmallAndLarge(t *testing.T) {
	paths := []string{"a", "b", "a/b", "@x", "c\"d", "é\n"}
	seed := uint32(1)
	rnd := func(n int) int {
		seed = seed*1664525 + 1013904223
		return int(seed>>16) % n
	}
	for round := 0; round < 2000; round++ {
		var x extra
		for i := rnd(33); i > 0; i-- {
			x.add(paths[rnd(len(paths))], paths[rnd(len(paths))]+"\x01\\")
		}
		if small, large := x.object(), x.objectLarge(); small != large {
			t.Fatalf("object %s, objectLarge %s", small, large)
		}
	}
}
