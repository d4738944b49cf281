"""The signing round: letters out (brieven), signed pages back (scan), and the code on every page to sign."""
