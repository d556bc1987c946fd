"""Deterministic demo data: survey exports, a complaints database, ground truth.

The CLI calls :func:`generate_demo_data`; see ``ground_truth.json`` in its
output for the planted patterns and mess that tests check against.
"""

from pipelines.demo_data.generate import FORMATS, DemoSummary, generate_demo_data

__all__ = ["FORMATS", "DemoSummary", "generate_demo_data"]
