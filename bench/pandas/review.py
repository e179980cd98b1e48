#!/usr/bin/python3
"""The pandas + openpyxl baseline of make bench (see bench/README.md).

    review.py DIR OUT.xlsx [AS_OF]

Reads a BeyondTrust export set as `review run` is given it (one folder per
source, plus roster.csv and licenses.csv in DIR), evaluates the rules of four
families (orphaned groups, lifecycle / stale seats, privilege / admin sprawl,
coverage / missing group policies) with DataFrame merges and group-bys,
writes a workbook with a Findings sheet (one row per finding) and an Accounts
sheet (every account) with openpyxl, and prints the findings' counts by rule
and source as its last line: {"rule-id": {"source": n}}.

AS_OF (YYYY-MM-DD) defaults to $AS_OF, else the as_of of the generated set
(DIR/expected-counts.json, the date bench/e2e gives review run), else
2025-11-22. Only that one field of expected-counts.json is read.

Needs pandas and openpyxl (Debian: python3-pandas python3-openpyxl).
"""
import fnmatch
import json
import os
import re
import sys

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

PARAMS = {
    "stale_days": 90,
    "new_account_grace_days": 30,
    "service_account_patterns": ["svc-*", "svc_*", "*-svc", "api-*"],
    "max_admins": 5,
    "max_admin_ratio": 0.05,
    "admin_stale_days": 30,
    "break_glass_accounts": [],
}

SEVERITY = {
    "orphaned-group-policy": "low", "group-policy-no-active-members": "low", "orphaned-team": "low",
    "orphaned-jump-group": "medium", "orphaned-vault-account-group": "medium",
    "stale-account": "medium", "never-logged-in": "medium", "terminated-user-enabled": "high",
    "account-not-in-roster": "medium", "license-over-assigned": "high", "disabled-account-retains-access": "low",
    "admin-count-exceeds-threshold": "medium", "admin-without-mfa": "high", "stale-admin": "high",
    "local-admin-account": "medium", "api-account-full-access": "medium",
    "user-without-group-policy": "medium", "unknown-group-policy": "medium",
}
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

# What each rule needs a source to have exported ("a|b": either), as in the
# rules' METADATA: a source without it is not checked by the rule.
REQUIRES = {
    "orphaned-group-policy": ["group_policies", "group_policy_members"],
    "group-policy-no-active-members": ["group_policies", "users", "group_policy_members|user_group_policies|user.group_policies"],
    "orphaned-team": ["teams", "team_users|user.teams", "group_policy_teams"],
    "orphaned-jump-group": ["jump_groups", "jump_group_users|user.jump_groups", "group_policy_jump_groups"],
    "orphaned-vault-account-group": ["vault_account_groups", "vault_account_group_users|user.vault_account_groups", "group_policy_vault_account_groups"],
    "stale-account": ["users|vendor_users", "user.enabled", "user.last_authentication"],
    "never-logged-in": ["users|vendor_users", "user.enabled", "user.last_authentication"],
    "terminated-user-enabled": ["roster", "user.enabled"],
    "account-not-in-roster": ["roster", "users", "user.enabled"],
    "license-over-assigned": ["licenses"],
    "disabled-account-retains-access": ["users", "user.enabled"],
    "admin-count-exceeds-threshold": ["users", "user.administrator", "user.enabled"],
    "admin-without-mfa": ["users", "user.administrator", "user.two_factor"],
    "stale-admin": ["users", "user.administrator", "user.last_authentication"],
    "local-admin-account": ["users", "user.administrator", "security_providers"],
    "api-account-full-access": ["api_accounts"],
    "user-without-group-policy": ["users", "user.enabled", "group_policy_members|user_group_policies|user.group_policies"],
    "unknown-group-policy": ["group_policies"],
}

# Configuration API files by name, with the parent id field of per-parent lists.
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

# Teams, Jump Groups, Vault account groups: group file, user rows and their
# group id field, group policy rows, the report column, the orphan rule.
GROUP_KINDS = {
    "team": ("teams", "team_users", "team_id", "group_policy_teams", "teams", "orphaned-team"),
    "jump-group": ("jump_groups", "jump_group_users", "jump_group_id", "group_policy_jump_groups", "jump_groups", "orphaned-jump-group"),
    "vault-account-group": ("vault_account_groups", "vault_account_group_users", "account_group_id",
                            "group_policy_vault_account_groups", "vault_account_groups", "orphaned-vault-account-group"),
}

