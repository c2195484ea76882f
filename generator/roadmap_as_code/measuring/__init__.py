"""Measuring: progress, KPIs and health of a year, judged at an as-of date."""
