"""Imported by the fork server a Dask worker starts for its audits: what every audit needs is
then loaded once, in a process that holds nothing of Dask's."""

from .batch import warm

warm(pdf=False)
