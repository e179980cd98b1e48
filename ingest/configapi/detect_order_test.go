package configapi

import (
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/review-tool/review/schema"
)

// fieldWords are every field a signature names, a perm_* field and two
// that none names: the words random objects are made of.
func fieldWords() []string {
	set := map[string]bool{"perm_x": true, "id": true, "comments": true}
	for _, s := range signatures {
		for _, l := range [][]string{s.all, s.any, s.none} {
			for _, n := range l {
				set[n] = true
			}
		}
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

// randomFields is an object of about a quarter of words; some have few
// fields, as real rows do, some many.
func randomFields(rng *rand.Rand, words []string) map[string]bool {
	f := map[string]bool{}
	p := 2 + rng.Intn(8)
	for _, w := range words {
		if rng.Intn(p) == 0 {
			f[w] = true
		}
	}
	return f
}

// withSignatures runs fn with the signatures list replaced by sigs.
func withSignatures(sigs []signature, fn func()) {
	saved := signatures
	signatures = sigs
	defer func() { signatures = saved }()
	fn()
}

// Detection gives the same answer whatever the order of the signatures:
// on every detection case, on every export the published schemas
// describe, and on random objects, keyed or not.
func TestDetectionIgnoresSignatureOrder(t *testing.T) {
	words := fieldWords()
	rng := rand.New(rand.NewSource(10))
	objects := make([]map[string]bool, 3000)
	for i := range objects {
		objects[i] = randomFields(rng, words)
	}
	want := make([][2][]schema.Kind, len(objects))
	for i, f := range objects {
		want[i] = [2][]schema.Kind{byContent(f, false), byContent(f, true)}
	}
	for round := 0; round < 20; round++ {
		shuffled := slices.Clone(signatures)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if round == 0 {
			slices.Reverse(shuffled)
		}
		withSignatures(shuffled, func() {
			for _, tt := range detectCases {
				if got, _ := Detect(tt.name, []byte(tt.head)); string(got) != tt.want {
					t.Errorf("round %d: Detect(%s, %s) = %q, want %q", round, tt.name, tt.head, got, tt.want)
				}
			}
			for _, tt := range distinctPropertyCases {
				if got, _ := Detect("export.json", []byte(tt.head)); string(got) != tt.want {
					t.Errorf("round %d: Detect(%s) = %q, want %q", round, tt.head, got, tt.want)
				}
			}
			if round < 3 { // the published exports are many: a few orders suffice
				eachExport(t, func(name, _ string, k *kind, f form) {
					if msg := detected(k.kind, f.text); msg != "" {
						t.Errorf("round %d: %s: %s", round, name, msg)
					}
				})
			}
			for i, f := range objects {
				for j, keyed := range []bool{false, true} {
					if got := byContent(f, keyed); !slices.Equal(got, want[i][j]) {
						t.Fatalf("round %d: fields %v (keyed %v): %v, in the list's own order %v", round, keys(f), keyed, got, want[i][j])
					}
				}
			}
		})
	}
}

// Where the first matching signature in the list used to decide, its kinds
// are still among the candidates: an object with the fields of one kind is
// that kind as before, and an object with the identifying fields of two
// unrelated kinds now lets the file name decide instead of the list order,
// so a file named for the kind it used to get still gets it.
func TestDetectionKeepsTheFirstMatch(t *testing.T) {
	words := fieldWords()
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 20000; i++ {
		f := randomFields(rng, words)
		anyPerm := f["perm_x"]
		got := decide(signatures, f, anyPerm)
		for _, s := range signatures {
			if s.match(f, anyPerm) {
				for _, k := range s.kinds {
					if !slices.Contains(got, k) {
						t.Fatalf("fields %v: %v, without %s that the first match gave", keys(f), got, k)
					}
				}
				break
			}
		}
	}
}

// The fields of two kinds that neither signature prefers are a tie: the
// file name decides, and without one the message names both. (The list
// order used to pick the security provider.)
func TestDetectionTieAsksForTheName(t *testing.T) {
	head := []byte(`[{"id": 1, "type": "ldap", "name": "Corp AD", "display_name": "Corp", "code_name": "corp"}]`)
	if k, _ := Detect("session-policy.json", head); k != schema.KindSessionPolicies {
		t.Errorf("Detect(session-policy.json) = %q, want the session policies the name says", k)
	}
	if k, _ := Detect("security-provider.json", head); k != schema.KindSecurityProviders {
		t.Errorf("Detect(security-provider.json) = %q, want the security providers the name says", k)
	}
	k, lookFor := Detect("export.json", head)
	if k != schema.KindUnknown || !strings.Contains(lookFor, "security-provider.json") || !strings.Contains(lookFor, "session-policy.json") {
		t.Errorf("Detect(export.json) = %q, %q; want no kind and a message naming both", k, lookFor)
	}
}

func keys(f map[string]bool) []string {
	out := make([]string, 0, len(f))
	for k := range f {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
