"""Data sources: survey exports and the complaints case database.

Each reader returns one normalised frame with the columns in
:data:`SOURCE_COLUMNS` and never drops a row; validation quarantines.
"""

from pipelines.sources.complaints import mask_url, read_complaint_cases
from pipelines.sources.errors import BatchError, SourceUnavailableError
from pipelines.sources.exports import detect_encoding
from pipelines.sources.frame import EXTRA_COLUMNS, SOURCE_COLUMNS
from pipelines.sources.surveys import read_survey_exports, read_survey_file

__all__ = [
    "EXTRA_COLUMNS",
    "SOURCE_COLUMNS",
    "BatchError",
    "SourceUnavailableError",
    "detect_encoding",
    "mask_url",
    "read_complaint_cases",
    "read_survey_exports",
    "read_survey_file",
]
