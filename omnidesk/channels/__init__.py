"""Channel adapters: how messages from the outside world become OmniDesk messages."""
