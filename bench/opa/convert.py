#!/usr/bin/python3
"""Turn a BeyondTrust export set into the one JSON document `opa eval -i` reads.

    convert.py DIR OUT.json [AS_OF]

AS_OF (YYYY-MM-DD) defaults to $AS_OF, else the as_of of the generated set
(DIR/expected-counts.json, the date bench/e2e gives review run), else
2025-11-22. Only that one field of expected-counts.json is read.

DIR holds one folder per source (Configuration API JSON files, or a User
Account Report CSV with its group-policy JSON), plus roster.csv and
licenses.csv. This is the preparation an OPA user needs before `opa eval`:
OPA reads JSON (or YAML) only, so the CSV files become arrays of objects and
the per-parent lists (`{"12": [...]}`) become flat rows carrying the parent
id. Everything else is passed through as exported; the rules are all in Rego.

Stdlib only.
"""
import csv
import json
import os
import re
import sys
from datetime import datetime, timezone

# Configuration API files by name (the export script's names, docs/inputs.md §1),
# with the field that carries the parent id of a per-parent list.
KINDS = {
    "user.json": ("users", None),
    "group-policy.json": ("group_policies", None),
    "group-policy-member.json": ("group_policy_members", "group_policy_id"),
    "user-group-policies.json": ("user_group_policies", "user_id"),
    "team.json": ("teams", None),
    "team-user.json": ("team_users", "team_id"),
    "group-policy-team.json": ("group_policy_teams", "group_policy_id"),
    "jump-group.json": ("jump_groups", None),
    "jump-group-user.json": ("jump_group_users", "jump_group_id"),
    "group-policy-jump-group.json": ("group_policy_jump_groups", "group_policy_id"),
    "vault-account-group.json": ("vault_account_groups", None),
    "vault-account-group-user.json": ("vault_account_group_users", "account_group_id"),
    "group-policy-vault-account-group.json": ("group_policy_vault_account_groups", "group_policy_id"),
    "security-provider.json": ("security_providers", None),
    "session-policy.json": ("session_policies", None),
    "api-account.json": ("api_accounts", None),
    "vendor.json": ("vendors", None),
    "vendor-user.json": ("vendor_users", "vendor_id"),
}

# Fields of users / vendor users that let a rule run (the "requires" lists).
USER_CAPS = {
    "enabled": "user.enabled", "last_authentication": "user.last_authentication",
    "created_at": "user.created_at", "perm_admin": "user.administrator",
    "two_factor_enabled": "user.two_factor", "fido2_credential_count": "user.two_factor",
    "email_address": "user.email", "security_provider_id": "user.security_provider",
    "security_provider": "user.security_provider", "account_expiration": "user.account_expiration",
    "group_policies": "user.group_policies", "teams": "user.teams",
    "jump_groups": "user.jump_groups", "vault_account_groups": "user.vault_account_groups",
}
VENDOR_CAPS = {
    "enabled": "user.enabled", "last_authenticated_date": "user.last_authentication",
    "account_expiration": "user.account_expiration", "email_address": "user.email",
}

