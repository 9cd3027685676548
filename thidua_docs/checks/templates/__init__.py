"""The template checker: ``check_template`` lists what editing a .docx template in Word broke,
``fix_template`` writes a copy with the mechanical repairs."""

from thidua_docs.checks.templates.checker import Finding, check_template, fix_template

__all__ = ["Finding", "check_template", "fix_template"]
