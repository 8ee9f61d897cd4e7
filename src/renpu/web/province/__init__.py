"""The county's side of the province: what it sends (export) and what comes back (province findings)."""
