"""The command line: ``omnidesk <noun> <verb>``; headless, it never imports Qt."""
