"""The speed benchmark: the guide's build against plain MkDocs, on synthetic catalogs of growing size."""
