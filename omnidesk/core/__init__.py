"""The domain: cases, ownership, threading, commitments and reply rules, in plain Python."""
