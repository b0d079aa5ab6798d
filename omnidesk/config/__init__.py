"""Configuration: where files live, typed settings, and secrets in the OS keyring."""
