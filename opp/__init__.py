"""opp: from a workbook of pupil data to the documents of passend onderwijs."""

__version__ = "0.1.0"
