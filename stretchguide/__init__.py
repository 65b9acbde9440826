"""The stretch guide: exercise entries turned into a website and printable sheets."""

__version__ = "0.1.0"
