"""The one error a sheet build reports to its user: a single line in their terms."""


class SheetError(Exception):
    """Something the person building the sheet can fix: a wrong slug, a series too long to print."""
