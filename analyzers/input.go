package analyzers

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/valyala/fastjson"
)

// inputValue turns a fact's JSON into the ast.Value Rego evaluates, with
// fastjson: several times faster than ast.ValueFromReader, which decodes
// through encoding/json and interface values.
func inputValue(p *fastjson.Parser, data []byte) (ast.Value, error) {
	v, err := p.ParseBytes(data)
	if err != nil {
		return nil, err
	}
	return toAST(v)
}

func toAST(v *fastjson.Value) (ast.Value, error) {
	switch v.Type() {
	case fastjson.TypeNull:
		return ast.Null{}, nil
	case fastjson.TypeTrue:
		return ast.Boolean(true), nil
	case fastjson.TypeFalse:
		return ast.Boolean(false), nil
	case fastjson.TypeNumber:
		return ast.Number(v.MarshalTo(nil)), nil
	case fastjson.TypeString:
		return ast.String(v.GetStringBytes()), nil
	case fastjson.TypeArray:
		items, _ := v.Array()
		terms := make([]*ast.Term, len(items))
		for i, it := range items {
			x, err := toAST(it)
			if err != nil {
				return nil, err
			}
			terms[i] = ast.NewTerm(x)
		}
		return ast.NewArray(terms...), nil
	case fastjson.TypeObject:
		obj, _ := v.Object()
		pairs := make([][2]*ast.Term, 0, obj.Len())
		var ferr error
		obj.Visit(func(k []byte, fv *fastjson.Value) {
			if ferr != nil {
				return
			}
			x, err := toAST(fv)
			if err != nil {
				ferr = err
				return
			}
			pairs = append(pairs, [2]*ast.Term{ast.StringTerm(string(k)), ast.NewTerm(x)})
		})
		if ferr != nil {
			return nil, ferr
		}
		return ast.NewObject(pairs...), nil
	}
	return nil, fmt.Errorf("unexpected JSON value %s", v.Type())
}
