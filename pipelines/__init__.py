"""Prefect flows and the small pure functions their tasks wrap."""
