"""Rendering documents: a sandboxed Jinja environment, the per-pupil context, batch writing and PDF."""
