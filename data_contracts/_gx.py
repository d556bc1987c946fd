"""The GX classes the contracts use, imported from their defining modules.

``great_expectations.expectations`` re-exports them implicitly, which
``mypy --strict`` rejects; importing them here once keeps the suites typed.
"""

from __future__ import annotations

from great_expectations.data_context.data_context.abstract_data_context import (
    AbstractDataContext as AbstractDataContext,
)
from great_expectations.data_context.data_context.file_data_context import (
    FileDataContext as FileDataContext,
)
from great_expectations.expectations.core.expect_column_pair_values_a_to_be_greater_than_b import (
    ExpectColumnPairValuesAToBeGreaterThanB as ExpectColumnPairValuesAToBeGreaterThanB,
)
from great_expectations.expectations.core.expect_column_pair_values_to_be_equal import (
    ExpectColumnPairValuesToBeEqual as ExpectColumnPairValuesToBeEqual,
)
from great_expectations.expectations.core.expect_column_to_exist import (
    ExpectColumnToExist as ExpectColumnToExist,
)
from great_expectations.expectations.core.expect_column_values_to_be_between import (
    ExpectColumnValuesToBeBetween as ExpectColumnValuesToBeBetween,
)
from great_expectations.expectations.core.expect_column_values_to_be_in_set import (
    ExpectColumnValuesToBeInSet as ExpectColumnValuesToBeInSet,
)
from great_expectations.expectations.core.expect_column_values_to_be_in_type_list import (
    ExpectColumnValuesToBeInTypeList as ExpectColumnValuesToBeInTypeList,
)
from great_expectations.expectations.core.expect_column_values_to_be_null import (
    ExpectColumnValuesToBeNull as ExpectColumnValuesToBeNull,
)
from great_expectations.expectations.core.expect_column_values_to_be_unique import (
    ExpectColumnValuesToBeUnique as ExpectColumnValuesToBeUnique,
)
from great_expectations.expectations.core.expect_column_values_to_match_regex import (
    ExpectColumnValuesToMatchRegex as ExpectColumnValuesToMatchRegex,
)
from great_expectations.expectations.core.expect_column_values_to_not_be_null import (
    ExpectColumnValuesToNotBeNull as ExpectColumnValuesToNotBeNull,
)
from great_expectations.expectations.core.expect_compound_columns_to_be_unique import (
    ExpectCompoundColumnsToBeUnique as ExpectCompoundColumnsToBeUnique,
)
from great_expectations.expectations.core.expect_table_row_count_to_be_between import (
    ExpectTableRowCountToBeBetween as ExpectTableRowCountToBeBetween,
)
from great_expectations.expectations.expectation import Expectation as Expectation
