"""OmniDesk: a native desktop shared inbox for small support teams."""

__version__ = "0.1.0"
APP_NAME = "OmniDesk"
