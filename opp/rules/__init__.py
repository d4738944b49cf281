"""The law and school policy as pure functions of (pupil, date, settings). Everything else calls these."""
