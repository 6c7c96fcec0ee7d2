"""The built site as readers use it: in Chromium, through its links, search, tags and palettes."""
