"""Layer 5 · render: a template and a context into the bytes of a .docx.

A sandboxed, autoescaped, strict Jinja environment over docxtpl's XML clean-up, each template
prepared once; the certificate-on-stock layout; where templates are found (the office's own folder
first, then the shipped ones).
"""
