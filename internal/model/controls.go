package model

// ControlRef names one control of one framework, as a rule's METADATA
// (custom.controls) or the --config file's controls: section maps a rule to
// it: the framework's key (soc2, pci-dss, or a company's own framework's
// name) and the control's id as the framework writes it (CC6.1, 8.2.6).
type ControlRef struct {
	Framework string
	ID        string
}

// Control is one entry of the control catalogue (docs/controls.md): the
// built-in catalogue's, or one a --config file added.
type Control struct {
	ControlRef
	// FrameworkName is the framework as shown (SOC 2, PCI DSS v4.0).
	FrameworkName string
	Title         string
	// Asks is what the control asks for, and Evidence what a finding of a
	// rule mapped to it shows against that, both in our own words; either
	// may be empty for a company's own control.
	Asks     string
	Evidence string
	// DefinedIn is "built-in", or FILE:LINE of the --config entry that
	// added it, so an auditor can tell the company's controls apart.
	DefinedIn string
	// Checks are the review's own checks (model.Checks) that evidence the
	// control besides its rules' findings: a revoke decided and not carried
	// out shows that credential removal did not operate.
	Checks []string
}

// CheckRevokeNotDone is the review's own check, with a previous run, that
// each Revoke decided then was carried out (StatusRevokeNotDone).
const CheckRevokeNotDone = "revoke-not-carried-out"

// Checks are the checks a control of the catalogue may name, with what
// each counts, as the Controls sheet and docs/controls.md say it.
var Checks = map[string]string{
	CheckRevokeNotDone: "revokes decided in the previous review and not carried out (with --previous)",
}

// Label is the control as one phrase: "SOC 2 CC6.1".
func (c Control) Label() string { return c.FrameworkName + " " + c.ID }

// ControlLabels are refs as Labels ("SOC 2 CC6.1"), in the order given,
// each named as the catalogue names its framework; a ref the catalogue
// lacks shows its framework key.
//
// One pass over the catalogue with the refs in a map, not a scan of the
// catalogue per ref: a --config file may add hundreds of thousands of
// controls and map one rule to all of them.
func ControlLabels(refs []ControlRef, catalogue []Control) []string {
	out := make([]string, len(refs))
	at := make(map[ControlRef][]int, len(refs))
	for i, ref := range refs {
		out[i] = ref.Framework + " " + ref.ID
		at[ref] = append(at[ref], i)
	}
	for _, c := range catalogue {
		if len(at) == 0 {
			break
		}
		for _, i := range at[c.ControlRef] {
			out[i] = c.Label()
		}
		delete(at, c.ControlRef)
	}
	return out
}
