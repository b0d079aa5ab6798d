pytest_plugins = ["tests.servers.postgres", "tests.servers.dovecot", "tests.servers.smtp"]