# User Account Report headers (docs/inputs.md §2), normalised, to API field names.
REPORT_ALIASES = {
    "username": ["username", "user name", "login", "last authenticated as"],
    "public_display_name": ["public display name", "display name"],
    "private_display_name": ["private display name"],
    "email_address": ["email", "email address", "e-mail"],
    "security_provider": ["security provider", "provider", "authentication source"],
    "security_provider_id": ["security_provider_id"],
    "enabled": ["enabled", "account enabled"],
    "disabled": ["account disabled"],
    "status": ["status"],
    "last_authentication": ["last authentication date", "last authentication", "last authenticated", "last login"],
    "created_at": ["created", "created at", "creation date"],
    "perm_admin": ["administrator", "is administrator", "admin"],
    "two_factor_enabled": ["two factor enabled"],
    "fido2_credential_count": ["passwordless authenticators", "fido2 credentials", "fido2_credential_count"],
    "account_expiration": ["account expiration date", "account expires"],
    "group_policies": ["group policies", "group policy memberships"],
    "teams": ["teams", "team memberships"],
    "jump_groups": ["jump groups", "jump group memberships"],
    "vault_account_groups": ["vault account groups", "vault account group memberships"],
}
ROSTER_ALIASES = {
    "email": ["email", "mail", "work_email", "employee email id", "userprincipalname", "upn"],
    "employee_id": ["employee_id", "employeeid", "employee id", "employeenumber"],
    "name": ["display_name", "name"],
    "status": ["status", "employment_status", "employee access status", "accountenabled"],
    "employee_type": ["employee_type", "employeetype", "employee type"],
    "termination_date": ["termination_date", "end_date", "leave_date", "employeeleavedatetime"],
    "manager": ["manager_email", "manager email id", "manager"],
    "department": ["department"],
}
LICENSE_ALIASES = {k: [k] for k in ("product", "seat_type", "purchased", "annual_cost_per_seat", "currency", "renewal_date", "source")}

TRUE = {"yes", "true", "1", "y", "enabled", "x", "required", "active", "on"}
FALSE = {"no", "false", "0", "n", "disabled", "optional", "inactive", "off"}
NEVER = {"", "never", "-", "n/a", "null", "none"}
US_FORMATS = ("%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y")


def norm_header(h):
    return re.sub(r"[\s_\-\u00a0]", "", h.strip().lower())


def header_map(fieldnames, aliases):
    """Maps each CSV header to our field name, the first alias winning."""
    index = {}
    for key, names in aliases.items():
        for n in names:
            index.setdefault(norm_header(n), key)
    out, taken = {}, set()
    for h in fieldnames:
        key = index.get(norm_header(h))
        if key and key not in taken:
            out[h] = key
            taken.add(key)
    return out


def parse_bool(s):
    s = s.strip().lower()
    if s in TRUE:
        return True
    if s in FALSE:
        return False
    return None


def parse_time(s):
    """A report date-time as RFC 3339 UTC, None for never."""
    s = s.strip()
    if s.lower() in NEVER:
        return None
    if "/" in s:
        for f in US_FORMATS:
            try:
                return datetime.strptime(s, f).strftime("%Y-%m-%dT%H:%M:%SZ")
            except ValueError:
                pass
        raise ValueError(f"not a date: {s!r}")
    t = datetime.fromisoformat(s.replace("Z", "+00:00"))
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def split_list(s):
    return [p.strip() for p in re.split(r"[;|\r\n]", s) if p.strip()]


def team_name(s):
    """'Team A (lead)' is team Team A."""
    m = re.fullmatch(r"(.*\S)\s*\((member|lead|manager)\)", s, re.IGNORECASE)
    return m.group(1) if m else s


