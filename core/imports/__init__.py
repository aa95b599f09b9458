"""Spreadsheet imports and exports: the pipeline, its staff pages and background tasks.

Apps describe a list (core.imports.base.Importer) and register it in core.registry.importers;
this package reads the file (core.sheets), checks and writes it in bulk, and runs the work
in a worker through Django's Tasks API.
"""
