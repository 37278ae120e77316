"""The faceted listing machinery every public listing of the directory shares."""
