"""Bulk open-data downloads: CSV, JSON and a Frictionless Data Package."""
