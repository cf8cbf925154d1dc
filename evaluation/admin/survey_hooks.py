"""Wagtail hooks for survey (registered on import by evaluation/wagtail_hooks.py)."""
