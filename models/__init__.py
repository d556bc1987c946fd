"""Classifiers, training and model cards for coachlens."""
