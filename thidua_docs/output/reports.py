"""What `thidua evaluate` writes: the explained selection (danh-gia.xlsx) and the award list."""

from __future__ import annotations

from thidua_docs.evaluation.selection import write_award_list, write_report_xlsx

__all__ = ["write_award_list", "write_report_xlsx"]
