"""As `auditor.warm`, for batches that make PDFs: WeasyPrint is loaded in the fork server too,
so the renderer each audit starts is ready at once."""

from .batch import warm

warm(pdf=True)
