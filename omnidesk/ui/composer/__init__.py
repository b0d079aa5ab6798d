"""The composer: replies and internal notes, their drafts, and the pre-send check."""