USER_CAPS = {
    "enabled": "user.enabled", "last_authentication": "user.last_authentication",
    "created_at": "user.created_at", "perm_admin": "user.administrator",
    "two_factor_enabled": "user.two_factor", "fido2_credential_count": "user.two_factor",
    "email_address": "user.email", "security_provider_id": "user.security_provider",
    "security_provider_name": "user.security_provider", "account_expiration": "user.account_expiration",
    "group_policies": "user.group_policies", "teams": "user.teams",
    "jump_groups": "user.jump_groups", "vault_account_groups": "user.vault_account_groups",
}
VENDOR_CAPS = {
    "enabled": "user.enabled", "last_authenticated_date": "user.last_authentication",
    "account_expiration": "user.account_expiration", "email_address": "user.email",
}

# User Account Report headers (docs/inputs.md §2) to API field names.
REPORT_ALIASES = {
    "username": ["username", "user name", "login", "last authenticated as"],
    "public_display_name": ["public display name", "display name"],
    "private_display_name": ["private display name"],
    "email_address": ["email", "email address", "e-mail"],
    "security_provider_name": ["security provider", "provider", "authentication source"],
    "security_provider_id": ["security_provider_id"],
    "enabled": ["enabled", "account enabled"],
    "account_disabled": ["account disabled"],
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

BOOLS = {**dict.fromkeys(["yes", "true", "1", "y", "enabled", "x", "required", "active", "on"], True),
         **dict.fromkeys(["no", "false", "0", "n", "disabled", "optional", "inactive", "off"], False)}
NEVER = ["", "never", "-", "n/a", "null", "none"]
US_FORMATS = ["%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y"]
ROSTER_STATUS = {"active": "active", "true": "active", "1": "active", "enabled": "active",
                 "leave": "leave", "on leave": "leave", "leave of absence": "leave",
                 "terminated": "terminated", "inactive": "terminated", "disabled": "terminated",
                 "false": "terminated", "0": "terminated"}


# --- reading -----------------------------------------------------------------

def norm_header(h):
    return re.sub(r"[\s_\-\u00a0]", "", h.strip().lower())


def read_csv(path, aliases):
    """A CSV table with its columns renamed by alias (first alias wins)."""
    with open(path, encoding="utf-8-sig") as f:
        first = f.readline()
    df = pd.read_csv(path, sep=max(",;\t", key=first.count), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    index = {}
    for key, names in aliases.items():
        for n in names:
            index.setdefault(norm_header(n), key)
    rename, taken = {}, set()
    for col in df.columns:
        key = index.get(norm_header(col))
        if key and key not in taken:
            rename[col] = key
            taken.add(key)
    return df[list(rename)].rename(columns=rename)


def to_bool(s):
    return s.str.strip().str.lower().map(BOOLS).astype("boolean")


def to_time(s):
    """Report or API date-times as UTC timestamps; never/empty is NaT."""
    s = s.astype("string").str.strip()
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")
    live = s.notna() & ~s.str.lower().isin(NEVER)
    us = live & s.str.contains("/", regex=False)
    if us.any():
        for fmt in US_FORMATS:
            todo = us & out.isna()
            if not todo.any():
                break
            out[todo] = pd.to_datetime(s[todo], format=fmt, errors="coerce").dt.tz_localize("UTC")
    iso = live & ~us
    if iso.any():
        out[iso] = pd.to_datetime(s[iso], utc=True)
    return out


def read_json(path, parent):
    with open(path, encoding="utf-8-sig") as f:
        doc = json.load(f)
    if isinstance(doc, dict):  # an object keyed by the parent id
        doc = [{**row, parent: int(pid)} for pid, rows in doc.items() for row in rows]
    return pd.DataFrame.from_records(doc)


def read_report(path):
    df = read_csv(path, REPORT_ALIASES)
    fields = set(df.columns)
    # Enabled, else Account Disabled (inverted), else Status.
    enabled = df.pop("enabled") if "enabled" in df else None
    disabled = df.pop("account_disabled") if "account_disabled" in df else None
    status = df.pop("status") if "status" in df else None
    if enabled is not None:
        df["enabled"] = to_bool(enabled)
    elif disabled is not None:
        df["enabled"] = ~to_bool(disabled)
    elif status is not None:
        df["enabled"] = to_bool(status)
    for c in ("perm_admin", "two_factor_enabled"):
        if c in df:
            df[c] = to_bool(df[c])
    for c in ("last_authentication", "created_at", "account_expiration"):
        if c in df:
            df[c] = to_time(df[c])
    for c in ("fido2_credential_count", "security_provider_id"):
        if c in df:
            df[c] = pd.to_numeric(df[c].replace("", None)).astype("Int64")
    for c in ("public_display_name", "private_display_name", "email_address", "security_provider_name"):
        if c in df:
            df[c] = df[c].str.strip().replace("", None)
    fields = {"enabled" if f in ("account_disabled", "status") else f for f in fields}
    return df, fields


def read_source(path):
    frames, caps = {}, set()
    for name in sorted(os.listdir(path)):
        p = os.path.join(path, name)
        if name in KINDS:
            kind, parent = KINDS[name]
            frames[kind] = df = read_json(p, parent)
            caps.add(kind)
            if kind == "users":
                caps.add("user.id")
                caps.update(c for f, c in USER_CAPS.items() if f in df)
            elif kind == "vendor_users":
                caps.update(c for f, c in VENDOR_CAPS.items() if f in df)
        elif name.endswith(".csv"):
            frames["report"], fields = read_report(p)
            caps.add("users")
            caps.update(c for f, c in USER_CAPS.items() if f in fields)
        else:
            raise SystemExit(f"{p}: not an export this baseline reads")
    product = None
    for kind in ("users", "group_policies", "report"):
        df = frames.get(kind)
        if df is None:
            continue
        if "perm_access_allowed" in df:
            product = "pra"
        elif {"perm_support_allowed", "private_display_name", "rep_perm_status"} & set(df.columns):
            product = "rs"
        if product:
            break
    return frames, caps, product


def stack(sources, kind, columns):
    """One kind's rows of every source that exported it, with a source
    column, and at least these columns."""
    parts = []
    for name, (frames, _, _) in sources.items():
        df = frames.get(kind)
        if df is not None:
            parts.append(df.reindex(columns=columns).assign(source=name))
    if not parts:
        return pd.DataFrame(columns=columns + ["source"])
    return pd.concat(parts, ignore_index=True)


# --- facts -------------------------------------------------------------------

def load(top, as_of):
    sources = {}
    for name in sorted(os.listdir(top)):
        if os.path.isdir(os.path.join(top, name)):
            sources[name] = read_source(os.path.join(top, name))
    products = pd.Series({name: product for name, (_, _, product) in sources.items()}, name="product")

    providers = stack(sources, "security_providers", ["id", "name", "type", "enabled", "default_policy"])
    vendors = stack(sources, "vendors", ["id", "name", "default_policy"])

    # Accounts: API users, User Account Report rows, PRA vendor users.
    user_cols = ["id", "username", "public_display_name", "email_address", "security_provider_id", "enabled",
                 "last_authentication", "created_at", "account_expiration", "perm_admin", "two_factor_enabled",
                 "fido2_credential_count"]
    api = stack(sources, "users", user_cols)
    for c in ("last_authentication", "created_at", "account_expiration"):
        api[c] = to_time(api[c])
    api = api.merge(providers.rename(columns={"id": "security_provider_id", "name": "provider_name", "type": "provider_type",
                                              "enabled": "provider_enabled"}),
                    on=["source", "security_provider_id"], how="left")
    rep = stack(sources, "report", user_cols + ["security_provider_name", "group_policies", "teams", "jump_groups",
                                                "vault_account_groups"])
    rep = rep.rename(columns={"security_provider_name": "provider_name"})
    ven = stack(sources, "vendor_users", ["id", "vendor_id", "username", "public_display_name", "email_address", "enabled",
                                          "last_authenticated_date", "account_expiration", "is_expired", "two_factor_enabled"])
    ven = ven.rename(columns={"last_authenticated_date": "last_authentication"})
    for c in ("last_authentication", "account_expiration"):
        ven[c] = to_time(ven[c])
    ven = ven.merge(vendors.rename(columns={"id": "vendor_id", "name": "provider_name"}), on=["source", "vendor_id"], how="left")
    ven["provider_type"] = "vendor"
    ven["perm_admin"] = False

    acc = pd.concat([api.assign(kind="user", origin="api"), rep.assign(kind="user", origin="report"),
                     ven.assign(kind="vendor-user", origin="api")], ignore_index=True)
    acc.index.name = "akey"
    acc = acc.rename(columns={"email_address": "email", "perm_admin": "administrator",
                              "fido2_credential_count": "passwordless", "public_display_name": "display_name"})
    acc["product"] = acc["source"].map(products)
    for c in ("enabled", "administrator", "two_factor_enabled", "is_expired"):
        acc[c] = acc[c].astype("boolean")
    acc["provider_type"] = acc["provider_type"].str.lower()
    day = as_of.normalize()
    acc["days_since_last_auth"] = (day - acc["last_authentication"].dt.floor("D")).dt.days
    acc["days_since_created"] = (day - acc["created_at"].dt.floor("D")).dt.days
    acc["expired"] = acc["is_expired"].fillna(False) | (acc["account_expiration"].dt.floor("D") <= day)
    acc["enabled_true"] = acc["enabled"].fillna(False).astype(bool)
    acc["disabled_true"] = (~acc["enabled"]).fillna(False).astype(bool)
    acc["admin_true"] = acc["administrator"].fillna(False).astype(bool)
    acc["active"] = acc["enabled_true"] & ~acc["expired"]
    acc["enabled_admin"] = acc["enabled_true"] & acc["admin_true"]

    # Groups.
    gps = stack(sources, "group_policies", ["id", "name"])
    gps["lname"] = gps["name"].str.lower()
    groups = {kind: stack(sources, spec[0], ["id", "name"]).assign(lname=lambda d: d["name"].str.lower())
              for kind, spec in GROUP_KINDS.items()}

    # Memberships: one row per account (or unknown user id) and group it holds.
    ids = acc.loc[(acc["kind"] == "user") & acc["id"].notna(), ["source", "id"]].reset_index()
    ids["id"] = ids["id"].astype("int64")

    def by_user_id(df, group_col, kind, direct):
        df = df.rename(columns={group_col: "group_id"})[["source", "user_id", "group_id"]]
        df = df.astype({"user_id": "int64", "group_id": "int64"})
        df = df.merge(ids.rename(columns={"id": "user_id"}), on=["source", "user_id"], how="left")
        return df.assign(kind=kind, direct=direct)

    members = stack(sources, "group_policy_members", ["group_policy_id", "user_id", "distinguished_name", "group_name"])
    parts = [
        by_user_id(members[members["user_id"].notna()], "group_policy_id", "group-policy", True),
        by_user_id(stack(sources, "user_group_policies", ["user_id", "id"]).rename(columns={"id": "group_policy_id"}),
                   "group_policy_id", "group-policy", False),
    ]
    for kind, (_, users_file, id_col, _, _, _) in GROUP_KINDS.items():
        parts.append(by_user_id(stack(sources, users_file, ["user_id", id_col]), id_col, kind, True))
    # The report's membership columns name groups: resolve by name.
    named = {"group-policy": gps, **groups}
    for kind, column in [("group-policy", "group_policies")] + [(k, spec[4]) for k, spec in GROUP_KINDS.items()]:
        rows = acc.loc[acc[column].notna(), ["source", column]]
        if rows.empty:
            continue
        rows = rows[column].str.split(r"[;|\r\n]").explode().str.strip().to_frame("name").join(rows[["source"]])
        rows = rows[rows["name"].notna() & (rows["name"] != "")]
        if kind == "team":  # "Team A (lead)" is team Team A
            rows["name"] = rows["name"].str.replace(r"\s*\((?:member|lead|manager)\)$", "", regex=True, flags=re.I)
        rows["lname"] = rows["name"].str.lower()
        rows = rows.reset_index().merge(named[kind][["source", "lname", "id"]], on=["source", "lname"], how="left")
        parts.append(rows.rename(columns={"id": "group_id"})[["source", "akey", "group_id", "name"]]
                     .assign(kind=kind, direct=True))
    ms = pd.concat(parts, ignore_index=True)
    names = pd.concat([g[["source", "id", "name"]].assign(kind=k) for k, g in named.items()])
    names = names.drop_duplicates(["kind", "source", "id"]).rename(columns={"id": "group_id", "name": "group_name"})
    ms = ms.merge(names, on=["kind", "source", "group_id"], how="left")
    ms["name"] = ms["group_name"].fillna(ms["name"])
    ms["member"] = ms["akey"].astype("string").fillna("id:" + ms["user_id"].astype("string"))
    ms = ms.merge(acc[["active"]], left_on="akey", right_index=True, how="left")
    ms["active"] = ms["active"].fillna(False).astype(bool)

    # Roster: first row per email.
    roster = None
    if os.path.exists(os.path.join(top, "roster.csv")):
        roster = read_csv(os.path.join(top, "roster.csv"), ROSTER_ALIASES)
        roster["email"] = roster["email"].str.strip().str.lower()
        roster = roster[roster["email"] != ""].drop_duplicates("email")
        status = roster["status"].str.strip().str.lower().map(ROSTER_STATUS) if "status" in roster else None
        ended = to_time(roster["termination_date"]).dt.floor("D") <= day if "termination_date" in roster else False
        roster["terminated"] = (status == "terminated") | ended
        roster = roster.assign(roster_status=status)[["email", "roster_status", "terminated"]]
    email = acc["email"].str.strip().str.lower()
    upn = acc["username"].str.lower().where(acc["username"].str.contains("@", regex=False, na=False))
    acc["roster_key"] = email.where(email.notna() & (email != ""), upn)
    if roster is not None:
        m = acc[["roster_key"]].reset_index().merge(roster, left_on="roster_key", right_on="email", how="left").set_index("akey")
        acc["roster_matched"] = m["email"].notna()
        acc["roster_status"] = m["roster_status"]
        acc["roster_terminated"] = m["terminated"].fillna(False).astype(bool)

    licenses = None
    if os.path.exists(os.path.join(top, "licenses.csv")):
        licenses = read_csv(os.path.join(top, "licenses.csv"), LICENSE_ALIASES)
        licenses["purchased"] = licenses["purchased"].astype(int)
        if "source" not in licenses:
            licenses["source"] = ""

    caps = {name: c | ({"roster"} if roster is not None else set()) | ({"licenses"} if licenses is not None else set())
            for name, (_, c, _) in sources.items()}
    return dict(sources=sources, products=products, caps=caps, acc=acc, ms=ms, gps=gps, groups=groups, members=members,
                providers=providers, vendors=vendors, roster=roster, licenses=licenses)


# --- rules -------------------------------------------------------------------

def account_findings(acc, mask, rule, message):
    f = acc.loc[mask, ["source", "username", "display_name", "email"]].reset_index()
    f["message"] = message[mask].values if isinstance(message, pd.Series) else message
    return f.rename(columns={"username": "entity"}).assign(rule=rule, entity_type="account")


def date_text(ts):
    return ts.dt.strftime("%Y-%m-%d")


def evaluate(d, as_of):
    acc, ms, gps = d["acc"], d["ms"], d["gps"]
    asof = as_of.strftime("%Y-%m-%d")
    out = []
    user = acc["kind"] == "user"
    enabled = acc["enabled_true"]

    # Lifecycle (stale seats).
    days = acc["days_since_last_auth"]
    out.append(account_findings(acc, enabled & (days > PARAMS["stale_days"]), "stale-account",
               "last authenticated " + date_text(acc["last_authentication"]) + ", "
               + days.astype("Int64").astype(str) + " days before " + asof))
    never = enabled & acc["last_authentication"].isna() & (
        acc["created_at"].isna() | (acc["days_since_created"] > PARAMS["new_account_grace_days"]))
    out.append(account_findings(acc, never, "never-logged-in",
               ("never authenticated; created " + date_text(acc["created_at"])).fillna("never authenticated, no creation date")))
    if d["roster"] is not None:
        out.append(account_findings(acc, enabled & acc["roster_terminated"], "terminated-user-enabled",
                   "still enabled, but the roster marks the person as terminated (status "
                   + acc["roster_status"].fillna("not given") + ")"))
        patterns = re.compile("|".join(fnmatch.translate(p.lower()) for p in PARAMS["service_account_patterns"]))
        service = acc["username"].str.lower().str.match(patterns).fillna(False).astype(bool)
        out.append(account_findings(acc, user & enabled & ~acc["roster_matched"] & acc["username"].notna() & ~service,
                   "account-not-in-roster", "no person in the roster matches " + acc["roster_key"].fillna("(no email)")))
    direct = acc.index.isin(ms.loc[ms["direct"] & ms["akey"].notna(), "akey"])
    out.append(account_findings(acc, user & acc["disabled_true"] & direct, "disabled-account-retains-access",
               "disabled, but still a direct member of a group policy, team, Jump Group or Vault account group"))

    per_source = acc.groupby("source").agg(enabled_accounts=("enabled_true", "sum"), admins=("enabled_admin", "sum"))
    per_source = per_source.reindex(d["products"].index, fill_value=0)
    if d["licenses"] is not None:
        lic = d["licenses"].reset_index().rename(columns={"index": "row", "source": "applies_to"})
        lic = lic.merge(d["products"].rename_axis("source").reset_index(), on="product")
        lic = lic[(lic["applies_to"].fillna("") == "") | (lic["applies_to"] == lic["source"])]
        lic = lic.merge(per_source[["enabled_accounts"]], left_on="source", right_index=True)
        per_row = lic.groupby("row").agg(product=("product", "first"), seat_type=("seat_type", "first"),
                                         purchased=("purchased", "first"), applies_to=("applies_to", "first"),
                                         sources=("source", lambda s: ", ".join(sorted(s))), n=("source", "size"),
                                         enabled=("enabled_accounts", "sum"))
        over = per_row[(per_row["seat_type"].str.lower() == "named") & (per_row["enabled"] > per_row["purchased"])]
        src = over["applies_to"].where(over["applies_to"].fillna("") != "", over["sources"].where(over["n"] == 1, "*"))
        out.append(pd.DataFrame({"source": src, "entity": over["product"], "entity_type": "product",
                                 "rule": "license-over-assigned",
                                 "message": over["enabled"].astype(str) + " enabled accounts on " + over["sources"] + ", more than the "
                                 + over["purchased"].astype(str) + " named seats purchased"}))

    # Privilege (admin sprawl).
    over = per_source[(per_source["admins"] > PARAMS["max_admins"])
                      | ((per_source["enabled_accounts"] > 0)
                         & (per_source["admins"] / per_source["enabled_accounts"].where(per_source["enabled_accounts"] > 0) > PARAMS["max_admin_ratio"]))]
    out.append(pd.DataFrame({"source": over.index, "entity": over.index, "entity_type": "source",
                             "rule": "admin-count-exceeds-threshold",
                             "message": over["admins"].astype(str).values + " enabled administrators of "
                             + over["enabled_accounts"].astype(str).values + " enabled accounts"}))
    admin = user & enabled & acc["admin_true"]
    no_mfa = (acc["two_factor_enabled"] != True).fillna(True) & (acc["passwordless"].isna() | (acc["passwordless"] == 0))
    out.append(account_findings(acc, admin & no_mfa, "admin-without-mfa",
               "enabled administrator with neither two-factor authentication nor a passwordless (FIDO2) credential"))
    stale_admin = acc["last_authentication"].isna() | (days > PARAMS["admin_stale_days"])
    out.append(account_findings(acc, admin & stale_admin, "stale-admin",
               ("enabled administrator last authenticated " + date_text(acc["last_authentication"])).fillna(
                   "enabled administrator that never authenticated")))
    prov = d["providers"]
    directory = set(prov.loc[~prov["type"].fillna("").str.lower().isin(["local", ""]) & (prov["enabled"] != False), "source"])
    break_glass = {b.lower() for b in PARAMS["break_glass_accounts"]}
    local = admin & (acc["provider_type"] == "local") & acc["source"].isin(directory) & ~acc["username"].str.lower().isin(break_glass)
    out.append(account_findings(acc, local, "local-admin-account",
               "enabled administrator from the local security provider " + acc["provider_name"].fillna("(unnamed)")
               + ", while the source also has a directory provider"))
    apis = stack(d["sources"], "api_accounts", ["name", "enabled", "perm_command", "perm_configuration", "perm_backup"])
    full = (apis["enabled"] == True) & ((apis["perm_configuration"] == True) | (apis["perm_command"] == "full_access")
                                         | (apis["perm_backup"] == True))
    out.append(pd.DataFrame({"source": apis.loc[full, "source"], "entity": apis.loc[full, "name"], "entity_type": "api-account",
                             "rule": "api-account-full-access", "message": "enabled API account with full access"}))

    # Coverage (missing group policies).
    gp_ms = ms[(ms["kind"] == "group-policy") & ms["akey"].notna()]
    holds = acc.index.isin(gp_ms["akey"])
    out.append(account_findings(acc, user & enabled & ~holds & acc["default_policy"].isna(), "user-without-group-policy",
               "enabled user with no group policy, and its security provider " + acc["provider_name"].fillna("(none)")
               + " has no default policy"))
    known = gp_ms[["source", "group_id"]].merge(gps[["source", "id"]].drop_duplicates(), left_on=["source", "group_id"],
                                                right_on=["source", "id"], how="left")["id"].notna().values
    unknown = gp_ms[~known]
    names = unknown.assign(label=unknown["name"].fillna("#" + unknown["group_id"].astype("Int64").astype(str))) \
        .groupby("akey")["label"].agg(lambda s: ", ".join(sorted(set(s))))
    names.index = names.index.astype("int64")
    out.append(account_findings(acc, acc.index.isin(names.index), "unknown-group-policy",
               "names group policies the group policy export does not contain: " + names.reindex(acc.index)))

    # Orphaned groups.
    gp_members = ms[(ms["kind"] == "group-policy") & ms["group_id"].notna()].astype({"group_id": "int64"})
    gfacts = gp_members.groupby(["source", "group_id"]).agg(users=("member", "nunique"), enabled_users=("active", "sum"))
    members = d["members"]
    dirs = members[members["user_id"].isna() & (members["distinguished_name"].notna() | members["group_name"].notna())] \
        .groupby(["source", "group_policy_id"]).size().rename("directory_groups")
    defaults = pd.concat([d["providers"][["source", "default_policy"]], d["vendors"][["source", "default_policy"]]]).dropna()
    defaults = set(zip(defaults["source"], defaults["default_policy"].astype("int64")))
    g = gps.set_index(["source", "id"]).join(gfacts.rename_axis(["source", "id"])).join(dirs.rename_axis(["source", "id"]))
    g = g.fillna({"users": 0, "enabled_users": 0, "directory_groups": 0})
    is_default = g.index.isin(defaults)
    g = g.reset_index()
    orphan = (g["users"] + g["directory_groups"] == 0) & ~is_default
    out.append(pd.DataFrame({"source": g.loc[orphan, "source"], "entity": g.loc[orphan, "name"], "entity_type": "group-policy",
                             "rule": "orphaned-group-policy",
                             "message": "no members (no user, no directory group), and no security provider or vendor "
                                        "uses it as its default policy"}))
    inactive = (g["users"] > 0) & (g["directory_groups"] == 0) & (g["enabled_users"] == 0)
    out.append(pd.DataFrame({"source": g.loc[inactive, "source"], "entity": g.loc[inactive, "name"], "entity_type": "group-policy",
                             "rule": "group-policy-no-active-members",
                             "message": "its " + g.loc[inactive, "users"].astype(int).astype(str)
                                        + " members are all users and none is enabled"}))
    for kind, (_, _, id_col, policies_file, _, rule) in GROUP_KINDS.items():
        grp = d["groups"][kind]
        users = ms[(ms["kind"] == kind) & ms["group_id"].notna()].astype({"group_id": "int64"}) \
            .groupby(["source", "group_id"])["member"].nunique()
        pol = stack(d["sources"], policies_file, [id_col, "group_policy_id"]).groupby(["source", id_col])["group_policy_id"].nunique()
        key = pd.MultiIndex.from_frame(grp[["source", "id"]])
        orphan = ~key.isin(users.index) & ~key.isin(pol.index)
        out.append(pd.DataFrame({"source": grp.loc[orphan, "source"], "entity": grp.loc[orphan, "name"], "entity_type": kind,
                                 "rule": rule, "message": "no users, and no group policy assigns it"}))

    f = pd.concat(out, ignore_index=True)
    # Only on sources that exported what the rule needs.
    runs = {(rule, src) for rule, reqs in REQUIRES.items() for src, caps in d["caps"].items()
            if all(any(alt in caps for alt in req.split("|")) for req in reqs)}
    f = f[pd.MultiIndex.from_frame(f[["rule", "source"]]).isin(list(runs))]
    f["severity"] = f["rule"].map(SEVERITY)
    f["product"] = f["source"].map(d["products"]).fillna(f["entity"])
    f = f.assign(order=f["severity"].map(SEVERITY_ORDER), lentity=f["entity"].str.lower()) \
        .sort_values(["order", "rule", "source", "lentity"]).drop(columns=["order", "lentity"])
    return f


# --- the workbook ------------------------------------------------------------

def cells(df):
    """Rows of plain Python values: NaN/NaT as empty, times without zone."""
    df = df.copy()
    for c in df.columns:
        if isinstance(df[c].dtype, pd.DatetimeTZDtype):
            df[c] = df[c].dt.tz_localize(None)
    return df.astype(object).where(df.notna(), None).itertuples(index=False, name=None)


def sheet(wb, title, df):
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    if len(df):
        ws.auto_filter.ref = f"A1:{chr(ord('A') + len(df.columns) - 1)}{len(df) + 1}"
    bold = Font(bold=True)
    header = []
    for name in df.columns:
        c = WriteOnlyCell(ws, value=name)
        c.font = bold
        header.append(c)
    ws.append(header)
    for row in cells(df):
        ws.append(row)


def write(path, d, f):
    acc, ms = d["acc"], d["ms"]
    policies = ms[(ms["kind"] == "group-policy") & ms["akey"].notna()]
    policies = policies.assign(label=policies["name"].fillna("#" + policies["group_id"].astype("Int64").astype(str)))
    policies = policies.drop_duplicates(["akey", "label"]).sort_values("label").groupby("akey")["label"].agg("; ".join)
    counts = f["akey"].value_counts()
    accounts = pd.DataFrame({
        "Source": acc["source"], "Product": acc["product"], "Kind": acc["kind"], "ID": acc["id"].astype("Int64"),
        "Username": acc["username"], "Display Name": acc["display_name"], "Email": acc["email"],
        "Provider": acc["provider_name"], "Enabled": acc["enabled"], "Administrator": acc["administrator"],
        "2FA": acc["two_factor_enabled"], "Created": acc["created_at"], "Last Authentication": acc["last_authentication"],
        "Days Since": acc["days_since_last_auth"].astype("Int64"),
        "Group Policies": policies.reindex(acc.index.astype(float)).values,
        "Roster Match": acc.get("roster_matched"), "Roster Status": acc.get("roster_status"),
        "Findings": counts.reindex(acc.index.astype(float)).fillna(0).astype(int).values,
    }).sort_values(["Source", "Username"], key=lambda s: s.str.lower() if s.dtype == object else s)
    findings = f.rename(columns={"rule": "Rule", "severity": "Severity", "source": "Source", "product": "Product",
                                 "entity_type": "Entity Type", "entity": "Entity", "display_name": "Display Name",
                                 "email": "Email", "message": "Message"})
    findings = findings[["Rule", "Severity", "Source", "Product", "Entity Type", "Entity", "Display Name", "Email", "Message"]]
    wb = Workbook(write_only=True)
    sheet(wb, "Findings", findings)
    sheet(wb, "Accounts", accounts)
    wb.save(path)


def as_of_of(top):
    if os.environ.get("AS_OF"):
        return os.environ["AS_OF"]
    try:
        with open(os.path.join(top, "expected-counts.json")) as f:
            return json.load(f)["as_of"]
    except (OSError, KeyError, ValueError):
        return "2025-11-22"


def main():
    if len(sys.argv) not in (3, 4):
        raise SystemExit("usage: review.py DIR OUT.xlsx [AS_OF]")
    top, out = sys.argv[1], sys.argv[2]
    as_of = pd.Timestamp(sys.argv[3] if len(sys.argv) == 4 else as_of_of(top), tz="UTC")
    d = load(top, as_of)
    f = evaluate(d, as_of)
    write(out, d, f)
    counts = f.groupby(["rule", "source"]).size()
    result = {}
    for (rule, src), n in counts.items():
        result.setdefault(rule, {})[src] = int(n)
    print(f"{len(d['acc'])} accounts, {len(f)} findings", file=sys.stderr)
    print(json.dumps(result, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
