"""The canvass pages: households, persons, the other tables, search, monthly checks."""
