"""Helpers any app may use; they import no domain app (the ground floor of the
layers: common → domain apps → portal)."""
