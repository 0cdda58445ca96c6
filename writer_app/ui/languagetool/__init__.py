"""LanguageTool in the GUI: connection on a worker, status, first-run download, preferences."""
