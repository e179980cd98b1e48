package located

import (
	"path"
	"strings"
)

// BaseName is how a file is named in --encoding and --date-order: its name
// without folders, and for an entry of a zip (site.zip!dir/users.csv) the
// entry's.
func BaseName(file string) string {
	if i := strings.LastIndexByte(file, '!'); i >= 0 {
		file = file[i+1:]
	}
	file = strings.ReplaceAll(file, `\`, "/")
	return path.Base(file)
}

// FlagArg writes a flag with a NAME=value argument as a user would type it
// in a shell: quoted when the name has characters a shell would split or
// expand.
func FlagArg(flag, name, value string) string {
	arg := name + "=" + value
	const plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/=+,:@"
	if strings.IndexFunc(arg, func(r rune) bool { return !strings.ContainsRune(plain, r) }) >= 0 {
		arg = "'" + strings.ReplaceAll(arg, "'", `'\''`) + "'"
	}
	return flag + " " + arg
}
