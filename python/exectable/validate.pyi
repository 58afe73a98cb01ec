# Type stubs of exectable.validate (python/src/validate.rs).

from ._native import (
    ValidationReport as ValidationReport,
    validate_batch as validate_batch,
    validate_l2_table as validate_l2_table,
)
from ._native import validation_rules as rules

__all__ = ["ValidationReport", "rules", "validate_batch", "validate_l2_table"]