def read_report(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
        f.seek(0)
        reader = csv.DictReader(f, delimiter=max(",;\t", key=first.count))
        cols = header_map(reader.fieldnames, REPORT_ALIASES)
        users = []
        for row in reader:
            u = {}
            for h, key in cols.items():
                v = row[h] or ""
                if key in ("enabled", "perm_admin", "two_factor_enabled"):
                    u[key] = parse_bool(v)
                elif key == "disabled":
                    b = parse_bool(v)
                    u["enabled"] = None if b is None else not b
                elif key == "status":
                    u["enabled"] = parse_bool(v)
                elif key in ("last_authentication", "created_at", "account_expiration"):
                    u[key] = parse_time(v)
                elif key in ("fido2_credential_count", "security_provider_id"):
                    u[key] = int(v) if v.strip() else None
                elif key in ("group_policies", "jump_groups", "vault_account_groups"):
                    u[key] = split_list(v)
                elif key == "teams":
                    u[key] = [team_name(t) for t in split_list(v)]
                else:
                    u[key] = v.strip() or None
            users.append(u)
        fields = {("enabled" if k in ("disabled", "status") else k) for k in cols.values()}
    return users, fields


def read_json(path, parent):
    with open(path, encoding="utf-8-sig") as f:
        doc = json.load(f)
    if isinstance(doc, dict):  # keyed by parent id
        rows = []
        for pid, items in doc.items():
            for it in items:
                it[parent] = int(pid)
                rows.append(it)
        return rows
    return doc


def product_of(src):
    for kind in ("users", "group_policies"):
        for row in src.get(kind, [])[:50]:
            if "perm_access_allowed" in row:
                return "pra"
            if "perm_support_allowed" in row or "private_display_name" in row or "rep_perm_status" in row:
                return "rs"
    return None


def read_source(path):
    src, caps = {}, set()
    for name in sorted(os.listdir(path)):
        p = os.path.join(path, name)
        if name in KINDS:
            kind, parent = KINDS[name]
            rows = read_json(p, parent)
            src[kind] = rows
            caps.add(kind)
            if kind == "users":
                caps.add("user.id")
                seen = set().union(*(r.keys() for r in rows)) if rows else set()
                caps.update(c for f, c in USER_CAPS.items() if f in seen)
            elif kind == "vendor_users":
                seen = set().union(*(r.keys() for r in rows)) if rows else set()
                caps.update(c for f, c in VENDOR_CAPS.items() if f in seen)
        elif name.endswith(".csv"):
            users, fields = read_report(p)
            src["users"] = src.get("users", []) + users
            caps.add("users")
            caps.update(c for f, c in USER_CAPS.items() if f in fields)
        else:
            raise SystemExit(f"{p}: not an export this baseline reads")
    src["product"] = product_of(src)
    src["capabilities"] = sorted(caps)
    return src


def read_table(path, aliases):
    with open(path, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
        f.seek(0)
        reader = csv.DictReader(f, delimiter=max(",;\t", key=first.count))
        cols = header_map(reader.fieldnames, aliases)
        return [{key: (row[h] or "").strip() or None for h, key in cols.items()} for row in reader]


def as_of_of(top):
    """The review date: $AS_OF, else the one the generated set was made for
    (what bench/e2e passes to review run --as-of), else the generator's default."""
    if os.environ.get("AS_OF"):
        return os.environ["AS_OF"]
    try:
        with open(os.path.join(top, "expected-counts.json")) as f:
            return json.load(f)["as_of"]
    except (OSError, KeyError, ValueError):
        return "2025-11-22"


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: convert.py DIR OUT.json [AS_OF]")
    top, out = sys.argv[1], sys.argv[2]
    as_of = sys.argv[3] if len(sys.argv) == 4 else as_of_of(top)
    doc = {"as_of": as_of, "sources": {}, "roster": None, "licenses": None}
    for name in sorted(os.listdir(top)):
        p = os.path.join(top, name)
        if os.path.isdir(p):
            doc["sources"][name] = read_source(p)
    roster = os.path.join(top, "roster.csv")
    if os.path.exists(roster):
        doc["roster"] = read_table(roster, ROSTER_ALIASES)
        for r in doc["roster"]:
            if r.get("termination_date"):
                r["termination_date"] = parse_time(r["termination_date"])[:10]
    licenses = os.path.join(top, "licenses.csv")
    if os.path.exists(licenses):
        doc["licenses"] = read_table(licenses, LICENSE_ALIASES)
        for l in doc["licenses"]:
            l["purchased"] = int(l["purchased"])
            if l.get("annual_cost_per_seat"):
                l["annual_cost_per_seat"] = float(l["annual_cost_per_seat"])
    for s in doc["sources"].values():
        if doc["roster"] is not None:
            s["capabilities"].append("roster")
        if doc["licenses"] is not None:
            s["capabilities"].append("licenses")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"), ensure_ascii=False)


if __name__ == "__main__":
    main()
