package apischema

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
)

// Shapes is what the oracle tests need of one published OpenAPI document:
// for every GET path with a JSON 200 response, the shapes of the objects
// it returns (Doc.Variants), with every property's type, format, enum,
// bounds and nullability. It is derived from the document by Derive and
// committed (published/*.json), so that a clone of the repository tests
// against BeyondTrust's schemas with nothing beside it; when the document
// itself is at hand, TestPublishedShapesCurrent derives it again and fails
// on any difference.
type Shapes struct {
	// Document is the file the shapes were derived from, and SHA256 its
	// hash, so a reader of the committed file can tell which version.
	Document string `json:"document"`
	SHA256   string `json:"sha256"`
	// Lists holds, by path, the shapes GET path returns.
	Lists map[string][][]Property `json:"lists"`
	// Paged are the list paths whose GET takes per_page: the appliance
	// returns them a page (at most 100 objects) at a time.
	Paged []string `json:"paged"`
}

// Derive reads every GET path of the document with a JSON 200 response
// into Shapes. name and content name the document and give its hash.
func (d *Doc) Derive(name string, content []byte) (*Shapes, error) {
	paths, _ := d.root["paths"].(map[string]any)
	sum := sha256.Sum256(content)
	s := &Shapes{Document: name, SHA256: hex.EncodeToString(sum[:]), Lists: map[string][][]Property{}}
	for p := range paths {
		if !d.HasList(p) {
			continue
		}
		vs, err := d.Variants(p)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		s.Lists[p] = vs
		if d.takesPerPage(p) {
			s.Paged = append(s.Paged, p)
		}
	}
	slices.Sort(s.Paged)
	return s, nil
}

// takesPerPage says whether GET path has a per_page parameter, given
// itself or through a $ref.
func (d *Doc) takesPerPage(path string) bool {
	params, _ := dig(d.root, "paths", path, "get", "parameters").([]any)
	for _, p := range params {
		m, ok := p.(map[string]any)
		if !ok {
			continue
		}
		if m, err := d.resolve(m); err == nil && str(m, "name") == "per_page" {
			return true
		}
	}
	return false
}

// IsPaged says whether GET path takes per_page.
func (s *Shapes) IsPaged(path string) bool { return slices.Contains(s.Paged, path) }

// JSON is the committed form of the shapes: indented, keys sorted (Go's
// encoding of maps), enum values as the document gives them.
func (s *Shapes) JSON() []byte {
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		panic(fmt.Sprintf("apischema: encode shapes of %s: %v", s.Document, err))
	}
	return append(b, '\n')
}

// HasList says whether the document has a GET operation at path.
func (s *Shapes) HasList(path string) bool {
	_, ok := s.Lists[path]
	return ok
}

// Variants returns the shapes of the objects GET path returns, as
// Doc.Variants does.
func (s *Shapes) Variants(path string) ([][]Property, error) {
	vs, ok := s.Lists[path]
	if !ok {
		return nil, fmt.Errorf("%s: no GET %s with a JSON 200 response", s.Document, path)
	}
	return vs, nil
}

// ListItem returns the properties of every shape GET path returns, sorted
// by name, as Doc.ListItem does.
func (s *Shapes) ListItem(path string) ([]Property, error) {
	vs, err := s.Variants(path)
	if err != nil {
		return nil, err
	}
	return merged(vs), nil
}

//go:embed published/*.json
var published embed.FS

// Documents are the published documents whose shapes are committed: the
// Configuration API 1.10 of Privileged Remote Access and of Remote Support.
var Documents = []string{"pra-configuration-1.10.openapi.yaml", "rs-configuration-1.10.openapi.yaml"}

// ShapesFile is the committed file of a document's shapes, under the
// package's folder.
func ShapesFile(document string) string {
	return path.Join("published", strings.TrimSuffix(document, ".openapi.yaml")+".json")
}

// Published returns the committed shapes of one of Documents.
func Published(document string) (*Shapes, error) {
	if !slices.Contains(Documents, document) {
		return nil, fmt.Errorf("apischema: no committed shapes of %s (known: %s)", document, strings.Join(Documents, ", "))
	}
	b, err := published.ReadFile(ShapesFile(document))
	if err != nil {
		return nil, fmt.Errorf("apischema: %w", err)
	}
	return decodeShapes(b)
}

// decodeShapes reads committed shapes back, numbers as the document's
// YAML gave them: whole numbers as integers (an integer enum value must
// stay one, as the readers' columns expect), others as float64.
func decodeShapes(b []byte) (*Shapes, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var s Shapes
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("apischema: decode shapes: %w", err)
	}
	for _, vs := range s.Lists {
		for _, v := range vs {
			for i := range v {
				numbers(&v[i])
			}
		}
	}
	return &s, nil
}

// numbers turns the json.Number enum values of p (and of its items) into
// int or float64, as YAML decodes them.
func numbers(p *Property) {
	for i, e := range p.Enum {
		n, ok := e.(json.Number)
		if !ok {
			continue
		}
		if v, err := n.Int64(); err == nil {
			p.Enum[i] = int(v)
		} else if f, err := n.Float64(); err == nil {
			p.Enum[i] = f
		}
	}
	if p.Items != nil {
		numbers(p.Items)
	}
}
